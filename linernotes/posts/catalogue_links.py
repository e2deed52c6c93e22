"""Posts keep their catalogue links right when the catalogue changes.

A post's stored HTML links artists by slug and a reviewed release's tracks by
``#track-<id>``, and cached pages show catalogue data; the catalogue cannot
import posts, so this listener (registered in ``signal_handlers``) hears of its
changes through ``catalogue.events`` and re-links the posts concerned.
"""

from django.db import transaction
from django.db.models import Q

from linernotes.catalogue.events import CatalogueChange

from . import services
from .models import Post


def relink_posts(change: CatalogueChange) -> None:
    """Re-render the posts that review a changed release or mention a changed
    artist, then retire cached pages (once, as a batch), whether or not any
    post was re-rendered: the music pages show the catalogue itself."""
    posts = (
        Post.objects.filter(
            Q(reviews__release__in=change.release_ids)
            | Q(mentioned_artists__in=change.artist_ids)
        )
        .distinct()
        .order_by("pk")
    )
    with services.batch():
        for post in posts:
            with transaction.atomic():
                services.link_mentions(post=post)
        services.pages_changed()
