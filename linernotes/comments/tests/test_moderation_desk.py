"""The moderation list as a writer's desk (issue 13, item 5), through real
requests: each row's actions (Approve, Reply, Spam, Trash, Edit) are form
posts that work without a script, trash is restorable, "Approve" keeps the
words as a good comment for the spam model, a decision returns to a page of
this site and nowhere else, the list filters by post, authors act only on
their own posts' comments while the blog allows it, and the spam report has
an "Other" row."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.spam.models import TrainingExample

from .test_moderation_admin import (  # noqa: F401  (known_checks is a fixture)
    QUEUE,
    bot_comment,
    decide,
    held_comment,
    known_checks,
    let_authors_moderate,
)

pytestmark = pytest.mark.django_db
REPORT = "admin:comments_comment_spam_report"


@pytest.fixture
def editor_client(client, make_writer):
    client.force_login(make_writer(role="Editor", username="ed"))
    return client


def linky_comment(post, make_comment) -> Comment:
    """Three links: the spam check holds it (a "hold" verdict)."""
    return make_comment(
        post=post,
        body="Mirrors: http://a.example http://b.example http://c.example",
        name="Linky",
        email="linky@example.net",
        approved=False,
    )


class _RowActions(HTMLParser):
    """Collects each row action's address (href or formaction, without its
    query) and visible label."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if "row-action" in (attributes.get("class") or "").split():
            target = attributes.get("href") or attributes.get("formaction", "")
            self._open = target.split("?")[0]

    def handle_data(self, data: str) -> None:
        if self._open is not None and data.strip():
            self.found.append((self._open, data.strip()))
            self._open = None


def row_actions(html: str, comment: Comment) -> list[str]:
    """The labels of ``comment``'s row actions, in order, read off the page."""
    ours = {
        reverse(name, args=[comment.pk])
        for name in (
            "admin:comments_comment_decide",
            "admin:comments_comment_reply",
            "admin:comments_comment_change",
        )
    }
    parser = _RowActions()
    parser.feed(html)
    return [label for target, label in parser.found if target in ours]


# What each row offers


def test_a_held_comment_offers_approve_reply_spam_trash_and_edit(
    editor_client, make_post, make_comment
):
    held = held_comment(make_post(), make_comment)

    response = editor_client.get(reverse(QUEUE))

    assert row_actions(response.content.decode(), held) == [
        "Approve",
        "Reply",
        "Spam",
        "Trash",
        "Edit",
    ]


def test_spam_offers_not_spam_and_trash_and_the_trash_offers_restore(
    editor_client, make_post, make_comment
):
    post = make_post()
    caught = bot_comment(post, make_comment)
    binned = services.moderate_comment(
        comment=make_comment(post=post, body="Old."), status=Comment.Status.TRASH
    )

    html = editor_client.get(reverse(QUEUE)).content.decode()

    assert row_actions(html, caught) == ["Not spam", "Trash", "Edit"]
    assert row_actions(html, binned) == ["Restore", "Spam", "Edit"]


def test_the_row_shows_who_under_which_post_rendered_not_markdown(
    editor_client, make_post, make_comment
):
    post = make_post(title="Purple Rain")
    held_comment(post, make_comment, body="The **guitar** solo, though.")

    response = editor_client.get(reverse(QUEUE))

    assertContains(response, "<strong>guitar</strong>")
    assertNotContains(response, "**guitar**")
    assertContains(response, f'href="{reverse(QUEUE)}?post__id__exact={post.pk}"')
    assertContains(response, "dee@example.org")


# Trash: the blog's soft delete


