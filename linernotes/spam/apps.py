import logging
import sys

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate

logger = logging.getLogger(__name__)


def train_after_migrate(
    *, apps=None, using=DEFAULT_DB_ALIAS, verbosity=1, stdout=None, **kwargs
) -> None:
    """Install trains the starting text model (decision 0034): after ``migrate``
    a site with no stored model gets one, so no guest's comment is held for
    want of it. A failure is logged, never fails the migration: comments are
    then held until the worker or ``linernotes spam train`` stores a model."""
    try:  # ``flush`` sends no migration state: the tables are all there
        if apps is not None:
            apps.get_model("spam", "SpamModel")
    except LookupError:  # migrated back to before the table existed
        return
    if using != DEFAULT_DB_ALIAS:
        return
    from .services import ensure_model, latest_model

    if latest_model() is not None:
        return
    if verbosity:
        (stdout or sys.stdout).write(
            "Training the spam filter's starting text model…\n"
        )
    try:
        ensure_model()
    except Exception:
        logger.exception(
            "The spam text model could not be trained; guests' comments are held "
            "until `linernotes spam train` succeeds"
        )


class SpamConfig(AppConfig):
    name = "linernotes.spam"
    label = "spam"
    verbose_name = "Spam filter"

    def ready(self) -> None:
        """Load the configured checks now, so a misspelt one stops the site at
        start rather than the first reader who comments."""
        from django.core.signals import setting_changed

        from .checks import pipeline, reload_pipeline

        setting_changed.connect(reload_pipeline, dispatch_uid="spam.reload_pipeline")
        pipeline()
        self._register_training()
        post_migrate.connect(
            train_after_migrate, sender=self, dispatch_uid="spam.train_after_migrate"
        )

    def _register_training(self) -> None:
        """The text model's jobs in the worker (decision 0034): keep the text of
        moderation decisions as often as the comment purge runs and before it
        (lower order), so purged spam still teaches; train once a day, or at
        the worker's first run when no model is stored."""
        from datetime import timedelta

        from linernotes.core.periodic import register_periodic

        from .services import remember_decisions, scheduled_training

        register_periodic(
            "spam.remember_decisions",
            timedelta(hours=6),
            remember_decisions,
            order=50,
        )
        register_periodic("spam.train_model", timedelta(days=1), scheduled_training)
