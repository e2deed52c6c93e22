"""The likes section under each post (plugged in through posts.extensions)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from linernotes.posts.models import Post

from .selectors import recent_likers


def likes_section(request: HttpRequest, post: Post) -> SafeString:
    """The count, a few likers' faces and the like button; the same for everyone.

    Whether this reader liked the post is filled in by likes.js from the reader
    state, so the page stays shareable. At most one query (the likers).
    """
    context = {"post": post, "likers": recent_likers(post)}
    # No request context: its processors would only add queries this never uses.
    html = render_to_string("likes/_post_likes.html", context)
    return mark_safe(html)  # noqa: S308 - the template escapes; this is its output
