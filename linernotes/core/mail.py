"""Mail rendered where its context is, sent later by the worker.

A request that mails someone (allauth's confirmation and reset links need the
request to build their URLs) renders the message there, but never talks to the
mail server: ``send_after_commit`` queues the finished parts as JSON, and
``core.tasks.send_message`` sends them through Django's email backend from
`linernotes worker`. A slow mail server never slows a reader, and a rolled-back
request mails nobody.
"""

from django.core.mail import EmailMessage
from django.db import transaction

from . import tasks


def send_after_commit(message: EmailMessage) -> None:
    """Queue ``message`` for the worker once the current transaction commits.

    Attachments are refused: files do not belong in a queued row.
    """
    parts = message_parts(message)
    transaction.on_commit(lambda: tasks.send_message.enqueue(**parts))


def message_parts(message: EmailMessage) -> dict:
    """The keyword arguments of ``tasks.send_message`` that rebuild ``message``."""
    if message.attachments:
        raise ValueError("A queued message cannot carry an attachment.")
    alternatives = getattr(message, "alternatives", [])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "alternatives": [[str(text), mimetype] for text, mimetype in alternatives],
        "content_subtype": message.content_subtype,
    }
