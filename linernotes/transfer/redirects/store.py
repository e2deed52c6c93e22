"""Storing old addresses as ``LegacyRedirect`` records: one at a time, or
many in a statement or two, never one this site answers itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple
from urllib.parse import urlsplit

from django.urls import (
    reverse,
)

from ..models import LegacyRedirect, WordPressObject
from ..wordpress.reader import WxrItem
from .answer import _TERM_ROUTES, _term_address, address_of
from .paths import (
    _COMMENTS,
    _FEED_ROUTES,
    _MAX_PATH,
    _NAMED_ADDRESSES,
    _THING,
    SITE_OLD_PATHS,
    OldPath,
    Target,
    _resolve,
    item_old_paths,
    request_old_path,
)


class Redirect(NamedTuple):
    """One record to store: an old path and the target it leads to."""

    old: str
    target_type: str
    target_id: int | None = None
    target_url: str = ""
    authoritative: bool = False


def add_redirect(
    old: str,
    *,
    target_type: str,
    target_id: int | None = None,
    target_url: str = "",
    authoritative: bool = False,
) -> bool:
    """Record that ``old`` (an ``old_path`` result) now leads to a target;
    returns whether a record was created.

    Idempotent: a path already recorded is left as it is, so a re-run adds
    nothing. Only an item's own ``<link>`` (``authoritative``) replaces an
    earlier record, because the other forms are guesses and two items can
    guess the same ``/slug/``. Nothing is recorded for a path this site serves
    itself as a fixed page (``/music/``, ``/feed/``: the redirect could never
    answer there, and the site's page must win), nor for one it already serves
    as the same thing (``/category/reviews/`` while our category is
    "reviews"), which would be a redirect to itself. For a term target,
    ``target_url`` may name its "feed" or "atom" feed; for ``url``, it is the
    fixed address. Raises ``ValueError`` for a target no request could be
    answered with.
    """
    record = Redirect(old, target_type, target_id, target_url, authoritative)
    return add_redirects([record]) == 1


def add_redirects(
    records: Iterable[Redirect],
    *,
    known: dict[tuple, str | None] | None = None,
    source: str | None = None,
) -> int:
    """``add_redirect`` for many records in a few statements (an import makes
    a dozen per post); returns how many were created. ``known`` holds targets'
    addresses the caller already has, by (type, id, url), saving a look-up.
    ``source`` is the importing blog (``WordPressObject.source``): an item's
    own link then replaces only a record of the same blog's, so a second blog
    imported into the site never takes over the first one's addresses."""
    wanted: dict[str, Redirect] = {}
    addresses: dict[tuple, str | None] = dict(known or {})
    for record in records:
        _check_target(record.target_type, record.target_id, record.target_url)
        old = request_old_path(*_split_query(record.old))
        if len(old) > _MAX_PATH or (old in wanted and not record.authoritative):
            continue
        target = (record.target_type, record.target_id, record.target_url)
        if target not in addresses:
            addresses[target] = address_of(*target, public_only=False)
        if not _served_here(old, addresses[target]):
            wanted[old] = record._replace(old=old)
    stored = LegacyRedirect.objects.in_bulk(list(wanted), field_name="old_path")
    new = []
    for old, record in wanted.items():
        values = {
            "target_type": record.target_type,
            "target_id": record.target_id,
            "target_url": record.target_url,
        }
        if old not in stored:
            new.append(LegacyRedirect(old_path=old, **values))
        elif record.authoritative and _may_replace(stored[old], source):
            LegacyRedirect.objects.filter(old_path=old).update(**values)
    # ignore_conflicts: a concurrent run storing the same path first wins.
    LegacyRedirect.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _may_replace(stored: LegacyRedirect, source: str | None) -> bool:
    """Whether an importing blog's own link may replace ``stored``: always
    outside an import, else only a record pointing at that blog's item."""
    if source is None:
        return True
    return WordPressObject.objects.filter(
        source=source, kind=stored.target_type, object_id=stored.target_id
    ).exists()


def add_item_redirects(
    item: WxrItem,
    *,
    blog_root: str,
    target_type: str,
    target_id: int,
    ancestors: Sequence[str] = (),
    parent_link: str = "",
    address: str | None = None,
    source: str | None = None,
) -> int:
    """``item_old_paths`` recorded for an imported item; returns how many were
    new. The comment-feed forms lead to the post's comments feed (a post
    target only: our pages carry no comments feed). ``address`` is the
    target's own address when the caller has it (the importer just saved it)."""
    records, known = item_redirects(
        item,
        blog_root=blog_root,
        target_type=target_type,
        target_id=target_id,
        ancestors=ancestors,
        parent_link=parent_link,
        address=address,
    )
    return add_redirects(records, known=known, source=source)


def item_redirects(
    item: WxrItem,
    *,
    blog_root: str,
    target_type: str,
    target_id: int,
    ancestors: Sequence[str] = (),
    parent_link: str = "",
    address: str | None = None,
) -> tuple[list[Redirect], dict[tuple, str | None]]:
    """What ``add_item_redirects`` stores, not stored yet: the records and the
    targets' addresses already known, for an importer that stores a whole
    batch of items' records with one ``add_redirects``."""
    paths = item_old_paths(
        item, blog_root=blog_root, ancestors=ancestors, parent_link=parent_link
    )
    records = []
    for index, (path, leads_to) in enumerate(paths):
        kind = target_type
        if leads_to == _COMMENTS:
            if target_type != Target.POST:
                continue
            kind = Target.POST_COMMENTS_FEED
        records.append(Redirect(path, kind, target_id, authoritative=index == 0))
    known: dict[tuple, str | None] = {}
    if address is not None:
        known[(target_type, target_id, "")] = address
        if target_type == Target.POST:
            feed = reverse("comments:post_feed", kwargs={"post_pk": target_id})
            known[(Target.POST_COMMENTS_FEED, target_id, "")] = feed
    return records, known


def add_term_redirects(
    paths: Iterable[OldPath], *, target_type: str, target_id: int
) -> int:
    """Record ``category_old_paths``, ``tag_old_paths`` or ``author_old_paths``
    for the category, tag, series or user they became; returns how many were new.
    An author's feed leads to the blog's feed: this blog has no feed per writer."""
    return add_redirects(
        term_redirects(paths, target_type=target_type, target_id=target_id)
    )


def term_redirects(
    paths: Iterable[OldPath], *, target_type: str, target_id: int
) -> list[Redirect]:
    """What ``add_term_redirects`` stores, not stored yet (an importer stores
    its terms' records together)."""
    return [
        Redirect(path, Target.URL, target_url=reverse("posts:feed"))
        if target_type == Target.AUTHOR and leads_to != _THING
        else Redirect(path, target_type, target_id, leads_to)
        for path, leads_to in paths
    ]


def term_addresses(
    target_type: str, target_id: int, slug: str
) -> dict[tuple, str | None]:
    """A tag's, category's or series' addresses (its page and feeds) from its
    slug, as ``add_redirects`` takes them in ``known``: no look-up."""
    route = _TERM_ROUTES[target_type]
    return {
        (target_type, target_id, which): _term_address(target_type, route, slug, which)
        for which in ("", *_FEED_ROUTES[target_type])
    }


def add_site_redirects() -> int:
    """Record the blog-wide feed addresses; returns how many were new."""
    return add_redirects(
        Redirect(path, Target.URL, target_url=reverse(route))
        for path, route in SITE_OLD_PATHS
    )


def add_archive_redirects(dates: Iterable[datetime | None]) -> int:
    """Record WordPress's ``?m=`` archive links (``?m=2012``, ``?m=201203``)
    for the years and months of ``dates`` (the items' local dates); returns
    how many were new. A day (``?m=20120314``) is not recorded: this blog
    lists months, and a row per day of a long blog is many rows for rare links.
    """
    months = sorted({(d.year, d.month) for d in dates if d is not None})
    records = []
    for year in sorted({year for year, _ in months}):
        url = reverse("posts:year", kwargs={"year": year})
        records.append(Redirect(f"/?m={year}", Target.URL, target_url=url))
    for year, month in months:
        url = reverse("posts:month", kwargs={"year": year, "month": month})
        records.append(Redirect(f"/?m={year}{month:02d}", Target.URL, target_url=url))
    return add_redirects(records)


def _check_target(target_type: str, target_id: int | None, target_url: str) -> None:
    if target_type not in Target.values:
        raise ValueError(f"Unknown redirect target type {target_type!r}.")
    if target_type == Target.URL:
        if not _is_safe_url(target_url):
            raise ValueError(
                f"A redirect leads to a path here or an http(s) address, "
                f"not {target_url!r}."
            )
    elif target_id is None:
        raise ValueError(f"A {target_type} redirect needs its target's id.")
    elif target_url and target_url not in _NAMED_ADDRESSES.get(target_type, ()):
        raise ValueError(f"A {target_type} has no address called {target_url!r}.")


def _is_safe_url(url: str) -> bool:
    if url.startswith("/"):
        return not url.startswith("//") and "\\" not in url
    return urlsplit(url).scheme in ("http", "https") and bool(urlsplit(url).netloc)


def _split_query(old: str) -> tuple[str, str]:
    if not old.startswith("/"):
        raise ValueError(f"An old path starts with '/': {old!r} (see old_path()).")
    path, _, query = old.partition("?")
    return path, query


def _served_here(old: str, address: str | None) -> bool:
    """Whether this site answers ``old`` itself: as a fixed page, or as the
    target (at ``address``), so the record would be a redirect to itself."""
    if "?" in old:
        return False  # our routes never take WordPress's query keys
    match = _resolve(old)
    if match is None:
        return False
    if not match.captured_kwargs and not match.args:
        return True  # a fixed page of ours (/music/, /feed/, /search/)
    here = _resolve(address.partition("?")[0]) if address else None
    if here is None or here.view_name != match.view_name:
        return False
    if match.view_name == "posts:detail":
        # The post view finds a post by its slug and corrects the date itself.
        return here.kwargs.get("slug") == match.kwargs.get("slug")
    return here.kwargs == match.kwargs
