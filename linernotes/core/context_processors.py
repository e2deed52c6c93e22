"""Template context every page needs: the site settings."""

from django.http import HttpRequest

from . import site as site_module


def site(request: HttpRequest) -> dict:
    return {"site": site_module.for_request(request)}
