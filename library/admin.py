from django.contrib import admin
from django.db.models import Count

from library.models import AnswerRehearsal, SavedAnswer

CONTENT = ("title", "question", "category", "tags_text", "situation", "task", "action", "result", "text", "source")


class AnswerRehearsalInline(admin.TabularInline):
    model = AnswerRehearsal
    extra = 0
    fields = ("created_at", "session_id", "score", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SavedAnswer)
class SavedAnswerAdmin(admin.ModelAdmin):
    """For support: find and read a user's answers; the content itself stays the user's to change."""

    list_display = ("title", "user", "category", "source", "is_favorite", "rehearsals", "updated_at")
    list_filter = ("category", "source", "is_favorite")
    search_fields = ("title", "question", "tags_text", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    date_hierarchy = "updated_at"
    ordering = ("-updated_at",)
    list_per_page = 50
    inlines = [AnswerRehearsalInline]
    exclude = ("tags",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rehearsal_total=Count("rehearsals"))

    @admin.display(description="Rehearsals", ordering="rehearsal_total")
    def rehearsals(self, obj: SavedAnswer) -> int:
        return obj.rehearsal_total

    def get_readonly_fields(self, request, obj=None):
        readonly = ("tags_text", "created_at", "updated_at")
        return (*readonly, "user", *CONTENT, "is_favorite") if obj else readonly
