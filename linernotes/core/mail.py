"""Mail rendered where its context is, sent later by the worker.

A request that mails someone (allauth's confirmation and reset links need the
request to build their URLs) renders the message there, but never talks to the
mail server: ``send_after_commit`` queues the finished parts as JSON, and
``core.tasks.send_message`` sends them through Django's email backend from
`linernotes worker`. A slow mail server never slows a reader, and a rolled-back
request mails nobody.

Without an SMTP server mail is printed by ``ReadableConsoleBackend``, decoded,
so a link in it can be copied from the terminal.
"""

from email.message import Message

from django.core.mail import EmailMessage
from django.core.mail.backends import console
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


class ReadableConsoleBackend(console.EmailBackend):
    """Django's console backend, printing what a person reads, not the wire format.

    The wire format is quoted-printable: long lines are folded with ``=`` and
    every ``=`` becomes ``=3D``, so a confirmation link printed that way cannot
    be copied from the terminal. This prints the headers a reader sees and each
    text part decoded; an HTML alternative or an attachment is named, not shown.
    """

    shown_headers = (
        "From",
        "To",
        "Cc",
        "Reply-To",
        "Subject",
        "Date",
        "List-Unsubscribe",
    )

    def write_message(self, message: EmailMessage) -> None:
        self.stream.write(readable_message(message.message(), self.shown_headers))
        self.stream.write("-" * 79 + "\n")


def readable_message(message: Message, headers: tuple[str, ...]) -> str:
    """``message``'s headers and decoded text parts, as a terminal shows them."""
    lines = [f"{name}: {message[name]}" for name in headers if message[name]]
    for part in message.walk():
        if not part.is_multipart():
            lines += ["", part_text(part).rstrip("\n")]
    return "\n".join(lines).rstrip("\n") + "\n"


def part_text(part: Message) -> str:
    """A plain-text part decoded; any other part named by its type and file."""
    kind, filename = part.get_content_type(), part.get_filename()
    if kind == "text/plain" and not filename:
        charset = part.get_content_charset() or "utf-8"
        return part.get_payload(decode=True).decode(charset, errors="replace")
    label = f"{kind} {filename}" if filename else kind
    return f"[{label} part not shown]"
