"""The demo blog: every feature on show, and loading twice changes nothing."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from pytest_django.asserts import assertContains

from linernotes.likes.models import Like
from linernotes.posts.models import Attachment, Page, Post, Series, Tag
from linernotes.posts.services import counts as post_counts
from linernotes.transfer.demo import load_demo
from linernotes.users.models import User

pytestmark = pytest.mark.django_db


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Post, Series, Page, Attachment)
    }


def test_loading_twice_changes_nothing():
    load_demo()
    before = counts()
    stamps = list(Post.objects.order_by("pk").values_list("pk", "updated_at"))

    assert load_demo() == 0
    assert counts() == before
    assert list(Post.objects.order_by("pk").values_list("pk", "updated_at")) == stamps


def test_rocky_iv_is_part_two_of_great_soundtracks_of_1985(client):
    load_demo()
    rocky = Post.objects.get(slug="rocky-iv-soundtrack-1985")

    response = client.get(rocky.get_absolute_url())

    assert rocky.series.title == "Great Soundtracks of 1985"
    assertContains(response, "Part 2 of 2")
    assertContains(response, "Next post:")
    assertContains(response, "St. Elmo&#x27;s Fire (1985)")
    assertContains(response, 'data-embed-provider="youtube"')
    assertContains(response, "Rocky IV listening guide (free)")
    assert rocky.cover and rocky.cover_thumbnails


def test_the_next_part_is_scheduled_a_few_days_after_loading():
    now = timezone.now()
    load_demo(now=now)

    upcoming = Post.objects.upcoming().get()

    assert upcoming.series.title == "Great Soundtracks of 1985"
    assert now + timedelta(days=2) < upcoming.published_at < now + timedelta(days=4)


def test_the_demo_has_categories_tags_and_pages():
    load_demo()

    assert Page.objects.filter(slug__in=["about", "privacy"]).count() == 2
    rocky = Post.objects.get(slug="rocky-iv-soundtrack-1985")
    assert {t.name for t in rocky.tags.all()} >= {"1985", "Survivor"}
    assert [str(c) for c in rocky.categories.all()] == ["Reviews › Soundtracks"]
    assert Series.objects.filter(title="One Hit Wonders of 1985").exists()


def test_the_command_loads_only_into_an_empty_blog_when_asked(make_post, capsys):
    make_post(title="A writer's own post")

    call_command("demo", "--if-empty")

    assert "not loaded" in capsys.readouterr().out
    assert not Post.objects.filter(slug="rocky-iv-soundtrack-1985").exists()


def test_the_rocky_iv_review_carries_the_soundtrack_as_data():
    load_demo()
    rocky = Post.objects.get(slug="rocky-iv-soundtrack-1985")

    release = rocky.reviews.get().release
    tracks = list(release.tracks.all())

    assert (release.kind, release.year, release.film) == (
        "soundtrack",
        1985,
        "Rocky IV",
    )
    assert len(tracks) == 10
    assert [t.position for t in tracks][:2] == ["A1", "A2"]
    duet = tracks[2]
    assert [(c.artist.name, c.join_phrase) for c in duet.credits.all()] == [
        ("Kenny Loggins", " and "),
        ("Gladys Knight", ""),
    ]
    assert {t.title for t in rocky.reviews.get().standout_tracks.all()} == {
        "Hearts on Fire",
        "War",
        "No Easy Way Out",
    }


def test_the_rocky_iv_review_has_a_lively_thread(client):
    load_demo()
    rocky = Post.objects.get(slug="rocky-iv-soundtrack-1985")

    response = client.get(rocky.get_absolute_url())

    # The WordPress page the demo recreates has 18 responses; it had 15.
    assertContains(
        response, "18 Responses to “Rocky IV: Original Motion Picture Soundtrack"
    )
    assertContains(response, 'class="comment depth-2"')
    assertContains(response, "Reply to Kofi")
    assertContains(response, "6 readers like this")
    assertContains(response, "Liked by 4 people")  # Kofi's comment on War


def test_loading_the_demo_twice_adds_no_likes_or_readers(client):
    load_demo()
    rocky = Post.objects.get(slug="rocky-iv-soundtrack-1985")
    likes, readers = Like.objects.count(), User.objects.count()

    load_demo()

    rocky.refresh_from_db()
    assert (Like.objects.count(), User.objects.count()) == (likes, readers)
    assert rocky.like_count == 6


def test_the_thread_never_asks_for_a_part_the_series_already_has():
    """A reader once asked for “Back to the Future” as the next part, under
    the post that links it as part 1."""
    load_demo()
    rocky = Post.objects.get(slug="rocky-iv-soundtrack-1985")
    earlier = [
        part.title.removesuffix(" (1985)")
        for part in Post.objects.in_series(rocky.series)
        if part.series_position < rocky.series_position
    ]
    wishes = [
        comment.body
        for comment in rocky.comments.all()
        if "next part" in comment.body.lower()
    ]

    assert earlier == ["Back to the Future"]
    assert wishes
    assert not [wish for wish in wishes if any(t in wish for t in earlier)]


@pytest.mark.django_db(transaction=True)
def test_the_demo_is_saved_as_one_batch_and_recounted_once(monkeypatch):
    recounts = []
    recount = post_counts.refresh_counts
    monkeypatch.setattr(
        post_counts, "refresh_counts", lambda: recounts.append(recount())
    )

    load_demo()

    assert len(recounts) == 1
    assert Tag.objects.get(name="1985").post_count == 3  # the fourth is scheduled


def test_the_rocky_iv_review_plays_two_sketches_made_for_the_demo(client):
    """The demo's audio: an MP3 and an Ogg file shipped beside the demo module,
    shown on the review as a two-track playlist, each served to the player."""
    load_demo()
    rocky = Post.objects.get(slug="rocky-iv-soundtrack-1985")
    sketches = [a for a in rocky.attachments.all() if a.is_audio]

    response = client.get(rocky.get_absolute_url())
    played = [
        client.get(a.get_absolute_url() + "?play", HTTP_RANGE="bytes=0-3")
        for a in sketches
    ]

    assert [(a.title, a.content_type) for a in sketches] == [
        ("Montage sketch", "audio/mpeg"),
        ("Night drive sketch", "audio/ogg"),
    ]
    assert all(10_000 < a.size < 100_000 for a in sketches)  # a few tens of KB
    assertContains(response, '<h2 id="audio-player-title">Playlist</h2>', html=True)
    assertContains(response, "<audio ", count=2)
    for sketch in sketches:
        assertContains(response, f'<source src="{sketch.get_absolute_url()}?play"')
    heads = [b"".join(answer.streaming_content) for answer in played]
    assert heads[0][:2] == b"\xff\xf3"  # an MPEG-2 layer III frame (22.05 kHz)
    assert heads[1] == b"OggS"
