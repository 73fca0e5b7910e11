"""Reads for Game Tape (the review page, its PDF and the mentor's share page).

The report's JSON follows docs/scoring.md; everything here reads it defensively (a missing key is "not
measured", never an error), so a report written by an older pipeline still renders. The shaping functions
(``dimensions_view``, ``transcript_view`` ...) take plain data and do no queries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from copilot.markdown import render_markdown
from interviews import svg
from interviews.models import (
    AnalysisReport,
    InterviewSession,
    RecordingSegment,
    SessionStatus,
    SessionTurn,
    ShareLink,
)

DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("confidence", "Confidence"),
    ("clarity", "Clarity"),
    ("structure", "Structure"),
    ("engagement", "Engagement"),
    ("pace", "Pace"),
    ("presence", "Presence"),
)
RATING_SCALE = (1, 2, 3, 4, 5)
TREND_LENGTH = 10
MARKER_KINDS = {"strength", "gap", "nudge", "long_pause", "filler_burst", "looked_away", "question"}


def rating_to_score(rating: int) -> int:
    """A self-rating 1..5 as the middle of its fifth of the 0..100 score scale (1 → 10, 3 → 50, 5 → 90)."""
    return rating * 20 - 10


def clock(seconds: float | None) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a time on the recording."""
    if seconds is None:
        return ""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def safe_markdown(text: str) -> SafeString:
    return mark_safe(render_markdown(text))  # noqa: S308 — sanitized by copilot.markdown (nh3)


# ------------------------------------------------------------------------------------------------ access
def review_session_get_for_user(*, user, session_id: int) -> InterviewSession:
    """The user's own session with its report (or ``report_or_none`` None), or 404 for anyone else."""
    return get_object_or_404(InterviewSession.objects.select_related("report", "retake_of"), pk=session_id, user=user)


def report_or_none(session: InterviewSession) -> AnalysisReport | None:
    try:
        return session.report
    except AnalysisReport.DoesNotExist:
        return None


def segment_get_for_session(*, session: InterviewSession, segment_index: int) -> RecordingSegment:
    return get_object_or_404(RecordingSegment, session=session, index=segment_index, size_bytes__gt=0)


