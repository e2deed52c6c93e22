"""Comment feeds: approved comments only, never an email address, at most 50."""

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from linernotes.comments.tests.factories import make_conversation

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, url: str) -> list:
    response = client.get(url)
    assert response.status_code == 200
    return ElementTree.fromstring(response.content).findall("./channel/item")


def test_a_posts_feed_lists_its_approved_comments_without_emails(
    client, make_post, make_comment
):
    post = make_post(title="Rocky IV")
    make_comment(post=post, body="Burning Heart forever.", email="fan@example.org")
    make_comment(post=post, body="Held back.", approved=False)
    make_comment(post=make_post(), body="Elsewhere.")

    response = client.get(reverse("comments:post_feed", args=[post.pk]))
    items = ElementTree.fromstring(response.content).findall("./channel/item")

    assert [item.findtext("title") for item in items] == ["Rae on “Rocky IV”"]
    assert "Burning Heart forever." in items[0].findtext("description")
    assert b"fan@example.org" not in response.content
    assert (
        items[0]
        .findtext("link")
        .endswith(
            reverse("comments:permalink", args=[post.comments.approved().get().pk])
        )
    )


def test_the_blog_feed_holds_the_latest_50_comments(client, make_post):
    make_conversation(post=make_post(), threads=60)

    items = rss_items(client, reverse("comments:feed"))

    assert len(items) == 50
    assert items[0].findtext("title").startswith("Reader 59 on")


def test_comments_on_protected_posts_stay_out_of_feeds(client, make_post, make_comment):
    locked = make_post(password="sesame")
    make_comment(post=locked, body="Behind the password.")

    assert rss_items(client, reverse("comments:feed")) == []
    assert (
        client.get(reverse("comments:post_feed", args=[locked.pk])).status_code == 404
    )


def test_the_atom_feed_names_the_commenter_only(client, make_post, make_comment):
    post = make_post()
    make_comment(post=post, name="Mara", email="mara@example.org")

    response = client.get(reverse("comments:post_atom", args=[post.pk]))
    entry = ElementTree.fromstring(response.content).find(f"{ATOM}entry")

    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Mara"
    assert entry.find(f"{ATOM}author/{ATOM}email") is None


def test_the_post_page_points_to_its_comment_feeds(client, make_post):
    post = make_post()

    html = client.get(post.get_absolute_url()).content.decode()

    assert f'href="{reverse("comments:post_feed", args=[post.pk])}"' in html
    assert f'href="{reverse("comments:post_atom", args=[post.pk])}"' in html


def test_a_new_comment_shows_in_a_cached_feed_at_once(client, make_post, make_comment):
    post = make_post()
    url = reverse("comments:post_feed", args=[post.pk])
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    make_comment(post=post, body="Fresh off the press.")

    assert b"Fresh off the press." in client.get(url).content
    assert b"Fresh off the press." in client.get(reverse("comments:feed")).content
