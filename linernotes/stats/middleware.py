"""Counts readers' views, including pages the page cache serves.

Sits just outside ``core.middleware.PageCacheMiddleware`` in MIDDLEWARE, so it
sees every response, stored or freshly rendered, and inside
``SiteTimezoneMiddleware``, so a view counts on the blog's own calendar day.
"""

from collections.abc import Callable
from functools import partial

from django.http import HttpRequest, HttpResponse

from linernotes.core.ratelimit import client_ip

from . import local
from .counting import count_view, counted_page, today_for


class ReadingCountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        page = counted_page(request, response)
        if page is not None:
            # Counted when the server closes the response, after the last byte
            # went out: the reader never waits for the increment. The day is
            # read now, while the blog's time zone is active; the address (for
            # the per-network cap) is hashed when the views are sent.
            count = partial(
                count_view, page, day=today_for(request), reader=client_ip(request)
            )
            response._resource_closers.append(count)
            local.ensure_folding()
        return response
