from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "linernotes.users"
    label = "users"
    verbose_name = "People"

    def ready(self) -> None:
        from . import signal_handlers
        from .reader_state import register_reader_state
        from .selectors import commenting_as

        signal_handlers.connect_handlers()
        register_reader_state(commenting_as)
