"""Akismet, the one outside spam service, as an optional pipeline check.

Off unless ``LINERNOTES_AKISMET_KEY`` is set: the blog's own checks decide, and
no reader's words leave the server. When a site owner turns it on, each new
comment is sent to Akismet's REST API (``comment-check``) with the blog's
address (``LINERNOTES_SITE_URL``) and the privacy page names the service and
what it receives (``sends``). What is sent is what the other checks see: the
IP address is the shortened one the comment service passes on (decision 0037).

Akismet's "spam" is decisive evidence in decision 0035's sense: on its own it
holds a comment, and with the site's trained text model agreeing it is spam.
Its ``X-akismet-pro-tip: discard`` ("blatant spam, no need to look") is certain
on its own by default, like the honeypot; the comment still goes to the spam
queue, where it can be restored, rather than being thrown away.

Akismet not answering in time, answering 5xx or anything but "true"/"false"
never costs a comment: the check says so, logs it, and adds enough to hold the
comment for a person. Each network step (connecting, sending, each read) waits
at most ``LINERNOTES_AKISMET_TIMEOUT`` seconds. Only new comments are sent
(``Submission.record``): an edit or a ``spam evaluate`` run sends nothing.
"""

import logging
import urllib.error
import urllib.request
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import get_language

import linernotes

from .checks import Contribution, Kind, Submission

logger = logging.getLogger(__name__)

USER_AGENT = f"LinerNotes/{linernotes.__version__} | Akismet-check/1"
# An answer is "true" or "false"; anything longer is not one.
_MAX_ANSWER = 64


class AkismetUnavailable(Exception):
    """Akismet gave no usable answer; the message says what went wrong."""


class Akismet:
    """Asks Akismet whether a new comment is spam, when a key is configured."""

    service = "Akismet, a spam-filtering service run by Automattic"
    service_url = "https://automattic.com/privacy/"
    sends = (
        "the comment’s text, your name, email address and website, your IP "
        "address shortened to its network, your browser’s user agent and this "
        "blog’s address"
    )

    def __init__(self, score: float = 1.0, discard_is_certain: bool = True) -> None:
        self.score, self.discard_is_certain = score, discard_is_certain

    @property
    def active(self) -> bool:
        """On only with a key: the privacy page lists it only then."""
        return bool(settings.LINERNOTES_AKISMET_KEY)

    def __call__(self, submission: Submission) -> Contribution | None:
        if not self.active or not submission.record:
            return None
        try:
            spam, discard = comment_check(submission)
        except AkismetUnavailable as error:
            logger.warning("Akismet gave no answer, comment held: %s", error)
            return Contribution(
                float(settings.LINERNOTES_SPAM_HOLD_SCORE),
                "Akismet did not answer, so it is held",
            )
        if not spam:
            return Contribution(0.0, "Akismet says not spam")
        if discard:
            return Contribution(
                self.score,
                "Akismet says blatant spam",
                kind=Kind.DECISIVE,
                certain=self.discard_is_certain,
            )
        return Contribution(self.score, "Akismet says spam", kind=Kind.DECISIVE)


def comment_params(submission: Submission) -> dict[str, str]:
    """The fields of a ``comment-check`` request: all that is sent."""
    params = {
        "api_key": settings.LINERNOTES_AKISMET_KEY,
        "blog": settings.LINERNOTES_SITE_URL,
        "user_ip": submission.ip_address or "",
        "user_agent": submission.user_agent,
        "comment_type": "comment",
        "comment_author": submission.author_name,
        "comment_author_email": submission.author_email,
        "comment_author_url": submission.author_url,
        "comment_content": submission.body,
        "blog_charset": "UTF-8",
        "blog_lang": (get_language() or settings.LANGUAGE_CODE).split("-")[0],
    }
    return {key: value for key, value in params.items() if value}


def comment_check(submission: Submission) -> tuple[bool, bool]:
    """Akismet's answer: (spam, discard). Raises AkismetUnavailable for no
    answer in time, an error status, or a body that is not "true"/"false"
    (Akismet says "invalid" for a bad key, with a hint in a header)."""
    if not settings.LINERNOTES_SITE_URL:
        raise AkismetUnavailable(
            "LINERNOTES_SITE_URL is empty; Akismet needs the blog's address"
        )
    url = settings.LINERNOTES_AKISMET_API_URL.rstrip("/") + "/comment-check"
    if not url.startswith(("https://", "http://")):
        raise AkismetUnavailable(f"LINERNOTES_AKISMET_API_URL is not http(s): {url}")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url,
        data=urlencode(comment_params(submission)).encode(),
        headers={
            "User-Agent": USER_AGENT,
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        },
    )
    timeout = float(settings.LINERNOTES_AKISMET_TIMEOUT)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            answer = response.read(_MAX_ANSWER).decode("utf-8", "replace").strip()
            headers = response.headers
    except urllib.error.HTTPError as error:
        raise AkismetUnavailable(f"HTTP {error.code} from {url}") from error
    except (OSError, ValueError) as error:  # time-out, refused, bad URL
        raise AkismetUnavailable(f"{type(error).__name__}: {error}") from error
    if answer == "true":
        return True, headers.get("X-akismet-pro-tip", "").lower() == "discard"
    if answer == "false":
        return False, False
    hint = headers.get("X-akismet-debug-help") or headers.get("X-akismet-error")
    raise AkismetUnavailable(f"unexpected answer {answer[:20]!r}: {hint or ''}")
