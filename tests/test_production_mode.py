"""Production mode is checked in a fresh interpreter, exactly as a deployment starts it."""

import pytest

from tests.fresh import run_fresh


def run_manage(tmp_path, *args, **env):
    return run_fresh(tmp_path, "manage.py", *args, drop=("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"), **env)


PRODUCTION_ENV = {
    "PRODUCTION": "1",
    "SECRET_KEY": "x" * 20 + "-production-only-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "arena.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://arena.example.com",
    "EMAIL_HOST": "smtp.example.com",
}


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = run_manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_in_the_embedded_default(tmp_path):
    # The control: the same check does find problems when production mode is off.
    result = run_manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DEBUG": "1"}, "DEBUG"),
        ({"PRODUCTION": "perhaps"}, "PRODUCTION"),
        ({"EMAIL_HOST": ""}, "EMAIL_HOST"),
    ],
)
def test_production_refuses_unsafe_settings(tmp_path, override, message):
    result = run_manage(tmp_path, "check", **{**PRODUCTION_ENV, **override})
    assert result.returncode != 0
    assert message in result.stderr


def test_embedded_default_generates_a_secret_key_under_var(tmp_path):
    result = run_manage(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.exists()
    assert len(key_file.read_text()) >= 50


def test_production_security_headers(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', secure=True, headers={'host': 'arena.example.com'});"
        "print(r.status_code);"
        "print(r.headers.get('Strict-Transport-Security'));"
        "print(r.headers.get('Content-Security-Policy'));"
        "print(r.headers.get('X-Content-Type-Options'));"
        "print(r.headers.get('Referrer-Policy'));"
        "from django.conf import settings;"
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)"
    )
    result = run_fresh(
        tmp_path, "-c", script, drop=("DEBUG",), DJANGO_SETTINGS_MODULE="config.settings", **PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
    status, hsts, csp, nosniff, referrer, cookies = result.stdout.strip().splitlines()
    assert status in {"200", "503"}
    assert hsts.startswith("max-age=31536000")
    assert "object-src 'none'" in csp
    assert "base-uri 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert nosniff == "nosniff"
    assert referrer == "same-origin"
    assert cookies == "True True"
