"""Music in the writer's desk, in Chromium: the release's track table (credit
lines, m:ss lengths, rows moved by a handle), pasting a listing with its
warnings beside the lines and new artists confirmed, and filling a release from
a MusicBrainz address (recorded responses on loopback). At a 1366 px laptop and
a 390 px phone, within the site's policy, passing axe-core."""

import pytest
from playwright.sync_api import expect

from linernotes.catalogue.models import Artist, Release, Track
from linernotes.catalogue.tests.factories import make_artist, make_rocky_iv
from linernotes.catalogue.tests.test_musicbrainz import (  # noqa: F401 - fixture
    RUINED_SUBJECTS,
    recorded_service,
)
from linernotes.users.tests.factories import make_writer

from .conftest import SCREENSHOTS
from .support import PHONE, csp_errors
from .test_accessibility import BLOCKING_IMPACTS, RUN_AXE, describe

LAPTOP = {"width": 1366, "height": 900}
PASSWORD = "pw-for-tests-only"
LISTING = """Side A
1. Survivr - Burning Heart 3:51
2. Stan Bush - The Touch 4:14
3. Kenny Loggins and Gladys Knight - Double or Nothing 3:57
Side B
4. Touch - The Sweetest Victory 4:17"""

# A lone name above titles: the parser asks whether it names their artist.
HEADED = """Pink Floyd
1. In the Flesh?
2. The Thin Ice
3. Another Brick in the Wall 3:11"""


@pytest.fixture
def music_desk(live_server, transactional_db):
    """An editor, Rocky IV with its ten tracks, and Survivor known."""
    make_writer(role="Editor", username="mara")
    rocky = make_rocky_iv()
    Track.objects.filter(release=rocky, title="War").update(duration_seconds=352)
    make_artist(name="Touch")
    (SCREENSHOTS / "desk").mkdir(parents=True, exist_ok=True)
    return live_server.url, rocky


def sign_in(page, site: str) -> None:
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "mara")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("mara")


def order_of(page) -> list[str]:
    return page.locator(".track-table tr.form-row:not(.empty-form)").evaluate_all(
        "rows => rows.map(r => r.querySelector(\"input[name$='-title']\").value)"
    )


def test_the_track_table_moves_rows_by_handle_and_saves_the_order(
    music_desk, open_page
):
    site, rocky = music_desk
    page = open_page(viewport=LAPTOP)
    errors = csp_errors(page)
    sign_in(page, site)
    page.goto(f"{site}/admin/catalogue/release/{rocky.pk}/change/")

    duet = page.locator(".track-table tr.form-row").nth(2)
    expect(duet.locator("input[name$='-artists']")).to_have_value(
        "Kenny Loggins and Gladys Knight"
    )
    war = page.locator(".track-table tr.form-row").nth(4)
    expect(war.locator("input[name$='-length']")).to_have_value("5:52")

    # The keyboard: War moves up one place and the order numbers follow.
    war.locator(".track-handle").focus()
    page.keyboard.press("ArrowUp")
    assert order_of(page)[3:5] == ["War", "Eye of the Tiger"]
    # The mouse: Training Montage dragged by its handle to the top.
    rows = page.locator(".track-table tr.form-row:not(.empty-form)")
    montage = rows.nth(9)
    montage.locator(".track-handle").drag_to(
        rows.nth(0), target_position={"x": 20, "y": 2}
    )
    assert order_of(page)[0] == "Training Montage"
    numbers = page.locator("input.track-order").evaluate_all(
        "inputs => inputs.filter(i => !i.closest('.empty-form')).map(i => i.value)"
    )
    assert numbers == [str(n) for n in range(1, 11)]

    page.click("input[name=_save]")

    expect(page.locator(".messagelist")).to_be_visible()
    titles = list(rocky.tracks.values_list("title", flat=True))
    assert titles[0] == "Training Montage" and titles[4] == "War"
    assert errors == []


