"""What the spam checks may ask about earlier comments (``spam.checks``'s
``CommenterHistory``): the spam app imports only core, so the comment service
hands it this with each submission, and a check asks only when it needs to."""

from django.db.models.functions import Lower

from .models import Comment


class CommentHistory:
    def address_known(self, email: str) -> bool:
        """Whether a comment under ``email`` (any case) was ever approved.
        A typed address proves nothing about who typed it, so this only keeps
        an address from counting as new; trust comes from ``trust``.

        Compared lowered (not ``iexact``), so the partial index on approved
        comments' lowered addresses serves it on SQLite and PostgreSQL."""
        return (
            Comment.objects.approved()
            .alias(address=Lower("author_email"))
            .filter(address=email.lower())
            .exists()
        )


HISTORY = CommentHistory()