def test_trash_hides_a_comment_from_readers_and_restore_brings_it_back_to_the_queue(
    editor_client, make_post, make_comment, settings
):
    settings.LINERNOTES_DISCARDED_COMMENT_DAYS = 30
    post = make_post()
    shown = make_comment(post=post, body="Worth it for the B-side alone.")
    post.refresh_from_db()
    assert post.comment_count == 1

    trashed = editor_client.post(
        reverse("admin:comments_comment_decide", args=[shown.pk]),
        {"decision": "trash"},
        follow=True,
    )
    post.refresh_from_db()
    shown.refresh_from_db()
    page = editor_client.get(post.get_absolute_url())

    assert shown.status == Comment.Status.TRASH
    assert post.comment_count == 0
    assertNotContains(page, "Worth it for the B-side alone.")
    assertContains(trashed, "Rae’s comment moved to the trash")
    assertContains(trashed, "within 30 days")
    in_trash = editor_client.get(reverse(QUEUE), {"status__exact": "trash"})
    assertContains(in_trash, "Worth it for the B-side alone.")

    decide(editor_client, shown, "restore")

    shown.refresh_from_db()
    assert shown.status == Comment.Status.PENDING
    assert not TrainingExample.objects.filter(comment_id=shown.pk).exists()


def test_trash_forgets_what_an_earlier_spam_click_taught(
    editor_client, make_post, make_comment
):
    held = held_comment(make_post(), make_comment)
    decide(editor_client, held, "spam")
    assert TrainingExample.objects.filter(comment_id=held.pk).exists()

    decide(editor_client, held, "trash")

    assert not TrainingExample.objects.filter(comment_id=held.pk).exists()


def test_the_trash_is_purged_only_after_the_days_it_is_kept(
    editor_client, make_post, make_comment, settings
):
    settings.LINERNOTES_DISCARDED_COMMENT_DAYS = 30
    comment = make_comment(post=make_post())
    decide(editor_client, comment, "trash")

    assert services.purge_discarded_comments(timezone.now() + timedelta(days=29)) == 0
    assert services.purge_discarded_comments(timezone.now() + timedelta(days=31)) == 1


# Approve and what it teaches


def test_approving_a_comment_only_the_policy_held_teaches_not_spam_too(
    editor_client, make_post, make_comment
):
    """The same rule as the periodic training: every approved comment is ham."""
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_ALL
    site.save()
    post = make_post()
    held = make_comment(post=post, body="Lovely write-up.", approved=False)
    assert (held.status, held.spam_verdict) == ("pending", "ham")

    response = decide(editor_client, held, "approve")

    held.refresh_from_db()
    post.refresh_from_db()
    assert response.status_code == 302
    assert held.status == Comment.Status.APPROVED
    assert post.comment_count == 1
    assert TrainingExample.objects.get(comment_id=held.pk).spam is False


def test_approving_a_comment_the_spam_check_held_teaches_not_spam(
    editor_client, make_post, make_comment
):
    held = linky_comment(make_post(), make_comment)
    assert (held.status, held.spam_verdict) == ("pending", "hold")

    decide(editor_client, held, "approve")

    held.refresh_from_db()
    assert held.status == Comment.Status.APPROVED
    assert TrainingExample.objects.get(comment_id=held.pk).spam is False


def test_approving_a_comment_marked_spam_teaches_not_spam(
    editor_client, make_post, make_comment
):
    caught = bot_comment(make_post(), make_comment)

    decide(editor_client, caught, "approve")

    assert TrainingExample.objects.get(comment_id=caught.pk).spam is False


@pytest.mark.parametrize("decision", ["approve", "ham", "trash", "spam", "restore"])
def test_a_decision_the_row_does_not_offer_changes_nothing(
    editor_client, make_post, make_comment, decision
):
    """A removed comment's placeholder holds its thread together: a stale or
    made-up form must neither publish its emptied text nor hide it."""
    post = make_post()
    removed = make_comment(post=post, body="Gone.")
    Comment.objects.filter(pk=removed.pk).update(status=Comment.Status.REMOVED)

    response = decide(editor_client, removed, decision)

    removed.refresh_from_db()
    assert response.status_code == 302
    assert removed.status == Comment.Status.REMOVED
    assert not TrainingExample.objects.exists()


def test_approve_and_not_spam_each_apply_where_the_other_is_offered(
    editor_client, make_post, make_comment
):
    post = make_post()
    caught = bot_comment(post, make_comment)
    held = held_comment(post, make_comment)

    decide(editor_client, caught, "approve")
    decide(editor_client, held, "ham")

    caught.refresh_from_db()
    held.refresh_from_db()
    assert caught.status == held.status == Comment.Status.APPROVED


# Where a decision returns