def test_a_bad_length_in_the_table_is_explained_and_nothing_saved(
    music_desk, open_page, screenshot
):
    site, rocky = music_desk
    for viewport in (LAPTOP, PHONE):
        page = open_page(viewport=viewport)
        sign_in(page, site)
        page.goto(f"{site}/admin/catalogue/release/{rocky.pk}/change/")
        page.locator("input[name$='-length']").first.fill("3:75")
        page.click("input[name=_save]")
        expect(page.locator(".errorlist").first).to_contain_text(
            "“3:75” is not a length"
        )
        screenshot(page, "desk/release-tracks-error")
    assert rocky.tracks.first().duration_seconds is None


def test_a_pasted_listing_is_read_line_by_line_and_made_after_confirming(
    music_desk, open_page, screenshot
):
    site, _ = music_desk
    page = open_page(viewport=LAPTOP)
    errors = csp_errors(page)
    sign_in(page, site)
    page.goto(f"{site}/admin/catalogue/release/")
    page.get_by_role("link", name="Paste a listing").click()
    page.fill("#id_listing", LISTING)

    page.evaluate("window.samePage = true")
    page.get_by_role("button", name="Read the listing").click()

    result = page.locator("#listing-desk-result")
    expect(result.locator("caption")).to_have_text("4 tracks as the parser reads them")
    expect(result.locator("tr[data-line='5']")).to_contain_text("side-heading")
    expect(result.locator("tr[data-line='4'] td").nth(2)).to_have_text(
        "Kenny Loggins and Gladys Knight"
    )
    survivr = result.locator(".new-artist[data-name='Survivr']")
    expect(survivr).to_contain_text("looks like Survivor")
    assert page.evaluate("window.samePage") is True  # swapped in, not reloaded
    screenshot(page, "desk/paste-preview")

    page.fill("#id_title", "Rocky IV, side A")
    page.get_by_role("button", name="Make the release with 4 tracks").click()
    expect(page.locator(".desk-problems")).to_contain_text(
        "Confirm the new artist “Survivr”"
    )
    assert not Release.objects.filter(title="Rocky IV, side A").exists()

    page.get_by_label("Same artist as Survivor").check()
    page.get_by_label("A new artist: add “Stan Bush”").check()
    page.get_by_role("button", name="Make the release with 4 tracks").click()

    expect(page.locator(".messagelist")).to_contain_text("now has 4 tracks")
    made = Release.objects.get(title="Rocky IV, side A")
    first = made.tracks.first()
    assert first.credits.get().artist.name == "Survivor" and first.duration == "3:51"
    assert not Artist.objects.filter(name="Survivr").exists()
    assert errors == []


def test_a_warning_sits_by_its_line_and_one_click_reads_it_again(music_desk, open_page):
    site, _ = music_desk
    page = open_page(viewport=LAPTOP)
    errors = csp_errors(page)
    sign_in(page, site)
    page.goto(f"{site}/admin/catalogue/release/paste/")
    page.fill("#id_listing", HEADED)
    page.get_by_role("button", name="Read the listing").click()

    heading = page.locator("#listing-desk-result tr[data-line='1']")
    expect(heading.locator(".listing-warning")).to_contain_text("may name the artist")
    heading.get_by_role("button").click()

    expect(page.locator("tr[data-line='1']")).to_contain_text("artist-heading")
    expect(page.locator("tr[data-line='2']")).to_contain_text("Pink Floyd")
    expect(page.locator(".new-artist[data-name='Pink Floyd']")).to_be_visible()
    assert errors == []


def test_the_name_check_warns_while_the_writer_types(music_desk, open_page):
    """name-check.js as the post editor will use it: any textarea carrying the
    endpoint's address gets the catalogue's near misses under it as it changes."""
    site, rocky = music_desk
    page = open_page(viewport=LAPTOP)
    errors = csp_errors(page)
    sign_in(page, site)
    page.goto(f"{site}/admin/catalogue/release/paste/")
    page.evaluate(
        """([url, release]) => {
            const area = document.querySelector("#id_listing");
            area.setAttribute("data-name-check-url", url);
            area.setAttribute("data-name-check-releases", release);
        }""",
        ["/admin/catalogue/release/name-check/", str(rocky.pk)],
    )
    page.add_script_tag(url="/static/catalogue/name-check.js")
    page.evaluate("linernotesNameCheck.attach(document.querySelector('#id_listing'))")

    page.locator("#id_listing").press_sequentially("Kenny Logins sang Hearts of Fire.")

    warnings = page.locator(".name-check li")
    expect(warnings).to_have_count(2)
    expect(warnings.first).to_contain_text(
        "“Kenny Logins” in the text looks like “Kenny Loggins”"
    )
    expect(warnings.nth(1)).to_have_attribute("data-suggestion", "Hearts on Fire")
    page.locator("#id_listing").fill("Kenny Loggins sang Hearts on Fire.")
    expect(warnings).to_have_count(0)
    assert errors == []


