"""What the spam checks may ask about earlier comments (``spam.checks``'s
``CommenterHistory``): the spam app imports only core, so the comment service
hands it this with each submission, and a check asks only when it needs to."""

from .models import Comment


class CommentHistory:
    def address_known(self, email: str) -> bool:
        """Whether a comment under ``email`` (any case) was ever approved.
        A typed address proves nothing about who typed it, so this only keeps
        an address from counting as new; trust comes from ``trust``."""
        return Comment.objects.approved().filter(author_email__iexact=email).exists()


HISTORY = CommentHistory()
