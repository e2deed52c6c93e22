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
