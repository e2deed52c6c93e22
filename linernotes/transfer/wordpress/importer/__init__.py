"""Importing a WordPress export (WXR) through the services the editor uses.

The file is checked whole first (``check_wxr``: a refused file leaves the site
exactly as it was), then read again and written a batch of new posts at a time
(decision 0039; attachments' records and old addresses and the comments kept on
pages and attachments once per batch too), inside the post services'
``batch()`` so counts and cached pages catch up once at the end. A second run
passes the reader the comment ids it has records of, so those are counted, not
converted again; a blog's own ``export-wordpress`` file is recognised item by
item and reported as already here. Every post goes through
``save_post_as`` in import mode as the site owner, every page through
``save_page``, every comment through ``import_comments``: an imported post is
rendered, linked and counted as one a writer typed.

What has been imported is remembered in ``WordPressObject`` (the exporting
blog, the kind and the WordPress id), so running the same file again adds
nothing, and an import killed midway completes when run again. A dry run does
the whole import in a transaction it rolls back: the report is the real one.

The run is one ``run._Import`` object, built from a class per subject so each
module stays readable alone: ``authors``, ``terms``, ``comments`` and
``post_items`` (new posts in batches), over ``base`` (the run's state, import
records and report); ``run`` holds the pass itself, pages and attachments.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from linernotes.core.exceptions import ImportFileInvalid
from linernotes.posts import services as posts
from linernotes.users.models import User

from ..check import check_wxr
from .base import ImportOptions, Progress, Source
from .run import _Import

__all__ = ["ImportOptions", "Progress", "Source", "import_wordpress", "read_author_map"]


def read_author_map(text: str) -> dict[str, str]:
    """``wp_login,username`` lines (a header line is allowed) as a dict.

    Raises ``ImportFileInvalid`` naming the line of anything else, and for a
    username with no account: the map is checked before anything is written.
    """
    mapping: dict[str, str] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or (number == 1 and cells[:2] == ["wp_login", "username"]):
            continue
        if len(cells) != 2 or not all(cells):
            raise ImportFileInvalid(
                f"Author map line {number}: expected “wp_login,username”, "
                f"got {','.join(row)!r}."
            )
        mapping[cells[0]] = cells[1]
    found = set(
        User.objects.filter(username__in=mapping.values()).values_list(
            "username", flat=True
        )
    )
    if unknown := sorted(set(mapping.values()) - found):
        raise ImportFileInvalid(
            f"Author map names accounts that do not exist: {', '.join(unknown)}."
        )
    writing = set(
        posts.writers()
        .filter(username__in=mapping.values())
        .values_list("username", flat=True)
    )
    if readers := sorted(found - writing):
        raise ImportFileInvalid(
            "Author map gives posts to accounts that are readers, not writers: "
            f"{', '.join(readers)} (make them authors first)."
        )
    return mapping


def import_wordpress(
    source: Source,
    *,
    owner: User | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Import a WXR file; returns the report (JSON-ready, ``--json`` prints it).

    Raises ``ImportFileInvalid`` for a file it refuses, before writing
    anything, and ``PermissionDenied`` when ``owner`` is not the site owner
    (a superuser). Without ``owner`` the first superuser imports; a site with
    none gets one, made from the file's first author and reported.
    """
    options = options or ImportOptions()
    if owner is not None and not owner.is_superuser:
        raise PermissionDenied("Only the site owner imports a blog.")
    summary = check_wxr(source, include_feedback=options.include_feedback)
    _rewind(source)
    run = _Import(summary, options, progress)
    if options.dry_run:
        with transaction.atomic():
            report = run.run(source, owner)
            transaction.set_rollback(True)
        return report
    return run.run(source, owner)


def _rewind(source: Source) -> None:
    if hasattr(source, "seek"):
        source.seek(0)
