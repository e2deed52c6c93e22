from django.apps import AppConfig


class LikesConfig(AppConfig):
    name = "linernotes.likes"
    label = "likes"
    verbose_name = "Likes"

    def ready(self) -> None:
        from linernotes.comments.extensions import register_comment_footer

        from . import signal_handlers
        from .sections import comment_like_footer

        signal_handlers.connect_handlers()
        register_comment_footer(comment_like_footer)
