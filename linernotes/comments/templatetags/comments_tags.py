"""Template tags for the admin's moderation queue."""

from django import template

from linernotes.comments.models import Comment

register = template.Library()


@register.simple_tag
def pending_comment_count() -> int:
    """How many comments await moderation: one COUNT query."""
    return Comment.objects.awaiting_moderation().count()
