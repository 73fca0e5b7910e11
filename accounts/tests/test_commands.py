import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.tests.helpers import log_in

pytestmark = pytest.mark.django_db


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_is_idempotent_and_prints_working_credentials(client):
    seed_demo()
    output = seed_demo()

    email, password = re.search(r"Candidate: (\S+) / (\S+)", output).groups()
    assert User.objects.filter(email=email).count() == 1
    assert User.objects.count() == 2  # the candidate and the staff account
    assert EmailAddress.objects.filter(email=email, verified=True, primary=True).count() == 1
    assert EmailAddress.objects.count() == 2
    response = log_in(client, email=email, password=password)
    assert response.status_code == 302
    # The Locker Room renders its cached sections (partials) before the page itself.
    assert "gamification/locker_room.html" in [template.name for template in client.get("/").templates]


def test_seed_demo_staff_can_open_the_admin(client):
    output = seed_demo()

    email, password = re.search(r"Staff \(admin at /admin/\): (\S+) / (\S+)", output).groups()
    log_in(client, email=email, password=password)
    assert client.get("/admin/").status_code == 200


def test_seed_demo_resets_a_changed_demo_password():
    seed_demo()
    user = User.objects.get(email="demo@interview-arena.local")
    user.set_password("someone-changed-it-1")
    user.save(update_fields=["password"])

    seed_demo()

    user.refresh_from_db()
    assert user.check_password("practice-makes-perfect")


def test_seed_demo_is_refused_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="PRODUCTION"):
        seed_demo()
    assert not User.objects.exists()
