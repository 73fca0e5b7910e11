from django.contrib import admin

from copilot.models import Question

# --- question bank


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("key", "short_text", "role_family", "type", "competency", "difficulty", "seniority", "is_active")
    list_filter = ("role_family", "type", "difficulty", "seniority", "is_active", "edited_by_staff")
    search_fields = ("key", "text", "competency", "guidance")
    list_editable = ("is_active",)
    readonly_fields = ("edited_by_staff", "created_at", "updated_at")
    ordering = ("role_family", "type", "key")
    list_per_page = 50

    @admin.display(description="Question")
    def short_text(self, obj: Question) -> str:
        return obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"

    def save_model(self, request, obj, form, change):
        # The loader never overwrites a question staff have touched (see load_question_bank).
        obj.edited_by_staff = True
        super().save_model(request, obj, form, change)
