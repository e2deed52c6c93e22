"""A writer turns a track listing found by the import into a release, in a real
browser with JavaScript switched off, at phone and desktop widths.

The export is imported through the real importer; the writer then finds the
listing from the admin index and from the post's page, makes a release from one
and puts the other away. Every page passes axe-core and fits the screen.
"""

import io

import pytest
from playwright.sync_api import expect

from linernotes.catalogue.models import Release
from linernotes.posts.models import Post, Review
from linernotes.transfer import listings
from linernotes.transfer.tests import wxr
from linernotes.transfer.wordpress.importer import import_wordpress
from linernotes.users.models import User

from .support import PHONE, csp_errors
from .test_accessibility import BLOCKING_IMPACTS, RUN_AXE, describe

DESKTOP = {"width": 1366, "height": 900}
ROCKY_IV = (
    "<p>1. Survivor - Burning Heart<br>2. Robert Tepper - No Easy Way Out<br>"
    "3. John Cafferty - Hearts on Fire</p>"
)
TOP_TEN = (
    "<p>1. Jaws - 1975<br>2. Alien - 1979<br>3. Brazil - 1985<br>4. Heat - 1995</p>"
)


@pytest.fixture
def signed_in_owner(live_server, transactional_db, open_page):
    owner = User.objects.create_superuser(username="owner", password="pw-for-tests")
    import_wordpress(
        io.BytesIO(
            wxr.export(
                items=[
                    wxr.item(1, "Rocky IV review", body=ROCKY_IV),
                    wxr.item(2, "My favourite films, with a long title", body=TOP_TEN),
                ]
            )
        ),
        owner=owner,
    )

    def sign_in(**context):
        page = open_page(**{"java_script_enabled": False, **context})
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "owner")
        page.fill("#id_password", "pw-for-tests")
        page.click("input[type=submit]")
        expect(page.locator("#user-tools")).to_contain_text("owner")
        return page

    return sign_in


def check_page(sign_in, url: str, axe_script, viewport: dict) -> None:
    """axe-core on ``url``, in a context that lets its script in (and runs it:
    the writer's own context has JavaScript off); and no page wider than the
    screen."""
    page = sign_in(viewport=viewport, bypass_csp=True, java_script_enabled=True)
    page.goto(url)
    page.add_script_tag(path=axe_script)
    violations = [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING_IMPACTS]
    assert violations == [], describe(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_writer_makes_a_release_from_one_listing_and_puts_another_away(
    signed_in_owner, axe_script, screenshot, viewport
):
    page = signed_in_owner(viewport=viewport)
    errors = csp_errors(page)
    rocky = Post.objects.get(title="Rocky IV review")

    page.goto(page.url.split("/admin/")[0] + f"/admin/posts/post/{rocky.pk}/change/")
    notice = page.locator(".messagelist .info")
    expect(notice).to_contain_text("This imported post has a track listing")
    screenshot(page, "admin-post-with-listing")
    page.click("#site-name a")  # the header's link to the desk home
    expect(page.locator("#imported-listings")).to_contain_text("2 waiting")
    page.click("text=Track listings to confirm")

    expect(page.locator("h1")).to_have_text("Track listings from the import")
    sections = page.locator(".imported-listing")
    expect(sections).to_have_count(2)
    expect(sections.first.locator(".listing-tracks")).to_contain_text("Robert Tepper")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, "admin-imported-listings")
    check_page(signed_in_owner, page.url, axe_script, viewport)

    films = sections.filter(has_text="My favourite films")
    films.get_by_role("button", name="Not a listing").click()
    expect(page.locator(".messagelist")).to_contain_text("Put away")
    expect(page.locator(".imported-listing")).to_have_count(1)

    page.get_by_role("link", name="Make a release from it").click()
    expect(page.locator("#id_title")).to_have_value("Rocky IV")
    expect(page.locator(".listing-guess")).to_contain_text("A guess to check")
    assert Release.objects.count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, "admin-listing-confirm")
    check_page(signed_in_owner, page.url, axe_script, viewport)

    page.select_option("#id_kind", "soundtrack")
    page.fill("#id_year", "1985")
    page.click("input[value='Make the release']")

    expect(page.locator(".messagelist")).to_contain_text("Made the release")
    release = Release.objects.get()
    assert (release.title, release.year, release.tracks.count()) == (
        "Rocky IV",
        1985,
        3,
    )
    assert Review.objects.filter(post=rocky, release=release).exists()
    assert listings.waiting_listings(user=User.objects.get(username="owner")) == []
    assert errors == []
