"""Django system checks for mail: shown by `linernotes migrate`, `serve`, `check`."""

from django.conf import settings
from django.core.checks import CheckMessage, Warning


def site_url_is_set(app_configs, **kwargs) -> list[CheckMessage]:
    """Mail the worker sends has no request to take the blog's address from."""
    if settings.DEBUG or settings.LINERNOTES_SITE_URL:
        return []
    return [
        Warning(
            "LINERNOTES_SITE_URL is not set.",
            hint=(
                "Reply notices, digests and new-post announcements are sent by "
                "the worker, which has no request to learn the blog's address "
                "from: their links point to http://127.0.0.1:8000 until it is set "
                "to the public address, e.g. https://blog.example.org."
            ),
            id="linernotes.W001",
        )
    ]
