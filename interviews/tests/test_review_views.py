"""The review page in every state, its polling partial, retry, calibration, retakes, feedback and the PDF."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from interviews.models import AnalysisReport, InterviewSession, SessionStatus
from interviews.tasks import analyze_session_task
from interviews.tests.arena_support import media_root  # noqa: F401 - fixture
from interviews.tests.review_support import (
    add_turns,
    analyzed_session,
    metrics_doc,
    scores_doc,
    session_in,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
HTMX = {"HX-Request": "true"}
POLL = {"HX-Request": "true", "HX-Target": "progress"}


def url(name: str, *args) -> str:
    return reverse(f"interviews:{name}", args=args)


# ------------------------------------------------------------------------------------------------ states
def test_an_analysing_session_shows_progress_that_polls_itself(candidate_client, candidate):
    session = session_in(candidate, SessionStatus.ANALYZING)
    AnalysisReport.objects.create(session=session, analysis_version="1", step="video", progress=45)
    body = candidate_client.get(url("review", session.pk)).content.decode()
    assert 'id="progress"' in body
    assert 'hx-trigger="every 1500ms"' in body
    assert 'aria-valuenow="45"' in body
    assert "watching your delivery on camera" in body


def test_the_poll_gets_only_the_progress_fragment_while_it_runs(candidate_client, candidate):
    session = session_in(candidate, SessionStatus.ANALYZING)
    AnalysisReport.objects.create(session=session, analysis_version="1", step="text", progress=70)
    response = candidate_client.get(url("review", session.pk), headers=POLL)
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="progress"')
    assert "<html" not in body
    assert 'aria-valuenow="70"' in body
    assert "HX-Retarget" not in response.headers
    assert "HX-Request" in response.headers["Vary"]


def test_when_the_analysis_ends_the_poll_swaps_in_the_whole_report(candidate_client, candidate):
    session = analyzed_session(candidate, media=b"\x1a\x45\xdf\xa3" * 10)
    response = candidate_client.get(url("review", session.pk), headers=POLL)
    body = response.content.decode()
    assert response.headers["HX-Retarget"] == "#review-body"
    assert response.headers["HX-Reswap"] == "outerHTML"
    assert body.lstrip().startswith('<div id="review-body"')
    assert "hx-trigger" not in body  # polling stops
    assert "data-tape" in body


def test_an_uploaded_session_is_pending_analysis(candidate_client, candidate):
    session = session_in(candidate, SessionStatus.UPLOADED)
    body = candidate_client.get(url("review", session.pk)).content.decode()
    assert "Pending analysis" in body
    assert 'id="progress"' in body


def test_a_failed_analysis_shows_its_reason_and_a_retry_button(candidate_client, candidate):
    session = session_in(candidate, SessionStatus.FAILED, failure_reason="decode: no audio or video stream")
    body = candidate_client.get(url("review", session.pk)).content.decode()
    assert "decode: no audio or video stream" in body
    assert url("review_retry", session.pk) in body
    assert "Retry the analysis" in body


def test_an_unfinished_interview_points_back_to_the_arena(candidate_client, candidate):
    session = session_in(candidate, SessionStatus.LIVE)
    body = candidate_client.get(url("review", session.pk)).content.decode()
    assert "not finished yet" in body
    assert url("arena", session.pk) in body


def test_retry_moves_failed_to_analyzing_and_queues_the_task_after_commit(
    candidate_client, candidate, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(analyze_session_task, "delay", queued.append)
    session = session_in(candidate, SessionStatus.FAILED, failure_reason="audio: boom")
    AnalysisReport.objects.create(session=session, analysis_version="1", step="audio", progress=35, error="audio: boom")
    with django_capture_on_commit_callbacks(execute=True):
        response = candidate_client.post(url("review_retry", session.pk))
    assert response.status_code == 302
    assert response.url == url("review", session.pk)
    session.refresh_from_db()
    assert session.status == SessionStatus.ANALYZING
    assert session.failure_reason == ""
    report = AnalysisReport.objects.get(session=session)
    assert (report.step, report.progress, report.error) == ("queued", 0, "")
    assert queued == [session.pk]


def test_a_second_retry_changes_nothing(candidate_client, candidate, monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(analyze_session_task, "delay", queued.append)
    session = session_in(candidate, SessionStatus.ANALYZING)
    with django_capture_on_commit_callbacks(execute=True):
        response = candidate_client.post(url("review_retry", session.pk), headers=HTMX)
    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == url("review", session.pk)
    assert queued == []


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("review_retry", ()),
        ("review_calibrate", ()),
        ("review_retake", (0,)),
        ("review_pdf", ()),
        ("review_media", (0,)),
        ("review_shares", ()),
    ],
)
def test_another_candidate_gets_404_on_every_review_view(client, candidate, other_candidate, name, extra):
    session = analyzed_session(candidate, media=b"abc", self_rating={"skipped": True})
    client.force_login(other_candidate)
    assert client.get(url(name, session.pk, *extra)).status_code == 404
    if name not in {"review_pdf", "review_media"}:  # GET-only views answer any POST 405, whoever asks
        assert client.post(url(name, session.pk, *extra)).status_code == 404
    assert InterviewSession.objects.filter(user=other_candidate).count() == 0


# ------------------------------------------------------------------------------------------------ report
def test_the_report_has_player_markers_transcript_and_feedback(candidate_client, candidate):
    session = analyzed_session(candidate, media=b"\x1a\x45\xdf\xa3" * 10)
    body = candidate_client.get(url("review", session.pk)).content.decode()
    assert f'src="{url("review_media", session.pk, 0)}"' in body
    assert body.count('class="timeline__marker ') == 7
    assert 'aria-label="Clear result with a number at 0:18"' in body
    assert '<mark class="w w--filler" data-t="2.00" title="Filler word">Um,</mark>' in body
    assert 'class="w w--hedge"' in body
    assert "<strong>measurable</strong>" in body  # model Markdown, sanitized
    assert "<script>x</script>" not in body
    assert "Practise a STAR answer on conflict" in body
    assert url("review_retake", session.pk, 1) in body  # the retake drill builds its own action
    assert "Target: 120–160 wpm" in body


def test_the_report_page_query_count_is_fixed(candidate_client, candidate, django_assert_num_queries):
    for overall in (50, 60, 70):
        analyzed_session(candidate, scores=scores_doc(overall=overall), self_rating={"skipped": True})
    session = analyzed_session(candidate, media=b"abc", self_rating={"skipped": True})
    # 3 for the signed-in user (session, user, verified email), 6 for the page however long the history.
    with django_assert_num_queries(9):
        assert candidate_client.get(url("review", session.pk)).status_code == 200


def test_scores_stay_hidden_until_the_candidate_calibrates(candidate_client, candidate):
    session = analyzed_session(candidate)
    body = candidate_client.get(url("review", session.pk)).content.decode()
    assert 'id="calibration-form"' in body
    assert "data-overall" not in body
    assert 'class="chart chart--radar"' not in body


def test_calibrating_stores_the_ratings_and_reveals_scores_with_the_gap(candidate_client, candidate):
    session = analyzed_session(candidate)
    ratings = {"confidence": 5, "clarity": 3, "structure": 2, "engagement": 4, "pace": 4, "presence": 3}
    response = candidate_client.post(url("review_calibrate", session.pk), ratings, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="scores"')
    assert 'class="chart chart--radar"' in body
    assert "You rated 5/5 (≈90) · gap <strong>+28</strong> — you rated yourself higher" in body  # 90 − 62
    assert "You rated 2/5 (≈30) · gap <strong>-28</strong> — better than you thought" in body  # 30 − 58
    stored = AnalysisReport.objects.get(session=session).self_rating
    assert stored["ratings"] == ratings
    assert stored["skipped"] is False


def test_the_first_calibration_is_kept(candidate_client, candidate):
    session = analyzed_session(candidate, self_rating={"ratings": {"pace": 2}, "skipped": False})
    response = candidate_client.post(url("review_calibrate", session.pk), dict.fromkeys(("confidence", "pace"), 5))
    assert response.status_code == 302
    assert AnalysisReport.objects.get(session=session).self_rating["ratings"] == {"pace": 2}


def test_skipping_calibration_reveals_the_scores(candidate_client, candidate):
    session = analyzed_session(candidate)
    response = candidate_client.post(url("review_calibrate", session.pk), {"skip": "1"})
    assert response.url.endswith("#scores")
    assert AnalysisReport.objects.get(session=session).self_rating["skipped"] is True
    assert "data-overall" in candidate_client.get(url("review", session.pk)).content.decode()


def test_an_incomplete_calibration_comes_back_with_its_error(candidate_client, candidate):
    session = analyzed_session(candidate)
    response = candidate_client.post(url("review_calibrate", session.pk), {"pace": 3}, headers=HTMX)
    assert response.status_code == 422
    assert "Rate every dimension, or skip." in response.content.decode()
    assert AnalysisReport.objects.get(session=session).self_rating == {}


def test_calibration_is_tracked_over_time(candidate_client, candidate):
    analyzed_session(candidate, self_rating={"ratings": {"pace": 5, "clarity": 5}, "skipped": False})  # gaps 10, 16
    session = analyzed_session(candidate, self_rating={"ratings": {"pace": 4}, "skipped": False})  # gap 10
    body = candidate_client.get(url("review", session.pk)).content.decode()
    assert "How far your own ratings were from the scores" in body
    assert "13 pts" in body  # the earlier mean gap
    assert "this time 10.0 points" in body


def test_the_previous_session_is_compared(candidate_client, candidate):
    analyzed_session(candidate, scores=scores_doc(overall=60, pace=70), metrics=metrics_doc(wpm=180.0))
    session = analyzed_session(candidate, self_rating={"skipped": True})
    body = candidate_client.get(url("review", session.pk)).content.decode()
    assert "+8 since" in body
    assert 'title="Change since your previous interview">+10</span>' in body  # pace 70 → 80
    assert 'title="Previous: 180">−39</span>' in body  # wpm 180 → 141


# ------------------------------------------------------------------------------------------------ retakes
def test_retaking_an_answer_creates_a_ready_session_with_that_question(candidate_client, candidate):
    session = analyzed_session(candidate, target_role="Backend engineer")
    response = candidate_client.post(url("review_retake", session.pk, 1))
    retake = InterviewSession.objects.get(retake_of=session)
    assert response.url == url("arena", retake.pk)
    assert retake.status == SessionStatus.READY
    assert retake.retake_turn_index == 1
    assert retake.question_count == 1
    assert retake.starting_question == "What is your biggest weakness?"
    assert retake.target_role == "Backend engineer"
    again = candidate_client.post(url("review_retake", session.pk, 1), headers=HTMX)
    assert again.headers["HX-Redirect"] == url("arena", retake.pk)  # a double click: the same retake
    assert InterviewSession.objects.filter(retake_of=session).count() == 1


def test_retaking_an_unknown_answer_is_404(candidate_client, candidate):
    session = analyzed_session(candidate)
    assert candidate_client.post(url("review_retake", session.pk, 9)).status_code == 404


def test_the_retake_review_shows_every_metric_beside_the_original(candidate_client, candidate):
    original = analyzed_session(candidate, self_rating={"skipped": True})
    retake = analyzed_session(
        candidate,
        retake_of=original,
        retake_turn_index=1,
        self_rating={"skipped": True},
        metrics=metrics_doc(
            answers=[
                {
                    "turn_index": 0,
                    "words": 40,
                    "wpm": 130.0,
                    "fillers_per_100_words": 1.0,
                    "hedges": 0,
                    "pauses": 1,
                    "longest_pause_s": 1.5,
                    "star": {"coverage": 1.0},
                    "relevance": 0.5,
                    "eye_contact_pct": 80.0,
                }
            ]
        ),
    )
    body = candidate_client.get(url("review", retake.pk)).content.decode()
    assert "Retake vs the original answer" in body
    assert "Question: What is your biggest weakness?" in body
    assert '<th scope="row">Fillers per 100 words</th><td>11</td><td>1</td>' in body.replace("\n", "")
    assert 'class="delta--up">−10' in body  # fewer fillers is better
    assert '<th scope="row">STAR coverage</th><td>50%</td><td>100%</td>' in body
    assert "See your retake" in candidate_client.get(url("review", original.pk)).content.decode()


# ------------------------------------------------------------------------------------------------ pdf
def test_the_pdf_export_is_a_real_pdf_of_the_report(candidate_client, candidate):
    session = analyzed_session(candidate)  # not calibrated: the export still has the scores
    response = candidate_client.get(url("review_pdf", session.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="game-tape-{session.pk}.pdf"'
    assert response.content.startswith(b"%PDF-")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Overall score: 68 / 100" in text
    assert "Tell me about a time you disagreed with a colleague." in text
    assert "Practise a STAR answer on conflict" in text
    assert "<script>" not in text


def test_there_is_no_pdf_before_the_analysis(candidate_client, candidate):
    session = session_in(candidate, SessionStatus.ANALYZING)
    add_turns(session)
    assert candidate_client.get(url("review_pdf", session.pk)).status_code == 404
