from __future__ import annotations

from django.shortcuts import get_object_or_404

from interviews.models import InterviewSession, JobDescription, Resume


def session_get_for_user(*, user, session_id: int) -> InterviewSession:
    """The user's own session, or 404 (another user's id is indistinguishable from a missing one)."""
    return get_object_or_404(InterviewSession.objects.select_related("resume", "job"), pk=session_id, user=user)


def session_list_for_user(*, user):
    return InterviewSession.objects.filter(user=user).select_related("job").order_by("-created_at")


def resume_get_for_user(*, user, resume_id: int) -> Resume:
    return get_object_or_404(Resume, pk=resume_id, user=user)


def resume_list_for_user(*, user):
    return Resume.objects.filter(user=user).defer("text")


def job_get_for_user(*, user, job_id: int) -> JobDescription:
    return get_object_or_404(JobDescription, pk=job_id, user=user)


def job_list_for_user(*, user):
    return JobDescription.objects.filter(user=user)
