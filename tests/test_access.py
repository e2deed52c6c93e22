"""Every entry point of the site asks posts.access, proven for every URL pattern.

``ENTRY_POINTS`` says, for each pattern of the URLconf, how to reach a given
post through it and what kind of answer it gives; ``NOT_ABOUT_POSTS`` names
the patterns that show no post, each with the reason. A pattern in neither
fails ``test_every_url_pattern_is_in_the_table``, so a new URL cannot skip the
rule unnoticed.

Each post-bearing entry point is then asked about a draft, a scheduled post
not yet due, a private post and a locked (password-protected) post, by an
anonymous reader, a reader whose session unlocked the post, a reader with an
account, the post's own author, another author and an editor. The post was
public first, so it has a comment, an attachment and a review, as a post moved
back to drafts does.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from linernotes.posts import access, services
from linernotes.posts.models import Post
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db

KINDS = ["draft", "scheduled", "private", "locked"]
READERS = ["anonymous", "unlocked", "account", "author", "other_author", "editor"]
PASSWORD = "open-sesame"  # noqa: S105 - a test post's password
TITLE = "Zebra crossing notes"  # the target post's title: public for a locked post
SECRET = "quagga-secret"  # words of its body: never shown unless readable
COMMENT = "okapi-comment"  # a reader's comment on it
GHOST = "Ghost Orchestra"  # an artist only the target post refers to


# -- what each entry point answers ---------------------------------------------


def reads(kind: str, reader: str) -> bool:
    """Whether this reader may read the post (access.access_post → CONTENT)."""
    return reader in ("author", "editor") or (kind, reader) == ("locked", "unlocked")


def page_answer(kind: str, reader: str) -> str:
    """The post page: the content, the password form or a 404."""
    if reads(kind, reader):
        return "content"
    return "form" if kind == "locked" else "404"


def action_answer(kind: str, reader: str) -> str:
    """Comments and likes exist on public posts only, for readers who may read
    them: a locked post answers 403 to the others, anything else 404."""
    if kind != "locked":
        return "404"
    return "allowed" if reads(kind, reader) else "403"


def file_answer(kind: str, reader: str) -> str:
    """The download view: like the page, but 403 instead of the password form."""
    if reads(kind, reader):
        return "allowed"
    return "403" if kind == "locked" else "404"


def media_answer(kind: str, reader: str) -> str:
    """An attachment's /media/ address: to the counted download, or a 404."""
    return "allowed" if reads(kind, reader) else "404"


def permalink_answer(kind: str, reader: str) -> str:
    return file_answer(kind, reader)


def public_list_answer(kind: str, reader: str) -> str:
    """Lists, archives and feeds use the public part only: a locked post's title
    shows (never its words); nothing else does, whoever asks (pages are shared)."""
    return "title" if kind == "locked" else "absent"


def series_answer(kind: str, reader: str) -> str:
    """The series page also announces its next scheduled part by title (never
    linked), as the post page's "Next post" teaser does."""
    return "title" if kind in ("locked", "scheduled") else "absent"


def readable_list_answer(kind: str, reader: str) -> str:
    """Search, the sitemap, the music pages and comment feeds: readable only."""
    return "absent"


def catalogue_page_answer(kind: str, reader: str) -> str:
    """A release only the target post reviews: hidden from readers (404);
    writers who may change the catalogue get a private preview."""
    return "preview" if reader in ("author", "other_author", "editor") else "404"


def post_feed_answer(kind: str, reader: str) -> str:
    """A post's own comment feed exists only for a readable post."""
    return "404"


def reader_state_answer(kind: str, reader: str) -> str:
    """/account/me.json?post=: this reader's likes on the post, only when the
    post is public and this reader may read it."""
    if reader in ("anonymous", "unlocked"):
        return "no state"  # no account and no guest cookie: liked nothing, anywhere
    return "state" if action_answer(kind, reader) == "allowed" else "no state"


