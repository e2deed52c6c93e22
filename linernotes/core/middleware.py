"""Request middleware: the site's time zone and the anonymous page cache."""

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.regex_helper import _lazy_re_compile

from . import pagecache
from .site import for_request as site_settings_for

cc_delim_re = _lazy_re_compile(r"\s*,\s*")

# Headers a stored page must not replay to another reader.
_UNSHARED_HEADERS = {"set-cookie", "content-security-policy", "x-page-cache"}
_NOT_SHARED_CACHE_CONTROL = {"private", "no-cache", "no-store"}


class SiteTimezoneMiddleware:
    """Show dates in the time zone the writer chose in the site settings."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _holds_nul(request):
            # Text columns cannot hold NUL (PostgreSQL refuses it outright), and
            # the path and query string reach SQL unchecked: the stamp read,
            # look-ups by username, search. Forms refuse NUL on their own.
            return HttpResponseBadRequest(
                "The address holds a NUL character.", content_type="text/plain"
            )
        site = site_settings_for(request)
        timezone.activate(zoneinfo.ZoneInfo(site.time_zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def _holds_nul(request: HttpRequest) -> bool:
    query = request.META.get("QUERY_STRING", "")
    return "\x00" in request.path or "%00" in query or "\x00" in query


class PageCacheMiddleware:
    """Serve anonymous GETs from the cache under the current generation's key,
    which also carries the version of the request's path (core.pagecache).

    A response is stored only when nothing in it belongs to one reader: no cookie
    set, no ``Vary: Cookie`` (which Django adds whenever a view touched the
    session, the user or a CSRF token), no private Cache-Control. So a template
    that slips per-reader state in is simply not cached, never cached wrongly.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        if settings.LINERNOTES_PAGE_CACHE_SECONDS <= 0:
            return self.get_response(request)
        stamp = pagecache.stamp_for(request)
        key = ":".join(
            [
                "page",
                str(stamp.generation),
                str(stamp.scope_version),
                request.scheme,
                request.get_host(),
                request.get_full_path(),
            ]
        )
        if (stored := cache.get(key)) is not None:
            return self._replay(stored)
        response = self.get_response(request)
        timeout = self._timeout(stamp)
        if (
            request.method == "GET"
            and timeout > 0
            and self._response_is_cacheable(response)
        ):
            cache.set(key, self._store(response), timeout)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _request_is_cacheable(request: HttpRequest) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if carries_session(request):
            return False
        skipped = settings.LINERNOTES_PAGE_CACHE_SKIP_PREFIXES
        return not request.path.startswith(tuple(skipped))

    @staticmethod
    def _timeout(stamp: pagecache.Stamp) -> int:
        timeout = settings.LINERNOTES_PAGE_CACHE_SECONDS
        until_due = stamp.seconds_until_due()
        if until_due is not None:
            timeout = min(timeout, int(until_due))
        return timeout

    @staticmethod
    def _response_is_cacheable(response: HttpResponse) -> bool:
        if response.status_code not in (200, 301) or response.streaming:
            return False
        if response.cookies or getattr(response, "_linernotes_private", False):
            return False
        vary = {v.lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
        if "cookie" in vary or "*" in vary:
            return False
        control = {
            part.split("=")[0].strip().lower()
            for part in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        return not control & _NOT_SHARED_CACHE_CONTROL

    @staticmethod
    def _store(response: HttpResponse) -> tuple[int, list[tuple[str, str]], bytes]:
        headers = [
            (k, v) for k, v in response.items() if k.lower() not in _UNSHARED_HEADERS
        ]
        return (response.status_code, headers, response.content)

    @staticmethod
    def _replay(stored: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


def carries_session(request: HttpRequest) -> bool:
    """Whether the request comes with a session cookie. The page cache neither
    serves nor stores such a request, so only then may a view read who is asking
    (the user, the session) without spoiling a page other readers share."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def mark_private(response: HttpResponse) -> HttpResponse:
    """Keep a response out of the shared page cache (it depends on the reader)."""
    response._linernotes_private = True
    response["Cache-Control"] = "private"
    return response
