"""A writer in the admin: pasting a track listing and previewing it before saving,
and the Markdown preview of a post."""

import pytest
from playwright.sync_api import expect

from linernotes.catalogue.models import Release
from linernotes.users.tests.factories import make_writer

LISTING = """Side A
A1. Burning Heart - Survivor
A2. Hearts on Fire - John Cafferty
A3. Double or Nothing - Kenny Loggins and Gladys Knight
A4. Eye of the Tiger - Survivor
Scotti Bros. SZ 40203"""


@pytest.fixture
def signed_in_editor(live_server, transactional_db, sign_in):
    make_writer(role="Editor", username="mara")
    page, errors = sign_in("mara")
    return page, live_server.url, errors


def test_pasting_a_listing_shows_what_was_understood_before_saving(
    signed_in_editor, screenshot
):
    page, site, errors = signed_in_editor
    page.goto(f"{site}/admin/catalogue/release/add/")
    page.fill("#id_title", "Rocky IV")
    page.fill("#id_listing", LISTING)

    page.click("text=Preview the listing")

    preview = page.locator(".listing-preview")
    expect(preview).to_contain_text("4 tracks, read as Title – Artist.")
    expect(preview.locator("tr")).to_have_count(5)  # a header and four tracks
    duet = preview.locator("tr").nth(3)
    expect(duet).to_contain_text("Kenny Loggins and Gladys Knight")
    expect(preview).to_contain_text("Line 6 (label-line): Scotti Bros. SZ 40203")
    assert not Release.objects.exists()  # a preview saves nothing
    screenshot(page, "admin-listing-preview")

    page.click("input[name=_save]")

    expect(page.locator(".messagelist")).to_contain_text("Saved 4 tracks")
    assert Release.objects.get().tracks.count() == 4
    assert errors == []


def test_the_post_editor_previews_markdown_as_readers_will_see_it(signed_in_editor):
    page, site, errors = signed_in_editor
    page.goto(f"{site}/admin/posts/post/add/")
    page.fill("#id_body", "A **loud** record. <script>alert(1)</script>")

    # The preview is the post page itself, in a frame beside the text.
    preview = page.frame_locator("iframe[name=linernotes-preview]").locator(".prose")
    expect(preview.locator("strong")).to_have_text("loud")
    expect(preview.locator("script")).to_have_count(0)
    assert errors == []
