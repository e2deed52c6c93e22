"""Answer an old WordPress address with a 301 to where its target lives now."""

from collections.abc import Callable

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)

from . import redirects

# A browser keeps a 301 as long as it likes unless told otherwise; the target
# is worked out on each request (a post unpublished later must stop being
# reached through its old link), so a day is the most a browser may keep one.
REDIRECT_MAX_AGE = 24 * 60 * 60


class LegacyRedirectMiddleware:
    """Old links of an imported blog (``transfer.redirects``).

    Sits before the page cache. A query form (``/?p=12``) is looked up before
    anything else, because the home page would answer it with a 200 (and the
    page cache could replay a stored copy); only a query carrying one of
    WordPress's keys is looked up, so ordinary requests pay nothing; one that
    names an item by id (``/?p=12``) and leads nowhere a reader may go is a
    404, whether the item is unknown or unpublished. Any other
    old address is looked up only once the site answered 404, so a redirect
    can never hide a live page. The 301 is built here, outside the page cache,
    and never stored by it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        query = request.META.get("QUERY_STRING", "")
        if redirects.has_wordpress_query(query):
            target = redirects.redirect_for(request.path_info, query)
            if target is not None:
                return _moved(target)
            if redirects.names_an_item(request.path_info, query):
                raise Http404("No item of the old blog a reader may see.")
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        target = redirects.redirect_for(request.path_info)
        return _moved(target) if target is not None else response


def _moved(target: str) -> HttpResponse:
    response = HttpResponsePermanentRedirect(target)
    response["Cache-Control"] = f"public, max-age={REDIRECT_MAX_AGE}"
    return response
