"""Every setting Liner Notes has, read from the environment.

``dev.py`` and ``test.py`` only adjust these. Nothing exists only in production:
with no variables set the blog runs on a SQLite file in ``./var`` (in the
working directory) with a local-memory cache, and with ``DEBUG`` off (the
default) it refuses to start without a ``SECRET_KEY``. docs/operating.md
explains each variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from linernotes.core import embeds, startup
from linernotes.users.social import providers_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DEBUG")
# ./var in the working directory unless LINERNOTES_DATA_DIR names one; never
# inside the installed code in production (docs/decisions/0021-data-folder.md).
DATA_DIR = startup.check_data_dir(startup.data_dir(os.environ), debug=DEBUG)
SECRET_KEY = startup.secret_key(os.environ, data=DATA_DIR, debug=DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST")
# Reverse proxies (addresses or networks) whose X-Forwarded-For names the reader
# (core.ratelimit.client_ip, decision 0037). Empty: the peer is the reader, and a
# forwarded header, which anyone can send, is never read. "unix" trusts a peer with
# no address, which is what gunicorn bound to a unix socket sees of its proxy.
LINERNOTES_TRUSTED_PROXIES = env_list("LINERNOTES_TRUSTED_PROXIES")
if env_bool("BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))

INSTALLED_APPS = [
    "linernotes.core",
    "linernotes.users",
    "linernotes.catalogue",
    "linernotes.spam",
    "linernotes.posts",
    "linernotes.likes",
    "linernotes.comments",
    "linernotes.notifications",
    "linernotes.privacy",
    "linernotes.stats",
    "linernotes.transfer",
    "django_tasks_db",
    # The writer's desk, then Django's admin with the desk as its site (decision 0044).
    "linernotes.desk",
    "linernotes.desk.apps.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Accounts (docs/operating.md, "Accounts and social login"): allauth's
    # providers are installed always and switched on only by their variables.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    # allauth's OpenID Connect provider, checking every ID token's signature
    # (docs/decisions/0014-verify-id-token-signatures.md).
    "linernotes.users.openid_connect",
    "allauth.socialaccount.providers.github",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.facebook",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "linernotes.core.middleware.SiteTimezoneMiddleware",
    "linernotes.transfer.middleware.LegacyRedirectMiddleware",
    # Counts readers' views (linernotes.stats), pages served from the cache included.
    "linernotes.stats.middleware.ReadingCountMiddleware",
    "linernotes.core.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "linernotes.users.middleware.AccountPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "linernotes.urls"
WSGI_APPLICATION = "linernotes.wsgi.application"

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
                "django.template.context_processors.csp",
                "linernotes.core.context_processors.site",
            ],
        },
    },
]

# SQLite in var/ unless DATABASE_URL says otherwise. WAL lets readers go on while a
# writer commits; IMMEDIATE transactions take the write lock up front, so two writers
# queue on busy_timeout instead of failing with "database is locked" mid-transaction.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "linernotes.sqlite3",
            "CONN_MAX_AGE": 600,
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
        ),
    }
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Parameters bound by the server, and statements a connection has run five
    # times prepared: PostgreSQL then parses and plans each of the few statements
    # a page runs once per connection, not once per request (decision 0017).
    # A pooler in transaction mode loses prepared statements (PgBouncer keeps
    # them only from 1.21, with max_prepared_statements set): set
    # DATABASE_PREPARED_STATEMENTS=false behind one.
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": 5}
        )
    # Loads psycopg; left out on SQLite, where it would only cost memory.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory unless REDIS_URL is set. The page cache stays correct across
# processes either way: its keys carry a generation stamp kept in the database
# (docs/decisions/0004-page-cache.md).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "linernotes.core.cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "linernotes"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "linernotes",
            # Bounded: each worker process holds its own copy.
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }

# Reading statistics (linernotes.stats, decision 0040): a view is one increment in
# a cache, never a database write on the request; the fold moves the counts into
# the database every LINERNOTES_STATS_FOLD_SECONDS. On Redis the counters are
# shared by every app server and the worker folds them. Without Redis each web
# process counts in a store of its own (page-cache culling must not drop counts)
# and folds it itself, from a thread, every LINERNOTES_STATS_LOCAL_FOLD_SECONDS
# (0: never, the tests fold explicitly).
if REDIS_URL:
    LINERNOTES_STATS_CACHE = "default"
else:
    LINERNOTES_STATS_CACHE = "stats"
    CACHES["stats"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "linernotes-stats",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
LINERNOTES_STATS_FOLD_SECONDS = int(
    os.environ.get("LINERNOTES_STATS_FOLD_SECONDS", "300")
)
LINERNOTES_STATS_LOCAL_FOLD_SECONDS = int(
    os.environ.get("LINERNOTES_STATS_LOCAL_FOLD_SECONDS", "300")
)
# Each process sends its counted views at most this often, one increment per page
# (0: one per view, the tests' setting); a process killed hard loses what waits.
LINERNOTES_STATS_BUFFER_SECONDS = float(
    os.environ.get("LINERNOTES_STATS_BUFFER_SECONDS", "1")
)
# Days a counter waits in the cache for a fold (a stopped worker loses older days).
LINERNOTES_STATS_KEEP_DAYS = int(os.environ.get("LINERNOTES_STATS_KEEP_DAYS", "3"))
# Views one network (IPv4 /24, IPv6 /48) may add to one page a day; the rest are
# not counted. Kept in the default cache under a keyed hash, for a day (0: no cap).
LINERNOTES_STATS_VIEWS_PER_NETWORK = int(
    os.environ.get("LINERNOTES_STATS_VIEWS_PER_NETWORK", "20")
)

# Background work (mail, digests, clean-up) goes through Django's tasks framework
# into the database; `linernotes worker` runs it (docs/operating.md).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "users:profile"

# Accounts through django-allauth: the email address is the login, a username is
# optional, and nobody signs in before confirming the address. Social providers
# are on only when their client id and secret are in the environment.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# The adapter sends allauth's mail from the worker, after commit (users/adapter.py).
ACCOUNT_ADAPTER = "linernotes.users.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "linernotes.users.adapter.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if env_bool("BEHIND_HTTPS_PROXY") else "http"
SOCIALACCOUNT_PROVIDERS = providers_from_environment(os.environ)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# The blog speaks English only, so Django's translation machinery is switched
# off: it cost about a millisecond of every uncached page in lookups of the
# active language (docs/decisions/0013-post-page-rendering-cost.md).
USE_I18N = False
USE_TZ = True
# One way to write a date and a date with time on every page ("7 Dec 2026" and
# "7 Dec 2026, 09:05"), in the blog's time zone: linernotes/core/formats
# (decision 0050).
FORMAT_MODULE_PATH = ["linernotes.core.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "linernotes.core.staticfiles.StaticStorage",
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# No inline script or style anywhere, so the policy needs no nonce and a cached
# page stays valid for every reader. Music and video players load only after a
# click, and frame-src names exactly the players core.embeds renders.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": embeds.frame_sources(),
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Mail goes to the console, readable, unless EMAIL_HOST names an SMTP server.
_smtp_host = os.environ.get("EMAIL_HOST", "")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend"
        if _smtp_host
        else "linernotes.core.mail.ReadableConsoleBackend",
        "OPTIONS": {
            "host": _smtp_host,
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
        }
        if _smtp_host
        else {},
    }
}
if not _smtp_host and os.environ.get("EMAIL_FILE_PATH"):
    # Each message as a file in that folder: for trying mail out without a server.
    MAILERS["default"] = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": os.environ["EMAIL_FILE_PATH"]},
    }
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Liner Notes <noreply@localhost>"
)
# Mail to readers (docs/operating.md, "Mail"): the blog's public address for links
# in mail (empty: the address of the request that caused the mail, else
# http://127.0.0.1:8000), an optional mailbox for List-Unsubscribe's mailto, who
# gets the moderation digest (empty: staff accounts with an email) and how often.
LINERNOTES_SITE_URL = os.environ.get("LINERNOTES_SITE_URL", "")
LINERNOTES_UNSUBSCRIBE_MAILTO = os.environ.get("LINERNOTES_UNSUBSCRIBE_MAILTO", "")
LINERNOTES_MODERATION_DIGEST_TO = env_list("LINERNOTES_MODERATION_DIGEST_TO", "")
LINERNOTES_MODERATION_DIGEST_MINUTES = int(
    os.environ.get("LINERNOTES_MODERATION_DIGEST_MINUTES", "60")
)
# Subscribe requests one network (IPv4 /24, IPv6 /48) may send, and how often one
# email address may be asked to confirm (each request mails it). Per network, not
# per person: a school or a mobile carrier's NAT can put many readers in one /24,
# hence 20 an hour there, while 3 an hour is plenty for one address's owner.
LINERNOTES_SUBSCRIBE_RATE = os.environ.get("LINERNOTES_SUBSCRIBE_RATE", "20/h")
LINERNOTES_SUBSCRIBE_EMAIL_RATE = os.environ.get(
    "LINERNOTES_SUBSCRIBE_EMAIL_RATE", "3/h"
)

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Liner Notes' own settings: read them inside functions, never at import time.
# Seconds an anonymous reader's page may be served from cache. A page never outlives
# the next scheduled post's due time, whatever this says.
LINERNOTES_PAGE_CACHE_SECONDS = int(
    os.environ.get("LINERNOTES_PAGE_CACHE_SECONDS", "600")
)
# Attachments readers can download: the largest accepted file, and the accepted
# extensions. Audio ones (mp3, m4a, ogg, flac) also play on the post's page.
LINERNOTES_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("LINERNOTES_ATTACHMENT_MAX_BYTES", str(50 * 1024 * 1024))
)
LINERNOTES_ATTACHMENT_EXTENSIONS = env_list(
    "LINERNOTES_ATTACHMENT_EXTENSIONS", "pdf,epub,mobi,zip,mp3,m4a,ogg,flac,txt,jpg,png"
)
LINERNOTES_IMAGE_MAX_BYTES = int(
    os.environ.get("LINERNOTES_IMAGE_MAX_BYTES", str(10 * 1024 * 1024))
)
# Thumbnail widths made for cover images, in pixels.
LINERNOTES_THUMBNAIL_WIDTHS = [480, 960]
# Seconds readers' browsers and shared caches may keep a public file under
# /media/ (a cover, a body image): a post withdrawn later may stay that long there.
LINERNOTES_MEDIA_CACHE_SECONDS = int(
    os.environ.get("LINERNOTES_MEDIA_CACHE_SECONDS", str(24 * 3600))
)
# nginx's `internal` location for MEDIA_ROOT (e.g. /_protected/): when set, files
# go out as an X-Accel-Redirect answer after the app's access check (README).
LINERNOTES_X_ACCEL_REDIRECT = os.environ.get("LINERNOTES_X_ACCEL_REDIRECT", "")
# Paths never served from or stored in the page cache.
LINERNOTES_PAGE_CACHE_SKIP_PREFIXES = ["/admin/", "/accounts/", "/media/", "/static/"]
# MusicBrainz web service for `linernotes release-from-musicbrainz`: its address,
# the contact it asks every client to name in the User-Agent, and the pause
# between requests it asks for (seconds).
LINERNOTES_MUSICBRAINZ_URL = os.environ.get(
    "LINERNOTES_MUSICBRAINZ_URL", "https://musicbrainz.org/ws/2"
)
LINERNOTES_MUSICBRAINZ_CONTACT = (
    os.environ.get("LINERNOTES_MUSICBRAINZ_CONTACT") or DEFAULT_FROM_EMAIL
)
LINERNOTES_MUSICBRAINZ_INTERVAL = float(
    os.environ.get("LINERNOTES_MUSICBRAINZ_INTERVAL", "1.0")
)
# Longest comment accepted, in characters.
LINERNOTES_COMMENT_MAX_LENGTH = int(
    os.environ.get("LINERNOTES_COMMENT_MAX_LENGTH", "10000")
)
# Comments shown per page under a post, replies included; longer conversations
# continue on ?cpage=2 and so on.
LINERNOTES_COMMENTS_PER_PAGE = int(os.environ.get("LINERNOTES_COMMENTS_PER_PAGE", "50"))
# How often one network (IPv4 /24, IPv6 /48: changing the last part of an address
# does not dodge it) may post comments, form and script alike, as "count/period"
# with s, m, h or d. Readers behind one NAT'd /24 share it: ten a minute is still
# more than a busy thread gets. A benchmark raises it, e.g. "100000/s".
LINERNOTES_COMMENT_RATE = os.environ.get("LINERNOTES_COMMENT_RATE", "10/m")
# The spam checks every new comment passes, in order, like AUTH_PASSWORD_VALIDATORS:
# each adds a score (negative for evidence of a person) and a reason, or abstains.
# Each is decisive, soft or text evidence; only decisive evidence can confirm spam
# (decision 0035).
LINERNOTES_SPAM_CHECKS = [
    {"NAME": "linernotes.spam.rules.Honeypot"},
    {"NAME": "linernotes.spam.rules.TooFast", "OPTIONS": {"min_seconds": 3}},
    {"NAME": "linernotes.spam.rules.BlockLists"},
    {"NAME": "linernotes.spam.rules.Duplicate", "OPTIONS": {"minutes": 60}},
    {"NAME": "linernotes.spam.rules.RateByNetwork"},
    {"NAME": "linernotes.spam.akismet.Akismet"},  # abstains unless a key is set
    {"NAME": "linernotes.spam.checks.LinkCount", "OPTIONS": {"minimum": 3}},
    {"NAME": "linernotes.spam.rules.AuthorWebsite"},
    {"NAME": "linernotes.spam.checks.NoUserAgent"},
    {"NAME": "linernotes.spam.rules.FirstComment"},
    {"NAME": "linernotes.spam.rules.ApprovedBefore"},
    # The text model (decision 0034): over its threshold it holds; it confirms
    # spam with decisive evidence only once the site has trained its own model.
    # With no usable stored model it holds and logs (`linernotes spam train`).
    {"NAME": "linernotes.spam.text_check.TextModelCheck"},
]
# Akismet, an outside spam service: off unless a key is given (a comment's text,
# name, addresses, shortened IP and user agent are then sent to Automattic, and
# the privacy page says so). It is asked only in the linernotes.spam.akismet.Akismet
# check above, and waits at most LINERNOTES_AKISMET_TIMEOUT seconds in all (then the
# comment is held). The API address must be https:// (the key is in the body),
# except on loopback.
LINERNOTES_AKISMET_KEY = os.environ.get("LINERNOTES_AKISMET_KEY", "")
LINERNOTES_AKISMET_API_URL = os.environ.get(
    "LINERNOTES_AKISMET_API_URL", "https://rest.akismet.com/1.1"
)
LINERNOTES_AKISMET_TIMEOUT = float(os.environ.get("LINERNOTES_AKISMET_TIMEOUT", "2"))
# A comment whose checks add up to this is held for review, whatever its kind.
LINERNOTES_SPAM_HOLD_SCORE = float(os.environ.get("LINERNOTES_SPAM_HOLD_SCORE", "0.6"))
# The text model learns from the writer's own moderation: once this many approved
# and spam comments (both kinds present) are kept, training weighs them above the
# public starting data and the model may confirm spam (docs/operating.md).
LINERNOTES_SPAM_MIN_SITE_EXAMPLES = int(
    os.environ.get("LINERNOTES_SPAM_MIN_SITE_EXAMPLES", "200")
)
# Days a moderation decision's text (and nothing else about the commenter) is
# kept to train on, even after the comment itself has been purged.
LINERNOTES_SPAM_TRAINING_DAYS = int(
    os.environ.get("LINERNOTES_SPAM_TRAINING_DAYS", "365")
)
# Spam and trashed comments can be restored for this many days, then are deleted.
LINERNOTES_DISCARDED_COMMENT_DAYS = int(
    os.environ.get("LINERNOTES_DISCARDED_COMMENT_DAYS", "30")
)
# Likes (post and comment) one network (IPv4 /24, IPv6 /48) may send: count/period,
# period s, m, h or d. Shared by everyone behind one NAT'd /24, so set for a few
# readers liking at once, not for one.
LINERNOTES_LIKE_RATE = os.environ.get("LINERNOTES_LIKE_RATE", "60/m")
# Wrong passwords one network (IPv4 /24, IPv6 /48) may try on one locked post.
LINERNOTES_PASSWORD_RATE = os.environ.get("LINERNOTES_PASSWORD_RATE", "10/h")
# Wrong passwords on one locked post from everywhere together.
LINERNOTES_PASSWORD_POST_RATE = os.environ.get("LINERNOTES_PASSWORD_POST_RATE", "100/h")
# Readers' pictures: the largest upload accepted and the side of the square
# thumbnail kept. Gravatar is off: when on, every page showing an avatar makes the
# reader's browser send a hash of the email address to gravatar.com.
LINERNOTES_AVATAR_MAX_BYTES = int(
    os.environ.get("LINERNOTES_AVATAR_MAX_BYTES", str(2 * 1024 * 1024))
)
LINERNOTES_AVATAR_SIZE = 256
LINERNOTES_GRAVATAR = env_bool("LINERNOTES_GRAVATAR")
if LINERNOTES_GRAVATAR:
    SECURE_CSP["img-src"].append("https://www.gravatar.com")
# Other sites whose images posts may show: off, so a reader's visit is told to
# nobody else. A blog imported without its files (linernotes import-wordpress
# without --media-dir) names its old media host here to show its images.
LINERNOTES_IMAGE_HOSTS = [
    host.strip()
    for host in os.environ.get("LINERNOTES_IMAGE_HOSTS", "").split(",")
    if host.strip()
]
SECURE_CSP["img-src"].extend(LINERNOTES_IMAGE_HOSTS)
# Days a comment's IP address and user agent are kept before the retention purge
# blanks them (docs/operating.md, "Personal data"); and how long a privacy link
# mailed to a guest stays valid, in hours.
LINERNOTES_PERSONAL_DATA_RETENTION_DAYS = int(
    os.environ.get("LINERNOTES_PERSONAL_DATA_RETENTION_DAYS", "30")
)
LINERNOTES_PRIVACY_LINK_HOURS = int(
    os.environ.get("LINERNOTES_PRIVACY_LINK_HOURS", "24")
)
# Hours the worker's record of a finished background task is kept: a mail
# task's record holds the whole message, sign-in, reset and privacy links too.
LINERNOTES_TASK_RECORD_HOURS = int(os.environ.get("LINERNOTES_TASK_RECORD_HOURS", "1"))
