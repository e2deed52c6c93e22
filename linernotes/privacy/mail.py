"""The one mail privacy sends: the signed link a guest asked for.

Rendered with notifications' message builder (both parts, one-click
unsubscribe) from this app's own templates, ``privacy/email/``.
"""

from linernotes.notifications import mail
from linernotes.notifications.services import address_token


def send_privacy_link(*, email: str, url: str) -> None:
    """Mail ``url`` to ``email`` now; call from the worker, never a request."""
    mail.build_message(
        to=email,
        template="privacy_link",
        context={"privacy_url": url},
        site=mail.site_url(link=url),
        unsubscribe=address_token(email, "all"),
        folder="privacy/email",
    ).send()
