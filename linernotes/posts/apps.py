from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "linernotes.posts"
    label = "posts"
    verbose_name = "Blog"

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect_handlers()
