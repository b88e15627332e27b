"""Casefile settings, driven by environment variables.

Development needs none of them: DEBUG is on and an SQLite file next to manage.py holds the
data. Production is `DEBUG=False` plus a real `SECRET_KEY` and `ALLOWED_HOSTS`; the app
refuses to start without them. Every variable is documented in README.md.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def envurl(name: str, default: str) -> str:
    """An http(s) address from the environment: a licence or home page readers will follow."""
    value = os.environ.get(name) or default
    if value and not value.startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"{name} must be an http or https address, not {value!r}")
    return value


DEBUG = envbool("DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-casefile-development-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET_KEY)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

if not DEBUG:
    # The same bar as Django's own deploy check (security.W009), enforced instead of warned.
    weak = len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5
    if weak or SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "DEBUG is off but SECRET_KEY is missing, shorter than 50 characters or not random. "
            "Generate one "
            "with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DEBUG is off but ALLOWED_HOSTS is empty. Set it to the site's host names, "
            "comma-separated, e.g. ALLOWED_HOSTS=casefile.example.org"
        )

CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
BEHIND_TLS_PROXY = envbool("BEHIND_TLS_PROXY", False)
# Editors sign in with a one-time code from an authenticator app as well as a password.
ADMIN_REQUIRE_2FA = envbool("ADMIN_REQUIRE_2FA", not DEBUG)

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    # Content translations (per-language columns); before the admin, as its documentation asks.
    "modeltranslation",
    "caseapp.apps.CasefileAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_countries",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_filters",
    "django_htmx",
    "simple_history",
    "template_partials",
    "caseapp.publishing",
    "caseapp.actors",
    "caseapp.cases",
    "caseapp.opendata",
    "caseapp.embed",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The language from the address alone (/de/…), the admin's from the browser; never a cookie.
    # Before the page cache, which resolves the address: /de/… resolves only in German.
    "caseapp.i18n.LanguageMiddleware",
    # Before anything reads the database: drops a connection to a deleted SQLite file.
    "caseapp.outages.SqliteFileMiddleware",
    # Reads the publication generation once per request, for the page cache and what is inside.
    "caseapp.cases.generation.GenerationMiddleware",
    # Public answers whole, with every header set inside it (CSP, framing) kept along.
    "caseapp.pagecache.PageCacheMiddleware",
    "caseapp.pagecache.CompressionMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "caseapp.urls"
WSGI_APPLICATION = "caseapp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # {% load languages %}: the language switcher and hreflang links (caseapp/i18n.py).
            "libraries": {"languages": "caseapp.i18n"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        # Unset or empty: the SQLite file beside manage.py.
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Compiling a page's short queries to machine code costs more than it saves.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Editors save while visitors read. WAL: readers never block the writer, nor it them.
    # IMMEDIATE: a transaction takes the write lock when it begins, so it waits for it (up to
    # SQLITE_TIMEOUT seconds) instead of failing "database is locked" half-way through a save.
    # synchronous=NORMAL is durable with WAL except for the last commits on power loss.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": envint("SQLITE_TIMEOUT", 20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(url: str) -> dict:
    """CACHES["default"] from CACHE_URL: redis://host:port/db (or rediss://), locmem://,
    file:///absolute/folder or dummy://."""
    scheme = url.partition("://")[0]
    if scheme in ("redis", "rediss"):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            # A Redis that hangs must not hang the pages: they are then built afresh.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    if scheme == "file":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url.removeprefix("file://"),
            "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 2000)},
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Each worker's own memory: a cap on entries caps it (pages are kept compressed).
            "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 2000)},
        }
    raise ImproperlyConfigured(
        f"CACHE_URL must start with redis://, rediss://, locmem://, file:// or dummy://, "
        f"not {url!r}"
    )


# Without CACHE_URL, each worker keeps its own cache in memory: no server needed.
CACHES = {
    "default": {
        **cache_from_url(os.environ.get("CACHE_URL") or "locmem://"),
        "KEY_PREFIX": "casefile",
    }
}
# Whole public pages, feeds, exports and embeds, kept until the next publish (caseapp/pagecache.py).
# Off in development, where templates change under a running server.
PAGE_CACHE = envbool("PAGE_CACHE", not DEBUG)
# Larger answers (a big case's export) stream every time instead.
PAGE_CACHE_MAX_BYTES = envint("PAGE_CACHE_MAX_BYTES", 1024 * 1024)
# How long browsers and CDNs may keep pages (seconds); embeds, feeds and exports longer.
PAGE_MAX_AGE = envint("PAGE_MAX_AGE", 60)
EMBED_MAX_AGE = envint("EMBED_MAX_AGE", 300)
# The deployed version's name; by default a digest of the code (caseapp.pagecache.release).
RELEASE = os.environ.get("RELEASE", "")


# RFC 4151: a domain name (labels of letters, digits and inner hyphens) or an email address.
_TAG_AUTHORITY = re.compile(
    r"(?:[a-z0-9._-]+@)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
)


