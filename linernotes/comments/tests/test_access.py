"""Who may respond to a post follows posts.access, on every comment endpoint.

A post the reader may not see (a draft, a private post, one still to come) is a
404, as if it did not exist; a password-protected post a 403 until this session
has unlocked it, with a way to the password form. Before, the POST endpoint
checked only that the post was public, and stored an approved comment on a
protected post for anyone who knew its number.
"""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.comments import tokens
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.posts import access
from linernotes.posts.models import Post
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0"}
JSON = {**SAME_SITE, "HTTP_ACCEPT": "application/json"}
PASSWORD = "open sesame"
HIDDEN = ["draft", "scheduled", "private"]


@pytest.fixture(autouse=True)
def open_blog():
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.save()


@pytest.fixture
def hidden_post(make_post, make_scheduled_post):
    def build(kind: str) -> Post:
        if kind == "scheduled":
            return make_scheduled_post()
        status = {"draft": Post.Status.DRAFT, "private": Post.Status.PRIVATE}[kind]
        return make_post(status=status)

    return build


def unlock(client: Client, post: Post) -> None:
    """What a right password on the post page leaves in the session."""
    session = client.session
    access.remember_unlocked(session, post)
    session.save()


def send(client: Client, post: Post, headers=SAME_SITE, **fields):
    data = {"name": "Rae", "email": "rae@example.org", "body": "Side B.", **fields}
    return client.post(reverse("comments:post", args=[post.pk]), data, **headers)


@pytest.mark.parametrize("headers", [SAME_SITE, JSON], ids=["form", "json"])
def test_a_guest_cannot_comment_on_a_locked_post_without_its_password(
    client, make_post, headers
):
    """Tried: a guest POST straight to the endpoint of a protected post, by form
    and by script. Before the fix it stored an approved comment (302/201)."""
    post = make_post(password=PASSWORD)

    response = send(client, post, headers)

    assert response.status_code == 403
    assert not Comment.objects.filter(post=post).exists()
    assert response["Cache-Control"].startswith("private")


def test_the_refusal_keeps_the_text_and_points_to_the_password_form(client, make_post):
    post = make_post(title="Sealed", password=PASSWORD)

    response = send(client, post, body="Words I would hate to lose.")

    assertContains(response, "protected by a password", status_code=403)
    assertContains(response, "Words I would hate to lose.", status_code=403)
    assertContains(response, post.get_absolute_url(), status_code=403)


def test_a_reply_on_a_locked_post_is_refused_too(client, make_post, make_comment):
    post = make_post(password=PASSWORD)
    parent = make_comment(post=post)

    response = send(client, post, JSON, parent=str(parent.pk))

    assert response.status_code == 403
    assert response.json()["errors"]["__all__"]
    assert Comment.objects.filter(post=post).count() == 1


@pytest.mark.parametrize("headers", [SAME_SITE, JSON], ids=["form", "json"])
def test_a_session_that_unlocked_the_post_may_comment(client, make_post, headers):
    post = make_post(password=PASSWORD)
    unlock(client, post)

    response = send(client, post, headers)

    assert response.status_code in (201, 302)
    assert Comment.objects.filter(post=post).count() == 1


def test_unlocking_one_post_opens_no_other(client, make_post):
    """Tried: unlock one protected post, then post to another one's number."""
    unlocked, other = make_post(password=PASSWORD), make_post(password="other")
    unlock(client, unlocked)

    assert send(client, other).status_code == 403


def test_the_author_may_comment_on_their_locked_post(client, make_post, make_writer):
    author = make_writer()
    post = make_post(author=author, password=PASSWORD)
    client.force_login(author)

    response = send(client, post, JSON)

    assert response.status_code == 201


@pytest.mark.parametrize("kind", HIDDEN)
@pytest.mark.parametrize("who", ["guest", "reader", "author", "editor"])
def test_a_post_nobody_may_respond_to_is_a_404(
    client, hidden_post, make_user, make_writer, kind, who
):
    """Tried: a draft, a private post and a scheduled one not yet due, by a guest,
    an account, the post's author and an editor. Responses exist only on public
    posts, so even those who may see such a post get the 404 (decision record:
    responses follow the public part)."""
    post = hidden_post(kind)
    if who == "reader":
        client.force_login(make_user())
    elif who in ("author", "editor"):
        role = Role.EDITOR if who == "editor" else Role.AUTHOR
        user = post.author if who == "author" else make_writer(role=role)
        client.force_login(user)

    response = send(client, post, JSON)

    assert response.status_code == 404
    assert not Comment.objects.filter(post=post).exists()


def test_the_permalink_of_a_comment_on_a_locked_post_asks_for_the_password(
    client, make_post, make_comment
):
    post = make_post(password=PASSWORD)
    comment = make_comment(post=post)

    refused = client.get(comment.get_absolute_url())
    unlock(client, post)
    opened = client.get(comment.get_absolute_url())

    assertContains(refused, "This post is protected", status_code=403)
    assert opened.status_code == 302
    assert opened["Location"].endswith(f"#comment-{comment.pk}")


def test_the_permalink_of_a_comment_on_a_post_moved_to_drafts_is_a_404(
    client, make_post, make_comment
):
    post = make_post()
    comment = make_comment(post=post)
    Post.objects.filter(pk=post.pk).update(status=Post.Status.DRAFT)

    assert client.get(comment.get_absolute_url()).status_code == 404


def test_a_receipt_for_a_post_made_private_since_is_a_404(client, make_post):
    """Tried: the writer's own signed receipt after the post went private."""
    post = make_post()
    response = send(client, post)
    Post.objects.filter(pk=post.pk).update(status=Post.Status.PRIVATE)

    assert client.get(response["Location"]).status_code == 404


def test_editing_a_comment_on_a_locked_post_needs_the_unlocked_session(
    make_post,
):
    """Tried: the writer's edit link (a valid token) from a browser that never
    unlocked the post, as a copied link would be."""
    post = make_post(password=PASSWORD)
    writer = Client()
    unlock(writer, post)
    created = send(writer, post, JSON).json()
    stranger = Client()

    refused = stranger.post(created["edit_url"], {"body": "Changed."}, **SAME_SITE)
    edited = writer.post(created["edit_url"], {"body": "Changed."}, **SAME_SITE)

    assert refused.status_code == 403
    assert edited.status_code == 302
    assert Comment.objects.get(pk=created["id"]).body == "Changed."


def test_a_receipt_page_for_a_locked_post_needs_the_unlocked_session(make_post):
    post = make_post(password=PASSWORD)
    writer = Client()
    unlock(writer, post)
    receipt = tokens.receipt_url(send(writer, post, JSON).json()["id"])

    assertContains(Client().get(receipt), "This post is protected", status_code=403)
    assertNotContains(Client().get(receipt), "Side B.", status_code=403)
    assertContains(writer.get(receipt), "Side B.")


def test_an_unlocked_post_offers_no_comment_feed_since_the_feeds_refuse_it(
    client, make_post
):
    """The comment feeds serve only posts everyone may read; a reader who
    unlocked a post was shown links to them that answered 404."""
    post = make_post(password=PASSWORD)
    unlock(client, post)

    response = client.get(post.get_absolute_url())

    assertContains(response, "No responses yet")
    assertNotContains(response, reverse("comments:post_feed", args=[post.pk]))


def test_a_readable_post_offers_its_comment_feeds(client, make_post):
    post = make_post()

    response = client.get(post.get_absolute_url())

    assertContains(response, reverse("comments:post_feed", args=[post.pk]))
