"""Background work that decides who hears about a comment; the worker runs it.

Tasks take only JSON values (ids, strings), so a queued row in the database says
everything needed to run it again on another worker after a crash. They call
the services, which queue each message as ``mail.deliver``; nothing here is
imported by the services.
"""

from django.tasks import task

from . import services

# Messages queued before deliver moved to ``mail`` name it by this path.
from .mail import deliver  # noqa: F401


@task()
def notify_about_comment(comment_id: int, site: str) -> int:
    """Fan a published comment out to the replied-to author and the followers."""
    return services.notify_about_comment(comment_id=comment_id, site=site)


@task()
def confirm_reply_address(comment_id: int, site: str) -> bool:
    """Ask a guest, once, to confirm the address reply notices would go to."""
    return services.ask_to_confirm_reply_address(comment_id=comment_id, site=site)
