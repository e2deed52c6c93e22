"""The desk's music services: lengths as typed, the edited track table, a pasted
listing saved once its new artists are decided, MusicBrainz addresses and the
name check against the whole catalogue."""

import pytest

from linernotes.catalogue import desk, services
from linernotes.catalogue.models import Artist, Credit, MergeSuggestion, Release
from linernotes.catalogue.musicbrainz import MusicBrainzError
from linernotes.catalogue.tracklist import ListingOptions

pytestmark = pytest.mark.django_db


def rows(release: Release) -> list[tuple]:
    return [
        (t.position, t.title, services.credit_line(t.credits.all()), t.duration)
        for t in release.tracks.all()
    ]


def edits_of(release: Release, **changes) -> list[services.TrackEdit]:
    """The release's table as stored, with some rows changed (by title)."""
    result = []
    for track in release.tracks.all():
        edit = services.TrackEdit(
            track_id=track.pk,
            disc=track.disc,
            position=track.position,
            title=track.title,
            duration_seconds=track.duration_seconds,
            artists=services.credit_line(track.credits.all()),
            order=track.sort_order,
        )
        result.append(changes.get(track.title, lambda e: e)(edit))
    return result


def changed(**fields):
    from dataclasses import replace

    return lambda edit: replace(edit, **fields)


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("3:52", 232), (" 0:07 ", 7), ("12:00", 720), ("1:02:10", 3730), ("", None)],
)
def test_a_length_is_read_as_sleeves_print_it(typed, seconds):
    assert services.read_duration(typed) == seconds


@pytest.mark.parametrize(
    "typed", ["3:75", "abc", "3:5", "352", "-1:00", "3:", "1:60:00", "３:52"]
)
def test_a_length_that_is_not_m_ss_is_refused_with_the_shape_expected(typed):
    with pytest.raises(services.DurationInvalid, match="3:52"):
        services.read_duration(typed)


def test_editing_the_table_keeps_each_tracks_id_and_swaps_positions(make_rocky_iv):
    rocky = make_rocky_iv()
    ids = dict(rocky.tracks.values_list("title", "pk"))

    services.edit_tracks(
        release=rocky,
        edits=edits_of(
            rocky,
            **{
                "Burning Heart": changed(position="2", order=2),
                "Hearts on Fire": changed(position="1", order=1),
            },
        ),
    )

    assert [r[:2] for r in rows(rocky)[:2]] == [
        ("1", "Hearts on Fire"),
        ("2", "Burning Heart"),
    ]
    assert dict(rocky.tracks.values_list("title", "pk")) == ids


def test_a_changed_credit_line_is_split_into_artists_with_their_joins(make_rocky_iv):
    rocky = make_rocky_iv()

    services.edit_tracks(
        release=rocky,
        edits=edits_of(rocky, War=changed(artists="Vince DiCola & Survivor")),
    )

    war = rocky.tracks.get(title="War")
    assert [(c.artist.name, c.join_phrase) for c in war.credits.all()] == [
        ("Vince DiCola", " & "),
        ("Survivor", ""),
    ]
    assert Artist.objects.filter(name="Survivor").count() == 1


def test_an_unchanged_credit_line_keeps_a_credit_under_another_name(make_release):
    release = make_release(listing="1. Hummel - Sonatina")
    track = release.tracks.get()
    credit = track.credits.get()
    credit.credited_as = "J. N. Hummel"
    credit.save()

    services.edit_tracks(
        release=release,
        edits=edits_of(
            release, Sonatina=changed(title="Sonatina in C", duration_seconds=95)
        ),
    )

    track.refresh_from_db()
    assert (track.title, track.duration) == ("Sonatina in C", "1:35")
    assert track.credits.get().credited_as == "J. N. Hummel"


def test_a_position_used_twice_on_a_disc_is_refused_and_nothing_written(make_rocky_iv):
    rocky = make_rocky_iv()
    before = rows(rocky)

    with pytest.raises(services.TracksInvalid, match="both have position 1 on disc 1"):
        services.edit_tracks(
            release=rocky,
            edits=edits_of(rocky, War=changed(position="1", title="War (edit)")),
        )

    assert rows(rocky) == before


def test_rows_are_stored_in_the_order_given_and_deleted_rows_go(make_rocky_iv):
    rocky = make_rocky_iv()
    montage = rocky.tracks.get(title="Training Montage")
    table = [
        e for e in edits_of(rocky, War=changed(order=0)) if e.track_id != montage.pk
    ]
    new = services.TrackEdit(None, 1, "11", "Bonus", 61, "Touch", order=99)

    services.edit_tracks(release=rocky, edits=[*table, new], delete=[montage.pk])

    titles = [r[1] for r in rows(rocky)]
    assert titles[0] == "War" and titles[-1] == "Bonus"
    assert "Training Montage" not in titles
    assert rows(rocky)[-1] == ("11", "Bonus", "Touch", "1:01")


LISTING = """1. Survivr - Burning Heart
2. John Cafferty - Hearts on Fire
3. Nobody Yet - Brand New Song"""


