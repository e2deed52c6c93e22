"""Feeds and the sitemap, parsed as XML and checked element by element."""

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from pytest_django.asserts import assertContains

from linernotes.posts import services
from linernotes.posts.models import Post
from linernotes.posts.tests.factories import make_scheduled_post
from linernotes.posts.tests.feeds import ATOM, entries

pytestmark = pytest.mark.django_db
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOST = {"HTTP_HOST": "blog.localhost:8123"}


@pytest.fixture
def blog(settings, make_post, make_series, make_tag, make_category):
    settings.ALLOWED_HOSTS = ["blog.localhost", "testserver"]
    series = make_series(title="Great Soundtracks of 1985")
    tag, category = make_tag(name="synth"), make_category(name="Soundtracks")
    in_all = make_post(
        title="Rocky IV",
        series=series,
        tags=[tag],
        categories=[category],
        days_ago=1,
        body="Burning *Heart*.",
    )
    elsewhere = make_post(title="Elsewhere", days_ago=2)
    make_post(title="Draft", status=Post.Status.DRAFT)
    make_post(title="Locked", password="sesame")
    return {
        "series": series,
        "tag": tag,
        "category": category,
        "post": in_all,
        "other": elsewhere,
    }


def rss_items(client, url: str) -> list:
    response = client.get(url, **HOST)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ElementTree.fromstring(response.content).findall("./channel/item")


def test_the_blog_feed_lists_public_posts_with_absolute_urls(client, blog):
    items = rss_items(client, reverse("posts:feed"))

    titles = [item.findtext("title") for item in items]
    assert titles == ["Locked", "Rocky IV", "Elsewhere"]
    link = items[1].findtext("link")
    assert link == f"http://blog.localhost:8123{blog['post'].get_absolute_url()}"
    assert "<em>Heart</em>" in items[1].findtext("description")


@pytest.mark.parametrize(
    ("name", "key"),
    [("series_feed", "series"), ("tag_feed", "tag"), ("category_feed", "category")],
)
def test_series_tag_and_category_feeds_list_only_their_posts(client, blog, name, key):
    items = rss_items(client, reverse(f"posts:{name}", args=[blog[key].slug]))

    assert [item.findtext("title") for item in items] == ["Rocky IV"]


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("atom", []),
        ("series_atom", ["series"]),
        ("tag_atom", ["tag"]),
        ("category_atom", ["category"]),
    ],
)
def test_every_feed_has_an_atom_twin(client, blog, name, args):
    url = reverse(f"posts:{name}", args=[blog[a].slug for a in args])

    response = client.get(url, **HOST)

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert "Rocky IV" in titles and "Draft" not in titles


def test_a_feed_for_an_unknown_series_is_a_404(client):
    assert client.get(reverse("posts:series_feed", args=["nope"])).status_code == 404


def test_pages_advertise_their_feeds(client, blog):
    series_page = client.get(blog["series"].get_absolute_url())

    assertContains(client.get("/"), 'rel="alternate" type="application/rss+xml"')
    assertContains(
        series_page,
        f'href="{reverse("posts:series_feed", args=[blog["series"].slug])}"',
    )


def test_the_sitemap_lists_public_urls_on_this_host(client, blog):
    response = client.get("/sitemap.xml", **HOST)

    urls = [
        loc.text
        for loc in ElementTree.fromstring(response.content).iter(f"{SITEMAP}loc")
    ]
    assert f"http://blog.localhost:8123{blog['post'].get_absolute_url()}" in urls
    assert f"http://blog.localhost:8123{blog['series'].get_absolute_url()}" in urls
    assert f"http://blog.localhost:8123{blog['tag'].get_absolute_url()}" in urls
    assert not any("draft" in url for url in urls)
    assert all(url.startswith("http://blog.localhost:8123/") for url in urls)


def test_the_post_page_carries_canonical_open_graph_and_json_ld(client, blog):
    import json
    import re

    response = client.get(blog["post"].get_absolute_url(), **HOST)
    html = response.content.decode()
    url = f"http://blog.localhost:8123{blog['post'].get_absolute_url()}"

    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card"' in html
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(ld.group(1))
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Rocky IV"
    assert data["url"] == url
    assert data["isPartOf"]["name"] == "Great Soundtracks of 1985"


