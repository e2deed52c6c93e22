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
"""

from __future__ import annotations

import csv
import fnmatch
import functools
import html
import io
import ipaddress
import zoneinfo
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from os import PathLike
from pathlib import Path
from typing import Any, BinaryIO, Literal
from urllib.parse import unquote, urlsplit

import nh3
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from linernotes.comments.models import Comment
from linernotes.comments.services import (
    Author,
    ImportedComment,
    import_threads,
)
from linernotes.core.db import analyze
from linernotes.core.exceptions import ImportFileInvalid
from linernotes.core.site import site_settings
from linernotes.core.slugs import base_slug, unique_slug

# The site's address when LINERNOTES_SITE_URL is unset (the development
# server's), as mail links use it; exports are made with it, so the importer
# knows this blog's own export by it too.
from linernotes.notifications.mail import FALLBACK_SITE_URL
from linernotes.posts import services as posts
from linernotes.posts.models import (
    Attachment,
    Category,
    Page,
    Post,
    PostImage,
    Series,
    Tag,
)
from linernotes.transfer import redirects
from linernotes.transfer.models import LegacyRedirect, WordPressObject
from linernotes.users.models import User
from linernotes.users.roles import Role
from linernotes.users.services import create_writer, ensure_roles

from .check import Fate, WxrSummary, check_wxr, item_fate
from .content import comment_markdown, convert_content
from .media import MediaImport
from .reader import (
    WxrAuthor,
    WxrCategory,
    WxrComment,
    WxrItem,
    WxrTag,
    read_wxr,
)
from .writer import (
    META_COMMENT_STATUS,
    META_MARKDOWN,
    META_SERIES_POSITION,
    META_SHOW_IN_MENU,
    series_slug,
)

Source = str | PathLike[str] | BinaryIO
Progress = Callable[[int, int], None]
# A post of an earlier run, the comments it gets now, and what is stored of them.
_Thread = tuple[Post, list[WxrComment], list[ImportedComment]]

POST_STATUSES = {
    "publish": Post.Status.PUBLISHED,
    "future": Post.Status.SCHEDULED,
    "draft": Post.Status.DRAFT,
    "pending": Post.Status.PENDING,
    "private": Post.Status.PRIVATE,
}
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
}
COMMENT_KINDS = {
    "": Comment.Kind.COMMENT,
    "comment": Comment.Kind.COMMENT,
    "pingback": Comment.Kind.PINGBACK,
    "trackback": Comment.Kind.TRACKBACK,
}
ITEM_KINDS = (
    WordPressObject.Kind.POST,
    WordPressObject.Kind.PAGE,
    WordPressObject.Kind.ATTACHMENT,
)
# New posts are written this many at a time, in one transaction (bench/README.md).
BATCH_POSTS = 100
ANALYZE_AT = frozenset({500, 2_000, 8_000, 32_000, 128_000})
FEEDBACK_CATEGORY = "Contact-form messages"
TITLE_LENGTH = Post._meta.get_field("title").max_length
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


class _Import:
    """One run over a file: what it has matched so far, and the report."""

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
        # Comments written since an earlier run on the posts it brought, by
        # post id: written once per flush (``_write_later_comments``).
        self.later_comments: list[tuple[int, list[WxrComment]]] = []
        self.media = MediaImport(  # attachment files (decision 0032)
            summary,
            media_dir=options.media_dir,
            dry_run=options.dry_run,
            source=self.source,
        )

    # -- the run ----------------------------------------------------------

    def run(self, source: Source, owner: User | None) -> dict[str, Any]:
        ensure_roles()
        with posts.batch(), posts.catalogue_unchanged():
            # Comments an earlier run brought are only counted, not read again:
            # most of a second run's reading (bench/README.md).
            records = read_wxr(source, known_comments=self._comments_known())
            next(records)  # the channel, already checked
            pending_terms: list[WxrCategory] = []
            for record in records:
                if isinstance(record, WxrAuthor):
                    self._author(record, owner)
                elif isinstance(record, WxrCategory):
                    pending_terms.append(record)
                elif isinstance(record, WxrTag):
                    self._tag(record.slug, record.name, record.term_id)
                elif isinstance(record, WxrItem):
                    if pending_terms:
                        self._categories(pending_terms)
                        pending_terms = []
                    self._item(record, owner)
            self._flush()
            if pending_terms:
                self._categories(pending_terms)
            for series_id in self.series_touched:
                _order_series_by_date(series_id)
            self.redirects += redirects.add_site_redirects()
            self.redirects += redirects.add_archive_redirects(self.months)
        return self._report()

    def _tick(self) -> None:
        self.done += 1
        if self.done in ANALYZE_AT:
            # Tables that grew from nothing: fresh statistics, or PostgreSQL
            # keeps planning look-ups as for empty tables (bench/README.md).
            analyze(Post, Comment, WordPressObject, LegacyRedirect, Tag, Category)
        if self.progress is not None:
            self.progress(self.done, self.total)

    # -- the owner and authors ---------------------------------------------

    def _owner(self, owner: User | None, first: WxrAuthor | None = None) -> User:
        if self.owner is not None:
            return self.owner
        if owner is None:
            owner = (
                User.objects.filter(is_superuser=True, is_active=True)
                .order_by("pk")
                .first()
            )
        if owner is None:
            owner = self._create_owner(first)
        self.owner = owner
        return owner

    def _create_owner(self, first: WxrAuthor | None) -> User:
        username = _username(first.login if first else "") or "owner"
        username = _free_username(username)
        user = User(
            username=username,
            email=first.email if first else "",
            display_name=(first.display_name if first else "")[:100],
            is_staff=True,
            is_superuser=True,
        )
        user.set_unusable_password()
        user.save()
        self.new_accounts.add(user.pk)
        self.created["owner"] += 1
        self.notes.append(
            f"The site had no owner: the account {username!r} was created as its "
            f"owner, with no password. Set one with `linernotes changepassword "
            f"{username}`."
        )
        return user

    def _author(self, record: WxrAuthor, owner: User | None) -> None:
        owner = self._owner(owner, record)
        mapped = self.options.author_map.get(record.login)
        if mapped:
            user = User.objects.get(username=mapped)
        else:
            user = _matching_account(record) or self._create_author(record)
        if user.pk in self.new_accounts:
            if user != owner:  # the owner made from this author counts once
                self.created["authors"] += 1
        else:
            self.present["authors"] += 1
        self.authors[record.login] = user
        if record.id is not None:
            self.author_ids[record.id] = user
            self._remember(WordPressObject.Kind.AUTHOR, record.id, user.pk)
        self.redirects += redirects.add_term_redirects(
            redirects.author_old_paths(record.login, wp_id=record.id),
            target_type=LegacyRedirect.Target.AUTHOR,
            target_id=user.pk,
        )

    def _create_author(self, record: WxrAuthor) -> User:
        wanted = _username(record.login) or "author"
        username = _free_username(wanted)
        if username != record.login:
            self.warnings.append(
                f"The WordPress login {record.login!r} became the account "
                f"{username!r} (usernames here take letters, digits and @.+-_)."
            )
        email = record.email if _valid_email(record.email) else ""
        name = record.display_name or " ".join(
            part for part in (record.first_name, record.last_name) if part
        )
        user = create_writer(
            username=username, email=email, role=Role.AUTHOR, display_name=name[:100]
        )
        self.new_accounts.add(user.pk)
        if record.first_name or record.last_name:
            user.first_name = record.first_name[:150]
            user.last_name = record.last_name[:150]
            user.save(update_fields=["first_name", "last_name"])
        return user

    def _author_of(self, item: WxrItem, owner: User) -> User:
        if item.creator in self.authors:
            return self.authors[item.creator]
        if item.creator:
            mapped = self.options.author_map.get(item.creator)
            if mapped:
                user = User.objects.get(username=mapped)
                self.authors[item.creator] = user
                return user
        return owner  # reported by the check: "go to the default author"

    # -- terms --------------------------------------------------------------

    def _categories(self, records: list[WxrCategory]) -> None:
        """Declared categories, parents first whatever the file's order."""
        by_name = {r.nicename: r for r in records}
        done: set[str] = set()

        def take(record: WxrCategory, trail: tuple[str, ...] = ()) -> None:
            if record.nicename in done:
                return
            parent = by_name.get(record.parent)
            if parent is not None and parent.nicename not in trail:
                take(parent, (*trail, record.nicename))
            done.add(record.nicename)
            self._category(record.nicename, record.name, record.parent, record.term_id)

        for record in records:
            take(record)

    def _category(
        self, nicename: str, name: str, parent: str, term_id: int | None
    ) -> None:
        nicename = self._term_key(nicename, name)
        if nicename is None:
            return
        if nicename in self.categories or nicename in self.series:
            return
        name = name.strip() or unquote(nicename)
        pattern = self.options.series_from_categories
        glob = pattern and fnmatch.fnmatch(name.casefold(), pattern.casefold())
        if glob and self._imported_as_category(name):
            glob = False
        if glob or series_slug(nicename):  # ours: a series exported as a category
            series = Series.objects.filter(title=name).first()
            if series is None:
                series = posts.get_or_create_series(title=name)
                self.created["series"] += 1
            else:
                self.present["series"] += 1
            self.series[nicename] = series
            self._term_redirects(
                nicename, term_id, LegacyRedirect.Target.SERIES, series.pk
            )
            return
        parent_category = self.categories.get(parent) if parent else None
        category = Category.objects.filter(
            name__iexact=name, parent=parent_category
        ).first()
        if category is None:
            category = posts.get_or_create_category(name=name, parent=parent_category)
            self.created["categories"] += 1
        else:
            self.present["categories"] += 1
        self.categories[nicename] = category
        self.category_parents[nicename] = parent
        if term_id is not None:
            self._remember(WordPressObject.Kind.CATEGORY, term_id, category.pk)
        self._term_redirects(
            nicename, term_id, LegacyRedirect.Target.CATEGORY, category.pk
        )

    def _imported_as_category(self, name: str) -> bool:
        """Whether an earlier run (without the series option) made this a
        category: its posts are there already, so it stays one (reported)."""
        if Series.objects.filter(title=name).exists():
            return False
        if not Category.objects.filter(name__iexact=name).exists():
            return False
        self._count(
            "series after the fact",
            "{n} categories match the series pattern but an earlier import made "
            "them categories; they stay categories (make a series in the admin "
            "and move their posts there).",
        )
        return True

    def _term_redirects(
        self, nicename: str, term_id: int | None, target_type: str, target_id: int
    ) -> None:
        chain, node = [], nicename
        while node and node not in chain:
            chain.append(node)
            node = self.category_parents.get(node, "")
        self.redirects += redirects.add_term_redirects(
            redirects.category_old_paths(chain[::-1], term_id=term_id),
            target_type=target_type,
            target_id=target_id,
        )

    def _tag(self, slug: str, name: str, term_id: int | None) -> Tag | None:
        slug = self._term_key(slug, name)
        if slug is None:
            return None
        if slug in self.tags:
            return self.tags[slug]
        name = (name.strip() or unquote(slug))[: Tag._meta.get_field("name").max_length]
        if self.tag_names is None:  # the blog's tags, read once
            self.tag_names = {t.name.lower(): t for t in Tag.objects.all()}
        tag = self.tag_names.get(name.lower())
        if tag is None:
            tag = posts.get_or_create_tag(name=name)
            self.tag_names[name.lower()] = tag
            self.created["tags"] += 1
        else:
            self.present["tags"] += 1
        self.tags[slug] = tag
        # Its import record and old addresses are written with the next
        # flush's (``_write_terms``): a few statements for all the tags.
        if term_id is not None:
            self.term_records.append(
                WordPressObject(
                    source=self.source,
                    kind=WordPressObject.Kind.TAG,
                    wp_id=term_id,
                    object_id=tag.pk,
                )
            )
        target = LegacyRedirect.Target.TAG
        self.term_paths += redirects.term_redirects(
            redirects.tag_old_paths(slug), target_type=target, target_id=tag.pk
        )
        self.term_known |= redirects.term_addresses(target, tag.pk, tag.slug)
        return tag

    # -- items --------------------------------------------------------------

    def _item(self, item: WxrItem, owner: User | None) -> None:
        self._tick()
        fate, _ = item_fate(item, include_feedback=self.options.include_feedback)
        if fate is Fate.SKIP:
            return  # in the check's "skipped" already
        if item.post_id is None:
            self.warnings.append(
                f"{item.post_type} {item.title!r} has no wp:post_id; it was not "
                "imported, since a second run could not recognise it."
            )
            return
        if item.post_id in self.seen_items:
            return  # a duplicate id: the check reported it; the first counts
        self.seen_items.add(item.post_id)
        self.links[item.post_id] = item.link
        if fate is Fate.PAGE:
            self.pages[item.post_id] = (item.post_name, item.parent or None)
        elif fate is Fate.POST and item.post_date is not None:
            self.months.add(item.post_date.replace(day=1, hour=0, minute=0, second=0))
        owner = self._owner(owner)
        if self.own_export and self._own_item(item, fate):
            return
        if fate in (Fate.POST, Fate.FEEDBACK) and (
            self._mapped(WordPressObject.Kind.POST, item.post_id) is None
        ):
            self.batch.append(self._new_post(item, owner, fate is Fate.FEEDBACK))
        else:
            self.queued.append((item, fate))
        if (
            len(self.batch) >= BATCH_POSTS
            or len(self.queued) >= BATCH_POSTS
            or self.options.media_dir is not None  # files in file order (0032)
        ):
            self._flush()

    def _own_item(self, item: WxrItem, fate: Fate) -> bool:
        """Whether ``item`` is one of this blog's own, in its own export
        brought back: counted as already here, with its comments and files,
        and nothing written. A post or page is its own when the export says
        Liner Notes wrote it (the writer's source in its meta), its link is
        the address of the post or page here with its slug, and its source is
        the text stored here: a blog without ``LINERNOTES_SITE_URL`` exports
        under the same fallback address as any other, so the address alone
        proves nothing. A file is its own when it belongs to such an item, or
        lives on this blog and its file is in this blog's storage."""
        if fate is Fate.ATTACHMENT:
            own = (item.parent or 0) in self.own_items or self._stored_here(
                item.attachment_url
            )
            kind = "attachments"
        elif fate in (Fate.POST, Fate.PAGE) and META_MARKDOWN in dict(item.meta):
            model = Page if fate is Fate.PAGE else Post
            found = model.objects.filter(slug=unquote(item.post_name)).first()
            own = (
                found is not None
                and found.get_absolute_url() == urlsplit(item.link).path
                and found.body == dict(item.meta)[META_MARKDOWN]
            )
            kind = "pages" if fate is Fate.PAGE else "posts"
            if own and fate is Fate.POST:
                self.posts_by_wp_id[item.post_id] = found.pk
                self._item_categories(item)  # counted as already here
                self._item_tags(item)
        else:
            return False
        if not own:
            return False
        self.own_items.add(item.post_id)
        self.present[kind] += 1
        if comments := len(item.comments) + item.known_comments:
            self.present["comments"] += comments
        return True

    def _stored_here(self, url: str) -> bool:
        """Whether ``url`` is a file under this blog's address that one of this
        blog's attachments or body images holds: the address alone is not
        enough, nor the file left in storage after its rows were deleted."""
        root = f"{self.blog_root.rstrip('/')}{settings.MEDIA_URL}"
        if not url.startswith(root):
            return False
        name = unquote(url[len(root) :].split("?", 1)[0])
        return bool(name) and (
            Attachment.objects.filter(file=name).exists()
            or PostImage.objects.filter(image=name).exists()
        )

    def _flush(self) -> None:
        """Write the batch of new posts, then the items queued behind them
        (pages, attachments, posts an earlier run made), each in order.

        The batch is one transaction; when it fails, its posts are written
        again one by one, so one post that cannot be saved costs only itself
        (reported) and the rest of the file still comes in.
        """
        batch, self.batch = self.batch, []
        queued, self.queued = self.queued, []
        self._write_terms()
        if batch:
            self._name_posts(batch)
            try:
                with transaction.atomic():
                    added = self._write_posts(batch)
            except Exception:  # noqa: BLE001 - each post tried alone, reported
                for entry in batch:
                    self._write_alone(entry)
            else:
                self._written(batch, added)
        for item, fate in queued:
            if fate is Fate.ATTACHMENT:
                self._attachment(item)  # its writes wait for ``_write_rest``
                continue
            with transaction.atomic():
                if fate is Fate.PAGE:
                    self._page(item)
                else:
                    self._post(item, self.owner, feedback=fate is Fate.FEEDBACK)
        self._write_later_comments()
        self._write_rest()

    def _write_rest(self) -> None:
        """The queued items' import records and old addresses, in a statement
        or two for all; when that fails, record by record and address by
        address, so one bad one costs only itself (reported)."""
        records, self.rest_records = self.rest_records, []
        paths, self.rest_paths = self.rest_paths, []
        known, self.rest_known = self.rest_known, {}

        def write(batch: Sequence[WordPressObject | redirects.Redirect]) -> int:
            WordPressObject.objects.bulk_create(
                [r for r in batch if isinstance(r, WordPressObject)]
            )
            return redirects.add_redirects(
                [p for p in batch if isinstance(p, redirects.Redirect)],
                known=known,
                source=self.source,
            )

        def what(one: WordPressObject | redirects.Redirect) -> str:
            if isinstance(one, WordPressObject):
                return (
                    f"The import record of {one.kind} {one.wp_id} could not be stored"
                )
            return f"The old address {one.old} could not be redirected"

        self.redirects += self._all_or_each([*records, *paths], write, what)

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

    def _write_terms(self) -> None:
        """The import records and old addresses of the tags met since the last
        flush; a record an earlier run wrote stays as it was."""
        if not self.term_records and not self.term_paths:
            return
        with transaction.atomic():
            WordPressObject.objects.bulk_create(
                self.term_records, ignore_conflicts=True
            )
            self.redirects += redirects.add_redirects(
                self.term_paths, known=self.term_known
            )
        self.term_records, self.term_paths, self.term_known = [], [], {}

    def _write_alone(self, entry: _NewPost) -> None:
        entry.reset()
        try:
            with transaction.atomic():
                added = self._write_posts([entry])
        except Exception as error:  # noqa: BLE001 - any error, reported
            item = entry.item
            self.warnings.append(
                f"{item.post_type} {item.post_id} “{item.title[:60]}” could not be "
                f"imported ({type(error).__name__}: {error}); the other items "
                "were. Run the import again once it is mended: it adds only "
                "what is missing."
            )
            return
        self._written([entry], added)

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

    def _post(self, item: WxrItem, owner: User, *, feedback: bool) -> None:
        """A post an earlier run imported: only what it lacks comes in (new
        posts are written in batches: ``_new_post``, ``_write_posts``)."""
        mapped = self._mapped(WordPressObject.Kind.POST, item.post_id) or 0
        self.present["posts"] += 1
        self._item_categories(item)  # counted as already here
        self._item_tags(item)
        self.posts_by_wp_id[item.post_id] = mapped
        if mapped:  # a post deleted here since stays deleted
            self._comments_on_post(item, mapped)
            self.media.fill_in_post(mapped, item, editor=owner)  # 0032

    def _new_post(self, item: WxrItem, owner: User, feedback: bool) -> _NewPost:
        """Everything about a new post that needs no write of its own: its
        status, text, terms and comments, ready for ``_write_posts``."""
        status = POST_STATUSES.get(item.status)
        password = self._password(item)
        if item.post_id in self.needs_new_password:
            status = Post.Status.DRAFT
        if feedback:
            status = Post.Status.PRIVATE
        elif status is None:
            self._count(
                f"status {item.status!r}",
                "{n} posts had the WordPress status {what!r}, which Liner Notes has "
                "no equivalent for; they came in as drafts.",
                what=item.status,
            )
            status = Post.Status.DRAFT
        title = self._title(item)
        published_at = self._date(item)
        tags = self._item_tags(item)
        categories, series = self._item_categories(item)
        if feedback:
            categories.append(
                posts.get_or_create_category(name=FEEDBACK_CATEGORY, parent=None)
            )
        self.media.begin()
        post = Post(
            title=title,
            author=self._author_of(item, owner) if not feedback else owner,
            body=self._body(item),
            excerpt=html.unescape(nh3.clean(item.excerpt, tags=set())).strip(),
            status=status,
            published_at=published_at if status != Post.Status.DRAFT else None,
            password=password,
            sticky=item.is_sticky,
            comments_open=item.comment_status != "closed" and not feedback,
            series=series,
            series_position=_position(item) if series is not None else None,
        )
        post.created_at = published_at or self._local(item.post_date)
        data = _kept_data(item)
        if listings := self.listings.pop(item.post_id, None):
            data["listings"] = listings
        comments = self._new_comments(item)
        fallback = post.published_at or post.created_at
        return _NewPost(
            item=item,
            post=post,
            tags=tags,
            categories=categories,
            data=data,
            comments=comments,
            given=[self._imported(c, fallback) for c in comments],
        )

    def _name_posts(self, batch: list[_NewPost]) -> None:
        """The batch's slugs (``_slug``), two queries for all when they are free."""
        named = [entry for entry in batch if entry.item.post_name.strip()]
        found = redirects.import_post_slugs(
            [(entry.item.post_name, entry.item.title) for entry in named]
        )
        claimed = set()
        for entry, slug in zip(named, found, strict=True):
            self._long_slug(entry.item)
            if slug.renamed:
                self.warnings.append(slug.renamed)
            entry.post.slug = slug.slug
            claimed.add(slug.slug)
        for entry in batch:
            if not entry.post.slug:
                entry.post.slug = self._slug(entry.item, "post", claimed=claimed)
                claimed.add(entry.post.slug)

    def _write_posts(self, batch: list[_NewPost]) -> int:
        """Store a batch of new posts with their comments, import records and
        old addresses: a statement or two per kind for the whole batch, through
        the services' batch modes. Returns how many redirects were new."""
        owner = self.owner
        posts.save_posts_as(
            editor=owner,
            posts=[posts.NewPost(e.post, e.tags, e.categories) for e in batch],
            import_mode=True,
        )
        records, old_paths, known = [], [], {}
        for entry in batch:
            post, item = entry.post, entry.item
            data = entry.data | self._post_media(post, item, owner)
            records.append(
                self._item_record(WordPressObject.Kind.POST, item, post.pk, data)
            )
            self.post_addresses[post.pk] = post.get_absolute_url()
            paths, addresses = redirects.item_redirects(
                item,
                blog_root=self.blog_root,
                target_type=LegacyRedirect.Target.POST,
                target_id=post.pk,
                address=post.get_absolute_url(),
            )
            old_paths += paths
            known |= addresses
        threads = [entry for entry in batch if entry.given]
        stored = import_threads(
            [(entry.post, entry.given) for entry in threads],
            earlier=self._earlier_comments,
        )
        for entry, comments in zip(threads, stored, strict=True):
            records += self._comment_records(entry.comments, entry.given, comments)
        WordPressObject.objects.bulk_create(records)
        return redirects.add_redirects(old_paths, known=known, source=self.source)

    def _written(self, batch: list[_NewPost], redirects_added: int) -> None:
        """Count a batch once its transaction is done."""
        for entry in batch:
            post, item = entry.post, entry.item
            if post.series_id is not None and _position(item) is None:
                self.series_touched.add(post.series_id)  # ordered by date at the end
            if "listings" in entry.data:
                self.created["listings_to_confirm"] += 1
            self.items_known[(WordPressObject.Kind.POST, item.post_id)] = post.pk
            self.posts_by_wp_id[item.post_id] = post.pk
            self.created["posts"] += 1
            if entry.given:
                self.created["comments"] += len(entry.given)
        self.redirects += redirects_added

    def _page(self, item: WxrItem) -> None:
        kind = WordPressObject.Kind.PAGE
        if (mapped := self._mapped(kind, item.post_id)) is not None:
            self.present["pages"] += 1
            self._comments_elsewhere(item, "page")
            self.media.fill_in_page(mapped, item)  # files not given before (0032)
            return
        self.media.begin(public=True)
        page = Page(
            title=self._title(item),
            slug=self._slug(item, "page"),
            body=self._body(item),
            is_published=item.status == "publish" and not item.post_password,
            show_in_menu=dict(item.meta).get(
                META_SHOW_IN_MENU, "1" if not item.parent else "0"
            )
            == "1",
            menu_order=max(0, min(item.menu_order or 0, 32767)),
        )
        if item.post_password:
            self._count(
                "page password",
                "{n} password-protected pages came in unpublished: pages here have "
                "no password; publish them once they may be public.",
            )
        posts.save_page(page=page)
        self._remember_item(kind, item, page.pk, _kept_data(item))
        self.created["pages"] += 1
        self.redirects += redirects.add_item_redirects(
            item,
            blog_root=self.blog_root,
            source=self.source,
            target_type=LegacyRedirect.Target.PAGE,
            target_id=page.pk,
            ancestors=self._page_ancestors(item),
            address=page.get_absolute_url(),
        )
        self._comments_elsewhere(item, "page")

    def _attachment(self, item: WxrItem) -> None:
        kind = WordPressObject.Kind.ATTACHMENT
        if self._mapped(kind, item.post_id) is not None:
            self.present["attachments"] += 1
            parent = self.posts_by_wp_id.get(item.parent or 0)
            self.media.fill_in_attachment(item, parent)  # 0032: one statement
        else:
            data = _kept_data(item)
            data.update(url=item.attachment_url, parent=item.parent, title=item.title)
            parent = self.posts_by_wp_id.get(item.parent or 0)
            holder, media = self.media.attachment(item, parent)
            data.update(media)
            self.rest_records.append(self._item_record(kind, item, holder, data))
            self.items_known[(kind, item.post_id)] = holder or 0
            self.created["attachments"] += 1
            if parent:
                # Its page on the old blog now leads to the post it belonged to.
                paths, known = redirects.item_redirects(
                    item,
                    blog_root=self.blog_root,
                    target_type=LegacyRedirect.Target.POST,
                    target_id=parent,
                    parent_link=self.links.get(item.parent, ""),
                    address=self.post_addresses.get(parent),
                )
                self.rest_paths += paths
                self.rest_known |= known
            if self.options.media_dir is None:
                self._count(
                    "remote media",
                    "{n} attachments stay where they are (on the old blog's "
                    "server): their files were not given (--media-dir).",
                )
                if host := urlsplit(item.attachment_url).hostname:
                    self.remote_hosts.add(host)
        self._comments_elsewhere(item, "attachment")

    def _item_categories(self, item: WxrItem) -> tuple[list[Category], Series | None]:
        categories: list[Category] = []
        series: Series | None = None
        for term in item.terms:
            if term.domain != "category":
                continue
            key = self._term_key(term.nicename, term.name)
            if key is None:
                continue
            if key not in self.categories and key not in self.series:
                self._category(key, term.name, "", None)
            if key in self.series:
                if series is None:
                    series = self.series[key]
                else:
                    self._count(
                        "two series",
                        "{n} posts are in two series categories; each joined the "
                        "first.",
                    )
            else:
                categories.append(self.categories[key])
        return categories, series

    def _title(self, item: WxrItem) -> str:
        if len(item.title) <= TITLE_LENGTH:
            return item.title
        self.warnings.append(
            f"{item.post_type} {item.post_id}: its title is {len(item.title)} "
            f"characters long; the first {TITLE_LENGTH - 1} were kept, with “…”."
            " The whole title is kept with the import record."
        )
        return item.title[: TITLE_LENGTH - 1] + "…"

    def _slug(
        self,
        item: WxrItem,
        kind: Literal["post", "page"],
        *,
        claimed: Collection[str] = (),
    ) -> str:
        """The item's own slug, transliterated; an empty one (a draft's) takes
        the title's words, but never a slug a later item of the file holds,
        nor one ``claimed`` by the batch's posts not stored yet."""
        if not item.post_name.strip() and kind == "post":
            taken = self.summary.slugs
            return unique_slug(
                item.title,
                Post,
                reserved=lambda base: [
                    s for s in (*taken, *claimed) if s.startswith(base)
                ],
            )
        self._long_slug(item)
        found = redirects.import_slug(item.post_name, title=item.title, kind=kind)
        if found.renamed:
            self.warnings.append(found.renamed)
        return found.slug

    def _long_slug(self, item: WxrItem) -> None:
        if len(unquote(item.post_name)) > 200:
            self._count(
                "long slug",
                "{n} slugs were longer than 200 characters and were shortened; "
                "their old addresses still lead to them.",
            )

    def _body(self, item: WxrItem) -> str:
        """WordPress's markup as this blog's (decision 0030); what could not
        come exactly is counted for the report, and listings are offered."""
        own = dict(item.meta).get(META_MARKDOWN)
        if own is not None:  # exported by Liner Notes: the writer's own source
            return own
        converted = convert_content(
            item.content,
            new_url=self.media.new_url,
            attachment_url=self.media.attachment_url,
        )
        for warning in converted.warnings:
            self._count(
                f"content: {warning}",
                "{n} posts or pages: {what}",
                what=warning,
            )
        if converted.listings:
            self.listings[item.post_id] = converted.listings
        return converted.body

    def _post_media(self, post: Post, item: WxrItem, owner: User) -> dict[str, Any]:
        """Store the files the new post uses (decision 0032), then save it again
        with their addresses in its body and its cover; returns what the
        import record keeps of them."""
        stored = self.media.store_post_files(post, item)
        if not stored:
            return {}
        post.body = self.media.body(item, post)
        posts.save_post_as(editor=owner, post=post, import_mode=True)
        return {"media": stored}

    def _password(self, item: WxrItem) -> str:
        longest = Post._meta.get_field("password").max_length
        if len(item.post_password) > longest:
            # Cut, it would unlock nothing: readers need the one they know.
            self.warnings.append(
                f"Post {item.post_id} “{item.title[:60]}”: its password is longer "
                f"than {longest} characters and could not be kept; the post "
                "came in as a draft, to be given a new password."
            )
            self.needs_new_password.add(item.post_id)
            return ""
        return item.post_password

    def _page_ancestors(self, item: WxrItem) -> list[str]:
        """A page's parents' slugs, outermost first (WordPress nests page paths)."""
        names: list[str] = []
        parent = item.parent or None
        while parent in self.pages and len(names) < 50:
            name, parent = self.pages[parent]
            names.append(name)
        return names[::-1]

    def _item_tags(self, item: WxrItem) -> list[Tag]:
        tags = [
            self._tag(t.nicename, t.name, None)
            for t in item.terms
            if t.domain == "post_tag"
        ]
        return [tag for tag in tags if tag is not None]

    def _term_key(self, nicename: str, name: str) -> str | None:
        """The slug a term is known by: its nicename, else its name's words
        (an empty nicename is no name: two such terms are not one). None, and
        reported, for a term with neither, which is left out."""
        key = nicename.strip() or base_slug(name, fallback="") or name.strip()
        if not key:
            self._count(
                "nameless term",
                "{n} categories or tags had neither a name nor a slug; they were "
                "left out.",
            )
        return key or None

    def _date(self, item: WxrItem) -> datetime | None:
        if item.post_date_gmt is not None:
            return item.post_date_gmt
        local = self._local(item.post_date)
        if local is None and item.status in ("publish", "future", "private"):
            self._count(
                "no date",
                "{n} published items had no valid date (neither post_date_gmt nor "
                "post_date); they are dated at the import: set their dates in "
                "the admin.",
            )
        return local

    def _local(self, when: datetime | None) -> datetime | None:
        return when.replace(tzinfo=self.time_zone) if when is not None else None

    # -- comments -------------------------------------------------------------

    def _comments_on_post(self, item: WxrItem, post_pk: int) -> None:
        """Comments of a post an earlier run imported that it did not bring,
        kept for the flush's one write."""
        if wanted := self._new_comments(item):
            self.later_comments.append((post_pk, wanted))

    def _write_later_comments(self) -> None:
        """The comments written on the old blog since an earlier run, for all
        the flush's posts at once, through the same batch path as new posts'
        (their replies find the parents that run brought). When the write
        fails, post by post, so one bad thread costs only itself (reported)."""
        later, self.later_comments = self.later_comments, []
        if not later:
            return
        found = Post.objects.only("pk", "published_at", "created_at").in_bulk(
            {pk for pk, _ in later}
        )
        threads = [
            (
                found[pk],
                wanted,
                [
                    self._imported(c, found[pk].published_at or found[pk].created_at)
                    for c in wanted
                ],
            )
            for pk, wanted in later
            if pk in found  # a post deleted here since stays without them
        ]

        def write(batch: Sequence[_Thread]) -> int:
            self._store_later_comments(batch)
            return sum(len(given) for _, _, given in batch)

        self.created["comments"] += self._all_or_each(
            threads,
            write,
            lambda thread: (
                f"The new comments of post {thread[0].pk} could not be imported"
            ),
        )

    def _store_later_comments(self, threads: Sequence[_Thread]) -> None:
        stored = import_threads(
            [(post, given) for post, _, given in threads],
            earlier=self._earlier_comments,
        )
        WordPressObject.objects.bulk_create(
            [
                record
                for (_, wanted, given), comments in zip(threads, stored, strict=True)
                for record in self._comment_records(wanted, given, comments)
            ]
        )

    def _comment_records(
        self,
        wanted: list[WxrComment],
        given: list[ImportedComment],
        stored: dict[int, Comment],
    ) -> list[WordPressObject]:
        return [
            WordPressObject(
                source=self.source,
                kind=WordPressObject.Kind.COMMENT,
                wp_id=comment.id,
                object_id=stored[comment.id].pk,
                data=_comment_meta(comment) | _original_text(comment, kept.body),
            )
            for comment, kept in zip(wanted, given, strict=True)
        ]

    def _comments_elsewhere(self, item: WxrItem, on: str) -> None:
        """Comments on a page or an attachment: readers see none there, so they
        are kept with the import record, counted and exported, not shown."""
        wanted = self._new_comments(item)
        self.rest_records.extend(
            [
                WordPressObject(
                    source=self.source,
                    kind=WordPressObject.Kind.COMMENT,
                    wp_id=comment.id,
                    object_id=None,
                    data={
                        "on": on,
                        "on_wp_id": item.post_id,
                        **_comment_record(comment),
                    },
                )
                for comment in wanted
            ]
        )
        if wanted:
            self.created["comments_kept_unshown"] += len(wanted)
            self._count(
                f"comments on {on}",
                "{n} comments on {what}s were kept with the import records (and "
                "go out again with export-wordpress); {what}s here show no "
                "comments.",
                what=on,
                n=len(wanted),
            )

    def _new_comments(self, item: WxrItem) -> list[WxrComment]:
        """The item's comments not imported before (an id is needed to tell).
        Those an earlier run imported never get here: ``read_wxr`` was given
        their ids and left them out, counting them in ``known_comments``."""
        if item.known_comments:
            self.present["comments"] += item.known_comments
        fresh = []
        for comment in item.comments:
            if comment.id is None:
                continue
            if comment.id in self.comment_ids:
                self._count(
                    "comment id twice",
                    "{n} comments share an id with an earlier comment of the file; "
                    "only the first was imported.",
                )
                continue
            self.comment_ids.add(comment.id)
            fresh.append(comment)
        return fresh

    def _comments_known(self) -> set[int]:
        """The ids of the comments an earlier run imported from this blog,
        read once (a look-up per post is slow)."""
        if self.comments_known is None:
            self.comments_known = set(
                WordPressObject.objects.filter(
                    source=self.source, kind=WordPressObject.Kind.COMMENT
                )
                .values_list("wp_id", flat=True)
                .iterator(chunk_size=10_000)
            )
        return self.comments_known

    def _earlier_comments(self, wp_ids: Collection[int]) -> dict[int, int]:
        """Our comment ids for comments an earlier run brought, for the
        services to thread the replies written since under them: one query
        for a whole batch, none when no such id was imported before."""
        known = [wp_id for wp_id in wp_ids if wp_id in self._comments_known()]
        if not known:
            return {}
        return dict(
            WordPressObject.objects.filter(
                source=self.source,
                kind=WordPressObject.Kind.COMMENT,
                wp_id__in=known,
                object_id__isnull=False,
            ).values_list("wp_id", "object_id")
        )

    def _imported(
        self, comment: WxrComment, fallback: datetime | None
    ) -> ImportedComment:
        email = comment.author_email
        if email and not _valid_email(email):
            self._count(
                "comment email",
                "{n} comments had an invalid email address; it was left out.",
            )
            email = ""
        url = comment.author_url
        if url and not _valid_url(url):
            self._count(
                "comment url",
                "{n} comments had a website address that is not a valid http(s) "
                "address of at most 200 characters (a javascript: link, say); it "
                "was left out.",
            )
            url = ""
        ip = comment.author_ip or None
        if ip and not _valid_ip(ip):
            self._count(
                "comment ip", "{n} comments had an invalid IP address; it was left out."
            )
            ip = None
        status = COMMENT_STATUSES.get(comment.approved, Comment.Status.PENDING)
        if (META_COMMENT_STATUS, Comment.Status.REMOVED) in comment.meta:
            status = Comment.Status.REMOVED  # a placeholder our export sent as trash
        kind = COMMENT_KINDS.get(comment.type)
        if kind is None:
            self._count(
                f"comment type {comment.type}",
                "{n} comments of the type {what!r} came in as ordinary comments.",
                what=comment.type,
            )
            kind = Comment.Kind.COMMENT
        created = comment.date_gmt or self._local(comment.date) or fallback
        if comment.date_gmt is None and comment.date is not None:
            self._count(
                "comment local date",
                "{n} comments had no GMT date; their local date was read in the "
                "site's time zone.",
            )
        if len(comment.author) > 100:
            self._count(
                "comment author",
                "{n} comment author names were longer than 100 characters and "
                "were shortened.",
            )
        user = self.author_ids.get(comment.user_id) if comment.user_id else None
        return ImportedComment(
            key=comment.id,
            parent_key=comment.parent or None,
            author=Author(
                # WordPress keeps names HTML-escaped ("Tom &amp; Jerry"); here
                # they are text, escaped when shown.
                name=html.unescape(comment.author).strip() or "Anonymous",
                email=email,
                url=url,
                user=user,
            ),
            body=comment_markdown(comment.content),
            status=status,
            created_at=created or timezone.now(),
            ip_address=ip,
            kind=kind,
        )

    # -- the report --------------------------------------------------------------

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


