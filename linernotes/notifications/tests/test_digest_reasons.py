"""The moderation digest names why each held comment was held, in the same
words as the moderation queue (comments.moderation, spam.reasons)."""

import re
from datetime import timedelta

import pytest
from django.core import mail as outbox_module
from django.utils import timezone

from linernotes.notifications import services
from linernotes.notifications.tests.factories import SITE
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def known_checks(settings):
    """Checks that hold without deciding spam, and no text model."""
    settings.LINERNOTES_SPAM_CHECKS = [
        {"NAME": "linernotes.spam.rules.TooFast", "OPTIONS": {"min_seconds": 3}},
        {"NAME": "linernotes.spam.checks.LinkCount", "OPTIONS": {"minimum": 3}},
        {"NAME": "linernotes.spam.rules.FirstComment"},
    ]


@pytest.fixture
def held(run_on_commit, make_writer, make_post, make_comment):
    """An editor, and a comment held for posting fast with three links."""
    make_writer(username="ed", role=Role.EDITOR)
    return run_on_commit(
        make_comment,
        post=make_post(title="Side two"),
        body="See http://a.example and http://b.example and http://c.example",
        name="Quick",
        email="quick@example.net",
        approved=False,
        form_shown_at=timezone.now() - timedelta(seconds=1),
    )


def test_the_digests_text_names_each_held_comments_reasons(held, run_on_commit):
    run_on_commit(services.send_moderation_digest, site=SITE)

    (message,) = outbox_module.outbox
    assert "* Quick on “Side two”:" in message.body
    assert re.search(
        r"\n  Spam check: Held for a look, score 2\.2: "
        r"Posted 1\.\d s after the form was shown; 3 links; "
        r"First comment from this address\n",
        message.body,
    )


def test_the_digests_html_names_them_in_the_same_words(held, run_on_commit):
    run_on_commit(services.send_moderation_digest, site=SITE)

    (message,) = outbox_module.outbox
    html = message.alternatives[0][0]
    assert re.search(
        r"Spam check: Held for a look, score 2\.2: "
        r"Posted 1\.\d s after the form was shown; 3 links; "
        r"First comment from this address</li>",
        html,
    )
    assert "[&quot;" not in html and '["' not in message.body


def test_a_comment_held_by_the_blogs_policy_alone_says_so(
    run_on_commit, make_writer, make_post, make_comment, settings
):
    settings.LINERNOTES_SPAM_CHECKS = []
    make_writer(username="ed", role=Role.EDITOR)
    run_on_commit(
        make_comment, post=make_post(), body="Lovely.", name="Kim", approved=False
    )

    run_on_commit(services.send_moderation_digest, site=SITE)

    (message,) = outbox_module.outbox
    assert "Spam check: Looks fine, score 0.0: Nothing suspicious" in message.body
