"""Imported slugs: WordPress's own words where they are free here, never a
path this site's routes use, and the reason reported when they had to change."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.urls import (
    URLPattern,
    URLResolver,
    get_resolver,
)

from linernotes.core.slugs import base_slug, unique_slug
from linernotes.posts.models import (
    Page,
    Post,
    SlugRedirect,
)
from linernotes.posts.services import make_slug

from .paths import _resolve, _words


@dataclass(frozen=True)
class ImportedSlug:
    """The slug an imported post or page gets, and why it is not WordPress's
    own words when it had to change (empty otherwise), for the report."""

    slug: str
    renamed: str = ""


def import_slug(
    post_name: str,
    *,
    title: str,
    kind: Literal["post", "page"],
    exclude_pk: int | None = None,
    claimed: Collection[str] = (),
) -> ImportedSlug:
    """The slug to save an imported item under.

    WordPress's ``post_name`` is decoded and transliterated by ``base_slug``
    (our routes take ASCII slugs; the old Unicode address is redirected by
    ``add_item_redirects``); an empty one takes the title's words. A post's
    slug only has to be unique (posts live under ``/YYYY/MM/``). A page lives
    at ``/slug/`` beside the blog's own top-level paths, so a slug one of them
    holds (``music``, ``feed``, ``search``, a year like ``1984``...) is
    numbered and the reason returned: the old ``/music/`` keeps showing this
    blog's page and gets no redirect. ``claimed`` are post slugs given to a
    batch's posts not stored yet.
    """
    words = _words(post_name)
    text = words or title
    if kind == "post":
        slug = make_slug(text, model=Post, exclude_pk=exclude_pk, claimed=claimed)
        wanted = base_slug(text)
    else:
        max_length = Page._meta.get_field("slug").max_length
        wanted = base_slug(text, max_length=max_length)
        slug = unique_slug(
            text,
            Page,
            exclude_pk=exclude_pk,
            max_length=max_length,
            reserved=_reserved_page_slugs,
        )
    if slug == wanted:
        return ImportedSlug(slug)
    label = "page" if kind == "page" else "post"
    if kind == "page" and _is_reserved_page_slug(wanted):
        reason = (
            f"The page “{title}” was /{words or wanted}/ on WordPress, an address "
            f"this blog uses itself; it is now /{slug}/, and the old address "
            f"keeps showing this blog's own page."
        )
    else:
        reason = (
            f"The {label} “{title}” could not keep the slug “{wanted}” (another "
            f"{label} has it); it is now “{slug}” and its old links lead there."
        )
    return ImportedSlug(slug, reason)


def import_post_slugs(wanted: Sequence[tuple[str, str]]) -> list[ImportedSlug]:
    """``import_slug`` for a batch of posts, each given as (post_name, title):
    two queries for the whole batch while their slugs are free, as they are in
    an import into a new blog; ``import_slug`` for any that is taken (in the
    database or earlier in the batch)."""
    bases = [base_slug(_words(name) or title) for name, title in wanted]
    taken = set(Post.objects.filter(slug__in=bases).values_list("slug", flat=True))
    taken.update(
        SlugRedirect.objects.filter(old_slug__in=bases).values_list(
            "old_slug", flat=True
        )
    )
    claimed: set[str] = set()
    found = []
    for (name, title), base in zip(wanted, bases, strict=True):
        if base in taken or base in claimed:
            slug = import_slug(name, title=title, kind="post", claimed=claimed)
        else:
            slug = ImportedSlug(base)
        claimed.add(slug.slug)
        found.append(slug)
    return found


def _reserved_page_slugs(base: str) -> set[str]:
    reserved = {s for s in top_level_paths() if s.startswith(base)}
    if _is_reserved_page_slug(base):
        reserved.add(base)
    return reserved


def _is_reserved_page_slug(slug: str) -> bool:
    if slug in top_level_paths():
        return True
    match = _resolve(f"/{slug}/")
    return match is None or match.view_name != "posts:page"


def top_level_paths() -> set[str]:
    """The first path segments this site's own routes use (``music``,
    ``feed``, ``admin``...), read from the URLconf and the static and media
    settings each time, so a route added later is reserved with no list to
    keep."""
    found: set[str] = set()
    _collect_segments(get_resolver().url_patterns, found)
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        if url and "://" not in url and (segment := url.strip("/").split("/")[0]):
            found.add(segment)
    return found


def _collect_segments(
    patterns: Sequence[URLPattern | URLResolver], found: set[str]
) -> None:
    for pattern in patterns:
        route = str(pattern.pattern).lstrip("^")
        first = route.split("/")[0]
        if not first and isinstance(pattern, URLResolver):
            _collect_segments(pattern.url_patterns, found)
        elif first and re.fullmatch(r"[\w.-]+", first):
            found.add(first)
