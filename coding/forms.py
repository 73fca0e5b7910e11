from __future__ import annotations

from django import forms

from coding.models import Difficulty, Language, SubmissionKind
from coding.selectors import STATUS_FILTERS
from coding.services.drafts import MAX_CODE_CHARS
from coding.services.submissions import MAX_CUSTOM_INPUT_CHARS


class ProblemFilterForm(forms.Form):
    difficulty = forms.ChoiceField(required=False, choices=[("", "Any difficulty"), *Difficulty.choices])
    topic = forms.ChoiceField(required=False)
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status")] + [(s, s.capitalize()) for s in STATUS_FILTERS]
    )

    def __init__(self, *args, topics: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "Any topic")] + [(t, t.replace("-", " ").capitalize()) for t in topics]

    def filters(self) -> dict[str, str]:
        """The valid filters; an unknown value is ignored rather than an error (links get shared)."""
        self.is_valid()
        return {name: "" if name in self.errors else self.cleaned_data.get(name) or "" for name in self.fields}


class CodeField(forms.CharField):
    """Source text with line endings as the editor has them: browsers send form fields with CRLF."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class DraftForm(forms.Form):
    language = forms.ChoiceField(choices=Language.choices)
    code = CodeField(required=False, strip=False, max_length=MAX_CODE_CHARS)


class ResetForm(forms.Form):
    language = forms.ChoiceField(choices=Language.choices)


class SubmissionForm(forms.Form):
    language = forms.ChoiceField(choices=Language.choices)
    code = CodeField(strip=False, max_length=MAX_CODE_CHARS)
    kind = forms.ChoiceField(choices=SubmissionKind.choices, initial=SubmissionKind.SUBMIT)
    custom_input = CodeField(required=False, strip=False, max_length=MAX_CUSTOM_INPUT_CHARS)


class DiffForm(forms.Form):
    a = forms.IntegerField(min_value=1)
    b = forms.IntegerField(min_value=1)
