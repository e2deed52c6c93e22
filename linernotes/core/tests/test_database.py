"""The embedded SQLite database is set up for concurrent readers and writers."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    with connection.cursor() as cursor:
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        timeout = cursor.execute("PRAGMA busy_timeout").fetchone()[0]

    assert mode == "wal"
    assert timeout >= 5000
