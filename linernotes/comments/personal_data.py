"""A commenter's own data: what the privacy app exports, erases and lets expire.

The privacy app sits above comments and calls these three functions; it never
touches Comment rows itself. A reader is named by an account (``user``) or, for
guests, by an email address the privacy app has already proved they own. Guest
erasure by email leaves account comments alone: an account's comments are erased
from that account, so a proved address never reaches into someone's account.

The export holds every comment the reader wrote, wherever it is, but of the
post only what any reader may see of it (posts.access's public part): a public
post's title and address, a locked one's too (lists show them), and nothing of
a draft, a private post or one still to come (decision 0019).
"""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from linernotes.posts.access import is_public
from linernotes.posts.models import Post

from .models import Comment
from .services import SHOWN, retire_cached_pages


def _owned(*, user=None, email: str | None = None) -> QuerySet[Comment]:
    """Comments written from ``user``'s account, or as a guest with ``email``."""
    match = Q(pk__in=[])
    if user is not None:
        match |= Q(user=user)
    if email:
        match |= Q(user__isnull=True, author_email__iexact=email)
    return Comment.objects.filter(match)


def export_personal_data(*, user=None, email: str | None = None) -> list[dict]:
    """Every stored field of the reader's comments, in the order they were written."""
    comments = (
        _owned(user=user, email=email)
        .select_related("post")
        .order_by("created_at", "pk")
    )
    return [_exported(comment) for comment in comments]


def exported_post(post: Post) -> dict[str, str | None]:
    """What an export says about the post a comment or like is on."""
    if not is_public(post):
        return {"post": None, "post_url": None}
    return {"post": post.title, "post_url": post.get_absolute_url()}


def _exported(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        **exported_post(comment.post),
        "in_reply_to": comment.parent_id,
        "created_at": comment.created_at.isoformat(),
        "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
        "status": comment.status,
        "name": comment.author_name,
        "email": comment.author_email,
        "website": comment.author_url,
        "body": comment.body,
        "ip_address": comment.ip_address,
        "user_agent": comment.user_agent,
        "spam_verdict": comment.spam_verdict,
        "spam_score": comment.spam_score,
        "spam_reasons": comment.spam_reasons,
        "notify_replies": comment.notify_replies,
    }


@transaction.atomic
def erase_personal_data(*, user=None, email: str | None = None) -> int:
    """Delete the reader's comments; returns how many were deleted or blanked.

    A comment that others answered stays as a blank "removed" placeholder, so
    their replies still read in place. Deepest first: once a reply is gone, its
    parent may have nothing left below it and can go too. Posts' comment counts
    are recounted afterwards, so they stay right whatever the statuses were, and
    their cached pages are retired.
    A blanked placeholder names nobody, so running it again finds nothing and
    returns 0.
    """
    owned = _owned(user=user, email=email)
    touched_posts: set[int] = set()
    erased = 0
    for comment in owned.select_for_update().order_by("-depth", "-pk"):
        touched_posts.add(comment.post_id)
        if comment.replies.filter(status__in=SHOWN).exists():
            _blank(comment)
        else:
            comment.delete()
        erased += 1
    _recount(touched_posts)
    return erased


def _blank(comment: Comment) -> None:
    comment.status = Comment.Status.REMOVED
    comment.user = None
    comment.author_name = comment.author_email = comment.author_url = ""
    comment.body = comment.body_html = comment.user_agent = ""
    comment.ip_address = None
    comment.ip_hash = ""
    comment.spam_reasons = []
    comment.notify_replies = False
    comment.submission_key = None
    comment.save()


def _recount(post_ids: set[int]) -> None:
    """Count approved comments afresh, rather than adjusting by what changed."""
    approved = (
        Comment.objects.filter(post=OuterRef("pk"), status=Comment.Status.APPROVED)
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Post.objects.filter(pk__in=post_ids).update(
        comment_count=Coalesce(Subquery(approved), 0)
    )
    for post in Post.objects.filter(pk__in=post_ids):
        retire_cached_pages(post=post)


def blank_network_details(*, before: datetime) -> int:
    """Forget IP networks (and the keyed hash of the address) and user agents
    of comments older than ``before``.

    The spam verdict they helped form is kept; only the raw details go. Safe to
    repeat: rows already blank are not counted again.
    """
    return (
        Comment.objects.filter(created_at__lt=before)
        .exclude(ip_address__isnull=True, ip_hash="", user_agent="")
        .update(ip_address=None, ip_hash="", user_agent="")
    )
