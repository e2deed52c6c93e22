"""Small database helpers the ORM does not offer.

The hand-written reads some hot pages use go through ``Model.objects.raw`` with
``column_list`` and ``table``: for a small indexed read on every uncached page,
building the ORM's query cost several times what running it did (bench/).
"""

import functools
from collections.abc import Iterable

from django.db import connection, models

_sequences: dict[str, str] = {}


def reserve_pk(model: type[models.Model]) -> int | None:
    """A fresh primary key for a new ``model`` row, drawn from its PostgreSQL
    sequence before the insert; None on SQLite, which assigns ids only as it
    inserts.

    For rows that must store a value derived from their own id (a comment's
    thread path): knowing the id first saves rewriting the row, and every
    index on it, right after the insert.
    """
    if connection.vendor != "postgresql":
        return None
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if table not in _sequences:
            cursor.execute(
                "SELECT pg_get_serial_sequence(%s, %s)", [table, model._meta.pk.column]
            )
            _sequences[table] = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [_sequences[table]])
        return cursor.fetchone()[0]


def reserve_pks(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys for new ``model`` rows, taken before they
    are inserted, on either database: for bulk inserts of rows that store a
    value derived from their own id (imported comments' thread paths), which
    would otherwise need a second pass to update every row.

    PostgreSQL draws them from the table's sequence. SQLite has no sequence
    object, but an AUTOINCREMENT table keeps its high-water mark in
    ``sqlite_sequence``; moving it up by ``count`` is a write, so it takes the
    database's one write lock, and no other insert can use the ids until this
    transaction ends. Call inside a transaction.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if table not in _sequences:
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
                _sequences[table] = cursor.fetchone()[0]
            cursor.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                [_sequences[table], count],
            )
            return sorted(row[0] for row in cursor.fetchall())
        highest = f"(SELECT COALESCE(MAX({quote(column)}), 0) FROM {quote(table)})"  # noqa: S608 - our names
        cursor.execute(
            f"INSERT INTO sqlite_sequence (name, seq) SELECT %s, {highest} "  # noqa: S608
            "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = %s)",
            [table, table],
        )
        cursor.execute(
            f"UPDATE sqlite_sequence SET seq = MAX(seq, {highest}) + %s "  # noqa: S608
            "WHERE name = %s RETURNING seq",
            [count, table],
        )
        last = cursor.fetchone()[0]
    return list(range(last - count + 1, last + 1))


def analyze(*models: type[models.Model]) -> None:
    """Refresh PostgreSQL's statistics for ``models``' tables (and their
    many-to-many tables) during a long bulk write.

    A table that grew from nothing inside one command is still planned as
    empty until autovacuum gets to it, a minute or more later: an index look-up
    then turns into a scan that grows with the table. SQLite's planner needs no
    statistics for our queries, so this does nothing there.
    """
    if connection.vendor != "postgresql":
        return
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables += [
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
        ]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(quote(t) for t in dict.fromkeys(tables)))


def column_list(
    model: type[models.Model], names: Iterable[str], alias: str = ""
) -> str:
    """``names`` (fields, ``pk`` or ``*_id`` attributes) as quoted SQL columns,
    for hand-written reads through ``Model.objects.raw``. Built once per process
    for each list: the reads using it run on every uncached page."""
    return _column_list(model, tuple(names), alias)


@functools.cache
def _column_list(model: type[models.Model], names: tuple[str, ...], alias: str) -> str:
    quote = connection.ops.quote_name
    prefix = f"{quote(alias)}." if alias else ""
    meta = model._meta
    return ", ".join(
        prefix + quote(meta.pk.column if name == "pk" else meta.get_field(name).column)
        for name in names
    )


def table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)
