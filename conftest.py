"""Project-wide fixtures. Actors:

- ``candidate``: a verified user, the owner in permission tests.
- ``other_candidate``: another verified user; their view of the owner's objects must be 404.
- ``unverified_user``: signed up but never confirmed the email; sees no private page.
- ``staff_user``: verified staff member with admin access.
All of them use ``accounts.tests.factories.DEFAULT_PASSWORD``.
"""

from __future__ import annotations

import os
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache

from accounts.tests.factories import UserFactory


def pytest_configure(config):
    """Give this run its own cache namespace in Redis (children such as the e2e daphne inherit it), so
    clearing the cache between tests never touches another run, a dev server, Celery or channels."""
    prefix = os.environ.setdefault("CACHE_KEY_PREFIX", f"ia-test-{uuid.uuid4().hex[:8]}")
    settings.CACHES["default"]["KEY_PREFIX"] = prefix


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached values never leak from one test into the next."""
    clear_cache_namespace()


def clear_cache_namespace() -> None:
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{settings.CACHES['default']['KEY_PREFIX']}:*", count=500))
    if keys:
        client.delete(*keys)


@pytest.fixture
def candidate(db):
    return UserFactory(email="owner@example.com", display_name="Olive Owner")


@pytest.fixture
def other_candidate(db):
    return UserFactory(email="other@example.com", display_name="Otto Other")


@pytest.fixture
def unverified_user(db):
    return UserFactory(email="unverified@example.com", verified=False)


@pytest.fixture
def staff_user(db):
    return UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def candidate_client(client, candidate):
    client.force_login(candidate)
    return client


def pytest_unconfigure(config):
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        clear_cache_namespace()
