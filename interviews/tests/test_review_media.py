"""The recording behind Game Tape: owner-only, streamed, with HTTP Range (206, suffix, 416)."""

from __future__ import annotations

import asyncio

import pytest
from django.urls import reverse

from interviews.models import RecordingSegment
from interviews.tests.arena_support import media_root  # noqa: F401 - fixture
from interviews.tests.review_support import add_segment, analyzed_session
from interviews.views.review import CHUNK, RangeFileResponse, parse_range

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
DATA = b"\x1a\x45\xdf\xa3" + bytes(range(256)) * 40  # 10 244 bytes


@pytest.fixture
def media_url(candidate_client, candidate):
    session = analyzed_session(candidate, media=DATA, self_rating={"skipped": True})
    return reverse("interviews:review_media", args=[session.pk, 0])


def test_without_a_range_the_whole_file_streams(candidate_client, media_url):
    response = candidate_client.get(media_url)
    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == DATA
    assert response["Content-Length"] == str(len(DATA))
    assert response["Content-Type"] == "video/webm"  # codecs parameter dropped
    assert response["Accept-Ranges"] == "bytes"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private")


def test_the_first_bytes(candidate_client, media_url):
    response = candidate_client.get(media_url, headers={"Range": "bytes=0-3"})
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == bytes.fromhex("1A45DFA3")
    assert response["Content-Range"] == f"bytes 0-3/{len(DATA)}"
    assert response["Content-Length"] == "4"


def test_an_open_ended_range_runs_to_the_end(candidate_client, media_url):
    response = candidate_client.get(media_url, headers={"Range": "bytes=10000-"})
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == DATA[10000:]
    assert response["Content-Range"] == f"bytes 10000-{len(DATA) - 1}/{len(DATA)}"


def test_a_suffix_range_is_the_last_bytes(candidate_client, media_url):
    response = candidate_client.get(media_url, headers={"Range": "bytes=-16"})
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == DATA[-16:]
    assert response["Content-Range"] == f"bytes {len(DATA) - 16}-{len(DATA) - 1}/{len(DATA)}"


def test_an_end_past_the_file_is_clipped(candidate_client, media_url):
    response = candidate_client.get(media_url, headers={"Range": "bytes=10240-99999"})
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == DATA[10240:]


@pytest.mark.parametrize("header", ["bytes=20000-", "bytes=9-3", "bytes=abc", "bytes=-0", "bytes=-"])
def test_an_unsatisfiable_range_is_416(candidate_client, media_url, header):
    response = candidate_client.get(media_url, headers={"Range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(DATA)}"


@pytest.mark.parametrize("header", ["items=0-3", "bytes=0-1,5-6"])
def test_other_units_and_multiple_ranges_get_the_whole_file(candidate_client, media_url, header):
    response = candidate_client.get(media_url, headers={"Range": header})
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == DATA


def test_parse_range_contract():
    assert parse_range("", 100) is None
    assert parse_range("bytes=0-0", 100) == (0, 0)
    assert parse_range("bytes=-500", 100) == (0, 99)
    assert parse_range("bytes=99-", 100) == (99, 99)
    assert parse_range("bytes=100-", 100) is False
    assert parse_range("bytes=0-", 0) is False


def test_a_missing_file_or_a_path_outside_media_root_is_404(candidate_client, candidate, media_url):
    segment = RecordingSegment.objects.get(session__user=candidate)
    segment.path = "../../etc/passwd"
    segment.save(update_fields=["path"])
    assert candidate_client.get(media_url).status_code == 404
    segment.path = "interviews/nowhere.webm"
    segment.save(update_fields=["path"])
    assert candidate_client.get(media_url).status_code == 404


def test_a_non_media_type_is_served_as_an_octet_stream(candidate_client, candidate):
    session = analyzed_session(candidate, self_rating={"skipped": True})
    add_segment(session, b"<html>", mime="text/html")
    response = candidate_client.get(reverse("interviews:review_media", args=[session.pk, 0]))
    assert response["Content-Type"] == "application/octet-stream"


def test_another_candidate_cannot_fetch_the_recording(client, other_candidate, media_url):
    client.force_login(other_candidate)
    assert client.get(media_url, headers={"Range": "bytes=0-3"}).status_code == 404


def test_under_asgi_the_range_is_read_chunk_by_chunk(tmp_path):
    path = tmp_path / "big.webm"
    payload = bytes(range(256)) * 1024  # 256 KB
    path.write_bytes(payload)
    response = RangeFileResponse(path, 1000, 3 * CHUNK + 5, status=206, content_type="video/webm")

    async def collect():
        return [chunk async for chunk in response]

    chunks = asyncio.run(collect())
    assert [len(c) for c in chunks] == [CHUNK, CHUNK, CHUNK, 5]
    assert b"".join(chunks) == payload[1000 : 1000 + 3 * CHUNK + 5]
