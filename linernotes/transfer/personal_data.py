"""Readers' data the importer keeps outside the comment table.

Comments a WordPress blog had on its pages and attachments are kept whole in
their import records (decision 0033): this blog shows no comments there, but
they are the blog's and go out again with ``export-wordpress``. They carry a
commenter's name, address, IP and words, so the privacy app exports, erases and
lets expire them like any comment (``privacy.sources`` lists this module).
"""

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from .models import WordPressObject


def _kept_comments(*, user=None, email: str | None = None) -> QuerySet:
    """The kept comments written from ``user``'s imported author account, or
    under ``email``."""
    kept = WordPressObject.objects.filter(
        kind=WordPressObject.Kind.COMMENT, object_id__isnull=True
    )
    match = Q(pk__in=[])
    if user is not None:
        authored = WordPressObject.objects.filter(
            kind=WordPressObject.Kind.AUTHOR, object_id=user.pk
        )
        for source, wp_id in authored.values_list("source", "wp_id"):
            match |= Q(source=source, data__user_id=wp_id)
    if email:
        match |= Q(data__author_email__iexact=email)
    return kept.filter(match)


def export_personal_data(*, user=None, email: str | None = None) -> list[dict]:
    """Each kept comment as WordPress had it, with where it was."""
    return [_exported(record) for record in _kept_comments(user=user, email=email)]


def _exported(record: WordPressObject) -> dict[str, Any]:
    data = record.data
    return {
        "blog": record.source,
        "on": f"{data.get('on', 'item')} {data.get('on_wp_id')}",
        **{
            key: data.get(key)
            for key in (
                "author",
                "author_email",
                "author_url",
                "author_ip",
                "date_gmt",
                "content",
            )
        },
    }


def erase_personal_data(*, user=None, email: str | None = None) -> int:
    """Delete the reader's kept comments; returns how many went."""
    deleted, _ = _kept_comments(user=user, email=email).delete()
    return deleted


def blank_network_details(*, before: datetime) -> int:
    """Forget the IP addresses of kept comments imported before ``before``
    (their own dates are older still)."""
    blanked = 0
    records = WordPressObject.objects.filter(
        kind=WordPressObject.Kind.COMMENT,
        object_id__isnull=True,
        imported_at__lt=before,
    ).exclude(data__author_ip="")
    for record in records.iterator():
        if record.data.get("author_ip"):
            record.data["author_ip"] = ""
            record.save(update_fields=["data"])
            blanked += 1
    return blanked
