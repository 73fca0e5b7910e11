"""Project-wide fixtures. Actors:

- ``candidate``: a verified user, the owner in permission tests.
- ``other_candidate``: another verified user; their view of the owner's objects must be 404.
- ``unverified_user``: signed up but never confirmed the email; sees no private page.
- ``staff_user``: verified staff member with admin access.
All of them use ``accounts.tests.factories.DEFAULT_PASSWORD``.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from accounts.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached values never leak from one test into the next."""
    cache.clear()
    yield


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
