"""Template context every page needs: the site settings."""

from django.http import HttpRequest

from . import pagecache


def site(request: HttpRequest) -> dict:
    settings = getattr(request, "site_settings", None)
    if settings is None:
        settings = pagecache.site_settings(pagecache.stamp_for(request))
    return {"site": settings}
