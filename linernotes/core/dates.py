"""A moment as the blog writes it, in a ``<time>`` element.

The words come from the one date-with-time format (``core.formats``) in the
time zone active for the request (the blog's, ``SiteTimezoneMiddleware``).
Where how long ago matters more than the clock ("a comment waiting for 3
hours"), ``relative=True`` says that instead and keeps the exact moment, with
its zone, in the element's ``title``; the ``datetime`` attribute always holds
the machine-readable moment.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timesince import timesince, timeuntil

# Closer to now than this, a moment is "just now": "0 minutes ago" reads badly.
JUST_NOW = timedelta(minutes=1)


def exact(moment: datetime) -> str:
    """``moment`` in the blog's words: "7 Dec 2026, 09:05"."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def how_long_ago(moment: datetime, now: datetime | None = None) -> str:
    """ "3 hours ago", "in 2 days" or "just now", to the largest unit only."""
    now = now or timezone.now()
    if abs(now - moment) < JUST_NOW:
        return "just now"
    if moment <= now:
        return f"{timesince(moment, now, depth=1)} ago"
    return f"in {timeuntil(moment, now, depth=1)}"


def moment_html(moment: datetime, *, relative: bool = False) -> SafeString:
    """``<time datetime="…">7 Dec 2026, 09:05</time>``, or with ``relative``
    ``<time datetime="…" title="7 Dec 2026, 09:05 (Europe/Berlin)">3 hours
    ago</time>``."""
    local = timezone.localtime(moment)
    machine = local.isoformat(timespec="seconds")
    if not relative:
        return format_html('<time datetime="{}">{}</time>', machine, exact(local))
    zone = timezone.get_current_timezone_name()
    return format_html(
        '<time datetime="{}" title="{} ({})">{}</time>',
        machine,
        exact(local),
        zone,
        how_long_ago(moment),
    )