# -- the post and the people ---------------------------------------------------


@dataclass
class World:
    kind: str
    post: Post
    comment_pk: int
    attachment_url: str
    media_url: str
    people: dict


@pytest.fixture
def world(request, make_post, make_writer, make_user, make_series, make_tag,
          make_category, make_release, make_comment, make_attachment):  # fmt: skip
    kind = request.param
    author = make_writer()
    series, tag, category = make_series(), make_tag(), make_category()
    terms = {"series": series, "tags": [tag], "categories": [category]}
    control = make_post(title="Control post", author=author, days_ago=2, **terms)
    control_release = make_release(title="Control LP", artists=["Control Band"])
    services.review_release(post=control, release=control_release)
    make_comment(post=control, body="A control comment.")
    post = make_post(
        title=TITLE, body=f"Words: {SECRET}.", author=author, days_ago=1, **terms
    )
    ghost_release = make_release(
        title="Ghost LP", artists=[GHOST, "Control Band"], year=1985
    )
    services.review_release(post=post, release=ghost_release)
    comment = make_comment(post=post, body=f"Says {COMMENT}.")
    attachment = make_attachment(post=post, data=SECRET.encode())
    _make_it(post, kind)
    people = {
        "author": author,
        "account": make_user(),
        "other_author": make_writer(),
        "editor": make_writer(role=Role.EDITOR),
    }
    return World(
        kind=kind,
        post=post,
        comment_pk=comment.pk,
        attachment_url=attachment.get_absolute_url(),
        media_url=attachment.file.url,
        people=people,
    )


def _make_it(post: Post, kind: str) -> None:
    """Turn the public post into a draft, a scheduled, private or locked one."""
    if kind == "locked":
        post.password = PASSWORD
    elif kind == "scheduled":
        post.status = Post.Status.SCHEDULED
        post.published_at = timezone.now() + timedelta(hours=3)
    else:
        post.status = {"draft": Post.Status.DRAFT, "private": Post.Status.PRIVATE}[kind]
    services.save_post(post=post)
    services.refresh_counts()


def client_for(world: World, reader: str) -> Client:
    client = Client(HTTP_SEC_FETCH_SITE="same-origin")
    if reader in world.people:
        client.force_login(world.people[reader])
    if reader == "unlocked":
        if world.kind == "locked":
            client.post(world.post.get_absolute_url(), {"password": PASSWORD})
        else:  # a forged session naming the post must open nothing
            session = client.session
            access.remember_unlocked(session, world.post)
            session.save()
    return client


# -- the table -----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    url: Callable[[World], str]
    answer: Callable[[str, str], str]
    method: str = "get"
    data: Callable[[World], dict] = lambda world: {}
    headers: tuple = ()
    #: Text a list must show (the control post, its release, its comment), so
    #: an empty or broken list cannot pass for one that hides the target.
    control: str = ""


def _month(world: World) -> str:
    when = timezone.localtime(world.post.published_at or world.post.created_at)
    return f"/{when.year}/{when.month:02d}/"


def _year(world: World) -> str:
    return _month(world)[:6]


def _series(world: World) -> str:
    return world.post.series.get_absolute_url()


def _tag(world: World) -> str:
    return world.post.tags.get().get_absolute_url()


def _category(world: World) -> str:
    return world.post.categories.get().get_absolute_url()


COMMENT_FORM = {"name": "Rae", "email": "rae@example.org", "body": "Me too."}
JSON = (("HTTP_ACCEPT", "application/json"),)
LIKE = {"liked": "1"}