def _order_series_by_date(series_id: int) -> None:
    series = Series.objects.get(pk=series_id)
    ordered = list(series.posts.order_by("published_at", "created_at", "pk"))
    posts.reorder_series(series=series, posts=ordered)


def _kept_data(item: WxrItem) -> dict[str, Any]:
    """What no column holds: the item's meta, format, link and whole title."""
    data: dict[str, Any] = {"link": item.link, "post_type": item.post_type}
    if item.meta:
        data["meta"] = [list(pair) for pair in item.meta]
    formats = [t.nicename for t in item.terms if t.domain == "post_format"]
    if formats:
        data["format"] = formats[0]
    if len(item.title) > TITLE_LENGTH:
        data["title"] = item.title
    other = [
        [t.domain, t.nicename, t.name]
        for t in item.terms
        if t.domain not in ("category", "post_tag", "post_format")
    ]
    if other:
        data["terms"] = other
    return data


def _comment_meta(comment: WxrComment) -> dict[str, Any]:
    return {"meta": [list(pair) for pair in comment.meta]} if comment.meta else {}


def _original_text(comment: WxrComment, markdown: str) -> dict[str, str]:
    """WordPress's own text of a comment, when ``markdown`` (what is kept here)
    differs (it had HTML or characters Markdown escapes), so an export gives
    it back."""
    if markdown == comment.content.strip():
        return {}
    return {"content": comment.content}


