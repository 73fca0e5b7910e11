"""Forms of Game Tape: the calibration (self-rating) and a share link's lifetime."""

from __future__ import annotations

from django import forms

from interviews.selectors_review import DIMENSIONS, RATING_SCALE
from interviews.services.review import SHARE_DURATIONS

RATING_CHOICES = [(value, str(value)) for value in RATING_SCALE]
SHARE_CHOICES = [("24h", "24 hours"), ("7d", "7 days"), ("30d", "30 days")]


class CalibrationForm(forms.Form):
    """One 1–5 rating per dimension, all required (the "Skip" button posts none and is handled apart)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in DIMENSIONS:
            self.fields[key] = forms.TypedChoiceField(
                label=label,
                choices=RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Rate your {label.lower()} (1–5), or skip."},
            )

    def ratings(self) -> dict[str, int]:
        return {key: self.cleaned_data[key] for key, _ in DIMENSIONS}

    def rows(self):
        return [self[key] for key, _ in DIMENSIONS]


class ShareLinkForm(forms.Form):
    duration = forms.ChoiceField(label="Link valid for", choices=SHARE_CHOICES, initial="7d", widget=forms.RadioSelect)

    def clean_duration(self) -> str:
        value = self.cleaned_data["duration"]
        if value not in SHARE_DURATIONS:
            raise forms.ValidationError("Choose how long the link works.")
        return value
