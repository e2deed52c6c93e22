"""The likes section under each post (plugged in through posts.extensions)."""

from html import escape

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from linernotes.comments.models import Comment
from linernotes.core.routing import reverse_cached
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


def comment_like_footer(comment: Comment) -> SafeString:
    """ "Liked by N people" and the like button under one comment.

    Runs once per shown comment (comments.extensions), so it is a few escaped
    f-strings rather than a template include, reads only the count stored on
    the comment, and reverses the URL through the per-process memo.
    """
    count, name = comment.like_count, escape(comment.author_name)
    summary = ""
    if count:
        summary = f"Liked by {count} {'person' if count == 1 else 'people'}"
    action = escape(reverse_cached("likes:comment", pk=comment.pk))
    by = f'<span class="visually-hidden"> the comment by {name}</span>'
    return mark_safe(  # noqa: S308 - built from escaped parts
        f'<div class="comment-likes" data-like-box><form class="like-form" '
        f'method="post" action="{action}" data-like-kind="comment" '
        f'data-like-pk="{comment.pk}"><button class="like-button" type="submit" '
        f'name="liked" value="1" aria-pressed="false"><span class="like-icon" '
        f'aria-hidden="true">♥</span> <span class="like-label">Like</span>{by}'
        f'</button><button class="unlike-button" type="submit" name="liked" '
        f'value="0">Unlike{by}</button></form><span class="like-summary" '
        f'data-like-count="{count}">{summary}</span></div>'
    )
