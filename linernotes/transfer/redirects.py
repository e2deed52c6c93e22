"""Old WordPress addresses and imported slugs: what the importer records, and
what a request for an old address is answered with.

A moved blog keeps its readers only if every link the world holds still lands:
search results, other blogs, feed readers. WordPress answers many forms for one
post (its permalink, date variants, ``?p=12``, ``/archives/12``, old slugs), so
the importer records each form as a ``LegacyRedirect`` naming its target, and
``public_address`` turns a record into wherever that target lives *now*. The
importer calls the ``add_*`` functions; ``LegacyRedirectMiddleware`` calls
``redirect_for``. See docs/decisions/0031-old-links-and-imported-slugs.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NamedTuple
from urllib.parse import parse_qsl, unquote, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import (
    ResolverMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)
from django.urls.exceptions import NoReverseMatch, Resolver404

from linernotes.core.slugs import base_slug, unique_slug
from linernotes.posts import access
from linernotes.posts.models import (
    Attachment,
    Category,
    Page,
    Post,
    PostImage,
    Series,
    SlugRedirect,
    Tag,
)
from linernotes.posts.selectors.browse import listed_series
from linernotes.posts.selectors.reading import posts_in_category
from linernotes.posts.services import make_slug

from .models import LegacyRedirect, WordPressObject
from .wordpress.reader import WxrItem

Target = LegacyRedirect.Target

#: Query keys that name a thing on a WordPress blog (``/?p=12``). Only these
#: make a query string part of an old address; any other key (``utm_source``,
#: ``replytocom``) is noise around the same address.
WORDPRESS_QUERY_KEYS: tuple[str, ...] = (
    "p",
    "page_id",
    "attachment_id",
    "cat",
    "tag",
    "author",
    "feed",
    "m",
)
_WORDPRESS_QUERY = re.compile(
    r"(?:^|&)(?:" + "|".join(WORDPRESS_QUERY_KEYS) + r")=[^&]"
)
# Which of a term's addresses a redirect leads to, kept in ``target_url`` for
# term targets (the model's targets name a thing; its feeds hang off it).
_THING, _FEED, _ATOM, _COMMENTS = "", "feed", "atom", "comments"
COVER = "cover"  # an image redirect's ``target_url`` for a post's cover
_FEED_ROUTES = {
    Target.CATEGORY: {_FEED: "posts:category_feed", _ATOM: "posts:category_atom"},
    Target.TAG: {_FEED: "posts:tag_feed", _ATOM: "posts:tag_atom"},
    Target.SERIES: {_FEED: "posts:series_feed", _ATOM: "posts:series_atom"},
}
# The addresses of a target besides its own, by the name a record gives them.
_NAMED_ADDRESSES = {
    **{target: tuple(routes) for target, routes in _FEED_ROUTES.items()},
    Target.IMAGE: (COVER,),
}
_MAX_PATH = LegacyRedirect._meta.get_field("old_path").max_length


class OldPath(NamedTuple):
    """One old address and which of its target's addresses it leads to: the
    thing itself (""), its feed ("feed", "atom"), or a post's comments feed."""

    path: str
    leads_to: str = _THING


# -- old addresses -----------------------------------------------------------


def old_path(url: str, *, blog_root: str) -> str | None:
    """The address ``url`` had on the old blog, relative to the blog's root.

    The path is percent-decoded and NFC-normalised, so an encoded link
    (``/%d0%ba%d0%b8%d0%bd%d0%be/``) and a typed one (``/кино/``) are one key,
    as Django hands ``request.path_info`` decoded. The query string is kept only
    for the keys WordPress routes by (``WORDPRESS_QUERY_KEYS``), in a fixed
    order. The blog may live in a subfolder (``https://example.com/blog/``);
    its http/https and www/bare forms are the same blog. Returns None for
    another host, a path outside the subfolder, or a URL that is no web
    address at all: such a link was never the blog's, so it gets no redirect.
    """
    parts, root = urlsplit(url.strip()), urlsplit(blog_root.strip())
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and _host(parts.netloc) != _host(root.netloc):
        return None
    path = unquote(parts.path) or "/"
    root_path = unquote(root.path).rstrip("/")
    if root_path:
        if path in (root_path, root_path + "/"):
            path = "/"
        elif path.startswith(root_path + "/"):
            path = path[len(root_path) :]
        else:
            return None
    if _CONTROL.search(path) or _CONTROL.search(unquote(parts.query)):
        return None  # no request can carry it (they are answered 400)
    return request_old_path(path, parts.query)


