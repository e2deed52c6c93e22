"""Real WordPress exports: the first pass must count what each file really holds.

The files in data/wxr/real/ were exported by real blogs (see real/README.md for
each source, licence and redaction). The expected counts below were taken from
the files by hand: items counted per ``wp:post_type`` and ``wp:status`` with grep,
comments per ``wp:comment_approved`` and ``wp:comment_type``, reply depth by
following each ``wp:comment_parent`` in the file. They were not copied from
``check_wxr``'s output, so a reader that drops or invents an item fails here.

The second half imports each file into an empty site with the command and looks
at the result as a reader would: old links, captions, pingback names, slugs a
draft must not take (each once a fault found this way).
"""

import io
import ipaddress
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.utils.html import escape

from linernotes.comments.models import Comment
from linernotes.posts.models import Page, Post
from linernotes.transfer.wordpress.check import check_wxr

REAL = Path(__file__).parent / "data" / "wxr" / "real"
NO_COMMENTS = {
    "total": 0,
    "approved": 0,
    "pending": 0,
    "spam": 0,
    "trash": 0,
    "pingbacks": 0,
    "trackbacks": 0,
    "max_depth": 0,
}


def comments(**counts: int) -> dict[str, int]:
    return {**NO_COMMENTS, **counts}


# file name -> what the file holds, in the import report's vocabulary.
# "skipped" lists the post types the first pass must set aside; "warned" lists
# a phrase each expected warning contains.
EXPECTED: dict[str, dict] = {
    "blogconverter-chloerei.wordpress.2010-11-26.xml": {
        "version": "1.0",
        "items": {"post": {"publish": 1}, "page": {"publish": 1}},
        "authors": 0,
        "categories": 1,
        "tags": 0,
        "terms": 0,
        "comments": comments(total=1, approved=1, max_depth=1),
        "skipped": [],
        "warned": ["'Rei'"],
    },
    "contentful-szpryc.wordpress.2014-12-01.xml": {
        "version": "1.2",
        "items": {
            "page": {"publish": 1},
            "post": {"publish": 3, "draft": 1},
            "attachment": {"inherit": 2},
        },
        "authors": 2,
        "categories": 4,
        "tags": 2,
        "terms": 0,
        "comments": comments(total=5, approved=5, max_depth=1),
        "skipped": [],
        "warned": ["zero post_date_gmt (9)"],
    },
    "gma-grahamashtondev.wordpress.2023-10-24.xml": {
        "version": "1.2",
        "items": {
            "post": {"publish": 2, "draft": 1},
            "page": {"publish": 1},
            "wp_global_styles": {"publish": 1},
            "wp_navigation": {"publish": 1},
        },
        "authors": 1,
        "categories": 1,
        "tags": 0,
        "terms": 0,
        "comments": NO_COMMENTS,
        "skipped": ["wp_global_styles", "wp_navigation"],
        "warned": ["zero post_date_gmt (8)"],
    },
    "ichthyosaurs-wpcom-comments.wordpress.2020-01-09.xml": {
        "version": "1.2",
        "items": {"post": {"publish": 2}, "attachment": {"inherit": 1}},
        "authors": 2,
        "categories": 7,
        "tags": 2,
        "terms": 1,
        # 78 answers 77 (and comes before it in the file); 332 is a pingback.
        "comments": comments(total=5, approved=5, pingbacks=1, max_depth=2),
        "skipped": [],
        "warned": [],
    },
    "jekyll-tombtest.wordpress.2012-05-30.xml": {
        "version": "1.2",
        "items": {"post": {"publish": 2}, "page": {"publish": 1}},
        "authors": 1,
        "categories": 1,
        "tags": 0,
        "terms": 0,
        "comments": comments(total=1, approved=1, max_depth=1),
        "skipped": [],
        "warned": [],
    },
    "jekyllimport-wpcom-2025.wordpress.2025-01-19.xml": {
        "version": "1.2",
        "items": {
            "page": {"publish": 1},
            "post": {"publish": 2},
            "wp_global_styles": {"publish": 1},
        },
        "authors": 1,
        "categories": 2,
        "tags": 4,
        "terms": 0,
        "comments": NO_COMMENTS,
        "skipped": ["wp_global_styles"],
        "warned": [],
    },
    "nikola-selfhosted-music.wordpress.2012-07-25.xml": {
        "version": "1.2",
        "items": {
            "post": {"publish": 4},
            "page": {"publish": 1},
            "attachment": {"inherit": 3},
        },
        "authors": 1,
        "categories": 1,
        "tags": 1,
        "terms": 0,
        "comments": NO_COMMENTS,
        "skipped": [],
        "warned": ["'tibonihoo'"],
    },
    "nikola-unicode.wordpress.2012-12-25.xml": {
        "version": "1.2",
        "items": {"post": {"publish": 1}, "page": {"publish": 1}},
        "authors": 1,
        "categories": 1,
        "tags": 2,
        "terms": 0,
        "comments": NO_COMMENTS,
        "skipped": [],
        "warned": [],
    },
    "squido-wpcom-blocks.wordpress.2021-04-16.xml": {
        "version": "1.2",
        "items": {
            "page": {"publish": 2},
            "nav_menu_item": {"publish": 2},
            "attachment": {"inherit": 1},
        },
        "authors": 1,
        "categories": 1,
        "tags": 0,
        "terms": 2,
        "comments": NO_COMMENTS,
        "skipped": ["nav_menu_item", "nav_menu_item"],
        "warned": [],
    },
    "wp2middleman-drafts.wordpress.2013-12-05.xml": {
        "version": "1.2",
        "items": {"post": {"draft": 3}},
        "authors": 1,
        "categories": 3,
        "tags": 2,
        "terms": 0,
        "comments": NO_COMMENTS,
        "skipped": [],
        "warned": ["zero post_date_gmt (84, 209, 210)"],
    },
}

