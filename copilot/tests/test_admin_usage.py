import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from copilot.models import AIUsageDaily

pytestmark = pytest.mark.django_db


def test_usage_changelist_shows_totals_for_the_filter(client, staff_user):
    day = datetime.date(2026, 11, 2)
    for calls, tokens in ((3, 100), (4, 250)):
        AIUsageDaily.objects.create(user=UserFactory(), day=day, calls=calls, prompt_tokens=tokens, offline_calls=1)
    AIUsageDaily.objects.create(user=UserFactory(), day=datetime.date(2026, 11, 3), calls=50, prompt_tokens=9)
    client.force_login(staff_user)
    response = client.get(reverse("admin:copilot_aiusagedaily_changelist"), {"day": "2026-11-02"})
    assert response.status_code == 200
    totals = response.context["totals"]
    assert (totals["users"], totals["calls"], totals["offline_calls"], totals["prompt_tokens"]) == (2, 7, 2, 350)
    assert b"usage-totals" in response.content


def test_usage_rows_are_read_only(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("admin:copilot_aiusagedaily_add")).status_code == 403


def test_prompt_templates_are_listed_with_versions(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("admin:copilot_prompts"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "coach_chat · v1" in body
    assert "Challenging Lead" in body


def test_conversations_are_readable_by_staff_and_not_editable(client, staff_user, candidate):
    from copilot.models import ChatMessage, Conversation

    conversation = Conversation.objects.create(user=candidate, title="Salary talk")
    ChatMessage.objects.create(conversation=conversation, role="user", content="How do I negotiate?")
    client.force_login(staff_user)
    url = reverse("admin:copilot_conversation_change", args=[conversation.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"How do I negotiate?" in response.content
    assert client.post(url, {"title": "Changed"}).status_code == 403
    conversation.refresh_from_db()
    assert conversation.title == "Salary talk"
