"""Share links for a mentor: create, list, open without an account, count views, expire, revoke."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import SessionStatus, ShareLink
from interviews.services import review as review_service
from interviews.tests.arena_support import media_root  # noqa: F401 - fixture
from interviews.tests.review_support import analyzed_session, scores_doc, session_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
HTMX = {"HX-Request": "true"}


def shares_url(session) -> str:
    return reverse("interviews:review_shares", args=[session.pk])


def share_url(token: str) -> str:
    return reverse("interviews:share", args=[token])


def test_the_owner_creates_a_link_that_expires_after_the_chosen_time(candidate_client, candidate):
    session = analyzed_session(candidate)
    before = timezone.now()
    response = candidate_client.post(shares_url(session), {"duration": "24h"}, headers=HTMX)
    assert response.status_code == 200
    link = ShareLink.objects.get(session=session)
    assert len(link.token) >= 43  # secrets.token_urlsafe(32)
    assert (
        datetime.timedelta(hours=23, minutes=59) < link.expires_at - before <= datetime.timedelta(hours=24, seconds=5)
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="share-links"')
    assert share_url(link.token) in body
    assert "Active" in body


def test_a_week_long_link(candidate_client, candidate):
    session = analyzed_session(candidate)
    candidate_client.post(shares_url(session), {"duration": "7d"})
    link = ShareLink.objects.get(session=session)
    assert round((link.expires_at - link.created_at) / datetime.timedelta(days=1)) == 7


def test_a_bad_duration_or_an_unfinished_report_is_refused(candidate_client, candidate):
    session = analyzed_session(candidate)
    assert candidate_client.post(shares_url(session), {"duration": "forever"}).status_code == 422
    pending = session_in(candidate, SessionStatus.ANALYZING)
    response = candidate_client.post(shares_url(pending), {"duration": "24h"})
    assert response.status_code == 422
    assert "once the analysis has finished" in response.content.decode()
    assert not ShareLink.objects.exists()


def test_anyone_with_the_link_sees_the_report_read_only_and_views_are_counted(client, candidate):
    session = analyzed_session(candidate, media=b"\x1a\x45\xdf\xa3" * 64)  # not calibrated: a mentor sees scores
    link = review_service.share_link_create(session=session, duration="7d")
    response = client.get(share_url(link.token))
    body = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    assert "Olive Owner’s interview, replayed" in body
    assert 'class="chart chart--radar"' in body
    assert "calibration-form" not in body
    assert "Retake this answer" not in body
    assert reverse("interviews:review_media", args=[session.pk, 0]) not in body
    media = reverse("interviews:share_media", args=[link.token, 0])
    assert f'src="{media}"' in body
    ranged = client.get(media, headers={"Range": "bytes=0-3"})
    assert ranged.status_code == 206
    assert b"".join(ranged.streaming_content) == bytes.fromhex("1A45DFA3")
    assert ranged["X-Robots-Tag"] == "noindex, nofollow"
    client.get(share_url(link.token))
    link.refresh_from_db()
    assert link.views == 2  # pages, not media requests


def test_expired_revoked_and_unknown_tokens_are_the_same_404(client, candidate):
    session = analyzed_session(candidate, media=b"abcd")
    expired = review_service.share_link_create(session=session, duration="24h")
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    revoked = review_service.share_link_revoke(link=review_service.share_link_create(session=session, duration="24h"))
    responses = [client.get(share_url(token)) for token in (expired.token, revoked.token, "x" * 43)]
    assert [r.status_code for r in responses] == [404, 404, 404]
    # No hint which: the pages differ only in the path, the CSP nonce and the CSRF mask of each response.
    tokens = (expired.token, revoked.token, "x" * 43)
    pages = {
        re.sub(r'(nonce="|"X-CSRFToken": ")[^"]+"', "", r.content.decode().replace(t, "TOKEN"))
        for r, t in zip(responses, tokens, strict=True)
    }
    assert len(pages) == 1
    for token in (expired.token, revoked.token):
        assert client.get(reverse("interviews:share_media", args=[token, 0])).status_code == 404
    assert ShareLink.objects.get(pk=expired.pk).views == 0


def test_a_link_expires_with_the_clock(client, candidate, monkeypatch):
    session = analyzed_session(candidate)
    link = review_service.share_link_create(session=session, duration="24h")
    assert client.get(share_url(link.token)).status_code == 200
    later = timezone.now() + datetime.timedelta(hours=24, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(share_url(link.token)).status_code == 404


def test_the_owner_revokes_a_link(candidate_client, candidate):
    session = analyzed_session(candidate)
    link = review_service.share_link_create(session=session, duration="7d")
    url = reverse("interviews:review_share_revoke", args=[session.pk, link.pk])
    response = candidate_client.post(url, headers=HTMX)
    assert response.status_code == 200
    assert "Revoked" in response.content.decode()
    link.refresh_from_db()
    first = link.revoked_at
    assert first is not None
    candidate_client.post(url)  # twice: the first time stands
    link.refresh_from_db()
    assert link.revoked_at == first
    assert candidate_client.get(share_url(link.token)).status_code == 404


def test_another_candidate_can_neither_list_nor_revoke(client, candidate, other_candidate):
    session = analyzed_session(candidate)
    link = review_service.share_link_create(session=session, duration="7d")
    client.force_login(other_candidate)
    assert client.get(shares_url(session)).status_code == 404
    assert client.post(shares_url(session), {"duration": "24h"}).status_code == 404
    revoke = reverse("interviews:review_share_revoke", args=[session.pk, link.pk])
    assert client.post(revoke).status_code == 404
    other_session = analyzed_session(other_candidate)
    wrong_pair = reverse("interviews:review_share_revoke", args=[other_session.pk, link.pk])
    assert client.post(wrong_pair).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_active_links_are_capped(candidate):
    session = analyzed_session(candidate)
    for _ in range(review_service.SHARE_LINKS_MAX_ACTIVE):
        review_service.share_link_create(session=session, duration="24h")
    with pytest.raises(review_service.ShareLimitReached):
        review_service.share_link_create(session=session, duration="24h")


def test_the_share_page_lists_links_with_their_state(candidate_client, candidate):
    session = analyzed_session(candidate)
    active = review_service.share_link_create(session=session, duration="7d")
    review_service.share_link_revoke(link=review_service.share_link_create(session=session, duration="7d"))
    ShareLink.objects.filter(pk=active.pk).update(views=3)
    body = candidate_client.get(shares_url(session)).content.decode()
    assert "Share with a mentor" in body
    assert "3 views" in body
    assert "Revoked" in body
    assert body.count(reverse("interviews:review_share_revoke", args=[session.pk, active.pk])) == 2  # action, hx-post


def test_the_shared_page_shows_this_interview_only_and_never_the_email(client, candidate):
    analyzed_session(candidate, scores=scores_doc(overall=40))  # an earlier interview
    session = analyzed_session(candidate, scores=scores_doc(overall=75))
    candidate.display_name = ""
    candidate.save()
    link = review_service.share_link_create(session=session, duration="7d")
    body = client.get(share_url(link.token)).content.decode()
    assert "A candidate’s interview, replayed" in body
    assert candidate.email not in body
    assert "+35" not in body  # no comparison with the other interview
    assert "your last interviews" not in body


def test_shared_media_is_gone_while_the_interview_is_re_analysed(client, candidate):
    session = analyzed_session(candidate, media=b"\x1a\x45\xdf\xa3" * 64)
    link = review_service.share_link_create(session=session, duration="7d")
    media = reverse("interviews:share_media", args=[link.token, 0])
    assert client.get(media).status_code == 200
    session.status = SessionStatus.ANALYZING
    session.save(update_fields=["status"])
    assert client.get(media).status_code == 404
