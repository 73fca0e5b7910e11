"""Green Room forms and the upload handler that keeps a résumé upload within its limit."""

from __future__ import annotations

import uuid

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from copilot.ai.personas import PERSONAS
from interviews import extract
from interviews.models import Background, InterviewType, MediaMode
from interviews.selectors import job_list_for_user, resume_list_for_user

QUESTION_COUNT_MIN = 3
QUESTION_COUNT_MAX = 10
JOB_TEXT_MAX = 20_000
LIMIT_MB = extract.MAX_UPLOAD_BYTES // (1024 * 1024)


class UploadLimit(FileUploadHandler):
    """First in the handler chain: counts each file's bytes as they stream in. Past ``limit`` the rest of
    that file is skipped (``SkipFile``), but the other fields still arrive — so the job description and the
    choices the candidate typed survive an oversized upload. The skipped file's name lands in ``too_large``.
    The next handler (``TemporaryFileUploadHandler``) streams what passes to disk, never to memory."""

    def __init__(self, request=None, limit: int | None = None):
        super().__init__(request)
        self.limit = limit or extract.MAX_UPLOAD_BYTES
        self.received = 0
        self.too_large: dict[str, str] = {}

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large[self.field_name] = self.file_name
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def too_large_error(file_name: str) -> str:
    return (
        f"“{file_name}” is larger than the {LIMIT_MB} MB limit, so it was not uploaded. Export it again without "
        "embedded images or fonts, or upload a .docx or .txt version."
    )


class ResumeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class JobChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        label = " · ".join(part for part in (obj.title, obj.company) if part) or obj.text[:60]
        return f"{label} (used {obj.last_used_at:%b %-d})"


def persona_choices() -> list[tuple[str, str]]:
    return [(p.key, p.name) for p in PERSONAS.values()]


class SetupForm(forms.Form):
    """Everything the Green Room asks. Résumé and job description are optional (a quick rehearsal of one
    question needs neither), but the match analysis needs both."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    answer = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    resume = ResumeChoiceField(
        queryset=None, required=False, widget=forms.RadioSelect, empty_label=None, label="Saved résumés"
    )
    resume_file = forms.FileField(
        required=False,
        label="Upload a résumé",
        help_text=f"PDF, Word (.docx) or plain text, up to {LIMIT_MB} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt,application/pdf,text/plain"}),
    )
    resume_name = forms.CharField(
        max_length=120, required=False, label="Name it", help_text="For example “Backend 2026”."
    )
    job = JobChoiceField(queryset=None, required=False, label="A job description you used before")
    job_text = forms.CharField(
        required=False,
        max_length=JOB_TEXT_MAX,
        label="Job description",
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "Paste the job ad: responsibilities, requirements…"}),
        help_text="Paste a new one, or pick one you used before (pasted text wins).",
    )
    job_title = forms.CharField(max_length=160, required=False, label="Job title")
    job_company = forms.CharField(max_length=160, required=False, label="Company")
    persona = forms.ChoiceField(choices=persona_choices, widget=forms.RadioSelect, label="Interviewer")
    interview_type = forms.ChoiceField(
        choices=InterviewType.choices, widget=forms.RadioSelect, label="Type of interview"
    )
    question_count = forms.IntegerField(
        min_value=QUESTION_COUNT_MIN,
        max_value=QUESTION_COUNT_MAX,
        label="Number of questions",
        help_text=f"{QUESTION_COUNT_MIN} to {QUESTION_COUNT_MAX}; follow-ups come on top.",
    )
    background = forms.ChoiceField(choices=Background.choices, widget=forms.RadioSelect, label="Background")
    starting_question = forms.CharField(
        required=False,
        max_length=500,
        label="Start with this question",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional: the interviewer asks it first.",
    )
    media_mode = forms.ChoiceField(choices=MediaMode.choices, widget=forms.RadioSelect, label="How you will answer")

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {})
        initial = kwargs["initial"]
        initial.setdefault("token", uuid.uuid4().hex)
        initial.setdefault("persona", "professional")
        initial.setdefault("interview_type", InterviewType.BEHAVIORAL)
        initial.setdefault("question_count", 5)
        initial.setdefault("background", Background.OFFICE)
        initial.setdefault("media_mode", MediaMode.VIDEO)
        super().__init__(*args, **kwargs)
        self.fields["resume"].queryset = resume_list_for_user(user=user)
        self.fields["job"].queryset = job_list_for_user(user=user)
        self.fields["job"].empty_label = "— none, I’ll paste one —"
        if not initial.get("resume"):
            first = self.fields["resume"].queryset.first()
            if first is not None:
                initial["resume"] = first.pk

    def clean_job_text(self) -> str:
        return self.cleaned_data["job_text"].strip()

    @staticmethod
    def initial_from_query(query) -> dict:
        """``?question=`` from the Library or the Coach, ``?answer=<id>`` kept for the Library's rehearsal."""
        initial: dict = {"starting_question": (query.get("question") or "").strip()[:500]}
        answer = query.get("answer") or ""
        if answer.isdigit():
            initial["answer"] = int(answer)
        return initial


class ResumeRenameForm(forms.Form):
    name = forms.CharField(max_length=120, label="Name")

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give the résumé a name.")
        return name
