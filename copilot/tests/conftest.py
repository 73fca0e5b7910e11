import pytest

from copilot.ai import gateway
from copilot.tests.fake_openai import FakeOpenAI


@pytest.fixture
def fake_llm(settings):
    """A live Chat Completions server on loopback, wired into the gateway through settings."""
    server = FakeOpenAI().start()
    settings.LLM_BASE_URL = server.base_url
    settings.LLM_API_KEY = "test-key"
    settings.LLM_MODEL = "kimi-k2-test"
    settings.LLM_TIMEOUT_SECONDS = 3
    settings.LLM_STREAM_TIMEOUT_SECONDS = 4
    settings.LLM_BACKGROUND_TIMEOUT_SECONDS = 3
    gateway._provider.cache_clear()
    yield server
    server.stop()
    gateway._provider.cache_clear()


@pytest.fixture
def no_llm(settings):
    settings.LLM_BASE_URL = ""
    settings.LLM_API_KEY = ""
    gateway._provider.cache_clear()
