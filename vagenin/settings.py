"""Settings for Vägen in, read from environment variables only (see .env.example)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    """A string from the environment."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """A boolean from the environment: 1/true/yes/on are true."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """An integer from the environment."""
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def env_float(name: str, default: float) -> float:
    """A number from the environment."""
    value = os.environ.get(name)
    return default if value in (None, "") else float(value)


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated list from the environment."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for local use).")
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# The county a deployment serves; every agreement, quota and report carries it.
VAGENIN_COUNTY_CODE = env_str("VAGENIN_COUNTY_CODE", "20")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "csp",
    # Before allauth, so that the site's templates override allauth's.
    "vagenin.common",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "vagenin.accounts",
    "vagenin.organisations",
    "vagenin.agreement",
    "vagenin.actionplan",
    "vagenin.meetings",
    "vagenin.settlement",
    "vagenin.grants",
    "vagenin.indicators",
    "vagenin.newsletter",
    "vagenin.pages",
    "vagenin.api",
    "vagenin.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vagenin.common.middleware.HostPortMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "vagenin.accounts.middleware.StaffMFAMiddleware",
    "vagenin.common.middleware.SecurityHeadersMiddleware",
    # Under /api/: the client's language, CORS, JSON errors, 304 (also for the page cache's copies).
    "vagenin.api.middleware.OpenDataMiddleware",
    # Last: a cached public page skips only the view (vagenin/common/pagecache.py).
    "vagenin.common.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "vagenin.urls"
WSGI_APPLICATION = "vagenin.wsgi.application"
FORM_RENDERER = "vagenin.common.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "vagenin.site.context_processors.site",
            ],
        },
    }
]

VAR_DIR = Path(env_str("VAGENIN_VAR_DIR", str(BASE_DIR / "var")))
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'vagenin.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a management command share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "vagenin.common.cache.ReusingRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "vagenin"}}
# The page cache's entries: each process's own memory, bounded, away from the rate-limit counters in Redis.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "vagenin-pages",
    "OPTIONS": {"MAX_ENTRIES": 500},
}
# Public pages and API responses as anonymous visitors get them are kept this long at most (seconds; 0 turns
# the page cache off); any change to the data forgets them at once (vagenin/common/pagecache.py). On by
# default only with a shared cache: each gunicorn worker's own memory would hear only of its own changes.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300 if REDIS_URL and not DEBUG else 0)
# How long (seconds) a process trusts the generation token it last read from the shared cache before asking again:
# a change made through another process reaches that process's visitors at most this much later (the process that
# made it forgets at once). A round trip to Redis on every hit otherwise costs a page-cache hit about a tenth of
# its throughput (bench/README.md). 0 asks every time.
PAGE_CACHE_GENERATION_SECONDS = env_float("PAGE_CACHE_GENERATION_SECONDS", 1.0)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's backends, reading the staff roles and the MFA check with the user (one query, not
    # three, on every request of a logged-in user).
    "vagenin.accounts.backends.UserWithRolesBackend",
    "vagenin.accounts.backends.AllauthWithRolesBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "site:dashboard"

# django-allauth: e-mail login, no public sign-up (coordinators invite), MFA.
ACCOUNT_ADAPTER = "vagenin.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
# A password reset for an address with no account sends nothing: sign-up is closed, so there is nothing to
# invite the recipient to, and the form must not become a way to mail strangers.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# allauth would take the prefix from the request's Host; mail names the site itself (links use SITE_URL).
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Vägen in] "
# Reverse proxies whose X-Forwarded-For is believed: addresses or networks, comma-separated (docs/deploy.md).
# Every per-client limit, the site's and allauth's, counts against the address vagenin/common/clientip.py takes
# from it; from any other peer the header is ignored. Empty: the client is REMOTE_ADDR, whatever it sends.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
try:
    for _proxy in TRUSTED_PROXIES:
        ipaddress.ip_network(_proxy)
except ValueError as error:
    raise RuntimeError(
        f"TRUSTED_PROXIES: {error}. Give addresses or networks, comma-separated (e.g. 127.0.0.1,::1 or 10.0.0.0/24)."
    ) from None
# Per client ("ip": the address above, IPv6 by /64) and per account ("key": the e-mail address typed, and the
# user for MFA codes), never one bucket for everyone; kept in the shared cache. Unset actions keep allauth's
# defaults, all per client, per key or per logged-in user.
ACCOUNT_RATE_LIMITS = {
    # Lockout after repeated failures: a client trying many accounts, or one account tried from many clients.
    "login_failed": env_str("LOGIN_FAILED_RATE", "10/m/ip,5/5m/key"),
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Vägen in"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
TIME_ZONE = "Europe/Stockholm"
# One date and number style per language: British English, Swedish (vagenin/common/formats).
FORMAT_MODULE_PATH = ["vagenin.common.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Outside production, serve static files straight from the apps (no collectstatic needed).
WHITENOISE_USE_FINDERS = not env_bool("DJANGO_PRODUCTION", not DEBUG)
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Virus scanning of uploads by ClamAV's clamd (vagenin/common/antivirus.py): tcp://host:port or
# unix:///path/to/socket. Empty: uploads are not scanned. Set: an upload clamd cannot scan is refused.
CLAMAV_ADDRESS = env_str("CLAMAV_ADDRESS")
if CLAMAV_ADDRESS and not CLAMAV_ADDRESS.startswith(("tcp://", "unix://")):
    raise RuntimeError("CLAMAV_ADDRESS must be tcp://host:port or unix:///path/to/clamd.socket (or empty).")
# Seconds one scan may take in all, from connecting to clamd's verdict.
CLAMAV_TIMEOUT = env_int("CLAMAV_TIMEOUT", 10)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DJANGO_PRODUCTION", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Vägen in <noreply@vagenin.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where feedback and contact messages are announced (the secretariat's shared inbox).
SECRETARIAT_EMAIL = env_str("SECRETARIAT_EMAIL", "kansli@vagenin.example")
# Where vulnerabilities are reported (/.well-known/security.txt): an address or an https URL; the secretariat's inbox
# when empty.
SECURITY_CONTACT = env_str("SECURITY_CONTACT")
# How long visitors' feedback and contact messages are kept before they are erased (days).
MESSAGE_RETENTION_DAYS = env_int("MESSAGE_RETENTION_DAYS", 365)
# How long a project submitter's name and e-mail are kept after the secretariat's decision (days).
SUBMISSION_RETENTION_DAYS = env_int("SUBMISSION_RETENTION_DAYS", 365)
# A partner's initiative is published the first time only after the secretariat has looked at it; later edits
# go live at once and appear in the secretariat's list of recent changes. False: editors publish directly.
FIRST_PUBLICATION_REVIEW = env_bool("FIRST_PUBLICATION_REVIEW", True)
# The newsletter's sending: recipients per batch (one SMTP connection each) and the most mails per second (0: no limit).
# How long a guest's name, e-mail and needs are kept after the event they registered for (days).
MEETINGS_GUEST_RETENTION_DAYS = env_int("MEETINGS_GUEST_RETENTION_DAYS", 90)
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 200)
NEWSLETTER_RATE_PER_SECOND = env_int("NEWSLETTER_RATE_PER_SECOND", 20)

# Celery: eager (in-process) unless a broker is configured.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or "")
CELERY_TIMEZONE = TIME_ZONE
# Periodic work, run by `celery -A vagenin beat` next to the workers (see docs/deploy.md).
CELERY_BEAT_SCHEDULE = {
    "meetings-reminders": {"task": "vagenin.meetings.tasks.send_reminders", "schedule": 60 * 60},
    "meetings-evaluations": {"task": "vagenin.meetings.tasks.send_evaluations", "schedule": 60 * 60},
    "meetings-purge-guests": {"task": "vagenin.meetings.tasks.purge_guest_data", "schedule": 24 * 60 * 60},
    "remind-due-reporting-rounds": {
        "task": "vagenin.actionplan.tasks.remind_due_rounds",
        "schedule": 24 * 60 * 60,
    },
    "purge-old-messages": {"task": "vagenin.pages.tasks.purge_old_messages", "schedule": 24 * 60 * 60},
    "purge-old-submissions": {"task": "vagenin.actionplan.tasks.purge_old_submissions", "schedule": 24 * 60 * 60},
    "purge-old-grant-contacts": {"task": "vagenin.grants.tasks.purge_old_contacts", "schedule": 24 * 60 * 60},
    "newsletter-send-due-issues": {"task": "vagenin.newsletter.tasks.send_due_issues", "schedule": 60},
    "newsletter-purge-unconfirmed": {
        "task": "vagenin.newsletter.tasks.purge_unconfirmed_subscribers",
        "schedule": 24 * 60 * 60,
    },
}
# Official statistics with an API (PxWeb, Kolada) refreshed every this many hours; 0 (the default) never, for a
# deployment that cannot reach the publishers (docs/indicators.md).
INDICATOR_FETCH_HOURS = env_int("INDICATOR_FETCH_HOURS", 0)
if INDICATOR_FETCH_HOURS > 0:
    CELERY_BEAT_SCHEDULE["indicators-fetch-sources"] = {
        "task": "vagenin.indicators.tasks.fetch_sources",
        "schedule": INDICATOR_FETCH_HOURS * 60 * 60,
    }
# Retry a broker that is not up yet when a worker starts; explicit because Celery 6 no longer infers it.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "vagenin.api.renderers.CSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_PAGINATION_CLASS": "vagenin.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["vagenin.common.ratelimit.ClientAnonRateThrottle"],  # per client, as above
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("API_RATE", "600/min")},
    "URL_FORMAT_OVERRIDE": "format",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vägen in open data API",
    "DESCRIPTION": "Read-only open data about the regional integration agreement Vägen in.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# Security headers. The CSP uses per-request nonces; no inline script or style without one.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"

PRODUCTION = env_bool("DJANGO_PRODUCTION", not DEBUG)
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    if not SECURE_SSL_REDIRECT:
        # The proxy redirects HTTP to HTTPS (docs/deploy.md); Django's check cannot see that.
        SILENCED_SYSTEM_CHECKS = ["security.W008"]

# Everything goes to standard error, one line per record; the process manager (systemd, containers) keeps it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
