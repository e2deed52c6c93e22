"""Comment feeds: approved comments only, never an email address, at most 50."""

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from linernotes.comments.models import Comment
from linernotes.comments.tests.factories import make_conversation
from linernotes.posts.models import Post
from linernotes.posts.tests.factories import make_scheduled_post
from linernotes.posts.tests.feeds import ATOM, entries

pytestmark = pytest.mark.django_db
EVERY_COMMENT_FEED = [
    ("feed", False),
    ("atom", False),
    ("post_feed", True),
    ("post_atom", True),
]


def feed_url(name: str, post) -> str:
    return reverse(f"comments:{name}", args=[post.pk] if post else [])


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
    comment = post.comments.approved().get()
    assert items[0].findtext("link") == (
        f"http://testserver{post.get_absolute_url()}#comment-{comment.pk}"
    )
    assert items[0].findtext("guid") == (
        f"http://testserver{reverse('comments:permalink', args=[comment.pk])}"
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


@pytest.mark.parametrize(
    "make_hidden",
    [
        lambda make_post: make_post(password="sesame"),
        lambda make_post: make_post(status=Post.Status.DRAFT),
        lambda make_post: make_post(status=Post.Status.PRIVATE),
        lambda make_post: make_scheduled_post(),
    ],
    ids=["locked", "draft", "private", "scheduled"],
)
@pytest.mark.parametrize("name", ["post_feed", "post_atom"])
def test_a_post_nobody_may_read_has_no_comment_feed(
    client, make_post, make_hidden, name
):
    post = make_hidden(make_post)

    assert client.get(feed_url(name, post)).status_code == 404


@pytest.mark.parametrize(("name", "per_post"), EVERY_COMMENT_FEED)
def test_an_entry_links_to_the_page_that_shows_the_comment(
    client, settings, make_post, name, per_post
):
    """Entries linked to ``/comments/<id>/``, which answers 302; they now link
    where that redirect goes, the later page of a long thread included."""
    settings.LINERNOTES_COMMENTS_PER_PAGE = 4
    post = make_post()
    make_conversation(post=post, threads=5, replies=1)

    listed = entries(client, feed_url(name, post if per_post else None))

    permalinks = [
        client.get(reverse("comments:permalink", args=[c.pk]))["Location"]
        for c in Comment.objects.approved().order_by("-created_at", "-pk")
    ]
    assert [link for _, link, _ in listed] == [
        f"http://testserver{location}" for location in permalinks
    ]
    assert any("?cpage=3#comment-" in link for _, link, _ in listed)


def test_placing_comments_of_a_long_thread_costs_a_fixed_number_of_queries(
    client, settings, make_post, django_assert_max_num_queries
):
    settings.LINERNOTES_COMMENTS_PER_PAGE = 10
    make_conversation(post=make_post(), threads=30, replies=2)
    make_conversation(post=make_post(), threads=5)

    with django_assert_max_num_queries(12):
        items = rss_items(client, reverse("comments:feed"))

    assert len(items) == 50


@pytest.mark.parametrize(("name", "per_post"), EVERY_COMMENT_FEED)
def test_links_in_comments_are_absolute_in_every_feed(
    client, make_post, make_comment, name, per_post
):
    post = make_post()
    make_comment(
        post=post, body="See [the artist](/music/artists/touch/) and [this](#x)"
    )

    [(_, link, content)] = entries(client, feed_url(name, post if per_post else None))

    assert 'href="http://testserver/music/artists/touch/"' in content
    assert f'href="http://testserver{post.get_absolute_url()}#x"' in content


@pytest.mark.parametrize(("name", "per_post"), EVERY_COMMENT_FEED)
def test_a_stored_comment_with_control_characters_never_breaks_a_feed(
    client, make_post, make_comment, name, per_post
):
    """A row stored before such characters were refused on the way in (written
    here past the service; PostgreSQL refuses NUL itself) made every comment
    feed answer 500."""
    post = make_post(title="Rocky IV")
    comment = make_comment(post=post, name="Rae")
    Comment.objects.filter(pk=comment.pk).update(
        author_name="Ra\x01e\x1b", body_html="<p>Bell\x07 and\x0c form feed</p>"
    )

    listed = entries(client, feed_url(name, post if per_post else None))

    assert [(title, content) for title, _, content in listed] == [
        ("Rae on “Rocky IV”", "<p>Bell and form feed</p>")
    ]
