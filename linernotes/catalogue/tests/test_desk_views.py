"""The desk's music pages: the release's track table, pasting a listing, the
name check the post editor calls, and filling a release from MusicBrainz."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.catalogue.models import Artist, Release, Track
from linernotes.catalogue.tests.test_admin import release_form
from linernotes.catalogue.tests.test_musicbrainz import (  # noqa: F401 - fixture
    RUINED_SUBJECTS,
    recorded_service,
)

pytestmark = pytest.mark.django_db
PASTE = reverse("admin:catalogue_release_paste")
NAME_CHECK = reverse("admin:catalogue_name_check")
MUSICBRAINZ = reverse("admin:catalogue_release_musicbrainz")


@pytest.fixture
def editor(client, make_writer):
    client.force_login(make_writer(role="Editor"))
    return client


def table_form(release: Release, **by_title) -> dict:
    """The change form as the page shows it, with rows changed by title."""
    tracks = list(release.tracks.all())
    data = release_form(
        title=release.title,
        slug=release.slug,
        kind=release.kind,
        year=str(release.year or ""),
        film=release.film,
        label=release.label,
        **{"tracks-TOTAL_FORMS": str(len(tracks)),
           "tracks-INITIAL_FORMS": str(len(tracks))},
    )  # fmt: skip
    for index, track in enumerate(tracks):
        row = {
            "id": str(track.pk),
            "release": str(release.pk),
            "sort_order": str(track.sort_order),
            "disc": str(track.disc),
            "position": track.position,
            "title": track.title,
            "artists": "".join(f"{c.name}{c.join_phrase}" for c in track.credits.all()),
            "length": track.duration,
        }
        row.update(by_title.get(track.title, {}))
        data.update({f"tracks-{index}-{key}": value for key, value in row.items()})
    return data


def change(release: Release) -> str:
    return reverse("admin:catalogue_release_change", args=[release.pk])


# --- The track table --------------------------------------------------------


def test_the_track_table_shows_credit_lines_and_lengths_as_m_ss(editor, make_rocky_iv):
    rocky = make_rocky_iv()
    Track.objects.filter(title="War").update(duration_seconds=352)

    response = editor.get(change(rocky))

    assertContains(response, 'value="Kenny Loggins and Gladys Knight"')
    assertContains(response, 'value="5:52"')
    assertNotContains(response, 'value="352"')
    assertContains(response, "catalogue/track-order.js")
    assertContains(response, "Paste a listing")
    assertContains(response, "Fill from MusicBrainz")


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        (
            "3:75",
            "“3:75” is not a length: seconds (and minutes after hours) run "
            "from 00 to 59, as in 3:52.",
        ),
        ("abc", "“abc” is not a length: write minutes:seconds, as 3:52."),
    ],
)
def test_a_bad_length_is_refused_with_the_shape_expected_and_nothing_saved(
    editor, make_rocky_iv, typed, refusal
):
    rocky = make_rocky_iv()

    response = editor.post(
        change(rocky), table_form(rocky, War={"length": typed, "title": "War!"})
    )

    assert response.status_code == 200
    assertContains(response, refusal)
    assert not Track.objects.filter(title="War!").exists()


def test_the_table_saves_lengths_credit_lines_and_the_order_typed(
    editor, make_rocky_iv
):
    rocky = make_rocky_iv()
    ids = dict(rocky.tracks.values_list("title", "pk"))

    response = editor.post(
        change(rocky),
        table_form(
            rocky,
            War={
                "length": "5:52",
                "sort_order": "1",
                "artists": "Vince DiCola & Survivor",
            },
            **{"Burning Heart": {"sort_order": "5"}},
        ),
    )

    assert response.status_code == 302
    tracks = list(rocky.tracks.all())
    assert tracks[0].title == "War" and tracks[0].duration_seconds == 352
    assert [(c.artist.name, c.join_phrase) for c in tracks[0].credits.all()] == [
        ("Vince DiCola", " & "),
        ("Survivor", ""),
    ]
    assert dict(rocky.tracks.values_list("title", "pk")) == ids


def test_two_rows_may_swap_positions(editor, make_rocky_iv):
    rocky = make_rocky_iv()

    response = editor.post(
        change(rocky),
        table_form(
            rocky, War={"position": "6"}, **{"Living in America": {"position": "5"}}
        ),
    )

    assert response.status_code == 302
    assert rocky.tracks.get(title="War").position == "6"


def test_one_position_twice_is_refused_naming_both_rows(editor, make_rocky_iv):
    rocky = make_rocky_iv()

    response = editor.post(change(rocky), table_form(rocky, War={"position": "6"}))

    assert response.status_code == 200
    assert rocky.tracks.get(title="War").position == "5"
    assertContains(response, "both have position 6 on disc 1")


# --- Pasting a listing ------------------------------------------------------

HEADED = """Pink Floyd
1. In the Flesh?
2. The Thin Ice
Bonus: Hey You - Mother"""


def test_the_paste_page_works_without_a_release_or_script(editor):
    response = editor.get(PASTE)

    assertContains(response, "Paste a track listing")
    assertContains(response, 'name="listing"')
    assertContains(response, "catalogue/listing-desk.js")


def test_the_preview_puts_each_warning_beside_its_line_with_its_alternative(editor):
    response = editor.post(PASTE, {"listing": HEADED, "preview": "1"})

    html = response.content.decode()
    row = html[html.index('<tr data-line="1"') : html.index('<tr data-line="2"')]
    assert "Pink Floyd" in row and "may name the artist" in row
    assert "read as the artist of the titles under it" in row
    assert not Release.objects.exists()


def test_choosing_an_alternative_reads_the_listing_again_with_it(editor):
    first = editor.post(PASTE, {"listing": HEADED, "preview": "1"}).content.decode()
    start = first.index('name="choose" value="', first.index('<tr data-line="1"'))
    key = first[start + len('name="choose" value="') :].split('"', 1)[0]

    response = editor.post(PASTE, {"listing": HEADED, "choose": key})

    html = response.content.decode()
    track_row = html[html.index('<tr data-line="2"') :].split("</tr>", 1)[0]
    assert "Pink Floyd" in track_row
    assert "artist-heading" in html


def test_a_script_gets_only_the_fragment(editor):
    response = editor.post(
        PASTE, {"listing": HEADED, "preview": "1"}, headers={"X-Desk-Fragment": "1"}
    )

    html = response.content.decode()
    assert "<html" not in html and 'class="listing-tracks"' in html
    assert "data-options=" in html


def test_a_listing_of_thousands_of_lines_is_refused_with_the_parsers_error(editor):
    text = "\n".join(f"{n}. Song {n} - Band" for n in range(1, 5001))

    response = editor.post(PASTE, {"listing": text, "confirm": "1", "title": "Huge"})

    assert response.status_code == 400
    assertContains(
        response,
        "The listing has 5,000 lines; the most accepted is 2,000.",
        status_code=400,
    )
    assert not Release.objects.exists()


def test_new_artists_and_near_spellings_are_offered_to_confirm(editor, make_artist):
    make_artist(name="Survivor")

    response = editor.post(
        PASTE, {"listing": "1. Survivr - Burning Heart\n2. Touch - Sweetest Victory"}
    )

    assertContains(response, 'name="artist:Survivr" value="Survivor"')
    assertContains(response, 'name="artist:Survivr" value="__new__"')
    assertContains(response, 'name="artist:Touch" value="__new__"')
    assertNotContains(response, 'name="artist:Survivor"')


def test_a_likely_misspelling_is_flagged_on_its_own_line(editor, make_artist):
    """Tried: "Survivr" on line 2 of three; a reviewer found it only in the
    list of new artists under the table, with its line's Check cell empty."""
    make_artist(name="Survivor")

    response = editor.post(
        PASTE,
        {
            "listing": "1. Touch - Sweetest Victory\n2. Survivr - Burning Heart\n"
            "3. Touch - Hearts on Fire"
        },
    )

    html = response.content.decode()
    line_two = html[html.index('data-line="2"') : html.index('data-line="3"')]
    assert "Survivr is not in the catalogue; it looks like Survivor" in line_two
    assert "looks like" not in html[html.index('data-line="3"') :].split("</tr>")[0]


