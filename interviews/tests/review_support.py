"""Game Tape test data: sessions in every review state and reports shaped per docs/scoring.md."""

from __future__ import annotations

import copy
from pathlib import Path

from django.conf import settings

from interviews.models import (
    AnalysisReport,
    InterviewSession,
    RecordingSegment,
    SessionStatus,
    SessionTurn,
)

ANSWERS = [
    (
        "Tell me about a time you disagreed with a colleague.",
        "Um, at my last job we disagreed about a database migration. I think I proposed a staged rollout, "
        "so I wrote a plan, ran a pilot and we cut downtime by 80 percent.",
        2_000,
        20_000,
    ),
    (
        "What is your biggest weakness?",
        "I tend to take on too much. Like, you know, I now plan my week and say no earlier.",
        22_000,
        34_000,
    ),
]


def scores_doc(overall: int = 68, **dims: int | None) -> dict:
    values = {"confidence": 62, "clarity": 74, "structure": 58, "engagement": 70, "pace": 80, "presence": 66}
    values.update(dims)
    return {
        "overall": overall,
        "dimensions": {
            key: {
                "score": value,
                "label": key.title(),
                "summary": f"{key.title()} summary line.",
                "inputs": {},
                "evidence": [
                    {"kind": "filler", "note": '"um"', "turn_index": 0, "span": [0, 2], "t_s": 2.0, "polarity": "gap"},
                    {
                        "kind": "star",
                        "note": "Clear result",
                        "turn_index": 0,
                        "span": None,
                        "t_s": None,
                        "polarity": "strength",
                    },
                ],
            }
            for key, value in values.items()
        },
    }


def metrics_doc(**overrides) -> dict:
    first = ANSWERS[0][1]
    second = ANSWERS[1][1]
    like = second.index("Like")
    metrics = {
        "duration_s": 36.0,
        "has_audio": True,
        "has_video": True,
        "words": 60,
        "wpm": 141.0,
        "wpm_source": "transcript",
        "wpm_confidence": "high",
        "pauses": [{"start_s": 10.0, "end_s": 13.0}],
        "pause_stats": {"count": 1, "mean_s": 3.0, "longest_s": 3.0, "long_count": 1},
        "pitch": {"mean_hz": 180.0, "sd_semitones": 2.9, "range_semitones": 10.0, "monotone": False},
        "energy": {"sd_db": 6.0},
        "fillers": {
            "count": 3,
            "per_minute": 5.0,
            "per_100_words": 5.0,
            "items": [
                {"word": "um", "turn_index": 0, "span": [0, 2], "t_s": 2.0},
                {"word": "like", "turn_index": 1, "span": [like, like + 4], "t_s": 28.0},
                {"word": "you know", "turn_index": 1, "span": [like + 6, like + 14], "t_s": 28.5},
            ],
        },
        "hedges": {
            "count": 1,
            "per_100_words": 1.7,
            "items": [
                {
                    "word": "i think",
                    "turn_index": 0,
                    "span": [first.index("I think"), first.index("I think") + 7],
                    "t_s": 8.0,
                }
            ],
        },
        "face_present_pct": 97.0,
        "eye_contact_pct": 72.0,
        "centering": 0.9,
        "posture_stability": 0.91,
        "looked_away": [{"start_s": 15.0, "end_s": 17.5}],
        "answers": [
            {
                "turn_index": 0,
                "kind": "main",
                "question": ANSWERS[0][0],
                "start_s": 2.0,
                "end_s": 20.0,
                "answer_mode": "voice",
                "words": len(first.split()),
                "wpm": 135.0,
                "pauses": 1,
                "longest_pause_s": 3.0,
                "fillers": 1,
                "fillers_per_100_words": 3.0,
                "hedges": 1,
                "relevance": 0.4,
                "star": {"coverage": 0.75, "missing": ["task"]},
                "eye_contact_pct": 70.0,
            },
            {
                "turn_index": 1,
                "kind": "main",
                "question": ANSWERS[1][0],
                "start_s": 22.0,
                "end_s": 34.0,
                "answer_mode": "voice",
                "words": len(second.split()),
                "wpm": 150.0,
                "pauses": 0,
                "longest_pause_s": 0.0,
                "fillers": 2,
                "fillers_per_100_words": 11.0,
                "hedges": 0,
                "relevance": 0.3,
                "star": {"coverage": 0.5, "missing": ["situation", "result"]},
                "eye_contact_pct": 74.0,
            },
        ],
    }
    metrics.update(overrides)
    return metrics


