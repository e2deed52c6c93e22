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

from linernotes.comments.models import Comment

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
    """Erase the reader's kept comments; returns how many.

    The record stays, emptied, so importing the same file again does not bring
    the comment back. Records of comments the comments app has just erased
    (their row is gone) are emptied too: their kept meta (Akismet keeps the
    commenter's address, IP and browser there) must not outlive them.
    """
    erased = _kept_comments(user=user, email=email).update(data={"erased": True})
    _orphans().update(data={"erased": True})
    return erased


def _orphans() -> QuerySet:
    """Records of imported comments whose comment no longer exists."""
    return (
        WordPressObject.objects.filter(
            kind=WordPressObject.Kind.COMMENT, object_id__isnull=False
        )
        .exclude(object_id__in=Comment.objects.values("pk"))
        .exclude(data={"erased": True})
    )


def blank_network_details(*, before: datetime) -> int:
    """Forget the IP addresses of kept comments, and the comment meta of every
    imported comment (where Akismet kept IP addresses and browsers), imported
    before ``before`` (their own dates are older still)."""
    blanked = 0
    records = WordPressObject.objects.filter(
        kind=WordPressObject.Kind.COMMENT, imported_at__lt=before
    ).filter(Q(data__has_key="meta") | ~Q(data__author_ip=""))
    for record in records.iterator():
        had = bool(record.data.pop("meta", None)) | bool(record.data.get("author_ip"))
        if "author_ip" in record.data:
            record.data["author_ip"] = ""
        if had:
            record.save(update_fields=["data"])
            blanked += 1
    return blanked
