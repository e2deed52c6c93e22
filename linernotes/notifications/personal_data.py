"""What notifications stores about a person, for the privacy app's export and erase.

A person is an account (its email) or a bare address; subscriptions and mail
preferences are kept by address only.
"""

from linernotes.users.models import User

from .models import MailAddress, Subscription
from .services import normalise_email


def _emails(user: User | None, email: str | None) -> set[str]:
    found = {normalise_email(email)} if email else set()
    if user is not None and user.email:
        found.add(normalise_email(user.email))
    return found


def export_personal_data(
    *, user: User | None = None, email: str | None = None
) -> list[dict]:
    """One dict per subscription and per stored mail preference."""
    emails = _emails(user, email)
    rows: list[dict] = [
        {
            "type": "subscription",
            "email": sub.email,
            "to": sub.describe(),
            "created_at": sub.created_at.isoformat(),
            "confirmed_at": sub.confirmed_at.isoformat() if sub.confirmed_at else None,
        }
        for sub in Subscription.objects.filter(email__in=emails).select_related(
            "series", "post"
        )
    ]
    rows += [
        {
            "type": "mail preferences",
            "email": address.email,
            "address_confirmed_at": address.confirmed_at.isoformat()
            if address.confirmed_at
            else None,
            "reply_notices_stopped": address.no_replies,
            "moderation_digests_stopped": address.no_digest,
        }
        for address in MailAddress.objects.filter(email__in=emails)
    ]
    return rows


def erase_personal_data(*, user: User | None = None, email: str | None = None) -> int:
    """Delete subscriptions and mail preferences; return how many rows went."""
    emails = _emails(user, email)
    subscriptions, _ = Subscription.objects.filter(email__in=emails).delete()
    addresses, _ = MailAddress.objects.filter(email__in=emails).delete()
    return subscriptions + addresses
