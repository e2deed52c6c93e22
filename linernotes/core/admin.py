from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from .models import SiteSettings


class WrittenByServices:
    """For an admin of rows only services write (likes, import runs, a spam
    model): it shows them, and never adds or changes them by hand."""

    delete_by_hand = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if not self.delete_by_hand:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row: the list page goes straight to it.

    Every field of the row is here, grouped as docs/operating.md describes
    them: writers change the comment policy on this page, not in a settings
    file.
    """

    fieldsets = [
        (None, {"fields": ["title", "tagline", "description", "footer_text"]}),
        ("Reading", {"fields": ["time_zone", "posts_per_page"]}),
        (
            "Comments",
            {
                "description": "How readers' comments are held, threaded, "
                "edited and closed, and who moderates them. A post's own "
                "“comments open” switch can close it earlier.",
                "fields": [
                    "comment_moderation",
                    "authors_moderate_comments",
                    "comment_depth",
                    "comment_edit_minutes",
                    "close_comments_after_days",
                ],
            },
        ),
        (
            "Likes",
            {
                "description": "Readers with an account may always like posts "
                "and comments.",
                "fields": ["allow_guest_likes"],
            },
        ),
        (
            "Spam block lists",
            {
                "description": "A comment that matches a line here is held, "
                "or sent to spam when the spam filter's text model agrees.",
                "fields": [
                    "spam_blocked_words",
                    "spam_blocked_names",
                    "spam_blocked_email_domains",
                    "spam_blocked_link_domains",
                ],
            },
        ),
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
