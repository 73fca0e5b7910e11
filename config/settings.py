"""Interview Arena settings.

The environment is read here and only here, through the typed helpers in ``config.env``.
With no variable set, the project runs in the *embedded default*: SQLite, local files, in-memory
channel layer, local-memory cache, a Celery broker on the filesystem. Every variable is listed in
the README's configuration table.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import (
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_str,
    parse_database_url,
    persistent_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR") or BASE_DIR / "var").resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

# ---------------------------------------------------------------------------------------------
# Mode
# ---------------------------------------------------------------------------------------------
PRODUCTION = env_bool("PRODUCTION", False)
DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG=1 is refused when PRODUCTION=1")

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("PRODUCTION=1 needs SECRET_KEY or SECRET_KEY_FILE")
    SECRET_KEY = persistent_secret_key(VAR_DIR / "secret_key")

_LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else _LOCAL_HOSTS)
if PRODUCTION and (not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS):
    raise ImproperlyConfigured("PRODUCTION=1 needs ALLOWED_HOSTS set to your real host names (no '*')")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# ---------------------------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------------------------
INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "django_htmx",
    "allauth",
    "allauth.account",
    "accounts",
    "interviews",
    "gamification",
    "coding",
    "copilot",
    "library",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
            "builtins": ["config.templatetags.ui"],
        },
    }
]

# ---------------------------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
_db = parse_database_url(DATABASE_URL) if DATABASE_URL else None
if _db is None or _db.engine.endswith("sqlite3"):
    _sqlite_path = Path(_db.name) if _db else VAR_DIR / "db.sqlite3"
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _sqlite_path,
            "OPTIONS": {
                # Writers queue on BEGIN IMMEDIATE instead of failing mid-transaction, and wait
                # up to `timeout` seconds for the lock: 20 concurrent writers never see
                # "database is locked" (tests/test_sqlite_concurrency.py).
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=30000;"
                ),
            },
            # A file (not :memory:) so a live daphne server in the end-to-end tests sees it.
            # Per process, so two test runs in one checkout never share (and corrupt) a file.
            "TEST": {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")},
        }
    }
else:
    # A pool of connections per process (psycopg_pool, Django's OPTIONS["pool"]): under ASGI every request
    # runs its sync code in a thread of its own, so without a pool each request opened (and closed) a new
    # PostgreSQL connection — ~10 ms of CPU and round trips before the first query. DATABASE_POOL_MAX_SIZE=0
    # turns it off (then DATABASE_CONN_MAX_AGE may keep connections instead; Django refuses both at once).
    _pool_max = env_int("DATABASE_POOL_MAX_SIZE", 10, minimum=0)
    _conn_max_age = env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0)
    if _pool_max and _conn_max_age:
        raise ImproperlyConfigured(
            "DATABASE_CONN_MAX_AGE needs DATABASE_POOL_MAX_SIZE=0: pooled connections are already kept open"
        )
    _db_options = dict(_db.options or {})
    if _pool_max:
        _db_options["pool"] = {
            "min_size": min(env_int("DATABASE_POOL_MIN_SIZE", 1, minimum=0), _pool_max),
            "max_size": _pool_max,
            # a request waits this long for a free connection, then fails with a clear error (no hang)
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 10, minimum=1),
        }
    DATABASES = {
        "default": {
            "ENGINE": _db.engine,
            "NAME": _db.name,
            "USER": _db.user,
            "PASSWORD": _db.password,
            "HOST": _db.host,
            "PORT": _db.port,
            "CONN_MAX_AGE": _conn_max_age,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": _db_options,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------------------------
# Redis: cache, channel layer, Celery
# ---------------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ia"),
        }
    }
    # A consumer waits for group messages with a blocking pop of 5 s (channels-redis); redis-py 8 reads with
    # a 5 s socket timeout by default, so the wait could end as "Timeout reading" and kill the listener
    # (nudges then stopped reaching the browser). The socket timeout must outlast the blocking pop.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": 15}],
                "prefix": "ia:channels",
                "capacity": 200,
                "expiry": 30,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "arena"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "config.channel_layers.SweptInMemoryChannelLayer"}}

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL or "filesystem://"
CELERY_DATA_DIR = VAR_DIR / "celery"
if CELERY_BROKER_URL.startswith("filesystem://"):
    for _sub in ("queue", "processed", "results", "control"):
        (CELERY_DATA_DIR / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        # Broadcast (remote control, worker pings) would otherwise land in ./control.
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_DATA_DIR / 'results'}"
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or REDIS_URL or None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"

# ---------------------------------------------------------------------------------------------
# Accounts and authentication (django-allauth)
# ---------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# allauth's backend subclasses ModelBackend (permissions included). Listing ModelBackend as well
# made every failed login run Argon2 twice; the admin signs in through allauth anyway.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "gamification:locker_room"
LOGOUT_REDIRECT_URL = "gamification:locker_room"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupExtraForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CHANGE_EMAIL = True
# Security notices (password changed or reset, email changed, ...) to the account's address.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Interview Arena] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's rate limits (login failures, signup, password reset, ...) count in the cache above.
# Defaults are kept; failed logins are limited to 5 per 5 minutes per account and 10/min per IP.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Behind N reverse proxies that each append to X-Forwarded-For, set TRUSTED_PROXY_COUNT=N so
# rate limits see the real client IP (the N-th address from the right). 0 = use REMOTE_ADDR.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("TRUSTED_CLIENT_IP_HEADER") or None

# ---------------------------------------------------------------------------------------------
# Email: SMTP when EMAIL_HOST is set, else printed to the console and written to var/mail/
# ---------------------------------------------------------------------------------------------
_EMAIL_HOST = env_str("EMAIL_HOST")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Interview Arena <no-reply@interview-arena.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAIL_DIR = Path(env_str("EMAIL_FILE_PATH") or VAR_DIR / "mail")
if _EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _EMAIL_HOST,
                "port": env_int("EMAIL_PORT", 587, minimum=1),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_secret("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "use_ssl": env_bool("EMAIL_USE_SSL", False),
                "timeout": env_int("EMAIL_TIMEOUT", 10, minimum=1),
            },
        }
    }
elif PRODUCTION:
    # The console backend would print password-reset and verification links into the logs.
    raise ImproperlyConfigured("PRODUCTION=1 needs EMAIL_HOST (and the other EMAIL_* settings) for account mail")
else:
    MAILERS = {"default": {"BACKEND": "config.mail.ConsoleAndFileBackend", "OPTIONS": {"file_path": MAIL_DIR}}}

# ---------------------------------------------------------------------------------------------
# AI gateway (copilot.ai): any OpenAI-compatible server; the offline engine when none is set
# ---------------------------------------------------------------------------------------------
LLM_BASE_URL = env_str("LLM_BASE_URL")
LLM_API_KEY = env_secret("LLM_API_KEY")
LLM_MODEL = env_str("LLM_MODEL", "kimi-k2-0905-preview")
LLM_TIMEOUT_SECONDS = env_int("LLM_TIMEOUT_SECONDS", 20, minimum=1)
LLM_STREAM_TIMEOUT_SECONDS = env_int("LLM_STREAM_TIMEOUT_SECONDS", 90, minimum=1)
LLM_BACKGROUND_TIMEOUT_SECONDS = env_int("LLM_BACKGROUND_TIMEOUT_SECONDS", 120, minimum=1)
AI_DAILY_LIMITS = {
    "free": {
        "calls": env_int("AI_DAILY_CALLS_FREE", 50, minimum=0),
        "tokens": env_int("AI_DAILY_TOKENS_FREE", 100_000, minimum=0),
    },
    "pro": {
        "calls": env_int("AI_DAILY_CALLS_PRO", 500, minimum=0),
        "tokens": env_int("AI_DAILY_TOKENS_PRO", 2_000_000, minimum=0),
    },
}

# ---------------------------------------------------------------------------------------------
# Internationalisation, static and media
# ---------------------------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on a missing root even when serving from finders
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "/media/"  # never served publicly: media goes through views that check ownership
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production WhiteNoise serves straight from the finders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
# Re-read files on change outside production (a file edited while serving is never served cut short).
WHITENOISE_AUTOREFRESH = not PRODUCTION

# ---------------------------------------------------------------------------------------------
# Security
# ---------------------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "media-src": [CSP.SELF, "blob:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "worker-src": [CSP.SELF, "blob:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", True):
        # The proxy terminates TLS and must overwrite this header on every request.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Health probes come over plain HTTP from the load balancer.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# ---------------------------------------------------------------------------------------------
# Logging
# ---------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    "loggers": {"django.channels.server": {"level": "WARNING"}, "httpx2": {"level": "WARNING"}},
}

ADMIN_SITE_HEADER = "Interview Arena — staff"

# ---------------------------------------------------------------------------------------------
# Arena recordings: the largest chunk one upload may carry, and the most one session may store.
ARENA_CHUNK_MAX_BYTES = env_int("ARENA_CHUNK_MAX_BYTES", 4 * 1024 * 1024, minimum=64 * 1024)
ARENA_SESSION_MAX_BYTES = env_int("ARENA_SESSION_MAX_BYTES", 600 * 1024 * 1024, minimum=1024 * 1024)

# Game Tape analysis: optional server-side transcription through an OpenAI-compatible
# /audio/transcriptions endpoint (else the live or typed transcript is used).
ANALYSIS_TRANSCRIPTION_URL = env_str("ANALYSIS_TRANSCRIPTION_URL").rstrip("/")
ANALYSIS_TRANSCRIPTION_API_KEY = env_secret("ANALYSIS_TRANSCRIPTION_API_KEY")
ANALYSIS_TRANSCRIPTION_MODEL = env_str("ANALYSIS_TRANSCRIPTION_MODEL", "whisper-1")
ANALYSIS_TRANSCRIPTION_TIMEOUT_SECONDS = env_int("ANALYSIS_TRANSCRIPTION_TIMEOUT_SECONDS", 120, minimum=1)
# For `celery -A config beat` deployments; cron can run `manage.py reap_stuck_analyses` instead.
CELERY_BEAT_SCHEDULE = {"reap-stuck-analyses": {"task": "interviews.reap_stuck_analyses", "schedule": 600.0}}

# Live coaching: WebSocket audio streams one daphne process accepts; beyond it new ones are refused (4503).
LIVE_COACH_MAX_STREAMS = env_int("LIVE_COACH_MAX_STREAMS", 500, minimum=1)

# Coding arena: per-user rate limit, bounded judge queue, and when a stuck submission is given up.
CODING_SUBMISSIONS_PER_MINUTE = env_int("CODING_SUBMISSIONS_PER_MINUTE", 10, minimum=1)
CODING_QUEUE_LIMIT = env_int("CODING_QUEUE_LIMIT", 32, minimum=1)
CODING_STUCK_SECONDS = env_int("CODING_STUCK_SECONDS", 300, minimum=60)

# Coding sandbox (owned by coding/sandbox/; see docs/architecture.md, "Sandbox")
# ---------------------------------------------------------------------------------------------
# auto: Judge0 when JUDGE0_URL is set, else bubblewrap on this machine; none: the arena refuses to run code.
SANDBOX_BACKEND = env_str("SANDBOX_BACKEND", "auto").lower()
if SANDBOX_BACKEND not in {"auto", "bubblewrap", "judge0", "none"}:
    raise ImproperlyConfigured(f"SANDBOX_BACKEND must be auto, bubblewrap, judge0 or none, got {SANDBOX_BACKEND!r}")
SANDBOX_DIR = VAR_DIR / "sandbox"  # compiled-artifact cache, precompiled header, per-compile work dirs
# The unprivileged uid/gid boxes run as when the worker is root (never 0: the box must not own host files).
SANDBOX_UID = env_int("SANDBOX_UID", 65534, minimum=1)
SANDBOX_GID = env_int("SANDBOX_GID", 65534, minimum=1)
JUDGE0_URL = env_str("JUDGE0_URL").rstrip("/")
JUDGE0_AUTH_TOKEN = env_secret("JUDGE0_AUTH_TOKEN")
JUDGE0_TIMEOUT_SECONDS = env_int("JUDGE0_TIMEOUT_SECONDS", 60, minimum=1)
# language:id pairs, e.g. "python:71,javascript:63,java:62,cpp:54" (Judge0 CE's ids by default).
JUDGE0_LANGUAGE_IDS = env_list("JUDGE0_LANGUAGE_IDS", ["python:71", "javascript:63", "java:62", "cpp:54"])
if SANDBOX_BACKEND == "judge0" and not JUDGE0_URL:
    raise ImproperlyConfigured("SANDBOX_BACKEND=judge0 needs JUDGE0_URL")
