"""What the operator set in the environment, in words a writer can read.

The settings page shows these read-only: where mail goes, which social sign-ins
are on, where files and the database live, whether Redis and Akismet are set
up. Secrets are never read out: a password, key or client secret is reported
only as "set" or "not set", and addresses that could carry credentials (the
database's, Redis's) are rebuilt from their host, port and name alone.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

SET, NOT_SET = "set", "not set"


@dataclass(frozen=True)
class Entry:
    label: str
    value: str
    # The environment variable that changes it (docs/operating.md).
    variable: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    entries: tuple[Entry, ...]


def _yes(value: object) -> str:
    return SET if value else NOT_SET


def _mail() -> Section:
    mailer = settings.MAILERS["default"]
    backend = mailer["BACKEND"].rsplit(".", 2)[-2:]
    options = mailer.get("OPTIONS", {})
    if "smtp" in backend[0]:
        server = f"{options.get('host')}:{options.get('port')}"
        how = f"SMTP server {server}, TLS {'on' if options.get('use_tls') else 'off'}"
    elif backend[0] == "filebased":
        how = "written as files on the server (no server named)"
    elif backend[0] == "locmem":
        how = "kept in memory (tests)"
    else:
        how = "printed to the server's console (no server named)"
    return Section(
        "Mail",
        (
            Entry("Sending", how, "EMAIL_HOST"),
            Entry("Sign-in name", _yes(options.get("username")), "EMAIL_HOST_USER"),
            Entry("Password", _yes(options.get("password")), "EMAIL_HOST_PASSWORD"),
            Entry("From", settings.DEFAULT_FROM_EMAIL, "DEFAULT_FROM_EMAIL"),
        ),
    )


def _social() -> Section:
    providers = sorted(
        name
        for name, config in settings.SOCIALACCOUNT_PROVIDERS.items()
        if config.get("APPS")
    )
    named = ", ".join(p.replace("_", " ").title() for p in providers) or "none"
    return Section(
        "Sign-in",
        (
            Entry("Social sign-in", named, "LINERNOTES_<PROVIDER>_CLIENT_ID"),
            Entry(
                "Client secrets",
                "set for each provider shown" if providers else NOT_SET,
                "LINERNOTES_<PROVIDER>_SECRET",
            ),
        ),
    )


def _address(host: str | None, port: object, name: object) -> str:
    where = host or "localhost"
    if port:
        where = f"{where}:{port}"
    return f"{where}/{name}" if name not in (None, "") else where


def _storage() -> Section:
    database = settings.DATABASES["default"]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":
        where = f"SQLite file {database['NAME']}"
    else:
        where = f"{engine} at " + _address(
            database.get("HOST"), database.get("PORT"), database.get("NAME")
        )
    redis_url = getattr(settings, "REDIS_URL", "")
    if redis_url:
        parts = urlsplit(redis_url)
        cache = "Redis at " + _address(
            parts.hostname, parts.port, parts.path.lstrip("/")
        )
    else:
        cache = "memory of each server process (no Redis)"
    accel = settings.LINERNOTES_X_ACCEL_REDIRECT
    return Section(
        "Storage",
        (
            Entry("Database", where, "DATABASE_URL"),
            Entry("Cache", cache, "REDIS_URL"),
            Entry("Uploaded files", str(settings.MEDIA_ROOT), "MEDIA_ROOT"),
            Entry(
                "Files sent by",
                f"the web server ({accel})" if accel else "the application",
                "LINERNOTES_X_ACCEL_REDIRECT",
            ),
        ),
    )


def _spam() -> Section:
    return Section(
        "Spam service",
        (
            Entry(
                "Akismet key",
                _yes(settings.LINERNOTES_AKISMET_KEY),
                "LINERNOTES_AKISMET_KEY",
            ),
            Entry(
                "Hold score",
                f"{settings.LINERNOTES_SPAM_HOLD_SCORE:g}",
                "LINERNOTES_SPAM_HOLD_SCORE",
            ),
        ),
    )


def _site() -> Section:
    return Section(
        "Site",
        (
            Entry(
                "Public address",
                settings.LINERNOTES_SITE_URL or "taken from each request",
                "LINERNOTES_SITE_URL",
            ),
            Entry(
                "Pages cached for readers",
                f"{settings.LINERNOTES_PAGE_CACHE_SECONDS} seconds",
                "LINERNOTES_PAGE_CACHE_SECONDS",
            ),
        ),
    )


def operator_configuration() -> list[Section]:
    """The environment's part of the blog's configuration, secrets left out."""
    return [_site(), _mail(), _social(), _storage(), _spam()]
