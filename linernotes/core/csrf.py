"""Cross-site request refusal without a per-reader token in the page.

Pages with forms stay in the shared page cache only if they carry no CSRF token.
Browsers say where a request comes from: ``Sec-Fetch-Site`` (all current
browsers), else ``Origin``. A POST is accepted when either shows it came from
this site; when a browser sends neither, Django's token check applies, and the
form's confirm step (which carries a token) is the way through. This is the
check Go's standard library makes (CrossOriginProtection) and the one proposed
for Django itself.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt


def request_origin_verdict(request: HttpRequest) -> bool | None:
    """True: same site. False: another site. None: the browser did not say."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return None if origin is None else False
    good = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}" in good


def same_origin_post(view: Callable) -> Callable:
    """Refuse cross-site POSTs by Fetch Metadata or Origin; fall back to the token."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            verdict = request_origin_verdict(request)
            if verdict is False:
                return _refuse(request, "The request came from another site.")
            if verdict is None:
                checker = CsrfViewMiddleware(lambda r: None)
                if (failure := checker.process_view(request, None, (), {})) is not None:
                    return failure
        return view(request, *args, **kwargs)

    return wrapped


def _refuse(request: HttpRequest, reason: str) -> HttpResponse:
    from django.views.csrf import csrf_failure

    return csrf_failure(request, reason=reason)
