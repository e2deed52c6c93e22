"""Files as attachment items: downloads, images, covers, images no post
holds any more, and files an import left on the old blog."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import batched

from django.core.files.storage import default_storage

from linernotes.posts.models import (
    Attachment,
    Post,
    PostImage,
)
from linernotes.transfer.models import WordPressObject

from ..wxr_text import (
    as_id,
    attachment_name,
    comment_element,
    kept_date,
    meta_pairs,
    other_terms,
)
from .base import (
    _DOWNLOAD,
    _IMAGE,
    _REMOTE,
    BATCH,
    META_ATTACHED_FILE,
    META_DOWNLOADS,
    META_IMAGE_ALT,
    META_KIND,
    META_PLAYS,
    _kept_comments,
    _WriterBase,
)

# The comments an import kept, by (source, WordPress id) of their item.
_Kept = dict[tuple[str, int], list[WordPressObject]]


class _Files(_WriterBase):
    """Every stored or remembered file as a WordPress attachment."""

    def _download(
        self,
        download: Attachment,
        parent: int,
        creator: str,
        record: WordPressObject | None,
        kept: _Kept,
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
            comments=self._kept(kept, record),
        )

    def _image(
        self,
        image: PostImage,
        parent: int,
        creator: str,
        record: WordPressObject | None,
        kept: _Kept,
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
            comments=self._kept(kept, record),
        )

    def _cover(
        self,
        post: Post,
        parent: int,
        wp_id: int,
        record: WordPressObject | None,
        kept: _Kept,
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
            comments=self._kept(kept, record),
        )

    def _loose_images(self) -> None:
        """Images whose post was deleted: attachments without a parent."""
        images = PostImage.objects.filter(post__isnull=True).order_by("pk")
        for chunk in batched(images.iterator(chunk_size=BATCH), BATCH):
            records = _file_records(chunk)
            kept = _kept_comments(records.values())
            for image in chunk:
                found = records.get((_label(PostImage), image.pk))
                self._image(image, 0, self.owner_login, found, kept)

    def _remote_attachments(self) -> None:
        """Attachments an import kept without a row of ours: references to
        the old blog's files (no file was given), which go back as they came,
        and files stored in the public folder (a page's, or one no post
        showed), which go out at their address here; comments included."""
        remote = WordPressObject.objects.filter(
            kind=WordPressObject.Kind.ATTACHMENT, object_id__isnull=True
        ).order_by("pk")
        for chunk in batched(remote.iterator(chunk_size=BATCH), BATCH):
            kept = _kept_comments(chunk)
            for record in chunk:
                data = record.data
                copy = _public_copy(data)
                url = self._absolute(copy) if copy else ""
                url = url or str(data.get("url") or record.guid)
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
        comments: Iterator[str],
    ) -> None:
        """A file this blog holds, as an attachment item; the comments
        WordPress had on its attachment page (kept by the import) with it."""
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
            comments=comments,
            attachment_url=url,
        )


def _public_copy(data: dict) -> str:
    """The address of the public copy an import stored for an attachment
    (``file`` with ``as`` "public", decision 0032), or ""."""
    stored = data.get("file")
    if not isinstance(stored, dict) or stored.get("as") != "public":
        return ""
    name = str(stored.get("name") or "")
    return default_storage.url(name) if name else ""


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
