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
comment for a person. ``LINERNOTES_AKISMET_TIMEOUT`` bounds the whole call,
not each network read: a server trickling its answer a byte at a time would
otherwise hold the reader's request for as long as it liked. The request runs
in a worker thread; when the time is up the caller stops waiting, shuts the
socket (which ends the worker's read) and abstains. Only new comments are sent
(``Submission.record``): an edit or a ``spam evaluate`` run sends nothing.

The API key travels in the request body, so the API address must be https://;
plain http:// is accepted only on loopback (a local stand-in, as the tests use).

When a writer overrules Akismet (marks as spam a comment it called not spam,
or approves one it called spam), Akismet is told (``submit-spam`` /
``submit-ham``), so it learns from the blog as the text model does. Only a
comment Akismet already judged is sent, with the same fields it was sent
then; nothing else ever leaves. It runs in the worker after the moderating
transaction commits (``tasks.tell_akismet``, queued by
``moderation.remember_decision``), within the same overall deadline, so a
slow Akismet never holds up the writer's click.
"""

import http.client
import ipaddress
import logging
import socket
import threading
from email.message import Message
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.utils.translation import get_language

import linernotes

from .checks import Contribution, Kind, Submission

logger = logging.getLogger(__name__)

USER_AGENT = f"LinerNotes/{linernotes.__version__} | Akismet-check/1"
# An answer is "true" or "false"; anything longer is not one.
_MAX_ANSWER = 64
# Akismet's verdicts as the check words them in a comment's reasons (the one
# place they are written): what a writer's decision is compared with.
SAYS_HAM = "Akismet says not spam"
SAYS_SPAM = "Akismet says spam"
SAYS_BLATANT = "Akismet says blatant spam"


class AkismetUnavailable(Exception):
    """Akismet gave no usable answer; the message says what went wrong."""


class Akismet:
    """Asks Akismet whether a new comment is spam, when a key is configured."""

    service = "Akismet, a spam-filtering service run by Automattic"
    service_url = "https://automattic.com/privacy/"
    sends = (
        "the comment’s text, your name, email address and website, your IP "
        "address shortened to its network, your browser’s user agent and this "
        "blog’s address; the same again if a writer here corrects its verdict "
        "on your comment"
    )

    def __init__(self, score: float = 1.0, discard_is_certain: bool = True) -> None:
        self.score, self.discard_is_certain = score, discard_is_certain

    @property
    def active(self) -> bool:
        """On only with a key: the privacy page lists it only then."""
        return is_configured()

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
            return Contribution(0.0, SAYS_HAM)
        if discard:
            return Contribution(
                self.score,
                SAYS_BLATANT,
                kind=Kind.DECISIVE,
                certain=self.discard_is_certain,
            )
        return Contribution(self.score, SAYS_SPAM, kind=Kind.DECISIVE)


def is_configured() -> bool:
    """A key is set: Akismet is asked about new comments and told of
    corrections."""
    return bool(settings.LINERNOTES_AKISMET_KEY)


def akismet_verdict(reasons: list[str]) -> bool | None:
    """What Akismet said of a comment, from its stored reasons: True (spam),
    False (not spam) or None (never asked, or no answer)."""
    if SAYS_SPAM in reasons or SAYS_BLATANT in reasons:
        return True
    if SAYS_HAM in reasons:
        return False
    return None


def submit_correction(submission: Submission, *, spam: bool) -> None:
    """Tell Akismet it was wrong about ``submission``: ``submit-spam`` for
    spam it let through, ``submit-ham`` for a comment it called spam. Sends
    the fields ``comment-check`` sent; raises AkismetUnavailable for no
    answer within ``LINERNOTES_AKISMET_TIMEOUT`` or an error status."""
    call = "submit-spam" if spam else "submit-ham"
    answer, headers = _call(call, submission)
    if answer == "invalid" or headers.get("X-akismet-error"):
        hint = headers.get("X-akismet-debug-help") or headers.get("X-akismet-error")
        raise AkismetUnavailable(f"{call} refused: {answer[:20]!r} {hint or ''}")


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
    answer, headers = _call("comment-check", submission)
    if answer == "true":
        return True, headers.get("X-akismet-pro-tip", "").lower() == "discard"
    if answer == "false":
        return False, False
    hint = headers.get("X-akismet-debug-help") or headers.get("X-akismet-error")
    raise AkismetUnavailable(f"unexpected answer {answer[:20]!r}: {hint or ''}")


def _call(call: str, submission: Submission) -> tuple[str, Message]:
    """POST ``submission``'s fields to Akismet's ``call`` endpoint and return
    the body and headers of a 200 answer. The checks and the deadline
    (``LINERNOTES_AKISMET_TIMEOUT``) are the same for every call, so asking
    and correcting cannot drift apart; raises AkismetUnavailable without the
    blog's address, past the deadline, or for any other status."""
    if not settings.LINERNOTES_SITE_URL:
        raise AkismetUnavailable(
            "LINERNOTES_SITE_URL is empty; Akismet needs the blog's address"
        )
    url = settings.LINERNOTES_AKISMET_API_URL.rstrip("/") + "/" + call
    seconds = float(settings.LINERNOTES_AKISMET_TIMEOUT)
    connection = _connection(url, seconds)
    body = urlencode(comment_params(submission)).encode()
    status, answer, headers = _post_within(connection, url, body, seconds)
    if status != 200:
        raise AkismetUnavailable(f"HTTP {status} from {url}")
    return answer, headers


def _connection(url: str, timeout: float) -> http.client.HTTPConnection:
    """A connection to ``url``'s server: https://, or http:// to loopback only
    (anywhere else the key would cross the network in the clear)."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError as error:
        raise AkismetUnavailable(f"bad LINERNOTES_AKISMET_API_URL: {error}") from error
    if parts.scheme == "https" and parts.hostname:
        return http.client.HTTPSConnection(parts.hostname, port, timeout=timeout)
    if parts.scheme == "http" and _is_loopback(parts.hostname or ""):
        return http.client.HTTPConnection(parts.hostname, port, timeout=timeout)
    raise AkismetUnavailable(
        f"LINERNOTES_AKISMET_API_URL must be https:// (http:// only on loopback): {url}"
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _post_within(
    connection: http.client.HTTPConnection, url: str, body: bytes, seconds: float
) -> tuple[int, str, Message]:
    """POST ``body`` and read the answer, all within ``seconds``: (status,
    answer, headers). Past the deadline the socket is shut, so the abandoned
    worker's read fails at once rather than keeping a thread and a connection."""
    outcome: dict[str, object] = {}
    path = urlsplit(url).path or "/"

    def ask() -> None:
        try:
            connection.request(
                "POST",
                path,
                body=body,
                headers={
                    "User-Agent": USER_AGENT,
                    "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                },
            )
            response = connection.getresponse()
            answer = response.read(_MAX_ANSWER).decode("utf-8", "replace").strip()
            outcome["answer"] = (response.status, answer, response.headers)
        except Exception as error:  # noqa: BLE001 - handed to the caller below
            outcome["error"] = error
        finally:
            connection.close()

    worker = threading.Thread(target=ask, name="akismet-check", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        sock = connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by the worker
        raise AkismetUnavailable(f"no complete answer from {url} within {seconds:g} s")
    error = outcome.get("error")
    if error is not None:
        raise AkismetUnavailable(f"{type(error).__name__}: {error}") from error
    return outcome["answer"]  # type: ignore[return-value]
