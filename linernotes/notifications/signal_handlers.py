"""Where notifications plugs into the rest of the blog, all wired in one place."""

from datetime import timedelta

from linernotes.comments import events
from linernotes.comments.models import Comment
from linernotes.core.periodic import register_periodic
from linernotes.posts.extensions import register_post_section

from . import mail, services, tasks
from .models import Subscription
from .sections import follow_comments_section


def comment_stored(comment: Comment) -> None:
    """A guest who ticked "notify me" gets one address confirmation, ever."""
    if comment.notify_replies and not comment.user_id and comment.author_email:
        tasks.confirm_reply_address.enqueue(comment.pk, mail.site_url())


def comment_published(comment: Comment) -> None:
    """Queue the fan-out only when someone could want it: a reply, or followers.

    Runs after commit inside the commenter's request, so it stays one cheap query
    at most; the worker does the rest.
    """
    followed = Subscription.objects.confirmed().filter(
        kind=Subscription.Kind.COMMENTS, post=comment.post_id
    )
    if comment.parent_id or followed.exists():
        tasks.notify_about_comment.enqueue(comment.pk, mail.site_url())


def connect_handlers() -> None:
    events.on_comment_published(comment_stored)
    events.on_comment_held(comment_stored)
    events.on_comment_published(comment_published)
    register_post_section(follow_comments_section, order=30)
    register_periodic(
        "notifications.announce_new_posts",
        timedelta(minutes=1),
        services.announce_new_posts,
    )
    register_periodic(
        "notifications.moderation_digest",
        timedelta(minutes=5),
        services.send_moderation_digest,
    )
