"""Background work for privacy: mailing the link a guest asked for."""

from django.tasks import task

from linernotes.notifications.tasks import send_privacy_link


@task
def deliver_privacy_link(email: str, url: str) -> bool:
    """Mail ``url`` to ``email`` if anything is stored under that address.

    The check runs here, not in the request, so asking about an unknown address
    takes the reader's request exactly as long as asking about a known one.
    """
    from .services import has_personal_data

    if not has_personal_data(email=email):
        return False
    # Already in the worker: send now rather than queue a second job.
    send_privacy_link.call(email, url)
    return True
