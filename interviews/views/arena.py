"""The Arena: the live interview page, its HTMX turns, the chunked recording upload and Finish.

Upload protocol (JSON, same origin, CSRF header):
  POST segments/                      {"mime_type", "started_at_ms"} → 201 {"index", "started_at_ms", "next_seq"}
  POST segments/<n>/chunks/<seq>      raw bytes, Content-Type = the segment's type → 200 {"next_seq", "stored"}
    409 {"error", "expected"} on a gap, 409 {"error", "status"} when the session is not live,
    413 too large, 415 wrong type, 404 unknown segment. A chunk already stored is acknowledged (200, stored=false).
"""

from __future__ import annotations

import json
from contextlib import suppress
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from accounts.decorators import candidate_required
from copilot.ai.personas import get_persona
from interviews import selectors_arena as arena_reads
from interviews.models import SessionStatus
from interviews.selectors import session_get_for_user
from interviews.services import arena as arena_service
from interviews.services import media
from interviews.services.sessions import InvalidTransition

# Speech-synthesis settings per persona; ``voices`` are preferred voice-name fragments, in order.
VOICES = {
    "friendly": {"rate": 1.0, "pitch": 1.15, "voices": ["Samantha", "Google UK English Female", "Female", "en-GB"]},
    "professional": {"rate": 0.96, "pitch": 1.0, "voices": ["Google US English", "Daniel", "Karen", "en-US"]},
    "challenging": {"rate": 1.08, "pitch": 0.82, "voices": ["Google UK English Male", "Alex", "Male", "en-GB"]},
}
LIVE_STATES = {SessionStatus.READY, SessionStatus.LIVE}


@candidate_required
@require_safe
def arena(request, session_id: int):
    session = session_get_for_user(user=request.user, session_id=session_id)
    if session.status == SessionStatus.DRAFT:
        return redirect("interviews:setup")
    if session.status not in LIVE_STATES:
        context = {"session": session, "segments": arena_reads.segments_for_session(session=session)}
        return render(request, "interviews/arena_done.html", context)
    # A full page load waits for a click (browsers speak and record only after a user gesture).
    context = _stage_context(session, turn=arena_reads.turn_current(session=session), lobby=not request.htmx)
    template = "interviews/arena.html#turn" if request.htmx else "interviews/arena.html"
    return render(request, template, context)


@candidate_required
@require_POST
def arena_begin(request, session_id: int):
    session = session_get_for_user(user=request.user, session_id=session_id)
    try:
        turn = arena_service.session_begin(session=session)
    except arena_service.NotLive:
        return _back_to_arena(request, session.pk)
    if not request.htmx:
        return redirect("interviews:arena", session.pk)
    return render(request, "interviews/arena.html#turn", _stage_context(session, turn=turn))


@candidate_required
@require_POST
def arena_answer(request, session_id: int, turn_id: int):
    turn = arena_reads.turn_get_for_user(user=request.user, session_id=session_id, turn_id=turn_id)
    session = turn.session
    typed = request.POST.get("text", "").strip()
    try:
        following = arena_service.turn_answer(
            session=session,
            turn=turn,
            text=typed or request.POST.get("transcript", ""),
            mode="typed" if typed or request.POST.get("mode") != "voice" else "voice",
            started_ms=_int(request.POST.get("started_ms")),
            ended_ms=_int(request.POST.get("ended_ms")),
        )
    except arena_service.NotLive:
        return _back_to_arena(request, session.pk)
    if not request.htmx:
        return redirect("interviews:arena", session.pk)
    return render(request, "interviews/arena.html#turn", _stage_context(session, turn=following))


@candidate_required
@require_POST
def arena_finish(request, session_id: int):
    session = session_get_for_user(user=request.user, session_id=session_id)
    # A second click, another tab, or a session never begun: the page shows where the session is.
    with suppress(InvalidTransition):
        arena_service.session_finish(session=session)
    return _back_to_arena(request, session.pk)


@candidate_required
@require_POST
def arena_segment_open(request, session_id: int):
    session = session_get_for_user(user=request.user, session_id=session_id)
    try:
        payload = json.loads(request.body or b"{}")
        clock = arena_service.session_clock_ms(session)
        started = min(max(0, int(payload.get("started_at_ms", clock))), clock)
        segment = media.segment_open(
            session=session, mime_type=str(payload.get("mime_type", "")), started_at_ms=started
        )
    except (ValueError, TypeError):
        return JsonResponse({"error": "Send JSON with mime_type and started_at_ms."}, status=400)
    except media.UploadRefused as refused:
        return _refused(refused, session)
    return JsonResponse({"index": segment.index, "started_at_ms": segment.started_at_ms, "next_seq": 0}, status=201)


@candidate_required
@require_POST
def arena_chunk(request, session_id: int, segment_index: int, seq: int):
    session = session_get_for_user(user=request.user, session_id=session_id)
    declared = _int(request.headers.get("Content-Length")) or 0
    if declared > media.chunk_max_bytes():
        return _refused(media.TooLarge(f"A recording chunk may be at most {media.chunk_max_bytes() // 1024} KB."))
    try:
        result = media.chunk_append(
            session=session,
            segment_index=segment_index,
            seq=seq,
            data=request.read(media.chunk_max_bytes() + 1),
            content_type=request.content_type or "",
        )
    except media.UploadRefused as refused:
        return _refused(refused, session)
    return JsonResponse({"next_seq": result.next_seq, "stored": result.appended})


@candidate_required
@require_safe
def arena_avatar(request, session_id: int):
    session = session_get_for_user(user=request.user, session_id=session_id)
    avatar = arena_reads.persona_avatar(persona=session.persona)
    if avatar is None:
        raise Http404("No avatar for this persona.")
    response = FileResponse(avatar.model_file.open("rb"), content_type="model/gltf-binary")
    response["Cache-Control"] = "private, max-age=3600"
    return response


# ------------------------------------------------------------------------------------------------
def _stage_context(session, *, turn, lobby: bool = False) -> dict:
    persona = get_persona(session.persona)
    avatar = arena_reads.persona_avatar(persona=session.persona)
    asked = arena_reads.main_questions_asked(session=session)
    return {
        "session": session,
        "persona": persona,
        "voice": VOICES.get(persona.key, VOICES["professional"]),
        "turn": turn,
        "lobby": lobby,
        "complete": turn is None and session.status == SessionStatus.LIVE and asked > 0,
        "question_number": asked,
        "clock_ms": arena_service.session_clock_ms(session),
        "background_url": background_url(session.background),
        "avatar_url": reverse("interviews:arena_avatar", args=[session.pk]) if avatar else "",
        # Live coaching's client (the live-coaching feature); without it the Arena runs with no nudges.
        "live_js": bool(finders.find("interviews/live.js")),
    }


@lru_cache(maxsize=16)
def background_url(key: str) -> str:
    """The Green Room's picture for ``key`` (whatever its format), or "" for the CSS gradient alone."""
    for extension in ("webp", "avif", "jpg", "jpeg", "png", "svg"):
        name = f"interviews/backgrounds/{key}.{extension}"
        if finders.find(name):
            return static(name)
    return ""


def _back_to_arena(request, session_id: int) -> HttpResponse:
    url = reverse("interviews:arena", args=[session_id])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _refused(refused: media.UploadRefused, session=None) -> JsonResponse:
    body = {"error": str(refused), **refused.extra}
    if isinstance(refused, media.NotLive) and session is not None:
        session.refresh_from_db(fields=["status"])
        body["status"] = session.status
    return JsonResponse(body, status=refused.status)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