@pytest.mark.parametrize("next_url", ["/admin/", "/admin/?from=desk#pending"])
def test_a_decision_returns_to_a_page_of_this_site_given_as_next(
    editor_client, make_post, make_comment, next_url
):
    held = held_comment(make_post(), make_comment)

    response = editor_client.post(
        reverse("admin:comments_comment_decide", args=[held.pk]),
        {"decision": "approve", "next": next_url},
    )

    assert response.status_code == 302
    assert response["Location"] == next_url


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/admin/",
        "javascript:alert(1)",
        "http://testserver/admin/",  # this host, but not the scheme in use
        "/\\evil.example",
    ],
)
def test_a_decision_never_returns_to_another_site(
    editor_client, make_post, make_comment, next_url
):
    held = held_comment(make_post(), make_comment)

    response = editor_client.post(
        reverse("admin:comments_comment_decide", args=[held.pk]) + "?next=/x/",
        {"decision": "spam", "next": next_url},
        secure=True,
    )

    held.refresh_from_db()
    assert held.status == Comment.Status.SPAM  # the decision itself is taken
    assert response["Location"] == reverse(QUEUE)


def test_next_may_come_in_the_address_too(editor_client, make_post, make_comment):
    held = held_comment(make_post(), make_comment)
    url = reverse("admin:comments_comment_decide", args=[held.pk])

    response = editor_client.post(url + "?next=/admin/", {"decision": "trash"})

    assert response["Location"] == "/admin/"


def test_the_reply_page_returns_to_next_after_replying(
    editor_client, make_post, make_comment
):
    held = held_comment(make_post(), make_comment)
    url = reverse("admin:comments_comment_reply", args=[held.pk])

    response = editor_client.post(url + "?next=/admin/", {"body": "It is, a little."})

    held.refresh_from_db()
    assert response["Location"] == "/admin/"
    assert held.status == Comment.Status.APPROVED


# Filters


def test_the_list_filters_by_post(editor_client, make_post, make_comment):
    first, second = make_post(title="First"), make_post(title="Second")
    held_comment(first, make_comment, body="About the first.")
    held_comment(second, make_comment, body="About the second.")

    response = editor_client.get(reverse(QUEUE), {"post__id__exact": first.pk})

    assertContains(response, "About the first.")
    assertNotContains(response, "About the second.")


# Who may act


def test_an_author_sees_and_filters_only_their_own_posts_comments(
    client, make_writer, make_post, make_comment
):
    let_authors_moderate()
    mara, dee = make_writer(username="mara"), make_writer(username="dee")
    # Two posts of her own, so the list offers its filter by post.
    held_comment(make_post(author=mara, title="Mara's review"), make_comment)
    held_comment(make_post(author=mara, title="Mara's list"), make_comment)
    held_comment(
        make_post(author=dee, title="Dee's secret"), make_comment, body="Theirs."
    )
    client.force_login(mara)

    response = client.get(reverse(QUEUE))

    assertContains(response, "By post")
    assertContains(response, "Mara&#x27;s review")
    assertNotContains(response, "Dee&#x27;s secret")  # neither row nor filter
    assertNotContains(response, "Theirs.")


@pytest.mark.parametrize("allowed", [True, False])
@pytest.mark.parametrize("decision", ["approve", "trash", "restore"])
def test_an_author_gets_403_on_another_authors_comment(
    client, make_writer, make_post, make_comment, allowed, decision
):
    site = SiteSettings.load()
    site.authors_moderate_comments = allowed
    site.save()
    mara, dee = make_writer(username="mara"), make_writer(username="dee")
    theirs = held_comment(make_post(author=dee), make_comment)
    client.force_login(mara)

    response = decide(client, theirs, decision)
    reply = client.get(reverse("admin:comments_comment_reply", args=[theirs.pk]))

    theirs.refresh_from_db()
    assert response.status_code == 403
    assert reply.status_code == 403
    assert theirs.status == Comment.Status.PENDING


def test_an_author_trashes_and_approves_on_their_own_post_while_allowed(
    client, make_writer, make_post, make_comment
):
    let_authors_moderate()
    mara = make_writer(username="mara")
    post = make_post(author=mara)
    first = held_comment(post, make_comment, body="First question?")
    second = held_comment(post, make_comment, body="Second question?")
    client.force_login(mara)

    decide(client, first, "approve")
    decide(client, second, "trash")

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("approved", "trash")


