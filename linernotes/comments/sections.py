"""The conversation under a post, plugged into the post page (posts.extensions)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from linernotes.core import pagecache
from linernotes.posts.models import Post

from .forms import CommentForm
from .models import Comment
from .services import comments_are_open


def comment_section(request: HttpRequest, post: Post) -> SafeString:
    """The responses heading, the thread and the reply form.

    One query, and nothing about the reader, so the post page stays shareable.
    """
    site = pagecache.current_site_settings()
    comments = list(
        Comment.objects.shown_on(post).only(
            "pk",
            "parent_id",
            "depth",
            "author_name",
            "author_url",
            "body_html",
            "status",
            "created_at",
            "post_id",
        )
    )
    # ?replyto= is part of the URL, not the reader: a reply form without JavaScript.
    wanted = request.GET.get("replyto", "")
    reply_to = next((c for c in comments if str(c.pk) == wanted), None)
    context = {
        "post": post,
        "comments": comments,
        "open": comments_are_open(post, site),
        "form": CommentForm(initial={"parent": reply_to.pk if reply_to else None}),
        "reply_to": reply_to,
    }
    html = render_to_string("comments/_section.html", context, request=request)
    return mark_safe(html)  # noqa: S308 - the template escapes; this is its output
