"""Old addresses: every form a WordPress blog answered for a post, a page, a
term, an author or the site, as the paths this blog records, and the words
that name the parts of a target's addresses (its feeds, a post's cover)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple
from urllib.parse import parse_qsl, unquote, urlsplit

from django.urls import (
    ResolverMatch,
    resolve,
)
from django.urls.exceptions import Resolver404

from ..models import LegacyRedirect
from ..wordpress.reader import WxrItem

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


def _resolve(path: str) -> ResolverMatch | None:
    try:
        return resolve(path)
    except Resolver404:
        return None
