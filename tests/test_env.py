import os
import stat

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_secret, parse_database_url, persistent_secret_key


def test_env_bool_reads_common_spellings_and_refuses_garbage(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_int_enforces_minimum(monkeypatch):
    monkeypatch.setenv("N", "3")
    assert env_int("N", 0, minimum=1) == 3
    monkeypatch.setenv("N", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least"):
        env_int("N", 0, minimum=0)
    monkeypatch.setenv("N", "ten")
    with pytest.raises(ImproperlyConfigured, match="integer"):
        env_int("N", 0)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example.com, ,b.example.com ")
    assert env_list("HOSTS") == ["a.example.com", "b.example.com"]


def test_secrets_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("API_KEY_FILE", str(secret))
    assert env_secret("API_KEY") == "s3cret"
    monkeypatch.setenv("API_KEY", "inline")
    with pytest.raises(ImproperlyConfigured, match="only one"):
        env_secret("API_KEY")
    monkeypatch.delenv("API_KEY")
    monkeypatch.setenv("API_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        env_secret("API_KEY")


def test_secret_key_is_generated_once_and_private(tmp_path):
    path = tmp_path / "var" / "secret_key"
    first = persistent_secret_key(path)
    assert len(first) >= 50
    assert persistent_secret_key(path) == first
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_database_urls():
    pg = parse_database_url("postgres://arena:p%40ss@db.internal:6432/arena?sslmode=require")
    assert (pg.engine, pg.name, pg.user, pg.password, pg.host, pg.port) == (
        "django.db.backends.postgresql",
        "arena",
        "arena",
        "p@ss",
        "db.internal",
        "6432",
    )
    assert pg.options == {"sslmode": "require"}
    assert parse_database_url("sqlite:////srv/arena/db.sqlite3").name == "/srv/arena/db.sqlite3"
    with pytest.raises(ImproperlyConfigured, match="not supported"):
        parse_database_url("mysql://root@localhost/arena")
    with pytest.raises(ImproperlyConfigured, match="name a database"):
        parse_database_url("postgres://u@h:5432/")


def test_every_variable_the_settings_read_is_documented_in_the_readme():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    source = (root / "config" / "settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list|secret)\("([A-Z0-9_]+)"', source))
    readme = (root / "README.md").read_text()
    undocumented = sorted(name for name in names if f"`{name}`" not in readme)
    assert names, "no variables found: the pattern above no longer matches config/settings.py"
    assert not undocumented, f"variables missing from the README's configuration table: {undocumented}"
