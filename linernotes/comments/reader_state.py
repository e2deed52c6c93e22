"""The reader's own held comments on the current page, and when the comment
form was shown to this reader, for /account/me.json.

A comment awaiting moderation is never in the cached page, yet its writer must
keep seeing it there until a writer has looked at it. Only the writer can be
told: an account by its own comments, a guest browser by the signed commenter
cookie (``trust``), which names the comments written from it. comments.js puts
them in place, marked as held.

The time the form was shown must come from here, not the cached page (which
records when the cache was filled, decision 0004): comments.js copies the
signed token into the form, and the spam check's timing reads it back.
"""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from linernotes.spam.formtime import issue_form_token

from . import selectors, services, trust
from .rendering import render_comment
from .tokens import edit_url, receipt_url


def held_on_page(request: HttpRequest) -> dict[str, Any]:
    """``{"held": [{"id", "parent", "html", "receipt_url", "edit_url"}]}`` for
    ``?post=<pk>``; nothing for a post this reader may not read.

    No query for a reader with neither an account nor a commenter cookie.
    """
    post_pk = request.GET.get("post", "")
    written_by = _writer(request)
    if not post_pk.isdigit() or written_by is None:
        return {}
    if selectors.post_readable_by(request, int(post_pk)) is None:
        return {}
    held = selectors.held_comments(int(post_pk), written_by)
    return {"held": [_described(request, comment) for comment in held]}


def form_shown(request: HttpRequest) -> dict[str, Any]:
    """``{"comment_form_shown": token}`` on a post's page (``?post=<pk>``): a
    signed "the form was shown now" for the spam check's timing. No query."""
    if not request.GET.get("post", "").isdigit():
        return {}
    return {"comment_form_shown": issue_form_token()}


def _writer(request: HttpRequest) -> Q | None:
    if request.user.is_authenticated:
        return Q(user=request.user)
    cookie = request.COOKIES.get(trust.COMMENTER_COOKIE, "")
    email, ids = trust.remembered_comments(cookie)
    if not ids:
        return None
    return Q(pk__in=ids, user__isnull=True, author_email__iexact=email)


def _described(request: HttpRequest, comment) -> dict[str, Any]:
    editable = services.edit_window_open(comment, request.site_settings)
    return {
        "id": comment.pk,
        "parent": comment.parent_id,
        "html": render_comment(comment, own=True),
        "receipt_url": receipt_url(comment.pk),
        "edit_url": edit_url(comment) if editable else "",
    }
