"""Retire cached pages whenever anything a reader sees changes.

A blog changes rarely and is read often, so any change retires every cached
page at once (a new generation) rather than tracking which pages show what.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from linernotes.core import pagecache

from . import models, selectors

_WATCHED = [
    models.Post,
    models.Series,
    models.Category,
    models.Tag,
    models.Page,
    models.Attachment,
    models.SlugRedirect,
]


def _content_changed(**kwargs) -> None:
    pagecache.invalidate_on_commit()


def connect_handlers() -> None:
    pagecache.register_due_time_source(selectors.next_scheduled_time)
    for model in _WATCHED:
        uid = f"posts.{model.__name__}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(
            _content_changed, sender=model, dispatch_uid=f"{uid}.deleted"
        )
    for through in (models.Post.tags.through, models.Post.categories.through):
        m2m_changed.connect(
            _content_changed, sender=through, dispatch_uid=f"posts.{through}"
        )