def test_a_listing_of_thousands_of_lines_is_refused_in_the_page(music_desk, open_page):
    site, _ = music_desk
    page = open_page(viewport=LAPTOP)
    sign_in(page, site)
    page.goto(f"{site}/admin/catalogue/release/paste/")
    huge = "\n".join(f"{n}. Band - Song {n}" for n in range(3000))
    page.locator("#id_listing").evaluate("(area, text) => { area.value = text; }", huge)

    page.get_by_role("button", name="Read the listing").click()

    expect(page.locator(".listing-refusal")).to_contain_text(
        "The listing has 3,000 lines; the most accepted is 2,000."
    )


@pytest.mark.usefixtures("recorded_service")
def test_musicbrainz_fills_the_release_after_showing_what_it_would_fill(
    music_desk, open_page, screenshot
):
    site, _ = music_desk
    draft = Release.objects.create(title="Ruined Subjects?", slug="draft")
    page = open_page(viewport=LAPTOP)
    errors = csp_errors(page)
    sign_in(page, site)
    page.goto(f"{site}/admin/catalogue/release/{draft.pk}/change/")
    page.get_by_role("link", name="Fill from MusicBrainz").click()
    page.fill("#id_address", "https://musicbrainz.org/release/nonsense")
    page.get_by_role("button", name="Look it up").click()
    expect(page.locator(".errornote")).to_contain_text("Paste a MusicBrainz release")

    page.fill("#id_address", f"https://musicbrainz.org/release/{RUINED_SUBJECTS}")
    page.get_by_role("button", name="Look it up").click()

    found = page.locator(".musicbrainz-found")
    expect(found).to_contain_text("This refreshes")
    expect(found.locator("caption")).to_have_text("21 tracks")
    screenshot(page, "desk/musicbrainz-look")
    assert draft.tracks.count() == 0
    page.get_by_role("button", name="Refresh “Ruined Subjects?”").click()

    expect(page.locator(".messagelist")).to_contain_text("with 21 tracks")
    draft.refresh_from_db()
    assert (draft.title, draft.tracks.count()) == ("Ruined Subjects", 21)
    assert errors == []


@pytest.mark.usefixtures("recorded_service")
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_music_pages_fit_the_screen_and_pass_axe(
    music_desk, open_page, axe_script, screenshot, viewport
):
    site, rocky = music_desk
    # axe is inlined, which the policy refuses: this context ignores the policy
    # (the tests above keep it).
    page = open_page(viewport=viewport, bypass_csp=True)
    sign_in(page, site)
    address = f"https://musicbrainz.org/release/{RUINED_SUBJECTS}"
    visits = {
        "release-tracks": (f"/admin/catalogue/release/{rocky.pk}/change/", None),
        "paste": ("/admin/catalogue/release/paste/", "Read the listing"),
        "musicbrainz": ("/admin/catalogue/release/from-musicbrainz/", "Look it up"),
    }
    for name, (path, button) in visits.items():
        page.goto(site + path)
        if name == "paste":
            page.fill("#id_listing", HEADED)
        if name == "musicbrainz":
            page.fill("#id_address", address)
        if button:
            page.get_by_role("button", name=button).click()
            page.wait_for_load_state()
            expect(page.locator(".listing-tracks")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name} scrolls sideways: {width} px"
        screenshot(page, f"desk/{name}")
        page.add_script_tag(path=axe_script)
        blocking = [
            v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING_IMPACTS
        ]
        assert blocking == [], f"{name}: {describe(blocking)}"
