"""The pass over the file: each item in turn, new posts in batches with the
other items queued behind them, then pages and attachments."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from linernotes.posts import services as posts
from linernotes.posts.models import Attachment, Page, Post, PostImage, Series
from linernotes.transfer import redirects
from linernotes.transfer.models import LegacyRedirect, WordPressObject
from linernotes.users.models import User
from linernotes.users.services import ensure_roles

from ..check import Fate, item_fate
from ..reader import WxrAuthor, WxrCategory, WxrItem, WxrTag, read_wxr
from ..writer import META_MARKDOWN, META_SHOW_IN_MENU
from .base import Source
from .post_items import _kept_data, _Posts

# New posts are written this many at a time, in one transaction (bench/README.md).
BATCH_POSTS = 100


class _Import(_Posts):
    """One run over a file: what it has matched so far, and the report."""

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
            self._loose_attachments()
            if pending_terms:
                self._categories(pending_terms)
            for series_id in self.series_touched:
                _order_series_by_date(series_id)
            self.redirects += redirects.add_site_redirects()
            self.redirects += redirects.add_archive_redirects(self.months)
        return self._report()

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
            own = (
                (item.parent or 0) in self.own_items
                or self._stored_here(item.attachment_url)
                or self._kept_here(item)
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

    def _kept_here(self, item: WxrItem) -> bool:
        """Whether ``item`` is a file an earlier import left on the old blog,
        which this blog's export lists as it came (its WordPress id, and its
        guid or address): the record is here already, so another would make
        each export list the file once more."""
        if item.post_id is None or not item.attachment_url:
            return False
        return (
            WordPressObject.objects.filter(
                kind=WordPressObject.Kind.ATTACHMENT,
                wp_id=item.post_id,
                object_id__isnull=True,
            )
            .filter(Q(guid=item.guid) | Q(data__url=item.attachment_url))
            .exists()
        )

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

    def _loose_attachments(self) -> None:
        """The attachments no post holds, once every post and page has stored
        the files it shows (``MediaImport.waits_for_the_end``)."""
        loose, self.loose = self.loose, []
        for item in loose:
            self._attachment(item, last=True)
        self._write_rest()

    def _attachment(self, item: WxrItem, *, last: bool = False) -> None:
        kind = WordPressObject.Kind.ATTACHMENT
        parent = self.posts_by_wp_id.get(item.parent or 0)
        if not last and self.media.waits_for_the_end(item, parent):
            self.loose.append(item)
            return
        if self._mapped(kind, item.post_id) is not None:
            self.present["attachments"] += 1
            self.media.fill_in_attachment(item, parent)  # 0032: one statement
        else:
            data = _kept_data(item)
            data.update(url=item.attachment_url, parent=item.parent, title=item.title)
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

    def _page_ancestors(self, item: WxrItem) -> list[str]:
        """A page's parents' slugs, outermost first (WordPress nests page paths)."""
        names: list[str] = []
        parent = item.parent or None
        while parent in self.pages and len(names) < 50:
            name, parent = self.pages[parent]
            names.append(name)
        return names[::-1]


def _order_series_by_date(series_id: int) -> None:
    series = Series.objects.get(pk=series_id)
    ordered = list(series.posts.order_by("published_at", "created_at", "pk"))
    posts.reorder_series(series=series, posts=ordered)
