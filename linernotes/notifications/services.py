"""The only writers of notification state, and the decisions about who gets mail.

Every message is queued with ``transaction.on_commit`` and sent by a task, so a
rolled-back request never mails anyone and a slow mail server never slows a
reader. Each message goes to exactly one address: no reader ever sees another's.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from linernotes.comments.models import Comment
from linernotes.posts.models import Post, Series
from linernotes.users.models import User

from . import mail, tasks
from .models import (
    Announcement,
    MailAddress,
    ModerationDigest,
    Subscription,
)

Kind = Subscription.Kind


def normalise_email(email: str) -> str:
    """One spelling per address, so "Rae@Example.org" cannot subscribe twice."""
    return email.strip().lower()


def queue_mail(
    *, to: str, template: str, context: dict, site: str, unsubscribe: str
) -> None:
    """Send one message from the worker once the current transaction commits."""
    transaction.on_commit(
        lambda: tasks.deliver.enqueue(to, template, context, site, unsubscribe)
    )


# Subscriptions ---------------------------------------------------------------


@transaction.atomic
def subscribe(
    *,
    email: str,
    kind: str,
    site: str,
    series: Series | None = None,
    post: Post | None = None,
) -> Subscription:
    """Record a pending subscription and mail its confirmation link.

    Subscribing again changes nothing for a confirmed subscription and resends
    the link for a pending one; either way the reader sees the same answer.
    """
    email = normalise_email(email)
    series = series if kind == Kind.SERIES else None
    post = post if kind == Kind.COMMENTS else None
    target = kind + (f":{series.pk}" if series else f":{post.pk}" if post else "")
    subscription, _ = Subscription.objects.get_or_create(
        email=email,
        target=target,
        defaults={"kind": kind, "series": series, "post": post},
    )
    if subscription.confirmed_at is None:
        token = mail.make_token("confirm", s=subscription.pk, e=email)
        queue_mail(
            to=email,
            template="confirm_subscription",
            context={
                "what": subscription.describe(),
                "confirm_url": mail.absolute(site, "notifications:confirm", token),
            },
            site=site,
            unsubscribe=mail.unsubscribe_token("sub", subscription.pk),
        )
    return subscription


@transaction.atomic
def confirm_subscription(*, subscription_id: int, email: str) -> Subscription | None:
    """Confirm a subscription; the first confirmation time is kept."""
    subscription = Subscription.objects.filter(pk=subscription_id, email=email).first()
    if subscription is None:
        return None
    Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    subscription.refresh_from_db()
    return subscription


@transaction.atomic
def unsubscribe(*, kind: str, pk: int) -> str:
    """Follow an unsubscribe link's reference; return what stopped, for the page.

    A link to something already gone (unsubscribed twice, or erased) stops nothing
    and says so, without an error.
    """
    if kind == "sub":
        found = Subscription.objects.select_related("series", "post").filter(pk=pk)
        subscription = found.first()
        found.delete()
        return subscription.describe() if subscription else "that subscription"
    address = MailAddress.objects.filter(pk=pk).first()
    if address is None:
        return "this address"
    return stop_mail(email=address.email, kind=kind)


@transaction.atomic
def stop_mail(*, email: str, kind: str) -> str:
    """Stop reply notices ("replies"), digests ("digest") or everything ("all")."""
    email = normalise_email(email)
    if kind == "all":
        Subscription.objects.for_email(email).delete()
    flags = {
        "replies": {"no_replies": True},
        "digest": {"no_digest": True},
        "all": {"no_replies": True, "no_digest": True},
    }[kind]
    MailAddress.objects.update_or_create(email=email, defaults=flags)
    return {
        "replies": "reply notices",
        "digest": "moderation digests",
        "all": "all mail from this blog",
    }[kind]


def address_token(email: str, kind: str) -> str:
    """An unsubscribe token for one kind of mail to ``email`` (not a subscription)."""
    address, _ = MailAddress.objects.get_or_create(email=normalise_email(email))
    return mail.unsubscribe_token(kind, address.pk)


# Reply notices -----------------------------------------------------------------


def ask_to_confirm_reply_address(*, comment_id: int, site: str) -> bool:
    """Mail a guest who asked for reply notices a confirmation link, once ever.

    Account holders proved their address when signing up, so they are not asked.
    """
    comment = Comment.objects.filter(pk=comment_id, notify_replies=True).first()
    if comment is None or comment.user_id or not comment.author_email:
        return False
    email = normalise_email(comment.author_email)
    with transaction.atomic():
        address, _ = MailAddress.objects.get_or_create(email=email)
        if address.confirmed_at or address.no_replies:
            return False
        claimed = MailAddress.objects.filter(
            pk=address.pk, confirm_sent_at__isnull=True
        ).update(confirm_sent_at=timezone.now())
        if not claimed:
            return False
        token = mail.make_token("address", e=email)
        queue_mail(
            to=email,
            template="confirm_address",
            context={
                "post_title": comment.post.title,
                "confirm_url": mail.absolute(site, "notifications:address", token),
            },
            site=site,
            unsubscribe=mail.unsubscribe_token("replies", address.pk),
        )
    return True


@transaction.atomic
def confirm_reply_address(*, email: str) -> MailAddress:
    """The guest proved the address is theirs: reply notices may go to it."""
    email = normalise_email(email)
    address, _ = MailAddress.objects.get_or_create(email=email)
    MailAddress.objects.filter(pk=address.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    MailAddress.objects.filter(pk=address.pk).update(no_replies=False)
    address.refresh_from_db()
    return address


def notify_about_comment(*, comment_id: int, site: str) -> int:
    """Queue mail about a newly published comment; return how many.

    The replied-to author hears about it (if they asked and their address is
    confirmed), then the post's confirmed followers; the comment's own author
    never does, and nobody gets two messages about one comment.
    """
    comment = (
        Comment.objects.approved()
        .select_related("post", "parent")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return 0
    context = _comment_context(comment, site)
    recipients: dict[str, tuple[str, str]] = {}
    parent = comment.parent
    if parent is not None and _wants_reply_notice(parent, comment):
        email = normalise_email(parent.author_email)
        recipients[email] = ("reply", address_token(email, "replies"))
    followers = Subscription.objects.confirmed().filter(
        kind=Kind.COMMENTS, post=comment.post_id
    )
    for follower in followers:
        token = mail.unsubscribe_token("sub", follower.pk)
        recipients.setdefault(follower.email, ("new_comment", token))
    recipients.pop(normalise_email(comment.author_email), None)
    for email, (template, token) in recipients.items():
        queue_mail(
            to=email, template=template, context=context, site=site, unsubscribe=token
        )
    return len(recipients)


def _wants_reply_notice(parent: Comment, reply: Comment) -> bool:
    if not (parent.notify_replies and parent.author_email):
        return False
    if parent.user_id and parent.user_id == reply.user_id:
        return False
    email = normalise_email(parent.author_email)
    address = MailAddress.objects.filter(email=email).first()
    if address is not None and address.no_replies:
        return False
    return bool(parent.user_id or (address and address.confirmed_at))


def _comment_context(comment: Comment, site: str) -> dict:
    parent = comment.parent
    return {
        "post_title": comment.post.title,
        "post_url": site + comment.post.get_absolute_url(),
        "comment_url": site + comment.get_absolute_url(),
        "author_name": comment.author_name,
        "excerpt": Truncator(comment.body).words(80),
        "parent_excerpt": Truncator(parent.body).words(30) if parent else "",
    }


# New posts -----------------------------------------------------------------------


def announce_new_posts(*, site: str | None = None) -> int:
    """Mail confirmed post and series subscribers about posts that became public.

    Only posts published after a subscriber confirmed are announced to them, so
    turning the feature on never mails the back catalogue. Scheduled posts are
    caught when they come due, with no request needed.
    """
    site = site or mail.site_url()
    subscriptions = Subscription.objects.confirmed().filter(
        kind__in=[Kind.POSTS, Kind.SERIES]
    )
    earliest = subscriptions.aggregate(earliest=Min("confirmed_at"))["earliest"]
    if earliest is None:
        return 0
    due = (
        Post.objects.published()
        .filter(published_at__gt=earliest)
        .exclude(pk__in=Announcement.objects.values("post_id"))
        .order_by("published_at")
    )
    return sum(announce_post(post=post, site=site) for post in due)


@transaction.atomic
def announce_post(*, post: Post, site: str) -> int:
    """Announce one post, once: the Announcement row's unique post is the claim."""
    announcement, created = Announcement.objects.get_or_create(post=post)
    if not created:
        return 0
    wanted = Q(kind=Kind.POSTS) | Q(kind=Kind.SERIES, series=post.series_id)
    subscribers = Subscription.objects.confirmed().filter(
        wanted, confirmed_at__lt=post.published_at
    )
    recipients = {}
    for subscription in subscribers.order_by("kind"):
        recipients.setdefault(subscription.email, subscription)
    context = {
        "post_title": post.title,
        "post_url": site + post.get_absolute_url(),
        "summary": post.summary,
        "series_title": post.series.title if post.series_id else "",
    }
    for email, subscription in recipients.items():
        queue_mail(
            to=email,
            template="new_post",
            context=context,
            site=site,
            unsubscribe=mail.unsubscribe_token("sub", subscription.pk),
        )
    Announcement.objects.filter(pk=announcement.pk).update(recipients=len(recipients))
    return len(recipients)


