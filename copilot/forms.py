from __future__ import annotations

from django import forms

from copilot.ai.personas import PERSONAS
from copilot.models import QuestionType, Seniority

MAX_MESSAGE = 8000
PERSONA_CHOICES = [("", "Coach (default voice)"), *((p.key, p.name) for p in PERSONAS.values())]


def _area(rows: int, placeholder: str = "", **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "placeholder": placeholder, **attrs})


class MessageForm(forms.Form):
    content = forms.CharField(
        label="Message",
        max_length=MAX_MESSAGE,
        strip=True,
        widget=_area(3, "Ask about a question, an answer, a company… (Ctrl+Enter sends)"),
    )


class ConversationStartForm(MessageForm):
    persona = forms.ChoiceField(label="Voice", choices=PERSONA_CHOICES, required=False)


class RenameForm(forms.Form):
    title = forms.CharField(label="Title", max_length=120, strip=True)


class JobPrepForm(forms.Form):
    role = forms.CharField(label="Role title", max_length=120, required=False, strip=True)
    job_description = forms.CharField(
        label="Job description",
        min_length=40,
        max_length=20_000,
        strip=True,
        widget=_area(5, "Paste the job ad here"),
    )

    def message(self, *, default_role: str = "") -> str:
        """The chat message: our request, then the job description (the gateway delimits all of it as data)."""
        role = self.cleaned_data["role"] or default_role
        lead = f"Practice questions for the {role} role" if role else "Practice questions to get ready"
        return (
            f"{lead}: help me prepare with the job description below — what will they ask, and which of my "
            f"stories fit?\n\n---\n\n{self.cleaned_data['job_description']}"
        )


class StarForm(forms.Form):
    question = forms.CharField(label="Interview question", max_length=400, required=False, strip=True)
    situation = forms.CharField(
        label="Situation", max_length=2000, required=False, widget=_area(2, "Where, when, what was at stake")
    )
    task = forms.CharField(label="Task", max_length=2000, required=False, widget=_area(2, "What you had to do"))
    action = forms.CharField(
        label="Action", max_length=3000, required=False, widget=_area(3, "What you did, step by step")
    )
    result = forms.CharField(
        label="Result", max_length=2000, required=False, widget=_area(2, "What changed — numbers if you have them")
    )

    def clean(self):
        data = super().clean()
        filled = [part for part in ("situation", "task", "action", "result") if data.get(part, "").strip()]
        if len(filled) < 2:
            raise forms.ValidationError("Add notes for at least two parts of the story (say, action and result).")
        return data


TYPE_CHOICES = [("mixed", "Mixed"), *QuestionType.choices]


class QuestionGeneratorForm(forms.Form):
    role = forms.CharField(label="Role", max_length=120, strip=True)
    company = forms.CharField(label="Company", max_length=120, required=False, strip=True)
    seniority = forms.ChoiceField(label="Seniority", choices=Seniority.choices, initial=Seniority.ANY)
    type = forms.ChoiceField(label="Type", choices=TYPE_CHOICES, initial="mixed")
    count = forms.IntegerField(label="How many", min_value=1, max_value=10, initial=5)
