"""Background work for privacy: mailing the link a guest asked for.

Queued by ``services.request_privacy_link``; reads through ``selectors``, so
the services import this module and nothing here imports them.
"""

from django.tasks import task

from .mail import send_privacy_link
from .selectors import has_personal_data


@task
def deliver_privacy_link(email: str, url: str) -> bool:
    """Mail ``url`` to ``email`` if anything is stored under that address.

    The check runs here, not in the request, so asking about an unknown address
    takes the reader's request exactly as long as asking about a known one.
    """
    if not has_personal_data(email=email):
        return False
    send_privacy_link(email=email, url=url)
    return True