# Characters a request path never holds here (core's middleware refuses NUL)
# and PostgreSQL's text columns cannot store.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def request_old_path(path: str, query: str = "") -> str:
    """The key of a request (decoded path, raw query) among the old addresses:
    the same normalising ``old_path`` applies, so both sides always agree."""
    path = unicodedata.normalize("NFC", path if path.startswith("/") else "/" + path)
    # WordPress's "almost pretty" permalinks put index.php in front of the path.
    if path == "/index.php" or path.startswith("/index.php/"):
        path = path[len("/index.php") :] or "/"
    kept = _wordpress_query(query)
    return f"{path}?{kept}" if kept else path


def has_wordpress_query(query: str) -> bool:
    """Whether a raw query string holds a key WordPress routes by: the only
    requests the middleware looks up before the view, so others pay nothing."""
    return bool(query) and _WORDPRESS_QUERY.search(query) is not None


def _wordpress_query(query: str) -> str:
    if not has_wordpress_query(query):
        return ""
    found: dict[str, str] = {}
    for key, value in parse_qsl(query):
        if key in WORDPRESS_QUERY_KEYS and value and key not in found:
            found[key] = unicodedata.normalize("NFC", value.strip())
    return "&".join(f"{k}={found[k]}" for k in WORDPRESS_QUERY_KEYS if k in found)


def _host(netloc: str) -> str:
    host = netloc.rsplit("@", 1)[-1].lower()
    host = re.sub(r":(80|443)$", "", host)
    return host.removeprefix("www.")


def item_old_paths(
    item: WxrItem,
    *,
    blog_root: str,
    ancestors: Sequence[str] = (),
    parent_link: str = "",
) -> list[OldPath]:
    """Every address WordPress answered for a post, page or attachment; its
    ``<link>`` comes first (the authority: it is what the world linked to).

    ``ancestors`` are a page's parents' ``post_name`` values, outermost first
    (WordPress nests page paths: ``/level-1/level-2/``); ``parent_link`` is the
    ``<link>`` of an attachment's parent post (its page was under it). The
    other forms are those WordPress itself answers or redirects whatever the
    permalink setting was, since a blog may have changed it over the years:
    the date forms and ``/slug/``, ``/archives/ID``, ``?p=ID`` and the
    type's own query key, the per-post comment feed, and each ``_wp_old_slug``
    in the same forms.
    """
    found: list[OldPath] = []

    def add(path: str | None, leads_to: str = _THING) -> None:
        if path and (path, leads_to) not in {(p.path, p.leads_to) for p in found}:
            found.append(OldPath(path, leads_to))

    link = old_path(item.link, blog_root=blog_root) if item.link else None
    add(link)
    name = _words(item.post_name)
    wp_id = item.post_id
    if item.post_type == "attachment":
        if wp_id is not None:
            add(f"/?attachment_id={wp_id}")
            add(f"/?p={wp_id}")
        parent = old_path(parent_link, blog_root=blog_root) if parent_link else None
        if parent and "?" not in parent and name:
            add(f"{parent.rstrip('/')}/{name}/")
            add(f"{parent.rstrip('/')}/attachment/{name}/")
        if item.attachment_url:
            add(old_path(item.attachment_url, blog_root=blog_root))
        return found
    if item.post_type == "page":
        if wp_id is not None:
            add(f"/?page_id={wp_id}")
            add(f"/?p={wp_id}")
        if name:
            add("/" + "/".join([*map(_words, ancestors), name]) + "/")
            add(f"/{name}/")  # WordPress guesses a nested page from its slug
        return found
    if wp_id is not None:
        add(f"/?p={wp_id}")
        add(f"/archives/{wp_id}")
    for slug in [name, *_old_slugs(item)]:
        if not slug:
            continue
        for path in _dated_forms(item.post_date, slug):
            add(path)
        if link and "?" not in link and slug != name and name:
            add(_replace_last_segment(link, name, slug))
    if link and "?" not in link:
        add(link.rstrip("/") + "/feed/", _COMMENTS)
    if wp_id is not None:
        add(f"/?p={wp_id}&feed=rss2", _COMMENTS)
    return found


