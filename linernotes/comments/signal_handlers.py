"""Plug the conversation into post pages; retire cached pages when a comment goes.

Services retire cached pages themselves for every change they make. A deletion
can come from elsewhere (privacy erasure, the admin's delete action, a post's
deletion cascading), so it is caught here.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models.signals import post_delete

from linernotes.core.periodic import register_periodic
from linernotes.posts.extensions import register_post_section
from linernotes.posts.models import Post
from linernotes.users.reader_state import register_reader_state

from . import services
from .models import Comment
from .reader_state import form_shown, held_on_page
from .sections import comment_section


def _comment_deleted(instance: Comment, **kwargs) -> None:
    if instance.status not in services.SHOWN:
        return
    post_pk = instance.post_id

    def retire() -> None:
        # Gone with its post: the post's own deletion retired every page.
        if (post := Post.objects.filter(pk=post_pk).first()) is not None:
            services.retire_cached_pages(post=post)

    transaction.on_commit(retire)


def connect_handlers() -> None:
    register_post_section(comment_section, order=20)
    register_reader_state(held_on_page)
    register_reader_state(form_shown)
    register_periodic(
        "comments.purge_discarded",
        timedelta(hours=6),
        services.purge_discarded_comments,
    )
    post_delete.connect(
        _comment_deleted, sender=Comment, dispatch_uid="comments.deleted"
    )
