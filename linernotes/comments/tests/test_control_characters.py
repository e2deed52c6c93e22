"""Characters XML 1.0 cannot carry never get into a stored comment.

A hostile-input corpus holds C0 control characters; one of them in a comment
made every comment feed answer 500 while it was among the latest entries. The
form drops them from every field before validating, and the service drops them
whatever the caller (an import does not go through the form).
"""

import pytest
from django.urls import reverse

from linernotes.comments import services
from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.core.text import strip_control_characters

pytestmark = pytest.mark.django_db
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0"}
JSON = {**SAME_SITE, "HTTP_ACCEPT": "application/json"}
# NUL, bell, backspace, vertical tab, form feed, escape, unit separator, U+FFFE.
HOSTILE = "\x00\x07\x08\x0b\x0c\x1b\x1f\ufffe"


@pytest.fixture(autouse=True)
def open_blog():
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.save()


def send(client, post, headers=SAME_SITE, **fields):
    return client.post(reverse("comments:post", args=[post.pk]), fields, **headers)


@pytest.mark.parametrize("headers", [SAME_SITE, JSON], ids=["form", "json"])
def test_control_characters_are_dropped_from_every_field(client, make_post, headers):
    """Tried: control characters inside the name, the address, the link and the
    text. Before the fix the address and link were refused as invalid and the
    name and text were stored with them."""
    response = send(
        client,
        make_post(),
        headers,
        name=f"R{HOSTILE}ae",
        email=f"rae@exa{HOSTILE}mple.org",
        url=f"https://rae.exa{HOSTILE}mple/",
        body=f"Side{HOSTILE} B,\ttabs\r\nand lines stay.",
    )

    comment = Comment.objects.get()
    assert response.status_code in (201, 302)
    assert comment.author_name == "Rae"
    assert comment.author_email == "rae@example.org"
    assert comment.author_url == "https://rae.example/"
    assert comment.body == "Side B,\ttabs\r\nand lines stay."
    assert strip_control_characters(comment.body_html) == comment.body_html


def test_a_body_of_nothing_but_control_characters_is_empty(client, make_post):
    response = send(
        client, make_post(), name="Rae", email="rae@example.org", body=HOSTILE
    )

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_an_edit_drops_them_too(client, make_post):
    created = send(
        client, make_post(), JSON, name="Rae", email="rae@example.org", body="Hi."
    ).json()

    client.post(created["edit_url"], {"body": f"Hi{HOSTILE} again."}, **SAME_SITE)

    assert Comment.objects.get().body == "Hi again."


def test_the_service_drops_them_whatever_the_caller(make_post):
    """An importer calls the service without a form in front."""
    comment = services.submit_comment(
        post=make_post(),
        author=services.Author(
            name=f"Kim{HOSTILE}", email=f"kim{HOSTILE}@example.org", trusted=True
        ),
        body=f"Imported{HOSTILE} words.",
    )

    assert (comment.author_name, comment.author_email, comment.body) == (
        "Kim",
        "kim@example.org",
        "Imported words.",
    )
