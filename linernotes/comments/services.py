"""The only code that writes comments: submitting, threading, moderating."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from linernotes.core.exceptions import LinerNotesError
from linernotes.core.markup import render_comment
from linernotes.core.models import SiteSettings
from linernotes.posts.models import Post
from linernotes.spam.checks import SpamCheck, Submission, Verdict, check_comment

from . import events
from .models import Comment

# A second identical submission within this window is the same comment
# (a double click, or a retry after a time-out), not a new one.
DUPLICATE_WINDOW = timedelta(minutes=10)


class CommentRejected(LinerNotesError):
    """The comment cannot be accepted; the message says why."""


@dataclass(frozen=True)
class Author:
    """Who is writing: a signed-in account, or a guest's typed details."""

    name: str
    email: str = ""
    url: str = ""
    user: object | None = None
    trusted: bool = False  # a signed cookie or account showed earlier approval


def comments_are_open(post: Post, site: SiteSettings) -> bool:
    """Open unless the writer closed them or the post is older than the limit."""
    if not post.comments_open or not post.is_public:
        return False
    days = site.close_comments_after_days
    return days is None or post.published_at >= timezone.now() - timedelta(days=days)


@transaction.atomic
def submit_comment(
    *,
    post: Post,
    author: Author,
    body: str,
    parent: Comment | None = None,
    ip_address: str | None = None,
    user_agent: str = "",
    submission_key: str | None = None,
    notify_replies: bool = False,
) -> Comment:
    """Sanitise, spam-check, thread and store a reply; returns it, or the earlier
    copy when the same submission arrives twice.

    The parent must belong to the same post; a reply deeper than the blog allows
    joins the deepest level. Whether it shows at once follows the blog's
    moderation policy and the spam verdict.
    """
    site = SiteSettings.load()
    if not comments_are_open(post, site):
        raise CommentRejected("Comments are closed on this post.")
    if earlier := _same_submission(post, author, body, parent, submission_key):
        return earlier
    parent = _placed_parent(post, parent, site.comment_depth)
    check = check_comment(_submission(author, body, ip_address, user_agent))
    comment = Comment(
        post=post,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        user=author.user,
        author_name=author.name,
        author_email=author.email,
        author_url=author.url,
        body=body,
        body_html=render_comment(body),
        status=_initial_status(check, author, site),
        spam_verdict=check.verdict,
        spam_score=check.score,
        spam_reasons=check.reasons,
        ip_address=ip_address,
        user_agent=user_agent[:300],
        submission_key=submission_key or None,
        notify_replies=notify_replies and bool(author.email),
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        # The same key arrived on another connection a moment ago.
        return Comment.objects.get(submission_key=submission_key)
    comment.thread_path = _thread_path(comment)
    Comment.objects.filter(pk=comment.pk).update(thread_path=comment.thread_path)
    if comment.status == Comment.Status.APPROVED:
        Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)
        events.comment_published(comment)
    elif comment.status == Comment.Status.PENDING:
        events.comment_held(comment)
    return comment


def _same_submission(post, author, body, parent, key) -> Comment | None:
    if key and (earlier := Comment.objects.filter(submission_key=key).first()):
        return earlier
    return (
        Comment.objects.filter(
            post=post,
            parent=parent,
            body=body,
            author_name=author.name,
            author_email=author.email,
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        )
        .order_by("pk")
        .first()
    )


def _placed_parent(
    post: Post, parent: Comment | None, max_depth: int
) -> Comment | None:
    if parent is None:
        return None
    if parent.post_id != post.pk:
        raise CommentRejected("That reply belongs to another post.")
    if parent.status not in (Comment.Status.APPROVED, Comment.Status.REMOVED):
        raise CommentRejected("That comment is not there to reply to.")
    while parent.depth + 1 >= max_depth and parent.parent_id is not None:
        parent = parent.parent
    if parent.depth + 1 >= max_depth:
        return parent.parent
    return parent


def _thread_path(comment: Comment) -> str:
    own = f"{comment.pk:010d}"
    return f"{comment.parent.thread_path}.{own}" if comment.parent else own


def _submission(author: Author, body: str, ip: str | None, agent: str) -> Submission:
    return Submission(
        body=body,
        author_name=author.name,
        author_email=author.email,
        author_url=author.url,
        ip_address=ip,
        user_agent=agent,
        signed_in=author.user is not None,
    )


def _initial_status(check: SpamCheck, author: Author, site: SiteSettings) -> str:
    if check.verdict == Verdict.SPAM:
        return Comment.Status.SPAM
    if (
        check.verdict == Verdict.HOLD
        or site.comment_moderation == site.Moderation.HOLD_ALL
    ):
        return Comment.Status.PENDING
    if site.comment_moderation == site.Moderation.HOLD_FIRST and not author.trusted:
        return Comment.Status.PENDING
    return Comment.Status.APPROVED


@transaction.atomic
def moderate_comment(*, comment: Comment, status: str) -> Comment:
    """Approve, mark as spam, trash or restore; keeps the post's count right."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    was_shown = locked.status == Comment.Status.APPROVED
    locked.status = status
    locked.save(update_fields=["status"])
    now_shown = status == Comment.Status.APPROVED
    if was_shown != now_shown:
        change = 1 if now_shown else -1
        Post.objects.filter(pk=locked.post_id).update(
            comment_count=F("comment_count") + change
        )
        if now_shown:
            events.comment_published(locked)
    return locked