def _default_tag_authority(hosts: list[str]) -> str:
    """The first real domain name in ALLOWED_HOSTS (`.example.org` counts as example.org),
    which the operator owns as they install; `casefile.invalid`, no one's, in development."""
    for host in hosts:
        name = host.lstrip(".").lower()
        if "." in name and _TAG_AUTHORITY.fullmatch(name) and not name.replace(".", "").isdigit():
            return name
    return "casefile.invalid"


def tag_authority(name: str, hosts: list[str]) -> str:
    value = os.environ.get(name, "").strip().lower() or _default_tag_authority(hosts)
    if not _TAG_AUTHORITY.fullmatch(value):
        raise ImproperlyConfigured(
            f"{name} must be a domain name or an email address that you own, such as "
            f"casefile.example.org or feeds@example.org, not {value!r}"
        )
    return value


# The naming authority of the feeds' entry ids (`tag:casefile.example.org,2026-03-01:event:12`).
# Each record's id is fixed when it is first published, so changing this later only names new ones.
FEED_TAG_AUTHORITY = tag_authority("FEED_TAG_AUTHORITY", ALLOWED_HOSTS)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (caseapp/security.py): five failures for one account from one address lock
# that pair for an hour; twenty for one account from all addresses throttle it for 15 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Ours, not django-axes': the account-wide limit its handler below adds.
AXES_ACCOUNT_FAILURE_LIMIT = envint("AXES_ACCOUNT_FAILURE_LIMIT", 20)
AXES_ACCOUNT_COOLOFF_MINUTES = 15
AXES_HANDLER = "caseapp.security.AccountThrottlingHandler"
# Attempts refused by a lock do not prolong it, so a lock always ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "caseapp.security.client_ip"
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts only REMOTE_ADDR.
TRUSTED_PROXY_HOPS = envint("TRUSTED_PROXY_HOPS", 0)
if not 0 <= TRUSTED_PROXY_HOPS <= 10:
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_HOPS must be the number of proxies in front of the app that append to "
        f"X-Forwarded-For (0 for none, 1 for one nginx or Caddy), not {TRUSTED_PROXY_HOPS}"
    )
# Keep failed attempts only; successful sign-ins are not logged with addresses.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Casefile"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# English at today's addresses, the others under /de/, /ru/, /kk/, /ug/ (caseapp/i18n.py); Kazakh
# in Cyrillic, Uyghur in Arabic script, right to left (Django's LANGUAGES_BIDI lists ug). Adding
# one: docs/translations.md.
LANGUAGES = [
    ("en", _("English")),
    ("de", _("German")),
    ("ru", _("Russian")),
    ("kk", _("Kazakh")),
    ("ug", _("Uyghur")),
]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# Dates and times per language, as the public site writes them (caseapp/formats/<language>/).
FORMAT_MODULE_PATH = ["caseapp.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

# Content translations (django-modeltranslation): each translated field gets a column per
# language (title_en, title_de, ...); English is the original and what a missing one falls back to.
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
# Slugs are filled in from the original title, whatever the editor's language.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = LANGUAGE_CODE


def _translated_field_label(verbose_name, language):
    # "title", "title (German)": called lazily, once the apps are loaded.
    from caseapp.cases.translated import field_label

    return field_label(verbose_name, language)


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _translated_field_label

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files need `collectstatic`; development and tests serve the sources.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# A strict policy from the first page: no inline script or style, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
# Who may frame the embeddable timeline (/embed/ pages only): any site, or these origins.
EMBED_ALLOWED_ORIGINS = envlist("EMBED_ALLOWED_ORIGINS", ["*"])
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "sync-xhr",
        "usb",
        "xr-spatial-tracking",
    ]
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe health over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
    # Preloading is a commitment for every subdomain, for years: an operator opts in.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
    # Behind a TLS-terminating proxy, which must set this header itself.
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Request logs carry visitors' addresses; keep only warnings and errors.
    "loggers": {"django.server": {"level": "WARNING"}},
}

# --- Open data licence and publisher (docs/open-data.md#licence-and-publisher) ---

# The licence of the published record: on case pages, in their JSON-LD, in the JSON export and
# in a `Link: <…>; rel="license"` header on every download. Its name is known for Creative
# Commons addresses; DATA_LICENSE_NAME names any other.
DATA_LICENSE_URL = envurl("DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/")
DATA_LICENSE_NAME = os.environ.get("DATA_LICENSE_NAME", "")
# Who publishes the record: the creator and publisher of each case's Dataset in JSON-LD.
# Without SITE_ORGANIZATION_URL, the site's home page stands for the organisation.
SITE_ORGANIZATION_NAME = os.environ.get("SITE_ORGANIZATION_NAME") or "Casefile"
SITE_ORGANIZATION_URL = envurl("SITE_ORGANIZATION_URL", "")

# --- Localised names (caseapp/localised.py) ---
# Country names in the reader's language from CLDR (django-countries has no Kazakh or Uyghur);
# English keeps django-countries' own names. Lazy: each is named when shown.
from caseapp.localised import country_overrides  # noqa: E402

COUNTRIES_OVERRIDE = country_overrides()
