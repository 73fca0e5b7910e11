import pytest
from django.core.management import CommandError, call_command

from copilot.tests.fake_openai import Step


def test_ai_check_reports_the_model_that_answered(fake_llm, capsys):
    fake_llm.then(Step(content="pong"))
    call_command("ai_check")
    out = capsys.readouterr().out
    assert "engine:     model" in out
    assert "answered:   kimi-k2-test" in out
    assert "latency_ms:" in out
    assert "'pong'" in out
    assert fake_llm.requests[0]["messages"][-1]["content"] == "ping"


def test_ai_check_fails_loudly_when_the_configured_model_is_down(fake_llm, capsys):
    fake_llm.then(Step(kind="status", status=500))
    with pytest.raises(CommandError, match="did not answer"):
        call_command("ai_check")
    out = capsys.readouterr().out
    assert "engine:     offline" in out
    assert "error:      The AI model's server had an error" in out


def test_ai_check_without_a_model_says_offline(no_llm, capsys):
    call_command("ai_check")
    out = capsys.readouterr().out
    assert "configured: no (offline engine only)" in out
    assert "engine:     offline" in out
