"""Background tasks any app may queue; `linernotes worker` runs them.

Arguments are plain JSON values, so a queued row says everything needed to run
the task again on another worker after a crash.
"""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task()
def send_message(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    cc: list[str],
    bcc: list[str],
    reply_to: list[str],
    headers: dict[str, str],
    alternatives: list[list[str]],
    content_subtype: str,
) -> None:
    """Send one message rendered earlier; queue it with core.mail.send_after_commit."""
    message = EmailMultiAlternatives(
        subject,
        body,
        from_email,
        to,
        cc=cc,
        bcc=bcc,
        reply_to=reply_to,
        headers=headers,
        alternatives=alternatives,
    )
    message.content_subtype = content_subtype
    message.send()
