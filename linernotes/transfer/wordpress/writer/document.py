"""The whole document: the channel's head, then pages, posts a batch at a
time with their files and comments, then the files no post holds."""

from __future__ import annotations

from collections import defaultdict
from itertools import batched, chain

from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.posts.models import (
    Attachment,
    Page,
    Post,
    PostImage,
)
from linernotes.transfer.models import WordPressObject

from ..wxr_text import (
    other_terms,
    plain,
    post_format_term,
    whole_title,
    wp_slug,
)
from .base import (
    _COVER,
    _PAGE,
    _POST,
    BATCH,
    META_MARKDOWN,
    META_SERIES_POSITION,
    META_SHOW_IN_MENU,
    META_THUMBNAIL,
    POST_STATUS,
    SERIES_PREFIX,
    _kept_comments,
)
from .channel import _Channel
from .files import _file_records, _Files, _label


class _Writer(_Channel, _Files):
    """One export: the channel's head, then every item, streamed."""

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
        kept = _kept_comments([*mapped.values(), *files.values()])
        for post in posts:
            record = mapped.get(post.pk)
            wp_id = self._item_id(record, post.pk, _POST)
            cover = files.get((_label(Post), post.pk)) if post.cover else None
            cover_id = self._item_id(cover, post.pk, _COVER) if post.cover else None
            thread = comments.get(post.pk, [])
            self._post(post, record, wp_id, cover_id, thread, comment_records, kept)
            owner = post.author.username
            for download in downloads.get(post.pk, []):
                found = files.get((_label(Attachment), download.pk))
                self._download(download, wp_id, owner, found, kept)
            for image in images.get(post.pk, []):
                found = files.get((_label(PostImage), image.pk))
                self._image(image, wp_id, owner, found, kept)
            if cover_id is not None:
                self._cover(post, wp_id, cover_id, cover, kept)

    def _post(
        self,
        post: Post,
        record: WordPressObject | None,
        wp_id: int,
        cover_id: int | None,
        comments: list[Comment],
        comment_records: dict[int, WordPressObject],
        kept: dict[tuple[str, int], list[WordPressObject]],
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
            # Readers' comments, then what the import kept unshown (editor
            # notes, decision 0053), as WordPress had them.
            comments=chain(
                self._comments(comments, comment_records), self._kept(kept, record)
            ),
        )


def _mappings(kind: str, pks: list[int]) -> dict[int, WordPressObject]:
    if not pks:
        return {}
    found = WordPressObject.objects.filter(kind=kind, object_id__in=pks).order_by("pk")
    mapped: dict[int, WordPressObject] = {}
    for record in found:
        mapped.setdefault(record.object_id, record)
    return mapped


def _grouped(rows, key: str) -> dict[int, list]:
    grouped: defaultdict[int, list] = defaultdict(list)
    for row in rows.iterator():
        grouped[getattr(row, key)].append(row)
    return grouped