# Moderation digest -----------------------------------------------------------------


@transaction.atomic
def send_moderation_digest(
    *, now: datetime | None = None, site: str | None = None
) -> int:
    """Mail writers one list of comments awaiting moderation; return recipients.

    At most once per LINERNOTES_MODERATION_DIGEST_MINUTES, and only when a
    comment arrived in the queue since the last digest.
    """
    now = now or timezone.now()
    site = site or mail.site_url()
    last = ModerationDigest.objects.order_by("-sent_at").first()
    minutes = settings.LINERNOTES_MODERATION_DIGEST_MINUTES
    if last and last.sent_at > now - timedelta(minutes=minutes):
        return 0
    pending = Comment.objects.awaiting_moderation()
    new = pending.filter(pk__gt=last.last_comment_id) if last else pending
    newest = new.aggregate(newest=Max("pk"))["newest"]
    recipients = digest_recipients()
    if newest is None or not recipients:
        return 0
    ModerationDigest.objects.create(
        sent_at=now, last_comment_id=newest, comment_count=new.count()
    )
    context = _digest_context(new, pending.count(), site)
    for email in recipients:
        queue_mail(
            to=email,
            template="moderation_digest",
            context=context,
            site=site,
            unsubscribe=address_token(email, "digest"),
        )
    return len(recipients)


def digest_recipients() -> list[str]:
    """LINERNOTES_MODERATION_DIGEST_TO if set, else staff accounts with an email."""
    configured = settings.LINERNOTES_MODERATION_DIGEST_TO
    emails = configured or User.objects.filter(is_staff=True, is_active=True).exclude(
        email=""
    ).values_list("email", flat=True)
    wanted = {normalise_email(email) for email in emails}
    muted = MailAddress.objects.filter(email__in=wanted, no_digest=True)
    return sorted(wanted - set(muted.values_list("email", flat=True)))


def _digest_context(new, pending_count: int, site: str) -> dict:
    queue = site + reverse("admin:comments_comment_changelist")
    listed = new.select_related("post").order_by("pk")[:50]
    return {
        "pending_count": pending_count,
        "new_count": new.count(),
        "queue_url": queue + "?status__exact=pending",
        "comments": [
            {
                "author_name": comment.author_name,
                "post_title": comment.post.title,
                "excerpt": Truncator(comment.body).words(30),
                "admin_url": site
                + reverse("admin:comments_comment_change", args=[comment.pk]),
            }
            for comment in listed
        ],
    }
