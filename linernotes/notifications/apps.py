from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "linernotes.notifications"
    label = "notifications"
    verbose_name = "Notifications"
