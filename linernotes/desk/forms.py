"""The settings page's form: every site setting, grouped as the page shows them."""

import functools
import zoneinfo
from dataclasses import dataclass

from django import forms

from linernotes.core.models import SiteSettings


@dataclass(frozen=True)
class Group:
    legend: str
    description: str
    fields: tuple[str, ...]


GROUPS = (
    Group(
        "The blog",
        "How the blog names itself on every page, in feeds and in link previews.",
        ("title", "tagline", "description", "footer_text"),
    ),
    Group(
        "Reading",
        "Dates and scheduled times on the blog and in the desk are in this time zone.",
        ("time_zone", "posts_per_page"),
    ),
    Group(
        "Comments",
        "How readers' comments are held, threaded, edited and closed, and who "
        "moderates them. A post's own “comments open” switch can close it earlier.",
        (
            "comment_moderation",
            "authors_moderate_comments",
            "comment_depth",
            "comment_edit_minutes",
            "close_comments_after_days",
        ),
    ),
    Group(
        "Likes",
        "Readers with an account may always like posts and comments.",
        ("allow_guest_likes",),
    ),
    Group(
        "Spam",
        "A comment that matches a line here is held, or sent to spam when the "
        "spam filter's text model agrees.",
        (
            "spam_blocked_words",
            "spam_blocked_names",
            "spam_blocked_email_domains",
            "spam_blocked_link_domains",
        ),
    ),
)


@functools.cache
def _time_zones() -> list[tuple[str, str]]:
    """The zone choices, built once per process (about 600 names)."""
    names = sorted(zoneinfo.available_timezones() - {"localtime"})
    return [(name, name.replace("_", " ")) for name in names]


class SiteSettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        choices=_time_zones,
        help_text=SiteSettings._meta.get_field("time_zone").help_text
        + " Scheduled posts go out at their time in this zone.",
    )

    class Meta:
        model = SiteSettings
        fields = [name for group in GROUPS for name in group.fields]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "spam_blocked_words": forms.Textarea(attrs={"rows": 4}),
            "spam_blocked_names": forms.Textarea(attrs={"rows": 3}),
            "spam_blocked_email_domains": forms.Textarea(attrs={"rows": 3}),
            "spam_blocked_link_domains": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "title": "Shown at the top of every page, in the desk and in feeds.",
            "tagline": "A short line under the title.",
            "posts_per_page": "Posts on the home page and on each list page (1–100).",
            "footer_text": "A line at the foot of every page.",
            "comment_depth": "How deep replies nest (1–10); a deeper reply joins "
            "the deepest level.",
        }

    def grouped(self) -> list[tuple[Group, list[forms.BoundField]]]:
        return [(group, [self[name] for name in group.fields]) for group in GROUPS]
