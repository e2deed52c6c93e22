"""The moderation queue in the admin, through real requests: bulk actions, the
pending count, and no hard deletes (trash is the way to discard)."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.comments import services
from linernotes.comments.models import Comment
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


def test_a_writer_who_cannot_moderate_is_not_shown_the_pending_count(
    client, make_post, make_comment, make_writer
):
    make_comment(post=make_post(), approved=False)
    client.force_login(make_writer(role=Role.AUTHOR))

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
