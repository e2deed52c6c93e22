"""Addresses: one spelling each, one message queued at a time, mail stopped."""

from django.db import transaction

from .. import mail
from ..models import MailAddress, Subscription


def normalise_email(email: str) -> str:
    """One spelling per address, so "Rae@Example.org" cannot subscribe twice."""
    return email.strip().lower()


def queue_mail(
    *, to: str, template: str, context: dict, site: str, unsubscribe: str
) -> None:
    """Send one message from the worker once the current transaction commits."""
    transaction.on_commit(
        lambda: mail.deliver.enqueue(to, template, context, site, unsubscribe)
    )


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