REAL_FILES = sorted(path.name for path in REAL.glob("*.xml"))


def test_every_real_export_has_hand_counted_expectations_and_a_source():
    """A file added to real/ without counts or a README entry fails here."""
    readme = (REAL / "README.md").read_text(encoding="utf-8")

    assert REAL_FILES == sorted(EXPECTED)
    for name in REAL_FILES:
        assert f"### `{name}`" in readme, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_first_pass_counts_what_the_file_holds(name):
    expected = EXPECTED[name]
    summary = check_wxr(REAL / name)
    report = summary.as_report()

    assert summary.channel.wxr_version == expected["version"]
    assert report["items"] == expected["items"]
    assert report["posts"] == sum(expected["items"].get("post", {}).values())
    assert report["pages"] == sum(expected["items"].get("page", {}).values())
    assert report["attachments"] == sum(
        expected["items"].get("attachment", {}).values()
    )
    for key in ("authors", "categories", "tags", "terms"):
        assert report[key] == expected[key], key
    assert report["sticky"] == 0
    assert report["password_protected"] == 0
    assert report["comments"] == expected["comments"]
    assert sorted(skip["what"].split()[0] for skip in report["skipped"]) == sorted(
        expected["skipped"]
    )
    assert all(skip["why"] for skip in report["skipped"])
    assert len(report["warnings"]) == len(expected["warned"]), report["warnings"]
    for phrase, warning in zip(expected["warned"], report["warnings"], strict=True):
        assert phrase in warning


PERSONAL_FIELDS = re.compile(
    r"<wp:(author_email|comment_author_email|comment_author_IP)>"
    r"(?:<!\[CDATA\[)?([^<\]]*)(?:\]\]>)?</wp:\1>"
)
TEST_NET = ipaddress.ip_network("192.0.2.0/24")


@pytest.mark.parametrize("name", REAL_FILES)
def test_readers_and_authors_personal_data_was_replaced(name):
    """Emails and IPs of real people were swapped for reserved placeholders.

    A value with no "@" is kept: upstream already replaced it with a non-address.
    """
    text = (REAL / name).read_text(encoding="utf-8")

    for field, value in PERSONAL_FIELDS.findall(text):
        if not value:
            continue
        if field == "comment_author_IP":
            address = ipaddress.ip_address(value)
            assert address in TEST_NET or address.is_loopback, (field, value)
        elif "@" in value:
            assert value.endswith("@example.invalid"), (field, value)


# -- importing them -------------------------------------------------------------
#
# Each real file goes into an empty site through the command a blogger would
# run, then the site is looked at the way a reader would: post pages, old links.


def import_real(name: str) -> dict:
    """Run ``linernotes import-wordpress FILE --json`` and return its report."""
    out, err = io.StringIO(), io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command(
            "import_wordpress", str(REAL / name), "--json", stdout=out, stderr=err
        )
    return json.loads(out.getvalue())


def item_count(name: str, post_type: str) -> int:
    return sum(EXPECTED[name]["items"].get(post_type, {}).values())


@pytest.fixture
def owner(make_user):
    return make_user(username="owner", is_superuser=True, is_staff=True)


@pytest.mark.django_db
@pytest.mark.parametrize("name", REAL_FILES)
def test_every_post_page_and_comment_arrives_once(name, owner):
    report = import_real(name)
    again = import_real(name)

    comments = EXPECTED[name]["comments"]["total"]
    assert report["posts"] == item_count(name, "post")
    assert report["comments"] == EXPECTED[name]["comments"]
    assert Post.objects.count() == item_count(name, "post")
    assert Page.objects.count() == item_count(name, "page")
    assert Comment.objects.count() == comments
    assert report["created"].get("posts", 0) == item_count(name, "post")
    assert report["created"].get("pages", 0) == item_count(name, "page")
    assert report["created"].get("comments", 0) == comments
    assert report["created"].get("attachments", 0) == item_count(name, "attachment")
    assert again["created"] == {}
    assert Post.objects.count() == item_count(name, "post")
    assert Comment.objects.count() == comments


