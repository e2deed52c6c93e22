"""Files writers upload: cover thumbnails, body images, downloadable attachments."""

import mimetypes
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from PIL import Image, UnidentifiedImageError

from linernotes.core.exceptions import UploadRejected

from ..models import Attachment, Post
from .counts import refresh_post_extras


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
    """Refuse files over the size limit or of a type the blog does not accept."""
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


def check_image_upload(upload: UploadedFile) -> None:
    """Refuse oversized images and files Pillow cannot read as an image."""
    limit = settings.LINERNOTES_IMAGE_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise UploadRejected(
            f"“{upload.name}” is {_megabytes(upload.size)}; images may be at most "
            f"{_megabytes(limit)}."
        )
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise UploadRejected(
            f"“{upload.name}” is not an image this blog can read."
        ) from error
    finally:
        upload.seek(0)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@transaction.atomic
def attach_file(*, post: Post, upload: UploadedFile, title: str = "") -> Attachment:
    """Check and store a downloadable file for a post."""
    check_attachment_upload(upload)
    attachment = Attachment(post=post, title=title or upload.name, file=upload)
    return save_attachment(attachment=attachment)


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
    """Count one download; an UPDATE with F() so simultaneous downloads all count."""
    Attachment.objects.filter(pk=attachment.pk).update(
        download_count=F("download_count") + 1
    )
