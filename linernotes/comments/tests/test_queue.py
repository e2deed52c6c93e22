"""Writers answer from the moderation queue, and discarded comments go in time."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings

pytestmark = pytest.mark.django_db


def hold_everything() -> None:
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_ALL
    site.save()


def test_answering_a_held_comment_approves_it_and_shows_the_reply(
    make_post, make_comment, make_writer
):
    hold_everything()
    post = make_post()
    held = make_comment(post=post, approved=False, body="Is the LP louder?")
    writer = make_writer(username="mara")

    reply = services.reply_as_writer(parent=held, user=writer, body="It is, a little.")

    held.refresh_from_db()
    post.refresh_from_db()
    assert held.status == reply.status == Comment.Status.APPROVED
    assert reply.parent_id == held.pk and reply.user_id == writer.pk
    assert post.comment_count == 2


def test_a_writer_replies_from_the_admin_queue(
    client, make_post, make_comment, make_writer
):
    post = make_post()
    comment = make_comment(post=post, name="Dee", body="Best side two ever.")
    writer = make_writer(username="mara")
    writer.is_superuser = True
    writer.save()
    client.force_login(writer)
    url = reverse("admin:comments_comment_reply", args=[comment.pk])

    page = client.get(url)
    answered = client.post(url, {"body": "Agreed, *completely*."})

    assertContains(page, "Best side two ever.")
    assert answered.status_code == 302
    reply = Comment.objects.get(parent=comment)
    assert reply.body_html == "<p>Agreed, <em>completely</em>.</p>\n"
    assert reply.status == Comment.Status.APPROVED


def test_an_empty_admin_reply_is_refused_with_a_reason(
    client, make_post, make_comment, make_writer
):
    comment = make_comment(post=make_post())
    writer = make_writer(username="mara")
    writer.is_superuser = True
    writer.save()
    client.force_login(writer)

    response = client.post(
        reverse("admin:comments_comment_reply", args=[comment.pk]), {"body": "   "}
    )

    assertContains(response, "This field is required.")
    assert not Comment.objects.filter(parent=comment).exists()


def test_a_reader_cannot_reach_the_reply_page(
    client, make_post, make_comment, make_user
):
    comment = make_comment(post=make_post())
    client.force_login(make_user())

    response = client.get(reverse("admin:comments_comment_reply", args=[comment.pk]))

    assert response.status_code == 302  # to the admin's login page
    assert "login" in response["Location"]


def test_spam_and_trash_are_purged_a_month_after_they_were_discarded(
    make_post, make_comment, settings
):
    settings.LINERNOTES_DISCARDED_COMMENT_DAYS = 30
    post = make_post()
    old_spam, old_trash, recent_trash, kept = (
        make_comment(post=post, body=f"Comment {n}") for n in range(4)
    )
    for comment, status in [
        (old_spam, Comment.Status.SPAM),
        (old_trash, Comment.Status.TRASH),
        (recent_trash, Comment.Status.TRASH),
    ]:
        services.moderate_comment(comment=comment, status=status)
    month_ago = timezone.now() - timedelta(days=31)
    Comment.objects.filter(pk__in=[old_spam.pk, old_trash.pk]).update(
        status_changed_at=month_ago
    )

    purged = services.purge_discarded_comments()
    again = services.purge_discarded_comments()

    assert (purged, again) == (2, 0)
    assert set(Comment.objects.values_list("pk", flat=True)) == {
        recent_trash.pk,
        kept.pk,
    }


def test_an_old_comment_trashed_today_can_still_be_restored(make_post, make_comment):
    comment = make_comment(post=make_post())
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(days=90)
    )
    services.moderate_comment(comment=comment, status=Comment.Status.TRASH)

    services.purge_discarded_comments()

    assert Comment.objects.filter(pk=comment.pk).exists()


def test_purging_discarded_comments_leaves_the_posts_count_right(
    make_post, make_comment
):
    post = make_post()
    shown = [make_comment(post=post, body=f"Shown {n}") for n in range(2)]
    for status in (Comment.Status.SPAM, Comment.Status.TRASH):
        discarded = make_comment(post=post, body=f"Once shown, now {status}")
        services.moderate_comment(comment=discarded, status=status)
    Comment.objects.exclude(pk__in=[c.pk for c in shown]).update(
        status_changed_at=timezone.now() - timedelta(days=31)
    )

    services.purge_discarded_comments()

    post.refresh_from_db()
    assert set(Comment.objects.values_list("pk", flat=True)) == {c.pk for c in shown}
    assert post.comment_count == 2