@pytest.mark.django_db
def test_a_second_run_finds_everything_the_first_created(owner):
    name = "nikola-selfhosted-music.wordpress.2012-07-25.xml"
    first = import_real(name)
    again = import_real(name)

    # Listings offered for confirmation are offers, not things a second run
    # finds: every kind of thing the first run created, the second finds.
    offers = {"listings_to_confirm"}
    assert again["already_present"] == {
        kind: n for kind, n in first["created"].items() if kind not in offers
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", REAL_FILES)
def test_published_posts_and_pages_can_be_read(name, owner, client):
    import_real(name)

    for post in Post.objects.filter(status=Post.Status.PUBLISHED):
        page = client.get(post.get_absolute_url())
        assert page.status_code == 200, post.title
        assert escape(post.title) in page.content.decode()
    for page_obj in Page.objects.all():
        assert client.get(page_obj.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_dates_are_the_gmt_dates_of_the_file(owner):
    """jekyllimport's local dates are 8 h behind GMT, across midnight."""
    import_real("jekyllimport-wpcom-2025.wordpress.2025-01-19.xml")

    post = Post.objects.get(title="The Art of Connection")
    assert post.published_at == datetime(2025, 1, 19, 2, 26, 26, tzinfo=UTC)


@pytest.mark.django_db
def test_a_reply_that_comes_before_its_parent_is_threaded_and_pingbacks_kept(
    owner, client
):
    import_real("ichthyosaurs-wpcom-comments.wordpress.2020-01-09.xml")

    reply = Comment.objects.get(author_name="Ben")
    assert reply.parent is not None
    assert reply.parent.body.startswith("The journal in which this paper appears")
    assert Comment.objects.filter(kind=Comment.Kind.PINGBACK).count() == 1
    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() == 5


@pytest.mark.django_db
def test_posts_sharing_a_guid_both_arrive(owner):
    """wp2middleman's drafts 209 and 210 have the same <guid>."""
    import_real("wp2middleman-drafts.wordpress.2013-12-05.xml")

    assert sorted(Post.objects.values_list("title", flat=True)) == [
        "A Title",
        "A second title",
        "A third title: With colon",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, old, title",
    [
        (
            "ichthyosaurs-wpcom-comments.wordpress.2020-01-09.xml",
            "/2014/06/23/200-years-of-ichthyosaurology/",
            "200 years of ichthyosaurology",
        ),
        (
            "jekyll-tombtest.wordpress.2012-05-30.xml",
            "/2012/05/30/anotherpost-with-slash/",
            "Another/Post With Slash",
        ),
        (
            "nikola-selfhosted-music.wordpress.2012-07-25.xml",
            "/2012/04/indentation_test/",
            "Indentation Test",
        ),
        (
            "blogconverter-chloerei.wordpress.2010-11-26.xml",
            "/blog/2010/03/25/hello-world/",
            "Hello world!",
        ),
    ],
)
def test_old_links_answer_301_to_the_imported_post(name, old, title, owner, client):
    import_real(name)

    answer = client.get(old)
    assert answer.status_code == 301
    assert answer["Location"].endswith(Post.objects.get(title=title).get_absolute_url())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, title",
    [
        ("contentful-szpryc.wordpress.2014-12-01.xml", "wpis numer dwa/2"),
        (
            "ichthyosaurs-wpcom-comments.wordpress.2020-01-09.xml",
            "200 years of ichthyosaurology",
        ),
    ],
)
def test_caption_shortcodes_become_figures(name, title, owner, client):
    import_real(name)

    html = client.get(Post.objects.get(title=title).get_absolute_url()).content
    assert b"[caption" not in html
    assert b"[/caption]" not in html


@pytest.mark.django_db
def test_a_pingback_author_reads_as_on_the_old_blog(owner, client):
    import_real("ichthyosaurs-wpcom-comments.wordpress.2020-01-09.xml")

    post = Post.objects.get(title="200 years of ichthyosaurology")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Whewell’s Gazette" in html
    assert "&amp;#8217;" not in html


@pytest.mark.django_db
def test_a_published_post_keeps_its_slug_when_a_draft_shares_its_title(owner):
    import_real("contentful-szpryc.wordpress.2014-12-01.xml")

    assert Post.objects.get(title="wpis numer dwa/2").slug == "wpis-numer-dwa-2"
