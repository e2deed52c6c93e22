"""New posts: each announced once to the subscribers who confirmed before it."""

from django.db import transaction
from django.db.models import Min, Q

from linernotes.posts.models import Post

from .. import mail
from ..models import Announcement, Subscription
from .addresses import queue_mail

Kind = Subscription.Kind


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
        # A locked post's words wait for its password, as on its card.
        "summary": "" if post.password else post.summary,
        "protected": bool(post.password),
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