def share_link_get_active(*, token: str) -> ShareLink:
    """The live share link for ``token``; unknown, expired and revoked tokens are the same 404."""
    link = (
        ShareLink.objects.select_related("session", "session__report")
        .filter(token=token, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if link is None or not token:
        raise Http404("No such link.")
    return link


def share_links_for_session(*, session: InterviewSession) -> list[ShareLink]:
    return list(session.share_links.order_by("-created_at"))


def share_link_get_for_user(*, user, session_id: int, link_id: int) -> ShareLink:
    return get_object_or_404(ShareLink, pk=link_id, session_id=session_id, session__user=user)


# ------------------------------------------------------------------------------------------------ shapes
@dataclass
class Evidence:
    note: str
    kind: str
    polarity: str
    turn_index: int | None
    t_s: float | None

    @property
    def clock(self) -> str:
        return clock(self.t_s)


@dataclass
class Feedback:
    score: int | None
    strengths: list[SafeString]
    gaps: list[SafeString]
    rewrite: SafeString
    engine_label: str
    notice: str


def feedback_view(item: dict | None) -> Feedback | None:
    if not item:
        return None
    return Feedback(
        score=_int_or_none(item.get("score")),
        strengths=[safe_markdown(str(x)) for x in item.get("strengths") or []],
        gaps=[safe_markdown(str(x)) for x in item.get("gaps") or []],
        rewrite=safe_markdown(str(item.get("rewrite") or "")),
        engine_label=str(item.get("engine_label") or ""),
        notice=str(item.get("notice") or ""),
    )


@dataclass
class Dimension:
    key: str
    label: str
    score: int | None
    summary: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    self_rating: int | None = None  # 1..5
    self_score: int | None = None  # the rating on the 0..100 scale
    gap: int | None = None  # self_score - score
    previous: int | None = None
    delta: int | None = None


@dataclass
class Token:
    text: str
    t_s: float | None = None
    filler: bool = False
    hedge: bool = False
    word: bool = True


@dataclass
class Turn:
    index: int
    kind: str
    question: str
    start_s: float | None
    end_s: float | None
    tokens: list[Token]
    answered: bool
    feedback: Feedback | None = None
    feedback_raw: dict | None = None
    retake_id: int | None = None  # the newest retake of this answer

    @property
    def clock(self) -> str:
        return clock(self.start_s)


@dataclass
class Marker:
    kind: str
    label: str
    t_s: float
    end_s: float | None
    turn_index: int | None

    @property
    def clock(self) -> str:
        return clock(self.t_s)


@dataclass
class Tile:
    key: str
    label: str
    value: str
    unit: str
    target: str
    explanation: str
    status: str  # "in" | "out" | "none"
    previous: str = ""
    delta: str = ""


@dataclass
class ComparisonRow:
    label: str
    original: str
    retake: str
    delta: str
    better: bool | None


def _int_or_none(value) -> int | None:
    try:
        return None if value is None else round(float(value))
    except (TypeError, ValueError):
        return None


def _float_or_none(value) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def self_ratings(report: AnalysisReport | None) -> dict[str, int]:
    ratings = (report.self_rating or {}).get("ratings", {}) if report else {}
    return {k: int(v) for k, v in ratings.items() if isinstance(v, int) and v in RATING_SCALE}


def is_calibrated(report: AnalysisReport | None) -> bool:
    """The candidate has rated themself, or chosen to skip: the scores may be shown."""
    data = (report.self_rating or {}) if report else {}
    return bool(data.get("skipped") or data.get("ratings"))


def dimensions_view(
    scores: dict, *, ratings: dict[str, int] | None = None, previous: dict | None = None
) -> list[Dimension]:
    dims = (scores or {}).get("dimensions") or {}
    prev_dims = ((previous or {}).get("dimensions")) or {}
    result = []
    for key, label in DIMENSIONS:
        data = dims.get(key) or {}
        score = _int_or_none(data.get("score"))
        dim = Dimension(key=key, label=data.get("label") or label, score=score, summary=str(data.get("summary") or ""))
        for item in (data.get("evidence") or [])[:5]:
            dim.evidence.append(
                Evidence(
                    note=str(item.get("note") or item.get("kind") or ""),
                    kind=str(item.get("kind") or ""),
                    polarity="strength" if item.get("polarity") == "strength" else "gap",
                    turn_index=_int_or_none(item.get("turn_index")),
                    t_s=_float_or_none(item.get("t_s")),
                )
            )
        rating = (ratings or {}).get(key)
        if rating is not None:
            dim.self_rating = rating
            dim.self_score = rating_to_score(rating)
            dim.gap = None if score is None else dim.self_score - score
        dim.previous = _int_or_none((prev_dims.get(key) or {}).get("score"))
        if dim.previous is not None and score is not None:
            dim.delta = score - dim.previous
        result.append(dim)
    return result


def calibration_gap(dimensions: Iterable[Dimension]) -> float | None:
    """Mean absolute gap between self-rating and score over the rated, measured dimensions."""
    gaps = [abs(d.gap) for d in dimensions if d.gap is not None]
    return round(sum(gaps) / len(gaps), 1) if gaps else None


_WORD = re.compile(r"\S+|\s+")


def transcript_tokens(
    text: str,
    *,
    start_s: float | None,
    end_s: float | None,
    fillers: Sequence[tuple[int, int]] = (),
    hedges: Sequence[tuple[int, int]] = (),
) -> list[Token]:
    """The answer split into words and spaces. A word's time is estimated by its character position inside the
    answer's span on the recording (linear); filler and hedge spans (character offsets) mark their words."""
    tokens: list[Token] = []
    length = max(len(text), 1)
    timed = start_s is not None and end_s is not None and end_s > start_s
    for match in _WORD.finditer(text):
        chunk = match.group(0)
        if chunk.isspace():
            tokens.append(Token(text=chunk, word=False))
            continue
        a, b = match.span()
        t_s = round(start_s + (end_s - start_s) * a / length, 2) if timed else None  # type: ignore[operator]
        tokens.append(
            Token(
                text=chunk,
                t_s=t_s,
                filler=any(a < f_end and f_start < b for f_start, f_end in fillers),
                hedge=any(a < h_end and h_start < b for h_start, h_end in hedges),
            )
        )
    return tokens


def _spans_by_turn(items: Iterable[dict], text_by_turn: dict[int, str]) -> dict[int, list[tuple[int, int]]]:
    """Character spans per turn, kept only when they point at the word they name (a span into a server
    transcript that the page does not show would highlight the wrong word)."""
    result: dict[int, list[tuple[int, int]]] = {}
    for item in items or []:
        index, span = _int_or_none(item.get("turn_index")), item.get("span")
        if index is None or not isinstance(span, list | tuple) or len(span) != 2:
            continue
        text = text_by_turn.get(index, "")
        a, b = int(span[0]), int(span[1])
        word = str(item.get("word") or "").lower()
        if 0 <= a < b <= len(text) and (not word or text[a:b].lower() == word):
            result.setdefault(index, []).append((a, b))
    return result


def transcript_view(turns: Sequence[SessionTurn], metrics: dict, feedback: Sequence[dict]) -> list[Turn]:
    texts = {t.index: t.answer_text for t in turns}
    fillers = _spans_by_turn(((metrics or {}).get("fillers") or {}).get("items") or [], texts)
    hedges = _spans_by_turn(((metrics or {}).get("hedges") or {}).get("items") or [], texts)
    answers = {_int_or_none(a.get("turn_index")): a for a in (metrics or {}).get("answers") or []}
    notes = {_int_or_none(f.get("turn_index")): f for f in feedback or []}
    result = []
    for turn in turns:
        answer = answers.get(turn.index) or {}
        start_s = _float_or_none(answer.get("start_s"))
        end_s = _float_or_none(answer.get("end_s"))
        if start_s is None and turn.answer_started_ms is not None:
            start_s = turn.answer_started_ms / 1000
        if end_s is None and turn.answer_ended_ms is not None:
            end_s = turn.answer_ended_ms / 1000
        result.append(
            Turn(
                index=turn.index,
                kind=turn.kind,
                question=turn.question,
                start_s=start_s,
                end_s=end_s,
                tokens=transcript_tokens(
                    turn.answer_text,
                    start_s=start_s,
                    end_s=end_s,
                    fillers=fillers.get(turn.index, ()),
                    hedges=hedges.get(turn.index, ()),
                ),
                answered=bool(turn.answer_text.strip()),
                feedback=feedback_view(notes.get(turn.index)),
                feedback_raw=notes.get(turn.index),
            )
        )
    return result


def markers_view(timeline: Sequence[dict]) -> list[Marker]:
    markers = []
    for item in timeline or []:
        kind, t_s = str(item.get("kind") or ""), _float_or_none(item.get("t_s"))
        if kind not in MARKER_KINDS or t_s is None:
            continue
        markers.append(
            Marker(
                kind=kind,
                label=str(item.get("label") or kind.replace("_", " ")),
                t_s=t_s,
                end_s=_float_or_none(item.get("end_s")),
                turn_index=_int_or_none(item.get("turn_index")),
            )
        )
    return sorted(markers, key=lambda m: m.t_s)


# Metric tiles: (key, label, unit, reader, (low, high) target, target text, explanation, higher_is_better)
def _get(path: str) -> Callable[[dict], float | None]:
    def read(metrics: dict) -> float | None:
        value = metrics
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return _float_or_none(value)

    return read


TILES = (
    (
        "wpm",
        "Speaking pace",
        "wpm",
        _get("wpm"),
        (120, 160),
        "120–160 wpm",
        "Conversational pace: fast enough to sound sure, slow enough to follow.",
        None,
    ),
    (
        "fillers",
        "Filler words",
        "/min",
        _get("fillers.per_minute"),
        (0, 3),
        "3 or fewer a minute",
        "Um, uh, like, you know… a few are natural; many read as unsure.",
        False,
    ),
    (
        "hedges",
        "Hedging",
        "/100 words",
        _get("hedges.per_100_words"),
        (0, 1),
        "1 or fewer per 100 words",
        "“I think”, “maybe”, “sort of” soften claims you can make plainly.",
        False,
    ),
    (
        "long_pauses",
        "Long pauses",
        "",
        _get("pause_stats.long_count"),
        (0, 2),
        "2 or fewer (≥ 2.5 s)",
        "A short pause to think is fine; long silences lose the thread.",
        False,
    ),
    (
        "pitch",
        "Pitch variation",
        "st",
        _get("pitch.sd_semitones"),
        (2, 6),
        "2–6 semitones",
        "Varied intonation keeps listeners with you; under 2 sounds flat.",
        True,
    ),
    (
        "eye_contact",
        "Eye contact",
        "%",
        _get("eye_contact_pct"),
        (60, 100),
        "60 % or more",
        "Looking at the camera is looking the interviewer in the eye.",
        True,
    ),
    (
        "face_present",
        "In frame",
        "%",
        _get("face_present_pct"),
        (90, 100),
        "90 % or more",
        "Stay in the picture so the interviewer can read you.",
        True,
    ),
    (
        "posture",
        "Steadiness",
        "",
        _get("posture_stability"),
        (0.8, 1.0),
        "0.80 or more",
        "A still head and shoulders look calm; 1 is perfectly still.",
        True,
    ),
)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit in {"%", "wpm", ""} and abs(value) >= 10:
        return f"{value:.0f}"
    return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 10 else f"{value:.1f}"


def _signed(value: float, unit: str) -> str:
    text = _fmt(abs(value), unit)
    return f"{'+' if value > 0 else '−' if value < 0 else '±'}{text}"


def tiles_view(metrics: dict, previous: dict | None = None) -> list[Tile]:
    tiles = []
    for key, label, unit, read, (low, high), target, explanation, _better in TILES:
        value = read(metrics or {})
        status = "none" if value is None else ("in" if low <= value <= high else "out")
        tile = Tile(key, label, _fmt(value, unit), unit, target, explanation, status)
        before = read(previous) if previous else None
        if before is not None:
            tile.previous = _fmt(before, unit)
            if value is not None:
                tile.delta = _signed(value - before, unit)
        tiles.append(tile)
    return tiles


# Per-answer metrics compared on a retake: (label, key in metrics.answers[], unit, higher_is_better)
ANSWER_METRICS = (
    ("Score", "score", "", True),
    ("Words", "words", "", None),
    ("Pace", "wpm", "wpm", None),
    ("Fillers per 100 words", "fillers_per_100_words", "", False),
    ("Hedges", "hedges", "", False),
    ("Pauses", "pauses", "", False),
    ("Longest pause", "longest_pause_s", "s", False),
    ("STAR coverage", "star.coverage", "%", True),
    ("Relevance to the question", "relevance", "%", True),
    ("Eye contact", "eye_contact_pct", "%", True),
)


def answer_metrics(report: AnalysisReport | None, turn_index: int) -> dict:
    """The metrics of one answer, plus its feedback score, as a flat dict (percent shares as 0..100)."""
    if report is None:
        return {}
    answer = next(
        (a for a in (report.metrics or {}).get("answers") or [] if _int_or_none(a.get("turn_index")) == turn_index),
        {},
    )
    note = next((f for f in report.feedback or [] if _int_or_none(f.get("turn_index")) == turn_index), {})
    flat = {}
    for _label, key, unit, _better in ANSWER_METRICS:
        value = _float_or_none(note.get("score")) if key == "score" else _get(key)(answer)
        if value is not None and unit == "%" and key in {"star.coverage", "relevance"}:
            value *= 100
        flat[key] = value
    return flat


def comparison_rows(original: dict, retake: dict) -> list[ComparisonRow]:
    rows = []
    for label, key, unit, better in ANSWER_METRICS:
        a, b = original.get(key), retake.get(key)
        delta, improved = "", None
        if a is not None and b is not None:
            delta = _signed(b - a, unit) + (f" {unit}" if unit and unit != "%" else " pts" if unit == "%" else "")
            improved = None if better is None or a == b else (b > a) == better
        suffix = f" {unit}" if unit and unit != "%" else ("%" if unit == "%" else "")
        rows.append(
            ComparisonRow(
                label=label,
                original="—" if a is None else _fmt(a, unit) + suffix,
                retake="—" if b is None else _fmt(b, unit) + suffix,
                delta=delta,
                better=improved,
            )
        )
    return rows


# ------------------------------------------------------------------------------------------------ history
@dataclass
class HistoryPoint:
    session_id: int
    label: str
    overall: float | None
    calibration_gap: float | None


def history_for_user(*, upto: InterviewSession, limit: int = TREND_LENGTH) -> list[HistoryPoint]:
    """The owner's analysed sessions up to and including ``upto``, oldest first (one query)."""
    rows = list(
        AnalysisReport.objects.filter(
            session__user_id=upto.user_id,
            session__status=SessionStatus.ANALYZED,
        )
        .filter(Q(session__created_at__lt=upto.created_at) | Q(session_id=upto.pk))
        .order_by("-session__created_at")
        .values("session_id", "session__created_at", "scores", "self_rating")[:limit]
    )
    points = []
    for row in reversed(rows):
        scores = row["scores"] or {}
        ratings = {k: v for k, v in ((row["self_rating"] or {}).get("ratings") or {}).items() if v in RATING_SCALE}
        dims = dimensions_view(scores, ratings=ratings)
        local = timezone.localtime(row["session__created_at"])
        points.append(
            HistoryPoint(
                session_id=row["session_id"],
                label=f"{local.day} {local:%b}",
                overall=_float_or_none(scores.get("overall")),
                calibration_gap=calibration_gap(dims),
            )
        )
    return points


def previous_report(*, session: InterviewSession) -> AnalysisReport | None:
    return (
        AnalysisReport.objects.filter(
            session__user_id=session.user_id,
            session__status=SessionStatus.ANALYZED,
            session__created_at__lt=session.created_at,
        )
        .order_by("-session__created_at")
        .only("id", "session_id", "scores", "metrics")
        .first()
    )


# ------------------------------------------------------------------------------------------------ the page
@dataclass
class Review:
    session: InterviewSession
    report: AnalysisReport | None
    state: str  # not_finished | pending | analyzing | failed | analyzed
    calibrated: bool = False
    overall: int | None = None
    previous_overall: int | None = None
    overall_delta: int | None = None
    previous_session_id: int | None = None
    dimensions: list[Dimension] = field(default_factory=list)
    tiles: list[Tile] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    drills: list[dict] = field(default_factory=list)
    segments: list[dict] = field(default_factory=list)
    duration_s: float = 0.0
    has_video: bool = False
    radar: str = ""
    trend: str = ""
    calibration_trend: str = ""
    calibration_gap: float | None = None
    retake_rows: list[ComparisonRow] = field(default_factory=list)
    retake_original_turn: SessionTurn | None = None
    retake_answer: SessionTurn | None = None


def review_state(session: InterviewSession) -> str:
    return {
        SessionStatus.UPLOADED: "pending",
        SessionStatus.ANALYZING: "analyzing",
        SessionStatus.FAILED: "failed",
        SessionStatus.ANALYZED: "analyzed",
    }.get(session.status, "not_finished")


def review_build(
    *, session: InterviewSession, media_url: Callable[[int], str], with_history: bool = True, reveal: bool = False
) -> Review:
    """Everything the report needs, in a fixed number of queries. ``reveal`` shows the scores whether or not
    the candidate has calibrated (the mentor's share page, the PDF)."""
    report = report_or_none(session)
    review = Review(session=session, report=report, state=review_state(session))
    if review.state != "analyzed" or report is None:
        return review
    review.calibrated = reveal or is_calibrated(report)
    metrics = report.metrics or {}
    previous = previous_report(session=session) if with_history else None
    review.dimensions = dimensions_view(
        report.scores, ratings=self_ratings(report), previous=previous.scores if previous else None
    )
    review.overall = _int_or_none((report.scores or {}).get("overall"))
    if previous is not None:
        review.previous_session_id = previous.session_id
        review.previous_overall = _int_or_none((previous.scores or {}).get("overall"))
        if review.overall is not None and review.previous_overall is not None:
            review.overall_delta = review.overall - review.previous_overall
    review.tiles = tiles_view(metrics, previous.metrics if previous else None)
    review.markers = markers_view(report.timeline)
    turns = list(SessionTurn.objects.filter(session=session).order_by("index"))
    review.turns = transcript_view(turns, metrics, report.feedback)
    latest_retakes = dict(
        InterviewSession.objects.filter(retake_of=session).order_by("created_at").values_list("retake_turn_index", "id")
    )
    for turn in review.turns:
        turn.retake_id = latest_retakes.get(turn.index)
    review.drills = [d for d in report.drills or [] if isinstance(d, dict)][:5]
    segments = list(session.segments.filter(size_bytes__gt=0).order_by("index"))
    review.segments = [
        {
            "index": s.index,
            "start_s": s.started_at_ms / 1000,
            "mime": _media_type(s.mime_type),
            "url": media_url(s.index),
        }
        for s in segments
    ]
    review.has_video = bool(metrics.get("has_video")) or any(s["mime"].startswith("video/") for s in review.segments)
    ends = [m.end_s or m.t_s for m in review.markers] + [t.end_s or 0 for t in review.turns]
    review.duration_s = max([_float_or_none(metrics.get("duration_s")) or 0.0, *ends, 1.0])
    review.calibration_gap = calibration_gap(review.dimensions)
    review.radar = svg.radar_svg(
        [(d.label, d.score) for d in review.dimensions],
        title=f"Scores for interview {session.pk}",
        compare=[d.self_score for d in review.dimensions] if self_ratings(report) else None,
        compare_label="your own rating",
        id_prefix=f"radar-{session.pk}",
    )
    if with_history:
        # Other sessions' data (trends, a retake's original answer) only for the owner, never on a share.
        _add_trends(review)
        if session.retake_of_id is not None and session.retake_turn_index is not None:
            _add_retake_comparison(review)
    else:
        for turn in review.turns:
            turn.retake_id = None
    return review


def _add_trends(review: Review) -> None:
    history = history_for_user(upto=review.session)
    if len(history) >= 1:
        review.trend = svg.trend_svg(
            [p.label for p in history],
            [svg.Series("Overall score", [p.overall for p in history])],
            title="Overall score over your last interviews",
            id_prefix=f"trend-{review.session.pk}",
        )
    gaps = [p.calibration_gap for p in history]
    if any(g is not None for g in gaps):
        top = max(10.0, (max(g for g in gaps if g is not None) // 10 + 1) * 10)
        review.calibration_trend = svg.trend_svg(
            [p.label for p in history],
            [svg.Series("Calibration gap", gaps, css="accent")],
            title="How far your own ratings were from the scores (lower is better)",
            id_prefix=f"calibration-{review.session.pk}",
            y_max=top,
            unit=" pts",
        )


def _add_retake_comparison(review: Review) -> None:
    session = review.session
    original = session.retake_of
    original_report = report_or_none(original) if original.status == SessionStatus.ANALYZED else None
    review.retake_original_turn = original.turns.filter(index=session.retake_turn_index).first()
    mine = review.turns[0] if review.turns else None
    review.retake_answer = session.turns.order_by("index").first()
    if mine is None:
        return
    review.retake_rows = comparison_rows(
        answer_metrics(original_report, session.retake_turn_index), answer_metrics(review.report, mine.index)
    )


def _media_type(mime: str) -> str:
    """The segment's type for ``<source type>`` and the response, parameters (codecs) dropped; anything that
    is not audio or video is served as a download-safe octet stream."""
    base = (mime or "").split(";", 1)[0].strip().lower()
    return base if re.fullmatch(r"(audio|video)/[a-z0-9.+-]+", base) else "application/octet-stream"


def media_type(mime: str) -> str:
    return _media_type(mime)