ENTRY_POINTS: dict[str, Entry] = {
    # The post itself.
    "<int:year>/<mm:month>/<slug:slug>/": Entry(
        lambda w: w.post.get_absolute_url(), page_answer
    ),
    # Lists and archives (public part).
    "": Entry(lambda w: "/", public_list_answer, control="Control post"),
    "<int:year>/": Entry(_year, public_list_answer),
    "<int:year>/<mm:month>/": Entry(_month, public_list_answer),
    "series/<slug:slug>/": Entry(_series, series_answer, control="Control post"),
    "tag/<slug:slug>/": Entry(_tag, public_list_answer, control="Control post"),
    "category/<slug:slug>/": Entry(
        _category, public_list_answer, control="Control post"
    ),
    "author/<str:username>/": Entry(
        lambda w: w.post.author.get_absolute_url(),
        public_list_answer,
        control="Control post",
    ),
    # Feeds (public part: a locked post's title, never its words).
    "feed/": Entry(lambda w: "/feed/", public_list_answer, control="Control post"),
    "feed/atom/": Entry(
        lambda w: "/feed/atom/", public_list_answer, control="Control post"
    ),
    "series/<slug:slug>/feed/": Entry(
        lambda w: _series(w) + "feed/", public_list_answer, control="Control post"
    ),
    "series/<slug:slug>/feed/atom/": Entry(
        lambda w: _series(w) + "feed/atom/", public_list_answer, control="Control post"
    ),
    "tag/<slug:slug>/feed/": Entry(
        lambda w: _tag(w) + "feed/", public_list_answer, control="Control post"
    ),
    "tag/<slug:slug>/feed/atom/": Entry(
        lambda w: _tag(w) + "feed/atom/", public_list_answer, control="Control post"
    ),
    "category/<slug:slug>/feed/": Entry(
        lambda w: _category(w) + "feed/", public_list_answer, control="Control post"
    ),
    "category/<slug:slug>/feed/atom/": Entry(
        lambda w: _category(w) + "feed/atom/",
        public_list_answer,
        control="Control post",
    ),
    "music/artists/<slug:slug>/feed/": Entry(
        lambda w: "/music/artists/control-band/feed/",
        public_list_answer,
        control="Control post",
    ),
    # Readable only: search, the sitemap, the music pages, comment feeds.
    # "words" is in both posts' bodies: only the readable one may be found.
    "search/": Entry(
        lambda w: "/search/?q=words", readable_list_answer, control="Control post"
    ),
    "sitemap.xml": Entry(
        lambda w: "/sitemap.xml", readable_list_answer, control="control-post"
    ),
    "music/": Entry(lambda w: "/music/", readable_list_answer, control="Control Band"),
    "music/<int:year>/": Entry(
        lambda w: "/music/1985/", readable_list_answer, control="Control LP"
    ),
    "music/artists/<slug:slug>/": Entry(
        lambda w: "/music/artists/control-band/",
        readable_list_answer,
        control="Control LP",
    ),
    "music/releases/<slug:slug>/": Entry(
        lambda w: "/music/releases/ghost-lp-1985/", catalogue_page_answer
    ),
    "comments/feed/": Entry(
        lambda w: "/comments/feed/", readable_list_answer, control="control comment"
    ),
    "comments/feed/atom/": Entry(
        lambda w: "/comments/feed/atom/",
        readable_list_answer,
        control="control comment",
    ),
    "comments/post/<int:post_pk>/feed/": Entry(
        lambda w: f"/comments/post/{w.post.pk}/feed/", post_feed_answer
    ),
    "comments/post/<int:post_pk>/feed/atom/": Entry(
        lambda w: f"/comments/post/{w.post.pk}/feed/atom/", post_feed_answer
    ),
    # Per reader: comments, likes, the reader's state, files.
    "comments/post/<int:post_pk>/": Entry(
        lambda w: f"/comments/post/{w.post.pk}/",
        action_answer,
        method="post",
        data=lambda w: COMMENT_FORM,
    ),
    "comments/<int:pk>/": Entry(
        lambda w: f"/comments/{w.comment_pk}/", permalink_answer
    ),
    "likes/post/<int:pk>/": Entry(
        lambda w: f"/likes/post/{w.post.pk}/",
        action_answer,
        method="post",
        data=lambda w: LIKE,
        headers=JSON,
    ),
    "likes/comment/<int:pk>/": Entry(
        lambda w: f"/likes/comment/{w.comment_pk}/",
        action_answer,
        method="post",
        data=lambda w: LIKE,
        headers=JSON,
    ),
    "account/me.json": Entry(
        lambda w: f"/account/me.json?post={w.post.pk}", reader_state_answer
    ),
    "download/<int:pk>/<str:filename>": Entry(lambda w: w.attachment_url, file_answer),
    "media/<path:path>": Entry(lambda w: w.media_url, media_answer),
}

