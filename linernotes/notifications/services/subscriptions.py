"""Following posts, a series or a post's comments: double opt-in, one-click out."""

from django.db import transaction
from django.utils import timezone

from linernotes.posts.models import Post, Series

from .. import mail
from ..models import MailAddress, Subscription
from .addresses import normalise_email, queue_mail, stop_mail

Kind = Subscription.Kind


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
