from __future__ import annotations

from django import forms
from django.urls import reverse

from library.models import (
    PART_MAX,
    QUESTION_MAX,
    TAG_MAX,
    TAGS_PER_ANSWER,
    TEXT_MAX,
    TITLE_MAX,
    Category,
    SavedAnswer,
    Source,
)
from library.selectors import SORT_LABELS, AnswerFilters
from library.services import normalize_tags
from library.star_templates import StarTemplate

# Names another page may send to prefill (GET) or save directly (POST with save=1). Documented in
# docs/architecture.md; the Coach's STAR drafter and question generator use them.
PREFILL_FIELDS = ("title", "question", "category", "tags", "situation", "task", "action", "result", "text", "source")
STAR_FIELDS = ("situation", "task", "action", "result")
STAR_HELP = {
    "situation": "Where and when: the context in one or two sentences.",
    "task": "What you were responsible for.",
    "action": "What you did, step by step — say “I”.",
    "result": "What changed, in numbers if you can, and what you learned.",
}


def _textarea(rows: int, placeholder: str = "") -> forms.Textarea:
    attrs = {"rows": rows}
    if placeholder:
        attrs["placeholder"] = placeholder
    return forms.Textarea(attrs=attrs)


class AnswerForm(forms.ModelForm):
    tags = forms.CharField(
        required=False,
        max_length=(TAG_MAX + 2) * TAGS_PER_ANSWER,
        help_text=f"Comma-separated, up to {TAGS_PER_ANSWER} — e.g. conflict, leadership.",
    )
    situation = forms.CharField(required=False, max_length=PART_MAX, widget=_textarea(3))
    task = forms.CharField(required=False, max_length=PART_MAX, widget=_textarea(3))
    action = forms.CharField(required=False, max_length=PART_MAX, widget=_textarea(5))
    result = forms.CharField(required=False, max_length=PART_MAX, widget=_textarea(3))
    text = forms.CharField(
        label="Full answer",
        required=False,
        max_length=TEXT_MAX,
        widget=_textarea(8),
        help_text="The answer as you would say it. Leave empty to use the STAR parts.",
    )
    source = forms.ChoiceField(choices=Source.choices, initial=Source.WRITTEN, required=False, widget=forms.HiddenInput)
    idempotency_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = SavedAnswer
        fields = ["title", "question", "category", "tags", "situation", "task", "action", "result", "text"]
        fields += ["is_favorite"]
        widgets = {"question": _textarea(2)}
        labels = {"is_favorite": "Mark as favourite"}

    def __init__(self, *args, template: StarTemplate | None = None, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].max_length = TITLE_MAX
        self.fields["question"].max_length = QUESTION_MAX
        self.fields["question"].widget.attrs["maxlength"] = QUESTION_MAX
        guidance = template.guidance() if template else {}
        for name in STAR_FIELDS:
            self.fields[name].help_text = guidance.get(name) or STAR_HELP[name]
        if self.instance.pk and not self.is_bound:
            self.initial["tags"] = ", ".join(tag.name for tag in self.instance.tags.all())
        if not creating:
            # Where an answer came from does not change when it is edited.
            del self.fields["source"]
            del self.fields["idempotency_key"]

    def clean_source(self) -> str:
        return self.cleaned_data.get("source") or Source.WRITTEN

    def clean_tags(self) -> list[str]:
        raw = [part.strip() for part in self.cleaned_data["tags"].split(",") if part.strip()]
        too_long = [name for name in raw if len(name.lstrip("#").strip()) > TAG_MAX]
        if too_long:
            raise forms.ValidationError(f"Tags are at most {TAG_MAX} characters: {too_long[0][:40]}…")
        tags = normalize_tags(raw)
        if len({name.lstrip("#").strip().lower() for name in raw}) > TAGS_PER_ANSWER:
            raise forms.ValidationError(f"At most {TAGS_PER_ANSWER} tags.")
        return tags

    def star_fields(self):
        return [self[name] for name in STAR_FIELDS]

    def head_fields(self):
        return [self[name] for name in ("title", "question", "category", "tags")]


def prefill_initial(data) -> dict:
    """Initial values for the create form from another page's GET query or POST body. Unknown keys are
    ignored, lengths clipped; choices that are not valid fall back to the form's default."""
    initial = {}
    limits = {"title": TITLE_MAX, "question": QUESTION_MAX, "text": TEXT_MAX, "tags": 400}
    for name in PREFILL_FIELDS:
        value = data.get(name)
        if value:
            initial[name] = str(value)[: limits.get(name, PART_MAX)]
    if initial.get("category") not in Category.values:
        initial.pop("category", None)
    if initial.get("source") not in Source.values:
        initial.pop("source", None)
    return initial


class AnswerFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Title, question, story, tag…", "autocomplete": "off"}
        ),
    )
    category = forms.ChoiceField(label="Category", required=False, choices=[("", "All categories"), *Category.choices])
    tag = forms.ChoiceField(label="Tag", required=False)
    favorite = forms.BooleanField(label="Favourites only", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=list(SORT_LABELS.items()))

    def __init__(self, *args, tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [
            ("", "All tags"),
            *((tag.name, f"{tag.name} ({tag.answer_count})") for tag in tags),
        ]
        # Live search: each control asks for the results fragment itself (the <form> carries the target,
        # swap, push-url and include attributes they inherit); without JS the form is a plain GET.
        url = reverse("library:answer_list")
        for field in self.fields.values():
            field.widget.attrs["hx-get"] = url
        self.fields["q"].widget.attrs |= {
            "hx-trigger": "input changed delay:250ms, search",
            "data-library-search": "",
            "aria-controls": "answer-results",
            "aria-describedby": "search-help",
        }

    def filters(self) -> AnswerFilters:
        """Valid values only: a bad category or an unknown tag is ignored rather than an error page."""
        self.is_valid()
        data = self.cleaned_data
        return AnswerFilters(
            q=data.get("q") or "",
            category=data.get("category") or "",
            tag=data.get("tag") or "",
            favorite=bool(data.get("favorite")),
            sort=data.get("sort") or "",
        )
