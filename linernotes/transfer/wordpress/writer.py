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
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from itertools import batched
from typing import BinaryIO, TextIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.posts.models import (
    Attachment,
    Category,
    Page,
    Post,
    PostImage,
    Series,
    Tag,
)
from linernotes.posts.services import writers
from linernotes.transfer.models import WordPressObject
from linernotes.users.models import User

from .wxr_text import (
    ZERO_DATE,
    as_id,
    attachment_name,
    attribute,
    cdata,
    comment_element,
    gmt_date,
    kept_date,
    meta_element,
    meta_pairs,
    other_terms,
    plain,
    post_format_term,
    whole_title,
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


class _Writer:
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

    # The document -------------------------------------------------------

    def write(self, site: SiteSettings) -> None:
        self._head(site)
        self._authors()
        self._terms()
        self.emit(f"\t<generator>{plain(self.site_url)}/</generator>\n\n")
        self._pages()
        self._posts()
        self._loose_images()
        self._remote_attachments()
        self.emit("</channel>\n</rss>\n")
        self.emit.flush()

    def _head(self, site: SiteSettings) -> None:
        now = format_datetime(timezone.now().astimezone(UTC), usegmt=True)
        url = plain(self.site_url)
        self.emit(
            '<?xml version="1.0" encoding="UTF-8" ?>\n'
            "<!-- A WordPress eXtended RSS (WXR) export of a Liner Notes blog. -->\n"
            '<rss version="2.0"\n'
            f'\txmlns:excerpt="{WP_NAMESPACE}excerpt/"\n'
            '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
            '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
            '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            f'\txmlns:wp="{WP_NAMESPACE}"\n'
            ">\n\n<channel>\n"
            f"\t<title>{cdata(site.title)}</title>\n"
            f"\t<link>{url}</link>\n"
            f"\t<description>{cdata(site.tagline)}</description>\n"
            f"\t<pubDate>{now}</pubDate>\n"
            f"\t<language>{plain(settings.LANGUAGE_CODE)}</language>\n"
            f"\t<wp:wxr_version>{WXR_VERSION}</wp:wxr_version>\n"
            f"\t<wp:base_site_url>{url}</wp:base_site_url>\n"
            f"\t<wp:base_blog_url>{url}</wp:base_blog_url>\n\n"
        )

    def _authors(self) -> None:
        """Everyone who may write, and anyone who wrote a post, one line each
        (WordPress's regex parser reads an author from a single line)."""
        authors = (
            User.objects.filter(
                Q(pk__in=writers().values("pk")) | Q(posts__isnull=False)
            )
            .distinct()
            .order_by("pk")
        )
        for user in authors.iterator():
            self.counts.authors += 1
            self.author_ids.add(user.pk)
            self.emit(
                "\t<wp:author>"
                f"<wp:author_id>{user.pk}</wp:author_id>"
                f"<wp:author_login>{cdata(user.username)}</wp:author_login>"
                f"<wp:author_email>{cdata(user.email)}</wp:author_email>"
                f"<wp:author_display_name>{cdata(user.public_name)}"
                "</wp:author_display_name>"
                f"<wp:author_first_name>{cdata(user.first_name)}"
                "</wp:author_first_name>"
                f"<wp:author_last_name>{cdata(user.last_name)}</wp:author_last_name>"
                "</wp:author>\n"
            )
        self.emit("\n")

    def _terms(self) -> None:
        """Categories parents first (WordPress looks a parent up by its nicename
        as it goes), then series as categories, then tags; one line each."""
        categories = list(Category.objects.order_by("pk"))
        by_pk = {category.pk: category for category in categories}
        for category in _parents_first(categories):
            parent = by_pk.get(category.parent_id)
            self._category(
                _term_id(category.pk, _CATEGORY),
                wp_slug(category.slug),
                wp_slug(parent.slug) if parent else "",
                category.name,
                category.description,
            )
            self.counts.categories += 1
        for series in Series.objects.order_by("pk").iterator():
            self._category(
                _term_id(series.pk, _SERIES),
                SERIES_PREFIX + wp_slug(series.slug),
                "",
                series.title,
                series.description,
            )
            self.counts.series += 1
        for tag in Tag.objects.order_by("pk").iterator():
            self.counts.tags += 1
            self.emit(
                "\t<wp:tag>"
                f"<wp:term_id>{_term_id(tag.pk, _TAG)}</wp:term_id>"
                f"<wp:tag_slug>{cdata(wp_slug(tag.slug))}</wp:tag_slug>"
                f"<wp:tag_name>{cdata(tag.name)}</wp:tag_name>"
                "</wp:tag>\n"
            )
        self.emit("\n")

    def _category(
        self, term_id: int, nicename: str, parent: str, name: str, description: str
    ) -> None:
        self.emit(
            "\t<wp:category>"
            f"<wp:term_id>{term_id}</wp:term_id>"
            f"<wp:category_nicename>{cdata(nicename)}</wp:category_nicename>"
            f"<wp:category_parent>{cdata(parent)}</wp:category_parent>"
            f"<wp:cat_name>{cdata(name)}</wp:cat_name>"
            f"<wp:category_description>{cdata(description)}"
            "</wp:category_description>"
            "</wp:category>\n"
        )

    # Items ---------------------------------------------------------------

    def _pages(self) -> None:
        pages = Page.objects.order_by("pk")
        for chunk in batched(pages.iterator(chunk_size=BATCH), BATCH):
            mapped = _mappings(WordPressObject.Kind.PAGE, [p.pk for p in chunk])
            kept = _kept_comments(mapped.values())
            for page in chunk:
                record = mapped.get(page.pk)
                status = "publish" if page.is_published else "draft"
                self._item(
                    post_type="page",
                    wp_id=self._item_id(record, page.pk, _PAGE),
                    title=page.title,
                    link=self.site_url + page.get_absolute_url(),
                    guid=record.guid if record and record.guid else "",
                    creator=self.owner_login,
                    content=self._html(page.body_html),
                    excerpt="",
                    date=page.created_at,
                    date_gmt_known=True,
                    modified=page.updated_at,
                    comment_status="closed",
                    post_name=page.slug,
                    status=status,
                    parent=0,
                    menu_order=page.menu_order,
                    password="",
                    sticky=False,
                    terms=[],
                    meta=[
                        (META_MARKDOWN, page.body),
                        (META_SHOW_IN_MENU, "1" if page.show_in_menu else "0"),
                    ],
                    data=record.data if record else {},
                    comments=self._kept(kept, record),
                )

    def _posts(self) -> None:
        posts = (
            Post.objects.order_by("pk")
            .defer("body_text", "summary_text", "cover_thumbnails")
            .select_related("author", "series")
            .prefetch_related("tags", "categories")
        )
        for chunk in batched(posts.iterator(chunk_size=BATCH), BATCH):
            self._post_batch(list(chunk))

    def _post_batch(self, posts: list[Post]) -> None:
        pks = [post.pk for post in posts]
        mapped = _mappings(WordPressObject.Kind.POST, pks)
        downloads = _grouped(Attachment.objects.filter(post_id__in=pks), "post_id")
        images = _grouped(PostImage.objects.filter(post_id__in=pks), "post_id")
        comments = _grouped(
            Comment.objects.filter(post_id__in=pks)
            .defer("body_html", "spam_reasons")
            .order_by("thread_path", "pk"),
            "post_id",
        )
        comment_records = _mappings(
            WordPressObject.Kind.COMMENT,
            [comment.pk for thread in comments.values() for comment in thread],
        )
        groups = (*downloads.values(), *images.values(), [p for p in posts if p.cover])
        files = _file_records([each for group in groups for each in group])
        for post in posts:
            record = mapped.get(post.pk)
            wp_id = self._item_id(record, post.pk, _POST)
            cover = files.get((_label(Post), post.pk)) if post.cover else None
            cover_id = self._item_id(cover, post.pk, _COVER) if post.cover else None
            thread = comments.get(post.pk, [])
            self._post(post, record, wp_id, cover_id, thread, comment_records)
            owner = post.author.username
            for download in downloads.get(post.pk, []):
                found = files.get((_label(Attachment), download.pk))
                self._download(download, wp_id, owner, found)
            for image in images.get(post.pk, []):
                found = files.get((_label(PostImage), image.pk))
                self._image(image, wp_id, owner, found)
            if cover_id is not None:
                self._cover(post, wp_id, cover_id, cover)

    def _post(
        self,
        post: Post,
        record: WordPressObject | None,
        wp_id: int,
        cover_id: int | None,
        comments: list[Comment],
        comment_records: dict[int, WordPressObject],
    ) -> None:
        data = record.data if record else {}
        status = POST_STATUS[post.status]
        if post.status == Post.Status.SCHEDULED and post.is_public:
            status = "publish"  # due: readers already see it
        terms = [("category", wp_slug(c.slug), c.name) for c in post.categories.all()]
        terms += [("post_tag", wp_slug(t.slug), t.name) for t in post.tags.all()]
        meta = [(META_MARKDOWN, post.body)]
        if post.series is not None:
            nicename = SERIES_PREFIX + wp_slug(post.series.slug)
            terms.append(("category", nicename, post.series.title))
            if post.series_position is not None:
                meta.append((META_SERIES_POSITION, str(post.series_position)))
        post_format = post_format_term(data.get("format"))
        if post_format:
            terms.append(post_format)
        terms += other_terms(data.get("terms"))
        if post.cover:
            meta.append((META_THUMBNAIL, str(cover_id)))
        self._item(
            post_type="post",
            wp_id=wp_id,
            title=whole_title(post.title, data.get("title")),
            link=self.site_url + post.get_absolute_url(),
            guid=record.guid if record and record.guid else "",
            creator=post.author.username,
            content=self._html(post.body_html),
            excerpt=post.excerpt,
            date=post.published_at or post.created_at,
            date_gmt_known=post.published_at is not None,
            modified=post.updated_at,
            comment_status="open" if post.comments_open else "closed",
            post_name=post.slug,
            status=status,
            parent=0,
            menu_order=0,
            password=post.password,
            sticky=post.sticky,
            terms=terms,
            meta=meta,
            data=data,
            comments=self._comments(comments, comment_records),
        )

    def _download(
        self,
        download: Attachment,
        parent: int,
        creator: str,
        record: WordPressObject | None,
    ) -> None:
        self._attachment(
            wp_id=self._item_id(record, download.pk, _DOWNLOAD),
            parent=parent,
            title=download.title,
            url=self._absolute(download.file.url),
            link=self.site_url + download.get_absolute_url(),
            date=download.created_at,
            modified=download.updated_at,
            creator=creator,
            meta=[
                (META_KIND, "download"),
                (META_ATTACHED_FILE, download.file.name),
                (META_DOWNLOADS, str(download.download_count)),
                (META_PLAYS, str(download.play_count)),
            ],
            record=record,
        )

    def _image(
        self,
        image: PostImage,
        parent: int,
        creator: str,
        record: WordPressObject | None,
    ) -> None:
        url = self._absolute(image.image.url)
        self._attachment(
            wp_id=self._item_id(record, image.pk, _IMAGE),
            parent=parent,
            title=image.alt or image.image.name.rsplit("/", 1)[-1],
            url=url,
            link=url,
            date=image.created_at,
            modified=image.updated_at,
            creator=creator,
            meta=[
                (META_KIND, "image"),
                (META_ATTACHED_FILE, image.image.name),
                (META_IMAGE_ALT, image.alt),
            ],
            record=record,
        )

    def _cover(
        self, post: Post, parent: int, wp_id: int, record: WordPressObject | None
    ) -> None:
        url = self._absolute(post.cover.url)
        self._attachment(
            wp_id=wp_id,
            parent=parent,
            title=post.cover_alt or post.cover.name.rsplit("/", 1)[-1],
            url=url,
            link=url,
            date=post.created_at,
            modified=post.updated_at,
            creator=post.author.username,
            meta=[
                (META_KIND, "cover"),
                (META_ATTACHED_FILE, post.cover.name),
                (META_IMAGE_ALT, post.cover_alt),
            ],
            record=record,
        )

    def _loose_images(self) -> None:
        """Images whose post was deleted: attachments without a parent."""
        images = PostImage.objects.filter(post__isnull=True).order_by("pk")
        for chunk in batched(images.iterator(chunk_size=BATCH), BATCH):
            records = _file_records(chunk)
            for image in chunk:
                found = records.get((_label(PostImage), image.pk))
                self._image(image, 0, self.owner_login, found)

    def _remote_attachments(self) -> None:
        """Attachments an import kept as references to the old blog's files
        (no file was given): they go back as they came, comments included."""
        remote = WordPressObject.objects.filter(
            kind=WordPressObject.Kind.ATTACHMENT, object_id__isnull=True
        ).order_by("pk")
        for chunk in batched(remote.iterator(chunk_size=BATCH), BATCH):
            kept = _kept_comments(chunk)
            for record in chunk:
                data = record.data
                url = str(data.get("url") or record.guid)
                self._item(
                    post_type="attachment",
                    wp_id=self._item_id(record, record.pk, _REMOTE),
                    title=str(data.get("title") or ""),
                    link=str(data.get("link") or url),
                    guid=record.guid or url,
                    creator=self.owner_login,
                    content="",
                    excerpt="",
                    date=record.imported_at,
                    date_gmt_known=True,
                    modified=record.imported_at,
                    comment_status="closed",
                    post_name=attachment_name(url),
                    status="inherit",
                    parent=as_id(data.get("parent")),
                    menu_order=0,
                    password="",
                    sticky=False,
                    terms=other_terms(data.get("terms")),
                    meta=[],
                    data=data,
                    comments=self._kept(kept, record),
                    attachment_url=url,
                )

    def _kept(
        self,
        kept: dict[tuple[str, int], list[WordPressObject]],
        record: WordPressObject | None,
    ) -> Iterator[str]:
        """Comments on pages and attachments, which an import keeps whole in its
        records (readers here see none), written back as WordPress had them."""
        if record is None:
            return
        for comment in kept.get((record.source, record.wp_id), []):
            self.counts.comments += 1
            data = comment.data
            yield comment_element(
                wp_id=comment.wp_id,
                author=str(data.get("author") or ""),
                email=str(data.get("author_email") or ""),
                url=str(data.get("author_url") or ""),
                ip=str(data.get("author_ip") or ""),
                date=kept_date(data.get("date")),
                date_gmt=kept_date(data.get("date_gmt"), gmt=True),
                content=str(data.get("content") or ""),
                approved=str(data.get("approved") or "0"),
                kind=str(data.get("type") or "comment"),
                parent=as_id(data.get("parent")),
                user_id=0,
                meta=list(meta_pairs([], data)),
            )

    def _attachment(
        self,
        *,
        wp_id: int,
        parent: int,
        title: str,
        url: str,
        link: str,
        date: datetime,
        modified: datetime,
        creator: str,
        meta: list[tuple[str, str]],
        record: WordPressObject | None,
    ) -> None:
        self._item(
            post_type="attachment",
            wp_id=wp_id,
            title=title,
            link=link,
            guid=record.guid if record and record.guid else url,
            creator=creator,
            content="",
            excerpt="",
            date=date,
            date_gmt_known=True,
            modified=modified,
            comment_status="closed",
            post_name=attachment_name(url),
            status="inherit",
            parent=parent,
            menu_order=0,
            password="",
            sticky=False,
            terms=[],
            meta=meta,
            data=record.data if record else {},
            attachment_url=url,
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
            f"\t\t<title>{cdata(title)}</title>\n",
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
            f"nicename={attribute(nicename)}>{cdata(name)}</category>\n"
            for domain, nicename, name in terms
        )
        pairs = meta_pairs(meta, data)
        parts.extend(meta_element("postmeta", key, value) for key, value in pairs)
        self.emit("".join(parts))
        for comment in comments:
            self.emit(comment)
        self.emit("\t</item>\n")

    # Comments ------------------------------------------------------------

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
                author=comment.author_name,
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

    # Ids, dates, text ------------------------------------------------------

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


def _mappings(kind: str, pks: list[int]) -> dict[int, WordPressObject]:
    if not pks:
        return {}
    found = WordPressObject.objects.filter(kind=kind, object_id__in=pks).order_by("pk")
    mapped: dict[int, WordPressObject] = {}
    for record in found:
        mapped.setdefault(record.object_id, record)
    return mapped


def _file_records(rows: Iterable) -> dict[tuple[str, int], WordPressObject]:
    """The import records of these files (downloads, images, posts' covers), by
    model and primary key: the kind "attachment" spans three tables, so an
    import names the row's model in the record's data."""
    wanted = {(_label(type(row)), row.pk) for row in rows}
    if not wanted:
        return {}
    found = WordPressObject.objects.filter(
        kind=WordPressObject.Kind.ATTACHMENT,
        object_id__in={pk for _, pk in wanted},
    ).order_by("pk")
    records: dict[tuple[str, int], WordPressObject] = {}
    for record in found:
        key = (str(record.data.get("model") or ""), record.object_id)
        if key in wanted:
            records.setdefault(key, record)
    return records


def _label(model: type) -> str:
    return model._meta.label_lower


def _grouped(rows, key: str) -> dict[int, list]:
    grouped: defaultdict[int, list] = defaultdict(list)
    for row in rows.iterator():
        grouped[getattr(row, key)].append(row)
    return grouped


def _parents_first(categories: list[Category]) -> list[Category]:
    """Every category after its parent; a loop (never saved by the admin, but
    possible) is written at the end, so nothing is lost."""
    placed: set[int] = set()
    ordered: list[Category] = []
    waiting = categories
    while waiting:
        still = [c for c in waiting if c.parent_id and c.parent_id not in placed]
        ready = [c for c in waiting if not (c.parent_id and c.parent_id not in placed)]
        if not ready:
            ordered.extend(still)
            break
        ordered.extend(ready)
        placed.update(c.pk for c in ready)
        waiting = still
    return ordered


def _term_id(pk: int, kind: int) -> int:
    """Categories, tags and series share WordPress's one term id space."""
    return 3 * pk + kind


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
