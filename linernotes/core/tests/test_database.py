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


def test_reserved_ids_are_fresh_and_never_handed_out_again(make_post, make_comment):
    from linernotes.comments.models import Comment
    from linernotes.core.db import reserve_pks

    earlier = make_comment(post=make_post())

    reserved = reserve_pks(Comment, 3)
    later = make_comment(post=earlier.post, body="Another one.")

    assert len(set(reserved)) == 3 and min(reserved) > earlier.pk
    assert later.pk > max(reserved)  # the database's own next id skips them
    assert reserve_pks(Comment, 0) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_analyze_gives_a_table_grown_in_one_command_its_statistics(make_post):
    from linernotes.core.db import analyze
    from linernotes.posts.models import Post

    for n in range(5):
        make_post(title=f"Post {n}")

    analyze(Post)

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'posts_post'")
        assert cursor.fetchone()[0] == 5
