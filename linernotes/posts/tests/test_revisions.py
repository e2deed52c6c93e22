"""Revisions: autosaves beside the post, comparing two states, restoring one
through the one save path, and noticing who else is editing."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from linernotes.core.models import PageCacheStamp, PageScopeStamp
from linernotes.posts import services
from linernotes.posts.models import EditingPresence, Post, Review, Revision, Series
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_writer):
    return make_writer(role=Role.EDITOR, username="mara")


def test_an_autosave_keeps_the_text_and_leaves_the_published_post_alone(
    client, editor, make_post, django_capture_on_commit_callbacks
):
    post = make_post(author=editor, title="Rocky IV", body="The **old** words.")
    page = client.get(post.get_absolute_url())  # now in the page cache
    stamps = (
        list(PageCacheStamp.objects.values_list("generation", flat=True)),
        list(PageScopeStamp.objects.values_list("scope", "version")),
    )

    with django_capture_on_commit_callbacks(execute=True):
        saved = services.autosave_post(
            post=post, editor=editor, title="Rocky IV", body="The **new** words."
        )

    assert saved.revision.kind == Revision.Kind.AUTOSAVE
    assert saved.revision.body == "The **new** words."
    post.refresh_from_db()
    assert post.body == "The **old** words."
    assert "<strong>old</strong>" in post.body_html
    assert stamps == (
        list(PageCacheStamp.objects.values_list("generation", flat=True)),
        list(PageScopeStamp.objects.values_list("scope", "version")),
    )
    again = client.get(post.get_absolute_url())
    assert again.content == page.content
    assert b"<strong>new</strong>" not in again.content
    assert b"<strong>old</strong>" in again.content


def test_typing_for_a_minute_updates_one_autosave_and_an_unchanged_text_adds_none(
    editor, make_post
):
    post = make_post(author=editor)
    first = services.autosave_post(post=post, editor=editor, title="T", body="one")
    second = services.autosave_post(post=post, editor=editor, title="T", body="two")
    same = services.autosave_post(post=post, editor=editor, title="T", body="two")
    assert first.revision.pk == second.revision.pk == same.revision.pk
    assert Revision.objects.get().body == "two"

    Revision.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    later = services.autosave_post(post=post, editor=editor, title="T", body="three")

    assert later.revision.pk != first.revision.pk
    assert list(Revision.objects.values_list("body", flat=True)) == ["three", "two"]


def test_an_editor_left_open_on_the_saved_text_stores_no_autosave(editor, make_post):
    post = make_post(author=editor, title="T", body="saved words")

    idle = services.autosave_post(
        post=post, editor=editor, title="T", body="saved words"
    )

    assert idle.revision is None
    assert not Revision.objects.exists()


def test_old_autosaves_are_dropped_past_the_limit(editor, make_post, monkeypatch):
    monkeypatch.setattr(services.revisions, "AUTOSAVES_KEPT", 3)
    post = make_post(author=editor)
    for number in range(5):
        Revision.objects.update(created_at=timezone.now() - timedelta(minutes=10))
        services.autosave_post(post=post, editor=editor, title="T", body=str(number))

    assert sorted(Revision.objects.values_list("body", flat=True)) == ["2", "3", "4"]


def test_a_second_editor_sees_who_else_has_the_post_open(
    editor, make_writer, make_post
):
    other = make_writer(role=Role.EDITOR, username="jon")
    post = make_post(author=editor)

    assert services.note_editing(post=post, editor=editor) == []
    seen = services.autosave_post(post=post, editor=other, title="T", body="x")

    assert seen.others_editing == [editor.public_name]
    assert services.note_editing(post=post, editor=editor) == [other.public_name]


def test_someone_who_left_a_minute_ago_is_no_longer_editing(
    editor, make_writer, make_post
):
    post = make_post(author=editor)
    services.note_editing(post=post, editor=editor)
    quiet = timedelta(seconds=services.revisions.EDITING_SECONDS + 1)
    EditingPresence.objects.update(last_seen=timezone.now() - quiet)

    assert services.note_editing(post=post, editor=make_writer()) == []


def test_comparing_shows_changed_lines_with_a_little_context(editor, make_post):
    post = make_post(author=editor, body="intro\nsame\nold line\nend")
    services.record_revision(post=post, editor=editor)
    older = Revision.objects.get()
    post.body = "intro\nsame\nnew line\nend"
    post.comments_open = False

    diff = services.compare(older, post)

    assert [field.label for field in diff] == ["Text", "Comments open"]
    assert [(line.kind, line.text) for line in diff[0].lines] == [
        ("same", "intro"),
        ("same", "same"),
        ("removed", "old line"),
        ("added", "new line"),
        ("same", "end"),
    ]
    assert [line.text for line in diff[1].lines] == ["yes", "no"]


def test_restoring_saves_the_old_words_through_the_save_path(
    editor, make_post, make_series, make_tag, django_capture_on_commit_callbacks
):
    tag = make_tag(name="synth")
    series = make_series(title="1985")
    post = make_post(author=editor, body="First *draft*.", tags=[tag], series=series)
    services.record_revision(post=post, editor=editor)
    old = Revision.objects.get()
    post.body, post.series = "Second draft.", None
    services.save_post_as(editor=editor, post=post, tags=[])
    generation = PageCacheStamp.objects.get().generation

    with django_capture_on_commit_callbacks(execute=True):
        restored = services.restore_revision(revision=old, editor=editor)

    post.refresh_from_db()
    assert restored.missing == []
    assert post.body == "First *draft*."
    assert post.body_html == "<p>First <em>draft</em>.</p>\n"  # rendered by the save
    assert post.series == series and post.series_position == 1
    assert list(post.tags.all()) == [tag]
    assert post.status == Post.Status.PUBLISHED
    assert PageCacheStamp.objects.get().generation != generation  # readers see it
    assert Revision.objects.first().kind == Revision.Kind.RESTORED


def test_restoring_keeps_whether_and_when_the_post_is_published(editor, make_post):
    post = make_post(author=editor, status=Post.Status.DRAFT, body="draft words")
    services.record_revision(post=post, editor=editor)
    old = Revision.objects.get()
    post.status, post.body = Post.Status.PUBLISHED, "final words"
    services.save_post_as(editor=editor, post=post)

    services.restore_revision(revision=old, editor=editor)

    post.refresh_from_db()
    assert (post.status, post.body) == (Post.Status.PUBLISHED, "draft words")


def test_restoring_what_points_to_deleted_things_restores_the_rest_and_says_so(
    editor, make_post, make_series, make_tag, make_release, make_post_image
):
    series = make_series(title="Gone series")
    kept_tag, gone_tag = make_tag(name="kept"), make_tag(name="gone")
    post = make_post(author=editor, series=series, tags=[kept_tag, gone_tag])
    kept, gone = make_release(title="Kept LP"), make_release(title="Gone LP")
    services.review_release(post=post, release=kept)
    services.review_release(post=post, release=gone)
    image = make_post_image(post=post, name="cover-shot.png")
    post.body = f"Words.\n\n{image.markdown}"
    services.save_post_as(editor=editor, post=post, tags=[kept_tag, gone_tag])
    services.record_revision(post=post, editor=editor)
    old = Revision.objects.get()
    post.body = "Rewritten."
    services.save_post_as(editor=editor, post=post)
    post.reviews.filter(release=gone).delete()  # a review protects its release
    Series.objects.filter(pk=series.pk).delete()
    gone_tag.delete()
    gone.delete()
    image.delete()

    restored = services.restore_revision(revision=old, editor=editor)

    post.refresh_from_db()
    assert post.body.startswith("Words.")
    assert post.series is None
    assert list(post.tags.all()) == [kept_tag]
    assert list(Review.objects.filter(post=post).values_list("release", flat=True)) == [
        kept.pk
    ]
    assert restored.missing == [
        "the series “Gone series” (deleted since; the post is in none)",
        "the tag “gone” (deleted since)",
        "the reviewed release “Gone LP” (deleted since)",
        f"the image {image.image.name} (deleted since; its Markdown is still in "
        "the text)",
    ]


def test_a_newer_autosave_is_offered_when_the_writer_comes_back(editor, make_post):
    post = make_post(author=editor, body="saved")
    assert services.newer_autosave(post=post, editor=editor) is None

    services.autosave_post(post=post, editor=editor, title=post.title, body="typed")

    assert services.newer_autosave(post=post, editor=editor).body == "typed"


def test_word_count_and_reading_time_leave_out_link_addresses():
    stats = services.reading_stats(
        "A [loud](https://example.org/a/b/c) record, it’s " + "word " * 460
    )
    assert stats == services.revisions.ReadingStats(464, 3)
    assert services.reading_stats("") == services.revisions.ReadingStats(0, 0)


def test_a_revision_is_named_by_the_desks_date_format_in_the_blogs_time_zone(
    editor, make_post
):
    post = make_post(author=editor, title="Rocky IV")
    revision = post.revisions.first() or Revision.objects.create(
        post=post, title=post.title, body=post.body
    )
    # 23:30 UTC on 6 December is 12:30 on 7 December in Auckland (UTC+13).
    moment = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
    Revision.objects.filter(pk=revision.pk).update(created_at=moment)
    revision.refresh_from_db()

    with timezone.override("Pacific/Auckland"):
        assert str(revision).endswith(", 7 Dec 2026, 12:30")
