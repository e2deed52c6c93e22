"""What the spam checks may ask about earlier comments (``spam.checks``'s
``CommenterHistory``): the spam app imports only core, so the comment service
hands it this with each submission, and a check asks only when it needs to."""

import functools

from django.db import connection

from linernotes.core.db import column_list, table

from .models import Comment


class CommentHistory:
    def address_known(self, email: str) -> bool:
        """Whether a comment under ``email`` (any case) was ever approved.
        A typed address proves nothing about who typed it, so this only keeps
        an address from counting as new; trust comes from ``trust``.

        Compared lowered (not ``iexact``), so the partial index on approved
        comments' lowered addresses serves it on SQLite and PostgreSQL. Every
        guest's comment asks, so the statement is written once by hand: the
        ORM took ten times as long to build it as the database to answer.
        """
        with connection.cursor() as cursor:
            cursor.execute(_approved_address_sql(), [email.lower()])
            return cursor.fetchone() is not None


@functools.cache
def _approved_address_sql() -> str:
    # The same expression and condition as the index comment_approved_address.
    address, status = (
        column_list(Comment, ("author_email",)),
        column_list(Comment, ("status",)),
    )
    return (
        f"SELECT 1 FROM {table(Comment)} "  # noqa: S608 - names, not input
        f"WHERE {status} = '{Comment.Status.APPROVED.value}' "
        f"AND LOWER({address}) = %s LIMIT 1"
    )


HISTORY = CommentHistory()
