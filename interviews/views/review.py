"""Game Tape: the review page (progress while analysing, the report when done), its media, PDF, calibration,
retakes and the mentor's share links.

Every owner view reads through ``review_session_get_for_user`` (another user's id is a 404). The shared page
and its media need no account: the token is the key, and an unknown, expired or revoked token is one 404.
"""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from accounts.decorators import candidate_required
from interviews import pdf
from interviews import selectors_review as reads
from interviews.forms_review import CalibrationForm, ShareLinkForm
from interviews.models import SessionStatus, SessionTurn
from interviews.services import review as review_service
from interviews.services.sessions import InvalidTransition

POLLING = {"pending", "analyzing"}
STEP_LABELS = {
    "queued": "waiting for a worker",
    "decode": "decoding the recording",
    "audio": "listening to your voice",
    "video": "watching your delivery on camera",
    "text": "reading your answers",
    "score": "scoring",
    "feedback": "writing feedback",
    "drills": "choosing your next drills",
    "done": "finishing",
}
CHUNK = 64 * 1024


# ------------------------------------------------------------------------------------------------ page
@candidate_required
@require_safe
def review(request, session_id: int):
    session = reads.review_session_get_for_user(user=request.user, session_id=session_id)
    data = reads.review_build(session=session, media_url=_owner_media(session))
    context = _context(request, data)
    if not request.htmx:
        response = render(request, "interviews/review.html", context)
    elif request.htmx.target == "progress" and data.state in POLLING:
        response = render(request, "interviews/review.html#progress", context)
    else:
        # The poll saw the analysis end (or a plain htmx load): the whole body swaps in for the progress card.
        response = render(request, "interviews/review.html#body", context)
        if request.htmx.target == "progress":
            response = reswap(retarget(response, "#review-body"), "outerHTML")
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _context(request, data: reads.Review, **extra) -> dict:
    return {
        "review": data,
        "session": data.session,
        "report": data.report,
        "state": data.state,
        "shared": False,
        "calibration_form": CalibrationForm(),
        "rating_scale": reads.RATING_SCALE,
        "step_label": STEP_LABELS.get(data.report.step, data.report.step) if data.report else "",
        **extra,
    }


@candidate_required
def review_retry(request, session_id: int):
    session = reads.review_session_get_for_user(user=request.user, session_id=session_id)
    if request.method != "POST":  # after the lookup: another user's id is a 404 whatever the method
        return HttpResponseNotAllowed(["POST"])
    try:
        review_service.analysis_retry(session=session)
    except InvalidTransition:
        messages.info(request, "The analysis is not failed any more — here is where it stands.")
    return _to_review(request, session.pk)


@candidate_required
def review_calibrate(request, session_id: int):
    session = reads.review_session_get_for_user(user=request.user, session_id=session_id)
    if request.method != "POST":  # after the lookup: another user's id is a 404 whatever the method
        return HttpResponseNotAllowed(["POST"])
    report = reads.report_or_none(session)
    if report is None or session.status != SessionStatus.ANALYZED:
        raise Http404("No report to calibrate yet.")
    if reads.is_calibrated(report):  # a second tab or a double click: the first answer stands
        return _to_review(request, session.pk)
    form = CalibrationForm(request.POST)
    skipped = "skip" in request.POST
    if not skipped and not form.is_valid():
        data = reads.review_build(session=session, media_url=_owner_media(session))
        context = {**_context(request, data), "calibration_form": form}
        template = "interviews/review.html#scores" if request.htmx else "interviews/review.html"
        return render(request, template, context, status=422)
    review_service.report_calibrate(report=report, ratings=None if skipped else form.ratings())
    if not request.htmx:
        return redirect(reverse("interviews:review", args=[session.pk]) + "#scores")
    data = reads.review_build(session=session, media_url=_owner_media(session))
    return render(request, "interviews/review.html#scores", _context(request, data))


