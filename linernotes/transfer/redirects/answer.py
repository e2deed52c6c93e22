"""Answering an old address: the record's target, wherever it lives now,
when a reader may see it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import (
    reverse,
)
from django.urls.exceptions import NoReverseMatch

from linernotes.posts import access
from linernotes.posts.models import (
    Attachment,
    Category,
    Page,
    Post,
    PostImage,
    Series,
    Tag,
)
from linernotes.posts.selectors.browse import listed_series
from linernotes.posts.selectors.reading import posts_in_category

from ..models import LegacyRedirect
from .paths import _FEED_ROUTES, COVER, Target, request_old_path


def redirect_for(path: str, query: str = "") -> str | None:
    """Where an old address leads now, or None (no record, or a target no
    reader may see: the old link of a draft stays a 404 and tells nothing).

    ``path`` is the request's decoded path; the record is looked up as it is
    and with its trailing slash added or removed, since WordPress answered
    both.
    """
    key = request_old_path(path, query)
    keys = [key]
    if "?" not in key and key != "/":
        keys.append(key[:-1] if key.endswith("/") else key + "/")
    found = {r.old_path: r for r in LegacyRedirect.objects.filter(old_path__in=keys)}
    for candidate in keys:
        if (record := found.get(candidate)) is not None:
            return address_of(
                record.target_type,
                record.target_id,
                record.target_url,
                public_only=True,
            )
    return None


# The query keys by which WordPress names one item (``/?p=12``).
ITEM_QUERY_KEYS = frozenset({"p", "page_id", "attachment_id"})


def names_an_item(path: str, query: str) -> bool:
    """Whether a request asks for one of the old blog's items by its id
    (``/?p=12``, ``/index.php?page_id=3``). When ``redirect_for`` has no
    address for it (no such item, or one no reader may see) the answer is a
    404, the same for both, so an old link tells nothing; the home page it
    would otherwise show is not what was asked for."""
    key = request_old_path(path, query)
    route, _, kept = key.partition("?")
    names = {part.partition("=")[0] for part in kept.split("&") if part}
    return route == "/" and bool(names & ITEM_QUERY_KEYS)


def address_of(
    target_type: str,
    target_id: int | None,
    target_url: str = "",
    *,
    public_only: bool = True,
) -> str | None:
    """A target's address now. With ``public_only`` (every request) only what
    any reader may see has one, by the same rule its own page applies: a post
    that is public (a locked one shows its password form), a published page,
    a term, series or writer with a public post, a comments feed of a readable
    post, an attachment of a readable post (else the post, if public)."""
    if target_type == Target.URL:
        return target_url or None
    finders = {
        Target.POST: _post_address,
        Target.POST_COMMENTS_FEED: _comments_feed_address,
        Target.PAGE: _page_address,
        Target.CATEGORY: _category_address,
        Target.TAG: _tag_address,
        Target.SERIES: _series_address,
        Target.AUTHOR: _author_address,
        Target.ATTACHMENT: _attachment_address,
        Target.IMAGE: _image_address,
    }
    finder = finders.get(target_type)
    if finder is None or target_id is None:
        return None
    return finder(target_id, target_url, public_only)


def _post_address(pk: int, _: str, public_only: bool) -> str | None:
    fields = ("slug", "status", "published_at", "created_at")
    post = Post.objects.only(*fields).filter(pk=pk).first()
    if post is None or (public_only and not access.is_public(post)):
        return None
    return post.get_absolute_url()


def _comments_feed_address(pk: int, _: str, public_only: bool) -> str | None:
    posts = Post.objects.readable() if public_only else Post.objects.all()
    if not posts.filter(pk=pk).exists():
        return None
    return reverse("comments:post_feed", kwargs={"post_pk": pk})


def _page_address(pk: int, _: str, public_only: bool) -> str | None:
    pages = Page.objects.published() if public_only else Page.objects.all()
    page = pages.filter(pk=pk).only("slug").first()
    return page.get_absolute_url() if page else None


def _category_address(pk: int, which: str, public_only: bool) -> str | None:
    category = Category.objects.filter(pk=pk).first()
    if category is None or (public_only and not posts_in_category(category).exists()):
        return None
    return _term_address(Target.CATEGORY, "posts:category", category.slug, which)


def _tag_address(pk: int, which: str, public_only: bool) -> str | None:
    tag = Tag.objects.filter(pk=pk).first()
    if tag is None or (
        public_only and not Post.objects.published().filter(tags=tag).exists()
    ):
        return None
    return _term_address(Target.TAG, "posts:tag", tag.slug, which)


def _series_address(pk: int, which: str, public_only: bool) -> str | None:
    series = (listed_series() if public_only else Series.objects.all()).filter(pk=pk)
    found = series.only("slug").first()
    if found is None:
        return None
    return _term_address(Target.SERIES, "posts:series_detail", found.slug, which)


_TERM_ROUTES = {
    Target.CATEGORY: "posts:category",
    Target.TAG: "posts:tag",
    Target.SERIES: "posts:series_detail",
}


def _term_address(target_type: str, route: str, slug: str, which: str) -> str | None:
    try:
        return reverse(
            _FEED_ROUTES[target_type].get(which, route), kwargs={"slug": slug}
        )
    except NoReverseMatch:  # a slug our routes cannot carry
        return None


def _author_address(pk: int, _: str, public_only: bool) -> str | None:
    user = get_user_model().objects.filter(pk=pk).first()
    if user is None:
        return None
    if public_only and not Post.objects.published().filter(author=user).exists():
        return None
    return reverse("posts:author", kwargs={"username": user.username})


def _attachment_address(pk: int, _: str, public_only: bool) -> str | None:
    attachment = Attachment.objects.select_related("post").filter(pk=pk).first()
    if attachment is None:
        return None
    post = attachment.post
    if not public_only or access.is_readable(post):
        return attachment.get_absolute_url()
    return post.get_absolute_url() if access.is_public(post) else None


def _image_address(pk: int, which: str, public_only: bool) -> str | None:
    """A post's image (or, for ``which`` "cover", the post ``pk``'s cover),
    where readers of its post may fetch it; the file's own view applies the
    same rule again."""
    if which == COVER:
        post = Post.objects.filter(pk=pk).exclude(cover="").first()
        image = post.cover if post is not None else None
    else:
        found = PostImage.objects.select_related("post").filter(pk=pk).first()
        post, image = (found.post, found.image) if found else (None, None)
    if post is None or (public_only and not access.is_readable(post)):
        return None
    return image.url