TIMELINE = [
    {"t_s": 1.0, "end_s": None, "kind": "question", "label": "Question 1", "turn_index": 0, "detail": {}},
    {"t_s": 2.0, "end_s": None, "kind": "gap", "label": "Filler “um”", "turn_index": 0, "detail": {}},
    {"t_s": 10.0, "end_s": 13.0, "kind": "long_pause", "label": "Pause of 3.0 s", "turn_index": 0, "detail": {}},
    {"t_s": 15.0, "end_s": 17.5, "kind": "looked_away", "label": "Looked away 2.5 s", "turn_index": 0, "detail": {}},
    {
        "t_s": 18.0,
        "end_s": None,
        "kind": "strength",
        "label": "Clear result with a number",
        "turn_index": 0,
        "detail": {},
    },
    {"t_s": 24.0, "end_s": None, "kind": "nudge", "label": "Slow down", "turn_index": 1, "detail": {"kind": "pace"}},
    {"t_s": 28.0, "end_s": 29.0, "kind": "filler_burst", "label": "3 fillers in 20 s", "turn_index": 1, "detail": {}},
]
FEEDBACK = [
    {
        "turn_index": 0,
        "question": ANSWERS[0][0],
        "score": 71,
        "strengths": ["A **measurable** result."],
        "gaps": ["Say what *your* task was."],
        "rewrite": "When our team split over a migration, I <script>x</script>…",
        "engine": "offline",
        "engine_label": "Offline coach",
        "notice": "",
    },
    {
        "turn_index": 1,
        "question": ANSWERS[1][0],
        "score": 55,
        "strengths": ["Honest."],
        "gaps": ["No example."],
        "rewrite": "I used to over-commit…",
        "engine": "offline",
        "engine_label": "Offline coach",
        "notice": "",
    },
]
DRILLS = [
    {
        "kind": "library_template",
        "title": "Practise a STAR answer on conflict",
        "why": "No clear task.",
        "dimension": "structure",
        "turn_index": 0,
        "url": "/library/new/?template=conflict",
        "url_name": "",
        "query": {},
    },
    {
        "kind": "coach",
        "title": "Draft a weakness answer with the Coach",
        "why": "No example given.",
        "dimension": "clarity",
        "turn_index": 1,
        "url": "/coach/star/",
        "url_name": "",
        "query": {},
    },
    {
        "kind": "retake",
        "title": "Retake your weakest answer",
        "why": "Lowest score.",
        "dimension": "structure",
        "turn_index": 1,
        "url": None,
        "url_name": "",
        "query": {},
    },
]


def session_in(user, status: str, **fields) -> InterviewSession:
    fields = {"question_count": 2, "media_mode": "video", **fields}
    return InterviewSession.objects.create(user=user, status=status, **fields)


def add_turns(session: InterviewSession, answers=ANSWERS) -> None:
    for index, (question, text, start, end) in enumerate(answers):
        SessionTurn.objects.create(
            session=session,
            index=index,
            question=question,
            answer_text=text,
            answer_mode="voice",
            answer_started_ms=start,
            answer_ended_ms=end,
            asked_at_ms=max(0, start - 1000),
        )


def add_segment(
    session: InterviewSession,
    data: bytes,
    *,
    index: int = 0,
    start_ms: int = 0,
    mime: str = "video/webm;codecs=vp8,opus",
) -> RecordingSegment:
    relative = f"interviews/{session.pk}/segment-{index}.webm"
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return RecordingSegment.objects.create(
        session=session,
        index=index,
        mime_type=mime,
        path=relative,
        size_bytes=len(data),
        chunk_count=1,
        started_at_ms=start_ms,
        complete=True,
    )


def analyzed_session(
    user,
    *,
    media: bytes | None = None,
    scores: dict | None = None,
    metrics: dict | None = None,
    self_rating: dict | None = None,
    **fields,
) -> InterviewSession:
    session = session_in(user, SessionStatus.ANALYZED, **fields)
    add_turns(session)
    AnalysisReport.objects.create(
        session=session,
        analysis_version="test",
        step="done",
        progress=100,
        metrics=metrics if metrics is not None else metrics_doc(),
        scores=scores if scores is not None else scores_doc(),
        timeline=copy.deepcopy(TIMELINE),
        feedback=copy.deepcopy(FEEDBACK),
        drills=copy.deepcopy(DRILLS),
        self_rating=self_rating or {},
    )
    if media is not None:
        add_segment(session, media)
    return session


# -- the permission sweep (tests/test_permission_sweep.py) ------------------------------------------------
SWEEP_MEDIA = b"\x1a\x45\xdf\xa3" + bytes(range(256)) * 8


def sweep_analyzed(owner) -> InterviewSession:
    """An analysed, calibrated session with a small media file."""
    return analyzed_session(owner, media=SWEEP_MEDIA, self_rating={"skipped": True})


def sweep_review(owner) -> dict:
    return {"session_id": sweep_analyzed(owner).pk}


def sweep_review_turn(owner) -> dict:
    return {"session_id": sweep_analyzed(owner).pk, "turn_index": 0}


def sweep_review_media(owner) -> dict:
    return {"session_id": sweep_analyzed(owner).pk, "segment_index": 0}


def _sweep_link(owner):
    from interviews.services.review import share_link_create

    return share_link_create(session=sweep_analyzed(owner), duration="24h")


def sweep_share_revoke(owner) -> dict:
    link = _sweep_link(owner)
    return {"session_id": link.session_id, "link_id": link.pk}


def sweep_share(owner) -> dict:
    return {"token": _sweep_link(owner).token}


def sweep_share_media(owner) -> dict:
    return {"token": _sweep_link(owner).token, "segment_index": 0}
