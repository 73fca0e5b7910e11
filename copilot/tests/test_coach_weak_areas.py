"""The weak-area registry that interviews/coding will fill, and the Coach answering "what should I work
on?" from it — offline and through the model's prompt."""

from __future__ import annotations

import pytest
from django.urls import reverse

from copilot import views
from copilot.models import ChatMessage
from copilot.tests.fake_openai import Step
from copilot.weak_areas import register_weak_area_provider, unregister_weak_area_provider, weak_areas_for_user

AREAS = [
    {"area": "pace", "score": 61, "evidence": "178 words per minute in the last interview", "source": "interviews"},
    {"area": "structure", "score": 42, "evidence": "2 of 5 answers had no result", "source": "interviews"},
]


@pytest.fixture
def provider():
    calls = []

    def fake_provider(user):
        calls.append(user)
        return AREAS

    register_weak_area_provider(fake_provider)
    yield calls
    unregister_weak_area_provider(fake_provider)


def test_with_no_provider_there_are_no_weak_areas():
    assert weak_areas_for_user(object()) == []


def test_areas_come_lowest_first_and_junk_is_dropped(provider):
    def broken(user):
        raise RuntimeError("the interviews app is down")

    def junk(user):
        return [{"score": 3}, "nope", {"area": "fillers", "score": "high"}, {"area": "clarity", "score": 120}]

    register_weak_area_provider(broken)
    register_weak_area_provider(junk)
    register_weak_area_provider(junk)  # idempotent
    try:
        areas = weak_areas_for_user("user")
    finally:
        unregister_weak_area_provider(broken)
        unregister_weak_area_provider(junk)
    assert [a["area"] for a in areas] == ["structure", "pace", "clarity"]
    assert areas[-1]["score"] == 100
    assert areas[-1]["source"] == "copilot"  # the provider's package when it names none
    assert provider == ["user"]


@pytest.mark.django_db
def test_the_offline_coach_ranks_the_measured_weak_areas(candidate_client, candidate, provider, no_llm):
    candidate_client.post(reverse("copilot:conversation_create"), {"content": views.WEAK_AREAS_MESSAGE})
    reply = ChatMessage.objects.get(role="assistant")
    assert reply.engine == "offline"
    assert reply.content.index("structure") < reply.content.index("pace")
    assert "2 of 5 answers had no result" in reply.content
    assert provider == [candidate]


@pytest.mark.django_db
def test_the_weak_areas_reach_the_models_prompt(candidate_client, provider, fake_llm):
    fake_llm.then(Step(kind="stream", content="Work on **structure** first."))
    candidate_client.post(reverse("copilot:conversation_create"), {"content": "What should I work on?"})
    system = fake_llm.requests[0]["messages"][0]["content"]
    assert "structure: 42/100 — 2 of 5 answers had no result" in system
    assert "pace: 61/100" in system
    assert system.index("structure: 42") < system.index("pace: 61")


@pytest.mark.django_db
def test_without_measured_data_the_coach_says_so(candidate_client, no_llm):
    candidate_client.post(reverse("copilot:conversation_create"), {"content": views.WEAK_AREAS_MESSAGE})
    assert "don't have any measured results" in ChatMessage.objects.get(role="assistant").content
