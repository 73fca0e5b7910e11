"""Build a long practice history fast (``bulk_create``), for query-count tests and the benchmark."""

from __future__ import annotations

import datetime

from django.utils import timezone

from coding.models import Problem, Submission, SubmissionKind, SubmissionStatus, Verdict
from gamification.levels import level_for
from gamification.models import Progress, XPEvent, XPSource
from interviews.models import AnalysisReport, InterviewSession, SessionStatus
from library.models import SavedAnswer

DIMENSIONS = ("confidence", "clarity", "structure", "engagement", "pace", "presence")
LANGUAGES = ("python", "javascript", "java", "cpp")


def doc_scores(i: int) -> dict:
    """docs/scoring.md's shape: overall plus dimensions with score, label and evidence."""
    dims = {
        d: {"score": 50 + (i * 7 + n * 11) % 45, "label": d.capitalize(), "summary": "", "inputs": {}, "evidence": []}
        for n, d in enumerate(DIMENSIONS)
    }
    dims["clarity"]["score"] = 55  # a clear weakest dimension
    return {"overall": 60 + i % 30, "dimensions": dims}


def doc_metrics(i: int) -> dict:
    return {
        "duration_s": 300.0,
        "fillers": {"count": 4, "per_minute": 1.5 if i % 3 == 0 else (None if i % 3 == 1 else 3.2)},
        "eye_contact_pct": 85.0 if i % 4 == 0 else 60.0,
        "video_timeline": [{"t_s": t, "face": 1.0, "eye": 0.8, "x": 0.5, "y": 0.4} for t in range(60)],
        "answers": [{"turn_index": n, "star": {"coverage": 1.0 if i % 5 == 0 else 0.75}} for n in range(5)],
    }


def problems(count: int = 12) -> list[Problem]:
    difficulties = ("easy", "medium", "hard")
    topics = (["arrays"], ["strings"], ["graphs"], ["dp"], ["hashing"], ["trees"])
    existing = {p.slug: p for p in Problem.objects.filter(slug__startswith="hist-")}
    new = [
        Problem(
            slug=f"hist-{n}",
            title=f"History problem {n}",
            difficulty=difficulties[n % 3],
            topics=topics[n % len(topics)],
            statement="s",
            position=n,
        )
        for n in range(count)
        if f"hist-{n}" not in existing
    ]
    Problem.objects.bulk_create(new)
    return list(Problem.objects.filter(slug__startswith="hist-").order_by("position"))


def build_history(user, *, sessions: int = 300, submissions: int = 300, answers: int = 200, xp_events: int = 300):
    now = timezone.now()
    rows = InterviewSession.objects.bulk_create(
        [
            InterviewSession(
                user=user,
                status=SessionStatus.ANALYZED,
                started_at=now - datetime.timedelta(hours=2 * i + 1),
                finished_at=now - datetime.timedelta(hours=2 * i, minutes=40),
            )
            for i in range(sessions)
        ]
    )
    AnalysisReport.objects.bulk_create(
        [
            AnalysisReport(
                session=session,
                analysis_version="1",
                step="done",
                progress=100,
                scores=doc_scores(i),
                metrics=doc_metrics(i),
                finished_at=session.finished_at,
            )
            for i, session in enumerate(rows)
        ]
    )
    bank = problems()
    solved = bank[: len(bank) // 2]  # the other half stays unsolved
    Submission.objects.bulk_create(
        [
            Submission(
                user=user,
                problem=solved[i % len(solved)] if i % 2 else bank[i % len(bank)],
                language=LANGUAGES[i % 4],
                code="print(1)",
                kind=SubmissionKind.SUBMIT if i % 3 else SubmissionKind.RUN,
                status=SubmissionStatus.DONE,
                verdict=Verdict.ACCEPTED if i % 2 else Verdict.WRONG_ANSWER,
                hints_used=i % 2,
            )
            for i in range(submissions)
        ]
    )
    SavedAnswer.objects.bulk_create(
        [SavedAnswer(user=user, title=f"Answer {i}", question="Why?", text="Because.") for i in range(answers)]
    )
    XPEvent.objects.bulk_create(
        [
            XPEvent(user=user, source=XPSource.INTERVIEW, source_key=f"hist:{i}", amount=50, reason="Interview")
            for i in range(xp_events)
        ]
    )
    total = 50 * xp_events
    Progress.objects.update_or_create(
        user=user,
        defaults={
            "xp": total,
            "level": level_for(total).level,
            "level_seen": level_for(total).level,
            "current_streak": 4,
            "longest_streak": 9,
            "last_practice_day": timezone.localdate(),
        },
    )
    return rows
