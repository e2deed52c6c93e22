"""Signed tokens that prove a guest wrote a comment, without an account.

A guest's receipt (and the script's answer) carries a link with an edit token
for that one comment. It is signed with the site's secret, so it cannot be
forged or moved to another comment, and it expires with the edit window.
"""

from django.core import signing

RECEIPT_SALT = "linernotes.comments.receipt"
EDIT_SALT = "linernotes.comments.edit"
RECEIPT_HOURS = 24


def receipt_token(comment_pk: int) -> str:
    return signing.dumps(comment_pk, salt=RECEIPT_SALT)


def comment_pk_from_receipt(token: str) -> int | None:
    try:
        return signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_HOURS * 3600)
    except signing.BadSignature:
        return None


def edit_token(comment_pk: int) -> str:
    return signing.dumps({"edit": comment_pk}, salt=EDIT_SALT)


def edit_token_allows(token: str, comment_pk: int, minutes: int) -> bool:
    """True when ``token`` was issued for this comment within ``minutes``."""
    try:
        data = signing.loads(token, salt=EDIT_SALT, max_age=minutes * 60 + 60)
    except signing.BadSignature:
        return False
    return isinstance(data, dict) and data.get("edit") == comment_pk
