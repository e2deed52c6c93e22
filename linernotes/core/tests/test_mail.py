"""Rendered mail queued for the worker: sent after commit, every part kept.

Tasks run inline in tests (ImmediateBackend), which still turns a task's
arguments into JSON, so a part that could not be queued fails here.
"""

import io

import pytest
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction

from linernotes.core import mail

pytestmark = pytest.mark.django_db


def test_a_queued_message_arrives_with_every_part(
    mailoutbox, django_capture_on_commit_callbacks
):
    message = EmailMultiAlternatives(
        subject="Confirm your address",
        body="Follow the link.",
        from_email="Liner Notes <noreply@blog.example>",
        to=["rae@example.net"],
        cc=["sam@example.net"],
        bcc=["archive@example.net"],
        reply_to=["editor@example.net"],
        headers={"X-Liner-Notes": "account"},
    )
    message.attach_alternative("<p>Follow the link.</p>", "text/html")

    with django_capture_on_commit_callbacks(execute=True):
        mail.send_after_commit(message)

    sent = mailoutbox[0]
    assert sent.subject == "Confirm your address"
    assert sent.body == "Follow the link."
    assert sent.from_email == "Liner Notes <noreply@blog.example>"
    assert sent.recipients() == [
        "rae@example.net",
        "sam@example.net",
        "archive@example.net",
    ]
    assert sent.reply_to == ["editor@example.net"]
    assert sent.extra_headers == {"X-Liner-Notes": "account"}
    assert list(sent.alternatives) == [("<p>Follow the link.</p>", "text/html")]


def test_an_html_only_message_stays_html(
    mailoutbox, django_capture_on_commit_callbacks
):
    """allauth sends one when a project gives only an HTML template."""
    message = EmailMessage("Hello", "<p>Hi</p>", to=["rae@example.net"])
    message.content_subtype = "html"

    with django_capture_on_commit_callbacks(execute=True):
        mail.send_after_commit(message)

    assert mailoutbox[0].message().get_content_type() == "text/html"


def test_a_rolled_back_transaction_mails_nobody(
    mailoutbox, django_capture_on_commit_callbacks
):
    message = EmailMessage("Hello", "Hi", to=["rae@example.net"])

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            mail.send_after_commit(message)
            raise RuntimeError("the request failed after rendering")

    assert mailoutbox == []


def test_a_message_with_an_attachment_is_refused():
    """Files do not fit in a queued row; such mail belongs in its own task."""
    message = EmailMessage("Hello", "Hi", to=["rae@example.net"])
    message.attach("notes.txt", "side A", "text/plain")

    with pytest.raises(ValueError, match="attachment"):
        mail.send_after_commit(message)


LONG_LINK = (
    "https://blog.example/accounts/confirm-email/"
    "MTI:1vQx7e:a=b&c=d-averylongsignaturethatquotedprintablewouldfold/"
)


def console_output(message: EmailMessage) -> str:
    stream = io.StringIO()
    mail.ReadableConsoleBackend(stream=stream).send_messages([message])
    return stream.getvalue()


def test_console_mail_prints_a_long_link_whole_and_unescaped():
    """Django's console backend printed this link folded with ``=`` and with
    ``=3D`` for ``=``: tried with it, the link was not in the output."""
    message = EmailMultiAlternatives(
        subject="Confirm your address — Liner Notes",
        body=f"Hello Zoë,\n\nconfirm your address:\n{LONG_LINK}\n",
        from_email="Liner Notes <noreply@blog.example>",
        to=["zoe@example.net"],
    )
    message.attach_alternative(f'<p><a href="{LONG_LINK}">Confirm</a></p>', "text/html")

    printed = console_output(message)

    assert f"\n{LONG_LINK}\n" in printed
    assert "Hello Zoë," in printed
    assert "Subject: Confirm your address — Liner Notes" in printed
    assert "To: zoe@example.net" in printed
    assert "[text/html part not shown]" in printed
    assert "=3D" not in printed


def test_console_mail_names_an_attachment_without_printing_it():
    message = EmailMessage(subject="Export", body="Attached.", to=["a@example.net"])
    message.attach("export.json", '{"comments": []}', "application/json")

    printed = console_output(message)

    assert "[application/json export.json part not shown]" in printed
    assert '{"comments"' not in printed
