"""Building and sending one mail: signed links, absolute URLs, both parts and
list headers, and ``deliver``, the task every notification leaves through.

Links in mail must work with no session, so they carry their own proof: a value
signed with the site's SECRET_KEY (django.core.signing). Unsubscribe links never
expire (RFC 8058 asks that they keep working) and are short (see
``unsubscribe_token``); confirmation links last a week.
"""

import functools
import logging
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import urlsafe_base64_encode

from linernotes.core.site import site_settings

logger = logging.getLogger(__name__)
SALT = "linernotes.notifications.link"
CONFIRM_MAX_AGE = 7 * 24 * 3600
FALLBACK_SITE_URL = "http://127.0.0.1:8000"


def make_token(purpose: str, **data: object) -> str:
    return signing.dumps({"p": purpose, **data}, salt=SALT, compress=True)


def read_token(token: str, purpose: str, *, max_age: int | None = None) -> dict | None:
    """The signed data if ``token`` is genuine, for ``purpose`` and not too old."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) and data.get("p") == purpose else None


def site_url(request: HttpRequest | None = None, *, link: str = "") -> str:
    """The blog's address for links in mail, without a trailing slash.

    LINERNOTES_SITE_URL wins; else the address the triggering request came to (or
    the origin of an absolute ``link`` built from one). Jobs with no request
    (digests, announcements, reply notices sent after commit) need the setting;
    without it they fall back to the development address, with a warning.
    """
    configured = settings.LINERNOTES_SITE_URL.rstrip("/")
    if configured:
        return configured
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    if link.startswith(("http://", "https://")):
        parts = urlsplit(link)
        return f"{parts.scheme}://{parts.netloc}"
    _warn_unset_site_url()
    return FALLBACK_SITE_URL


@functools.cache
def _warn_unset_site_url() -> None:
    """Once per process: the fallback is taken on every reply a worker mails."""
    logger.warning(
        "LINERNOTES_SITE_URL is not set; mail links use %s", FALLBACK_SITE_URL
    )


def absolute(site: str, name: str, *args: object) -> str:
    return site + reverse(name, args=args)


UNSUBSCRIBE_KINDS = {"s": "sub", "r": "replies", "d": "digest", "a": "all"}


def unsubscribe_token(kind: str, pk: int) -> str:
    """A short signed reference to what one link stops: a Subscription ("sub") or
    an address's reply notices, digests or all mail (a MailAddress).

    Short on purpose: List-Unsubscribe must carry the URL whole, and mail
    headers fold at 78 characters; a longer word gets MIME-encoded, which mail
    programs then cannot use. 96 bits of HMAC are plenty for an unsubscribe.
    """
    letter = next(key for key, name in UNSUBSCRIBE_KINDS.items() if name == kind)
    value = f"{letter}{pk}"
    return f"{value}.{_short_mac(value)}"


def read_unsubscribe_token(token: str) -> tuple[str, int] | None:
    """``(kind, pk)`` from a genuine unsubscribe token, else None."""
    value, _, mac = token.partition(".")
    kind = UNSUBSCRIBE_KINDS.get(value[:1])
    if kind is None or not value[1:].isdigit():
        return None
    if not constant_time_compare(mac, _short_mac(value)):
        return None
    return kind, int(value[1:])


def _short_mac(value: str) -> str:
    digest = salted_hmac(SALT + ".unsubscribe", value, algorithm="sha256").digest()
    return urlsafe_base64_encode(digest[:12])


def list_unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058 headers: mail programs show their own button."""
    targets = [f"<{url}>"]
    if mailto := settings.LINERNOTES_UNSUBSCRIBE_MAILTO:
        subject = quote(url.rstrip("/").rsplit("/", 1)[-1])
        targets.append(f"<mailto:{mailto}?subject={subject}>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def build_message(
    *,
    to: str,
    template: str,
    context: dict,
    site: str,
    unsubscribe: str,
    folder: str = "notifications/email",
) -> EmailMultiAlternatives:
    """Render ``<folder>/<template>`` (.txt, .html, _subject.txt); apps above
    notifications keep their mail's templates in their own folder."""
    unsubscribe_url = absolute(site, "notifications:unsubscribe", unsubscribe)
    context = {
        **context,
        "site_url": site,
        "site_title": site_settings().title,
        "unsubscribe_url": unsubscribe_url,
    }
    base = f"{folder}/{template}"
    subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{base}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=list_unsubscribe_headers(unsubscribe_url),
    )
    message.attach_alternative(render_to_string(f"{base}.html", context), "text/html")
    return message


@task()
def deliver(to: str, template: str, context: dict, site: str, unsubscribe: str) -> None:
    """Render and send one message to one address (never a list of readers).

    Takes only JSON values, so a queued row says everything needed to run it
    again on another worker after a crash.
    """
    build_message(
        to=to, template=template, context=context, site=site, unsubscribe=unsubscribe
    ).send()
