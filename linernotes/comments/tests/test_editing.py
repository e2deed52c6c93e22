"""A commenter edits their own comment, for a few minutes, and nobody else can."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.comments import tokens
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings

pytestmark = pytest.mark.django_db
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0"}


@pytest.fixture(autouse=True)
def open_blog():
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.save()


def post_as_guest(client, post, body="First take.") -> Comment:
    client.post(
        reverse("comments:post", args=[post.pk]),
        {"name": "Rae", "email": "rae@example.org", "body": body},
        **SAME_SITE,
    )
    return Comment.objects.get(body=body)


def edit_url_from_receipt(client, comment) -> str:
    receipt = reverse("comments:receipt", args=[tokens.receipt_token(comment.pk)])
    html = client.get(receipt).content.decode()
    marker = 'class="comment-edit-link"><a href="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)].replace("&amp;", "&")


def send_edit(client, url, body="Second take, better."):
    token = url.split("token=")[-1] if "token=" in url else ""
    return client.post(url.split("?")[0], {"body": body, "token": token}, **SAME_SITE)


def age(comment, minutes: int) -> None:
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_a_guest_edits_from_the_receipt_and_readers_see_edited(client, make_post):
    post = make_post()
    comment = post_as_guest(client, post)

    response = send_edit(client, edit_url_from_receipt(client, comment))
    page = Client().get(post.get_absolute_url())

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.edited_at is not None
    assert comment.body_html.strip() == "<p>Second take, better.</p>"
    assertContains(page, "Second take, better.")
    assertContains(page, 'class="comment-edited"')
    assertNotContains(page, "First take.")


def test_the_edit_form_works_without_javascript(client, make_post):
    comment = post_as_guest(client, make_post())

    response = client.get(edit_url_from_receipt(client, comment))

    assertContains(response, "Edit your comment")
    assertContains(response, 'name="token"')
    assert response["Cache-Control"] == "private"


def test_editing_after_the_window_is_refused(client, make_post):
    comment = post_as_guest(client, make_post())
    url = edit_url_from_receipt(client, comment)
    age(comment, 11)  # the window is 10 minutes

    response = send_edit(client, url)

    assert response.status_code == 410
    comment.refresh_from_db()
    assert comment.body == "First take."


def test_a_forged_or_borrowed_token_is_refused(client, make_post, make_comment):
    post = make_post()
    mine = post_as_guest(client, post)
    theirs = make_comment(post=post, body="Not yours to change.")
    forged = tokens.edit_token(mine.pk)[:-2] + "xx"
    url = reverse("comments:edit", args=[theirs.pk])

    tried = [
        client.post(url, {"body": "Hijacked", "token": token}, **SAME_SITE)
        for token in ("", forged, tokens.edit_token(mine.pk), "junk")
    ]

    assert {response.status_code for response in tried} == {403}
    theirs.refresh_from_db()
    assert theirs.body == "Not yours to change."


def test_an_account_holder_edits_their_own_comment_without_a_token(
    client, make_post, make_user
):
    user = make_user()
    client.force_login(user)
    client.post(
        reverse("comments:post", args=[make_post().pk]),
        {"body": "Signed-in take."},
        **SAME_SITE,
    )
    comment = Comment.objects.get(user=user)

    response = send_edit(client, reverse("comments:edit", args=[comment.pk]))

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Second take, better."


def test_someone_elses_account_comment_is_not_editable(client, make_post, make_user):
    owner = make_user(username="owner")
    client.force_login(owner)
    client.post(
        reverse("comments:post", args=[make_post().pk]),
        {"body": "Owner's words."},
        **SAME_SITE,
    )
    comment = Comment.objects.get(user=owner)
    client.force_login(make_user(username="intruder"))

    response = send_edit(client, reverse("comments:edit", args=[comment.pk]))

    assert response.status_code == 403


def test_an_edit_that_looks_like_spam_takes_the_comment_down(client, make_post):
    post = make_post()
    comment = post_as_guest(client, post, body="Great record.")
    links = " ".join(f"https://spam{n}.example/buy" for n in range(12))

    send_edit(client, edit_url_from_receipt(client, comment), body=links)

    comment.refresh_from_db()
    post.refresh_from_db()
    assert comment.status in (Comment.Status.SPAM, Comment.Status.PENDING)
    assert post.comment_count == 0
    assertNotContains(Client().get(post.get_absolute_url()), "Great record.")


def test_a_receipt_token_is_not_an_edit_token(client, make_post):
    comment = post_as_guest(client, make_post())
    receipt = tokens.receipt_token(comment.pk)

    response = send_edit(
        client, reverse("comments:edit", args=[comment.pk]) + f"?token={receipt}"
    )

    assert response.status_code == 403
    assert signing.loads(receipt, salt=tokens.RECEIPT_SALT) == comment.pk
