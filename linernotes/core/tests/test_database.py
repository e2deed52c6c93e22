"""Database connections: SQLite set up for concurrent readers and writers, and
persistent connections that survive the database dropping them."""

import psycopg
import pytest
from django.db import connection

from linernotes.core import pagecache

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    with connection.cursor() as cursor:
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        timeout = cursor.execute("PRAGMA busy_timeout").fetchone()[0]

    assert mode == "wal"
    assert timeout >= 5000


def drop_from_the_server_side(pid: int) -> None:
    """What a PostgreSQL restart does to a worker's persistent connection."""
    params = connection.get_connection_params()
    with psycopg.connect(
        host=params.get("host"),
        port=params.get("port"),
        user=params.get("user"),
        password=params.get("password"),
        dbname=params["dbname"],
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_connection_the_database_dropped_is_replaced_by_the_first_read(
    monkeypatch,
):
    pagecache.read_stamp("/")  # a request's work opens the persistent connection
    dropped = connection.connection.info.backend_pid
    connection.close_if_unusable_or_obsolete()  # what each new request does first
    drop_from_the_server_side(dropped)
    monkeypatch.setattr(connection, "is_usable", lambda: pytest.fail("SELECT 1"))

    stamp = pagecache.read_stamp("/")

    assert stamp.generation
    assert connection.connection.info.backend_pid != dropped


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_the_stamp_read_is_the_requests_health_check(monkeypatch):
    pagecache.read_stamp("/")
    kept = connection.connection.info.backend_pid
    connection.close_if_unusable_or_obsolete()
    monkeypatch.setattr(connection, "is_usable", lambda: pytest.fail("SELECT 1"))

    pagecache.read_stamp("/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")

    assert connection.connection.info.backend_pid == kept


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_a_statement_run_again_and_again_is_planned_once_per_connection():
    for _ in range(6):
        pagecache.read_stamp("/")

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]

    assert any("core_pagecachestamp" in statement for statement in prepared)
