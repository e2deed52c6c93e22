"""The spam app's services for moderation: each writer's decision kept as
training text the moment it is made, the spam's text kept before the purge
deletes it, and the spam report's counts per reason.

Kept apart from ``services.py`` (training and storing the text model) because
the comments app calls these on every moderation click, while training runs
in the worker; both write ``TrainingExample`` the same way (text and label,
nothing else about the commenter). The comments app is reached through the
app registry or the querysets it passes in: spam imports only core.
"""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import transaction
from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from . import akismet
from .models import TrainingExample
from .reasons import KINDS
from .tasks import tell_akismet


def example_source(spam_verdict: str) -> str:
    """Where a comment's label came from, for its training example: every
    comment posted here went through the pipeline, which stored a verdict;
    one without a verdict came in by another door, the WordPress import
    (``comments.services.import_threads`` judges nothing), and its status is
    the verdict the old blog kept (approved, or spam from Akismet or its
    writer). A writer's click here makes it a moderation decision again."""
    if spam_verdict:
        return TrainingExample.Source.MODERATION
    return TrainingExample.Source.IMPORT


def remember_decision(*, comment_id: int, text: str, spam: bool | None) -> None:
    """Keep (or relabel) one comment's text as a training example the moment
    a writer decides on it; ``spam=None`` (restored to the queue, trashed)
    drops it, as ``services.remember_decisions`` would. The text is kept from
    the decision for LINERNOTES_SPAM_TRAINING_DAYS. Call inside the
    moderating transaction.

    With Akismet configured, the decision is also queued for the worker, after
    commit, to tell Akismet when it overrules Akismet's verdict
    (``feedback.correct_akismet``): the writer's click never waits on it."""
    if spam is not None and akismet.is_configured():
        transaction.on_commit(
            lambda: tell_akismet.enqueue(comment_id=comment_id, spam=spam)
        )
    if spam is None:
        TrainingExample.objects.filter(comment_id=comment_id).delete()
        return
    TrainingExample.objects.update_or_create(
        comment_id=comment_id,
        defaults={
            "text": text,
            "spam": spam,
            "source": TrainingExample.Source.MODERATION,
            "created_at": timezone.now(),
        },
    )


def remember_discarded_spam(comments: QuerySet) -> int:
    """Before the purge deletes ``comments`` (a comments queryset), keep the
    text of those marked spam that are not kept yet (caught by the filter and
    never clicked, or imported), so the next training still learns from them.
    Trash says nothing about the words and is not kept. Returns how many
    examples were added."""
    spam_status = apps.get_model("comments", "Comment").Status.SPAM
    kept = TrainingExample.objects.filter(comment_id__isnull=False)
    rows = (
        comments.filter(kind="", status=spam_status)
        .exclude(pk__in=kept.values("comment_id"))
        .values_list("id", "body", "spam_verdict")
    )
    examples = [
        TrainingExample(
            comment_id=pk, text=body, spam=True, source=example_source(verdict)
        )
        for pk, body, verdict in rows
    ]
    TrainingExample.objects.bulk_create(examples, ignore_conflicts=True)
    return len(examples)


@dataclass(frozen=True)
class ReasonCount:
    """How many comments gave one kind of reason, and how many of them are
    approved or spam now."""

    label: str
    comments: int
    approved: int
    spam: int


def reason_counts(comments: QuerySet, *, since: datetime) -> list[ReasonCount]:
    """Per kind of reason (``reasons.KINDS``), the comments in ``comments``
    (a comments queryset, already limited to what the reader may moderate)
    written since ``since``, in one aggregate query however many kinds there
    are. Kinds no comment gave are left out; the last row is every comment of
    the period.

    Each kind is matched on a fragment of the stored JSON list's text, which
    reads the same on SQLite and PostgreSQL for the ASCII fragments used. The
    query groups by status rather than counting each status per kind, so each
    row's list is matched once per kind (a third of the work on PostgreSQL,
    which repeats the cast for every filtered count).
    """
    status = apps.get_model("comments", "Comment").Status
    counts = {"all": Count("pk")} | {
        kind.key: Count("pk", filter=Q(reasons_text__contains=kind.fragment))
        for kind in KINDS
    }
    by_status = {
        row.pop("status"): row
        for row in comments.filter(created_at__gte=since)
        .annotate(reasons_text=Cast("spam_reasons", TextField()))
        .order_by()
        .values("status")
        .annotate(**counts)
    }
    empty = dict.fromkeys(counts, 0)
    approved = by_status.get(status.APPROVED, empty)
    spam = by_status.get(status.SPAM, empty)
    rows = [(kind.key, kind.label) for kind in KINDS] + [("all", "All comments")]
    found = [
        ReasonCount(
            label,
            sum(row[key] for row in by_status.values()),
            approved[key],
            spam[key],
        )
        for key, label in rows
    ]
    return [row for row in found if row.comments or row.label == "All comments"]
