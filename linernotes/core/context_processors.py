"""Template context every page needs: the site settings."""

from django.http import HttpRequest

from . import site as site_module
from .embeds import frame_sources


def site(request: HttpRequest) -> dict:
    # frame_origins: site.js makes player frames only from these (base.html).
    return {
        "site": site_module.for_request(request),
        "frame_origins": " ".join(frame_sources()),
    }