def test_json_ld_cannot_be_broken_out_of(client, make_post):
    post = make_post(title="</script><script>alert(1)</script>")

    html = client.get(post.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html


# -- what each feed shows (posts.access) --------------------------------------

EVERY_POST_FEED = [
    ("feed", None),
    ("atom", None),
    ("series_feed", "series"),
    ("series_atom", "series"),
    ("tag_feed", "tag"),
    ("tag_atom", "tag"),
    ("category_feed", "category"),
    ("category_atom", "category"),
    ("artist_feed", "artist"),
]


@pytest.fixture
def shelf(settings, make_post, make_series, make_tag, make_category, make_artist):
    """A post of each kind, every one in the same series, tag, category and
    mentioning the same artist, so every feed could list each of them."""
    settings.ALLOWED_HOSTS = ["blog.localhost", "testserver"]
    artist = make_artist(name="Touch")
    places = {
        "series": make_series(title="Soundtracks"),
        "tag": make_tag(name="synth"),
        "category": make_category(name="Reviews"),
        "artist": artist,
    }
    shared = {
        "series": places["series"],
        "tags": [places["tag"]],
        "categories": [places["category"]],
        "body": "Touch sings [the secret](/music/) words.",
    }
    make_post(title="Open", days_ago=1, **shared)
    make_post(title="Locked", days_ago=2, password="sesame", **shared)
    make_post(title="Draft", status=Post.Status.DRAFT, **shared)
    make_post(title="Private", status=Post.Status.PRIVATE, days_ago=3, **shared)
    make_scheduled_post(title="Coming", **shared)
    return places


def feed_entries(client, name: str, place) -> list[tuple[str, str, str]]:
    url = reverse(f"posts:{name}", args=[place.slug] if place else [])
    return entries(client, url, **HOST)


@pytest.mark.parametrize(("name", "place"), EVERY_POST_FEED)
def test_every_feed_lists_public_posts_only(client, shelf, name, place):
    """Drafts, private posts and posts still to come stay out of every feed; a
    locked post is listed, as on list pages (feeds used to leave it out)."""
    entries = feed_entries(client, name, shelf.get(place))

    assert [title for title, _, _ in entries] == ["Open", "Locked"]


@pytest.mark.parametrize(("name", "place"), EVERY_POST_FEED)
def test_a_locked_post_shows_its_title_and_link_but_not_its_content(
    client, shelf, name, place
):
    """Before, feeds left locked posts out, unlike every list page."""
    (_, _, open_content), (title, link, content) = feed_entries(
        client, name, shelf.get(place)
    )

    assert "secret" in open_content
    assert title == "Locked" and link.startswith("http://blog.localhost:8123/")
    assert "secret" not in content and "protected by a password" in content


@pytest.mark.parametrize(("name", "place"), EVERY_POST_FEED)
def test_links_and_images_in_feed_content_are_absolute(
    client, make_post, make_artist, make_series, make_tag, make_category, settings,
    name, place,
):  # fmt: skip
    """The first-mention link and Markdown links are root-relative in the
    stored HTML (``href="/music/artists/touch/"``); feed readers resolved them
    against nothing, so they pointed nowhere."""
    settings.ALLOWED_HOSTS = ["blog.localhost"]
    places = {
        "series": make_series(),
        "tag": make_tag(name="synth"),
        "category": make_category(name="Reviews"),
        "artist": make_artist(name="Touch"),
    }
    post = make_post(
        series=places["series"],
        tags=[places["tag"]],
        categories=[places["category"]],
        body=(
            "Touch, on [the list](/music/) with ![a cover](/media/c.jpg), "
            "note[^1](#fn1) and [elsewhere](https://example.org/x)."
        ),
    )
    post_url = f"http://blog.localhost:8123{post.get_absolute_url()}"

    [(_, _, content)] = feed_entries(client, name, places.get(place))

    assert 'href="http://blog.localhost:8123/music/artists/touch/"' in content
    assert 'href="http://blog.localhost:8123/music/"' in content
    assert 'src="http://blog.localhost:8123/media/c.jpg"' in content
    assert f'href="{post_url}#fn1"' in content
    assert 'href="https://example.org/x"' in content
    assert 'href="/' not in content and 'src="/' not in content


@pytest.mark.parametrize("name", ["atom", "series_atom", "tag_atom", "category_atom"])
def test_atom_feeds_carry_xml_base(client, blog, name):
    place = blog[name.removesuffix("_atom")] if name != "atom" else None
    url = reverse(f"posts:{name}", args=[place.slug] if place else [])

    feed = ElementTree.fromstring(client.get(url, **HOST).content)

    site = "http://blog.localhost:8123"
    assert feed.get(XML_BASE) == site + (place.get_absolute_url() if place else "/")
    entry = feed.find(f"{ATOM}entry[{ATOM}title='Rocky IV']")
    assert entry.get(XML_BASE) == site + blog["post"].get_absolute_url()


@pytest.mark.parametrize("name", ["feed", "atom"])
def test_characters_xml_cannot_carry_never_break_a_feed(client, blog, name):
    """A stored title and body with C0 controls (rows from before they were
    refused on the way in; PostgreSQL refuses NUL itself) made the feed answer 500."""
    Post.objects.filter(pk=blog["post"].pk).update(
        title="Rocky\x01 IV\x0b", body_html="<p>Burning\x07 Heart\x1f</p>"
    )

    entries = feed_entries(client, name, None)

    assert ("Rocky IV", "<p>Burning Heart</p>") in [(t, c) for t, _, c in entries]


def test_series_and_artists_readers_cannot_know_of_have_no_feed(
    client, make_post, make_series, make_rocky_iv
):
    """Found by review: a series whose only part is a draft, and an artist only
    a draft reviews, had 404 pages but feeds answering 200 with their names."""
    series = make_series(title="Next year's secret")
    draft = make_post(series=series, status=Post.Status.DRAFT)
    services.review_release(post=draft, release=make_rocky_iv())

    answers = [
        client.get(reverse(name, args=[slug])).status_code
        for name, slug in [
            ("posts:series_feed", series.slug),
            ("posts:series_atom", series.slug),
            ("posts:artist_feed", "survivor"),
        ]
    ]

    assert answers == [404, 404, 404]
