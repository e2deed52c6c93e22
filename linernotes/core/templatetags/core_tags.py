"""Template helpers that know nothing about posts: JSON-LD, absolute URLs,
isolation, moments in the blog's one date format."""

import json
import re
from datetime import datetime

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from linernotes.core.dates import moment_html

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data: dict) -> SafeString:
    """A ``<script type="application/ld+json">`` data block, which CSP allows."""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>', SafeString(payload)
    )


@register.simple_tag(takes_context=True)
def absolute_url(context: dict, path: str) -> str:
    """``path`` on the host this page is served on."""
    return context["request"].build_absolute_uri(path)


@register.filter
def isolate(text: str) -> str:
    """``text`` between Unicode's isolate marks (FSI … PDI) when it holds
    direction controls, for writers' and readers' words shown inside other
    words ("Read “…”", a page's title).

    A title may hold a right-to-left override (U+202E) that never closes;
    isolated, it turns only its own text around, not the words after it. The
    marks work where tags cannot (the <title> element). Text without such
    controls is left exactly as it is (titles are copied and bookmarked).
    """
    return f"\u2068{text}\u2069" if _DIRECTION_CONTROLS.search(text) else text


_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@register.filter
def moment(value: datetime | None, style: str = "") -> SafeString | str:
    """A moment in a ``<time>`` element in the blog's one format
    (``core.dates``); ``|moment:"relative"`` says how long ago instead and
    keeps the exact moment in the title. Nothing for no moment."""
    if value is None or value == "":
        return ""
    return moment_html(value, relative=style == "relative")
