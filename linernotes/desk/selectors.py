"""What the desk home shows a writer: their drafts, what is scheduled and when,
the comments waiting for them and the latest ones.

Who sees what follows the rules the tables themselves use: a writer without
``posts.edit_others_posts`` sees their own posts (``Post.objects.worked_on_by``,
as in the post list), and
comments come through ``Comment.objects.moderated_by`` (``users.roles``).
"""

import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.posts.models import Post
from linernotes.users.roles import ModerationScope, moderation_scope

# Rows of each list on the home page; each list links to the whole table.
SHOWN = 5


@dataclass(frozen=True)
class ScheduledPost:
    post: Post
    # The due time in the blog's time zone, which is what "09:00" means.
    due: datetime
    zone: str


@dataclass(frozen=True)
class DeskHome:
    drafts: list[Post] = field(default_factory=list)
    draft_count: int = 0
    scheduled: list[ScheduledPost] = field(default_factory=list)
    waiting: list[Comment] = field(default_factory=list)
    recent: list[Comment] = field(default_factory=list)
    # Whether this writer moderates comments at all (else no comment lists).
    moderates: bool = False


def writers_posts(user) -> QuerySet[Post]:
    """The posts this writer works on in the desk, by the post list's own rule
    (``PostQuerySet.worked_on_by``); none for a writer who may not edit posts."""
    if not user.has_perm("posts.change_post"):
        return Post.objects.none()
    return Post.objects.worked_on_by(user)


def desk_home(user, site: SiteSettings) -> DeskHome:
    """The home page's lists for ``user``, at most ``SHOWN`` rows each."""
    zone = zoneinfo.ZoneInfo(site.time_zone)
    posts = writers_posts(user).select_related("author").defer("body", "body_html")
    drafts = posts.filter(status__in=[Post.Status.DRAFT, Post.Status.PENDING])
    scheduled = posts.upcoming().order_by("published_at", "pk")[:SHOWN]
    comments = Comment.objects.moderated_by(user, site).select_related("post")
    waiting = comments.awaiting_moderation().order_by("-created_at", "-pk")
    moderates = moderation_scope(user, site) is not ModerationScope.NONE
    return DeskHome(
        drafts=list(drafts.order_by("-updated_at", "-pk")[:SHOWN]),
        draft_count=drafts.count(),
        scheduled=[
            ScheduledPost(post, timezone.localtime(post.published_at, zone), str(zone))
            for post in scheduled
        ],
        waiting=list(waiting[:SHOWN]) if moderates else [],
        recent=list(comments.approved().order_by("-created_at", "-pk")[:SHOWN])
        if moderates
        else [],
        moderates=moderates,
    )