@candidate_required
def review_retake(request, session_id: int, turn_index: int):
    session = reads.review_session_get_for_user(user=request.user, session_id=session_id)
    if request.method != "POST":  # after the lookup: another user's id is a 404 whatever the method
        return HttpResponseNotAllowed(["POST"])
    try:
        retake = review_service.session_retake_create(session=session, turn_index=turn_index)
    except SessionTurn.DoesNotExist as missing:
        raise Http404("No such answer.") from missing
    url = reverse("interviews:arena", args=[retake.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@candidate_required
@require_safe
def review_pdf(request, session_id: int):
    session = reads.review_session_get_for_user(user=request.user, session_id=session_id)
    if session.status != SessionStatus.ANALYZED or reads.report_or_none(session) is None:
        raise Http404("The report is not ready yet.")
    data = reads.review_build(session=session, media_url=_owner_media(session), with_history=False, reveal=True)
    response = HttpResponse(pdf.report_pdf(pdf.document_from_review(data)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="game-tape-{session.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# ------------------------------------------------------------------------------------------------ media
@candidate_required
@require_safe
def review_media(request, session_id: int, segment_index: int):
    session = reads.review_session_get_for_user(user=request.user, session_id=session_id)
    segment = reads.segment_get_for_session(session=session, segment_index=segment_index)
    return media_response(request, segment)


def _owner_media(session):
    return lambda index: reverse("interviews:review_media", args=[session.pk, index])


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """``(start, end)`` inclusive for a satisfiable single range, ``None`` when there is no usable Range
    (absent, another unit, several ranges: serve the whole file, as RFC 9110 allows), ``False`` when it
    cannot be satisfied (→ 416)."""
    header = (header or "").strip()
    if not header.startswith("bytes=") or "," in header:
        return None
    match = _RANGE.match(header.replace(" ", ""))
    if match is None:
        return False
    first, last = match.groups()
    if not first:
        if not last or int(last) == 0 or size == 0:
            return False
        return max(0, size - int(last)), size - 1  # suffix: the last N bytes
    start = int(first)
    end = size - 1 if not last else min(int(last), size - 1)
    if start >= size or (last and int(last) < start):
        return False
    return start, end


class RangeFileResponse(StreamingHttpResponse):
    """``length`` bytes of ``path`` from ``start``, read in 64 KB chunks. Under ASGI the chunks are read in a
    worker thread one at a time (a plain file response would be buffered whole by Django's ASGI handler)."""

    def __init__(self, path: Path, start: int, length: int, **kwargs):
        self._path, self._start, self._length = path, start, length
        super().__init__(self._chunks(), **kwargs)
        self["Content-Length"] = str(length)

    def _chunks(self):
        with self._path.open("rb") as handle:
            handle.seek(self._start)
            left = self._length
            while left > 0 and (chunk := handle.read(min(CHUNK, left))):
                left -= len(chunk)
                yield chunk

    async def __aiter__(self):
        handle = await asyncio.to_thread(self._path.open, "rb")
        try:
            await asyncio.to_thread(handle.seek, self._start)
            left = self._length
            while left > 0:
                chunk = await asyncio.to_thread(handle.read, min(CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
                yield chunk
        finally:
            await asyncio.to_thread(handle.close)


def _segment_path(segment) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / segment.path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise Http404("The recording is not available.")
    return path


def media_response(request, segment) -> HttpResponse:
    """The segment's bytes with Range support (206 / 416), never cached publicly, never sniffed."""
    path = _segment_path(segment)
    size = os.path.getsize(path)
    wanted = parse_range(request.headers.get("Range", ""), size)
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        start, end = wanted or (0, size - 1)
        status = 206 if wanted else 200
        response = RangeFileResponse(
            path, start, max(0, end - start + 1), status=status, content_type=reads.media_type(segment.mime_type)
        )
        if wanted:
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, max-age=0, must-revalidate"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response


# ------------------------------------------------------------------------------------------------ sharing
@candidate_required
@require_http_methods(["GET", "POST"])
def review_shares(request, session_id: int):
    session = reads.review_session_get_for_user(user=request.user, session_id=session_id)
    form = ShareLinkForm(request.POST or None)
    created = None
    status = 200
    if request.method == "POST":
        if session.status != SessionStatus.ANALYZED:
            form.add_error(None, "The report can be shared once the analysis has finished.")
        if form.is_valid():
            try:
                created = review_service.share_link_create(session=session, duration=form.cleaned_data["duration"])
                form = ShareLinkForm()
            except review_service.ShareLimitReached as limit:
                form.add_error(None, str(limit))
        status = 200 if created else 422
    context = {
        "session": session,
        "form": form,
        "links": reads.share_links_for_session(session=session),
        "created": created,
        "now": timezone.now(),
    }
    template = "interviews/share_manage.html#links" if request.htmx else "interviews/share_manage.html"
    return render(request, template, context, status=status)


@candidate_required
def review_share_revoke(request, session_id: int, link_id: int):
    link = reads.share_link_get_for_user(user=request.user, session_id=session_id, link_id=link_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    review_service.share_link_revoke(link=link)
    if not request.htmx:
        messages.success(request, "The link is revoked: it opens nothing any more.")
        return redirect("interviews:review_shares", session_id)
    session = link.session
    context = {
        "session": session,
        "form": ShareLinkForm(),
        "links": reads.share_links_for_session(session=session),
        "now": timezone.now(),
    }
    return render(request, "interviews/share_manage.html#links", context)


@require_safe
def share(request, token: str):
    link = reads.share_link_get_active(token=token)
    session = link.session
    if session.status != SessionStatus.ANALYZED:
        raise Http404("No such link.")
    review_service.share_link_record_view(link=link)
    data = reads.review_build(
        session=session,
        media_url=lambda i: reverse("interviews:share_media", args=[token, i]),
        reveal=True,
        with_history=False,  # a mentor sees this interview only, not the candidate's others
    )
    response = render(request, "interviews/share.html", {**_context(request, data), "shared": True, "link": link})
    return _private(response)


@require_safe
def share_media(request, token: str, segment_index: int):
    link = reads.share_link_get_active(token=token)
    if link.session.status != SessionStatus.ANALYZED:
        raise Http404("No such link.")
    segment = reads.segment_get_for_session(session=link.session, segment_index=segment_index)
    return _private(media_response(request, segment))


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def _to_review(request, session_id: int) -> HttpResponse:
    url = reverse("interviews:review", args=[session_id])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
