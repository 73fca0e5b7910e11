"""allauth's login throttling as configured in settings (ACCOUNT_RATE_LIMITS["login_failed"]).

"10/m/ip,5/5m/key": ten failures a minute per client IP, five per five minutes per account.
allauth reads its settings on every call, so the ``settings`` fixture can switch the proxy count.
"""

import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.tests.factories import DEFAULT_PASSWORD
from accounts.tests.helpers import log_in

pytestmark = pytest.mark.django_db

THROTTLED = "Too many failed login attempts"


def form_errors(response) -> str:
    return " ".join(response.context["form"].non_field_errors())


def fail_as(client, email, **headers):
    response = log_in(client, email=email, password="wrong-password-123", **headers)
    assert response.status_code == 200
    return response


def test_it_throttles_an_account_after_repeated_wrong_passwords(client, candidate):
    responses = [fail_as(client, "owner@example.com") for _ in range(11)]

    assert THROTTLED not in form_errors(responses[0])
    assert THROTTLED in form_errors(responses[-1])
    refused = log_in(client, email="owner@example.com", password=DEFAULT_PASSWORD)
    assert refused.status_code == 200
    assert THROTTLED in form_errors(refused)
    assert "_auth_user_id" not in client.session


def test_the_account_limit_holds_across_client_ips_and_casings(client, candidate):
    for i in range(5):
        fail_as(client, "OWNER@example.com" if i % 2 else "owner@example.com", REMOTE_ADDR=f"198.51.100.{i + 1}")

    refused = log_in(client, email="owner@example.com", REMOTE_ADDR="198.51.100.99")

    assert THROTTLED in form_errors(refused)


def test_a_successful_login_does_not_reset_the_failure_count(client, candidate):
    for _ in range(4):
        fail_as(client, "owner@example.com")
    assert log_in(client, email="owner@example.com").status_code == 302
    client.post(reverse("account_logout"))

    assert THROTTLED not in form_errors(fail_as(client, "owner@example.com"))
    assert THROTTLED in form_errors(fail_as(client, "owner@example.com"))


def test_the_counts_live_in_the_configured_cache(client, candidate):
    for _ in range(6):
        fail_as(client, "owner@example.com")
    assert THROTTLED in form_errors(log_in(client, email="owner@example.com"))

    cache.clear()

    assert log_in(client, email="owner@example.com").status_code == 302


def test_behind_one_trusted_proxy_failures_count_per_forwarded_client_ip(client, settings, candidate):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    attacker = {"X-Forwarded-For": "203.0.113.7"}
    # Ten different accounts, so only the per-IP limit (10/m/ip) can trip.
    for i in range(10):
        fail_as(client, f"nobody{i}@example.com", **attacker)

    assert THROTTLED in form_errors(fail_as(client, "nobody-else@example.com", **attacker))
    assert THROTTLED in form_errors(log_in(client, email="owner@example.com", **attacker))
    # Another client behind the same proxy (same REMOTE_ADDR) is not affected.
    response = log_in(client, email="owner@example.com", **{"X-Forwarded-For": "203.0.113.8"})
    assert response.status_code == 302


def test_behind_a_proxy_chain_the_rightmost_untrusted_address_counts(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # The client may put anything on the left; the trusted proxy appends the real peer address.
    for i in range(10):
        fail_as(client, f"nobody{i}@example.com", **{"X-Forwarded-For": f"10.0.0.{i}, 203.0.113.7"})

    assert THROTTLED in form_errors(fail_as(client, "x@example.com", **{"X-Forwarded-For": "10.9.9.9, 203.0.113.7"}))


def test_without_a_trusted_proxy_a_spoofed_forwarded_for_cannot_dodge_the_ip_limit(client, settings, candidate):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for i in range(10):
        fail_as(client, f"nobody{i}@example.com", **{"X-Forwarded-For": f"192.0.2.{i}"})

    response = log_in(client, email="owner@example.com", **{"X-Forwarded-For": "192.0.2.200"})

    assert THROTTLED in form_errors(response)
    assert "_auth_user_id" not in client.session


def test_admin_login_is_throttled_too(client, staff_user):
    for _ in range(5):
        fail_as(client, "staff@example.com")

    response = client.post(
        reverse("account_login"), {"login": "staff@example.com", "password": DEFAULT_PASSWORD, "next": "/admin/"}
    )

    assert THROTTLED in form_errors(response)
    assert client.get("/admin/login/").url.startswith(reverse("account_login"))


def _trusted_proxy_count_with(value: str) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "TRUSTED_PROXY_COUNT": value}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)


def test_the_trusted_proxy_count_comes_from_the_environment():
    assert _trusted_proxy_count_with("1").stdout.strip() == "1"
    refused = _trusted_proxy_count_with("-1")
    assert refused.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be at least 0" in refused.stderr
