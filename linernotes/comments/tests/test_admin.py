"""The moderation queue in the admin, through real requests: bulk actions, the
pending count, and no hard deletes (trash is the way to discard)."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db
QUEUE = "admin:comments_comment_changelist"


@pytest.fixture
def editor_client(client, make_writer):
    client.force_login(make_writer(role=Role.EDITOR))
    return client


def act(client, action: str, comments: list[Comment], **extra):
    """Post the changelist's action form with ``comments`` ticked."""
    data = {
        "action": action,
        "index": "0",
        "select_across": "0",
        "_selected_action": [str(comment.pk) for comment in comments],
        **extra,
    }
    return client.post(reverse(QUEUE), data, follow=True)


def discard(comment: Comment, status: str) -> Comment:
    return services.moderate_comment(comment=comment, status=status)


def let_authors_moderate(allowed: bool) -> None:
    """The blog owner's switch; set before the test's first request."""
    site = SiteSettings.load()
    site.authors_moderate_comments = allowed
    site.save()


@pytest.mark.parametrize(
    ("action", "before", "after", "count", "message"),
    [
        ("approve", "pending", "approved", 4, "3 comment(s) approved."),
        ("mark_spam", "approved", "spam", 1, "3 comment(s) marked as spam."),
        ("trash", "approved", "trash", 1, "3 comment(s) moved to trash."),
        ("restore", "trash", "pending", 1, "3 comment(s) back in the queue."),
    ],
)
def test_a_bulk_action_moderates_the_ticked_comments_and_keeps_the_count(
    editor_client, make_post, make_comment, action, before, after, count, message
):
    post = make_post()
    untouched = make_comment(post=post, body="Left alone.")
    ticked = [make_comment(post=post, body=f"Ticked {n}.") for n in range(3)]
    ticked = [discard(comment, before) for comment in ticked]

    response = act(editor_client, action, ticked)

    post.refresh_from_db()
    assertContains(response, message)
    assert {c.status for c in Comment.objects.filter(body__startswith="Ticked")} == {
        after
    }
    assert Comment.objects.get(pk=untouched.pk).status == Comment.Status.APPROVED
    assert post.comment_count == count


def test_the_queue_title_counts_the_comments_awaiting_moderation(
    editor_client, make_post, make_comment
):
    post = make_post()
    make_comment(post=post, approved=False, body="First held.")
    make_comment(post=post, approved=False, body="Second held.")
    make_comment(post=post, body="Already up.")

    response = editor_client.get(reverse(QUEUE))

    assertContains(response, "Comments (2 awaiting moderation)")


@pytest.mark.parametrize("page", ["admin:index", "admin:posts_post_changelist"])
def test_every_admin_page_shows_a_moderator_how_many_comments_wait(
    editor_client, make_post, make_comment, page
):
    post = make_post()
    make_comment(post=post, approved=False, body="First held.")
    make_comment(post=post, approved=False, body="Second held.")
    make_comment(post=post, body="Already up.")
    queue = reverse(QUEUE) + "?status__exact=pending"

    response = editor_client.get(reverse(page))

    assertContains(
        response, f'<a href="{queue}">2 comments awaiting moderation</a>', html=True
    )


def test_an_author_is_not_shown_the_pending_count_when_authors_do_not_moderate(
    client, make_post, make_comment, make_writer
):
    author = make_writer(role=Role.AUTHOR)
    make_comment(post=make_post(author=author), approved=False)
    let_authors_moderate(False)
    client.force_login(author)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assertNotContains(response, "awaiting moderation")


def test_the_queue_offers_no_delete_action(editor_client, make_post, make_comment):
    make_comment(post=make_post())

    response = editor_client.get(reverse(QUEUE))

    choices = dict(response.context["action_form"].fields["action"].choices)
    assert "delete_selected" not in choices
    assert {"approve", "mark_spam", "trash", "restore"} <= set(choices)


def test_posting_the_delete_action_anyway_deletes_nothing(
    editor_client, make_post, make_comment
):
    post = make_post()
    comments = [make_comment(post=post, body=f"Kept {n}.") for n in range(2)]

    response = act(editor_client, "delete_selected", comments, post="yes")

    post.refresh_from_db()
    assertContains(response, "No action selected.")
    assert Comment.objects.count() == 2
    assert post.comment_count == 2


def test_the_delete_page_of_a_comment_is_forbidden(
    editor_client, make_post, make_comment
):
    post = make_post()
    comment = make_comment(post=post)
    url = reverse("admin:comments_comment_delete", args=[comment.pk])

    shown = editor_client.get(url)
    confirmed = editor_client.post(url, {"post": "yes"})

    post.refresh_from_db()
    assert (shown.status_code, confirmed.status_code) == (403, 403)
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert post.comment_count == 1


def test_a_comments_edit_page_has_no_delete_link(
    editor_client, make_post, make_comment
):
    comment = make_comment(post=make_post())

    response = editor_client.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    )

    assertContains(response, 'name="status"')
    assertNotContains(
        response, reverse("admin:comments_comment_delete", args=[comment.pk])
    )


