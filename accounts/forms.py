from __future__ import annotations

from django import forms

from accounts.models import User, available_time_zones


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(available_time_zones())]


class SignupExtraForm(forms.Form):
    """Extra sign-up fields (allauth's ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        max_length=80, required=False, label="Display name", help_text="Optional. Shown instead of your email."
    )
    # Filled in by the browser (Intl API); anything unknown falls back to UTC.
    time_zone = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)

    def clean_time_zone(self) -> str:
        value = self.cleaned_data.get("time_zone") or "UTC"
        return value if value in available_time_zones() else "UTC"

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data.get("display_name", "").strip()
        user.time_zone = self.cleaned_data.get("time_zone") or "UTC"
        user.save(update_fields=["display_name", "time_zone"])


class ProfileForm(forms.ModelForm):
    time_zone = forms.TypedChoiceField(choices=time_zone_choices, label="Time zone")

    class Meta:
        model = User
        fields = ["display_name", "time_zone", "target_role", "experience_level"]
        labels = {"target_role": "Target role", "experience_level": "Experience level"}
