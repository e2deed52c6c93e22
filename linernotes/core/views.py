"""Error pages. The 500 page renders without the database: it may be what failed."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", {"path": request.path}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return HttpResponseServerError(loader.get_template("500.html").render({}))
    except Exception:  # noqa: BLE001 - the error page must not fail in turn
        # Whatever broke the page may break the template too (a missing static
        # file manifest, say); plain text still tells the reader what happened.
        return HttpResponseServerError(
            "Something went wrong on our side. Please try again in a minute.",
            content_type="text/plain; charset=utf-8",
        )
