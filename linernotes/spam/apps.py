from django.apps import AppConfig


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
