"""What other apps hear about comments, without comments importing them.

Notifications, likes and privacy sit above comments in the import order
(docs/architecture.md), so they register listeners here instead. Listeners run
after the transaction commits: a mail is never sent for a comment that was rolled
back, and a slow listener never holds a database lock.
"""

from collections.abc import Callable

from django.db import transaction

from .models import Comment

Listener = Callable[[Comment], None]
_on_published: list[Listener] = []
_on_held: list[Listener] = []


def on_comment_published(listener: Listener) -> None:
    """Call ``listener(comment)`` each time a comment becomes visible to readers:
    approved when posted, or approved later from the moderation queue."""
    if listener not in _on_published:
        _on_published.append(listener)


def on_comment_held(listener: Listener) -> None:
    """Call ``listener(comment)`` when a new comment waits for moderation."""
    if listener not in _on_held:
        _on_held.append(listener)


def comment_published(comment: Comment) -> None:
    _after_commit(_on_published, comment)


def comment_held(comment: Comment) -> None:
    _after_commit(_on_held, comment)


def _after_commit(listeners: list[Listener], comment: Comment) -> None:
    for listener in listeners:
        transaction.on_commit(lambda listener=listener: listener(comment))
