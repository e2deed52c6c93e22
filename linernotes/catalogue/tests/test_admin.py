"""The catalogue in the admin: listing preview and save, merges."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from linernotes.catalogue.models import (
    Artist,
    ArtistSlugRedirect,
    MergeSuggestion,
    Release,
)
from linernotes.catalogue.tests.factories import ROCKY_IV

pytestmark = pytest.mark.django_db


def release_form(**overrides) -> dict:
    data = {
        "title": "Rocky IV",
        "slug": "",
        "kind": "soundtrack",
        "year": "1985",
        "film": "Rocky IV",
        "label": "Scotti Bros.",
        "catalogue_number": "",
        "musicbrainz_id": "",
        "listing": "",
        "listing_order": "",
        "listing_options": "",
        "tracks-TOTAL_FORMS": "0",
        "tracks-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor(client, make_writer):
    client.force_login(make_writer(role="Editor"))
    return client


def test_the_preview_shows_what_was_understood_before_saving(editor):
    response = editor.post(
        reverse("admin:catalogue_release_parse"),
        {"listing": "Side A\n" + ROCKY_IV + "Scotti Bros. SZ 40203\n", "order": ""},
    )

    data = response.json()
    assert data["order"] == "title-artist"
    assert len(data["tracks"]) == 10
    assert {
        "line_no": 12,
        "line": "Scotti Bros. SZ 40203",
        "reason": "label-line",
    } in data["unparsed"]
    assert not Release.objects.exists()


def test_the_writer_can_force_the_order(editor):
    response = editor.post(
        reverse("admin:catalogue_release_parse"),
        {"listing": "1. Survivor - Burning Heart", "order": "artist-title"},
    )

    track = response.json()["tracks"][0]
    assert (track["title"], track["artists"][0]["name"]) == (
        "Burning Heart",
        "Survivor",
    )


def test_saving_with_a_listing_creates_the_tracks(editor):
    response = editor.post(
        reverse("admin:catalogue_release_add"), release_form(listing=ROCKY_IV)
    )

    assert response.status_code == 302
    release = Release.objects.get()
    assert release.tracks.count() == 10
    assert Artist.objects.filter(name="Vince DiCola").count() == 1


def test_a_listing_with_a_repeated_position_is_refused_and_nothing_saved(editor):
    response = editor.post(
        reverse("admin:catalogue_release_add"),
        release_form(listing="1. A - X\n1. B - Y"),
    )

    assertContains(response, "position 1 is already used")
    assert not Release.objects.exists()


def test_binary_garbage_in_the_listing_is_refused(editor):
    response = editor.post(
        reverse("admin:catalogue_release_add"),
        release_form(listing="\x00\x01\x02 garbage \x00" * 10),
    )

    assert response.status_code == 200
    assert "listing" in response.context["adminform"].form.errors
    assert not Release.objects.exists()


LONE_ARTIST = (
    "Pink Floyd\n1. In the Flesh?\n2. The Thin Ice\nRoger Waters\n3. Radio Waves\n"
)


def test_the_preview_offers_an_alternative_with_each_uncertain_reading(editor):
    response = editor.post(
        reverse("admin:catalogue_release_parse"), {"listing": LONE_ARTIST}
    )

    data = response.json()
    assert [t["artists"][0]["name"] for t in data["tracks"]] == [
        "Pink Floyd",
        "Pink Floyd",
        "Roger Waters",
    ]
    assert {"line_no": 1, "line": "Pink Floyd", "reason": "artist-heading"} in data[
        "unparsed"
    ]
    warning = data["warnings"][0]
    assert (warning["code"], warning["lines"]) == ("heading-or-track", [1])
    assert warning["alternative"] == {
        "label": "read as a track",
        "option": "as_tracks",
        "value": [1],
    }


def test_the_preview_re_reads_with_the_alternative_chosen(editor):
    response = editor.post(
        reverse("admin:catalogue_release_parse"),
        {"listing": LONE_ARTIST, "options": '{"as_tracks": [1]}'},
    )

    data = response.json()
    assert [t["title"] for t in data["tracks"]] == [
        "Pink Floyd",
        "In the Flesh?",
        "The Thin Ice",
        "Radio Waves",
    ]
    assert data["options"]["as_tracks"] == [1]


@pytest.mark.parametrize(
    ("options", "titles"),
    [
        ("", ["In the Flesh?", "The Thin Ice", "Radio Waves"]),
        (
            '{"as_tracks": [1]}',
            ["Pink Floyd", "In the Flesh?", "The Thin Ice", "Radio Waves"],
        ),
        ("not json", ["In the Flesh?", "The Thin Ice", "Radio Waves"]),
    ],
)
def test_saving_stores_the_reading_the_preview_showed(editor, options, titles):
    preview = editor.post(
        reverse("admin:catalogue_release_parse"),
        {"listing": LONE_ARTIST, "options": options},
    ).json()

    response = editor.post(
        reverse("admin:catalogue_release_add"),
        release_form(listing=LONE_ARTIST, listing_options=options),
    )

    assert response.status_code == 302
    saved = list(Release.objects.get().tracks.values_list("title", flat=True))
    assert saved == [t["title"] for t in preview["tracks"]] == titles


def test_saving_reads_the_listing_with_the_catalogues_artists(editor, make_artist):
    """Both sides of each line are unknown names but for the catalogue."""
    make_artist(name="Touch")
    make_artist(name="Go West")

    editor.post(
        reverse("admin:catalogue_release_add"),
        release_form(listing="Burning Heart - Touch\nWar - Go West\n"),
    )

    tracks = Release.objects.get().tracks.order_by("sort_order")
    assert [t.title for t in tracks] == ["Burning Heart", "War"]
    assert [t.credits.get().artist.name for t in tracks] == ["Touch", "Go West"]


def test_the_preview_is_closed_to_readers(client, make_user):
    client.force_login(make_user())

    response = client.post(
        reverse("admin:catalogue_release_parse"), {"listing": "1. A - B"}
    )

    assert response.status_code == 302


def test_a_writer_confirms_a_suggested_merge(editor, make_artist):
    vince = make_artist(name="Vince DiCola")
    make_artist(name="Vinnie DiCola")
    suggestion = MergeSuggestion.objects.get()

    editor.post(
        reverse("admin:catalogue_mergesuggestion_changelist"),
        {"action": "confirm", "_selected_action": [suggestion.pk]},
    )

    assert list(Artist.objects.values_list("name", flat=True)) == ["Vince DiCola"]
    assert vince.aliases.get().name == "Vinnie DiCola"


def test_a_writer_rejects_a_suggested_merge(editor, make_artist):
    make_artist(name="Vince DiCola")
    make_artist(name="Vinnie DiCola")
    suggestion = MergeSuggestion.objects.get()

    editor.post(
        reverse("admin:catalogue_mergesuggestion_changelist"),
        {"action": "reject", "_selected_action": [suggestion.pk]},
    )

    assert Artist.objects.count() == 2
    suggestion.refresh_from_db()
    assert suggestion.status == MergeSuggestion.Status.REJECTED


def test_re_pasting_a_listing_in_the_admin_keeps_the_tracks_ids(editor, make_rocky_iv):
    """Tried before the fix: the admin's save made ten new tracks."""
    rocky = make_rocky_iv()
    before = dict(rocky.tracks.values_list("title", "pk"))
    fixed = ROCKY_IV.replace("5. War - Vince DiCola", "5. War - Vince DiCola 5:52")
    fixed = fixed.replace("10. Training Montage - Vince DiCola\n", "")

    response = editor.post(
        reverse("admin:catalogue_release_change", args=[rocky.pk]),
        release_form(slug=rocky.slug, listing=fixed),
    )

    assert response.status_code == 302
    after = dict(rocky.tracks.values_list("title", "pk"))
    del before["Training Montage"]
    assert after == before
    assert rocky.tracks.get(title="War").duration_seconds == 352


def test_changing_an_artists_slug_in_the_admin_keeps_the_old_one(editor, make_artist):
    artist = make_artist(name="Vince DiCola")

    response = editor.post(
        reverse("admin:catalogue_artist_change", args=[artist.pk]),
        {
            "name": "Vince DiCola",
            "sort_name": "DiCola, Vince",
            "slug": "vince-dicola-composer",
            "musicbrainz_id": "",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    assert ArtistSlugRedirect.objects.get(old_slug="vince-dicola").artist == artist
