"""The "follow new comments by email" form under each post (posts.extensions)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from linernotes.posts.models import Post


def follow_comments_section(request: HttpRequest, post: Post) -> SafeString:
    """A plain form with no token and nothing about the reader: cacheable."""
    html = render_to_string("notifications/_follow_comments.html", {"post": post})
    return mark_safe(html)  # noqa: S308 - the template escapes; this is its output