def test_confirming_without_deciding_a_new_artist_makes_nothing(editor, make_artist):
    make_artist(name="Survivor")

    response = editor.post(
        PASTE,
        {"listing": "1. Survivr - Burning Heart", "title": "Mix", "confirm": "1"},
    )

    assertContains(
        response,
        "Confirm the new artist “Survivr” or choose who it is.",
        status_code=400,
    )
    assert not Release.objects.exists()


def test_confirming_makes_the_release_with_the_artists_the_writer_chose(
    editor, make_artist
):
    survivor = make_artist(name="Survivor")

    response = editor.post(
        PASTE,
        {
            "listing": "1. Survivr - Burning Heart 3:51\n2. Touch - Sweetest Victory",
            "artist:Survivr": "Survivor",
            "artist:Touch": "__new__",
            "title": "Mix",
            "kind": "compilation",
            "year": "1985",
            "confirm": "1",
        },
    )

    release = Release.objects.get(title="Mix")
    assert response.status_code == 302 and response.url == change(release)
    first, second = release.tracks.all()
    assert first.credits.get().artist == survivor and first.duration == "3:51"
    assert second.credits.get().artist.name == "Touch"
    assert (release.kind, release.year) == ("compilation", 1985)


def test_a_listing_pasted_from_a_release_page_fills_that_release(editor, make_rocky_iv):
    rocky = make_rocky_iv()

    page = editor.get(PASTE, {"release": rocky.pk})
    assertContains(page, "Paste a listing into “Rocky IV”")
    response = editor.post(
        PASTE,
        {"release": rocky.pk, "listing": "1. Survivor - Burning Heart", "confirm": "1"},
    )

    assert response.status_code == 302
    assert list(rocky.tracks.values_list("title", flat=True)) == ["Burning Heart"]
    assert Release.objects.count() == 1


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/admin/posts/post/add/?x=1", "/admin/posts/post/add/?x=1&release={pk}"),
        ("https://elsewhere.example/", "/admin/catalogue/release/{pk}/change/"),
    ],
)
def test_after_confirming_the_writer_goes_back_where_they_came_from(
    editor, make_artist, next_url, lands_on
):
    make_artist(name="Survivor")
    page = editor.get(PASTE, {"next": next_url})
    assertContains(page, 'name="next"')

    response = editor.post(
        PASTE,
        {"listing": "1. Survivor - Burning Heart", "title": "Mix", "confirm": "1",
         "next": next_url},
    )  # fmt: skip

    assert response.url == lands_on.format(pk=Release.objects.get().pk)


