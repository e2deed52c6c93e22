"""Mail to readers and writers: reply notices, subscriptions, moderation digests."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "linernotes.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from django.core.checks import register

        from . import signal_handlers, system_checks

        signal_handlers.connect_handlers()
        # Shown by `serve`, `worker` and `check --deploy`, not by every command.
        register(system_checks.site_url_is_set, "linernotes", deploy=True)
