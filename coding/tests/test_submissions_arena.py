"""Run and Submit: queued in the web request, judged by the task (called directly here, through a real worker
in one test) in the real sandbox; rate limit, bounded queue, double submit, sandbox failures, the signal."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from coding import services
from coding.models import Submission, SubmissionKind, SubmissionStatus, Verdict
from coding.sandbox import reset_backend
from coding.signals import submission_judged
from coding.tasks import judge_submission_task
from coding.tests.arena_factories import SUM_SOLUTIONS, make_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def problem(db):
    return make_problem()


@pytest.fixture
def judged_signals():
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    submission_judged.connect(receiver)
    yield received
    submission_judged.disconnect(receiver)


@pytest.fixture
def no_sandbox(settings):
    settings.SANDBOX_BACKEND = "none"
    reset_backend()
    yield
    reset_backend()


def submit(client, problem, *, code, kind="submit", language="python", custom_input="", htmx=True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        reverse("coding:submission_create", args=[problem.slug]),
        {"language": language, "code": code, "kind": kind, "custom_input": custom_input},
        headers=headers,
    )


def judge_latest(user) -> Submission:
    submission = Submission.objects.filter(user=user).latest("created_at")
    judge_submission_task(submission.pk)
    submission.refresh_from_db()
    return submission


def test_a_submit_is_queued_in_the_request_and_judged_by_the_task(
    candidate_client, candidate, problem, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(judge_submission_task, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(candidate_client, problem, code=SUM_SOLUTIONS["python"])
    assert response.status_code == 200
    body = response.content.decode()
    assert "Queued" in body
    assert 'hx-trigger="every 700ms"' in body
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.QUEUED
    assert queued == [submission.pk]  # enqueued after commit, never run in the request

    judged = judge_latest(candidate)
    assert judged.status == SubmissionStatus.DONE
    assert judged.verdict == Verdict.ACCEPTED
    assert (judged.tests_passed, judged.tests_total) == (4, 4)
    assert judged.backend == "bubblewrap"
    assert judged.time_ms is not None
    assert judged.memory_kb

    poll = candidate_client.get(reverse("coding:submission_detail", args=[judged.pk]), headers={"HX-Request": "true"})
    html = poll.content.decode()
    assert "Accepted" in html
    assert "hx-trigger" not in html  # polling stops once judged
    assert "<html" not in html


def test_a_wrong_answer_shows_the_sample_expected_and_got_but_never_hidden_input(candidate_client, candidate, problem):
    submit(candidate_client, problem, code="def add(a, b):\n    return a + b if a != 0 else 99\n")
    submission = judge_latest(candidate)
    assert submission.verdict == Verdict.WRONG_ANSWER
    assert submission.first_failed_test == 3  # the first hidden test ("0 0")
    hidden = [row for row in submission.results if not row["sample"]]
    assert hidden
    assert all(set(row) <= {"index", "verdict", "time_ms", "memory_kb", "sample", "detail"} for row in hidden)

    html = candidate_client.get(reverse("coding:submission_detail", args=[submission.pk])).content.decode()
    assert "Wrong Answer on hidden test #3" in html
    assert "123456789" not in html
    assert "1111111110" not in html
    assert "Example 1" in html


def test_a_failing_sample_shows_expected_and_got(candidate_client, candidate, problem):
    submit(candidate_client, problem, code="def add(a, b):\n    return a - b\n")
    submission = judge_latest(candidate)
    assert submission.verdict == Verdict.WRONG_ANSWER
    assert submission.first_failed_test == 1
    first = submission.results[0]
    assert (first["input"], first["expected"], first["stdout"].strip()) == ("1 2", "3", "-1")
    html = candidate_client.get(reverse("coding:submission_detail", args=[submission.pk])).content.decode()
    assert "Expected" in html
    assert "Your output" in html


def test_hidden_runtime_errors_never_echo_the_input(candidate_client, candidate, problem):
    code = "def add(a, b):\n    if a == 123456789:\n        raise ValueError(f'secret {a} {b}')\n    return a + b\n"
    submit(candidate_client, problem, code=code)
    submission = judge_latest(candidate)
    assert submission.verdict == Verdict.RUNTIME_ERROR
    assert submission.first_failed_test == 4
    html = candidate_client.get(
        reverse("coding:submission_detail", args=[submission.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Runtime Error on hidden test #4" in html
    assert "secret" not in html
    assert "987654321" not in html
    assert "secret" not in str(submission.results)


def test_a_run_judges_samples_and_shows_custom_input_output(candidate_client, candidate, problem):
    code = "import sys\ndef add(a, b):\n    print('debug', a, file=sys.stderr)\n    return a + b\n"
    submit(candidate_client, problem, code=code, kind="run", custom_input="40 2")
    submission = judge_latest(candidate)
    assert submission.kind == SubmissionKind.RUN
    assert submission.verdict == Verdict.ACCEPTED
    assert submission.tests_total == 2  # samples only
    custom = submission.results[-1]
    assert custom["custom"]
    assert custom["stdout"].strip() == "42"
    assert "debug 40" in custom["stderr"]
    html = candidate_client.get(reverse("coding:submission_detail", args=[submission.pk])).content.decode()
    assert "Custom input" in html
    assert "debug 40" in html


def test_a_compilation_error_shows_the_compilers_message(candidate_client, candidate, problem):
    submit(candidate_client, problem, language="cpp", code="class Solution { int add( };\n")
    submission = judge_latest(candidate)
    assert submission.verdict == Verdict.COMPILATION_ERROR
    assert "error" in submission.compile_output
    html = candidate_client.get(reverse("coding:submission_detail", args=[submission.pk])).content.decode()
    assert "Compilation Error" in html
    assert "The compiler said" in html


def test_a_double_clicked_submit_makes_one_submission(candidate_client, problem):
    first = submit(candidate_client, problem, code=SUM_SOLUTIONS["python"])
    second = submit(candidate_client, problem, code=SUM_SOLUTIONS["python"])
    assert first.status_code == second.status_code == 200
    assert Submission.objects.count() == 1


def test_the_rate_limit_refuses_at_once(candidate_client, candidate, problem, settings):
    settings.CODING_SUBMISSIONS_PER_MINUTE = 2
    for _ in range(2):
        submit(candidate_client, problem, code=SUM_SOLUTIONS["python"])
        judge_latest(candidate)
    response = submit(candidate_client, problem, code=SUM_SOLUTIONS["python"])
    assert response.status_code == 200
    assert "submitting very quickly" in response.content.decode()
    assert Submission.objects.count() == 2


def test_a_full_queue_answers_busy_immediately(candidate_client, other_candidate, problem, settings):
    settings.CODING_QUEUE_LIMIT = 1
    Submission.objects.create(user=other_candidate, problem=problem, language="python", code="x")
    started = time.monotonic()
    response = submit(candidate_client, problem, code=SUM_SOLUTIONS["python"])
    assert time.monotonic() - started < 2
    assert "busy" in response.content.decode()
    assert Submission.objects.count() == 1


def test_a_refusal_without_htmx_redirects_back_with_a_message(candidate_client, problem, settings):
    settings.CODING_QUEUE_LIMIT = 0
    response = submit(candidate_client, problem, code=SUM_SOLUTIONS["python"], htmx=False)
    assert response.status_code == 302
    page = candidate_client.get(response.url)
    assert "busy" in page.content.decode()


def test_without_a_sandbox_nothing_is_queued_and_the_page_says_why(candidate_client, problem, no_sandbox):
    page = candidate_client.get(reverse("coding:problem_detail", args=[problem.slug])).content.decode()
    assert "Code cannot run on this server right now" in page
    assert "SANDBOX_BACKEND=none" in page
    response = submit(candidate_client, problem, code=SUM_SOLUTIONS["python"])
    assert "SANDBOX_BACKEND=none" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_sandbox_crash_ends_as_internal_error_never_running(candidate, problem, monkeypatch, judged_signals):
    submission = Submission.objects.create(user=candidate, problem=problem, language="python", code="x")

    class Exploding:
        name = "exploding"

        def execute(self, **kwargs):
            raise OSError("box runner died")

    monkeypatch.setattr("coding.services.submissions.get_backend", Exploding)
    judge_submission_task(submission.pk)
    submission.refresh_from_db()
    assert (submission.status, submission.verdict) == (SubmissionStatus.DONE, Verdict.INTERNAL_ERROR)
    assert "OSError" in submission.compile_output


def test_samples_run_before_hidden_tests_whatever_their_index(candidate, problem, monkeypatch, judged_signals):
    """Anything a test leaves in its box can only reach later tests; the samples, whose output is shown, go first."""
    problem.tests.create(index=99, input="40 2\n", expected_output="42\n", is_sample=True)
    real_backend = services.submissions.get_backend()
    seen = []

    class Recording:
        name = real_backend.name

        def execute(self, **kwargs):
            seen.append(list(kwargs["inputs"]))
            return real_backend.execute(**kwargs)

    monkeypatch.setattr("coding.services.submissions.get_backend", Recording)
    submission = Submission.objects.create(
        user=candidate, problem=problem, language="python", code=SUM_SOLUTIONS["python"], kind=SubmissionKind.SUBMIT
    )
    judge_submission_task(submission.pk)
    submission.refresh_from_db()
    samples = [t.input for t in problem.tests.filter(is_sample=True).order_by("index")]
    hidden = [t.input for t in problem.tests.filter(is_sample=False).order_by("index")]
    assert samples[-1] == "40 2\n"
    assert hidden
    assert seen == [samples + hidden]
    assert submission.verdict == Verdict.ACCEPTED


def test_a_redelivered_task_does_nothing(candidate, problem, django_capture_on_commit_callbacks, judged_signals):
    submission = Submission.objects.create(
        user=candidate, problem=problem, language="python", code=SUM_SOLUTIONS["python"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        judge_submission_task(submission.pk)
    judged_at = Submission.objects.get(pk=submission.pk).judged_at
    with django_capture_on_commit_callbacks(execute=True):
        judge_submission_task(submission.pk)
        judge_submission_task(10**9)  # a deleted row: nothing to do
    assert Submission.objects.get(pk=submission.pk).judged_at == judged_at
    assert len(judged_signals) == 1


def test_the_signal_carries_the_outcome_once_after_commit(
    candidate, problem, django_capture_on_commit_callbacks, judged_signals
):
    services.hint_open(user=candidate, problem=problem, level=1)
    submission = Submission.objects.create(
        user=candidate, problem=problem, language="python", code=SUM_SOLUTIONS["python"], hints_used=1
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        judge_submission_task(submission.pk)
    assert judged_signals == []  # nothing before commit
    for callback in callbacks:
        callback()
    assert judged_signals == [
        {
            "signal": submission_judged,
            "submission_id": submission.pk,
            "user_id": candidate.pk,
            "problem_id": problem.pk,
            "verdict": "AC",
            "kind": "submit",
            "language": "python",
            "hints_used": 1,
            "difficulty": "easy",
            "all_passed": True,
        }
    ]


def test_a_stuck_submission_is_reaped_as_internal_error(
    candidate_client, candidate, problem, django_capture_on_commit_callbacks, judged_signals
):
    stuck = Submission.objects.create(
        user=candidate, problem=problem, language="python", code="x", status=SubmissionStatus.RUNNING
    )
    Submission.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        response = candidate_client.get(
            reverse("coding:submission_detail", args=[stuck.pk]), headers={"HX-Request": "true"}
        )
    assert "Internal Error" in response.content.decode()
    assert Submission.objects.get(pk=stuck.pk).verdict == Verdict.INTERNAL_ERROR
    assert [s["verdict"] for s in judged_signals] == ["IE"]
    judge_submission_task(stuck.pk)  # a late task finds nothing to claim
    assert len(judged_signals) == 1


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_judges_a_submission(candidate_client, candidate):
    problem = make_problem(slug="worker-add")
    worker = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo", "--loglevel", "WARNING",
            "--hostname", f"coding-test-{os.getpid()}@%h", "--without-mingle", "--without-gossip",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **_test_database_env()},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    try:
        response = submit(candidate_client, problem, code=SUM_SOLUTIONS["python"])
        assert response.status_code == 200
        submission = Submission.objects.get()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            submission.refresh_from_db()
            if submission.status == SubmissionStatus.DONE:
                break
            time.sleep(0.2)
        assert submission.verdict == Verdict.ACCEPTED, submission.compile_output
    finally:
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
    assert "Traceback" not in output, output


def _test_database_env() -> dict[str, str]:
    from django.db import connection

    from tests.e2e.server import database_url

    return {"DATABASE_URL": database_url(connection.settings_dict)}
