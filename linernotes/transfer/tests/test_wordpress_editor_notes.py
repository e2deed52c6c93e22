"""WordPress 6.9's editor notes never become readers' comments (issue 10, the
reviewer's finding on ``wxr-with-note-comments.xml``).

A note is a writer's private remark on a block, exported as a ``wp:comment``
of the type ``note`` with ``comment_approved`` 0. Imported as a comment it
would wait in the moderation queue, one Approve from being published; it is
kept with the import records instead, like comments on pages, and goes out
again with the export.
"""

import io

import pytest
from django.test import TestCase

from linernotes.comments.models import Comment
from linernotes.posts.models import Page, Post
from linernotes.transfer.models import WordPressObject
from linernotes.transfer.tests import wxr
from linernotes.transfer.wordpress.importer import ImportOptions, import_wordpress
from linernotes.transfer.wordpress.reader import WxrItem, read_wxr
from linernotes.transfer.wordpress.writer import write_wxr

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(make_user):
    return make_user(username="owner", is_superuser=True, is_staff=True)


def run(document: bytes, owner) -> dict:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return import_wordpress(
            io.BytesIO(document), owner=owner, options=ImportOptions()
        )


def notes_and_a_comment(post_type: str) -> bytes:
    """The fixture's shape: two notes by the admin, one reader's comment."""
    return wxr.export(
        items=[
            wxr.item(
                10,
                "Page with notes and comments",
                type=post_type,
                comments=[
                    wxr.comment(2, approved="0", type="note", body="Note on para 1"),
                    wxr.comment(3, approved="0", type="note", body="Note on heading 1"),
                    wxr.comment(5, parent=3, approved="0", type="note", body="Done"),
                    wxr.comment(4, body="Comment on post", type="comment"),
                ],
            )
        ]
    )


def test_notes_on_a_post_are_not_comments_and_wait_in_no_queue(owner, client):
    report = run(notes_and_a_comment("post"), owner)

    post = Post.objects.get()
    assert list(Comment.objects.values_list("body", flat=True)) == ["Comment on post"]
    assert not Comment.objects.filter(status=Comment.Status.PENDING).exists()
    assert post.comment_count == 1
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Note on para 1" not in page
    kept = WordPressObject.objects.filter(kind="comment", object_id=None)
    assert sorted(kept.values_list("wp_id", flat=True)) == [2, 3, 5]
    assert {r.data["on"] for r in kept} == {"post"}
    assert report["created"]["notes_kept_unshown"] == 3
    assert report["created"]["comments"] == 1
    assert any("3 editor notes" in w for w in report["warnings"])


def test_notes_on_a_page_are_kept_apart_from_its_comments(owner):
    """The fixture itself holds a page: its reader comment is kept as page
    comments are, its notes as notes, and the report tells them apart."""
    report = run(notes_and_a_comment("page"), owner)

    assert Page.objects.exists() and not Comment.objects.exists()
    assert report["created"]["comments_kept_unshown"] == 1
    assert report["created"]["notes_kept_unshown"] == 3


def test_a_second_run_keeps_no_note_twice(owner):
    run(notes_and_a_comment("post"), owner)

    report = run(notes_and_a_comment("post"), owner)

    assert WordPressObject.objects.filter(kind="comment").count() == 4
    assert "notes_kept_unshown" not in report["created"]
    assert report["already_present"]["comments"] == 4


@pytest.mark.parametrize("post_type", ["post", "page"])
def test_notes_go_out_again_with_the_export(owner, post_type):
    run(notes_and_a_comment(post_type), owner)
    out = io.BytesIO()

    write_wxr(out, site_url="https://notes.example.org")

    (item,) = [
        r for r in read_wxr(io.BytesIO(out.getvalue())) if isinstance(r, WxrItem)
    ]
    notes = {
        c.id: (c.type, c.approved, c.parent) for c in item.comments if c.type == "note"
    }
    assert notes == {2: ("note", "0", 0), 3: ("note", "0", 0), 5: ("note", "0", 3)}


def test_comments_kept_whole_keep_the_network_only_like_every_comment(owner):
    """Tried: a reader's comment on a page and a note, from 203.0.113.7 and from
    the IPv6 address 2001:db8:1:2::7; kept records stored them in full."""
    document = wxr.export(
        items=[
            wxr.item(
                10,
                "About",
                type="page",
                comments=[
                    wxr.comment(4, body="Nice page", ip="203.0.113.7"),
                    wxr.comment(5, approved="0", type="note", ip="2001:db8:1:2::7"),
                ],
            )
        ]
    )

    run(document, owner)

    kept = WordPressObject.objects.filter(kind="comment").order_by("wp_id")
    assert [r.data["author_ip"] for r in kept] == ["203.0.113.0", "2001:db8:1::"]


def test_kept_comments_stored_before_are_shortened_by_the_migration():
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "linernotes.transfer.migrations.0004_kept_comments_keep_networks_only"
    )
    full = WordPressObject.objects.create(
        kind="comment", wp_id=4, data={"author_ip": "198.51.100.23", "content": "Hi"}
    )
    blank = WordPressObject.objects.create(
        kind="comment", wp_id=5, data={"author_ip": ""}
    )

    migration.networks_only(apps, None)

    full.refresh_from_db()
    blank.refresh_from_db()
    assert full.data == {"author_ip": "198.51.100.0", "content": "Hi"}
    assert blank.data == {"author_ip": ""}
