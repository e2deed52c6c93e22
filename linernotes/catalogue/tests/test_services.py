"""Writing the catalogue: artists resolve leniently, merges need a writer, listings
are saved whole or not at all."""

import pytest

from linernotes.catalogue import events, services
from linernotes.catalogue.models import (
    Artist,
    ArtistAlias,
    ArtistSlugRedirect,
    Credit,
    MergeSuggestion,
    Track,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "spelling", ["The Cure", "the cure", "Cure", "CURE!", "Thé Cure"]
)
def test_an_artist_is_found_by_any_lenient_spelling(make_artist, spelling):
    cure = make_artist(name="The Cure")

    assert services.resolve_artist(name=spelling) == cure
    assert Artist.objects.count() == 1


def test_and_and_ampersand_name_the_same_artist(make_artist):
    duo = make_artist(name="Simon & Garfunkel")

    assert services.resolve_artist(name="Simon and Garfunkel") == duo


def test_a_near_miss_spelling_is_offered_as_a_merge_not_merged(make_artist):
    vince = make_artist(name="Vince DiCola")

    vinnie = services.resolve_artist(name="Vinnie DiCola")

    assert vinnie != vince
    suggestion = MergeSuggestion.objects.get()
    assert (suggestion.artist, suggestion.duplicate) == (vince, vinnie)
    assert suggestion.status == MergeSuggestion.Status.PENDING


def test_different_artists_are_not_offered_as_merges(make_artist):
    make_artist(name="Survivor")

    services.resolve_artist(name="Toto")

    assert not MergeSuggestion.objects.exists()


def test_confirming_a_merge_moves_credits_and_keeps_the_name_as_an_alias(make_release):
    release = make_release(
        listing="1. Vince DiCola - War\n2. Vinnie DiCola - Hearts on Fire"
    )
    suggestion = MergeSuggestion.objects.get()

    vince = services.confirm_merge(suggestion=suggestion)

    assert Artist.objects.filter(name__startswith="Vin").get() == vince
    assert set(
        Credit.objects.filter(track__release=release).values_list("artist", flat=True)
    ) == {vince.pk}
    assert ArtistAlias.objects.get().name == "Vinnie DiCola"
    assert services.resolve_artist(name="vinnie dicola") == vince


def test_a_rejected_merge_is_not_offered_again(make_artist):
    make_artist(name="Vince DiCola")
    services.resolve_artist(name="Vinnie DiCola")
    services.reject_merge(suggestion=MergeSuggestion.objects.get())
    Artist.objects.filter(name="Vinnie DiCola").delete()

    services.resolve_artist(name="Vinnie DiCola")

    assert MergeSuggestion.objects.get().status == MergeSuggestion.Status.REJECTED


def test_a_listing_becomes_tracks_with_credits_and_join_phrases(make_release):
    release = make_release(
        listing="3. Kenny Loggins and Gladys Knight - Double or Nothing"
    )

    track = release.tracks.get()
    credits = list(track.credits.all())

    assert (track.position, track.title) == ("3", "Double or Nothing")
    assert [(c.artist.name, c.join_phrase) for c in credits] == [
        ("Kenny Loggins", " and "),
        ("Gladys Knight", ""),
    ]


def test_a_writer_credit_after_the_title_is_kept_apart_from_title_and_artist(
    make_release,
):
    release = make_release(
        listing="1. The Beatles - Help! (Lennon/McCartney) 2:18\n"
        "2. Badfinger - Day After Day (written by Pete Ham)\n"
    )

    first, second = release.tracks.all()

    assert (first.title, first.writers, first.duration_seconds) == (
        "Help!",
        "Lennon/McCartney",
        138,
    )
    assert [c.artist.name for c in first.credits.all()] == ["The Beatles"]
    assert (second.title, second.writers) == ("Day After Day", "written by Pete Ham")

    # Pasted again without the credit, the track keeps its id and drops it.
    services.set_tracks_from_listing(
        release=release,
        text="1. The Beatles - Help! 2:18\n2. Badfinger - Day After Day",
    )
    assert release.tracks.get(pk=first.pk).writers == ""


def test_a_listing_with_a_repeated_position_saves_nothing(make_release):
    release = make_release(listing="1. Someone - Old")

    with pytest.raises(services.ListingInvalid, match="position 2 is already used"):
        services.set_tracks_from_listing(
            release=release, text="1. A - X\n2. B - Y\n2. C - Z"
        )

    assert list(release.tracks.values_list("title", flat=True)) == ["Old"]


def test_a_listing_with_no_tracks_is_refused(make_release):
    release = make_release()

    with pytest.raises(services.ListingInvalid, match="No tracks"):
        services.set_tracks_from_listing(
            release=release, text="Scotti Bros. SZ 40203\n"
        )
    assert not Track.objects.exists()


