from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "linernotes.comments"
    label = "comments"
    verbose_name = "Comments"

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect_handlers()
