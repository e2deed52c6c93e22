"""Keeping the training text, training and storing the text model.

The moderation decisions live on comments (approved = ham, spam = spam);
``remember_decisions`` copies their text into ``TrainingExample`` so the spam
keeps teaching after the comment purge has deleted it. Training imports
scikit-learn, so it happens in the worker or the ``spam`` command, never in a
web request. The comments app is reached through the app registry: spam
imports only core.
"""

import dataclasses
import functools
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from .model import announce_version, forget_current_model
from .models import SpamModel, TrainingExample
from .moderation import example_source

logger = logging.getLogger(__name__)


def min_site_examples() -> int:
    """How many of its own decisions a site needs before they train the model."""
    return int(settings.LINERNOTES_SPAM_MIN_SITE_EXAMPLES)


def training_days() -> int:
    """How long a decision's text is kept to train on."""
    return int(settings.LINERNOTES_SPAM_TRAINING_DAYS)


def _comment_model():
    return apps.get_model("comments", "Comment")


def remember_decisions() -> int:
    """Copy the text of every approved or spam comment into the training
    examples (updating a label the writer changed, dropping an example whose
    comment is no longer approved or spam). Returns how many rows changed.
    Idempotent: safe to run twice or from two workers. Bodies are read only
    for comments not yet remembered, a chunk at a time.

    Comments brought in by the WordPress import count too: the old blog's
    approved comments and its spam (caught by Akismet or marked by the writer
    there) are the site's own verdicts on its own comments, the data the text
    model learns most from. They are told apart as ``Source.IMPORT`` (see
    ``moderation.example_source``), so the importer calls nothing here."""
    comment = _comment_model()
    decided = dict(
        comment.objects.filter(
            kind="", status__in=[comment.Status.APPROVED, comment.Status.SPAM]
        ).values_list("id", "status")
    )
    known = dict(
        TrainingExample.objects.filter(comment_id__isnull=False).values_list(
            "comment_id", "spam"
        )
    )
    undone = set(known) - set(decided)
    if undone:  # still a comment, but no longer approved or spam
        undone &= set(
            comment.objects.filter(pk__in=undone).values_list("id", flat=True)
        )
    relabelled = {
        spam: [
            comment_id
            for comment_id, status in decided.items()
            if comment_id in known
            and known[comment_id] != (status == comment.Status.SPAM)
            and (status == comment.Status.SPAM) == spam
        ]
        for spam in (True, False)
    }
    new = sorted(set(decided) - set(known))
    changed = 0
    with transaction.atomic():
        if undone:
            changed += TrainingExample.objects.filter(comment_id__in=undone).delete()[0]
        for spam, ids in relabelled.items():
            changed += TrainingExample.objects.filter(comment_id__in=ids).update(
                spam=spam, created_at=timezone.now()
            )
        for start in range(0, len(new), 1000):
            chunk = comment.objects.filter(pk__in=new[start : start + 1000])
            TrainingExample.objects.bulk_create(
                [
                    TrainingExample(
                        comment_id=pk,
                        text=body,
                        spam=status == comment.Status.SPAM,
                        source=example_source(verdict),
                    )
                    for pk, body, status, verdict in chunk.values_list(
                        "id", "body", "status", "spam_verdict"
                    )
                ],
                ignore_conflicts=True,
            )
        changed += len(new)
    return changed


def purge_training_examples(now: datetime | None = None) -> int:
    """Forget training text older than LINERNOTES_SPAM_TRAINING_DAYS."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=training_days())
    return TrainingExample.objects.filter(created_at__lt=cutoff).delete()[0]


def site_examples() -> list:
    """The site's own labelled texts as ``training.Example`` rows."""
    from .training import Example

    return [
        Example(text, spam, "site")
        for text, spam in TrainingExample.objects.order_by("id").values_list(
            "text", "spam"
        )
    ]


@dataclass(frozen=True)
class TrainResult:
    model: SpamModel
    # Why the site's own data was not used, when it was not.
    not_site_trained_because: str = ""


