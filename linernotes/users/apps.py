from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "linernotes.users"
    label = "users"
    verbose_name = "People"

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect_handlers()
