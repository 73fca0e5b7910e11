from unittest import mock

import pytest
from django.urls import reverse

from interviews.models import InterviewSession, SessionStatus

pytestmark = pytest.mark.django_db


def test_staff_re_run_an_analysis_from_the_session_list(
    client, staff_user, candidate, django_capture_on_commit_callbacks
):
    done = InterviewSession.objects.create(user=candidate, status=SessionStatus.ANALYZED)
    live = InterviewSession.objects.create(user=candidate, status=SessionStatus.LIVE)
    client.force_login(staff_user)
    with (
        mock.patch("interviews.tasks.analyze_session_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("admin:interviews_interviewsession_changelist"),
            {"action": "rerun_analysis_action", "_selected_action": [done.pk, live.pk]},
            follow=True,
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Analysis queued for 1 interview(s)." in body
    assert "1 interview(s) skipped" in body
    delay.assert_called_once_with(done.pk)
    done.refresh_from_db()
    live.refresh_from_db()
    assert (done.status, live.status) == (SessionStatus.ANALYZING, SessionStatus.LIVE)
