"""Saving the blog's settings from the desk.

``SiteSettings`` is one row (``core.models``); saving it retires every cached
page through core's ``post_save`` handler, as it did when the stock admin saved
it, so readers see a new title or time zone at their next request.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from linernotes.core.models import SiteSettings

from .forms import GROUPS

# Every field a writer may change: those the settings page shows.
EDITABLE = frozenset(name for group in GROUPS for name in group.fields)


def update_site_settings(changes: Mapping[str, Any]) -> SiteSettings:
    """Apply ``changes`` to the settings row and save it, or save nothing.

    Every value is checked against the model's own rules (``full_clean``)
    before anything is written; a bad one raises ``ValidationError`` naming
    its field, and the stored row stays as it was. A name that is not a
    setting is refused the same way rather than ignored.
    """
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        raise ValidationError(f"Not a site setting: {', '.join(unknown)}.")
    with transaction.atomic():
        row, _ = SiteSettings.objects.select_for_update().get_or_create(pk=1)
        for name, value in changes.items():
            setattr(row, name, value)
        row.full_clean()
        row.save()
    return row
