"""Signed, time-limited links that prove a guest owns an email address.

A guest has no account, so the only proof of who they are is that they can read
mail sent to the address they commented with. The link carries the address,
signed with the site's secret key, and expires after
``LINERNOTES_PRIVACY_LINK_HOURS``.
"""

from django.conf import settings
from django.core import signing

SALT = "linernotes.privacy.link"


class LinkInvalid(Exception):
    """The link was altered, or is for another site."""


class LinkExpired(LinkInvalid):
    """The link was genuine but is older than the allowed age."""


def make_link_token(email: str) -> str:
    return signing.dumps({"email": normalise_email(email)}, salt=SALT, compress=True)


def read_link_token(token: str) -> str:
    """The email address the token proves; raises LinkExpired or LinkInvalid."""
    max_age = settings.LINERNOTES_PRIVACY_LINK_HOURS * 3600
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    if not isinstance(payload, dict) or not isinstance(payload.get("email"), str):
        raise LinkInvalid
    return payload["email"]


def normalise_email(email: str) -> str:
    return email.strip().lower()
