"""A guest browser's like id: random, kept in a long-lived signed cookie.

Only the id's hash is stored with a like (services.hash_guest_id), so the table
alone cannot tie likes to a browser. The privacy app reads the id with
``guest_id_from_request`` to export or erase a guest's likes.
"""

import secrets

from django.core import signing
from django.http import HttpRequest, HttpResponse

GUEST_COOKIE = "linernotes_liker"
GUEST_SALT = "linernotes.likes.guest"
GUEST_COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2


def guest_id_from_request(request: HttpRequest) -> str | None:
    """The browser's guest id, or None without a valid signed cookie."""
    try:
        value = signing.loads(request.COOKIES.get(GUEST_COOKIE, ""), salt=GUEST_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) and value else None


def new_guest_id() -> str:
    return secrets.token_urlsafe(24)


def remember_guest(response: HttpResponse, guest_id: str) -> None:
    response.set_cookie(
        GUEST_COOKIE,
        signing.dumps(guest_id, salt=GUEST_SALT),
        max_age=GUEST_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
    )
