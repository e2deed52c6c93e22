"""What other apps hear about comments, without comments importing them.

Notifications, likes and privacy sit above comments in the import order
(docs/architecture.md), so they register listeners here instead. Listeners run
after the transaction commits: a mail is never sent for a comment that was rolled
back, and a slow listener never holds a database lock. Both lists are
``core.registry.Registry`` objects: listeners run in ``order``.
"""

from collections.abc import Callable

from django.db import transaction

from linernotes.core.registry import DEFAULT_ORDER, Registry

from .models import Comment

Listener = Callable[[Comment], None]
published: Registry[Listener] = Registry("listeners to published comments")
held: Registry[Listener] = Registry("listeners to held comments")


def on_comment_published(listener: Listener, *, order: int = DEFAULT_ORDER) -> None:
    """Call ``listener(comment)`` each time a comment becomes visible to readers:
    approved when posted, or approved later from the moderation queue."""
    published.register(listener, order=order)


def on_comment_held(listener: Listener, *, order: int = DEFAULT_ORDER) -> None:
    """Call ``listener(comment)`` when a new comment waits for moderation."""
    held.register(listener, order=order)


def comment_published(comment: Comment) -> None:
    _after_commit(published, comment)


def comment_held(comment: Comment) -> None:
    _after_commit(held, comment)


def _after_commit(listeners: Registry[Listener], comment: Comment) -> None:
    for listener in listeners:
        transaction.on_commit(lambda listener=listener: listener(comment))
