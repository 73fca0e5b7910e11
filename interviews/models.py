"""Interviews: resumes, job descriptions, sessions and everything recorded during one.

Session lifecycle (stored in ``InterviewSession.status``; transitions only through
``interviews.services.sessions.session_transition``, which uses a conditional UPDATE so two requests
can never both move a session):

    draft ──► ready ──► live ──► uploaded ──► analyzing ──► analyzed
                          │                      │  ▲            │
                          └──► failed ◄──────────┘  └────────────┘ (re-run)
                                  └─────────► analyzing (retry)
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models

from copilot.ai.personas import PERSONAS


def _resume_path(instance: Resume, filename: str) -> str:
    return f"resumes/{instance.user_id}/{uuid.uuid4().hex}{_suffix(filename)}"


def _suffix(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower()[:8] if dot != -1 else ""


class Resume(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resumes")
    name = models.CharField(max_length=120)
    original_filename = models.CharField(max_length=255)
    file = models.FileField(upload_to=_resume_path, max_length=255)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField()
    text = models.TextField(help_text="Text extracted at upload.")
    page_count = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.name


class JobDescription(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_descriptions")
    title = models.CharField(max_length=160, blank=True)
    company = models.CharField(max_length=160, blank=True)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-last_used_at"]

    def __str__(self) -> str:
        return self.title or self.text[:60]


class SessionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Ready"
    LIVE = "live", "Live"
    UPLOADED = "uploaded", "Uploaded"
    ANALYZING = "analyzing", "Analyzing"
    ANALYZED = "analyzed", "Analyzed"
    FAILED = "failed", "Failed"


class InterviewType(models.TextChoices):
    BEHAVIORAL = "behavioral", "Behavioral"
    TECHNICAL = "technical", "Technical"
    MIXED = "mixed", "Mixed"


class Background(models.TextChoices):
    OFFICE = "office", "Office"
    TECH_LAB = "tech_lab", "Tech Lab"
    CAFE = "cafe", "Café"
    STUDIO = "studio", "Studio"
    NIGHT_CITY = "night_city", "Night City"


class MediaMode(models.TextChoices):
    VIDEO = "video", "Camera and microphone"
    AUDIO = "audio", "Microphone only"
    TYPED = "typed", "Typed answers"


class InterviewSession(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_sessions")
    status = models.CharField(max_length=10, choices=SessionStatus.choices, default=SessionStatus.DRAFT, db_index=True)
    persona = models.CharField(max_length=16, default="professional")
    interview_type = models.CharField(max_length=12, choices=InterviewType.choices, default=InterviewType.BEHAVIORAL)
    question_count = models.PositiveSmallIntegerField(default=5)
    background = models.CharField(max_length=12, choices=Background.choices, default=Background.OFFICE)
    resume = models.ForeignKey(Resume, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")
    job = models.ForeignKey(JobDescription, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")
    target_role = models.CharField(max_length=120, blank=True)
    starting_question = models.TextField(blank=True)
    # The match analysis shown in the Green Room (MatchAnalysis as JSON, plus engine and notice).
    match = models.JSONField(default=dict, blank=True)
    media_mode = models.CharField(max_length=8, choices=MediaMode.choices, default=MediaMode.VIDEO)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    failure_reason = models.TextField(blank=True)
    # A retake re-asks one question of an earlier session, to compare the two answers side by side.
    retake_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="retakes")
    retake_turn_index = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"Interview {self.pk} ({self.status})"


class TurnKind(models.TextChoices):
    MAIN = "main", "Question"
    FOLLOW_UP = "follow_up", "Follow-up"


class AnswerMode(models.TextChoices):
    VOICE = "voice", "Spoken"
    TYPED = "typed", "Typed"


class SessionTurn(models.Model):
    """One question asked and its answer. Offsets are milliseconds on the session's recording timeline
    (see RecordingSegment.started_at_ms)."""

    session = models.ForeignKey(InterviewSession, on_delete=models.CASCADE, related_name="turns")
    index = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=TurnKind.choices, default=TurnKind.MAIN)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="follow_ups")
    question = models.TextField()
    question_source = models.CharField(max_length=20, blank=True, help_text="bank, model, offline, library, coach")
    question_key = models.CharField(max_length=80, blank=True)
    asked_at_ms = models.PositiveIntegerField(null=True, blank=True)
    answer_text = models.TextField(blank=True)
    answer_mode = models.CharField(max_length=6, choices=AnswerMode.choices, blank=True)
    answer_started_ms = models.PositiveIntegerField(null=True, blank=True)
    answer_ended_ms = models.PositiveIntegerField(null=True, blank=True)
    follow_up_reason = models.CharField(max_length=200, blank=True)
    engine = models.CharField(max_length=10, blank=True, help_text="Which engine chose this question.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "index"]
        constraints = [models.UniqueConstraint(fields=["session", "index"], name="interviews_turn_session_index")]

    def __str__(self) -> str:
        return f"{self.session_id}#{self.index}: {self.question[:50]}"


class RecordingSegment(models.Model):
    """One MediaRecorder run, uploaded in numbered chunks while it is made. A refresh or a crash starts a
    new segment; the analysis reads the segments in order, each placed at ``started_at_ms``."""

    session = models.ForeignKey(InterviewSession, on_delete=models.CASCADE, related_name="segments")
    index = models.PositiveSmallIntegerField()
    mime_type = models.CharField(max_length=100)
    path = models.CharField(max_length=255, help_text="Relative to MEDIA_ROOT; never served publicly.")
    size_bytes = models.PositiveBigIntegerField(default=0)
    chunk_count = models.PositiveIntegerField(default=0, help_text="Chunks received, in order; the next is this.")
    started_at_ms = models.PositiveIntegerField(default=0)
    complete = models.BooleanField(default=False)
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "index"]
        constraints = [models.UniqueConstraint(fields=["session", "index"], name="interviews_segment_session_index")]

    def __str__(self) -> str:
        return f"{self.session_id} segment {self.index} ({self.size_bytes} bytes)"


class EventKind(models.TextChoices):
    NUDGE_SILENCE = "nudge_silence", "Silence nudge"
    NUDGE_PACE = "nudge_pace", "Pace nudge"
    QUESTION = "question", "Question asked"
    ANSWER_START = "answer_start", "Answer started"
    ANSWER_END = "answer_end", "Answer ended"
    FOLLOW_UP = "follow_up", "Follow-up asked"
    NOTE = "note", "Note"


class TimelineEvent(models.Model):
    session = models.ForeignKey(InterviewSession, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices, db_index=True)
    offset_ms = models.PositiveIntegerField()
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "offset_ms"]

    def __str__(self) -> str:
        return f"{self.session_id} {self.kind} @ {self.offset_ms} ms"


AVATAR_MAX_BYTES = 30 * 1024 * 1024


def validate_glb(file) -> None:
    """Binary glTF 2.0 only (magic ``glTF``, version 2), at most ``AVATAR_MAX_BYTES``."""
    if file.size > AVATAR_MAX_BYTES:
        limit = AVATAR_MAX_BYTES // 1048576
        raise ValidationError(f"The avatar is {file.size // 1048576} MB; the limit is {limit} MB.")
    file.seek(0)
    header = file.read(8)
    file.seek(0)
    if header[:4] != b"glTF" or int.from_bytes(header[4:8], "little") != 2:
        raise ValidationError("This is not a binary glTF 2.0 (.glb) file.")


def _avatar_path(instance: PersonaAvatar, filename: str) -> str:
    return f"avatars/{instance.persona}-{uuid.uuid4().hex[:12]}.glb"


class PersonaAvatar(models.Model):
    """A staff-uploaded 3D interviewer (binary glTF) for one persona; without one the Arena draws its
    built-in head. Served only to signed-in candidates through ``interviews:arena_avatar``."""

    persona = models.CharField(max_length=16, unique=True, choices=[(p.key, p.name) for p in PERSONAS.values()])
    model_file = models.FileField(
        "GLB file",
        upload_to=_avatar_path,
        validators=[FileExtensionValidator(["glb"]), validate_glb],
        max_length=255,
        help_text="A .glb; mouth morph targets such as jawOpen, mouthOpen or viseme_aa move while it speaks.",
    )
    notes = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["persona"]

    def __str__(self) -> str:
        return f"Avatar for {self.persona}"


class AnalysisReport(models.Model):
    """The post-session analysis of one interview; re-running replaces it (idempotent on the media
    checksum and ``analysis_version``). While it runs, ``step`` and ``progress`` (0–100) show where it is.

    JSON shapes are documented in docs/scoring.md (metrics, scores with evidence, timeline markers,
    feedback per answer, drills)."""

    session = models.OneToOneField(InterviewSession, on_delete=models.CASCADE, related_name="report")
    analysis_version = models.CharField(max_length=20)
    media_checksum = models.CharField(max_length=64, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    step = models.CharField(max_length=20, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True, help_text="'<step>: <reason>' when the analysis failed.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    metrics = models.JSONField(default=dict, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    timeline = models.JSONField(default=list, blank=True)
    feedback = models.JSONField(default=list, blank=True)
    drills = models.JSONField(default=list, blank=True)
    # Calibration: the candidate's own ratings per dimension, given before seeing the scores.
    self_rating = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Report for interview {self.session_id} ({self.step or 'done'}, {self.progress} %)"


class ShareLink(models.Model):
    """A private, revocable, expiring read-only link to one report, for a mentor without an account."""

    session = models.ForeignKey(InterviewSession, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Share link for interview {self.session_id}"
