"""Importing a WordPress export: everything arrives, through the editor's path,
once, and anything that could not come is reported (issue 10, items 0–2, 7, 8).

Each test writes the export it imports (``wxr.py``), so the input is in view.
"""

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from linernotes.comments.models import Comment
from linernotes.core import pagecache
from linernotes.core.exceptions import ImportFileInvalid
from linernotes.posts.models import Category, Page, Post, Series, Tag
from linernotes.posts.services import posts as posts_module
from linernotes.transfer import redirects as redirects_module
from linernotes.transfer.models import LegacyRedirect, WordPressObject
from linernotes.transfer.tests import wxr
from linernotes.transfer.wordpress.importer import (
    ImportOptions,
    import_wordpress,
    read_author_map,
)
from linernotes.transfer.wordpress.importer import run as import_run
from linernotes.users.models import User

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data" / "wxr"


@pytest.fixture
def owner(make_user):
    return make_user(username="owner", is_superuser=True, is_staff=True)


def run(document: bytes, owner=None, **options) -> dict:
    """Import, then do what the import left for after its commit (recounts)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return import_wordpress(
            io.BytesIO(document), owner=owner, options=ImportOptions(**options)
        )


def command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_wordpress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# -- what comes in ------------------------------------------------------------


def test_posts_keep_their_status_dates_author_and_terms(owner):
    document = wxr.export(
        authors=[wxr.author("ann", id=1), wxr.author("bob", id=2, name="Bob B")],
        categories=[
            wxr.category("reviews", "Reviews"),
            wxr.category("soundtracks", "Soundtracks", parent="reviews"),
        ],
        tags=[wxr.tag("synth", "Synth")],
        items=[
            wxr.item(
                1,
                "Published",
                creator="ann",
                categories=["soundtracks"],
                tags=["synth"],
                sticky=True,
            ),
            wxr.item(2, "Future", status="future", date_gmt="2099-01-01 12:00:00"),
            wxr.item(
                3,
                "A draft",
                status="draft",
                creator="bob",
                date_gmt="0000-00-00 00:00:00",
                date="2012-05-01 10:00:00",
            ),
            wxr.item(4, "Waiting", status="pending"),
            wxr.item(5, "Mine only", status="private"),
            wxr.item(6, "Locked", password="open sesame", excerpt="A teaser."),
        ],
    )

    report = run(document, owner)

    by_title = {p.title: p for p in Post.objects.all()}
    assert {t: p.status for t, p in by_title.items()} == {
        "Published": Post.Status.PUBLISHED,
        "Future": Post.Status.SCHEDULED,
        "A draft": Post.Status.DRAFT,
        "Waiting": Post.Status.PENDING,
        "Mine only": Post.Status.PRIVATE,
        "Locked": Post.Status.PUBLISHED,
    }
    published = by_title["Published"]
    assert published.published_at == datetime(2012, 3, 4, 9, 30, tzinfo=UTC)
    assert published.created_at == published.published_at
    assert published.author.username == "ann"
    assert published.sticky
    assert published.slug == "post-1"
    assert [str(c) for c in published.categories.all()] == ["Reviews › Soundtracks"]
    assert [t.name for t in published.tags.all()] == ["Synth"]
    assert by_title["A draft"].author.display_name == "Bob B"
    assert by_title["Locked"].password == "open sesame"
    assert by_title["Locked"].excerpt == "A teaser."
    assert by_title["Future"].published_at.year == 2099
    assert report["created"]["posts"] == 6
    assert report["items"]["post"] == {
        "publish": 2,
        "future": 1,
        "draft": 1,
        "pending": 1,
        "private": 1,
    }
    assert report["sticky"] == 1 and report["password_protected"] == 1


def test_imported_posts_are_rendered_counted_and_found_like_typed_ones(owner, client):
    document = wxr.export(
        categories=[wxr.category("reviews", "Reviews")],
        items=[
            wxr.item(
                1,
                "Cobra",
                body="<p>The Cobra soundtrack is loud.</p>",
                categories=["reviews"],
            ),
        ],
    )

    run(document, owner)

    post = Post.objects.get()
    assert "<p>The Cobra soundtrack is loud.</p>" in post.body_html
    assert "Cobra soundtrack" in post.body_text
    assert Category.objects.get(slug="reviews").post_count == 1
    page = client.get(post.get_absolute_url())
    assert page.status_code == 200
    assert "The Cobra soundtrack is loud." in page.content.decode()
    found = client.get("/search/", {"q": "soundtrack"})
    assert "Cobra" in found.content.decode()


def test_authors_become_writers_without_usable_passwords(owner):
    document = wxr.export(
        authors=[wxr.author("Jane Doe", id=7, email="jane@example.com", name="Jane")],
        items=[wxr.item(1, creator="Jane Doe")],
    )

    report = run(document, owner)

    jane = User.objects.get(email="jane@example.com")
    assert jane.username == "Jane-Doe"
    assert not jane.has_usable_password()
    assert jane.groups.filter(name="Author").exists()
    assert Post.objects.get().author == jane
    assert any(
        "'Jane Doe' became the account 'Jane-Doe'" in w for w in report["warnings"]
    )


def test_an_unknown_creator_goes_to_the_owner_and_is_reported(owner):
    document = wxr.export(items=[wxr.item(1, creator="ghost")])

    report = run(document, owner)

    assert Post.objects.get().author == owner
    assert any("'ghost'" in w and "default author" in w for w in report["warnings"])


def test_the_author_map_gives_posts_to_existing_accounts(owner, make_writer):
    writer = make_writer(username="annie")
    mapping = read_author_map("wp_login,username\nann,annie\n")

    run(wxr.export(items=[wxr.item(1, creator="ann")]), owner, author_map=mapping)

    assert Post.objects.get().author == writer
    assert not User.objects.filter(username="ann").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ann", "expected “wp_login,username”"),
        ("ann,annie,extra", "expected “wp_login,username”"),
        ("ann,nobody", "do not exist: nobody"),
    ],
)
def test_a_bad_author_map_is_refused_before_anything_is_written(text, message):
    with pytest.raises(ImportFileInvalid, match=message):
        read_author_map(text)


def test_an_author_map_cannot_give_posts_to_a_reader(make_user):
    make_user(username="mara")

    with pytest.raises(ImportFileInvalid, match="readers, not writers: mara"):
        read_author_map("ann,mara")


def test_pages_come_in_with_their_order_and_nesting(owner):
    document = wxr.export(
        items=[
            wxr.item(1, "About", type="page", slug="about", menu_order=2),
            wxr.item(2, "Team", type="page", slug="team", parent=1),
            wxr.item(3, "Old", type="page", slug="old", status="draft"),
        ]
    )

    report = run(document, owner)

    about, team, old = (Page.objects.get(slug=s) for s in ("about", "team", "old"))
    assert about.is_published and about.show_in_menu and about.menu_order == 2
    assert team.is_published and not team.show_in_menu
    assert not old.is_published
    assert report["created"]["pages"] == 3


def test_terms_with_an_empty_nicename_keep_their_names(owner):
    """Tried: two tags and two categories whose nicename is empty, and a tag
    with neither nicename nor name. Each named term is its own; the empty one
    is left out and reported, never made into a term called "post"."""
    document = wxr.export(
        items=[
            wxr.item(
                1,
                terms=[
                    ("post_tag", "", "Jazz"),
                    ("post_tag", "", "Rock"),
                    ("post_tag", "", ""),
                    ("category", "", "Live"),
                    ("category", "", "Studio"),
                ],
            )
        ]
    )

    report = run(document, owner)

    post = Post.objects.get()
    assert sorted(post.tags.values_list("name", flat=True)) == ["Jazz", "Rock"]
    assert sorted(post.categories.values_list("name", flat=True)) == [
        "Live",
        "Studio",
    ]
    assert not Tag.objects.filter(slug="post").exists()
    assert any("neither a name nor a slug" in w for w in report["warnings"])


def test_categories_matching_the_series_pattern_become_ordered_series(owner):
    document = wxr.export(
        categories=[wxr.category("gs-1985", "Great Soundtracks of 1985")],
        items=[
            wxr.item(
                2, "Part two", date_gmt="2012-03-10 09:00:00", categories=["gs-1985"]
            ),
            wxr.item(
                1, "Part one", date_gmt="2012-03-01 09:00:00", categories=["gs-1985"]
            ),
        ],
    )

    run(document, owner, series_from_categories="great soundtracks*")

    series = Series.objects.get(title="Great Soundtracks of 1985")
    assert [p.title for p in series.posts.order_by("series_position")] == [
        "Part one",
        "Part two",
    ]
    assert not Category.objects.filter(name__startswith="Great").exists()


def test_post_meta_and_format_are_kept_with_the_import_record(owner):
    document = wxr.export(
        items=[
            wxr.item(
                1,
                meta=[("_jetpack_related_posts_cache", "a:0:{}"), ("mood", "loud")],
                terms=[("post_format", "post-format-video", "Video")],
            )
        ]
    )

    run(document, owner)

    record = WordPressObject.objects.get(kind="post", wp_id=1)
    assert record.object_id == Post.objects.get().pk
    assert record.data["meta"] == [
        ["_jetpack_related_posts_cache", "a:0:{}"],
        ["mood", "loud"],
    ]
    assert record.data["format"] == "post-format-video"
    assert record.source == "oldblog.example"


def test_skipped_types_are_reported_with_a_reason_and_custom_types_carried(owner):
    document = wxr.export(
        items=[
            wxr.item(1, "Menu", type="nav_menu_item"),
            wxr.item(2, "Message", type="feedback", status="publish"),
            wxr.item(3, "Rocky IV", type="review"),
            wxr.item(4, "Block", type="wp_block"),
            wxr.item(5, "Untitled", status="auto-draft"),
        ]
    )

    report = run(document, owner)

    assert [p.title for p in Post.objects.all()] == ["Rocky IV"]
    reasons = {s["what"].split(":")[0]: s["why"] for s in report["skipped"]}
    assert "menu items" in reasons["nav_menu_item 1"]
    assert "personal data" in reasons["feedback 2"]
    assert "reusable blocks" in reasons["wp_block 4"]
    assert "nobody wrote" in reasons["post 5"]
    assert any("'review' come in as posts" in w for w in report["warnings"])


def test_feedback_is_kept_private_when_asked(owner):
    document = wxr.export(items=[wxr.item(2, "Message", type="feedback")])

    run(document, owner, include_feedback=True)

    message = Post.objects.get()
    assert message.status == Post.Status.PRIVATE
    assert not message.comments_open
    assert message.categories.get().name == "Contact-form messages"


def test_titles_are_kept_exactly_and_long_ones_reported(owner, client):
    bidi = "Fairuz \u202eأغنية\u202c \u200b“live”"
    long_title = "Very long " * 30
    document = wxr.export(
        items=[
            wxr.item(1, bidi),
            wxr.item(2, "<script>alert(1)</script> & <b>bold</b>"),
            wxr.item(3, long_title),
        ]
    )

    report = run(document, owner)

    assert Post.objects.filter(title=bidi).exists()
    markup = Post.objects.get(pk=WordPressObject.objects.get(wp_id=2).object_id)
    page = client.get(markup.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    shortened = Post.objects.get(pk=WordPressObject.objects.get(wp_id=3).object_id)
    assert shortened.title.endswith("…") and len(shortened.title) == 200
    assert WordPressObject.objects.get(wp_id=3).data["title"] == long_title
    assert any("300 characters long" in w for w in report["warnings"])


def test_an_empty_slug_takes_the_title_and_a_non_ascii_one_is_transliterated(owner):
    document = wxr.export(
        items=[
            wxr.item(1, "Heavy Rotation", slug=""),
            wxr.item(2, "Кино", slug="%d0%ba%d0%b8%d0%bd%d0%be"),
        ]
    )

    run(document, owner)

    assert set(Post.objects.values_list("slug", flat=True)) == {
        "heavy-rotation",
        "kino",
    }


def test_a_zero_gmt_date_falls_back_to_the_local_date_in_the_site_time_zone(owner):
    from linernotes.core.site import site_settings

    site = site_settings()
    site.time_zone = "Europe/Berlin"
    site.save()
    document = wxr.export(
        items=[wxr.item(1, date_gmt="0000-00-00 00:00:00", date="2012-07-01 12:00:00")]
    )

    report = run(document, owner)

    assert Post.objects.get().published_at == datetime(2012, 7, 1, 10, 0, tzinfo=UTC)
    assert any("zero post_date_gmt" in w for w in report["warnings"])


# -- comments ---------------------------------------------------------------


def test_comments_keep_status_date_threading_and_kind(owner, client):
    document = wxr.export(
        items=[
            wxr.item(
                1,
                "Thread",
                comments=[
                    wxr.comment(100, body="First!", date_gmt="2012-03-05 10:00:00"),
                    wxr.comment(101, parent=100, author="Ann", user_id=1),
                    wxr.comment(102, approved="0", body="Held"),
                    wxr.comment(103, approved="spam", body="Buy pills"),
                    wxr.comment(104, approved="trash", body="Oops"),
                    wxr.comment(
                        105,
                        type="pingback",
                        author="Other blog",
                        url="https://other.example/post/",
                    ),
                    wxr.comment(106, type="trackback"),
                ],
            )
        ]
    )

    report = run(document, owner)

    post = Post.objects.get()
    by_body = {c.body: c for c in Comment.objects.all()}
    assert by_body["First!"].created_at == datetime(2012, 3, 5, 10, 0, tzinfo=UTC)
    reply = Comment.objects.get(parent=by_body["First!"])
    assert reply.depth == 1
    assert reply.thread_path.startswith(by_body["First!"].thread_path + ".")
    assert reply.user.username == "ann"
    assert by_body["Held"].status == Comment.Status.PENDING
    assert by_body["Buy pills"].status == Comment.Status.SPAM
    assert by_body["Oops"].status == Comment.Status.TRASH
    # Spam and trash count as moderated today: they stay recoverable a month.
    assert by_body["Buy pills"].status_changed_at.year >= 2026
    kinds = sorted(Comment.objects.exclude(kind="").values_list("kind", flat=True))
    assert kinds == ["pingback", "trackback"]
    assert post.comment_count == 4  # first, reply, pingback, trackback
    page = client.get(post.get_absolute_url()).content.decode()
    assert "First!" in page and "Buy pills" not in page and "Held" not in page
    assert '<span class="comment-kind">Pingback:</span> <a href="https://other' in page
    assert report["comments"] == {
        "total": 7,
        "approved": 4,
        "pending": 1,
        "spam": 1,
        "trash": 1,
        "pingbacks": 1,
        "trackbacks": 1,
        "max_depth": 2,
    }
    assert report["created"]["comments"] == 7


def test_threads_ten_levels_deep_are_stored_as_they_were_and_shown_flattened(
    owner, client
):
    from linernotes.core.site import site_settings

    site = site_settings()
    site.comment_depth = 5
    site.save()
    chain = [wxr.comment(200, body="Level 1")] + [
        wxr.comment(200 + n, parent=200 + n - 1, body=f"Level {n + 1}")
        for n in range(1, 10)
    ]
    document = wxr.export(items=[wxr.item(1, comments=chain)])

    report = run(document, owner)

    deepest = Comment.objects.get(body="Level 10")
    assert deepest.depth == 9
    assert deepest.thread_path.count(".") == 9
    assert report["comments"]["max_depth"] == 10
    page = client.get(Post.objects.get().get_absolute_url()).content.decode()
    assert page.index("Level 1<") < page.index("Level 5<") < page.index("Level 10<")
    # Past the blog's five levels, replies show at the fifth.
    assert f'class="comment depth-4" id="comment-{deepest.pk}"' in page
    assert "depth-9" not in page


def test_comment_parents_missing_elsewhere_or_looping_go_to_the_top(owner):
    document = wxr.export(
        items=[
            wxr.item(
                1,
                comments=[
                    wxr.comment(10, parent=999, body="Orphan"),
                    wxr.comment(11, parent=20, body="Parent on another post"),
                    wxr.comment(12, parent=13, body="Loop A"),
                    wxr.comment(13, parent=12, body="Loop B"),
                ],
            ),
            wxr.item(2, comments=[wxr.comment(20, body="Elsewhere")]),
        ]
    )

    report = run(document, owner)

    tops = set(Comment.objects.filter(parent=None).values_list("body", flat=True))
    assert tops == {"Orphan", "Parent on another post", "Loop A", "Loop B", "Elsewhere"}
    assert Comment.objects.filter(depth=0).count() == 5
    warnings = " ".join(report["warnings"])
    assert "parent that is not in the file" in warnings
    assert "parent on another post" in warnings
    assert "form a loop" in warnings


def test_invalid_comment_details_are_dropped_and_script_stays_inert(owner, client):
    document = wxr.export(
        items=[
            wxr.item(
                1,
                comments=[
                    wxr.comment(
                        10,
                        author="<script>alert('name')</script>",
                        email="not an address",
                        url="javascript:alert(1)",
                        ip="999.1.1.1",
                        body="<script>alert('body')</script><p>Hello</p>",
                    ),
                ],
            )
        ]
    )

    report = run(document, owner)

    stored = Comment.objects.get()
    assert stored.author_email == "" and stored.author_url == ""
    assert stored.ip_address is None
    assert stored.author_name == "<script>alert('name')</script>"
    page = client.get(Post.objects.get().get_absolute_url()).content.decode()
    assert "<script>alert(" not in page
    assert "javascript:alert" not in page
    warnings = " ".join(report["warnings"])
    assert "invalid email address" in warnings
    assert "javascript: link" in warnings
    assert "invalid IP address" in warnings


def test_comments_on_pages_and_attachments_are_kept_and_counted(owner):
    document = wxr.export(
        items=[
            wxr.item(1, "About", type="page", comments=[wxr.comment(10)]),
            wxr.item(
                2,
                "photo.jpg",
                type="attachment",
                status="inherit",
                attachment_url="https://oldblog.example/files/photo.jpg",
                comments=[wxr.comment(11)],
            ),
        ]
    )

    report = run(document, owner)

    kept = WordPressObject.objects.filter(kind="comment").order_by("wp_id")
    assert [(k.data["on"], k.data["on_wp_id"]) for k in kept] == [
        ("page", 1),
        ("attachment", 2),
    ]
    assert kept[0].data["author_email"] == "reader@example.com"
    assert report["created"]["comments_kept_unshown"] == 2
    assert report["comments"]["total"] == 2
    assert (
        WordPressObject.objects.get(kind="attachment").data["url"].endswith("photo.jpg")
    )


def test_an_import_sends_no_mail_and_skips_closed_and_spam_checks(owner, mailoutbox):
    document = wxr.export(
        items=[
            wxr.item(
                1,
                comment_status="closed",
                date_gmt="2001-01-01 00:00:00",
                comments=[
                    wxr.comment(
                        i,
                        url=f"https://spam{i}.example/",
                        body=" ".join(f"https://x{j}.example" for j in range(9)),
                    )
                    for i in range(1, 4)
                ],
            ),
        ]
    )

    run(document, owner)

    assert Comment.objects.filter(status=Comment.Status.APPROVED).count() == 3
    assert not Post.objects.get().comments_open
    assert mailoutbox == []


# -- safe to repeat, safe to fail ---------------------------------------------


def test_importing_the_same_file_twice_adds_nothing(owner):
    document = wxr.export(
        categories=[wxr.category("reviews")],
        tags=[wxr.tag("synth")],
        items=[
            wxr.item(
                1,
                categories=["reviews"],
                tags=["synth"],
                comments=[wxr.comment(10), wxr.comment(11, parent=10)],
            ),
            wxr.item(2, type="page"),
        ],
    )
    run(document, owner)
    before = (
        Post.objects.count(),
        Page.objects.count(),
        Comment.objects.count(),
        Category.objects.count(),
        Tag.objects.count(),
        User.objects.count(),
    )

    again = run(document, owner)

    after = (
        Post.objects.count(),
        Page.objects.count(),
        Comment.objects.count(),
        Category.objects.count(),
        Tag.objects.count(),
        User.objects.count(),
    )
    assert after == before
    assert again["created"] == {}
    assert again["already_present"]["posts"] == 1
    assert again["already_present"]["comments"] == 2


def test_a_later_export_brings_only_the_comments_written_since(owner, client):
    """A second run skips converting the comments it has (the reader only
    counts them) but still takes a reply written on the old blog since, and
    threads it under its parent, which came in with the earlier run."""
    first = wxr.export(
        items=[wxr.item(1, "Kind of Blue", comments=[wxr.comment(10, body="Modal!")])]
    )
    later = wxr.export(
        items=[
            wxr.item(
                1,
                "Kind of Blue",
                comments=[
                    wxr.comment(10, body="Modal!"),
                    wxr.comment(11, parent=10, body="So What indeed"),
                ],
            )
        ]
    )
    run(first, owner)

    again = run(later, owner)

    assert again["created"] == {"comments": 1}
    assert again["already_present"]["comments"] == 1
    post = Post.objects.get(title="Kind of Blue")
    assert post.comment_count == 2
    parent = Comment.objects.get(body="Modal!")
    reply = Comment.objects.get(body="So What indeed")
    assert reply.parent == parent and reply.depth == 1
    assert reply.thread_path == f"{parent.thread_path}.{reply.pk:010d}"
    assert list(parent.replies.all()) == [reply]
    assert WordPressObject.objects.get(kind="comment", wp_id=11).object_id == reply.pk
    page = client.get(post.get_absolute_url()).content.decode()
    assert page.index("Modal!") < page.index("So What indeed")
    assert f'class="comment depth-1" id="comment-{reply.pk}"' in page


def test_a_later_reply_to_an_earlier_reply_goes_under_it_at_any_depth(owner):
    """The parent found through the earlier run's records may itself be a
    reply: the new one goes a level below it, and a reply to that new one a
    level further, in the same run."""
    earlier = [
        wxr.comment(10, body="Level 1"),
        wxr.comment(11, parent=10, body="Level 2"),
        wxr.comment(12, parent=11, body="Level 3"),
    ]
    since = [
        wxr.comment(13, parent=12, body="Level 4, since"),
        wxr.comment(14, parent=13, body="Level 5, since"),
        wxr.comment(15, parent=11, body="Level 3 too, since"),
    ]
    run(wxr.export(items=[wxr.item(1, comments=earlier)]), owner)

    again = run(wxr.export(items=[wxr.item(1, comments=earlier + since)]), owner)

    assert again["created"] == {"comments": 3}
    by_body = {c.body: c for c in Comment.objects.all()}
    level3, level4 = by_body["Level 3"], by_body["Level 4, since"]
    assert level4.parent == level3 and level4.depth == 3
    assert level4.thread_path.startswith(f"{level3.thread_path}.")
    level5 = by_body["Level 5, since"]
    assert level5.parent == level4 and level5.depth == 4
    assert level5.thread_path == f"{level4.thread_path}.{level5.pk:010d}"
    beside = by_body["Level 3 too, since"]
    assert beside.parent == by_body["Level 2"] and beside.depth == 2
    # Shown in thread order: each under its parent, the later one after.
    assert [c.body for c in Comment.objects.order_by("thread_path")] == [
        "Level 1",
        "Level 2",
        "Level 3",
        "Level 4, since",
        "Level 5, since",
        "Level 3 too, since",
    ]
    assert Post.objects.get().comment_count == 6


def test_a_later_reply_past_the_deepest_level_sits_beside_its_parent(owner):
    """As within one run: a reply to an earlier comment already at the
    deepest level stored goes beside it, under the same parent."""
    deepest = Comment.MAX_DEPTH
    earlier = [wxr.comment(1000)] + [
        wxr.comment(1000 + n, parent=999 + n) for n in range(1, deepest)
    ]
    since = [wxr.comment(5000, parent=1000 + deepest - 1, body="Too deep")]
    run(wxr.export(items=[wxr.item(1, comments=earlier)]), owner)

    run(wxr.export(items=[wxr.item(1, comments=earlier + since)]), owner)

    late = Comment.objects.get(body="Too deep")
    bottom = Comment.objects.exclude(pk=late.pk).get(depth=deepest - 1)
    assert late.parent_id == bottom.parent_id and late.depth == deepest - 1
    assert late.thread_path == f"{bottom.parent.thread_path}.{late.pk:010d}"


def test_a_later_reply_to_an_earlier_comment_on_another_post_goes_to_the_top(owner):
    """The earlier run's records are no way around the rule: a parent on
    another post leaves the reply at the top level."""
    first = wxr.export(
        items=[wxr.item(1, comments=[wxr.comment(10)]), wxr.item(2)],
    )
    later = wxr.export(
        items=[
            wxr.item(1, comments=[wxr.comment(10)]),
            wxr.item(2, comments=[wxr.comment(20, parent=10, body="Lost")]),
        ]
    )
    run(first, owner)

    run(later, owner)

    lost = Comment.objects.get(body="Lost")
    assert lost.parent is None and lost.depth == 0
    assert lost.post == Post.objects.get(slug="post-2")


def test_replies_to_earlier_comments_are_threaded_with_one_look_up(owner):
    """Finding the parents an earlier run brought costs the same for one
    reply as for thirty: one look-up for them all, not one per comment."""
    earlier = [wxr.comment(n, body=f"Earlier {n}") for n in range(10, 40)]

    def statements(replies: int) -> int:
        since = [
            wxr.comment(100 + n, parent=10 + n, body=f"Reply {n}")
            for n in range(replies)
        ]
        document = wxr.export(items=[wxr.item(1, comments=earlier + since)])
        with CaptureQueriesContext(connection) as queries:
            report = run(document, owner)
        assert report["created"]["comments"] == replies
        return len(queries)

    run(wxr.export(items=[wxr.item(1, comments=earlier)]), owner)
    one = statements(1)
    Comment.objects.filter(body__startswith="Reply").delete()
    WordPressObject.objects.filter(kind="comment", wp_id__gte=100).delete()
    thirty = statements(30)

    assert thirty <= one + 2
    assert Comment.objects.filter(parent__isnull=False).count() == 30


def test_comments_written_since_on_many_posts_are_written_together(owner):
    """A later export with new replies on nine posts the earlier run brought
    costs about what one such post costs: their comments are written in one
    go for the batch, with one look-up for their parents."""
    earlier = {n: [wxr.comment(n * 10, body=f"First on {n}")] for n in range(1, 11)}
    run(wxr.export(items=[wxr.item(n, comments=c) for n, c in earlier.items()]), owner)

    def statements(posts_with_replies: range, first_id: int) -> int:
        document = wxr.export(
            items=[
                wxr.item(
                    n,
                    comments=earlier[n]
                    + (
                        [wxr.comment(first_id + n, parent=n * 10, body="Since")]
                        if n in posts_with_replies
                        else []
                    ),
                )
                for n in earlier
            ]
        )
        with CaptureQueriesContext(connection) as queries:
            report = run(document, owner)
        assert report["created"]["comments"] == len(posts_with_replies)
        return len(queries)

    one = statements(range(1, 2), 1000)
    nine = statements(range(2, 11), 2000)

    assert nine <= one + 3
    replies = Comment.objects.filter(body="Since").select_related("parent")
    assert len(replies) == 10
    assert all(r.parent.body == f"First on {r.post.slug[5:]}" for r in replies)


def test_an_import_stopped_midway_completes_when_run_again(owner, monkeypatch):
    monkeypatch.setattr(import_run, "BATCH_POSTS", 2)  # posts commit two at a time
    document = wxr.export(
        items=[wxr.item(n, comments=[wxr.comment(n * 10)]) for n in range(1, 6)]
    )

    def stop_at_third(done, total):
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_wordpress(io.BytesIO(document), owner=owner, progress=stop_at_third)
    assert Post.objects.count() == 2  # the first batch; the third had not begun

    report = run(document, owner)

    assert Post.objects.count() == 5 and Comment.objects.count() == 5
    assert report["created"]["posts"] == 3
    assert report["already_present"]["posts"] == 2
    assert Post.objects.get(slug="post-1").comment_count == 1


def test_new_posts_are_written_in_batches_of_a_few_statements_each(owner):
    """Ten times the posts, nowhere near ten times the statements: a batch of
    posts with their comments, terms, records and old addresses is written
    with a statement or two per kind (bench/README.md has the figures)."""

    def statements(first: int, count: int) -> int:
        document = wxr.export(
            categories=[wxr.category("reviews", "Reviews")],
            items=[
                wxr.item(
                    n,
                    f"Post {n}",
                    categories=["reviews"],
                    tags=["soul"],
                    comments=[
                        wxr.comment(n * 10),
                        wxr.comment(n * 10 + 1, parent=n * 10),
                    ],
                )
                for n in range(first, first + count)
            ],
        )
        with CaptureQueriesContext(connection) as queries:
            report = run(document, owner)
        assert report["created"]["posts"] == count
        return len(queries)

    few, many = statements(1, 5), statements(1001, 50)

    assert Post.objects.count() == 55 and Comment.objects.count() == 110
    assert many < few + 45  # under one statement more per post


def test_attachments_and_comments_kept_on_them_are_written_a_batch_at_a_time(owner):
    """Attachments' import records and old addresses, and the comments kept on
    them, go in with a statement or two per batch, not a few per attachment."""

    def statements(first: int, count: int) -> int:
        document = wxr.export(
            items=[
                wxr.item(first, f"Post {first}"),
                *(
                    wxr.item(
                        n,
                        f"scan-{n}",
                        type="attachment",
                        status="inherit",
                        parent=first,
                        attachment_url=f"{wxr.BLOG}/wp-content/uploads/scan-{n}.jpg",
                        comments=[wxr.comment(n * 10)],
                    )
                    for n in range(first + 1, first + 1 + count)
                ),
            ],
        )
        with CaptureQueriesContext(connection) as queries:
            report = run(document, owner)
        assert report["created"]["attachments"] == count
        assert report["created"]["comments_kept_unshown"] == count
        return len(queries)

    few, many = statements(1, 5), statements(1001, 50)

    assert WordPressObject.objects.filter(kind="attachment").count() == 55
    assert LegacyRedirect.objects.filter(old_path="/?attachment_id=1050").exists()
    assert many < few + 45  # under one statement more per attachment


def test_a_post_that_cannot_be_saved_costs_only_itself(owner, monkeypatch):
    """Its batch fails, so the batch's posts are written again one by one: the
    others come in with their comments, the broken one is reported, and a later
    run adds just that one."""
    real_render = posts_module._render

    def render(post):
        if post.title == "Broken":
            raise ValueError("the renderer choked")
        return real_render(post)

    monkeypatch.setattr(posts_module, "_render", render)
    document = wxr.export(
        items=[
            wxr.item(
                n, "Broken" if n == 3 else f"Post {n}", comments=[wxr.comment(n * 10)]
            )
            for n in range(1, 6)
        ]
    )

    report = run(document, owner)

    assert sorted(Post.objects.values_list("title", flat=True)) == [
        "Post 1",
        "Post 2",
        "Post 4",
        "Post 5",
    ]
    assert Comment.objects.count() == 4
    assert report["created"] == {"posts": 4, "comments": 4, "authors": 1}
    assert any(
        "post 3 “Broken” could not be imported (ValueError: the renderer choked)" in w
        for w in report["warnings"]
    )

    monkeypatch.setattr(posts_module, "_render", real_render)
    again = run(document, owner)

    assert again["created"] == {"posts": 1, "comments": 1}
    assert Post.objects.get(title="Broken").comment_count == 1


def test_an_old_address_that_cannot_be_stored_costs_only_itself(owner, monkeypatch):
    """The attachments' old addresses go in one write; when it fails they are
    tried one by one: the broken one is reported, the others and every import
    record still come in, and the import finishes."""
    real_add = redirects_module.add_redirects

    def add_redirects(records, **kwargs):
        records = list(records)
        if any(record.old.endswith("attachment_id=3") for record in records):
            raise ValueError("the address store choked")
        return real_add(records, **kwargs)

    monkeypatch.setattr(redirects_module, "add_redirects", add_redirects)
    document = wxr.export(
        items=[
            wxr.item(1, "Post 1"),
            *(
                wxr.item(
                    n,
                    f"scan-{n}",
                    type="attachment",
                    status="inherit",
                    parent=1,
                    attachment_url=f"{wxr.BLOG}/wp-content/uploads/scan-{n}.jpg",
                )
                for n in (2, 3, 4)
            ),
        ]
    )

    report = run(document, owner)

    assert report["created"]["attachments"] == 3
    assert WordPressObject.objects.filter(kind="attachment").count() == 3
    assert LegacyRedirect.objects.filter(old_path="/?attachment_id=2").exists()
    assert LegacyRedirect.objects.filter(old_path="/?attachment_id=4").exists()
    assert not LegacyRedirect.objects.filter(old_path="/?attachment_id=3").exists()
    assert [w for w in report["warnings"] if "the address store choked" in w] == [
        "The old address /?attachment_id=3 could not be redirected (ValueError: "
        "the address store choked); run the import again once it is mended."
    ]


def test_a_dry_run_writes_nothing_and_reports_what_would_come(owner):
    document = wxr.export(items=[wxr.item(1, comments=[wxr.comment(10)])])

    report = run(document, owner, dry_run=True)

    assert Post.objects.count() == 0 and Comment.objects.count() == 0
    assert not WordPressObject.objects.exists()
    assert report["dry_run"] is True
    assert report["created"] == {"posts": 1, "comments": 1, "authors": 1}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.xml", "looks truncated"),
        ("billion-laughs.xml", "DTD"),
        ("external-entity.xml", "DTD"),
        ("no-version.xml", "no wp:wxr_version"),
        ("unknown-version.xml", "is not one this importer reads"),
        ("latin1-undeclared.xml", "not UTF-8"),
        ("not-rss.xml", "not a WordPress export"),
    ],
)
def test_a_refused_file_leaves_the_site_exactly_as_it_was(
    name, message, owner, make_post
):
    make_post(title="Already here")
    stamp = pagecache.current_stamp() if hasattr(pagecache, "current_stamp") else None
    tables = connection.introspection.table_names()
    counts = {
        model: model.objects.count()
        for model in (Post, Comment, WordPressObject, User, Category, Tag, Page)
    }

    with CaptureQueriesContext(connection) as queries:
        with pytest.raises(CommandError) as refused:
            command(str(DATA / name))

    assert message in str(refused.value)
    assert "Traceback" not in str(refused.value)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert {m: m.objects.count() for m in counts} == counts
    assert connection.introspection.table_names() == tables
    if stamp is not None:
        assert pagecache.current_stamp() == stamp


def test_only_the_site_owner_imports(make_writer):
    from django.core.exceptions import PermissionDenied

    editor = make_writer(username="ed", role="Editor")
    with pytest.raises(PermissionDenied):
        run(wxr.export(items=[wxr.item(1)]), editor)
    assert not Post.objects.exists()


def test_a_site_with_no_owner_gets_one_from_the_first_author():
    document = wxr.export(
        authors=[wxr.author("ann", id=1), wxr.author("bob", id=2)],
        items=[wxr.item(1, creator="ann"), wxr.item(2, creator="bob")],
    )

    report = run(document)

    ann = User.objects.get(username="ann")
    assert ann.is_superuser and not ann.has_usable_password()
    assert Post.objects.get(slug="post-1").author == ann
    assert report["owner"] == "ann"
    assert report["created"]["owner"] == 1
    assert report["created"]["authors"] == 1  # bob: ann counts once, as the owner
    assert any("changepassword ann" in note for note in report["notes"])


# -- every WXR version, and the command ------------------------------------------


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_wxr_version_imports(version, owner):
    report = run(wxr.export(version=version, items=[wxr.item(1)]), owner)

    assert report["file"]["wxr_version"] == version
    assert Post.objects.count() == 1


@pytest.mark.parametrize(
    "name", ["wxr-1.0.xml", "wxr-1.1.xml", "wxr-1.2.xml", "wxr-1.2-https.xml"]
)
def test_the_fixture_files_import(name, owner):
    report = import_wordpress(DATA / name, owner=owner)

    assert Post.objects.count() == report["created"].get("posts", 0) > 0


def test_json_output_holds_only_the_report_and_progress_goes_to_stderr(owner, tmp_path):
    path = tmp_path / "blog.xml"
    path.write_bytes(wxr.export(items=[wxr.item(n) for n in range(1, 4)]))

    out, err = command(str(path), "--json")

    report = json.loads(out)
    assert report["posts"] == 3 and report["created"]["posts"] == 3
    assert "Imported 3 of 3 items" in err
    assert set(report) >= {
        "items",
        "posts",
        "pages",
        "attachments",
        "authors",
        "categories",
        "tags",
        "sticky",
        "password_protected",
        "comments",
        "created",
        "already_present",
        "redirects",
        "skipped",
        "warnings",
    }


def test_the_readable_report_names_what_came_and_what_to_look_at(owner, tmp_path):
    path = tmp_path / "blog.xml"
    path.write_bytes(
        wxr.export(items=[wxr.item(1), wxr.item(2, "Menu", type="nav_menu_item")])
    )

    out, _ = command(str(path))

    assert "Imported “An Old Blog” (WXR 1.2)." in out
    assert "The file holds 1 post, 0 pages, 0 attachments, 0 comments," in out
    assert "Added: 1 author, 1 post." in out  # not "1 authors"
    assert "nav_menu_item 2: 'Menu': menu items are not imported" in out
    assert "starts from zero" in out
    assert "old addresses now lead to their new places" in out


def test_a_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="No such file"):
        command("/nonexistent/blog.xml")


def test_the_real_exports_import_and_a_second_run_adds_nothing(owner):
    for path in sorted((DATA / "real").glob("*.xml")):
        first = import_wordpress(path, owner=owner)
        again = import_wordpress(path, owner=owner)
        assert again["created"] == {}, path.name
        assert (
            first["created"].get("posts", 0) + first["created"].get("pages", 0) > 0
        ), path.name


def test_comments_kept_on_pages_are_readers_data_the_privacy_tools_reach(owner):
    from linernotes.privacy.selectors import export_personal_data
    from linernotes.privacy.sources import personal_data_sources

    document = wxr.export(
        items=[
            wxr.item(
                1,
                "About",
                type="page",
                comments=[
                    wxr.comment(10, email="mia@example.com", ip="192.0.2.7"),
                    wxr.comment(11, email="other@example.com"),
                ],
            ),
        ]
    )
    run(document, owner)

    exported = export_personal_data(email="MIA@example.com")
    assert [c["author_ip"] for c in exported["imported_comments"]] == [
        "192.0.2.0"
    ]  # the network only
    source = next(s for s in personal_data_sources() if s.key == "imported_comments")
    assert (
        source.call("blank_network_details", before=datetime(2100, 1, 1, tzinfo=UTC))
        == 2
    )
    assert source.call("erase_personal_data", email="mia@example.com") == 1
    kept = {r.wp_id: r.data for r in WordPressObject.objects.filter(kind="comment")}
    assert kept[10] == {"erased": True}  # emptied, so a re-run leaves it out
    assert kept[11]["author_email"] == "other@example.com"
    assert kept[11]["author_ip"] == ""
    assert run(document, owner)["created"] == {}


def test_erasing_a_commenter_empties_the_meta_their_imported_comment_kept(owner):
    from linernotes.privacy.services import erase_personal_data

    document = wxr.export(
        items=[
            wxr.item(
                1,
                comments=[
                    wxr.comment(
                        10,
                        email="victim@example.org",
                        meta={
                            "akismet_as_submitted": "victim@example.org 192.0.2.9 Fx"
                        },
                    ),
                ],
            )
        ]
    )
    run(document, owner)

    erase_personal_data(email="victim@example.org")

    assert not Comment.objects.exists()
    assert WordPressObject.objects.get(kind="comment").data == {"erased": True}
    assert run(document, owner)["created"] == {}
    assert not Comment.objects.exists()


def test_a_comment_id_repeated_on_another_post_is_imported_once(owner):
    document = wxr.export(
        items=[
            wxr.item(1, comments=[wxr.comment(10, body="First copy")]),
            wxr.item(2, comments=[wxr.comment(10, body="Second copy")]),
        ]
    )

    report = run(document, owner)

    assert list(Comment.objects.values_list("body", flat=True)) == ["First copy"]
    assert any("share an id" in w for w in report["warnings"])


def test_files_left_on_the_old_server_name_the_host_to_allow(owner, settings):
    document = wxr.export(
        items=[
            wxr.item(
                2,
                "photo.jpg",
                type="attachment",
                status="inherit",
                attachment_url="https://oldblog.files.example/2012/03/photo.jpg",
            ),
        ]
    )

    report = run(document, owner)

    assert any(
        "LINERNOTES_IMAGE_HOSTS=oldblog.files.example" in n for n in report["notes"]
    )
    settings.LINERNOTES_IMAGE_HOSTS = ["oldblog.files.example"]
    WordPressObject.objects.all().delete()
    again = run(document, owner)
    assert not any("LINERNOTES_IMAGE_HOSTS" in n for n in again["notes"])


def test_a_reader_with_the_authors_login_is_not_given_the_posts(owner, make_user):
    sam = make_user(username="sam")

    report = run(
        wxr.export(authors=[wxr.author("sam")], items=[wxr.item(1, creator="sam")]),
        owner,
    )

    author = Post.objects.get().author
    assert author != sam and author.username == "sam-2"
    assert any("'sam' became the account 'sam-2'" in w for w in report["warnings"])


def test_a_liner_notes_export_brings_back_the_writers_own_markdown(owner, make_series):
    document = wxr.export(
        items=[
            wxr.item(
                1,
                "Part two",
                body="<p>rendered</p>",
                meta={
                    "_linernotes_markdown": "Some *Markdown*\n\n1. Artist - Title",
                    "_linernotes_series_position": "2",
                },
                categories=["linernotes-series-gs"],
            ),
        ],
        categories=[wxr.category("linernotes-series-gs", "Great Soundtracks")],
    )

    run(document, owner)

    post = Post.objects.get()
    assert post.body == "Some *Markdown*\n\n1. Artist - Title"
    assert post.series.title == "Great Soundtracks" and post.series_position == 2


@pytest.mark.parametrize(
    ("name", "titles", "warning"),
    [
        ("duplicate-ids.xml", {"First", "Second"}, "only the first of each"),
        ("untrusted-prefix.xml", {"Trusted"}, None),
        ("latin1-declared.xml", {"Chanson à écouter"}, None),
        ("undeclared-atom.xml", {"Cassette culture"}, None),
        ("threads.xml", {"Ten deep", "Tangled"}, "form a loop"),
    ],
)
def test_the_odd_fixture_files_import_as_their_reports_say(
    name, titles, warning, owner
):
    report = import_wordpress(DATA / name, owner=owner)

    assert set(Post.objects.values_list("title", flat=True)) == titles
    if warning:
        assert any(warning in w for w in report["warnings"])
    if name == "untrusted-prefix.xml":
        assert (
            "wp:post_type in WordPress's export namespace"
            in report["skipped"][0]["why"]
        )


def test_cdata_split_around_a_nested_end_marker_and_an_empty_title(owner, client):
    document = wxr.export(
        items=[
            wxr.item(1, "A ]]> in the title", body="<p>Code: a[b[0]]> 1</p>"),
            wxr.item(2, "", slug="untitled-one"),
        ]
    )

    run(document, owner)

    first = Post.objects.get(title="A ]]> in the title")
    assert "a[b[0]]&gt; 1" in first.body_html
    untitled = Post.objects.get(title="")
    assert untitled.slug == "untitled-one"
    page = client.get(untitled.get_absolute_url()).content.decode()
    assert '<h1 class="entry-title">(no title)</h1>' in page
    assert ">(no title)</a>" in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("wordpress", "shown"),
    [
        (
            "Hi, this is a comment.<br />To delete a comment, log in.",
            "<p>Hi, this is a comment.<br>\nTo delete a comment, log in.</p>",
        ),
        (
            'I <em>love</em> it, see <a href="https://x.example/a_b">x</a>',
            '<p>I <em>love</em> it, see <a href="https://x.example/a_b" '
            'rel="nofollow ugc noopener">x</a></p>',
        ),
        ("<blockquote>Quoted</blockquote>Reply", "<blockquote>\n<p>Quoted</p>\n"),
        ("*NSYNC &amp; _friends_ 2 < 3", "<p>*NSYNC &amp; _friends_ 2 &lt; 3</p>"),
        ("Line one\nLine two\n\nNew paragraph", "<p>Line one<br>\nLine two</p>"),
        ('<a href="javascript:alert(1)">click</a>', "<p>click</p>"),
        ("<strong>Bold</strong> and <code>x_y</code>", "<strong>Bold</strong>"),
    ],
)
def test_wordpress_comment_html_reads_as_it_did(wordpress, shown, owner):
    run(
        wxr.export(items=[wxr.item(1, comments=[wxr.comment(10, body=wordpress)])]),
        owner,
    )

    assert shown in Comment.objects.get().body_html


def test_ids_too_large_and_nul_in_a_link_are_reported_not_fatal(owner):
    document = wxr.export(
        items=[
            wxr.item(99999999999999999999, "Huge id"),
            wxr.item(2, "Nul link", link=f"{wxr.BLOG}/nul%00/"),
            wxr.item(3, "Fine", comments=[wxr.comment(99999999999999999999)]),
        ]
    )

    report = run(document, owner)

    assert set(Post.objects.values_list("title", flat=True)) == {"Nul link", "Fine"}
    assert any("no wp:post_id" in w for w in report["warnings"])
    assert any("no valid comment_id" in w for w in report["warnings"])


def test_what_cannot_be_kept_exactly_is_said_not_cut_silently(owner):
    document = wxr.export(
        items=[
            wxr.item(1, "Long password", password="p" * 150),
            wxr.item(2, "Long slug", slug="word-" * 60),
            wxr.item(3, "No date", date_gmt="0000-00-00 00:00:00", date="2015-02-30"),
        ]
    )

    report = run(document, owner)

    locked = Post.objects.get(title="Long password")
    assert locked.status == Post.Status.DRAFT and locked.password == ""
    assert len(Post.objects.get(title="Long slug").slug) <= 200
    warnings = " ".join(report["warnings"])
    assert "password is longer than 100 characters" in warnings
    assert "1 slugs were longer than 200 characters" in warnings
    assert "1 published items had no valid date" in warnings


def test_a_title_that_turns_text_around_turns_only_itself(owner, client):
    trick = "Free download \u202egpj.exe"
    run(wxr.export(items=[wxr.item(1, trick), wxr.item(2, "Next one")]), owner)

    post = Post.objects.get(title=trick)
    page = client.get(post.get_absolute_url()).content.decode()
    home = client.get("/").content.decode()

    assert f"<title>\u2068{trick}\u2069 · " in page
    assert f"Read “\u2068{trick}\u2069”" in home


def test_a_second_blog_never_takes_over_the_first_blogs_old_links(owner, client):
    # Two blogs on one domain: the first in /old/, the second at the root; both
    # answered "?p=113" (the old blog's root-relative form) for their own post.
    first = wxr.export(
        items=[
            wxr.item(
                113,
                "Björk live",
                slug="bjork-rain-silver",
                link="https://music.example/old/?p=113",
            )
        ],
        blog="https://music.example/old",
    )
    second = wxr.export(
        items=[
            wxr.item(113, "Other", slug="other", link="https://music.example/?p=113")
        ],
        blog="https://music.example",
        title="A second blog",
    )
    run(first, owner)
    before = client.get("/?p=113")

    run(second, owner)

    after = client.get("/?p=113")
    assert before.status_code == 301 and "bjork-rain-silver" in before["Location"]
    assert after.status_code == 301 and after["Location"] == before["Location"]


def test_the_series_option_on_a_second_run_leaves_earlier_categories_alone(owner):
    document = wxr.export(
        categories=[wxr.category("gs-1985", "Great Soundtracks of 1985")],
        items=[wxr.item(1, categories=["gs-1985"])],
    )
    run(document, owner)

    again = run(document, owner, series_from_categories="Great Soundtracks*")

    assert not Series.objects.exists()
    assert Post.objects.get().categories.get().name == "Great Soundtracks of 1985"
    assert any("earlier import made them categories" in w for w in again["warnings"])
