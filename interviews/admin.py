"""Staff views of résumés, job descriptions and sessions. Files are never linked from the admin."""

from django.contrib import admin

from interviews import admin_avatar  # noqa: F401 — registers PersonaAvatar with the admin
from interviews.models import InterviewSession, JobDescription, Resume, SessionTurn
from interviews.services.analysis import rerun_analysis_action
from interviews.services.resumes import resume_delete
from interviews.services.setup import session_delete


@admin.register(Resume)
class ResumeAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "original_filename", "content_type", "size_bytes", "page_count", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["name", "original_filename", "user__email"]
    # The stored file is shown by name only (no download link): candidates' files leave only through
    # the owner's download view.
    fields = ["user", "name", "original_filename", "content_type", "size_bytes", "page_count", "stored_file", "text"]
    readonly_fields = ["user", "original_filename", "content_type", "size_bytes", "page_count", "stored_file", "text"]

    @admin.display(description="Stored file")
    def stored_file(self, obj: Resume) -> str:
        return obj.file.name

    def has_add_permission(self, request) -> bool:
        return False  # résumés arrive through the Green Room, where their text is extracted

    def delete_model(self, request, obj: Resume) -> None:
        resume_delete(resume=obj)  # the file goes too

    def delete_queryset(self, request, queryset) -> None:
        for resume in queryset:
            resume_delete(resume=resume)


@admin.register(JobDescription)
class JobDescriptionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "company", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["title", "company", "user__email"]
    raw_id_fields = ["user"]


class SessionTurnInline(admin.TabularInline):
    model = SessionTurn
    fk_name = "session"
    fields = ["index", "kind", "question", "answer_mode", "answer_text", "answer_started_ms", "answer_ended_ms"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InterviewSession)
class InterviewSessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "status", "persona", "interview_type", "question_count", "created_at"]
    list_filter = ["status", "interview_type", "persona", "media_mode"]
    list_select_related = ["user"]
    search_fields = ["user__email", "target_role"]
    date_hierarchy = "created_at"
    inlines = [SessionTurnInline]
    actions = [rerun_analysis_action]
    # Status moves only through the state machine (interviews.services.sessions), never by hand here.
    readonly_fields = ["user", "status", "resume", "job", "match", "started_at", "finished_at", "failure_reason"]

    def has_add_permission(self, request) -> bool:
        return False  # sessions are created by the Green Room (draft → ready), not by hand

    def delete_model(self, request, obj: InterviewSession) -> None:
        session_delete(session=obj)  # the recordings go too

    def delete_queryset(self, request, queryset) -> None:
        for session in queryset:
            session_delete(session=session)
