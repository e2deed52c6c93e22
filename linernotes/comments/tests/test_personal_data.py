"""A reader's export holds all their comments, and of each post only what any
reader may see of it (posts.access's public part): never the title or address
of a draft, a private post or one still to come."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from linernotes.comments.personal_data import export_personal_data
from linernotes.posts.models import Post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "change",
    [
        {"status": Post.Status.PRIVATE},
        {"status": Post.Status.DRAFT},
        {"status": Post.Status.SCHEDULED, "published_at": "future"},
    ],
    ids=["private", "draft", "scheduled"],
)
def test_a_comment_on_a_post_out_of_sight_is_exported_without_the_post(
    make_post, make_comment, change
):
    """Tried: comment on a public post, then the post goes private, back to
    drafts, or is rescheduled; its title and slug were in the export before."""
    post = make_post(title="Secret Sessions", slug="secret-sessions")
    make_comment(post=post, body="Mine, all mine.")
    if change.get("published_at") == "future":
        change = {**change, "published_at": timezone.now() + timedelta(days=3)}
    Post.objects.filter(pk=post.pk).update(**change)

    export = export_personal_data(email="rae@example.org")

    [comment] = export
    assert comment["body"] == "Mine, all mine."
    assert comment["post"] is None and comment["post_url"] is None
    assert "Secret" not in json.dumps(export)
    assert "secret-sessions" not in json.dumps(export)


def test_a_locked_posts_title_and_address_are_exported_as_lists_show_them(
    make_post, make_comment
):
    post = make_post(title="Behind the Door", password="sesame")
    make_comment(post=post, body="Worth the password.")

    [comment] = export_personal_data(email="rae@example.org")

    assert comment["body"] == "Worth the password."
    assert comment["post"] == "Behind the Door"
    assert comment["post_url"] == post.get_absolute_url()


def test_a_public_posts_title_and_address_are_exported(make_post, make_comment):
    post = make_post(title="Rocky IV")
    make_comment(post=post)

    [comment] = export_personal_data(email="rae@example.org")

    assert (comment["post"], comment["post_url"]) == (
        "Rocky IV",
        post.get_absolute_url(),
    )
