"""Extension point for apps above comments: a small piece under each comment.

Likes adds its "Liked by N people" button this way, so comments never imports
likes. A footer is a function of the comment returning escaped HTML (build it
with ``format_html``); it runs once per shown comment, so it must not read
per-reader state (the page is shared through the page cache) and must not
query the database (use fields stored on Comment, such as ``like_count``).
Footers sit in a ``core.registry.Registry``: a plain call per comment, never a
Django signal (decision 0013).
"""

from collections.abc import Callable

from django.utils.safestring import SafeString

from linernotes.core.registry import DEFAULT_ORDER, Registry

Footer = Callable[["Comment"], SafeString]  # noqa: F821 - models import this module's users
footers: Registry[Footer] = Registry("footers under each comment")


def register_comment_footer(footer: Footer, *, order: int = DEFAULT_ORDER) -> None:
    """Add ``footer(comment)`` at the foot of every comment shown under a post,
    lower ``order`` first."""
    footers.register(footer, order=order)


def comment_footers() -> tuple[Footer, ...]:
    return footers.values()