#: Whole included URLconfs that show no post to readers.
NOT_ABOUT_POSTS_UNDER: dict[str, str] = {
    "admin/": "the desk: Django's admin permissions decide (posts/tests/test_admin)",
    "accounts/": "allauth's sign-in, sign-up and e-mail pages show no post",
}

#: Single patterns that show no post.
NOT_ABOUT_POSTS: dict[str, str] = {
    "robots.txt": "names the sitemap only",
    "<slug:slug>/": "static pages (Page), not posts",
    "series/": "series titles with their stored public counts, no post",
    "account/profile/": "the reader's own profile",
    "account/identicon/<str:digest>.svg": "a picture drawn from a digest",
    "comments/thanks/<str:token>/": "a receipt only the comment's writer holds "
    "(signed token; comments/tests)",
    "comments/<int:pk>/edit/": "only the comment's writer, by signed token or "
    "account (comments/tests)",
    "subscribe/": "the subscription form: names series, never posts",
    "subscribe/sent/": "a fixed page",
    "subscribe/confirm/<str:token>/": "a signed confirmation",
    "mail/address/<str:token>/": "a signed address confirmation",
    "u/<str:token>/": "a signed unsubscribe link",
    "privacy/": "the privacy page (a static Page)",
    "privacy/link/": "asks for a privacy link by e-mail",
    "privacy/email/<str:token>/": "a guest's own data, by signed token (privacy/tests)",
    "privacy/email/<str:token>/export.json": "a guest's own comments; non-public "
    "post content left out (privacy/tests)",
    "privacy/email/<str:token>/erase/": "erases a guest's own data",
    "privacy/account/export.json": "a reader's own comments; non-public post "
    "content left out (privacy/tests)",
    "privacy/account/erase/": "erases a reader's own data",
}