def _words(post_name: str) -> str:
    """A WordPress slug as words: it stores non-ASCII percent-encoded."""
    return unicodedata.normalize("NFC", unquote(post_name.strip()))


def _old_slugs(item: WxrItem) -> list[str]:
    return [_words(value) for key, value in item.meta if key == "_wp_old_slug"]


def _dated_forms(when: datetime | None, slug: str) -> list[str]:
    """WordPress's date permalinks use the post's local date, as exported."""
    forms = [f"/{slug}/"]
    if when is not None:
        y, m, d = when.year, f"{when.month:02d}", f"{when.day:02d}"
        forms[:0] = [f"/{y}/{m}/{d}/{slug}/", f"/{y}/{m}/{slug}/", f"/{y}/{slug}/"]
    return forms


def _replace_last_segment(path: str, old: str, new: str) -> str | None:
    segments = path.rstrip("/").split("/")
    if segments[-1] != old:
        return None
    return "/".join([*segments[:-1], new]) + "/"


def category_old_paths(chain: Sequence[str], *, term_id: int | None) -> list[OldPath]:
    """A category's old addresses: WordPress nests them by parent
    (``/category/parent/child/``) and also answers the bare child; each has
    a feed; ``?cat=ID`` is the default-permalink form. ``chain`` is the
    nicenames from the top category down to this one."""
    words = [_words(part) for part in chain if part]
    if not words:
        return []
    bases = list(
        dict.fromkeys(["/category/" + "/".join(words), f"/category/{words[-1]}"])
    )
    found = _term_forms(bases)
    if term_id is not None:
        found += [
            OldPath(f"/?cat={term_id}"),
            OldPath(f"/?cat={term_id}&feed=rss2", _FEED),
        ]
    return found


def tag_old_paths(slug: str) -> list[OldPath]:
    """A tag's old addresses: ``/tag/x/`` with its feeds, and ``?tag=x``."""
    words = _words(slug)
    if not words:
        return []
    return [
        *_term_forms([f"/tag/{words}"]),
        OldPath(f"/?tag={words}"),
        OldPath(f"/?tag={words}&feed=rss2", _FEED),
    ]


def author_old_paths(login: str, *, wp_id: int | None) -> list[OldPath]:
    """An author's old addresses: ``/author/login/`` (WordPress uses the
    login's nicename), its feed, and ``?author=ID``."""
    words = _words(login)
    found = [*_term_forms([f"/author/{words}"])] if words else []
    if wp_id is not None:
        found += [
            OldPath(f"/?author={wp_id}"),
            OldPath(f"/?author={wp_id}&feed=rss2", _FEED),
        ]
    return found


def _term_forms(bases: Iterable[str]) -> list[OldPath]:
    found = []
    for base in bases:
        found += [
            OldPath(f"{base}/"),
            OldPath(f"{base}/feed/", _FEED),
            OldPath(f"{base}/feed/rss2/", _FEED),
            OldPath(f"{base}/feed/atom/", _ATOM),
        ]
    return found


#: The blog-wide feeds WordPress answers, and our route for each.
SITE_OLD_PATHS: tuple[tuple[str, str], ...] = (
    ("/feed/", "posts:feed"),
    ("/feed/rss2/", "posts:feed"),
    ("/feed/rss/", "posts:feed"),
    ("/feed/rdf/", "posts:feed"),
    ("/feed/atom/", "posts:atom"),
    ("/rss/", "posts:feed"),
    ("/wp-rss2.php", "posts:feed"),
    ("/wp-atom.php", "posts:atom"),
    ("/?feed=rss2", "posts:feed"),
    ("/?feed=rss", "posts:feed"),
    ("/?feed=rdf", "posts:feed"),
    ("/?feed=atom", "posts:atom"),
    ("/comments/feed/", "comments:feed"),
    ("/comments/feed/rss2/", "comments:feed"),
    ("/comments/feed/atom/", "comments:atom"),
    ("/?feed=comments-rss2", "comments:feed"),
    ("/?feed=comments-atom", "comments:atom"),
)


# -- storing -----------------------------------------------------------------


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


def _resolve(path: str) -> ResolverMatch | None:
    try:
        return resolve(path)
    except Resolver404:
        return None


# -- answering ---------------------------------------------------------------


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


# -- slugs -------------------------------------------------------------------


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