def test_the_same_listing_for_a_second_review_links_the_release_it_made(
    editor, make_artist
):
    """Tried: the Top Gun listing pasted again (another post, the same title
    and year): it made a twin release; now the writer is offered the one the
    catalogue has, and linking it goes back to the post with that release."""
    make_artist(name="Berlin")
    form = {
        "listing": "1. Berlin - Take My Breath Away",
        "title": "Top Gun",
        "year": "1986",
        "confirm": "1",
        "next": "/admin/posts/post/add/",
    }
    first = editor.post(PASTE, form)
    made = Release.objects.get()

    again = editor.post(PASTE, form)

    assert first.status_code == 302 and Release.objects.count() == 1
    assertContains(again, "is already in the catalogue", status_code=400)
    assertContains(again, f'name="link_existing" value="{made.pk}"', status_code=400)
    linked = editor.post(PASTE, {**form, "link_existing": str(made.pk)})
    assert linked.url == f"/admin/posts/post/add/?release={made.pk}"
    assert Release.objects.count() == 1 and made.tracks.count() == 1


@pytest.mark.parametrize("chosen", ["²", "9" * 25, "-1", "x"])
def test_a_forged_release_to_link_is_ignored(editor, make_artist, chosen):
    make_artist(name="Berlin")
    form = {"listing": "1. Berlin - Take My Breath Away", "title": "Top Gun"}

    response = editor.post(PASTE, {**form, "link_existing": chosen})

    assert response.status_code == 200 and not Release.objects.exists()


def test_a_writer_may_still_make_a_second_release_of_the_same_name(editor, make_artist):
    make_artist(name="Berlin")
    form = {"listing": "1. Berlin - Take My Breath Away", "title": "Top Gun",
            "year": "1986", "confirm": "1"}  # fmt: skip
    editor.post(PASTE, form)

    editor.post(PASTE, {**{k: v for k, v in form.items() if k != "confirm"},
                        "make_new": "1"})  # fmt: skip

    assert Release.objects.filter(title="Top Gun").count() == 2


