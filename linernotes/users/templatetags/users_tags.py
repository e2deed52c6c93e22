"""Template tags for the reader's pages."""

from django import template
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def optional_include(context, template_name: str) -> SafeString:
    """Render a partial another app may provide, or nothing while it does not.

    The profile page leaves room for apps above users (privacy's export and
    erase buttons) without importing them: they ship the named template.
    """
    try:
        partial = get_template(template_name)
    except TemplateDoesNotExist:
        return mark_safe("")  # noqa: S308 - an empty string
    return partial.render(context.flatten(), context.get("request"))
