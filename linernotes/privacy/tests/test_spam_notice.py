"""The privacy page's "What the spam check sees" is generated from the checks
LINERNOTES_SPAM_CHECKS actually loads (decision 0037): a check taken out of
the settings leaves the page, one added appears, and Akismet is named, with
what it receives, only while it is on."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.spam.checks import Contribution, Submission

pytestmark = pytest.mark.django_db
HERE = __name__
NOTHING_SENT = "Nothing is sent to any other company or service"


class Undescribed:
    """A site's own check that says nothing about itself."""

    def __call__(self, submission: Submission) -> Contribution | None:
        return None


def test_the_default_checks_are_listed_and_nothing_leaves_the_server(client):
    response = client.get("/privacy/")

    for seen in (
        "Whether a field hidden from readers was filled in",
        "How many links the comment holds, your website included.",
        "your network (your IP address shortened)",
        "compared with this blog’s block lists",
        "Whether any comment under your email address was approved before.",
    ):
        assertContains(response, seen)
    assertContains(response, NOTHING_SENT)
    assertNotContains(response, "Akismet")


def test_only_the_configured_checks_are_listed(client, settings):
    settings.LINERNOTES_SPAM_CHECKS = [
        {"NAME": "linernotes.spam.checks.LinkCount"},
        {"NAME": f"{HERE}.Undescribed"},
        {"NAME": "linernotes.spam.text_check.TextModelCheck"},
    ]

    response = client.get("/privacy/")

    assertContains(response, "How many links the comment holds")
    assertContains(response, "A check this site added (Undescribed).")
    assertContains(response, "read by a text model that runs on this blog’s server")
    assertNotContains(response, "hidden from readers")
    assertNotContains(response, "block lists")


def test_with_no_checks_the_page_says_so(client, settings):
    settings.LINERNOTES_SPAM_CHECKS = []

    assertContains(client.get("/privacy/"), "This blog runs no spam checks")


def test_akismet_is_named_with_what_it_receives_only_when_it_is_on(client, settings):
    settings.LINERNOTES_AKISMET_KEY = "test-key-123"

    response = client.get("/privacy/")

    assertContains(response, "<strong>Akismet, a spam-filtering service run by")
    assertContains(response, "your IP address shortened to its network")
    assertContains(response, 'href="https://automattic.com/privacy/"')
    assertNotContains(response, NOTHING_SENT)
    assertNotContains(response, "test-key-123")


def test_the_page_says_the_address_is_shortened_before_anything_sees_it(client):
    response = client.get("/privacy/")

    assertContains(response, "Your IP address is shortened before anything")
    assertContains(response, "a double click within 10 minutes")
