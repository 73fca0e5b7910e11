# ruff: noqa: F811 — pytest fixtures imported by name
"""The Arena's endpoints against the permission matrix (the GETs are also in tests/test_permission_sweep.py),
and the persona avatar: staff upload, candidates fetch it only through the owner-scoped view."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from interviews.models import PersonaAvatar, validate_glb
from interviews.tests.arena_support import live_session, media_root, ready_session, sweep_avatar  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def post_urls(session):
    turn = session.turns.first()
    return [
        reverse("interviews:arena_begin", args=[session.pk]),
        reverse("interviews:arena_answer", args=[session.pk, turn.pk]),
        reverse("interviews:arena_finish", args=[session.pk]),
        reverse("interviews:arena_segment_open", args=[session.pk]),
        reverse("interviews:arena_chunk", args=[session.pk, 0, 0]),
    ]


def test_post_endpoints_send_visitors_to_login_and_others_to_404(client, candidate, other_candidate):
    session = ready_session(candidate, starting_question="Why this role?")
    client.force_login(candidate)
    client.post(reverse("interviews:arena_begin", args=[session.pk]))
    urls = post_urls(session)
    client.logout()
    for url in urls:
        response = client.post(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login"))
    client.force_login(other_candidate)
    for url in urls:
        assert client.post(url, content_type="application/json").status_code == 404, url
    session.refresh_from_db()
    assert session.status == "live"
    assert session.turns.get().answer_mode == ""


def test_the_arena_page_renders_the_stage_with_a_nonce_and_no_inline_code(candidate_client, candidate):
    session = ready_session(candidate, background="cafe", persona="friendly")
    body = candidate_client.get(reverse("interviews:arena", args=[session.pk])).content.decode()
    assert 'class="arena arena--bg-cafe"' in body
    assert 'data-background-url="/static/interviews/backgrounds/cafe.' in body
    assert "Begin interview" in body
    assert 'type="importmap" nonce="' in body
    assert 'type="module" src="/static/interviews/arena.js" nonce="' in body
    assert " style=" not in body
    assert " onclick=" not in body
    assert 'data-avatar-url=""' in body  # no GLB: the built-in head


def test_the_persona_avatar_is_served_to_the_owner_only(client, candidate, other_candidate):
    session = ready_session(candidate)
    url = reverse("interviews:arena_avatar", args=[session.pk])
    client.force_login(candidate)
    assert client.get(url).status_code == 404  # none uploaded yet
    sweep_avatar()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "model/gltf-binary"
    assert b"".join(response.streaming_content).startswith(b"glTF")
    assert f'data-avatar-url="{url}"' in client.get(reverse("interviews:arena", args=[session.pk])).content.decode()
    client.force_login(other_candidate)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    avatar = PersonaAvatar.objects.get()
    assert client.get(f"/media/{avatar.model_file.name}").status_code == 404


def test_only_binary_gltf_is_accepted_as_an_avatar():
    with pytest.raises(ValidationError):
        validate_glb(ContentFile(b"<html>not a model</html>", name="x.glb"))
    with pytest.raises(ValidationError):
        validate_glb(ContentFile(b"glTF" + (1).to_bytes(4, "little"), name="x.glb"))
    validate_glb(ContentFile(b"glTF" + (2).to_bytes(4, "little") + b"\0" * 12, name="x.glb"))


def test_the_admin_deletes_an_avatars_file_with_it(client, staff_user, media_root):
    avatar = sweep_avatar()
    path = media_root / avatar.model_file.name
    assert path.exists()
    client.force_login(staff_user)
    response = client.post(reverse("admin:interviews_personaavatar_delete", args=[avatar.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not path.exists()
