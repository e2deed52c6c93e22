"""A small crawler for tests/test_crawl.py: follows our own links with the test
client, recording each answer's status and query count.

Every page is fetched with ``raise_request_exception=False``, so a view's
exception comes back as the 500 a reader would get (with the exception kept for
the failure message) instead of stopping the crawl at the first one.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit

from defusedxml import ElementTree
from django.conf import settings
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

#: Hosts that are this site: the test client's, and what absolute links are
#: built with when LINERNOTES_SITE_URL is unset (own_hosts adds it when set).
OWN_HOSTS = {"testserver", "127.0.0.1:8000"}

#: GETs that would end the crawl's session or are not pages.
SKIPPED_PATHS = ("/accounts/logout/", "/admin/logout/", "/static/")

REDIRECTS = {301, 302, 303, 307, 308}


@dataclass
class Visit:
    url: str
    found_on: str
    status: int = 0
    queries: int = 0
    error: str = ""


# Files are each a post's, under its own access rule: fetch every one linked.
_EVERY_ONE = {"media?", "posts:download?"}


@dataclass
class Crawl:
    """Breadth-first over our own links, at most ``per_pattern`` URLs for each
    URL pattern (view name plus the query string's keys): every kind of page is
    visited, a thousand posts are not; one of each kind of query (a filter, a
    sort order, a page number) is enough. Links are read only from pages under
    ``within``; a link leading out of it is visited, not followed further."""

    client: Client
    within: str = "/"
    per_pattern: int = 2
    limit: int = 600
    visits: list[Visit] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)
    _per_key: dict[str, int] = field(default_factory=dict)

    def run(self, *starts: str) -> list[Visit]:
        queue = deque(Visit(url=url, found_on="(start)") for url in starts)
        while queue and len(self.visits) < self.limit:
            visit = queue.popleft()
            for link in self._fetch(visit):
                self._enqueue(queue, link, visit.url)
        return self.visits

    def _enqueue(self, queue: deque, url: str, found_on: str) -> None:
        url = own_path(url, found_on)
        if url is None or url in self._seen:
            return
        self._seen.add(url)
        key = pattern_key(url)
        if key not in _EVERY_ONE and self._per_key.get(key, 0) >= (
            1 if "?" in url else self.per_pattern
        ):
            return
        self._per_key[key] = self._per_key.get(key, 0) + 1
        queue.append(Visit(url=url, found_on=found_on))

    def _fetch(self, visit: Visit) -> list[str]:
        self._seen.add(visit.url)
        reset_queries()  # the log keeps 9,000: a long crawl would count 0
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(visit.url)
        visit.status, visit.queries = response.status_code, len(queries)
        if response.exc_info:
            visit.error = repr(response.exc_info[1])[:200]
        self.visits.append(visit)
        if visit.status in REDIRECTS:
            return [response["Location"]]
        if visit.status != 200 or getattr(response, "streaming", False):
            return []
        if not visit.url.startswith(self.within):
            return []
        return links_in(response["Content-Type"], response.content)


def own_hosts() -> set[str]:
    return (OWN_HOSTS | {urlsplit(settings.LINERNOTES_SITE_URL).netloc}) - {""}


def own_path(url: str, base: str) -> str | None:
    """``url`` as a path on this site (with its query), or None for another
    site, a fragment, a non-HTTP scheme, a skipped path or a query of several
    parameters (the admin's filters combine without end; each one alone is
    visited)."""
    url = urldefrag(urljoin(base, url.strip())).url
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or (
        parts.netloc and parts.netloc not in own_hosts()
    ):
        return None
    path = parts.path or "/"
    params = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key != "_changelist_filters"  # the admin's return address, same page
    ]
    if path.startswith(SKIPPED_PATHS) or len(params) > 1:
        return None
    return f"{path}?{urlencode(params)}" if params else path


def pattern_key(url: str) -> str:
    """What makes two URLs the same kind of page: the view they resolve to and
    the names (not values) of their query parameters."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
        name = match.view_name or match.route
    except Resolver404:
        name = f"unresolved:{parts.path}"
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return f"{name}?{'&'.join(keys)}"


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if tag == "img" and values.get("src"):
            self.links.append(values["src"])
        if not values.get("href"):
            return
        if tag == "a" or (tag == "link" and values.get("rel") == "alternate"):
            self.links.append(values["href"])


def html_links(text: str) -> list[str]:
    parser = _LinkParser()
    parser.feed(text)
    return parser.links


def links_in(content_type: str, body: bytes) -> list[str]:
    """Links a reader or a feed reader follows: ``<a href>``, alternate
    ``<link>`` and ``<img src>`` in HTML; robots.txt's ``Sitemap:``; in XML,
    the sitemap's ``<loc>``, RSS's ``<link>``, Atom's ``<link href>``, and the
    links inside feed entries' HTML."""
    if "html" in content_type:
        return html_links(body.decode("utf-8", "replace"))
    if content_type.startswith("text/plain"):  # robots.txt names the sitemap
        lines = body.decode("utf-8", "replace").splitlines()
        return [line.split(":", 1)[1] for line in lines if line.startswith("Sitemap:")]
    if "xml" not in content_type:
        return []
    links = []
    for element in ElementTree.fromstring(body).iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("loc", "link") and element.text:
            links.append(element.text)
        if tag == "link" and element.get("href"):
            links.append(element.get("href"))
        if tag in ("description", "content", "summary") and element.text:
            links += html_links(element.text)
    return links
