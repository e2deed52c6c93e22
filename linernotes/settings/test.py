"""Test runs: the base settings with a fast hasher and in-memory mail.

The database and cache still come from DATABASE_URL and REDIS_URL, so one suite
runs unchanged on SQLite, PostgreSQL and Redis.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault(
    "LINERNOTES_DATA_DIR", tempfile.mkdtemp(prefix="linernotes-test-")
)

from .base import *  # noqa: E402,F403
from .base import CACHES, DATA_DIR, DATABASES, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Each test run gets its own key space, so a shared Redis never leaks pages
# between runs or between the SQLite and PostgreSQL passes.
CACHES["default"]["KEY_PREFIX"] = f"linernotes-test-{os.getpid()}"

# A file, not pytest-django's default in-memory database, so tests can start real
# server processes that share it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-linernotes.sqlite3")}

# Tasks run inline in tests; the worker's own tests switch to the database backend
# and run the real `linernotes worker`.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Reading counts are folded by the tests that need it, never by a thread in the
# test process (linernotes.stats.local).
LINERNOTES_STATS_LOCAL_FOLD_SECONDS = 0
LINERNOTES_STATS_BUFFER_SECONDS = 0  # each view reaches the cache at once
