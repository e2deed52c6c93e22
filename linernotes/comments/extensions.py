"""Extension point for apps above comments: a small piece under each comment.

Likes adds its "Liked by N people" button this way, so comments never imports
likes. A footer is a function of the comment returning escaped HTML (build it
with ``format_html``); it runs once per shown comment, so it must not read
per-reader state (the page is shared through the page cache) and must not
query the database (use fields stored on Comment, such as ``like_count``).
"""

from collections.abc import Callable

from django.utils.safestring import SafeString

Footer = Callable[["Comment"], SafeString]  # noqa: F821 - models import this module's users
_comment_footers: list[Footer] = []


def register_comment_footer(footer: Footer) -> None:
    """Add ``footer(comment)`` at the foot of every comment shown under a post."""
    if footer not in _comment_footers:
        _comment_footers.append(footer)


def comment_footers() -> list[Footer]:
    return list(_comment_footers)
