"""What the comment form and the comment service give the spam checks: the
hidden field, the form's timing token, trust and the blog's history."""

import pytest
from django.db import connection
from django.urls import reverse

from linernotes.comments import services
from linernotes.comments.history import HISTORY, _approved_address_sql
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.spam.checks import Contribution, Submission
from linernotes.spam.rules import FirstComment

pytestmark = pytest.mark.django_db
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0"}


def test_the_first_comment_of_an_unknown_address_raises_the_score(
    make_post, make_comment
):
    post = make_post()
    make_comment(post=post, email="regular@example.org", approved=True)
    make_comment(post=post, email="waiting@example.org", approved=False)
    check = FirstComment()

    def said(email: str):
        return check(Submission(body="Hi", author_email=email, history=HISTORY))

    assert said("new@example.org") == Contribution(
        0.3, "first comment from this address"
    )
    assert said("waiting@example.org") is not None  # held, never approved
    assert said("regular@example.org") is None
    assert said("Regular@Example.ORG") is None


def test_the_address_look_up_is_served_by_the_approved_address_index():
    """The look-up every guest's comment makes is written by hand: it must
    still match the partial index on approved comments' lowered addresses
    (with sequential scans off on PostgreSQL, whose planner would rather scan
    a test's tiny table)."""
    sql = _approved_address_sql()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", ["rae@example.org"])
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", ["rae@example.org"])
        plan = " ".join(str(row) for row in cursor.fetchall())

    assert "comment_approved_address" in plan


def test_the_honeypot_is_in_the_form_hidden_from_everyone(client, make_post):
    page = client.get(make_post().get_absolute_url()).content.decode()

    trap = page[page.index('<div hidden><label for="id_subject">') :]
    trap = trap[: trap.index("</div>")]
    assert 'name="subject"' in trap
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap


def test_a_submission_carries_what_the_checks_need(make_post, settings):
    """A check configured in the settings records what it was given."""
    settings.LINERNOTES_SPAM_CHECKS = [
        {"NAME": "linernotes.comments.tests.test_spam_signals.Records"}
    ]
    Records.seen.clear()
    author = services.Author(name="Rae", email="rae@example.org", trusted=True)

    services.submit_comment(
        post=make_post(),
        author=author,
        body="Hello",
        ip_address="203.0.113.9",
        user_agent="Mozilla/5.0",
        form_shown_at=None,
        honeypot="filled",
    )

    (seen,) = Records.seen
    assert (seen.honeypot, seen.trusted, seen.record) == ("filled", True, True)
    assert seen.ip_network == "203.0.113.0/24"
    assert seen.history is HISTORY


class Records:
    seen: list[Submission] = []

    def __call__(self, submission: Submission) -> Contribution | None:
        self.seen.append(submission)
        return None


def test_an_edit_is_judged_without_counting_towards_rates(
    make_post, make_comment, settings
):
    comment = make_comment(post=make_post(), body="First words.")
    settings.LINERNOTES_SPAM_CHECKS = [
        {"NAME": "linernotes.comments.tests.test_spam_signals.Records"}
    ]
    Records.seen.clear()

    services.edit_comment(comment=comment, body="Second words.")

    (seen,) = Records.seen
    assert seen.body == "Second words." and seen.record is False


def test_the_forms_token_reaches_the_timing_check(client, make_post):
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.save()
    post = make_post()
    token = client.get(reverse("users:reader_state"), {"post": post.pk}).json()[
        "comment_form_shown"
    ]
    data = {"name": "Rae", "email": "rae@example.org", "body": "Quick!"}

    client.post(
        reverse("comments:post", args=[post.pk]), {**data, "shown": token}, **SAME_SITE
    )

    comment = Comment.objects.get()
    assert comment.status == "pending"
    # sent at once after the reader state was read: sooner than anyone types
    assert comment.spam_reasons[0].startswith("sent 0.")