def _routes(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def _known(route: str) -> bool:
    if route in ENTRY_POINTS or route in NOT_ABOUT_POSTS:
        return True
    return any(route.startswith(prefix) for prefix in NOT_ABOUT_POSTS_UNDER)


def test_every_url_pattern_is_in_the_table():
    routes = list(_routes(get_resolver().url_patterns))

    missing = [route for route in routes if not _known(route)]
    stale = [route for route in ENTRY_POINTS if route not in routes]

    assert missing == [], "say how each new URL reaches a post, or why it does not"
    assert stale == []


def _cases():
    for route in ENTRY_POINTS:
        for kind in KINDS:
            yield pytest.param(route, kind, id=f"{route or '/'}-{kind}")


@pytest.mark.parametrize(("route", "world"), list(_cases()), indirect=["world"])
def test_each_entry_point_answers_each_reader_as_the_access_rule_says(route, world):
    """For the locked post, the "unlocked" reader entered its password on the
    page; for the others that reader's session names the post's id, forged,
    which must open nothing. The page cache is on, as in production: the
    anonymous reader asks first, and the others must not get what it stored."""
    entry = ENTRY_POINTS[route]
    expected, seen = {}, {}
    for reader in READERS:
        client = client_for(world, reader)
        url = entry.url(world)
        send = getattr(client, entry.method)
        response = send(url, entry.data(world), **dict(entry.headers))
        expected[reader] = entry.answer(world.kind, reader)
        seen[reader] = _observed(entry, response, world)

    assert seen == expected


def _observed(entry: Entry, response, world: World) -> str:
    """What the reader got, in the words of the ``*_answer`` functions."""
    body = b"".join(response) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    leaked = SECRET in text or COMMENT in text or GHOST in text
    if entry.answer is page_answer:
        if response.status_code != 200:
            return str(response.status_code)
        if SECRET in text:
            return "content"
        return "form" if 'name="password"' in text else "something else"
    if entry.answer is catalogue_page_answer:
        if response.status_code == 404:
            return "404"
        private = response.get("Cache-Control") == "private"
        return "preview" if private and "readers cannot see" in text else "leaked"
    if entry.answer in (public_list_answer, series_answer, readable_list_answer):
        assert response.status_code == 200, response.status_code
        assert entry.control in text, f"the control ({entry.control}) is missing"
        if leaked:
            return "leaked"
        shown = TITLE in text or world.post.slug in text
        return "title" if shown else "absent"
    if entry.answer is reader_state_answer:
        assert response.status_code == 200
        if leaked or TITLE in text:
            return "leaked"
        signed_in = response.wsgi_request.user.is_authenticated
        return "state" if signed_in and "likes" in response.json() else "no state"
    if response.status_code in (403, 404):
        return str(response.status_code)
    return "allowed" if response.status_code < 400 else str(response.status_code)


def test_guessing_from_many_networks_leaves_each_one_guess_not_the_reader_out(
    settings, make_post
):
    """LINERNOTES_PASSWORD_POST_RATE counts a post's wrong guesses from
    everywhere (an IPv6 /32 holds 65,536 /48s). Over it, a network that has
    guessed wrong is refused even with the right password, one that has not
    may still try once: first tried as "refuse everyone", which a reviewer
    showed lets ten networks lock every reader out."""
    settings.LINERNOTES_PASSWORD_RATE = "3/h"
    settings.LINERNOTES_PASSWORD_POST_RATE = "4/h"
    post = make_post(password=PASSWORD)

    def attempt(network: int, password: str) -> int:
        address = f"2001:db8:{network:x}::1"
        url = post.get_absolute_url()
        return Client().post(url, {"password": password}, REMOTE_ADDR=address)

    guesses = [attempt(n, "guess").status_code for n in range(4)]
    guesser_again = attempt(0, PASSWORD)
    reader = attempt(100, PASSWORD)
    fresh_guesser = [attempt(200, "guess").status_code for _ in range(2)]

    assert guesses == [200, 200, 200, 200]
    assert guesser_again.status_code == 429
    assert reader.status_code == 200 and "A few words" in reader.content.decode()
    assert fresh_guesser == [200, 429]


def test_ipv4_readers_of_a_dual_stack_server_keep_their_own_networks():
    """Found by review: ``::ffff:a.b.c.d`` addresses all fell in ``::/48``, so
    one guesser's wrong passwords refused every IPv4 reader."""
    assert access.client_network("::ffff:192.0.2.7") == "192.0.2.0/24"
    assert access.client_network("::ffff:198.51.100.7") == "198.51.100.0/24"
    assert access.client_network("2001:db8:1:2::5") == "2001:db8:1::/48"


def test_a_new_password_locks_out_sessions_that_knew_the_old_one(client, make_post):
    """Tried before the fix: the session kept only the post's id, so a reader
    who once unlocked it read it for the session's whole life, whatever the
    writer changed the password to."""
    post = make_post(password=PASSWORD, body="A few words")
    client.post(post.get_absolute_url(), {"password": PASSWORD})
    before = client.get(post.get_absolute_url())

    post.password = "a new one"
    services.save_post(post=post)
    after = client.get(post.get_absolute_url())

    assert "A few words" in before.content.decode()
    assert "A few words" not in after.content.decode()
    assert 'name="password"' in after.content.decode()
