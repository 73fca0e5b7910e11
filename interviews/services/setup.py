"""The Green Room's writes: job descriptions and interview sessions (create idempotently, delete with media)."""

from __future__ import annotations

import hashlib
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction

from copilot.ai import features
from interviews.models import InterviewSession, JobDescription, RecordingSegment, Resume, SessionStatus
from interviews.services.resumes import delete_stored_files
from interviews.services.sessions import session_transition

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SessionChoices:
    persona: str
    interview_type: str
    question_count: int
    background: str
    media_mode: str
    starting_question: str = ""
    target_role: str = ""


def job_save(*, user, text: str, title: str = "", company: str = "") -> JobDescription:
    """The user's job description with this text: the same text pasted again reuses (and refreshes) it."""
    text = text.strip()
    job = JobDescription.objects.filter(user=user, text=text).order_by("-last_used_at").first()
    if job is None:
        return JobDescription.objects.create(user=user, text=text, title=title.strip(), company=company.strip())
    job.title = title.strip() or job.title
    job.company = company.strip() or job.company
    job.save(update_fields=["title", "company", "last_used_at"])
    return job


def session_create(
    *,
    user,
    token: str,
    choices: SessionChoices,
    resume: Resume | None,
    job: JobDescription | None,
    match: dict,
) -> tuple[InterviewSession, bool]:
    """A new session in ``ready`` (draft → ready through the state machine), or the one this ``token``
    already made: returns ``(session, created)``.

    Idempotency: the setup form carries a random token; a double-clicked Start sends it twice. The user's
    row is locked (``select_for_update``; on SQLite the IMMEDIATE transaction already serialises writers)
    so the second request waits for the first and then finds its session by the token, which is kept in
    ``match["setup_token"]`` (the model has no column for it; see docs/architecture.md, Green Room).
    """
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        existing = InterviewSession.objects.filter(user=user, match__setup_token=token).first()
        if existing is not None:
            return existing, False
        session = InterviewSession.objects.create(
            user=user,
            status=SessionStatus.DRAFT,
            persona=choices.persona,
            interview_type=choices.interview_type,
            question_count=choices.question_count,
            background=choices.background,
            media_mode=choices.media_mode,
            starting_question=choices.starting_question,
            target_role=choices.target_role or (job.title if job else ""),
            resume=resume,
            job=job,
            match={**match, "setup_token": token},
        )
        session_transition(session=session, to=SessionStatus.READY)
    return session, True


def session_delete(*, session: InterviewSession) -> None:
    """Delete the session with its turns, events and segments; its recording files and folder go after the
    commit (a rolled-back delete keeps the files)."""
    paths = list(RecordingSegment.objects.filter(session=session).values_list("path", flat=True))
    folders = [session_media_folder(session.pk)]
    with transaction.atomic():
        session.delete()
        transaction.on_commit(lambda: delete_media(paths=paths, folders=folders))


def session_media_folder(session_id: int) -> str:
    return f"interviews/{session_id}"


def delete_media(*, paths: list[str], folders: list[str]) -> None:
    """Delete recording files (names relative to MEDIA_ROOT) and, on the local disk, their folders."""
    delete_stored_files(storage=default_storage, names=paths)
    root = Path(settings.MEDIA_ROOT).resolve()
    for folder in {*folders, *(str(Path(p).parent) for p in paths if p)}:
        target = (root / folder).resolve()
        if target == root or root not in target.parents:
            continue  # never outside MEDIA_ROOT, never MEDIA_ROOT itself
        shutil.rmtree(target, ignore_errors=True)


def user_media_names(*, user) -> tuple[list[str], list[str], list[str]]:
    """Résumé file names, recording paths and session folders of ``user`` (for deleting the account)."""
    resumes = [name for name in Resume.objects.filter(user=user).values_list("file", flat=True) if name]
    sessions = list(InterviewSession.objects.filter(user=user).values_list("pk", flat=True))
    paths = list(RecordingSegment.objects.filter(session__user=user).values_list("path", flat=True))
    return resumes, paths, [session_media_folder(pk) for pk in sessions]


MATCH_CACHE_SECONDS = 3600


def match_analyze(*, user, resume: Resume, job_text: str) -> dict:
    """The match analysis as a JSON-ready dict (what the page shows and the session keeps).

    Cached per user, résumé and job text for an hour, so pressing "Start" after "Analyse" does not call
    the model twice. Never raises on a model fault: the gateway falls back to the offline engine.
    """
    digest = hashlib.sha256(job_text.encode("utf-8")).hexdigest()[:32]
    key = f"interviews:match:{user.pk}:{resume.pk}:{resume.updated_at.timestamp():.0f}:{digest}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    result = features.match_analysis(user=user, resume=resume.text, job=job_text)
    value = result.value.model_dump(mode="json")
    match = {
        **value,
        "engine": result.engine,
        "engine_label": result.engine_label,
        "model": result.model,
        "notice": result.notice,
    }
    cache.set(key, match, MATCH_CACHE_SECONDS)
    return match
