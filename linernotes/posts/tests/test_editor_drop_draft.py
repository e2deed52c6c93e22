"""A file dropped into a post that was never saved: the add page's first drop
makes the post a draft of the writer's (``DropViews.draft_view``), the file is
stored with it, and the add page's form, sent to that draft's change page,
updates the draft rather than adding a second post."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from linernotes.posts.models import Post, PostImage
from linernotes.users.roles import Role

from .test_admin import post_form

pytestmark = pytest.mark.django_db

DRAFT_URL = "/admin/posts/post/drop-draft/"


@pytest.fixture
def author(client, make_writer):
    writer = make_writer(role=Role.AUTHOR, username="ines")
    client.force_login(writer)
    return writer


def png(name: str) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (40, 20), (10, 120, 200)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_the_first_drop_makes_exactly_one_draft_of_the_writers(client, author):
    assert reverse("admin:posts_post_drop_draft") == DRAFT_URL

    answer = client.post(
        DRAFT_URL, {"title": " Purple Rain ", "body": "Typed *so far*."}
    )

    post = Post.objects.get()
    assert answer.status_code == 201
    assert (post.title, post.body, post.status, post.author) == (
        "Purple Rain",
        "Typed *so far*.",
        Post.Status.DRAFT,
        author,
    )
    assert answer.json() == {
        "id": post.pk,
        "change_url": f"/admin/posts/post/{post.pk}/change/",
        "images": f"/admin/posts/post/{post.pk}/images/",
        "attachments": f"/admin/posts/post/{post.pk}/attachments/",
        "autosave": f"/admin/posts/post/{post.pk}/autosave/",
        "preview": f"/admin/posts/post/page-preview/?post={post.pk}",
    }


def test_a_draft_with_no_title_yet_is_named_untitled(client, author):
    client.post(DRAFT_URL, {"title": "   ", "body": ""})

    assert Post.objects.get().title == "(untitled draft)"


def test_only_the_add_page_offers_the_draft_endpoint(client, author, make_post):
    post = make_post(author=author, status=Post.Status.DRAFT)

    add = client.get(reverse("admin:posts_post_add")).content.decode()
    change = client.get(reverse("admin:posts_post_change", args=[post.pk]))

    assert f'data-draft-url="{DRAFT_URL}"' in add
    assert 'data-draft-url=""' in change.content.decode()


def test_a_get_makes_no_draft(client, author):
    answer = client.get(DRAFT_URL)

    assert answer.status_code == 403
    assert not Post.objects.exists()


def test_a_reader_makes_no_draft(client, make_user):
    client.force_login(make_user())

    answer = client.post(DRAFT_URL, {"title": "Mine now"})

    assert answer.status_code == 302  # to the sign-in page
    assert not Post.objects.exists()


def test_a_draft_needs_the_csrf_token(make_writer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_writer(role=Role.AUTHOR))

    answer = browser.post(DRAFT_URL, {"title": "Forged"})

    assert answer.status_code == 403
    assert not Post.objects.exists()


def test_the_add_form_sent_to_the_draft_updates_it_and_keeps_the_dropped_image(
    client, author
):
    draft = client.post(DRAFT_URL, {"title": "", "body": "Half"}).json()
    image = client.post(draft["images"], {"image": png("stage-photo.png")}).json()
    body = f"Half a review.\n\n{image['markdown']}"

    # What the add page sends, inlines empty, to the address the script set.
    saved = client.post(
        draft["change_url"],
        post_form(title="Purple Rain", body=body, status="draft", author=None),
    )

    assert saved.status_code == 302, saved.content.decode()[:2000]
    post = Post.objects.get()
    assert (post.pk, post.title, post.body, post.slug) == (
        draft["id"],
        "Purple Rain",
        body,
        "purple-rain",
    )
    assert PostImage.objects.get().post == post
