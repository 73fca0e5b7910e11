from django.contrib import admin
from django.db.models import Count, Sum
from django.template.response import TemplateResponse
from django.urls import path

from copilot.ai.personas import PERSONAS
from copilot.ai.prompts import PROMPTS
from copilot.models import AIUsageDaily, ChatMessage, Conversation, Question

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


# --- AI usage and prompts


@admin.register(AIUsageDaily)
class AIUsageDailyAdmin(admin.ModelAdmin):
    """Read-only: rows are written by the gateway. The changelist shows totals for the current filter."""

    list_display = (
        "day",
        "user",
        "calls",
        "offline_calls",
        "prompt_tokens",
        "completion_tokens",
        "fallbacks",
        "limited",
    )
    list_filter = ("day", "user__tier")
    search_fields = ("user__email",)
    date_hierarchy = "day"
    list_select_related = ("user",)
    change_list_template = "admin/copilot/aiusagedaily/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context=extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            response.context_data["totals"] = changelist.queryset.aggregate(
                calls=Sum("calls"),
                offline_calls=Sum("offline_calls"),
                prompt_tokens=Sum("prompt_tokens"),
                completion_tokens=Sum("completion_tokens"),
                fallbacks=Sum("fallbacks"),
                limited=Sum("limited"),
                users=Count("user", distinct=True),
            )
        return response

    def get_urls(self):
        prompts_view = self.admin_site.admin_view(self.prompts_view)
        return [path("prompts/", prompts_view, name="copilot_prompts"), *super().get_urls()]

    def prompts_view(self, request):
        """Every prompt template with its version (read-only: prompts change in code, with a version bump)."""
        context = {
            **self.admin_site.each_context(request),
            "title": "Prompt templates",
            "prompts": sorted(PROMPTS.values(), key=lambda p: p.task),
            "personas": PERSONAS.values(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/copilot/prompts.html", context)


# --- Coach conversations (read-only, for support)


class ChatMessageInline(admin.TabularInline):
    model = ChatMessage
    extra = 0
    can_delete = False
    fields = ("created_at", "role", "status", "engine", "model", "truncated", "cancelled", "notice", "content")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "persona", "archived", "updated_at")
    list_filter = ("persona", "archived", "updated_at")
    search_fields = ("title", "user__email")
    list_select_related = ("user",)
    readonly_fields = ("user", "title", "persona", "archived", "created_at", "updated_at")
    inlines = [ChatMessageInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.method in {"GET", "HEAD"} and super().has_view_permission(request, obj)
