from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from .models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row: the list page goes straight to it."""

    fieldsets = [
        (None, {"fields": ["title", "tagline", "description", "footer_text"]}),
        ("Reading", {"fields": ["time_zone", "posts_per_page"]}),
    ]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        settings = SiteSettings.load()
        return HttpResponseRedirect(
            reverse("admin:core_sitesettings_change", args=[settings.pk])
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
