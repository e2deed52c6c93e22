"""Small database helpers the ORM does not offer."""

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
