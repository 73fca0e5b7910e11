"""Recording uploads: numbered chunks appended, in order, to one file per segment while the interview runs.

Protocol (see ``interviews.views.arena``): the page opens a segment (``segment_open``) for each MediaRecorder
run, then sends chunk ``0, 1, 2 …`` of it as raw bytes. ``chunk_append`` is idempotent on ``seq``:

- ``seq == chunk_count``  → appended, ``chunk_count`` + 1;
- ``seq <  chunk_count``  → already stored: acknowledged, nothing written (a retry after a lost response);
- ``seq >  chunk_count``  → ``ChunkGap`` with the expected ``seq`` (the client resends from there).

The segment row is locked (``select_for_update``; on SQLite the IMMEDIATE transaction is the lock) for the whole
check-and-append, so two copies of one chunk arriving together never interleave bytes. Before writing, the file
is cut back to the committed ``size_bytes``: bytes written by a request that died before its commit are dropped.
Files live under ``MEDIA_ROOT/interviews/<session>/`` and are never served from a public URL.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum

from interviews.models import InterviewSession, RecordingSegment, SessionStatus

# What MediaRecorder produces in the browsers we support → the file extension.
MIME_EXTENSIONS = {
    "video/webm": "webm",
    "audio/webm": "webm",
    "audio/ogg": "ogg",
    "video/mp4": "mp4",
    "audio/mp4": "m4a",
}
MAX_SEGMENTS = 200


def chunk_max_bytes() -> int:
    """One chunk (~2 s of 720p video is well under 1 MB; the first one carries the header)."""
    return getattr(settings, "ARENA_CHUNK_MAX_BYTES", 4 * 1024 * 1024)


def session_max_bytes() -> int:
    """All segments of one session together (about an hour of 720p video)."""
    return getattr(settings, "ARENA_SESSION_MAX_BYTES", 600 * 1024 * 1024)


class UploadRefused(Exception):
    status = 400

    def __init__(self, message: str, **extra):
        super().__init__(message)
        self.extra = extra


class NotLive(UploadRefused):
    status = 409


class ChunkGap(UploadRefused):
    status = 409


class SegmentMissing(UploadRefused):
    status = 404


class TooLarge(UploadRefused):
    status = 413


class BadMediaType(UploadRefused):
    status = 415


@dataclass(frozen=True)
class ChunkResult:
    segment: RecordingSegment
    appended: bool  # False: a duplicate, acknowledged without writing

    @property
    def next_seq(self) -> int:
        return self.segment.chunk_count


def base_mime(content_type: str) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def session_dir(session: InterviewSession) -> Path:
    return Path(settings.MEDIA_ROOT) / "interviews" / str(session.pk)


def segment_file(segment: RecordingSegment) -> Path:
    return Path(settings.MEDIA_ROOT) / segment.path


def segment_open(*, session: InterviewSession, mime_type: str, started_at_ms: int) -> RecordingSegment:
    """A new segment after the last one (a reload or a new recorder run never reuses a segment)."""
    mime = base_mime(mime_type)
    if mime not in MIME_EXTENSIONS:
        raise BadMediaType(f"Recordings must be one of {', '.join(sorted(MIME_EXTENSIONS))}, not {mime or 'nothing'}.")
    with transaction.atomic():
        status = InterviewSession.objects.select_for_update().filter(pk=session.pk).values_list("status", flat=True)
        if status.first() != SessionStatus.LIVE:
            raise NotLive("This interview is not live, so it takes no recording.")
        last = RecordingSegment.objects.filter(session=session).aggregate(last=Max("index"))["last"]
        index = 0 if last is None else last + 1
        if index >= MAX_SEGMENTS:
            raise TooLarge(f"This interview already has {MAX_SEGMENTS} recording segments.")
        path = f"interviews/{session.pk}/segment-{index}.{MIME_EXTENSIONS[mime]}"
        segment = RecordingSegment.objects.create(
            session=session, index=index, mime_type=mime, path=path, started_at_ms=max(0, int(started_at_ms))
        )
    target = segment_file(segment)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"")  # a leftover file of a deleted session with the same id never leaks in
    return segment


def chunk_append(
    *, session: InterviewSession, segment_index: int, seq: int, data: bytes, content_type: str
) -> ChunkResult:
    """Append chunk ``seq`` of a segment; idempotent on ``seq`` (see the module docstring).

    Raises ``NotLive`` (409), ``ChunkGap`` (409, ``extra["expected"]``), ``TooLarge`` (413) or ``BadMediaType``
    (415). The segment row stays locked from the check to the commit.
    """
    if len(data) > chunk_max_bytes():
        raise TooLarge(f"A recording chunk may be at most {chunk_max_bytes() // 1024} KB; this one is larger.")
    if not data:
        raise UploadRefused("An empty chunk carries nothing to store.")
    with transaction.atomic():
        segment = RecordingSegment.objects.select_for_update().filter(session=session, index=segment_index).first()
        if segment is None:
            raise SegmentMissing("No such recording segment; open a new one.")
        # Read under the segment lock: session_finish takes the same locks before it moves the session on.
        status = InterviewSession.objects.filter(pk=session.pk).values_list("status", flat=True).first()
        if status != SessionStatus.LIVE:
            raise NotLive("This interview is no longer live, so it takes no more recording.")
        if base_mime(content_type) != segment.mime_type:
            raise BadMediaType(f"This segment records {segment.mime_type}; the chunk was sent as {content_type!r}.")
        if seq < segment.chunk_count:
            return ChunkResult(segment=segment, appended=False)
        if seq > segment.chunk_count:
            raise ChunkGap(f"Chunk {seq} arrived before chunk {segment.chunk_count}.", expected=segment.chunk_count)
        used = RecordingSegment.objects.filter(session=session).aggregate(total=Sum("size_bytes"))["total"] or 0
        if used + len(data) > session_max_bytes():
            raise TooLarge(
                f"This interview's recording reached its limit of {session_max_bytes() // 1048576} MB; "
                "the rest is not stored. Finish the interview, or continue with typed answers."
            )
        _write_at(segment_file(segment), offset=segment.size_bytes, data=data)
        segment.size_bytes += len(data)
        segment.chunk_count += 1
        segment.save(update_fields=["size_bytes", "chunk_count"])
    return ChunkResult(segment=segment, appended=True)


def _write_at(path: Path, *, offset: int, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("r+b" if path.exists() else "w+b") as handle:
        handle.truncate(offset)  # drop bytes of a request that died before its commit
        handle.seek(offset)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def segments_seal(*, session: InterviewSession) -> list[RecordingSegment]:
    """Mark every segment complete with the sha256 of its committed bytes. Called once the session has left
    ``live`` (no chunk can be appended any more), so it needs no lock; running it twice gives the same result."""
    sealed = []
    for segment in RecordingSegment.objects.filter(session=session).order_by("index"):
        digest = hashlib.sha256()
        path = segment_file(segment)
        if path.exists():
            with path.open("r+b") as handle:
                handle.truncate(segment.size_bytes)
                for block in iter(lambda h=handle: h.read(1024 * 1024), b""):
                    digest.update(block)
        segment.sha256 = digest.hexdigest()
        segment.complete = True
        segment.save(update_fields=["sha256", "complete"])
        sealed.append(segment)
    return sealed


def session_media_delete(*, session: InterviewSession) -> None:
    """Remove the session's recording files (call before deleting the session or its user)."""
    shutil.rmtree(session_dir(session), ignore_errors=True)
