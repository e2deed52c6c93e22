"""Whose comments skip the "hold a guest's first comment" policy, and why.

Trust is earned by an approved comment, and it must be this writer's own: a
typed email proves nothing, since anyone can type a regular's address. So a
guest is trusted only when this browser's signed cookie names a comment that
was written from it, under the same address, and then approved; an account
when one of its own comments, or one written under an address it has verified,
was approved.
"""

from django.core import signing
from django.db.models import Q

from linernotes.users.selectors import verified_emails

from .models import Comment

COMMENTER_COOKIE = "linernotes_commenter"
_SALT = "linernotes.comments.commenter"
# The newest comments a browser remembers: enough for one of them to have been
# approved by the time the next is written.
_REMEMBERED = 20


def _read(cookie: str) -> dict:
    try:
        value = signing.loads(cookie, salt=_SALT)
    except signing.BadSignature:
        return {}
    return value if isinstance(value, dict) else {}


def remember_comment(cookie: str, comment: Comment) -> str:
    """The commenter cookie's new value once this browser wrote ``comment``:
    it keeps the address and the ids of the comments written under it."""
    value = _read(cookie)
    email = comment.author_email.lower()
    ids = value.get("ids", []) if value.get("email") == email else []
    # A repeat of a submission comes back as the same comment: listed once.
    ids = [*(pk for pk in ids if pk != comment.pk), comment.pk][-_REMEMBERED:]
    return signing.dumps({"email": email, "ids": ids}, salt=_SALT)


def remembered_comments(cookie: str) -> tuple[str, list[int]]:
    """The address and comment ids this browser's cookie names (empty if none)."""
    value = _read(cookie)
    ids = [pk for pk in value.get("ids", []) if isinstance(pk, int)]
    email = value.get("email")
    return (email, ids) if isinstance(email, str) and ids else ("", [])


def cookie_vouches_for(cookie: str, email: str) -> bool:
    """Whether a comment written from this browser under ``email`` was approved."""
    remembered, ids = remembered_comments(cookie)
    if not ids or remembered != email.lower():
        return False
    return (
        Comment.objects.approved()
        .filter(pk__in=ids, author_email__iexact=email)
        .exists()
    )


def account_is_trusted(user) -> bool:
    """Whether one of the account's comments, or one written under an address
    the account has verified, was approved."""
    approved = Comment.objects.approved()
    if approved.filter(user=user).exists():  # the usual case, on the user index
        return True
    addresses = verified_emails(user)
    if not addresses:
        return False
    # Case-insensitive, so no index serves it: asked only until the account's
    # own first comment is approved.
    earned = Q(pk__in=[])
    for address in addresses:
        earned |= Q(author_email__iexact=address)
    return approved.filter(earned).exists()
