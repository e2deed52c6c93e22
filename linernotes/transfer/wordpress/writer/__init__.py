"""Writing the whole blog as a WordPress export (WXR 1.2), streamed.

The file must satisfy WordPress's own importer (the wordpress-importer plugin's
SimpleXML, XML-extension and regex parsers alike) and our reader, so a writer
can leave for WordPress or come back. It is written as the rows are read, a
batch of posts at a time, so an export of 10,000 posts and 100,000 comments
never sits in memory.

Choices WordPress leaves open, and what our importer relies on:

- A series becomes a category whose nicename starts with ``SERIES_PREFIX``
  (``linernotes-series-<slug>``); a post's place in it is the post meta
  ``_linernotes_series_position``. WordPress keeps it as a plain category (a
  custom taxonomy would be refused by a WordPress without a plugin registering
  it); ``series_slug`` recognises it on the way back in.
- Post bodies go out as the HTML readers see (site-relative links made
  absolute, so they still work from another site); the Markdown the writer
  typed travels beside it as ``_linernotes_markdown``.
- A removed comment (placeholder kept) has no WordPress state: it goes out as
  ``trash`` with the comment meta ``_linernotes_status`` = ``removed``, so
  WordPress keeps it recoverable and our importer restores the placeholder.
- Ids: an item or comment that came from WordPress (a ``WordPressObject``)
  keeps its WordPress id, so a blog that goes back keeps its ``?p=`` numbers;
  everything else gets an id above all of those, from its kind and primary key
  (posts, pages, downloads, images and covers share WordPress's one id space).
- Drafts never published carry WordPress's zero ``post_date_gmt``, as
  WordPress's own exports do ("not yet dated").

The package has a module per part of the file: ``base`` (the format's names,
the output buffer, one item and its comments), ``channel`` (the site, authors
and terms), ``files`` (attachments) and ``document`` (the order of it all).
"""

from __future__ import annotations

from typing import BinaryIO, TextIO
from zoneinfo import ZoneInfo

from linernotes.core.models import SiteSettings

from .base import (
    BATCH,
    COMMENT_APPROVED,
    FLUSH_AT,
    META_ATTACHED_FILE,
    META_COMMENT_STATUS,
    META_DOWNLOADS,
    META_IMAGE_ALT,
    META_KIND,
    META_MARKDOWN,
    META_PLAYS,
    META_SERIES_POSITION,
    META_SHOW_IN_MENU,
    META_THUMBNAIL,
    POST_STATUS,
    SERIES_PREFIX,
    WP_NAMESPACE,
    WXR_VERSION,
    ExportCounts,
    series_slug,
)
from .document import _Writer

__all__ = [
    "BATCH",
    "COMMENT_APPROVED",
    "FLUSH_AT",
    "META_ATTACHED_FILE",
    "META_COMMENT_STATUS",
    "META_DOWNLOADS",
    "META_IMAGE_ALT",
    "META_KIND",
    "META_MARKDOWN",
    "META_PLAYS",
    "META_SERIES_POSITION",
    "META_SHOW_IN_MENU",
    "META_THUMBNAIL",
    "POST_STATUS",
    "SERIES_PREFIX",
    "WP_NAMESPACE",
    "WXR_VERSION",
    "ExportCounts",
    "series_slug",
    "write_wxr",
]


def write_wxr(
    out: TextIO | BinaryIO,
    *,
    site_url: str,
    site: SiteSettings | None = None,
) -> ExportCounts:
    """Write every author, term, post, page, file and comment as WXR 1.2 to ``out``.

    ``site_url`` is the blog's address (links, guids and file URLs are made
    absolute with it); dates are written in ``site``'s time zone and in GMT.
    Returns what was written.
    """
    site = site or SiteSettings.load()
    writer = _Writer(out, site_url.rstrip("/"), ZoneInfo(site.time_zone))
    writer.write(site)
    return writer.counts
