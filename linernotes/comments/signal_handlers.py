"""Plug the conversation into post pages; retire cached pages when it changes."""

from django.db.models.signals import post_delete, post_save

from linernotes.core import pagecache
from linernotes.posts.extensions import register_post_section

from .models import Comment
from .sections import comment_section


def _comments_changed(**kwargs) -> None:
    pagecache.invalidate_on_commit()


def connect_handlers() -> None:
    register_post_section(comment_section)
    post_save.connect(_comments_changed, sender=Comment, dispatch_uid="comments.saved")
    post_delete.connect(
        _comments_changed, sender=Comment, dispatch_uid="comments.deleted"
    )