def _comment_record(comment: WxrComment) -> dict[str, Any]:
    """A comment kept whole, for those on pages and attachments."""
    return {
        "author": comment.author,
        "author_email": comment.author_email,
        "author_url": comment.author_url,
        "author_ip": comment.author_ip,
        "date": comment.date.isoformat() if comment.date else None,
        "date_gmt": comment.date_gmt.isoformat() if comment.date_gmt else None,
        "content": comment.content,
        "approved": comment.approved,
        "type": comment.type,
        "parent": comment.parent,
        "user_id": comment.user_id,
        **_comment_meta(comment),
    }


def _source_key(url: str) -> str:
    """The exporting blog, as the same key whatever its scheme or www."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return (host + parts.path.rstrip("/"))[:200] or "unknown"


def _username(login: str) -> str:
    allowed = "".join(
        ch if ch.isalnum() or ch in "@.+-_" else "-" for ch in login.strip()
    )
    return allowed.strip("-")[:150]


def _free_username(wanted: str) -> str:
    name, n = wanted, 2
    while User.objects.filter(username__iexact=name).exists():
        name = f"{wanted[:140]}-{n}"
        n += 1
    return name


def _position(item: WxrItem) -> int | None:
    """The place in its series a Liner Notes export gave the post, if any."""
    text = dict(item.meta).get(META_SERIES_POSITION, "")
    return int(text) if text.isdigit() and int(text) < 2**31 else None


def _matching_account(record: WxrAuthor) -> User | None:
    """A writer's account that already is this author: the same username, or
    the same email address. A reader who happens to have the username is not
    the author: the author gets an account of their own."""
    found = posts.writers().filter(username=_username(record.login)).first()
    if found is not None:
        return found
    if record.email and _valid_email(record.email):
        return posts.writers().filter(email__iexact=record.email).order_by("pk").first()
    return None


@functools.lru_cache(maxsize=4096)  # commenters come back: checked once each
def _valid_email(value: str) -> bool:
    try:
        EmailValidator()(value)
    except ValidationError:
        return False
    return len(value) <= 254


@functools.lru_cache(maxsize=4096)
def _valid_url(value: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return len(value) <= 200


@functools.lru_cache(maxsize=4096)
def _valid_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
