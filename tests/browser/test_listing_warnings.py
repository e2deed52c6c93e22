"""The release editor's listing preview: each uncertain reading beside its lines,
with a one-click alternative that the save then honours (issue 12, item 3)."""

import pytest
from playwright.sync_api import expect

from linernotes.catalogue.models import Release
from linernotes.users.tests.factories import make_writer

# A lone name above numbered titles, and two lines with nothing to say which
# side holds the artist.
LISTING = """Pink Floyd
1. In the Flesh?
2. The Thin Ice
Bonus: Hey You - Mother"""


@pytest.fixture
def release_editor(live_server, transactional_db, sign_in):
    make_writer(role="Editor", username="mara")
    page, errors = sign_in("mara")
    page.goto(f"{live_server.url}/admin/catalogue/release/add/")
    page.fill("#id_title", "The Wall")
    page.fill("#id_listing", LISTING)
    page.click("text=Preview the listing")
    return page, errors


def test_a_warning_sits_beside_the_line_it_concerns(release_editor):
    page, errors = release_editor
    preview = page.locator(".listing-preview")

    heading = preview.locator("li[data-line='1']")
    expect(heading).to_contain_text("Line 1 (heading): Pink Floyd")
    expect(heading.locator(".listing-warning")).to_contain_text("may name the artist")
    expect(heading.locator("button")).to_have_text(
        "read as the artist of the titles under it"
    )
    expect(preview.locator("tr[data-line='2']")).not_to_contain_text("Pink Floyd")
    assert errors == []


def test_one_click_applies_the_artist_and_saving_keeps_that(release_editor):
    page, errors = release_editor
    preview = page.locator(".listing-preview")

    preview.locator("li[data-line='1'] button").click()

    expect(preview.locator("li[data-line='1']")).to_contain_text("artist-heading")
    expect(preview.locator("tr[data-line='2']")).to_contain_text("Pink Floyd")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("Saved 3 tracks")
    first = Release.objects.get().tracks.order_by("sort_order").first()
    assert first.credits.get().artist.name == "Pink Floyd"
    assert errors == []


def test_one_click_reverses_a_guessed_order(release_editor):
    page, errors = release_editor
    preview = page.locator(".listing-preview")
    expect(preview.locator("tr[data-line='4']")).to_contain_text("Hey You")

    preview.locator("button", has_text="read as Title - Artist").click()

    expect(page.locator("#id_listing_order")).to_have_value("title-artist")
    expect(preview.locator("tr[data-line='4']")).to_contain_text("Mother")
    expect(preview).to_contain_text("read as Title – Artist.")
    assert errors == []
