"""A writer's block lists, typed on the desk's settings page, reach the spam
check at once: a comment with a blocked word or link domain is held, the next
clean one is not (the checks themselves: spam/tests/test_checks.py)."""

import pytest
from django.urls import reverse

from linernotes.desk.tests.test_settings import PAGE, posted
from linernotes.spam.checks import Submission
from linernotes.spam.rules import BlockLists

pytestmark = pytest.mark.django_db


def test_a_writer_edits_the_block_lists_in_the_site_settings_page(
    client, make_writer, make_post, django_capture_on_commit_callbacks
):
    post = make_post()
    client.force_login(make_writer(role="Editor"))
    with django_capture_on_commit_callbacks(execute=True):  # the page cache moves on
        saved = client.post(
            PAGE,
            posted(
                comment_moderation="none",
                spam_blocked_words="casino\r\nfree money",
                spam_blocked_link_domains="pills.example",
            ),
        )
    client.logout()

    def comment(body: str) -> str:
        response = client.post(
            reverse("comments:post", args=[post.pk]),
            {"name": "Rae", "email": "rae@example.org", "body": body},
            HTTP_ACCEPT="application/json",
            HTTP_SEC_FETCH_SITE="same-origin",
            HTTP_USER_AGENT="Mozilla/5.0",
        )
        return response.json()["status"]

    assert saved.status_code == 302
    assert comment("Visit www.pills.example for FREE  money") == "pending"
    assert comment("The horns on side two") == "approved"
    said = BlockLists()(Submission(body="Visit www.pills.example for free money"))
    assert said.reason == "blocked word “free money”, blocked link to “pills.example”"
