"""Builders for subscriptions, written through the notifications services."""

from linernotes.notifications import services
from linernotes.notifications.models import Subscription

SITE = "https://blog.example"


def make_subscription(
    *,
    email: str = "follower@example.org",
    kind: str = "posts",
    confirmed: bool = True,
    **target,
) -> Subscription:
    subscription = services.subscribe(email=email, kind=kind, site=SITE, **target)
    if confirmed:
        subscription = services.confirm_subscription(
            subscription_id=subscription.pk, email=subscription.email
        )
    return subscription
