"""Feeds and the sitemap, parsed as XML and checked element by element."""

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from pytest_django.asserts import assertContains

from linernotes.posts.models import Post

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
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


def test_the_blog_feed_lists_published_posts_with_absolute_urls(client, blog):
    items = rss_items(client, reverse("posts:feed"))

    titles = [item.findtext("title") for item in items]
    assert titles == ["Rocky IV", "Elsewhere"]
    link = items[0].findtext("link")
    assert link == f"http://blog.localhost:8123{blog['post'].get_absolute_url()}"
    assert "<em>Heart</em>" in items[0].findtext("description")


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
