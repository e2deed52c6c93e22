"""The script's way in: the same endpoint, answering JSON, under the same rules."""

import pytest
from django.test import Client
from django.urls import reverse

from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings

pytestmark = pytest.mark.django_db
JSON = {
    "HTTP_ACCEPT": "application/json",
    "HTTP_SEC_FETCH_SITE": "same-origin",
    "HTTP_USER_AGENT": "Mozilla/5.0",
}
FORM = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0"}


def send(client, post, headers=JSON, **fields):
    data = {"name": "Rae", "email": "rae@example.org", "body": "Side B.", **fields}
    return client.post(reverse("comments:post", args=[post.pk]), data, **headers)


@pytest.fixture
def open_blog():
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.save()


def test_a_reply_comes_back_as_html_to_insert(
    client, make_post, make_comment, open_blog
):
    post = make_post()
    parent = make_comment(post=post)

    response = send(client, post, parent=str(parent.pk), body="Agreed, *loudly*.")
    data = response.json()

    assert response.status_code == 201
    assert data["parent"] == parent.pk
    assert data["status"] == "approved"
    assert f'id="comment-{data["id"]}"' in data["html"]
    assert "<em>loudly</em>" in data["html"]
    assert data["edit_url"].startswith(reverse("comments:edit", args=[data["id"]]))
    assert "linernotes_commenter" in response.cookies


def test_a_held_comment_says_so_in_place(client, make_post):
    response = send(client, make_post())

    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert "awaiting moderation" in response.json()["html"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"body": ""}, "body", "This field is required."),
        ({"email": "nope"}, "email", "Enter a valid email address."),
        ({"body": "x" * 20_000}, "body", "at most 10,000 characters"),
        ({"parent": "424242"}, "__all__", "not there to reply to"),
    ],
)
def test_errors_come_back_by_field(client, make_post, fields, field, message):
    response = send(client, make_post(), **fields)

    assert response.status_code == 400
    assert message in " ".join(response.json()["errors"][field])
    assert not Comment.objects.exists()


def test_a_cross_site_json_post_is_refused(make_post):
    headers = {**JSON, "HTTP_SEC_FETCH_SITE": "cross-site"}

    response = send(Client(enforce_csrf_checks=True), make_post(), headers=headers)

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_rate_limit_is_shared_by_form_and_script(client, make_post, settings):
    settings.LINERNOTES_COMMENT_RATE = "3/m"
    post = make_post()

    answers = [
        send(client, post, headers=FORM, body="one").status_code,
        send(client, post, headers=JSON, body="two").status_code,
        send(client, post, headers=FORM, body="three").status_code,
        send(client, post, headers=JSON, body="four").status_code,
        send(client, post, headers=FORM, body="five").status_code,
    ]

    assert answers == [302, 201, 302, 429, 429]
    assert Comment.objects.count() == 3


def test_the_rate_limit_counts_per_address(client, make_post, settings):
    settings.LINERNOTES_COMMENT_RATE = "1/m"
    post = make_post()
    send(client, post, headers=FORM, body="first")

    limited = send(client, post, headers=FORM, body="second")
    elsewhere = send(
        client, post, headers={**FORM, "REMOTE_ADDR": "192.0.2.9"}, body="third"
    )

    assert limited.status_code == 429
    assert b"Too many requests" in limited.content
    assert b"second" in limited.content  # the text is kept for another try
    assert elsewhere.status_code == 302
