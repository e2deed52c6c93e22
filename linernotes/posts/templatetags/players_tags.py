"""The post page's players: which attachments play in the page, and whether the
page needs the players' stylesheet at all."""

from collections.abc import Iterable

from django import template

from ..models import Attachment, Page, Post

register = template.Library()


@register.filter
def audio_tracks(attachments: Iterable[Attachment]) -> list[Attachment]:
    """The attachments a browser's audio element may play (MP3, OGG, FLAC, M4A…),
    in the post's order. Whether this browser can play one is the browser's
    call (static/js/players.js); every track keeps its download link."""
    return [a for a in attachments if a.is_audio]


@register.filter
def has_players(post: Post | Page) -> bool:
    """Whether the post or page shows an embed placeholder or may show audio:
    only then does it link static/css/players.css (a page has no attachments)."""
    return bool(getattr(post, "attachment_count", 0)) or (
        "data-embed-provider" in post.body_html
    )
