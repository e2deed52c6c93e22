"""Reading a reader's data across every app that keeps some.

Reads only: the background task that mails a guest their privacy link asks
``has_personal_data`` here without importing the services that queue it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from linernotes.core.site import site_settings
from linernotes.spam.checks import pipeline
from linernotes.users.models import User

from .links import normalise_email
from .sources import personal_data_sources


def data_subject(
    user: User | None, email: str | None, guest_ids: Sequence[str]
) -> dict:
    """Accounts are named by the account alone; guests by the proved address
    and the guest-like ids of their browser."""
    if user is not None:
        return {"user": user, "email": None, "guest_ids": []}
    return {
        "user": None,
        "email": normalise_email(email or "") or None,
        "guest_ids": list(guest_ids),
    }


def export_personal_data(
    *, user: User | None = None, email: str | None = None, guest_ids: Sequence[str] = ()
) -> dict[str, Any]:
    """Everything stored about the reader, as one JSON-ready dict.

    Each kind of data has its own list, empty when nothing is stored, so the
    shape is the same for everyone.
    """
    subject = data_subject(user, email, guest_ids)
    export: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "site": site_settings().title,
        "account": _account_fields(user) if user is not None else None,
        "email": subject["email"],
    }
    for source in personal_data_sources():
        export[source.key] = source.call("export_personal_data", **subject)
    return export


def _account_fields(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "email": user.email,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "bio": user.bio,
        "avatar": user.avatar.url if user.avatar else None,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def has_personal_data(*, email: str) -> bool:
    """Whether anything is stored under this address (guest data only)."""
    export = export_personal_data(email=email)
    return any(export.get(source.key) for source in personal_data_sources())


@dataclass(frozen=True)
class OutsideService:
    name: str
    sends: str
    url: str = ""


@dataclass(frozen=True)
class SpamCheckNotice:
    """What the privacy page says the spam check sees: one line per check
    run on this server, and every outside service a comment is sent to."""

    here: list[str] = field(default_factory=list)
    outside: list[OutsideService] = field(default_factory=list)


def spam_check_notice() -> SpamCheckNotice:
    """Read from the checks ``LINERNOTES_SPAM_CHECKS`` actually loads, so the
    page cannot promise less than the pipeline does. A check says what it
    looks at in a plain ``description``; one that sends the comment elsewhere
    names the service (``service``) and what it ``sends``; one switched off by
    its settings (``active`` false, e.g. Akismet without a key) is left out.
    A site's own check without a description is still listed, by its name."""
    notice = SpamCheckNotice()
    for _name, check in pipeline().checks:
        if not getattr(check, "active", True):
            continue
        sends = getattr(check, "sends", "")
        if sends:
            service = getattr(check, "service", "") or type(check).__name__
            url = getattr(check, "service_url", "")
            notice.outside.append(OutsideService(service, sends, url))
            continue
        description = (
            getattr(check, "description", "")
            or f"a check this site added ({type(check).__name__})"
        )
        notice.here.append(description)
    return notice
