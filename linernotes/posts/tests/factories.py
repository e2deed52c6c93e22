"""Builders for blog content, written through the services like real content."""

from datetime import datetime, timedelta
from io import BytesIO
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from linernotes.posts import services
from linernotes.posts.models import (
    Attachment,
    Category,
    Page,
    Post,
    PostImage,
    Series,
    Tag,
)
from linernotes.posts.services.uploads import add_post_image
from linernotes.users.models import User
from linernotes.users.tests.factories import make_user

_numbers = count(1)


def make_post(
    *,
    title: str | None = None,
    author: User | None = None,
    body: str = "A few words about a record.",
    status: str = Post.Status.PUBLISHED,
    published_at: datetime | None = None,
    days_ago: float | None = None,
    **fields,
) -> Post:
    if published_at is None and days_ago is not None:
        published_at = timezone.now() - timedelta(days=days_ago)
    return services.create_post(
        title=title or f"Post number {next(_numbers)}",
        author=author or make_user(),
        body=body,
        status=status,
        published_at=published_at,
        **fields,
    )


def make_scheduled_post(*, days_ahead: float = 3, **fields) -> Post:
    due = timezone.now() + timedelta(days=days_ahead)
    return make_post(status=Post.Status.SCHEDULED, published_at=due, **fields)


def make_series(*, title: str | None = None, description: str = "") -> Series:
    return services.get_or_create_series(
        title=title or f"Series {next(_numbers)}", description=description
    )


def make_tag(*, name: str | None = None) -> Tag:
    return services.get_or_create_tag(name=name or f"tag{next(_numbers)}")


def make_category(
    *, name: str | None = None, parent: Category | None = None
) -> Category:
    return services.get_or_create_category(
        name=name or f"Category {next(_numbers)}", parent=parent
    )


def make_page(
    *, title: str = "About", body: str = "About this blog.", **fields
) -> Page:
    return services.save_page(page=Page(title=title, body=body, **fields))


def make_attachment(
    *,
    post: Post,
    name: str = "guide.txt",
    data: bytes = b"liner notes\n",
    title: str = "",
) -> Attachment:
    upload = SimpleUploadedFile(name, data, content_type="text/plain")
    return services.attach_file(post=post, upload=upload, title=title)


def make_image_file(
    *, name: str = "picture.png", width: int = 64
) -> SimpleUploadedFile:
    """A real PNG, ``width`` pixels wide (covers wider than 480 get thumbnails)."""
    buffer = BytesIO()
    Image.new("RGB", (width, width // 2), (200, 40, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_post_image(
    *, post: Post, name: str = "inside.png", alt: str = ""
) -> PostImage:
    return add_post_image(post=post, upload=make_image_file(name=name), alt=alt)
