"""What every part of the export shares: the names and numbers of the
format, the output buffer, and writing one item or its comments."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import BinaryIO, TextIO
from zoneinfo import ZoneInfo

from django.db.models import Max

from linernotes.comments.models import Comment
from linernotes.posts.models import Post
from linernotes.transfer.models import WordPressObject
from linernotes.users.models import User

from ..wxr_text import (
    ZERO_DATE,
    as_id,
    attribute,
    cdata,
    comment_element,
    entity_escaped,
    gmt_date,
    meta_element,
    meta_pairs,
    plain,
    wp_slug,
)

WXR_VERSION = "1.2"
WP_NAMESPACE = "http://wordpress.org/export/1.2/"
SERIES_PREFIX = "linernotes-series-"
BATCH = 200
FLUSH_AT = 64 * 1024

# Post meta and comment meta the writer sets itself (see wxr_text.meta_pairs).
META_MARKDOWN = "_linernotes_markdown"
META_SERIES_POSITION = "_linernotes_series_position"
META_KIND = "_linernotes_kind"
META_SHOW_IN_MENU = "_linernotes_show_in_menu"
META_DOWNLOADS = "_linernotes_download_count"
META_PLAYS = "_linernotes_play_count"
META_COMMENT_STATUS = "_linernotes_status"
META_THUMBNAIL = "_thumbnail_id"
META_ATTACHED_FILE = "_wp_attached_file"
META_IMAGE_ALT = "_wp_attachment_image_alt"

POST_STATUS = {
    Post.Status.PUBLISHED: "publish",
    Post.Status.SCHEDULED: "future",
    Post.Status.DRAFT: "draft",
    Post.Status.PENDING: "pending",
    Post.Status.PRIVATE: "private",
}
COMMENT_APPROVED = {
    Comment.Status.APPROVED: "1",
    Comment.Status.PENDING: "0",
    Comment.Status.SPAM: "spam",
    Comment.Status.TRASH: "trash",
    Comment.Status.REMOVED: "trash",
}

# Where each kind of item sits in the shared id space above imported ids.
_POST, _PAGE, _DOWNLOAD, _IMAGE, _COVER, _REMOTE = range(6)
_ITEM_KINDS = 6
_CATEGORY, _TAG, _SERIES = range(3)
_RELATIVE_LINK = re.compile(r"""(\b(?:href|src)=["'])/(?!/)""")


@dataclass
class ExportCounts:
    """What the file holds, to compare with what the importer reports."""

    authors: int = 0
    categories: int = 0
    tags: int = 0
    series: int = 0
    posts: int = 0
    pages: int = 0
    attachments: int = 0
    comments: int = 0
    items: dict[str, dict[str, int]] = field(default_factory=dict)

    def count_item(self, post_type: str, status: str) -> None:
        statuses = self.items.setdefault(post_type, {})
        statuses[status] = statuses.get(status, 0) + 1


def series_slug(nicename: str) -> str | None:
    """The series slug a category nicename of our exports stands for, else None."""
    if nicename.startswith(SERIES_PREFIX) and len(nicename) > len(SERIES_PREFIX):
        return nicename[len(SERIES_PREFIX) :]
    return None


class _Sink:
    """Buffers text and hands it to a text or byte stream in large pieces."""

    def __init__(self, out: TextIO | BinaryIO) -> None:
        self._out = out
        self._binary = not isinstance(out, io.TextIOBase) and not hasattr(
            out, "encoding"
        )
        self._parts: list[str] = []
        self._size = 0

    def __call__(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        text = "".join(self._parts)
        self._parts, self._size = [], 0
        if text:
            self._out.write(text.encode("utf-8") if self._binary else text)


class _WriterBase:
    """One export: its output, its ids, and how an item and its comments are
    written."""

    def __init__(self, out: TextIO | BinaryIO, site_url: str, zone: ZoneInfo) -> None:
        self.emit = _Sink(out)
        self.site_url = site_url
        self.zone = zone
        self.counts = ExportCounts()
        self.item_base = _next_id(
            [
                WordPressObject.Kind.POST,
                WordPressObject.Kind.PAGE,
                WordPressObject.Kind.ATTACHMENT,
            ]
        )
        self.comment_base = _next_id([WordPressObject.Kind.COMMENT])
        self.used_item_ids: set[int] = set()
        # WordPress's importer links a comment to an account only through the
        # file's wp:author ids; a reader's account is not exported.
        self.author_ids: set[int] = set()
        self.owner_login = (
            User.objects.filter(is_superuser=True)
            .order_by("pk")
            .values_list("username", flat=True)
            .first()
            or ""
        )

    def _item(
        self,
        *,
        post_type: str,
        wp_id: int,
        title: str,
        link: str,
        guid: str,
        creator: str,
        content: str,
        excerpt: str,
        date: datetime,
        date_gmt_known: bool,
        modified: datetime,
        comment_status: str,
        post_name: str,
        status: str,
        parent: int,
        menu_order: int,
        password: str,
        sticky: bool,
        terms: list[tuple[str, str, str]],
        meta: list[tuple[str, str]],
        data: dict,
        comments: Iterable[str] = (),
        attachment_url: str = "",
    ) -> None:
        guid = guid or f"{self.site_url}/?p={wp_id}"
        counts = self.counts
        counts.count_item(post_type, status)
        if post_type == "post":
            counts.posts += 1
        elif post_type == "page":
            counts.pages += 1
        else:
            counts.attachments += 1
        gmt = gmt_date(date) if date_gmt_known else ZERO_DATE
        parts = [
            "\t<item>\n",
            f"\t\t<title>{cdata(entity_escaped(title))}</title>\n",
            f"\t\t<link>{plain(link)}</link>\n",
            f"\t\t<pubDate>{format_datetime(date.astimezone(UTC), usegmt=True)}"
            "</pubDate>\n",
            f"\t\t<dc:creator>{cdata(creator)}</dc:creator>\n",
            f'\t\t<guid isPermaLink="false">{plain(guid)}</guid>\n',
            "\t\t<description></description>\n",
            f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n",
            f"\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>\n",
            f"\t\t<wp:post_id>{wp_id}</wp:post_id>\n",
            f"\t\t<wp:post_date>{cdata(self._local(date))}</wp:post_date>\n",
            f"\t\t<wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt>\n",
            f"\t\t<wp:post_modified>{cdata(self._local(modified))}"
            "</wp:post_modified>\n",
            f"\t\t<wp:post_modified_gmt>{cdata(gmt_date(modified))}"
            "</wp:post_modified_gmt>\n",
            f"\t\t<wp:comment_status>{cdata(comment_status)}</wp:comment_status>\n",
            f"\t\t<wp:ping_status>{cdata(data.get('ping_status') or 'closed')}"
            "</wp:ping_status>\n",
            f"\t\t<wp:post_name>{cdata(wp_slug(post_name))}</wp:post_name>\n",
            f"\t\t<wp:status>{cdata(status)}</wp:status>\n",
            f"\t\t<wp:post_parent>{parent}</wp:post_parent>\n",
            f"\t\t<wp:menu_order>{menu_order}</wp:menu_order>\n",
            f"\t\t<wp:post_type>{cdata(post_type)}</wp:post_type>\n",
            f"\t\t<wp:post_password>{cdata(password)}</wp:post_password>\n",
            f"\t\t<wp:is_sticky>{1 if sticky else 0}</wp:is_sticky>\n",
        ]
        if attachment_url:
            parts.append(
                f"\t\t<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>\n"
            )
        parts.extend(
            f"\t\t<category domain={attribute(domain)} "
            f"nicename={attribute(nicename)}>{cdata(entity_escaped(name))}</category>\n"
            for domain, nicename, name in terms
        )
        pairs = meta_pairs(meta, data)
        parts.extend(meta_element("postmeta", key, value) for key, value in pairs)
        self.emit("".join(parts))
        for comment in comments:
            self.emit(comment)
        self.emit("\t</item>\n")

    def _comments(
        self, comments: list[Comment], records: dict[int, WordPressObject]
    ) -> Iterator[str]:
        ids = {c.pk: self._comment_id(records.get(c.pk), c.pk) for c in comments}
        for comment in comments:
            self.counts.comments += 1
            data = records[comment.pk].data if comment.pk in records else {}
            meta = []
            if comment.status == Comment.Status.REMOVED:
                meta.append((META_COMMENT_STATUS, Comment.Status.REMOVED.value))
            parent = ids.get(comment.parent_id, 0) if comment.parent_id else 0
            kind = comment.kind or data.get("type") or "comment"
            yield comment_element(
                wp_id=ids[comment.pk],
                author=entity_escaped(comment.author_name),
                email=comment.author_email,
                url=comment.author_url,
                ip=comment.ip_address or "",
                date=self._local(comment.created_at),
                date_gmt=gmt_date(comment.created_at),
                # WordPress's own text when the import kept it (its HTML, which
                # the body here holds as Markdown) and nobody edited it since.
                content=(
                    data.get("content", comment.body)
                    if comment.edited_at is None
                    else comment.body
                ),
                approved=COMMENT_APPROVED[comment.status],
                kind=kind,
                parent=parent,
                user_id=comment.user_id if comment.user_id in self.author_ids else 0,
                meta=list(meta_pairs(meta, data)),
            )

    def _item_id(self, record: WordPressObject | None, pk: int, kind: int) -> int:
        if record is not None and record.wp_id not in self.used_item_ids:
            self.used_item_ids.add(record.wp_id)
            return record.wp_id
        return self.item_base + _ITEM_KINDS * pk + kind

    def _comment_id(self, record: WordPressObject | None, pk: int) -> int:
        return record.wp_id if record is not None else self.comment_base + pk

    def _local(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M:%S")

    def _absolute(self, url: str) -> str:
        """A media URL as another site can fetch it (storage may give one already)."""
        return url if url.startswith(("http://", "https://")) else self.site_url + url

    def _html(self, html: str) -> str:
        """Rendered HTML whose site-relative links and images still resolve
        once the HTML lives on another site."""
        return _RELATIVE_LINK.sub(rf"\g<1>{self.site_url}/", html)


def _next_id(kinds: list[str]) -> int:
    """The first id above every WordPress id kept for these kinds."""
    highest = WordPressObject.objects.filter(kind__in=kinds).aggregate(Max("wp_id"))
    return max(highest["wp_id__max"] or 0, 0) + 1


def _kept_comments(
    records: Iterable[WordPressObject],
) -> dict[tuple[str, int], list[WordPressObject]]:
    """The comments an import kept for these items, by (source, item id), in id
    order (WordPress ids grow, so parents come first)."""
    ids = sorted({record.wp_id for record in records})
    if not ids:
        return {}
    found = WordPressObject.objects.filter(
        kind=WordPressObject.Kind.COMMENT,
        object_id__isnull=True,
        data__on_wp_id__in=ids,
    ).order_by("wp_id")
    kept: defaultdict[tuple[str, int], list[WordPressObject]] = defaultdict(list)
    for comment in found.iterator():
        kept[(comment.source, as_id(comment.data.get("on_wp_id")))].append(comment)
    return kept
