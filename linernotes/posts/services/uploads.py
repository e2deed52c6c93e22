"""Files writers upload: cover thumbnails, body images, downloadable attachments."""

import mimetypes
import re
from dataclasses import dataclass
from enum import Enum
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_image_file_extension
from django.db import transaction
from django.db.models import F
from PIL import Image, UnidentifiedImageError

from linernotes.core.exceptions import UploadRejected

from ..models import Attachment, Post, PostImage
from .counts import refresh_post_extras
from .file_kinds import contradiction


def make_cover_thumbnails(*, post: Post) -> None:
    """Write a JPEG thumbnail per configured width beside the cover image."""
    thumbnails: dict = {"source": post.cover.name}
    storage = post.cover.storage
    with post.cover.open("rb") as source, Image.open(source) as original:
        image = original.convert("RGB")
    stem = PurePosixPath(post.cover.name).with_suffix("")
    for width in settings.LINERNOTES_THUMBNAIL_WIDTHS:
        if image.width <= width:
            continue
        height = round(image.height * width / image.width)
        buffer = BytesIO()
        image.resize((width, height), Image.Resampling.LANCZOS).save(
            buffer, "JPEG", quality=82
        )
        name = storage.save(f"{stem}-{width}w.jpg", ContentFile(buffer.getvalue()))
        thumbnails[str(width)] = {"name": name, "width": width, "height": height}
    thumbnails["width"], thumbnails["height"] = image.width, image.height
    post.cover_thumbnails = thumbnails
    Post.objects.filter(pk=post.pk).update(cover_thumbnails=thumbnails)


def check_attachment_upload(upload: UploadedFile) -> None:
    """Refuse files over the size limit, of a type the blog does not accept,
    or whose bytes say they are something else than their name does (a PDF
    called ``song.mp3`` would reach the audio player): one rule for the
    attachment inline, a file dropped into the text and an import."""
    limit = settings.LINERNOTES_ATTACHMENT_MAX_BYTES
    allowed = {
        ext.lower().lstrip(".") for ext in settings.LINERNOTES_ATTACHMENT_EXTENSIONS
    }
    extension = PurePosixPath(upload.name or "").suffix.lower().lstrip(".")
    if upload.size is not None and upload.size > limit:
        raise UploadRejected(
            f"“{upload.name}” is {_megabytes(upload.size)}; the largest file this blog "
            f"accepts is {_megabytes(limit)}."
        )
    if extension not in allowed:
        raise UploadRejected(
            f"“{upload.name}” is not a file type this blog accepts. Accepted: "
            f"{', '.join(sorted(allowed))}."
        )
    if (really := contradiction(extension, upload)) is not None:
        raise UploadRejected(
            f"“{upload.name}” is named as a .{extension} file but holds "
            f"{really.label}. Rename it to what it is, or choose the file you meant."
        )