# The spam report's "Other" row


def given_reasons(comment: Comment, reasons: list[str], status: str) -> None:
    Comment.objects.filter(pk=comment.pk).update(spam_reasons=reasons, status=status)


def test_the_spam_report_counts_reasons_no_kind_knows_under_other(
    editor_client, make_post, make_comment
):
    post = make_post()
    own_check = held_comment(post, make_comment, body="One.")
    given_reasons(own_check, ["posted from a listed VPN"], "spam")
    mixed = held_comment(post, make_comment, body="Two.")
    given_reasons(mixed, ["3 links", "the site's own rule fired"], "approved")
    fine = held_comment(post, make_comment, body="Three.")
    given_reasons(
        fine,
        [
            "no rule matched",
            "text reads fine to the starting model (0.12, threshold 0.90)",
        ],
        "approved",
    )

    response = editor_client.get(reverse(REPORT))

    rows = {row.label: row for row in response.context["rows"]}
    other = rows["Other (a reason no kind above covers)"]
    assert (other.comments, other.approved, other.spam) == (2, 1, 1)
    labels = list(rows)
    assert labels[-2:] == ["Other (a reason no kind above covers)", "All comments"]
    assert rows["All comments"].comments == 3


def test_the_spam_report_has_no_other_row_when_every_reason_is_known(
    editor_client, make_post, make_comment
):
    bot_comment(make_post(), make_comment)

    response = editor_client.get(reverse(REPORT))

    assert [row.label for row in response.context["rows"]][-1] == "All comments"
    assertNotContains(response, "Other (")


# Edit: a comment's page


def change_url(comment: Comment) -> str:
    return reverse("admin:comments_comment_change", args=[comment.pk])


def test_edit_changes_the_words_readers_see_and_teaches_nothing(
    editor_client, make_post, make_comment
):
    post = make_post()
    shown = make_comment(post=post, body="Buy it at http://shop.example, great cut.")

    response = editor_client.post(
        change_url(shown), {"body": "Great *cut*.", "status": "approved"}
    )

    shown.refresh_from_db()
    page = editor_client.get(post.get_absolute_url())
    assert response.status_code == 302
    assert (shown.body, shown.status, shown.edited_at) == (
        "Great *cut*.",
        "approved",
        None,
    )
    assertContains(page, "Great <em>cut</em>.")
    assertNotContains(page, "shop.example")
    assert not TrainingExample.objects.exists()


def test_edit_refuses_an_empty_text_and_keeps_the_old_one(
    editor_client, make_post, make_comment
):
    shown = make_comment(post=make_post(), body="Keep me.")

    response = editor_client.post(
        change_url(shown), {"body": " \u200b ", "status": "approved"}
    )

    shown.refresh_from_db()
    assert response.status_code == 200
    assertContains(response, "Write something first.")
    assert shown.body == "Keep me."


def test_changing_the_status_on_the_comments_page_is_a_decision(
    editor_client, make_post, make_comment
):
    held = held_comment(make_post(), make_comment)

    editor_client.post(change_url(held), {"body": held.body, "status": "spam"})

    held.refresh_from_db()
    assert held.status == Comment.Status.SPAM
    assert TrainingExample.objects.get(comment_id=held.pk).spam is True


def test_an_author_cannot_open_another_authors_comment_to_edit(
    client, make_writer, make_post, make_comment
):
    let_authors_moderate()
    mara, dee = make_writer(username="mara"), make_writer(username="dee")
    theirs = held_comment(make_post(author=dee), make_comment)
    client.force_login(mara)

    shown = client.get(change_url(theirs))
    posted = client.post(change_url(theirs), {"body": "Mine now.", "status": "spam"})

    theirs.refresh_from_db()
    # Not in the author's queue, so the admin answers as for a missing one:
    # back to the desk home, saying nothing about the comment.
    assert shown.status_code == posted.status_code == 302
    assert shown["Location"] == reverse("admin:index")
    assert (theirs.body, theirs.status) == ("Is the vinyl cut louder?", "pending")
