"""Who is a reader: the one rule every count on the blog uses.

A request counts as a reader's (a page view in ``stats``, a play or download in
``posts.files``) only when its User-Agent says it is a browser or a media
player rather than a robot or a tool, and it is not a browser fetching ahead.
Only the request's own headers are looked at; nothing about the reader is kept.
It lives in ``core`` because both the reading statistics and the counted
download view ask it, and neither may import the other (decision 0040).
"""

from functools import lru_cache

from django.http import HttpRequest

# Words in the User-Agent of tools and robots that announce themselves. A request
# with no User-Agent at all is a script too: every browser sends one.
BOT_WORDS = (
    "bot", "crawl", "spider", "slurp", "archiver", "scraper", "preview",
    "headless", "lighthouse", "facebookexternalhit", "embedly", "pingdom",
    "uptime", "monitor", "validator", "feed", "curl", "wget", "httpie",
    "python", "httpx", "aiohttp", "okhttp", "go-http", "java/", "libwww",
    "perl", "ruby", "php", "node-fetch", "axios", "scrapy", "postman",
    "insomnia", "wrk", "ab/", "siege", "k6/",
)  # fmt: skip


def is_prefetch(request: HttpRequest) -> bool:
    """Speculative loads a browser makes before (or without) the reader opening
    the page: link prefetch and prerender (Sec-Purpose, or the older Purpose
    and X-Moz headers)."""
    meta = request.META
    for header in ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ"):
        value = meta.get(header, "").lower()
        if "prefetch" in value or "prerender" in value or "preview" in value:
            return True
    return False


def is_bot(request: HttpRequest) -> bool:
    return _is_bot_agent(request.META.get("HTTP_USER_AGENT", ""))


def is_reader(request: HttpRequest) -> bool:
    """Whether a request may count: a browser (or media player), not fetching
    ahead. The method and the answer's status are the caller's to check."""
    return not is_prefetch(request) and not is_bot(request)


@lru_cache(maxsize=1024)
def _is_bot_agent(agent: str) -> bool:
    """Remembered per User-Agent: a blog's readers send a few hundred distinct
    ones, and a cached page has no time to spare for looking through each."""
    agent = agent.strip().lower()
    return not agent or any(word in agent for word in BOT_WORDS)
