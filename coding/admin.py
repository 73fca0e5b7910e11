from django import forms
from django.contrib import admin, messages

from coding.models import Problem, TestCase
from coding.problem_bank import check_reference
from coding.sandbox.types import SandboxUnavailable
from coding.services_bank import SYNCED_FIELDS

LANGUAGES = ("python", "javascript", "java", "cpp")


class TestCaseInline(admin.StackedInline):
    model = TestCase
    extra = 0
    fields = (("index", "is_sample", "note"), "input", "expected_output")
    formfield_overrides = {
        forms.CharField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 100, "class": "vLargeTextField"})}
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "note":
            kwargs["widget"] = forms.TextInput(attrs={"size": 40})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "difficulty", "topic_list", "checker", "test_count", "position", "is_active")
    list_filter = ("difficulty", "checker", "is_active", "edited_by_staff")
    search_fields = ("slug", "title", "statement", "topics")
    list_editable = ("is_active",)
    readonly_fields = ("edited_by_staff", "created_at", "updated_at")
    ordering = ("position", "slug")
    list_per_page = 50
    inlines = [TestCaseInline]
    actions = ["validate_references"]
    fieldsets = (
        (None, {"fields": ("slug", "title", "difficulty", "topics", "position", "is_active", "edited_by_staff")}),
        ("Statement", {"fields": ("statement", "constraints", "hints")}),
        ("Judging", {"fields": ("time_limit_ms", "memory_limit_mb", "checker", "checker_tolerance")}),
        ("Code (per language: python, javascript, java, cpp)", {"fields": ("starter", "wrapper", "reference")}),
        ("History", {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description="Topics")
    def topic_list(self, obj: Problem) -> str:
        return ", ".join(obj.topics or [])

    @admin.display(description="Tests")
    def test_count(self, obj: Problem) -> int:
        return obj.tests.count()

    def save_model(self, request, obj, form, change):
        # The loader never overwrites a problem staff have touched (see load_problems).
        obj.edited_by_staff = True
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.has_changed():
            Problem.objects.filter(pk=form.instance.pk).update(edited_by_staff=True)

    @admin.action(description="Validate references (run every reference in all four languages in the sandbox)")
    def validate_references(self, request, queryset):
        """Runs synchronously: staff pick a few problems at a time (about 2 s per problem and language)."""
        from coding.sandbox import get_backend  # noqa: PLC0415 - probed only when the action runs

        try:
            backend = get_backend()
        except SandboxUnavailable as exc:
            self.message_user(request, f"No sandbox, nothing was run: {exc}", messages.ERROR)
            return
        failed = 0
        for problem in queryset.prefetch_related("tests"):
            data = {f: getattr(problem, f) for f in SYNCED_FIELDS}
            data["slug"] = problem.slug
            data["tests"] = [
                {"index": t.index, "input": t.input, "expected_output": t.expected_output, "is_sample": t.is_sample}
                for t in problem.tests.all()
            ]
            for language in LANGUAGES:
                if not data["reference"].get(language):
                    self.message_user(request, f"{problem.slug} [{language}]: no reference", messages.WARNING)
                    failed += 1
                    continue
                report = check_reference(backend, data, language)
                failed += not report.ok
                self.message_user(request, report.summary(), messages.SUCCESS if report.ok else messages.ERROR)
        if failed:
            self.message_user(request, f"{failed} reference run(s) failed.", messages.ERROR)
