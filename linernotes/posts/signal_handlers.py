"""Retire cached pages whenever anything a reader sees changes.

A blog changes rarely and is read often, so any change retires every cached
page at once (a new generation) rather than tracking which pages show what.
"""

from django.apps import apps
from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from linernotes.core import pagecache
from linernotes.core.models import SiteSettings

from . import models, selectors, services
from .search_index import ensure_sqlite_search_index

_WATCHED = [
    models.Post,
    models.Series,
    models.Category,
    models.Tag,
    models.Page,
    models.Attachment,
    models.SlugRedirect,
]


# m2m_changed fires before and after each change; acting once, afterwards, is enough.
_M2M_DONE = {"post_add", "post_remove", "post_clear"}


def _content_changed(action: str = "post_add", **kwargs) -> None:
    if action in _M2M_DONE:
        pagecache.invalidate_on_commit()


def _posts_changed(action: str = "post_add", **kwargs) -> None:
    """Counts follow once the change is committed; refresh_counts retires pages
    again after recounting, so no page keeps counts older than the change."""
    if action in _M2M_DONE:
        pagecache.on_commit_once(services.refresh_counts)


def _migrated(using: str = "default", **kwargs) -> None:
    """After migrate: the SQLite search triggers exist (a table rebuild drops them)
    and counts match the posts (a restored or upgraded database)."""
    ensure_sqlite_search_index(connections[using])
    services.refresh_counts()


def connect_handlers() -> None:
    post_migrate.connect(
        _migrated,
        sender=apps.get_app_config("posts"),
        dispatch_uid="posts.counts.migrated",
    )
    pagecache.register_due_time_source(selectors.next_scheduled_time)
    pagecache.register_due_callback(services.refresh_counts)
    post_save.connect(
        _posts_changed, sender=models.Post, dispatch_uid="posts.counts.saved"
    )
    post_delete.connect(
        _posts_changed, sender=models.Post, dispatch_uid="posts.counts.deleted"
    )
    # Months are counted in the site's time zone.
    post_save.connect(
        _posts_changed, sender=SiteSettings, dispatch_uid="posts.counts.zone"
    )
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
        m2m_changed.connect(
            _posts_changed, sender=through, dispatch_uid=f"posts.counts.{through}"
        )
