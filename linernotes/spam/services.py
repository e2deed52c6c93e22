"""Keeping the training text, training and storing the text model.

The moderation decisions live on comments (approved = ham, spam = spam);
``remember_decisions`` copies their text into ``TrainingExample`` so the spam
keeps teaching after the comment purge has deleted it. Training imports
scikit-learn, so it happens in the worker or the ``spam`` command, never in a
web request. The comments app is reached through the app registry: spam
imports only core.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .model import announce_version, forget_current_model
from .models import SpamModel, TrainingExample

logger = logging.getLogger(__name__)


# Defaults for settings a site may set (docs/operating.md); read here only.
DEFAULT_MIN_SITE_EXAMPLES = 200
DEFAULT_TRAINING_DAYS = 365


def min_site_examples() -> int:
    """How many of its own decisions a site needs before they train the model."""
    return int(
        getattr(
            settings, "LINERNOTES_SPAM_MIN_SITE_EXAMPLES", DEFAULT_MIN_SITE_EXAMPLES
        )
    )


def training_days() -> int:
    """How long a decision's text is kept to train on."""
    return int(
        getattr(settings, "LINERNOTES_SPAM_TRAINING_DAYS", DEFAULT_TRAINING_DAYS)
    )


def _comment_model():
    return apps.get_model("comments", "Comment")


def remember_decisions() -> int:
    """Copy the text of every approved or spam comment into the training
    examples (updating a label the writer changed, dropping an example whose
    comment is no longer approved or spam). Returns how many rows changed.
    Idempotent: safe to run twice or from two workers. Bodies are read only
    for comments not yet remembered, a chunk at a time."""
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
                        comment_id=pk, text=body, spam=status == comment.Status.SPAM
                    )
                    for pk, body, status in chunk.values_list("id", "body", "status")
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
        return trained, ""
    except NotEnoughData as error:
        return train_cold_start(exclude), str(error)


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
    """The worker's daily job: keep the training text, forget the expired,
    and train when there is no model or new decisions since the last one."""
    remember_decisions()
    purge_training_examples()
    latest = SpamModel.objects.first()
    if latest is not None:
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
