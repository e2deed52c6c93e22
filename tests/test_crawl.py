"""Every page a reader, an author or an editor can reach by following links
answers without a server error, with no broken link to our own site, and within
a fixed number of queries.

The author page answered 500 for every author with two or more posts, and no
test saw it because every test author had one post. So this crawls realistic
blogs: the demo (``linernotes demo``) and a small blog from ``bench/fill.py``
with several authors, each with many posts, drafts, scheduled, private,
password-protected and pending posts, series, tags, categories, comments and
reviewed releases. Each crawl starts from the home page, the sitemap or every
admin change list, follows ``<a href>``, alternate ``<link>``s, sitemap
``<loc>``s and feed links breadth-first, and visits every kind of page (a few of
each URL pattern; tests/crawling.py).

Each blog is built once per class inside a transaction rolled back at the end;
each test runs in its own savepoint as usual (decision 0027).

Tried at b371d84, before the author page's fix: every home and sitemap case
failed, on /author/mara/ (and on the filled blog /author/ines/, /author/theo/,
/author/joss/) answering 500.
"""

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench import fill
from linernotes.posts.models import Post
from linernotes.transfer.demo import load_demo
from linernotes.users.models import User
from linernotes.users.roles import Role
from linernotes.users.services import create_writer, ensure_roles

from .crawling import Crawl, Visit, pattern_key

#: The most queries one page may run, by kind of page. Measured on SQLite and
#: PostgreSQL: a reader's page runs at most 17 (a post page with its thread,
#: seen by its editor), so the bound leaves a margin of 3; with 25 posts a
#: list page and 15 comments a thread, an N+1 over a list or a thread adds 15
#: or more and fails. The desk's pages run at most 32 (the post editor opened
#: by an editor: its revisions, who else is editing — written on opening —,
#: series, reviews with their tracks, files, body images and the author
#: choices, each read once); a change list of 60 posts reading one relation
#: a row adds 60.
#: "Show counts" (``?_facets``) rebuilds every filter's choices once per
#: filter, Django's own cost, whatever the number of rows: 87 on the post list
#: (59 on the demo's), 49 of them category names read parent by parent.
READER_PAGE_QUERIES = 20
ADMIN_PAGE_QUERIES = 40
ADMIN_FACETS_QUERIES = 100

ROLES = ["anonymous", "author", "editor"]


def crawl_site(client: Client, start: str) -> list[Visit]:
    """From the home page (with what a reader types rather than follows: a
    search, this year's archive, the site's comment feeds), robots.txt and the
    sitemap it names, or every registered ModelAdmin's change list; the admin
    crawl stays in the admin, visiting the pages it links to on the blog (the
    home and sitemap crawls cover the rest)."""
    if start == "admin":
        return Crawl(client, within="/admin/").run(*admin_change_lists())
    starts = {
        "home": [
            "/",
            f"{reverse('posts:search')}?q=1985",
            reverse("posts:year", args=[timezone.now().year]),
            reverse("comments:feed"),
            reverse("comments:atom"),
        ],
        "sitemap": [reverse("robots_txt")],
    }
    return Crawl(client, per_pattern=5).run(*starts[start])


def admin_change_lists() -> list[str]:
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


def query_bound(url: str) -> int:
    if not url.startswith("/admin/"):
        return READER_PAGE_QUERIES
    return ADMIN_FACETS_QUERIES if "_facets=" in url else ADMIN_PAGE_QUERIES


def failures(visits: list[Visit]) -> list[Visit]:
    """Every 5xx, every own link answering 404, every page over its bound."""
    return [
        v
        for v in visits
        if v.status >= 500 or v.status == 404 or v.queries > query_bound(v.url)
    ]


def problems(visits: list[Visit]) -> list[str]:
    return [
        f"{v.status} {v.url} ({v.queries} queries; linked from {v.found_on}) {v.error}"
        for v in failures(visits)
    ]


def view_names(visits: list[Visit]) -> set[str]:
    return {pattern_key(v.url).split("?")[0] for v in visits}


