"""What one import run holds, and what every part of it shares.

The run is one object (``run._Import``) assembled from a class per subject
(authors, terms, comments, posts; pages, attachments and the run itself),
because those parts share the state of one pass over the file: what has been
matched so far, the writes waiting for the next flush, and the report's
counts. This base holds that state, the import records' helpers each part
writes with, and the report they all add to.
"""

from __future__ import annotations

import functools
import zoneinfo
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from os import PathLike
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction

from linernotes.comments.models import Comment
from linernotes.comments.services import ImportedComment
from linernotes.core.db import analyze
from linernotes.core.site import site_settings

# The site's address when LINERNOTES_SITE_URL is unset (the development
# server's), as mail links use it; exports are made with it, so the importer
# knows this blog's own export by it too.
from linernotes.notifications.mail import FALLBACK_SITE_URL
from linernotes.posts.models import Category, Post, Series, Tag
from linernotes.transfer import redirects
from linernotes.transfer.models import LegacyRedirect, WordPressObject
from linernotes.users.models import User

from ..check import Fate, WxrSummary
from ..media import MediaImport
from ..reader import WxrComment, WxrItem

Source = str | PathLike[str] | BinaryIO
Progress = Callable[[int, int], None]
ITEM_KINDS = (
    WordPressObject.Kind.POST,
    WordPressObject.Kind.PAGE,
    WordPressObject.Kind.ATTACHMENT,
)
ANALYZE_AT = frozenset({500, 2_000, 8_000, 32_000, 128_000})
NOTES = [
    "WordPress exports carry no likes: “Liked by N” starts from zero here.",
]


@dataclass
class _NewPost:
    """A new post of the file, made ready for its batch's writes."""

    item: WxrItem
    post: Post
    tags: list[Tag]
    categories: list[Category]
    data: dict[str, Any]  # what its import record keeps
    comments: list[WxrComment]
    given: list[ImportedComment]  # the same comments, as stored
    created_at: datetime | None = None

    def __post_init__(self) -> None:
        self.created_at = self.post.created_at

    def reset(self) -> None:
        """Unsaved again, as before a batch that failed (its transaction is
        gone, but the objects kept the ids and dates it gave them)."""
        self.post.pk = None
        self.post._state.adding = True
        self.post.created_at = self.created_at


@dataclass(frozen=True)
class ImportOptions:
    dry_run: bool = False
    media_dir: Path | None = None
    author_map: Mapping[str, str] = field(default_factory=dict)
    series_from_categories: str | None = None
    include_feedback: bool = False