def train_model(*, exclude: tuple[Path, ...] = (), save: bool = True):
    """The model the site should use now: trained on its own decisions when
    there are enough (``LINERNOTES_SPAM_MIN_SITE_EXAMPLES``, both classes),
    else the public cold start. Returns ``(training.Trained, why_not_site)``
    without touching the database when ``save`` is false."""
    from .training import NotEnoughData, train_cold_start, train_for_site

    if save:
        remember_decisions()
    try:
        trained = train_for_site(
            site_examples(),
            minimum=min_site_examples(),
            exclude=exclude,
        )
    except NotEnoughData as error:
        cold = train_cold_start(exclude) if exclude else cold_start_trained()
        return cold, str(error)
    imported = TrainingExample.objects.filter(
        source=TrainingExample.Source.IMPORT
    ).count()
    if imported:
        trained = dataclasses.replace(
            trained,
            trained_on=f"{trained.trained_on}; {imported} of the site's comments "
            "imported with the old blog's verdicts",
        )
    return trained, ""


def store_model(trained) -> SpamModel:
    """Save ``trained`` as the next version and tell every process."""
    vocabulary, weights = trained.scorer.to_data()
    with transaction.atomic():
        latest = SpamModel.objects.select_for_update().aggregate(Max("version"))
        version = (latest["version__max"] or 0) + 1
        row = SpamModel.objects.create(
            version=version,
            trained_on=trained.trained_on,
            site_trained=trained.site_trained,
            vocabulary=vocabulary,
            weights=weights,
            threshold=trained.threshold,
            metrics=trained.metrics,
        )
        # Keep the previous model for comparison; older ones only take room.
        SpamModel.objects.filter(version__lt=version - 1).delete()
    transaction.on_commit(lambda: announce_version(version))
    forget_current_model()
    return row


def train_and_store() -> TrainResult:
    """``linernotes spam train``: train, store, say what was used."""
    trained, why_not = train_model()
    return TrainResult(store_model(trained), why_not)


def scheduled_training() -> None:
    """The worker's scheduled job (every six hours): keep the training text,
    forget the expired, and train when there is no model, new decisions since
    the last one, or the stored model was made by an older recipe."""
    from .training import RECIPE

    remember_decisions()
    purge_training_examples()
    latest = SpamModel.objects.first()
    if latest is not None and latest.metrics.get("recipe", 1) >= RECIPE:
        newer = TrainingExample.objects.filter(created_at__gt=latest.created_at)
        if not newer.exists():
            return
    result = train_and_store()
    logger.info(
        "Spam text model v%s trained on %s",
        result.model.version,
        result.model.trained_on,
    )


def latest_model() -> SpamModel | None:
    """The stored model every process uses (the highest version), if any."""
    return SpamModel.objects.first()


# Held in the shared cache (Redis when configured) while one process trains the
# starting model, so app servers and workers starting together train it once.
COLD_START_LOCK_KEY = "spam:cold-start-training"
COLD_START_LOCK_SECONDS = 600


@functools.cache
def cold_start_trained():
    """The starting model trained from the shipped public data, once per
    process: the data never change, so a process that stores it again (a test
    database flushed between tests) does not train again."""
    from .training import train_cold_start

    return train_cold_start()


def ensure_model() -> SpamModel | None:
    """Get or create the stored model: the newest one, or else the starting
    model trained from the shipped YouTube corpus and stored as version 1.

    Runs after ``migrate`` (so a new site has its model from install) and in
    the worker. Two guards keep several processes from training it at once:
    a lock in the shared cache (the second process returns None at once and
    comments stay held until the first has stored it), and the unique version
    number, which lets only one version 1 in even when each process has its
    own cache. Web processes never call this: they hold until a model exists.
    """
    if (existing := latest_model()) is not None:
        return existing
    if not cache.add(COLD_START_LOCK_KEY, os.getpid(), COLD_START_LOCK_SECONDS):
        logger.info("Another process is training the spam text model")
        return None
    try:
        if (existing := latest_model()) is not None:
            return existing
        return _store_first(_cold_start_fields())
    finally:
        cache.delete(COLD_START_LOCK_KEY)


@functools.cache
def _cold_start_fields() -> dict:
    """The starting model as the columns of its row (serialised once)."""
    trained = cold_start_trained()
    vocabulary, weights = trained.scorer.to_data()
    return {
        "trained_on": trained.trained_on,
        "site_trained": trained.site_trained,
        "vocabulary": vocabulary,
        "weights": weights,
        "threshold": trained.threshold,
        "metrics": trained.metrics,
    }


def _store_first(fields: dict) -> SpamModel:
    """Store a model as version 1 unless another process got there first."""
    try:
        with transaction.atomic():
            row = SpamModel.objects.create(version=1, **fields)
    except IntegrityError:  # another process stored version 1 meanwhile
        return latest_model()
    transaction.on_commit(lambda: announce_version(row.version))
    forget_current_model()
    return row