def test_a_new_listing_replaces_the_old_tracks(make_release):
    release = make_release(listing="1. Band - First")

    services.set_tracks_from_listing(
        release=release, text="1. Band - Second\n2. Band - Third"
    )

    assert list(release.tracks.values_list("title", flat=True)) == ["Second", "Third"]


def test_release_slugs_are_unique_and_readable(make_release):
    first = make_release(title="Greatest Hits", year=1985)
    second = make_release(title="Greatest Hits", year=1985)

    assert (first.slug, second.slug) == ("greatest-hits-1985", "greatest-hits-1985-2")


def _track_ids(release) -> dict[str, int]:
    return dict(release.tracks.values_list("title", "pk"))


def test_a_re_pasted_listing_keeps_each_track_that_is_still_there(make_release):
    """Tried before the fix: every re-paste deleted the tracks and made new ones,
    so each id changed (and posts' ``#track-<id>`` links with them)."""
    release = make_release(listing="1. Band - Frist 3:00\n2. Band - Second 4:00")
    first, second = release.tracks.all()

    services.set_tracks_from_listing(
        release=release, text="1. Band - First 3:00\n2. Band - Second 4:10"
    )

    assert _track_ids(release) == {"First": first.pk, "Second": second.pk}
    assert release.tracks.get(pk=second.pk).duration_seconds == 250
    assert Credit.objects.filter(track__release=release).count() == 2


def test_a_track_inserted_above_keeps_the_others_by_their_titles(make_release):
    """A new opener shifts every position: tracks follow their titles, not
    their old places, so "One" does not become "Intro"."""
    release = make_release(listing="1. Band - One\n2. Band - Two")
    before = _track_ids(release)

    services.set_tracks_from_listing(
        release=release, text="1. Band - Intro\n2. Band - One\n3. Band - Two"
    )

    after = _track_ids(release)
    assert after["One"] == before["One"] and after["Two"] == before["Two"]
    assert after["Intro"] not in before.values()
    assert list(release.tracks.values_list("position", "title")) == [
        ("1", "Intro"), ("2", "One"), ("3", "Two"),
    ]  # fmt: skip


def test_two_tracks_that_swap_places_keep_their_ids(make_release):
    """Each takes the other's position, which the one-track-per-position rule
    refuses if written one after the other without stepping aside first."""
    release = make_release(listing="1. Band - One\n2. Band - Two")
    before = _track_ids(release)

    services.set_tracks_from_listing(
        release=release, text="1. Band - Two\n2. Band - One"
    )

    assert _track_ids(release) == before
    assert list(release.tracks.values_list("title", flat=True)) == ["Two", "One"]


def test_a_track_left_out_of_the_new_listing_is_deleted(make_release):
    release = make_release(listing="1. Band - One\n2. Band - Two\n3. Band - Three")
    before = _track_ids(release)

    services.set_tracks_from_listing(
        release=release, text="1. Band - One\n2. Band - Three"
    )

    assert _track_ids(release) == {"One": before["One"], "Three": before["Three"]}
    assert not Track.objects.filter(pk=before["Two"]).exists()


def test_a_changed_artist_slug_leaves_a_redirect(make_artist):
    artist = make_artist(name="Vince DiCola")
    artist.slug = "vince-dicola-composer"

    services.save_artist(artist=artist)

    assert ArtistSlugRedirect.objects.get(old_slug="vince-dicola").artist == artist


def test_an_artist_taking_back_its_old_slug_drops_the_redirect(make_artist):
    """Else the redirect would point the artist's own address at itself."""
    artist = make_artist(name="Vince DiCola")
    artist.slug = "vince"
    services.save_artist(artist=artist)
    artist.slug = "vince-dicola"

    services.save_artist(artist=artist)

    assert list(ArtistSlugRedirect.objects.values_list("old_slug", flat=True)) == [
        "vince"
    ]


def test_catalogue_listeners_hear_of_changes_only_after_commit(
    make_release, make_artist, django_capture_on_commit_callbacks
):
    heard = []
    events.changed.register(heard.append, order=1000, name="test.heard")
    try:
        release = make_release(listing="1. Band - One")
        artist = make_artist(name="Band")
        with django_capture_on_commit_callbacks() as callbacks:
            services.set_tracks_from_listing(release=release, text="1. Band - Uno")
            artist.slug = "the-band"
            services.save_artist(artist=artist)
            assert heard == []
        for callback in callbacks:
            callback()
    finally:
        events.changed.unregister("test.heard")

    assert events.CatalogueChange(release_ids=frozenset({release.pk})) in heard
    assert events.CatalogueChange(artist_ids=frozenset({artist.pk})) in heard