def test_an_editor_can_still_delete_a_post_with_its_comments(
    editor_client, make_post, make_comment
):
    # The admin asks the comment admin's delete permission for every comment a
    # post's deletion takes with it, so comments cannot simply refuse it.
    post = make_post()
    make_comment(post=post)
    make_comment(post=post, body="Still waiting.", approved=False)
    assert Comment.objects.awaiting_moderation().count() == 1

    response = editor_client.post(
        reverse("admin:posts_post_delete", args=[post.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Comment.objects.exists()


# Authors moderate the comments on their own posts (decision 0024) -------------


@pytest.fixture
def two_authors(make_writer, make_post, make_comment):
    """Mara, signed in below, and Dee, each with a post and held comments."""
    mara, dee = make_writer(username="mara"), make_writer(username="dee")
    mine, theirs = make_post(author=mara), make_post(author=dee)
    held = [make_comment(post=mine, approved=False, body=f"Mine {n}.") for n in (1, 2)]
    other = make_comment(post=theirs, approved=False, body="Dee's reader asks.")
    return mara, held, other


def test_an_authors_queue_shows_only_comments_on_their_own_posts(client, two_authors):
    mara, _, _ = two_authors
    client.force_login(mara)
    queue = reverse(QUEUE) + "?status__exact=pending"

    response = client.get(reverse(QUEUE))

    assertContains(response, "Comments (2 awaiting moderation)")
    assertContains(response, "Mine 1.")
    assertContains(response, "Mine 2.")
    assertNotContains(response, "Dee&#x27;s reader asks.")
    assertNotContains(response, "Dee's reader asks.")
    assertContains(
        response, f'<a href="{queue}">2 comments awaiting moderation</a>', html=True
    )


@pytest.mark.parametrize(
    ("action", "after"),
    [("approve", "approved"), ("mark_spam", "spam"), ("trash", "trash")],
)
def test_an_author_moderates_comments_on_their_own_posts(
    client, two_authors, action, after
):
    mara, held, other = two_authors
    client.force_login(mara)

    response = act(client, action, held)

    assert response.status_code == 200
    assert {Comment.objects.get(pk=c.pk).status for c in held} == {after}
    assert Comment.objects.get(pk=other.pk).status == Comment.Status.PENDING


def test_an_author_approves_and_replies_from_the_queue(client, two_authors):
    mara, held, _ = two_authors
    client.force_login(mara)
    url = reverse("admin:comments_comment_reply", args=[held[0].pk])

    page = client.get(url)
    answered = client.post(url, {"body": "Thanks, it is the mono mix."})

    assertContains(page, "Mine 1.")
    assert answered.status_code == 302
    held[0].refresh_from_db()
    assert held[0].status == Comment.Status.APPROVED
    assert Comment.objects.get(parent=held[0]).user_id == mara.pk


def test_an_author_cannot_act_on_another_authors_comment(client, two_authors):
    """Tried every way in: the bulk action with the other post's comment ticked,
    the change form posted directly, and the reply page."""
    mara, _, other = two_authors
    client.force_login(mara)
    change = reverse("admin:comments_comment_change", args=[other.pk])
    reply = reverse("admin:comments_comment_reply", args=[other.pk])

    act(client, "approve", [other])
    changed = client.post(change, {"status": "approved"})
    shown = client.get(change)
    replied = client.post(reply, {"body": "Not my post, but still."})

    other.refresh_from_db()
    assert other.status == Comment.Status.PENDING
    assert not Comment.objects.filter(parent=other).exists()
    assert (changed.status_code, shown.status_code) == (302, 302)
    assert replied.status_code == 403


def test_an_author_has_no_queue_when_the_blog_owner_moderates_alone(
    client, two_authors
):
    mara, held, _ = two_authors
    let_authors_moderate(False)
    client.force_login(mara)

    queue = client.get(reverse(QUEUE))
    act(client, "approve", held)
    reply = client.post(
        reverse("admin:comments_comment_reply", args=[held[0].pk]), {"body": "Hi."}
    )

    assert (queue.status_code, reply.status_code) == (403, 403)
    assert {Comment.objects.get(pk=c.pk).status for c in held} == {"pending"}


def test_an_editor_still_moderates_every_comment(editor_client, two_authors):
    _, held, other = two_authors

    act(editor_client, "approve", [*held, other])

    assert Comment.objects.awaiting_moderation().count() == 0


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.EDITOR])
def test_every_link_on_a_comments_page_opens_for_its_moderator(
    client, make_writer, make_post, make_user, role
):
    """A held comment written from an account: its page once linked the
    account's admin page, which only administrators may open (403 for everyone
    else), and "View on site" led to the held comment's address (404)."""
    writer = make_writer(role=role)
    reader = make_user(username="rae", email="rae@example.org")
    comment = services.submit_comment(
        post=make_post(author=writer),
        author=services.Author(name="Rae", email=reader.email, user=reader),
        body="Which pressing is this?",
    )
    client.force_login(writer)
    page = client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    links = set(re.findall(r'href="(/admin/[^"]+/\d+/[^"]*)"', page.text))

    answers = {link: client.get(link, follow=True).status_code for link in links}

    assertContains(page, "rae")
    assert answers and set(answers.values()) == {200}, answers
