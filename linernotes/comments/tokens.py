"""Signed tokens that prove a guest wrote a comment, without an account.

A guest's receipt (and the script's answer) carries a link with an edit token
for that one comment. It is signed with the site's secret, so it cannot be
forged or moved to another comment, and it expires with the edit window. The
receipt itself lasts a day, or for a held comment until a writer has looked at
it: until then it is the only place a reader without JavaScript sees it.
"""

from typing import NamedTuple

from django.core import signing
from django.urls import reverse

RECEIPT_SALT = "linernotes.comments.receipt"
EDIT_SALT = "linernotes.comments.edit"
RECEIPT_HOURS = 24


def receipt_token(comment_pk: int) -> str:
    return signing.dumps(comment_pk, salt=RECEIPT_SALT)


class Receipt(NamedTuple):
    pk: int
    expired: bool  # older than RECEIPT_HOURS; still good while the comment is held


def read_receipt(token: str) -> Receipt | None:
    """The comment a receipt names, or None for a token this site did not sign."""
    try:
        pk = signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_HOURS * 3600)
        expired = False
    except signing.SignatureExpired:
        pk, expired = signing.loads(token, salt=RECEIPT_SALT), True
    except signing.BadSignature:
        return None
    return Receipt(pk, expired) if isinstance(pk, int) else None


def edit_token(comment_pk: int) -> str:
    return signing.dumps({"edit": comment_pk}, salt=EDIT_SALT)


def edit_token_allows(token: str, comment_pk: int, minutes: int) -> bool:
    """True when ``token`` was issued for this comment within ``minutes``."""
    try:
        data = signing.loads(token, salt=EDIT_SALT, max_age=minutes * 60 + 60)
    except signing.BadSignature:
        return False
    return isinstance(data, dict) and data.get("edit") == comment_pk


def receipt_url(comment_pk: int) -> str:
    return reverse("comments:receipt", args=[receipt_token(comment_pk)])


def edit_url(comment) -> str:
    """Where the writer edits ``comment``: an account signs in, a guest carries
    the edit token."""
    url = reverse("comments:edit", args=[comment.pk])
    return url if comment.user_id else f"{url}?token={edit_token(comment.pk)}"
