"""When the reader was given the comment form, as a signed token.

The post page is cached (decision 0004): a time written into its HTML says when
the cache was filled, not when this reader opened it. So the time comes from
the uncached reader-state request the script makes as the page loads; the
script puts the token in the form, and the submission brings it back. The
signature keeps a bot from claiming it opened the form long ago. Without the
script there is no token and the timing check abstains.
"""

import time
from datetime import UTC, datetime

from django.core import signing

_SALT = "linernotes.spam.form-shown"
# Older than this, a token proves nothing about this visit (nor harms it).
MAX_AGE_SECONDS = 7 * 24 * 3600


def issue_form_token(now: float | None = None) -> str:
    """A token saying the form was shown at ``now`` (seconds since the epoch)."""
    return signing.dumps(round(now if now is not None else time.time(), 3), salt=_SALT)


def read_form_token(token: str) -> datetime | None:
    """When the form was shown, or None for a missing, forged, malformed or
    expired token (the check then abstains, as without the script)."""
    if not token or len(token) > 200:
        return None
    try:
        shown = signing.loads(token, salt=_SALT, max_age=MAX_AGE_SECONDS)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(shown, int | float) or time.time() - shown > MAX_AGE_SECONDS:
        return None
    return datetime.fromtimestamp(shown, tz=UTC)
