from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "linernotes.core"
    label = "core"
    verbose_name = "Site"

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect_handlers()
