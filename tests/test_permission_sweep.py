"""The permission sweep: every URL pattern the resolver knows is exercised as every actor.

For each pattern there is a ``Case`` below (or, for the admin, one generated from the admin
registry). The sweep fails when a pattern has no case, so a new URL cannot ship unchecked:
add its case here in the same change. Actors are the conftest fixtures: anonymous,
``unverified_user``, ``other_candidate`` (must get 404 on the owner's objects), ``candidate``
(the owner) and ``staff_user``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coding.models import Problem
from copilot.models import AIUsageDaily, Conversation, Question
from gamification.models import DailyChallenge, EarnedBadge, Progress
from interviews.tests import arena_support as arena
from interviews.tests import review_support as review
from interviews.tests.resume_files import sweep_job, sweep_resume, sweep_session
from library.models import SavedAnswer

pytestmark = pytest.mark.django_db

Access = Literal["public", "candidate", "login", "staff"]
# "public":    anyone may GET it (landing, login, sign-up, health ...).
# "candidate": signed in *and* verified; anonymous → login, unverified → verify first.
# "login":     signed in is enough (allauth's own account management and verification pages).
# "staff":     admin; anonymous → login, a candidate → 403, staff → 200.
# wrong_method is None where the view answers a signed-in user with a redirect before it looks at
# the method (allauth's login/sign-up send signed-in users home).


@dataclass(frozen=True)
class Case:
    access: Access
    # Builds the URL kwargs from the owner; objects it creates belong to the owner.
    kwargs: Callable[..., dict] = field(default=lambda owner: {})
    # A method the view must refuse with 405 (None when every method is meaningful).
    wrong_method: str | None = "post"
    # For pages with an HTMX fragment: a marker the fragment contains.
    htmx_marker: str | None = None
    # Expected status for an allowed GET (some pages answer an invalid key with 200, some 302).
    ok_status: tuple[int, ...] = (200,)
    # True when the URL points at an object of the owner: another candidate must get 404.
    owned: bool = False


def _bad_confirm_key(owner):
    return {"key": "not-a-real-key"}


def _bad_reset_key(owner):
    return {"uidb36": "zz", "key": "set-password"}


def _saved_answer(owner):
    return {"answer_id": SavedAnswer.objects.create(user=owner, title="Sweep", question="Why?").pk}


_LIBRARY_POST_ONLY = {
    "access": "candidate",
    "kwargs": _saved_answer,
    "owned": True,
    "wrong_method": None,
    "ok_status": (405,),
}


def _conversation(owner):
    from copilot.services import conversation_start

    return {"conversation_id": conversation_start(user=owner, title="Sweep").pk}


def _reply(owner):
    from copilot.services import chat_message_post, conversation_start

    _question, reply = chat_message_post(conversation=conversation_start(user=owner), content="Hello")
    return {"conversation_id": reply.conversation_id, "message_id": reply.pk}


def _green_room_resume(owner):
    return {"resume_id": sweep_resume(owner).pk}


def _green_room_session(owner):
    return {"session_id": sweep_session(owner).pk}


_POST_ONLY = {"wrong_method": None, "ok_status": (405,)}


def _sweep_problem():
    from coding.models import Problem

    return Problem.objects.get_or_create(
        slug="sweep-problem", defaults={"title": "Sweep", "difficulty": "easy", "statement": "Add."}
    )[0]


def _coding_submission(owner):
    from coding.models import Submission

    return {"submission_id": Submission.objects.create(user=owner, problem=_sweep_problem(), language="python").pk}


CASES: dict[str, Case] = {
    "healthz": Case("public"),
    "gamification:locker_room": Case("public"),  # landing for visitors, Locker Room for candidates
    "gamification:leaderboard": Case("candidate"),
    "gamification:leaderboard_settings": Case("candidate", **_POST_ONLY),
    "accounts:profile": Case("candidate", wrong_method="put", htmx_marker='id="profile-form"'),
    "accounts:verify_first": Case("login", ok_status=(200, 302)),
    "interviews:setup": Case("candidate", wrong_method="put"),  # GET the page, POST its actions
    # Game Tape: POST-only views look the object up first (another user: 404), then refuse GET (405).
    "interviews:review": Case("candidate", kwargs=review.sweep_review, owned=True, htmx_marker='id="review-body"'),
    "interviews:review_retry": Case("candidate", kwargs=review.sweep_review, owned=True, **_POST_ONLY),
    "interviews:review_calibrate": Case("candidate", kwargs=review.sweep_review, owned=True, **_POST_ONLY),
    "interviews:review_retake": Case("candidate", kwargs=review.sweep_review_turn, owned=True, **_POST_ONLY),
    "interviews:review_pdf": Case("candidate", kwargs=review.sweep_review, owned=True),
    "interviews:review_media": Case("candidate", kwargs=review.sweep_review_media, owned=True),
    "interviews:review_shares": Case(
        "candidate", kwargs=review.sweep_review, owned=True, wrong_method="put", htmx_marker='id="share-links"'
    ),
    "interviews:review_share_revoke": Case("candidate", kwargs=review.sweep_share_revoke, owned=True, **_POST_ONLY),
    "interviews:share": Case("public", kwargs=review.sweep_share),  # the token is the key: no account
    "interviews:share_media": Case("public", kwargs=review.sweep_share_media),
    "interviews:arena": Case("candidate", kwargs=arena.sweep_arena, owned=True, htmx_marker='id="arena-turn"'),
    "interviews:arena_begin": Case("candidate", kwargs=arena.sweep_arena, **_POST_ONLY),
    "interviews:arena_answer": Case("candidate", kwargs=arena.sweep_arena_turn, **_POST_ONLY),
    "interviews:arena_finish": Case("candidate", kwargs=arena.sweep_arena, **_POST_ONLY),
    "interviews:arena_segment_open": Case("candidate", kwargs=arena.sweep_arena, **_POST_ONLY),
    "interviews:arena_chunk": Case("candidate", kwargs=arena.sweep_arena_chunk, **_POST_ONLY),
    "interviews:arena_avatar": Case("candidate", kwargs=arena.sweep_arena_avatar, owned=True),
    "interviews:session_list": Case("candidate"),
    "interviews:session_delete": Case(
        "candidate", kwargs=_green_room_session, owned=True, wrong_method="put", htmx_marker='id="delete-confirm"'
    ),
    "interviews:resume_list": Case("candidate"),
    "interviews:resume_rename": Case(
        "candidate", kwargs=_green_room_resume, owned=True, wrong_method="put", htmx_marker='name="name"'
    ),
    "interviews:resume_delete": Case(
        "candidate", kwargs=_green_room_resume, owned=True, wrong_method="put", htmx_marker='id="delete-confirm"'
    ),
    "interviews:resume_download": Case("candidate", kwargs=_green_room_resume, owned=True),
    "coding:problem_list": Case("candidate"),
    "coding:problem_detail": Case("candidate", kwargs=lambda owner: {"slug": _sweep_problem().slug}),
    "coding:draft_save": Case("candidate", kwargs=lambda owner: {"slug": _sweep_problem().slug}, **_POST_ONLY),
    "coding:draft_reset": Case("candidate", kwargs=lambda owner: {"slug": _sweep_problem().slug}, **_POST_ONLY),
    "coding:submission_create": Case("candidate", kwargs=lambda owner: {"slug": _sweep_problem().slug}, **_POST_ONLY),
    "coding:hint_open": Case(
        "candidate", kwargs=lambda owner: {"slug": _sweep_problem().slug, "level": 1}, **_POST_ONLY
    ),
    "coding:submission_history": Case("candidate", kwargs=lambda owner: {"slug": _sweep_problem().slug}),
    "coding:submission_diff": Case("candidate", kwargs=lambda owner: {"slug": _sweep_problem().slug}, ok_status=(302,)),
    "coding:submission_detail": Case("candidate", kwargs=_coding_submission, owned=True, htmx_marker='id="result"'),
    "copilot:coach": Case("candidate"),
    "copilot:conversation_create": Case("candidate", wrong_method=None, ok_status=(405,)),  # POST only
    "copilot:job_prep": Case("candidate", wrong_method="put", htmx_marker='id="job-form"'),
    "copilot:star_drafter": Case("candidate", wrong_method="put", htmx_marker='id="drafter"'),
    "copilot:question_generator": Case("candidate", wrong_method="put", htmx_marker='id="generator"'),
    "copilot:conversation_detail": Case("candidate", kwargs=_conversation, owned=True, htmx_marker='id="messages"'),
    "copilot:conversation_rename": Case(
        "candidate", kwargs=_conversation, owned=True, wrong_method="put", htmx_marker='name="title"'
    ),
    "copilot:conversation_delete": Case("candidate", kwargs=_conversation, owned=True, wrong_method="put"),
    # POST only: the owner's GET is the 405; other candidates' POSTs get 404 in copilot/tests.
    "copilot:message_create": Case("candidate", kwargs=_conversation, wrong_method=None, ok_status=(405,)),
    "copilot:reply_stream": Case("candidate", kwargs=_reply, wrong_method=None, ok_status=(405,)),
    "copilot:message_detail": Case(
        "candidate", kwargs=_reply, owned=True, ok_status=(302,), htmx_marker='<article id="msg-'
    ),
    "library:answer_list": Case("candidate", htmx_marker='id="answer-results"'),
    "library:answer_create": Case("candidate", wrong_method="put", htmx_marker='id="answer-form"'),
    "library:template_list": Case("candidate"),
    "library:answer_export_all": Case("candidate"),
    "library:answer_detail": Case("candidate", kwargs=_saved_answer, owned=True),
    "library:answer_edit": Case(
        "candidate", kwargs=_saved_answer, owned=True, wrong_method="put", htmx_marker='id="answer-form"'
    ),
    "library:answer_delete": Case(
        "candidate", kwargs=_saved_answer, owned=True, wrong_method="put", htmx_marker='id="delete-confirm"'
    ),
    "library:answer_export": Case("candidate", kwargs=_saved_answer, owned=True),
    # POST-only: the owner's GET is refused (405); another user's id is a 404 before the method check.
    "library:answer_duplicate": Case(**_LIBRARY_POST_ONLY),
    "library:answer_favorite": Case(**_LIBRARY_POST_ONLY),
    "library:answer_rehearse": Case(**_LIBRARY_POST_ONLY),
    "library:answer_improve": Case(**_LIBRARY_POST_ONLY),
    # allauth
    "account_login": Case("public", wrong_method=None, ok_status=(200, 302)),
    "account_logout": Case("public", wrong_method="delete", ok_status=(200, 302)),
    "account_signup": Case("public", wrong_method=None, ok_status=(200, 302)),
    "account_inactive": Case("public", wrong_method=None),
    "account_email_verification_sent": Case("public", wrong_method=None),
    "account_confirm_email": Case("public", kwargs=_bad_confirm_key, wrong_method=None),
    "account_reset_password": Case("public", wrong_method="delete", ok_status=(200, 302)),
    "account_reset_password_done": Case("public", wrong_method=None),
    "account_reset_password_from_key": Case("public", kwargs=_bad_reset_key, wrong_method=None),
    "account_reset_password_from_key_done": Case("public", wrong_method=None),
    "account_confirm_login_code": Case("public", wrong_method=None, ok_status=(200, 302, 404)),
    "account_reauthenticate": Case("login", wrong_method="delete", ok_status=(200, 302)),
    "account_email": Case("login", wrong_method="delete"),
    "account_change_password": Case("login", wrong_method="delete", ok_status=(200, 302)),
    "account_set_password": Case("login", wrong_method=None, ok_status=(200, 302)),
}


def _walk(resolver: URLResolver, namespace: tuple[str, ...] = ()) -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, namespace + ((pattern.namespace,) if pattern.namespace else ()))
        elif isinstance(pattern, URLPattern):
            yield ":".join((*namespace, pattern.name or f"<unnamed {pattern.pattern}>"))


def all_url_names() -> list[str]:
    return sorted(set(_walk(get_resolver())))


# ----------------------------------------------------------------------------------------------
# Admin: one object per registered model, then every admin URL of that model.
# ----------------------------------------------------------------------------------------------
ADMIN_OBJECTS: dict[str, Callable] = {
    "accounts.user": lambda owner: owner,
    "account.emailaddress": lambda owner: EmailAddress.objects.get(user=owner),
    "auth.group": lambda owner: Group.objects.create(name="Reviewers"),
    "copilot.question": lambda owner: Question.objects.create(
        key="sweep-question",
        text="Tell me about a time you disagreed with a teammate.",
        role_family="general",
        competency="conflict",
        type="behavioral",
    ),
    "copilot.aiusagedaily": lambda owner: AIUsageDaily.objects.create(user=owner, day=datetime.date(2026, 1, 1)),
    "copilot.conversation": lambda owner: Conversation.objects.create(user=owner, title="Salary talk"),
    "library.savedanswer": lambda owner: SavedAnswer.objects.create(user=owner, title="Sweep", question="Why?"),
    "interviews.resume": sweep_resume,
    "interviews.jobdescription": sweep_job,
    "interviews.interviewsession": sweep_session,
    "interviews.personaavatar": arena.sweep_avatar,
    "coding.problem": lambda owner: Problem.objects.create(
        slug="sweep-problem", title="Sweep", difficulty="easy", statement="Add two numbers."
    ),
    "gamification.progress": lambda owner: Progress.objects.get_or_create(user=owner)[0],
    "gamification.metrics": lambda owner: Progress.objects.get_or_create(user=owner)[0],
    "gamification.earnedbadge": lambda owner: EarnedBadge.objects.get_or_create(
        user=owner, code="first_steps", defaults={"earned_at": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)}
    )[0],
    "gamification.dailychallenge": lambda owner: DailyChallenge.objects.create(
        user=owner,
        day=datetime.date(2026, 1, 1),
        kind="complete_interview",
        title="Suit up",
        description="Finish a mock interview today.",
        xp=75,
        expires_at=datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC),
    ),
}
ADMIN_SITE_URLS = {
    "admin:index": {},
    "admin:password_change": {},
    "admin:password_change_done": {},
    "admin:jsi18n": {},
    "admin:copilot_prompts": {},
    "admin:gamification_metrics_export": {},
}


def admin_model_urls(owner, staff=None) -> Iterator[tuple[str, str]]:
    """Every admin URL of every registered model. With ``staff``, only the views that staff member may
    open (read-only admins have no add view to open); without, all of them (for the coverage check)."""
    request = RequestFactory().get("/admin/")
    request.user = staff
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        obj = ADMIN_OBJECTS[label](owner)
        info = model._meta.app_label, model._meta.model_name
        yield f"admin:{info[0]}_{info[1]}_changelist", reverse(f"admin:{info[0]}_{info[1]}_changelist")
        if staff is None or model_admin.has_add_permission(request):
            yield f"admin:{info[0]}_{info[1]}_add", reverse(f"admin:{info[0]}_{info[1]}_add")
        for view in ("change", "delete", "history"):
            yield f"admin:{info[0]}_{info[1]}_{view}", reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[obj.pk])
    yield "admin:app_list", reverse("admin:app_list", kwargs={"app_label": "accounts"})
    yield "admin:auth_user_password_change", reverse("admin:auth_user_password_change", args=[owner.pk])
    for name, kwargs in ADMIN_SITE_URLS.items():
        yield name, reverse(name, kwargs=kwargs)


# Admin URLs that are not pages to GET: checked for their own contract below.
ADMIN_SPECIAL = {
    "admin:login",
    "admin:logout",
    "admin:view_on_site",
    "admin:autocomplete",
    "admin:<unnamed <path:object_id>/>",  # old-style change URL, redirects to .../change/
    "admin:<unnamed (?P<url>.*)$>",  # the admin's final catch-all
}


# ----------------------------------------------------------------------------------------------
# The sweep
# ----------------------------------------------------------------------------------------------
def test_every_url_pattern_has_a_case(candidate):
    admin_names = {name for name, _ in admin_model_urls(candidate)} | ADMIN_SPECIAL
    missing = [name for name in all_url_names() if name not in CASES and name not in admin_names]
    assert not missing, f"URL patterns without a permission case (add them to CASES): {missing}"
    stale = [name for name in CASES if name not in all_url_names()]
    assert not stale, f"CASES for URL names that no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_url_permissions(name, client, candidate, other_candidate, unverified_user):
    case = CASES[name]
    url = reverse(name, kwargs=case.kwargs(candidate))
    login_url = reverse("account_login")

    # anonymous
    response = client.get(url)
    if case.access == "public":
        assert response.status_code in case.ok_status, (name, "anonymous", response.status_code)
    else:
        assert response.status_code == 302, (name, "anonymous", response.status_code)
        assert response.url.startswith(login_url), (name, response.url)

    # unverified user
    client.force_login(unverified_user)
    response = client.get(url)
    if case.access == "candidate":
        assert response.status_code == 302, (name, "unverified", response.status_code)
        assert response.url == reverse("accounts:verify_first"), (name, response.url)
    client.logout()

    # another candidate never sees the owner's object
    client.force_login(other_candidate)
    response = client.get(url)
    if case.owned:
        assert response.status_code == 404, (name, "other candidate", response.status_code)
    client.logout()

    # the owner
    client.force_login(candidate)
    response = client.get(url)
    assert response.status_code in case.ok_status, (name, "owner", response.status_code)
    if case.wrong_method:
        response = getattr(client, case.wrong_method)(url)
        assert response.status_code == 405, (name, case.wrong_method, response.status_code)
    if case.htmx_marker:
        response = client.get(url, headers={"HX-Request": "true"})
        body = response.content.decode()
        assert response.status_code == 200, (name, "htmx", response.status_code)
        assert case.htmx_marker in body, (name, "htmx fragment lacks its marker")
        assert "<html" not in body.lower(), (name, "htmx request got the full page")


def test_admin_urls_are_staff_only(client, candidate, staff_user):
    urls = list(admin_model_urls(candidate, staff_user))
    assert len(urls) > 10
    login_url = reverse("account_login")
    for name, url in urls:
        response = client.get(url)
        assert response.status_code == 302, (name, "anonymous", response.status_code)
        followed = client.get(response.url, follow=True)
        assert followed.redirect_chain[-1][0].startswith(login_url), (name, followed.redirect_chain)

    client.force_login(candidate)
    for name, url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 403, (name, "candidate", response.status_code)
    client.logout()

    client.force_login(staff_user)
    for name, url in urls:
        response = client.get(url)
        assert response.status_code == 200, (name, "staff", response.status_code)


def test_admin_special_urls(client, candidate, staff_user):
    # The admin's own login is replaced by allauth's (rate-limited, verification enforced).
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    client.force_login(candidate)
    assert client.get(reverse("admin:login")).status_code == 403
    client.force_login(staff_user)
    assert client.get(reverse("admin:logout")).status_code == 405  # logout is POST-only
    assert client.get(reverse("admin:autocomplete")).status_code in (403, 404)
    response = client.get(reverse("admin:view_on_site", args=[1, candidate.pk]))
    assert response.status_code in (302, 404)
    response = client.get(f"/admin/accounts/user/{candidate.pk}/")
    assert response.status_code == 302
    assert response.url.endswith(f"/admin/accounts/user/{candidate.pk}/change/")
    assert client.get("/admin/no-such-thing/").status_code == 404
    client.logout()
    assert client.get("/admin/no-such-thing/").status_code == 302  # visitors learn nothing
