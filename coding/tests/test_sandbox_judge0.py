"""The Judge0 backend against a fake Judge0 on loopback: the same verdicts as bubblewrap, and every fault
(down, slow, 5xx, garbage, refused) an internal error within its deadline — never a hang."""

from __future__ import annotations

import time

import pytest

from coding.judge import judge
from coding.sandbox import SandboxUnavailable, get_backend, reset_backend
from coding.sandbox.judge0 import Judge0Backend

from .fake_judge0 import FakeJudge0
from .hostile import DOUBLE, backend
from .test_sandbox_bubblewrap import BUSY, COMPILE_ERRORS, HOG, LANGUAGES, RUNTIME_ERRORS, SMALL, SPAM

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fake():
    server = FakeJudge0(backend())
    yield server
    server.stop()


@pytest.fixture
def judge0(fake):
    fake.mode, fake.auth_token = "run", ""
    return Judge0Backend(base_url=fake.url, timeout_s=30, poll_interval_s=0.05)


def run(box, language, source, inputs):
    return box.execute(language=language, source=source, inputs=inputs, limits=SMALL)


@pytest.mark.parametrize("language", LANGUAGES)
def test_judge0_accepts_and_rejects_like_bubblewrap(judge0, language):
    execution = run(judge0, language, DOUBLE[language], ["1\n", "21\n"])
    assert execution.backend == "judge0"
    assert judge(execution, [(1, "1", "2", True), (2, "21", "42", False)]).verdict == "AC"
    assert judge(execution, [(1, "1", "2", True), (2, "21", "43", False)]).verdict == "WA"


@pytest.mark.parametrize("language", LANGUAGES)
def test_judge0_runtime_errors_carry_the_exception_or_signal(judge0, language):
    source, needle = RUNTIME_ERRORS[language]
    result = judge(run(judge0, language, source, ["3\n"]), [(1, "3", "", True)])
    assert result.verdict == "RE"
    assert needle in result.detail


@pytest.mark.parametrize("language", sorted(COMPILE_ERRORS))
def test_judge0_compilation_errors_carry_the_message(judge0, language):
    source, needle = COMPILE_ERRORS[language]
    result = judge(run(judge0, language, source, ["1\n"]), [(1, "1", "2", True)])
    assert result.verdict == "CE"
    assert needle in result.compile_output


@pytest.mark.parametrize(("table", "verdict"), [(BUSY, "TLE"), (HOG, "MLE"), (SPAM, "OLE")])
@pytest.mark.parametrize("language", ["python", "cpp"])
def test_judge0_limits_map_to_our_verdicts(judge0, table, verdict, language):
    assert judge(run(judge0, language, table[language], ["\n"]), [(1, "", "", True)]).verdict == verdict


def test_judge0_is_polled_until_done_and_sends_the_auth_token(fake):
    fake.mode, fake.auth_token = "run", "s3cret"
    fake.requests.clear()
    box = Judge0Backend(base_url=fake.url, auth_token="s3cret", timeout_s=30, poll_interval_s=0.05)
    execution = run(box, "python", DOUBLE["python"], ["2\n"])
    assert [r.stdout for r in execution.runs] == ["4\n"]
    assert [r.split("?")[0] for r in fake.requests] == ["POST /submissions/batch", *["GET /submissions/batch"] * 2]
    refused = run(Judge0Backend(base_url=fake.url, timeout_s=5), "python", DOUBLE["python"], ["2\n"])
    assert "HTTP 401" in refused.internal_error


@pytest.mark.parametrize(
    ("mode", "message"),
    [("error", "HTTP 500"), ("garbage", "not JSON"), ("queued", "did not finish"), ("stall", "too slow")],
)
def test_judge0_faults_are_internal_errors_without_a_hang(fake, mode, message):
    fake.mode, fake.auth_token = mode, ""
    box = Judge0Backend(base_url=fake.url, timeout_s=2, poll_interval_s=0.05, request_timeout_s=1)
    started = time.monotonic()
    execution = run(box, "python", DOUBLE["python"], ["1\n", "2\n"])
    assert time.monotonic() - started < 4
    assert message in execution.internal_error
    result = judge(execution, [(1, "1", "2", True), (2, "2", "4", False)])
    assert result.verdict == "IE"
    assert [t.verdict for t in result.tests] == ["IE", "IE"]


def test_judge0_down_is_an_internal_error():
    server = FakeJudge0(backend())
    url = server.url
    server.stop()
    execution = run(Judge0Backend(base_url=url, timeout_s=3), "python", DOUBLE["python"], ["1\n"])
    assert "unreachable" in execution.internal_error
    assert judge(execution, [(1, "1", "2", True)]).verdict == "IE"


def test_settings_choose_the_backend(settings, fake):
    reset_backend()
    try:
        settings.SANDBOX_BACKEND, settings.JUDGE0_URL = "auto", fake.url
        assert get_backend().name == "judge0"
        settings.SANDBOX_BACKEND, settings.JUDGE0_URL = "bubblewrap", ""
        assert get_backend().name == "bubblewrap"
        settings.SANDBOX_BACKEND = "none"
        with pytest.raises(SandboxUnavailable, match="SANDBOX_BACKEND=none"):
            get_backend()
    finally:
        reset_backend()


def test_language_ids_are_configurable():
    assert Judge0Backend.parse_language_ids(["python:92", "cpp:76"]) == {
        "python": 92,
        "javascript": 63,
        "java": 62,
        "cpp": 76,
    }
    with pytest.raises(ValueError, match="language:id"):
        Judge0Backend.parse_language_ids(["cobol:1"])
