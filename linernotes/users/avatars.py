"""Readers' avatars: checking an upload and turning it into a square thumbnail.

An uploaded file is never served as sent. Pillow must read it as one of a few
still-image formats within size limits; the picture is then cropped to a square,
scaled down and re-encoded as WebP, which drops metadata (location, camera) and
anything smuggled after the image data.
"""

import hashlib
from collections.abc import Iterable
from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

from linernotes.core.exceptions import UploadRejected
from linernotes.core.routing import reverse_cached

from .identicons import identicon_digest

ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
# Far more than any avatar needs; refuses decompression bombs before decoding.
MAX_PIXELS = 40_000_000


def check_avatar(upload: UploadedFile) -> None:
    """Raise UploadRejected, with a reason a reader understands, for a bad file."""
    limit = settings.LINERNOTES_AVATAR_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise UploadRejected(
            f"That picture is {_kilobytes(upload.size)}; avatars may be at most "
            f"{_kilobytes(limit)}."
        )
    try:
        with Image.open(upload) as image:
            kind, pixels = image.format, image.width * image.height
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise UploadRejected(
            "That file is not a picture. Upload a JPEG, PNG, GIF or WebP image."
        ) from error
    finally:
        upload.seek(0)
    if kind not in ACCEPTED_FORMATS:
        raise UploadRejected("Upload a JPEG, PNG, GIF or WebP image.")
    if pixels > MAX_PIXELS:
        raise UploadRejected("That picture is too large; try a smaller one.")


def square_thumbnail(upload: UploadedFile) -> bytes:
    """WebP bytes of the centre square, at most LINERNOTES_AVATAR_SIZE a side."""
    side = settings.LINERNOTES_AVATAR_SIZE
    with Image.open(upload) as original:
        image = ImageOps.exif_transpose(original).convert("RGBA")
    side = min(side, image.width, image.height)
    square = ImageOps.fit(image, (side, side), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    square.save(buffer, "WEBP", quality=85)
    return buffer.getvalue()


def avatar_url_for(user) -> str:
    """The picture to show for an account: upload, Gravatar if on, else identicon."""
    if user.avatar:
        return user.avatar.url
    if settings.LINERNOTES_GRAVATAR and user.email:
        email_hash = hashlib.sha256(user.email.strip().lower().encode()).hexdigest()
        return f"https://www.gravatar.com/avatar/{email_hash}?d=identicon&s=80"
    return reverse_cached("users:identicon", digest=identicon_digest(user.pk))


def _kilobytes(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size // 1024} KB"


def avatar_urls(user_ids: Iterable[int]) -> dict[int, str]:
    """``avatar_url_for`` for many accounts at once, as {user id: URL}.

    For the faces beside a page of comments: one query reads the accounts that
    have an upload (or, with Gravatar on, an address); every other account gets
    its identicon, which needs no query.
    """
    ids = set(user_ids)
    if not ids:
        return {}
    from django.contrib.auth import get_user_model

    urls = {
        pk: reverse_cached("users:identicon", digest=identicon_digest(pk)) for pk in ids
    }
    users = get_user_model().objects.filter(pk__in=ids)
    if not settings.LINERNOTES_GRAVATAR:
        users = users.exclude(avatar="")
    for user in users.only("pk", "avatar", "email"):
        urls[user.pk] = avatar_url_for(user)
    return urls
