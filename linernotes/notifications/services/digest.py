"""The moderation digest: writers hear, now and then, that comments wait.

Each recipient's digest lists only what they may act on (decision 0024): an
editor or administrator every new comment in the queue, an author those on
their own posts, so no link in it answers 403. Each comment comes with what
the spam check said of it, in the moderation queue's words.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from linernotes.comments.models import Comment, CommentQuerySet
from linernotes.comments.moderation import spam_summary
from linernotes.core.models import SiteSettings
from linernotes.core.site import site_settings
from linernotes.users.models import User
from linernotes.users.roles import ModerationScope, moderation_scope

from .. import mail
from ..models import MailAddress, ModerationDigest
from .addresses import address_token, normalise_email, queue_mail

#: Wider scopes first: an address shared by two accounts gets the wider one's.
_WIDEST_FIRST = [ModerationScope.ALL, ModerationScope.OWN_POSTS, ModerationScope.NONE]


@transaction.atomic
def send_moderation_digest(
    *,
    now: datetime | None = None,
    site: str | None = None,
    blog: SiteSettings | None = None,
) -> int:
    """Mail each moderator the new comments awaiting them; return recipients.

    At most once per LINERNOTES_MODERATION_DIGEST_MINUTES, and only when a
    comment arrived in the queue since the last digest; a moderator with
    nothing new of their own gets nothing.
    """
    now = now or timezone.now()
    last = ModerationDigest.objects.order_by("-sent_at").first()
    minutes = settings.LINERNOTES_MODERATION_DIGEST_MINUTES
    if last and last.sent_at > now - timedelta(minutes=minutes):
        return 0
    pending = Comment.objects.awaiting_moderation()
    new = pending.filter(pk__gt=last.last_comment_id) if last else pending
    newest = new.aggregate(newest=Max("pk"))["newest"]
    blog = blog or site_settings()
    recipients = digest_recipients(blog)
    if newest is None or not recipients:
        return 0
    ModerationDigest.objects.create(
        sent_at=now, last_comment_id=newest, comment_count=new.count()
    )
    site = site or mail.site_url()
    sent = 0
    for email, account in recipients.items():
        theirs = _theirs(new, account, blog)
        if not theirs.exists():
            continue
        queue_mail(
            to=email,
            template="moderation_digest",
            context=_digest_context(theirs, _theirs(pending, account, blog), site),
            site=site,
            unsubscribe=address_token(email, "digest"),
        )
        sent += 1
    return sent


def digest_recipients(blog: SiteSettings) -> dict[str, User | None]:
    """Who gets the digest: each address, with the account whose rights decide
    what it lists (None: everything).

    By default, every active staff account with an email that may moderate
    (``users.roles.moderation_scope``). LINERNOTES_MODERATION_DIGEST_TO
    replaces them with its addresses: one belonging to a staff account gets
    what that account may moderate, or nothing if it may moderate none; one
    with no staff account gets everything, as the operator asked. Addresses
    that stopped digests are left out.
    """
    configured = settings.LINERNOTES_MODERATION_DIGEST_TO
    staff = _staff_by_address(blog)
    if configured:
        everything = (ModerationScope.ALL, None)
        staff = {
            email: staff.get(email, everything)
            for email in map(normalise_email, configured)
        }
    muted = MailAddress.objects.filter(email__in=staff, no_digest=True)
    left_out = set(muted.values_list("email", flat=True))
    return {
        email: account
        for email, (scope, account) in sorted(staff.items())
        if scope is not ModerationScope.NONE and email not in left_out
    }


def _staff_by_address(
    blog: SiteSettings,
) -> dict[str, tuple[ModerationScope, User | None]]:
    """Each staff address with its widest-moderating account: two accounts may
    share an address, and mail cannot tell which of them reads it."""
    found: dict[str, tuple[ModerationScope, User | None]] = {}
    users = User.objects.filter(is_staff=True, is_active=True).exclude(email="")
    for user in users.order_by("pk"):
        email, scope = normalise_email(user.email), moderation_scope(user, blog)
        if email not in found or _WIDEST_FIRST.index(scope) < _WIDEST_FIRST.index(
            found[email][0]
        ):
            found[email] = (scope, user)
    return found


def _theirs(
    comments: CommentQuerySet, account: User | None, blog: SiteSettings
) -> CommentQuerySet:
    return comments if account is None else comments.moderated_by(account, blog)


def _digest_context(new: CommentQuerySet, pending: CommentQuerySet, site: str) -> dict:
    queue = site + reverse("admin:comments_comment_changelist")
    listed = new.select_related("post").order_by("pk")[:50]
    return {
        "pending_count": pending.count(),
        "new_count": new.count(),
        "queue_url": queue + "?status__exact=pending",
        "comments": [
            {
                "author_name": comment.author_name,
                "post_title": comment.post.title,
                "excerpt": Truncator(comment.body).words(30),
                # The moderation queue's words (a string: the context travels
                # to the worker as JSON).
                "spam_check": spam_summary(comment).as_text(),
                "admin_url": site
                + reverse("admin:comments_comment_change", args=[comment.pk]),
            }
            for comment in listed
        ],
    }