def client_for(role: str, writers: dict[str, User]) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(writers[role])
    return client


@pytest.fixture(scope="class")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """Run a builder inside a transaction that is rolled back after the class,
    with one media folder for the class (covers and attachments stay there)."""
    media = tmp_path_factory.mktemp("media")

    def build(builder):
        with django_db_blocker.unblock(), transaction.atomic():
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr("django.conf.settings.MEDIA_ROOT", str(media))
                writers = builder()
            yield writers
            transaction.set_rollback(True)

    return build, media


@pytest.fixture
def same_media(built, settings):
    settings.MEDIA_ROOT = str(built[1])


def another_author() -> User:
    """An author with no post of their own: what may they reach?"""
    ensure_roles()
    return create_writer(
        username="crawl-author", email="crawl-author@example.org", role=Role.AUTHOR
    )


def load_the_demo() -> dict[str, User]:
    load_demo()
    return {"editor": User.objects.get(username="mara"), "author": another_author()}


def fill_a_small_blog() -> dict[str, User]:
    options = "--posts 60 --scheduled 3 --drafts 6 --private 3 --locked 3 --pending 2"
    options += " --series 6 --tags 15 --comments 120 --releases 4 --per-page 25"
    fill.fill(fill.parse_args(options.split()))
    author = Post.objects.filter(author__groups__name=Role.AUTHOR).first().author
    return {"editor": User.objects.get(username="mara"), "author": author}


#: What each crawl must at least reach, so a crawl that stops early fails.
#: An author may not moderate or open others' posts, and the demo's author
#: has none of their own: only the editor's admin crawl must open a post.
REACHED = {
    "home": {"posts:detail", "posts:author", "posts:tag", "posts:feed"},
    "sitemap": {"posts:detail", "posts:author", "posts:series_detail"},
    "admin": {"admin:posts_post_changelist", "admin:posts_post_add"},
}
REACHED_BY_EDITORS = {"admin:posts_post_change", "admin:comments_comment_change"}


def must_reach(role: str, start: str) -> set[str]:
    extra = REACHED_BY_EDITORS if (role, start) == ("editor", "admin") else set()
    return REACHED[start] | extra


def cases() -> list:
    """Every role and start page (the anonymous reader has no admin)."""
    return [
        pytest.param(role, start, id=f"{role}-{start}")
        for role in ROLES
        for start in ("home", "sitemap", "admin")
        if (role, start) != ("anonymous", "admin")
    ]


@pytest.fixture(scope="class")
def demo_writers(built):
    yield from built[0](load_the_demo)


@pytest.fixture(scope="class")
def filled_writers(built):
    yield from built[0](fill_a_small_blog)


class TestDemoSite:
    @pytest.mark.django_db
    @pytest.mark.parametrize("role, start", cases())
    def test_every_linked_page_answers(self, demo_writers, same_media, role, start):
        visits = crawl_site(client_for(role, demo_writers), start)

        assert problems(visits) == []
        assert must_reach(role, start) <= view_names(visits)


class TestFilledSite:
    @pytest.mark.django_db
    @pytest.mark.parametrize("role, start", cases())
    def test_every_linked_page_answers(self, filled_writers, same_media, role, start):
        visits = crawl_site(client_for(role, filled_writers), start)

        assert problems(visits) == []
        assert must_reach(role, start) <= view_names(visits)


@pytest.mark.django_db
def test_a_broken_link_to_our_own_site_is_reported(make_post, make_writer):
    """Tried: a post (and so the feed) linking a missing artist page and
    another site; only the missing page is reported."""
    body = (
        "See [Nobody](/music/artists/nobody/) and [elsewhere](https://example.org/x/)."
    )
    post = make_post(author=make_writer(), body=body)

    visits = crawl_site(Client(raise_request_exception=False), "home")

    assert [(v.status, v.url) for v in failures(visits)] == [
        (404, "/music/artists/nobody/")
    ]
    assert post.get_absolute_url() in {v.url for v in visits}
    assert not [v for v in visits if "example.org" in v.url]
