"""Mail leaves through Django's SMTP backend to a real SMTP server on loopback.

aiosmtpd listens on a free port; the test subscribes through the real form,
reads the message the server received, checks its headers and both parts, and
follows its signed links with the test client.
"""

import email
import email.policy
import re

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from linernotes.notifications.models import Subscription
from tests.test_scale_out import free_port

pytestmark = pytest.mark.django_db


class Inbox(Message):
    """Keeps every message the server accepts."""

    def __init__(self) -> None:
        super().__init__(email.message.EmailMessage)
        self.messages: list[email.message.Message] = []

    def handle_message(self, message) -> None:
        self.messages.append(message)


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": "127.0.0.1",
                "port": controller.port,
                "use_tls": False,
                "timeout": 5,
            },
        }
    }
    yield inbox
    controller.stop()


def parts(message) -> dict[str, str]:
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    return {
        part.get_content_type(): part.get_content()
        for part in parsed.walk()
        if not part.is_multipart()
    }


def test_a_confirmation_arrives_over_smtp_with_working_signed_links(
    smtp_inbox, settings, django_capture_on_commit_callbacks
):
    settings.LINERNOTES_SITE_URL = "http://testserver"
    settings.LINERNOTES_UNSUBSCRIBE_MAILTO = "unsubscribe@blog.example"
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            reverse("notifications:subscribe"),
            {"email": "rae@example.org", "kind": "posts"},
            HTTP_SEC_FETCH_SITE="same-origin",
        )

    [message] = smtp_inbox.messages
    body = parts(message)
    confirm = re.search(
        r"http://testserver(/subscribe/confirm/\S+/)", body["text/plain"]
    )
    # Long headers arrive folded over several lines; unfold before reading.
    list_unsubscribe = " ".join(message["List-Unsubscribe"].split())
    unsubscribe = re.search(r"<http://testserver(/u/[^>]+/)>", list_unsubscribe)
    confirmed = Client(enforce_csrf_checks=True).post(confirm.group(1))
    # The one-click request a mail program sends (RFC 8058): no cookie, no token.
    stopped = Client(enforce_csrf_checks=True).post(
        unsubscribe.group(1), {"List-Unsubscribe": "One-Click"}
    )

    assert message["To"] == "rae@example.org"
    assert message["X-RcptTo"] == "rae@example.org"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "<mailto:unsubscribe@blog.example?subject=" in list_unsubscribe
    assert set(body) == {"text/plain", "text/html"}
    assert 'href="http://testserver/subscribe/confirm/' in body["text/html"]
    assertContains(confirmed, "Subscribed: you will get mail for new posts.")
    assertContains(stopped, "Unsubscribed")
    assert not Subscription.objects.exists()