class _ImportBase:
    """The state of one run over a file, shared by every part of the run."""

    def __init__(
        self, summary: WxrSummary, options: ImportOptions, progress: Progress | None
    ) -> None:
        self.summary = summary
        self.options = options
        self.progress = progress
        self.total = sum(sum(s.values()) for s in summary.items.values())
        self.done = 0
        self.source = _source_key(summary.channel.base_blog_url or summary.channel.link)
        self.created: Counter[str] = Counter()
        self.present: Counter[str] = Counter()
        self.warnings: list[str] = list(summary.warnings)
        self.notes: list[str] = list(NOTES)
        self.counted: Counter[str] = Counter()  # problems reported as one line
        self.authors: dict[str, User] = {}  # wp login -> account
        self.author_ids: dict[int, User] = {}  # wp author id -> account
        self.categories: dict[str, Category] = {}  # nicename -> category
        self.series: dict[str, Series] = {}  # nicename -> series
        self.category_parents: dict[str, str] = {}  # nicename -> parent's
        self.tags: dict[str, Tag] = {}  # slug -> tag
        self.tallied: set[tuple[str, int]] = set()  # terms counted in the report
        self.seen_items: set[int] = set()
        self.comment_ids: set[int] = set()  # this run's, to catch a repeated id
        self.comments_known: set[int] | None = None  # an earlier run's
        self.series_touched: set[int] = set()
        self.time_zone = zoneinfo.ZoneInfo(site_settings().time_zone)
        self.owner: User | None = None
        self.new_accounts: set[int] = set()  # made by this run
        self.templates: dict[str, tuple[str, str]] = {}
        self.needs_new_password: set[int] = set()
        self.items_known: dict[tuple[str, int], int] | None = None
        self.blog_root = summary.channel.base_blog_url or summary.channel.link
        # This blog's own export coming back (finding 6): its items are here.
        self.own_export = self.source == _source_key(
            settings.LINERNOTES_SITE_URL or FALLBACK_SITE_URL
        )
        self.own_items: set[int] = set()  # wp ids of this blog's own items
        self.links: dict[int, str] = {}  # wp id -> <link>, for attachments' pages
        self.pages: dict[int, tuple[str, int | None]] = {}  # wp id -> name, parent
        self.posts_by_wp_id: dict[int, int] = {}  # for attachments' parents
        self.months: set[datetime] = set()
        self.redirects = 0
        self.remote_hosts: set[str] = set()  # where files stayed
        self.listings: dict[int, list[str]] = {}  # wp id -> listings in its body
        self.batch: list[_NewPost] = []  # new posts waiting to be written
        self.tag_names: dict[str, Tag] | None = None  # lower-case name -> tag
        self.term_records: list[WordPressObject] = []  # waiting for a flush
        self.term_paths: list[redirects.Redirect] = []  # the same
        self.term_known: dict[tuple, str | None] = {}
        self.queued: list[tuple[WxrItem, Fate]] = []  # other items, behind them
        # What the queued items leave to write (import records of attachments
        # and of comments on pages and attachments, attachments' old
        # addresses), written once per flush (``_write_rest``).
        self.rest_records: list[WordPressObject] = []
        self.rest_paths: list[redirects.Redirect] = []
        self.rest_known: dict[tuple, str | None] = {}
        self.post_addresses: dict[int, str] = {}  # this run's posts, for those
        self.loose: list[WxrItem] = []  # attachments left for the end (0032)
        # Comments written since an earlier run on the posts it brought, by
        # post id: written once per flush (``_write_later_comments``).
        self.later_comments: list[tuple[int, list[WxrComment]]] = []
        self.media = MediaImport(  # attachment files (decision 0032)
            summary,
            media_dir=options.media_dir,
            dry_run=options.dry_run,
            source=self.source,
        )

    def _tick(self) -> None:
        self.done += 1
        if self.done in ANALYZE_AT:
            # Tables that grew from nothing: fresh statistics, or PostgreSQL
            # keeps planning look-ups as for empty tables (bench/README.md).
            analyze(Post, Comment, WordPressObject, LegacyRedirect, Tag, Category)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _mapped(self, kind: str, wp_id: int) -> int | None:
        """Our row's id for an item an earlier run imported (``ITEM_KINDS``),
        zero when only the import record holds it, None when it is new."""
        if self.items_known is None:
            rows = WordPressObject.objects.filter(
                source=self.source, kind__in=ITEM_KINDS
            ).values_list("kind", "wp_id", "object_id")
            self.items_known = {(k, wp_id): pk or 0 for k, wp_id, pk in rows}
        return self.items_known.get((kind, wp_id))

    def _remember_item(self, kind: str, item: WxrItem, object_id: int | None, data):
        self._item_record(kind, item, object_id, data).save()
        self.items_known[(kind, item.post_id)] = object_id or 0

    def _item_record(
        self, kind: str, item: WxrItem, object_id: int | None, data: dict[str, Any]
    ) -> WordPressObject:
        return WordPressObject(
            source=self.source,
            kind=kind,
            wp_id=item.post_id,
            object_id=object_id,
            guid=item.guid,
            data=data,
        )

    def _remember(
        self, kind: str, wp_id: int, object_id: int | None, **extra: Any
    ) -> WordPressObject:
        found, _ = WordPressObject.objects.get_or_create(
            source=self.source,
            kind=kind,
            wp_id=wp_id,
            defaults={"object_id": object_id, **extra},
        )
        return found

    def _all_or_each[T](
        self,
        items: Sequence[T],
        write: Callable[[Sequence[T]], int],
        what: Callable[[T], str],
    ) -> int:
        """``write`` all ``items`` in one transaction, the fast path. When
        that fails, each goes in its own, so one bad item costs only itself:
        the others are stored and the warning names it (``what``) and why.
        Returns the sum of ``write``'s counts for what was stored."""
        if not items:
            return 0
        try:
            with transaction.atomic():
                return write(items)
        except Exception:  # noqa: BLE001, S110 - each item tried alone, reported
            pass
        stored = 0
        for item in items:
            try:
                with transaction.atomic():
                    stored += write([item])
            except Exception as error:  # noqa: BLE001 - any error, reported
                self.warnings.append(
                    f"{what(item)} ({type(error).__name__}: {error}); run the "
                    "import again once it is mended."
                )
        return stored

    def _local(self, when: datetime | None) -> datetime | None:
        return when.replace(tzinfo=self.time_zone) if when is not None else None

    def _count(self, key: str, template: str, *, what: str = "", n: int = 1) -> None:
        """Count a problem that may repeat thousands of times, for one line."""
        self.templates.setdefault(key, (template, what))
        self.counted[key] += n

    def _report(self) -> dict[str, Any]:
        if self.summary.comments.max_depth > Comment.MAX_DEPTH:
            self.warnings.append(
                f"Some threads are {self.summary.comments.max_depth} replies deep; "
                f"replies past {Comment.MAX_DEPTH} levels were stored at the "
                f"{Comment.MAX_DEPTH}th, under their nearest ancestor there."
            )
        hidden = sorted(self.remote_hosts - set(settings.LINERNOTES_IMAGE_HOSTS))
        if hidden:
            self.notes.append(
                "Images left on the old blog's server show only once you allow "
                "their site (this blog shows no other site's images by default, "
                "so readers' visits are told to nobody): set "
                f"LINERNOTES_IMAGE_HOSTS={','.join(hidden)}, or import again with "
                "--media-dir to bring the files here."
            )
        report = self.summary.as_report()
        warnings = list(self.warnings)
        for key, count in self.counted.items():
            template, what = self.templates[key]
            warnings.append(template.format(n=count, what=what))
        warnings += self.media.warnings()
        report.update(
            file={
                "title": self.summary.channel.title,
                "link": self.summary.channel.link,
                "wxr_version": self.summary.channel.wxr_version,
            },
            dry_run=self.options.dry_run,
            owner=self.owner.username if self.owner else None,
            created=dict(self.created),
            already_present=dict(self.present),
            redirects=self.redirects + self.media.redirects,
            media=self.media.report(),
            warnings=warnings,
            notes=self.notes,
        )
        return report


def _source_key(url: str) -> str:
    """The exporting blog, as the same key whatever its scheme or www."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return (host + parts.path.rstrip("/"))[:200] or "unknown"


@functools.lru_cache(maxsize=4096)  # commenters come back: checked once each
def _valid_email(value: str) -> bool:
    try:
        EmailValidator()(value)
    except ValidationError:
        return False
    return len(value) <= 254
