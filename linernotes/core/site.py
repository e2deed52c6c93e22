"""The one way to read the blog's site settings (title, time zone, comment policy).

``SiteSettings`` is one row writers edit in the admin. A request loads it once,
through the page cache's stamp (``for_request``): saving the row replaces the
page-cache generation, so every process sees the change at its next request and
no row is read when nothing changed. ``SiteTimezoneMiddleware`` does this first,
so views pass ``request.site_settings`` on to services. Code with no request at
hand (a service, a feed, a mail, the worker) calls ``site_settings()``, or better
takes the settings as an argument from its caller. The memo belongs to the page
cache; nothing else should reach for it.
"""

from django.http import HttpRequest

from . import pagecache
from .models import SiteSettings


def for_request(request: HttpRequest) -> SiteSettings:
    """The settings as of this request's page-cache stamp, read once per request."""
    loaded = getattr(request, "site_settings", None)
    if loaded is None:
        loaded = pagecache.site_settings(pagecache.stamp_for(request))
        request.site_settings = loaded
    return loaded


def site_settings() -> SiteSettings:
    """The settings this process loaded for its latest request, else from the
    database (the worker, a management command): current to within a request."""
    return pagecache.loaded_site_settings() or SiteSettings.load()