def check_image_upload(upload: UploadedFile) -> None:
    """Refuse oversized images, names that do not end as an image's do, and
    files Pillow cannot read as an image: a GIF called ``page.html`` is
    refused, whichever way it was uploaded (the admin's inline or a drop)."""
    limit = settings.LINERNOTES_IMAGE_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise UploadRejected(
            f"“{upload.name}” is {_megabytes(upload.size)}; images may be at most "
            f"{_megabytes(limit)}."
        )
    try:
        with Image.open(upload) as image:
            image.verify()
    except Image.DecompressionBombError as error:
        raise UploadRejected(
            f"“{upload.name}” has too many pixels to be read safely."
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise UploadRejected(
            f"“{upload.name}” is not an image this blog can read."
        ) from error
    finally:
        upload.seek(0)
    try:
        validate_image_file_extension(upload)
    except ValidationError as error:
        raise UploadRejected(
            f"“{upload.name}” does not end as an image's name does "
            "(.jpg, .png, .gif, .webp …)."
        ) from error


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@transaction.atomic
def attach_file(*, post: Post, upload: UploadedFile, title: str = "") -> Attachment:
    """Check and store a downloadable file for a post."""
    check_attachment_upload(upload)
    attachment = Attachment(post=post, title=title or upload.name, file=upload)
    return save_attachment(attachment=attachment)


@transaction.atomic
def add_post_image(*, post: Post, upload: UploadedFile, alt: str = "") -> PostImage:
    """Check and store an image for a post's body (the admin's inline does the
    same through its form)."""
    check_image_upload(upload)
    image = PostImage(post=post, image=upload, alt=alt)
    image.save()
    return image


def save_attachment(*, attachment: Attachment) -> Attachment:
    """Record the size and type of the stored file, then save."""
    attachment.size = attachment.file.size
    attachment.content_type = (
        mimetypes.guess_type(attachment.file.name)[0] or "application/octet-stream"
    )
    attachment.save()
    refresh_post_extras(post=attachment.post)
    return attachment


def record_download(*, attachment: Attachment) -> None:
    """Count one download (the file fetched as a file, not played in the page)."""
    _count(attachment, "download_count")


def record_play(*, attachment: Attachment) -> None:
    """Count one play: the page's audio player starting the file."""
    _count(attachment, "play_count")


def _count(attachment: Attachment, field: str) -> None:
    """An UPDATE with F() so simultaneous plays or downloads all count.

    Deliberately leaves cached pages alone: invalidating them on every download
    would empty the page cache as fast as readers download, so the counts shown
    on a cached post page may be up to ``LINERNOTES_PAGE_CACHE_SECONDS`` behind.
    """
    Attachment.objects.filter(pk=attachment.pk).update(**{field: F(field) + 1})


class MediaRole(Enum):
    """What a file under MEDIA_ROOT is to the post that owns it."""

    ATTACHMENT = "attachment"  # served only through the counted download view
    COVER = "cover"  # a cover or one of its thumbnails: shown wherever the post is
    BODY_IMAGE = "body image"  # part of the post's content
    NONE = "none"  # owned by no post (a release cover, an avatar): public


@dataclass(frozen=True)
class MediaOwner:
    """The post a stored file belongs to, and as what; ``post`` is None for NONE."""

    role: MediaRole
    post: Post | None = None
    attachment: Attachment | None = None


# make_cover_thumbnails names a thumbnail "<cover stem>-<width>w.jpg"; the storage
# may add "_<random>" before the extension when that name is taken.
_THUMBNAIL_NAME = re.compile(r"^(?P<stem>.+)-[0-9]+w(?:_[A-Za-z0-9]+)?\.jpg$")


# A file request needs a post's access fields, never its text.
_BODY = ("body", "body_html", "body_text")
_POST_BODY = tuple(f"post__{name}" for name in _BODY)


def find_media_owner(*, name: str) -> MediaOwner | None:
    """Which post owns the stored file ``name`` (relative to MEDIA_ROOT).

    Files in the folders posts upload to (covers, body images, attachments)
    belong to the post that uses them now. ``None`` means such a file that no
    post uses any more (a replaced cover and its thumbnails, a deleted post's
    images, a removed attachment): it must not be served, since its post may have
    been a draft. Files in any other folder are owned by no post.
    """
    # Compared without case: on a case-insensitive disk (a laptop running
    # `make run`) "Downloads/…" opens the same file as "downloads/…".
    folder = name.split("/", 1)[0].casefold()
    if folder == _upload_folder(Attachment, "file"):
        attachment = (
            Attachment.objects.select_related("post")
            .defer(*_POST_BODY)
            .filter(file=name)
            .first()
        )
        if attachment is None:
            return None
        return MediaOwner(MediaRole.ATTACHMENT, attachment.post, attachment)
    if folder == _upload_folder(Post, "cover"):
        post = Post.objects.defer(*_BODY).filter(
            cover=name
        ).first() or _thumbnail_owner(name)
        return MediaOwner(MediaRole.COVER, post) if post else None
    if folder == _upload_folder(PostImage, "image"):
        image = (
            PostImage.objects.select_related("post")
            .defer(*_POST_BODY)
            .filter(image=name)
            .first()
        )
        if image is None or image.post is None:
            return None
        return MediaOwner(MediaRole.BODY_IMAGE, image.post)
    return MediaOwner(MediaRole.NONE)


def _upload_folder(model: type, field: str) -> str:
    return str(model._meta.get_field(field).upload_to).split("/", 1)[0].casefold()


def _thumbnail_owner(name: str) -> Post | None:
    """The post whose cover has the thumbnail ``name``.

    Looked up by the cover's name, which the thumbnail's starts with: the JSON
    keys are widths, and Django reads a numeric key as an array index.
    """
    match = _THUMBNAIL_NAME.match(name)
    if match is None:
        return None
    for post in Post.objects.defer(*_BODY).filter(
        cover__startswith=f"{match['stem']}."
    ):
        names = [
            v.get("name") for v in post.cover_thumbnails.values() if isinstance(v, dict)
        ]
        if name in names:
            return post
    return None
