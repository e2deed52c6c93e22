"""The desk home's "Reading, last 30 days" panel."""

from django import template

from linernotes.core.site import for_request

from ..selectors import reading_summary

register = template.Library()


@register.inclusion_tag("stats/reading_panel.html", takes_context=True)
def reading_panel(context: template.Context) -> dict:
    """The panel for staff; nothing at all for anyone else."""
    request = context.get("request")
    if request is None or not request.user.is_staff:
        return {"reading": None}
    return {"reading": reading_summary(for_request(request))}
