"""Export, erase and expire a reader's data, across every app that keeps some.

The apps' own ``personal_data`` modules do the reading and writing (see
``sources.py``); these functions decide whose data is meant and join the results.
Callers have already proved who the reader is: a signed-in account, or an email
address read from a signed link. The reads (``export_personal_data``) live in
``selectors`` and are re-exported here.
"""

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from linernotes.users.models import User

from .links import normalise_email
from .selectors import (  # noqa: F401 (the reads are re-exported for callers)
    data_subject,
    export_personal_data,
)
from .sources import personal_data_sources
from .tasks import deliver_privacy_link

logger = logging.getLogger(__name__)

# How many links one address may be sent per hour; more are dropped silently,
# so the form cannot be used to flood someone's inbox.
LINKS_PER_HOUR = 3


@dataclass(frozen=True)
class Erasure:
    """What one erasure removed, per kind of data."""

    counts: dict[str, int] = field(default_factory=dict)
    account_deleted: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def can_delete_account(user: User) -> bool:
    """Readers may close their own account; writers' accounts own posts and
    staff rights, so an administrator closes those."""
    return not user.is_staff and not user.posts.exists()


@transaction.atomic
def erase_personal_data(
    *,
    user: User | None = None,
    email: str | None = None,
    guest_ids: Sequence[str] = (),
    delete_account: bool = False,
) -> Erasure:
    """Erase the reader's comments, likes and subscriptions; close the account too
    when asked and allowed. Harmless to repeat: the second run finds nothing."""
    subject = data_subject(user, email, guest_ids)
    counts = {
        source.key: int(source.call("erase_personal_data", **subject))
        for source in personal_data_sources()
    }
    deleted = False
    if user is not None and delete_account and can_delete_account(user):
        user.delete()
        deleted = True
    return Erasure(counts=counts, account_deleted=deleted)


@dataclass(frozen=True)
class Purge:
    """What one retention purge did."""

    blanked: int = 0  # rows whose IP address and user agent were blanked
    tasks_deleted: int = 0  # finished background-task records deleted


def purge_expired_personal_data(now: datetime | None = None) -> Purge:
    """Blank IP addresses and user agents older than the retention period, and
    delete finished background-task records older than
    LINERNOTES_TASK_RECORD_HOURS (they hold whole messages, links included).

    A second run at the same time changes nothing. Runs in the worker
    (registered in apps.py) and as `linernotes purge-personal-data` for cron.
    """
    now = now or timezone.now()
    days = settings.LINERNOTES_PERSONAL_DATA_RETENTION_DAYS
    before = now - timedelta(days=days)
    blanked = 0
    for source in personal_data_sources():
        if hasattr(source.module, "blank_network_details"):
            blanked += source.module.blank_network_details(before=before)
    hours = settings.LINERNOTES_TASK_RECORD_HOURS
    deleted = delete_finished_task_records(before=now - timedelta(hours=hours))
    return Purge(blanked=blanked, tasks_deleted=deleted)


def delete_finished_task_records(*, before: datetime) -> int:
    """Delete the records of background tasks that succeeded or failed before
    ``before``; returns how many went.

    django-tasks-db keeps every task's arguments after it ran, and a mail
    task's arguments are the recipient's address and what the mail says (a
    comment's excerpt, a signed link). Queued and running tasks are left alone.
    """
    finished = DBTaskResult.objects.finished().filter(finished_at__lt=before)
    deleted, _ = finished.delete()
    return deleted


def request_privacy_link(*, email: str, url: str) -> None:
    """Queue the link mail for ``email``; whether it is sent is decided in the
    background (only addresses with data get one), so the caller's answer and
    timing are the same for known and unknown addresses."""
    email = normalise_email(email)
    key = "privacy-link:" + hashlib.sha256(email.encode()).hexdigest()
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > LINKS_PER_HOUR:
        logger.info("Privacy link not sent: too many requests for one address.")
        return
    transaction.on_commit(lambda: deliver_privacy_link.enqueue(email, url))