def test_pasting_is_closed_to_readers(client, make_user):
    client.force_login(make_user())

    response = client.post(PASTE, {"listing": "1. A - B", "title": "X", "confirm": "1"})

    assert response.status_code == 302 and "/login/" in response.url
    assert not Release.objects.exists()


# --- Name check ---------------------------------------------------------------


def test_the_name_check_answers_with_warnings_against_the_whole_catalogue(
    editor, make_rocky_iv, make_artist
):
    rocky = make_rocky_iv()
    make_artist(name="Bruce Springsteen")

    response = editor.post(
        NAME_CHECK,
        {"text": "Bruce Springstein meets Hearts of Fire.", "release": [str(rocky.pk)]},
    )

    assert response.status_code == 200
    assert [(w["text"], w["suggestion"]) for w in response.json()["warnings"]] == [
        ("Bruce Springstein", "Bruce Springsteen"),
        ("Hearts of Fire", "Hearts on Fire"),
    ]


def test_the_name_check_wants_a_post_and_a_writer(editor, client, make_user):
    assert editor.get(NAME_CHECK).status_code == 405
    too_long = editor.post(NAME_CHECK, {"text": "x" * 50_001})
    assert (
        too_long.status_code == 400 and "check it in parts" in too_long.json()["error"]
    )
    client.force_login(make_user())
    assert client.post(NAME_CHECK, {"text": "Survivr"}).status_code == 302


@pytest.mark.parametrize("release", ["²", "9" * 25, "-1", "1e3"])
def test_a_release_id_that_is_not_one_is_ignored_or_not_found(editor, release):
    """Tried: a superscript digit (str.isdigit takes it, int() does not), a
    number past the database's range, a negative and an exponent."""
    checked = editor.post(NAME_CHECK, {"text": "Survivr", "release": [release]})
    pasted = editor.get(PASTE, {"release": release})

    assert checked.status_code == 200
    assert pasted.status_code == 404


# --- MusicBrainz ----------------------------------------------------------------

ADDRESS = f"https://musicbrainz.org/release/{RUINED_SUBJECTS}"


@pytest.mark.usefixtures("recorded_service")
def test_looking_up_a_musicbrainz_address_shows_what_would_be_filled(
    editor,
):
    response = editor.post(MUSICBRAINZ, {"address": ADDRESS, "look": "1"})

    assertContains(response, "Ruined Subjects")
    assertContains(response, "21 tracks")
    assertContains(response, "<td>Pollux</td><td>4:06</td>", html=False)
    assertContains(response, "This makes a new release.")
    assert not Release.objects.exists() and not Artist.objects.exists()


@pytest.mark.usefixtures("recorded_service")
def test_confirming_saves_the_release_from_musicbrainz(editor):
    response = editor.post(MUSICBRAINZ, {"address": ADDRESS, "confirm": "1"})

    release = Release.objects.get(musicbrainz_id=RUINED_SUBJECTS)
    assert response.status_code == 302 and response.url == change(release)
    assert release.tracks.count() == 21


@pytest.mark.usefixtures("recorded_service")
def test_from_a_release_page_musicbrainz_fills_that_release(editor, make_release):
    mine = make_release(title="Ruined Subjects (draft)")

    looked = editor.post(
        MUSICBRAINZ, {"address": ADDRESS, "look": "1", "release": mine.pk}
    )
    assertContains(looked, "This refreshes")
    editor.post(MUSICBRAINZ, {"address": ADDRESS, "confirm": "1", "release": mine.pk})

    mine.refresh_from_db()
    assert (mine.title, str(mine.musicbrainz_id)) == (
        "Ruined Subjects",
        RUINED_SUBJECTS,
    )
    assert Release.objects.count() == 1


@pytest.mark.parametrize(
    ("address", "error"),
    [
        ("https://example.org/rocky", "Paste a MusicBrainz release address"),
        (
            "https://musicbrainz.org/release/00000000-0000-0000-0000-000000000000",
            "MusicBrainz has no release with that id.",
        ),
    ],
)
@pytest.mark.usefixtures("recorded_service")
def test_a_bad_address_is_explained_and_nothing_saved(editor, address, error):
    response = editor.post(MUSICBRAINZ, {"address": address, "confirm": "1"})

    assertContains(response, error, status_code=400)
    assert not Release.objects.exists()
