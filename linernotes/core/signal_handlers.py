"""Retire cached pages when the site settings change."""

from django.db.models.signals import post_save

from . import pagecache
from .models import SiteSettings


def _site_settings_saved(**kwargs) -> None:
    pagecache.invalidate_on_commit()


def connect_handlers() -> None:
    post_save.connect(
        _site_settings_saved,
        sender=SiteSettings,
        dispatch_uid="core.site_settings_saved",
    )