def test_saving_a_listing_waits_until_every_new_artist_is_decided(make_artist):
    make_artist(name="Survivor")
    listing = services.read_listing(text=LISTING)

    with pytest.raises(services.ListingInvalid) as refused:
        services.save_listing(
            listing=listing, spellings={"Survivr": "Survivor"}, title="Mix"
        )

    assert refused.value.problems == [
        "Confirm the new artist “John Cafferty” or choose who it is.",
        "Confirm the new artist “Nobody Yet” or choose who it is.",
    ]
    assert not Release.objects.exists()
    assert list(Artist.objects.values_list("name", flat=True)) == ["Survivor"]


def test_a_merge_the_writer_accepts_credits_the_existing_artist(make_artist):
    survivor = make_artist(name="Survivor")
    listing = services.read_listing(text=LISTING)

    release = services.save_listing(
        listing=listing,
        spellings={
            "Survivr": "Survivor",
            "John Cafferty": "John Cafferty",
            "Nobody Yet": "Nobody Yet",
        },
        title="Mix",
        kind=Release.Kind.COMPILATION,
    )

    assert rows(release)[0][:3] == ("1", "Burning Heart", "Survivor")
    assert Credit.objects.get(track__title="Burning Heart").artist == survivor
    assert not Artist.objects.filter(name="Survivr").exists()
    assert release.kind == "compilation"


def test_a_name_kept_as_a_new_artist_is_not_offered_as_a_merge_again(make_artist):
    make_artist(name="Vince DiCola")
    listing = services.read_listing(text="1. Vinnie DiCola - War")

    services.save_listing(
        listing=listing, spellings={"Vinnie DiCola": "Vinnie DiCola"}, title="War"
    )

    assert Artist.objects.filter(name="Vinnie DiCola").exists()
    suggestion = MergeSuggestion.objects.get(duplicate_name="Vinnie DiCola")
    assert suggestion.status == MergeSuggestion.Status.REJECTED


def test_the_release_artist_is_a_new_name_to_decide_too():
    listing = services.read_listing(text="1. Burning Heart - Survivor")

    with pytest.raises(services.ListingInvalid, match="Rocky Band"):
        services.save_listing(
            listing=listing, spellings={"Survivor": "Survivor"}, title="X",
            artist="Rocky Band",
        )  # fmt: skip


def test_a_listing_given_to_an_existing_release_replaces_its_tracks(make_rocky_iv):
    rocky = make_rocky_iv()
    listing = services.read_listing(text="1. Burning Heart - Survivor 3:51")

    services.save_listing(listing=listing, spellings={}, release=rocky)

    assert rows(rocky) == [("1", "Burning Heart", "Survivor", "3:51")]


@pytest.mark.parametrize(
    "address",
    [
        "https://musicbrainz.org/release/833d4c3a-2635-4b7a-83c4-4e560588f23a",
        "musicbrainz.org/release/833D4C3A-2635-4B7A-83C4-4E560588F23A/discids",
        "https://beta.musicbrainz.org/release/833d4c3a-2635-4b7a-83c4-4e560588f23a?x=1",
        "833d4c3a-2635-4b7a-83c4-4e560588f23a",
    ],
)
def test_a_release_id_is_read_from_the_address_a_writer_pastes(address):
    assert (
        services.musicbrainz_release_id(address)
        == "833d4c3a-2635-4b7a-83c4-4e560588f23a"
    )


@pytest.mark.parametrize(
    "address",
    [
        "https://musicbrainz.org/artist/833d4c3a-2635-4b7a-83c4-4e560588f23a",
        "https://evil.example/release/833d4c3a-2635-4b7a-83c4-4e560588f23a",
        "rocky iv",
        "",
    ],
)
def test_anything_but_a_release_address_is_refused_before_a_request(address):
    with pytest.raises(MusicBrainzError, match="Paste a MusicBrainz release address"):
        services.musicbrainz_release_id(address)


def test_the_name_check_knows_every_artist_in_the_catalogue(make_rocky_iv, make_artist):
    make_rocky_iv()
    make_artist(name="Bruce Springsteen")

    warnings = desk.name_check(
        "Nothing like **Bruce Springstein** or [Kenny Logins](https://x.example/Kenny-Logins)."
    )

    assert [(w.text, w.suggestion) for w in warnings] == [
        ("Bruce Springstein", "Bruce Springsteen"),
        ("Kenny Logins", "Kenny Loggins"),
    ]
    assert "looks like “Bruce Springsteen”" in warnings[0].message


def test_track_titles_are_checked_only_for_the_releases_named(make_rocky_iv):
    rocky = make_rocky_iv()
    text = "Then Hearts of Fire kicks in."

    assert desk.name_check(text) == []
    assert [w.suggestion for w in desk.name_check(text, release_ids=[rocky.pk])] == [
        "Hearts on Fire"
    ]


def test_one_click_alternatives_are_added_to_the_writers_choices():
    options = ListingOptions(order="artist-title", as_headings=frozenset({2}))

    chosen = desk.choose_alternative(options, "as_headings:4,5")
    assert chosen.as_headings == {2, 4, 5} and chosen.order == "artist-title"
    assert (
        desk.choose_alternative(options, "order:title-artist").order == "title-artist"
    )
    assert desk.choose_alternative(options, "nonsense") == options
    assert desk.choose_alternative(options, "as_tracks:x,-1") == options
