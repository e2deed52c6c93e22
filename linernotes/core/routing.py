"""A memoised ``reverse`` for the links a page repeats many times.

A page links dozens of tags, series, months and artists; Django's ``reverse``
costs tens of microseconds each, a noticeable share of rendering an uncached
page. The result depends only on the URL configuration, the script prefix and
the arguments, so it is kept per process.
"""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse


def reverse_cached(viewname: str, **kwargs: str | int) -> str:
    """``reverse(viewname, kwargs=kwargs)``, remembered."""
    key = tuple(sorted(kwargs.items()))
    return _reverse(viewname, get_script_prefix(), get_urlconf(), key)


@lru_cache(maxsize=16384)
def _reverse(viewname: str, prefix: str, urlconf: str | None, kwargs: tuple) -> str:
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))
