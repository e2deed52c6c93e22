"""Template tags for the admin's moderation queue."""

from django import template

from linernotes.comments.models import Comment
from linernotes.core.site import for_request
from linernotes.users.roles import ModerationScope, moderation_scope

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_comment_count(context: template.Context) -> int | None:
    """How many comments wait in this writer's queue (one COUNT query), or None
    for a writer who moderates none."""
    user, site = context["request"].user, for_request(context["request"])
    if moderation_scope(user, site) is ModerationScope.NONE:
        return None
    return Comment.objects.awaiting_moderation().moderated_by(user, site).count()
