"""What stays a signal: changes whose writers cannot all call a posts service.

Saving and deleting posts recount and retire cached pages in the services
(``services.changes``), not here. What remains, and why, is in
docs/decisions/0020-one-path-for-saving-posts.md:

- the site's time zone changes in ``core``'s settings admin, which must not
  know that posts count months in it;
- series, categories, tags, pages and attachments are also written by Django's
  own admin machinery (their change lists' bulk delete, the post form's inline
  delete boxes), so their cached pages are retired when the row changes,
  whoever wrote it; inside a ``services.batch()`` that too waits for the end;
- after ``migrate``, the search triggers and the counts are rebuilt.

Posts also listen to ``catalogue.events`` (a registry, not a signal) to re-link
posts when an artist or release they link to changes (``catalogue_links``).
"""

from django.apps import apps
from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save

from linernotes.catalogue.events import on_catalogue_changed
from linernotes.core import pagecache
from linernotes.core.models import SiteSettings

from . import catalogue_links, models, selectors, services
from .search_index import ensure_sqlite_search_index

_ARRANGEMENT = [
    models.Series,
    models.Category,
    models.Tag,
    models.Page,
    models.Attachment,
]


def _arrangement_changed(**kwargs) -> None:
    services.pages_changed()


def _time_zone_may_have_changed(**kwargs) -> None:
    """Months are counted in the site's time zone."""
    services.posts_changed()


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
    on_catalogue_changed(catalogue_links.relink_posts)
    pagecache.register_due_callback(services.refresh_counts)
    post_save.connect(
        _time_zone_may_have_changed,
        sender=SiteSettings,
        dispatch_uid="posts.counts.zone",
    )
    for model in _ARRANGEMENT:
        uid = f"posts.{model.__name__}"
        post_save.connect(
            _arrangement_changed, sender=model, dispatch_uid=f"{uid}.saved"
        )
        post_delete.connect(
            _arrangement_changed, sender=model, dispatch_uid=f"{uid}.deleted"
        )
