"""Mail to readers and writers: reply notices, subscriptions, moderation digests."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "linernotes.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect_handlers()
