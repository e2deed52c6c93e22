"""Moderating spam in the admin, through real requests: the spam check's
reasons in words, one-click "Not spam" and "Spam" on every row, the same as
bulk actions, each decision kept as training text, who may click, and the
spam report's counts per reason."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.spam.models import TrainingExample
from linernotes.spam.moderation import reason_counts
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db
QUEUE = "admin:comments_comment_changelist"
SPAMMY = "Buy now at https://a.example https://b.example https://c.example"


@pytest.fixture(autouse=True)
def known_checks(settings):
    """The checks these tests reason about, and no text model: each test
    decides which reasons its comments get."""
    settings.LINERNOTES_SPAM_CHECKS = [
        {"NAME": "linernotes.spam.rules.Honeypot"},
        {"NAME": "linernotes.spam.rules.TooFast", "OPTIONS": {"min_seconds": 3}},
        {"NAME": "linernotes.spam.checks.LinkCount", "OPTIONS": {"minimum": 3}},
        {"NAME": "linernotes.spam.rules.FirstComment"},
    ]


@pytest.fixture
def editor(make_writer):
    return make_writer(role=Role.EDITOR, username="ed")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def bot_comment(post, make_comment, email: str = "bot@example.net") -> Comment:
    """A comment that filled the hidden field, sent a second after the form was
    shown, with three links: spam by the pipeline."""
    return make_comment(
        post=post,
        body=SPAMMY,
        name="Bot",
        email=email,
        approved=False,
        honeypot="https://spam.example",
        form_shown_at=timezone.now() - timedelta(seconds=1),
    )


def held_comment(post, make_comment, body="Is the vinyl cut louder?") -> Comment:
    return make_comment(
        post=post, body=body, name="Dee", email="dee@example.org", approved=False
    )


def content(response) -> str:
    return response.content.decode()


def decide(client, comment: Comment, decision: str, query: str = ""):
    url = reverse("admin:comments_comment_decide", args=[comment.pk]) + query
    return client.post(url, {"decision": decision})


def let_authors_moderate() -> None:
    site = SiteSettings.load()
    site.authors_moderate_comments = True
    site.save()


# What the list and a comment's page show


def test_the_list_gives_score_and_reasons_in_words(
    editor_client, make_post, make_comment
):
    bot_comment(make_post(), make_comment)

    response = editor_client.get(reverse(QUEUE))

    assertContains(response, "Filled in the hidden field")
    assert re.search(r"Posted 1\.\d s after the form was shown", content(response))
    assertContains(response, "<li>3 links</li>", html=True)
    assertContains(response, "First comment from this address")
    assertContains(response, "score 7.2")  # 5 + 1 + 3 × 0.3 + 0.3
    assertNotContains(response, "filled in the hidden field")  # the raw reason
    assertNotContains(response, "[&quot;")  # no JSON list


def test_a_comments_own_page_gives_the_reasons_in_words_not_json(
    editor_client, make_post, make_comment
):
    comment = bot_comment(make_post(), make_comment)

    response = editor_client.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    )

    assertContains(response, "Filled in the hidden field")
    assertContains(
        response, '<span class="spam-verdict spam-spam">Looks like spam</span>'
    )
    assertNotContains(response, "[&quot;")
    assertNotContains(response, "filled in the hidden field")


def test_the_list_shows_the_comment_rendered_and_cut_short(
    editor_client, make_post, make_comment
):
    words = " ".join(f"word{n}" for n in range(200))
    held_comment(make_post(), make_comment, body=f"*Loud* cut.\n\n{words}")

    response = editor_client.get(reverse(QUEUE))

    assertContains(response, "<em>Loud</em> cut.", html=False)
    assertNotContains(response, "*Loud*")
    assertContains(response, "word40")
    assertNotContains(response, "word199")


def test_a_comment_with_script_in_it_shows_as_text_in_the_list(
    editor_client, make_post, make_comment
):
    held_comment(make_post(), make_comment, body="<script>alert(1)</script> Nice.")

    response = editor_client.get(reverse(QUEUE))

    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "Nice.")


def test_each_row_offers_the_decision_it_does_not_already_have(
    editor_client, make_post, make_comment
):
    post = make_post()
    spam = bot_comment(post, make_comment)
    held = held_comment(post, make_comment)

    response = editor_client.get(reverse(QUEUE))

    spam_url = reverse("admin:comments_comment_decide", args=[spam.pk])
    held_url = reverse("admin:comments_comment_decide", args=[held.pk])
    content = response.content.decode()
    # spam: Not spam and Trash; held: Approve, Spam and Trash (Reply and Edit
    # are links to pages)
    assert content.count(f'formaction="{spam_url}"') == 2
    assert content.count(f'formaction="{held_url}"') == 3
    assertContains(response, 'value="ham"')
    assertContains(response, 'value="approve"')


def test_the_list_costs_the_same_queries_for_many_comments(
    editor_client, make_post, make_comment, django_assert_max_num_queries
):
    post = make_post()
    for n in range(3):
        held_comment(post, make_comment, body=f"Held {n}.")
    with django_assert_max_num_queries(30) as few:
        editor_client.get(reverse(QUEUE))
    for n in range(20):
        bot_comment(make_post(), make_comment, email=f"bot{n}@example.net")

    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_client.get(reverse(QUEUE))


# One click on a row


def test_not_spam_approves_a_held_comment_and_keeps_it_as_ham(
    editor_client, make_post, make_comment
):
    post = make_post()
    held = held_comment(post, make_comment)

    response = decide(
        editor_client, held, "ham", "?_changelist_filters=status__exact%3Dpending"
    )

    held.refresh_from_db()
    post.refresh_from_db()
    assert held.status == Comment.Status.APPROVED
    assert post.comment_count == 1
    assert response.status_code == 302
    assert response["Location"] == reverse(QUEUE) + "?status__exact=pending"
    example = TrainingExample.objects.get(comment_id=held.pk)
    assert (example.text, example.spam) == ("Is the vinyl cut louder?", False)


def test_not_spam_rescues_a_comment_the_filter_called_spam(
    editor_client, make_post, make_comment
):
    caught = bot_comment(make_post(), make_comment)
    assert caught.status == Comment.Status.SPAM

    response = decide(editor_client, caught, "ham")
    followed = editor_client.get(response["Location"])

    caught.refresh_from_db()
    assert caught.status == Comment.Status.APPROVED
    assert TrainingExample.objects.get(comment_id=caught.pk).spam is False
    assertContains(followed, "Bot’s comment approved: not spam.")


def test_spam_marks_the_comment_and_keeps_its_text_as_spam(
    editor_client, make_post, make_comment
):
    post = make_post()
    shown = make_comment(post=post, body="Visit my shop for cheap pills")

    decide(editor_client, shown, "spam")

    shown.refresh_from_db()
    post.refresh_from_db()
    assert shown.status == Comment.Status.SPAM
    assert post.comment_count == 0
    example = TrainingExample.objects.get(comment_id=shown.pk)
    assert (example.text, example.spam) == ("Visit my shop for cheap pills", True)


def test_changing_ones_mind_relabels_the_same_example(
    editor_client, make_post, make_comment
):
    held = held_comment(make_post(), make_comment)

    decide(editor_client, held, "spam")
    decide(editor_client, held, "ham")

    assert TrainingExample.objects.filter(comment_id=held.pk).count() == 1
    assert TrainingExample.objects.get(comment_id=held.pk).spam is False


def test_a_decision_must_be_one_the_row_offers(editor_client, make_post, make_comment):
    held = held_comment(make_post(), make_comment)

    response = decide(editor_client, held, "removed")  # a status, not a decision

    held.refresh_from_db()
    assert response.status_code == 400
    assert held.status == Comment.Status.PENDING
    assert not TrainingExample.objects.exists()


def test_a_decision_is_never_taken_by_a_get(editor_client, make_post, make_comment):
    held = held_comment(make_post(), make_comment)
    url = reverse("admin:comments_comment_decide", args=[held.pk])

    response = editor_client.get(url, {"decision": "spam"})

    held.refresh_from_db()
    assert response.status_code == 405
    assert held.status == Comment.Status.PENDING


def test_a_decision_without_the_csrf_token_is_refused(editor, make_post, make_comment):
    held = held_comment(make_post(), make_comment)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = decide(client, held, "spam")

    held.refresh_from_db()
    assert response.status_code == 403
    assert held.status == Comment.Status.PENDING


def test_a_decision_with_the_lists_own_csrf_token_goes_through(
    editor, make_post, make_comment
):
    held = held_comment(make_post(), make_comment)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(reverse(QUEUE))
    token = page.context["csrf_token"]

    url = reverse("admin:comments_comment_decide", args=[held.pk])
    response = client.post(url, {"decision": "spam", "csrfmiddlewaretoken": token})

    held.refresh_from_db()
    assert response.status_code == 302
    assert held.status == Comment.Status.SPAM


def test_a_reader_cannot_decide(client, make_user, make_post, make_comment):
    held = held_comment(make_post(), make_comment)
    client.force_login(make_user())

    response = decide(client, held, "ham")

    held.refresh_from_db()
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert held.status == Comment.Status.PENDING
    assert not TrainingExample.objects.exists()


def test_an_author_cannot_decide_on_another_authors_post(
    client, make_writer, make_post, make_comment
):
    let_authors_moderate()
    mara, dee = make_writer(username="mara"), make_writer(username="dee")
    theirs = held_comment(make_post(author=dee), make_comment)
    client.force_login(mara)

    response = decide(client, theirs, "spam")

    theirs.refresh_from_db()
    assert response.status_code == 403
    assert theirs.status == Comment.Status.PENDING
    assert not TrainingExample.objects.exists()


def test_an_author_decides_on_their_own_post_while_the_blog_allows_it(
    client, make_writer, make_post, make_comment
):
    let_authors_moderate()
    mara = make_writer(username="mara")
    own = held_comment(make_post(author=mara), make_comment)
    client.force_login(mara)

    response = decide(client, own, "spam")

    own.refresh_from_db()
    assert response.status_code == 302
    assert own.status == Comment.Status.SPAM


def test_an_author_cannot_decide_once_the_blog_stops_authors_moderating(
    client, make_writer, make_post, make_comment
):
    mara = make_writer(username="mara")
    own = held_comment(make_post(author=mara), make_comment)
    site = SiteSettings.load()
    site.authors_moderate_comments = False
    site.save()
    client.force_login(mara)

    response = decide(client, own, "spam")

    own.refresh_from_db()
    assert response.status_code == 403
    assert own.status == Comment.Status.PENDING


# Bulk actions and the comment page's actions


def bulk(client, action: str, comments: list[Comment], query: str = ""):
    data = {
        "action": action,
        "index": "0",
        "select_across": "0",
        "_selected_action": [str(comment.pk) for comment in comments],
    }
    return client.post(reverse(QUEUE) + query, data, follow=True)


def test_bulk_not_spam_approves_the_held_and_keeps_them_as_ham(
    editor_client, make_post, make_comment
):
    post = make_post()
    held = [held_comment(post, make_comment, body=f"Question {n}?") for n in range(3)]

    response = bulk(editor_client, "approve", held, "?status__exact=pending")

    assertContains(response, "3 comment(s) approved.")
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    assert sorted(TrainingExample.objects.values_list("text", "spam")) == [
        (f"Question {n}?", False) for n in range(3)
    ]


def test_bulk_spam_marks_them_and_keeps_them_as_spam(
    editor_client, make_post, make_comment
):
    post = make_post()
    chosen = [held_comment(post, make_comment, body=f"Cheap {n}") for n in range(2)]
    left = held_comment(post, make_comment, body="A real question?")

    response = bulk(editor_client, "mark_spam", chosen)

    assertContains(response, "2 comment(s) marked as spam.")
    assert Comment.objects.get(pk=left.pk).status == Comment.Status.PENDING
    assert set(TrainingExample.objects.values_list("spam", flat=True)) == {True}
    assert TrainingExample.objects.count() == 2


def test_bulk_actions_never_reach_another_authors_comments(
    client, make_writer, make_post, make_comment
):
    let_authors_moderate()
    mara, dee = make_writer(username="mara"), make_writer(username="dee")
    own = held_comment(make_post(author=mara), make_comment, body="On mine.")
    theirs = held_comment(make_post(author=dee), make_comment, body="On Dee's.")
    client.force_login(mara)

    bulk(client, "mark_spam", [own, theirs])

    assert Comment.objects.get(pk=own.pk).status == Comment.Status.SPAM
    assert Comment.objects.get(pk=theirs.pk).status == Comment.Status.PENDING
    assert list(TrainingExample.objects.values_list("comment_id", flat=True)) == [
        own.pk
    ]


def test_a_comments_own_page_offers_not_spam_and_spam(
    editor_client, make_post, make_comment
):
    held = held_comment(make_post(), make_comment)
    url = reverse("admin:comments_comment_change", args=[held.pk])

    page = editor_client.get(url)
    editor_client.post(
        url,
        {
            "CHANGE_FORM-action": "mark_spam",
            "_selected_action": [str(held.pk)],
        },
    )

    choices = dict(page.context["action_form"].fields["action"].choices)
    assert {choices["approve"], choices["mark_spam"]} == {"Not spam: approve", "Spam"}
    held.refresh_from_db()
    assert held.status == Comment.Status.SPAM
    assert TrainingExample.objects.get(comment_id=held.pk).spam is True


# The spam report


def test_the_spam_report_counts_each_reason_of_the_last_30_days(
    editor_client, make_post, make_comment
):
    post = make_post()
    for n in range(3):
        bot_comment(post, make_comment, email=f"bot{n}@example.net")
    held = held_comment(post, make_comment)
    services.moderate_comment(comment=held, status=Comment.Status.APPROVED)
    old = bot_comment(post, make_comment, email="old@example.net")
    Comment.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=31)
    )

    response = editor_client.get(reverse("admin:comments_comment_spam_report"))

    rows = {row.label: row for row in response.context["rows"]}
    assert rows["Filled in the hidden field"].comments == 3
    assert rows["Filled in the hidden field"].spam == 3
    assert rows["Three or more links"].comments == 3
    assert rows["First comment from this address"].comments == 4
    assert rows["First comment from this address"].approved == 1
    assert rows["All comments"].comments == 4
    assert "Words read like spam" not in rows  # no comment gave it
    assertContains(response, '<th scope="row">Posted faster than a person types</th>')


def test_the_spam_report_is_one_query(
    make_post, make_comment, django_assert_num_queries
):
    post = make_post()
    bot_comment(post, make_comment)
    held_comment(post, make_comment)
    since = timezone.now() - timedelta(days=30)

    with django_assert_num_queries(1):
        rows = reason_counts(Comment.objects.all(), since=since)

    assert rows[-1].comments == 2


def test_an_authors_spam_report_counts_only_their_own_posts(
    client, make_writer, make_post, make_comment
):
    let_authors_moderate()
    mara, dee = make_writer(username="mara"), make_writer(username="dee")
    bot_comment(make_post(author=mara), make_comment)
    bot_comment(make_post(author=dee), make_comment, email="other@example.net")
    client.force_login(mara)

    response = client.get(reverse("admin:comments_comment_spam_report"))

    rows = {row.label: row for row in response.context["rows"]}
    assert rows["Filled in the hidden field"].comments == 1


def test_a_reader_cannot_see_the_spam_report(client, make_user):
    client.force_login(make_user())

    response = client.get(reverse("admin:comments_comment_spam_report"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_list_links_to_the_spam_report(editor_client):
    response = editor_client.get(reverse(QUEUE))

    report = reverse("admin:comments_comment_spam_report")
    assertContains(response, f'<a href="{report}">Spam report</a>', html=True)
