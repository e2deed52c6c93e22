"""The theme on every reader page, at a phone's width and a laptop's.

Each page is saved to ``test-artifacts/screenshots/theme/<page>-<width>.png``
(the README's test section names the folder) so a person can look at the whole
theme in a minute; the checks say what a look would: the blog's own fonts and
nothing from another origin, no sideways scrolling, a short phone header, a
favicon, and no serious or critical axe-core finding.
"""

import pytest
from django.template.loader import render_to_string
from playwright.sync_api import expect

from .conftest import SCREENSHOTS
from .support import PHONE, csp_errors, draw_everything, elsewhere, record_requests
from .test_accessibility import BLOCKING_IMPACTS, RUN_AXE, describe

LAPTOP = {"width": 1366, "height": 900}
THEME_SHOTS = SCREENSHOTS / "theme"
SERVER_ERROR_PATH = "/__server-error-page__/"

# Every kind of page a reader meets, by name, with a demo path and a heading it shows.
PAGES = {
    "home": ("/", "Rocky IV"),
    "post": ("/2026/12/rocky-iv-soundtrack-1985/", "Responses to"),
    "series": ("/series/great-soundtracks-of-1985/", "Great Soundtracks of 1985"),
    "series-index": ("/series/", "Series"),
    "archive-year": ("/2026/", "2026"),
    "archive-month": ("/2026/11/", "November 2026"),
    "tag": ("/tag/survivor/", "Survivor"),
    "category": ("/category/soundtracks/", "Soundtracks"),
    "author": ("/author/mara/", "Mara"),
    "search": ("/search/?q=rocky", "Rocky IV"),
    "search-empty": ("/search/?q=zzzzqqq", "0 results"),
    "music-artists": ("/music/", "Artists"),
    "music-artist": ("/music/artists/survivor/", "Survivor"),
    "music-release": (
        "/music/releases/rocky-iv-original-motion-picture-soundtrack-1985/",
        "Rocky IV",
    ),
    "music-year": ("/music/1985/", "1985"),
    "page": ("/about/", "About"),
    "subscribe": ("/subscribe/", "Subscribe by email"),
    "privacy": ("/privacy/", "Privacy"),
    "sign-in": ("/accounts/login/", "Sign In"),
    "sign-up": ("/accounts/signup/", "Sign Up"),
    "password-reset": ("/accounts/password/reset/", "Password Reset"),
    "not-found": ("/no-such-page/", "That page isn’t here"),
    "server-error": (SERVER_ERROR_PATH, "Something went wrong"),
}
VIEWPORTS = [PHONE, LAPTOP]

FONTS_IN_USE = """async () => {
    await document.fonts.ready;
    return [...document.fonts].filter(f => f.status === "loaded").map(f => f.family);
}"""


def serve_error_page(page, site: str) -> None:
    """Answer one address with the 500 page as Django's handler renders it.

    A live server cannot be made to fail on demand, so the page is served by the
    browser's router at the site's own origin, where its stylesheet and fonts
    load as they would.
    """
    html = render_to_string("500.html")
    page.route(
        site + SERVER_ERROR_PATH,
        lambda route: route.fulfill(status=500, body=html, content_type="text/html"),
    )


def visit(page, site: str, name: str) -> None:
    path, heading = PAGES[name]
    if path == SERVER_ERROR_PATH:
        serve_error_page(page, site)
    page.goto(site + path)
    expect(page.locator("main")).to_contain_text(heading)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["phone", "laptop"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_reader_page_wears_the_theme(
    demo_site, open_page, axe_script, name, viewport
):
    # bypass_csp only so axe can be injected; test_theme_breaks_no_csp_rule
    # loads the same pages under the site's policy.
    page = open_page(viewport=viewport, bypass_csp=True)
    requests = record_requests(page)

    visit(page, demo_site, name)

    THEME_SHOTS.mkdir(parents=True, exist_ok=True)
    draw_everything(page)
    page.screenshot(
        path=THEME_SHOTS / f"{name}-{viewport['width']}.png", full_page=True
    )
    assert elsewhere(requests, demo_site) == []
    fonts = page.evaluate(FONTS_IN_USE)
    assert "Inter Variable" in fonts and "Fraunces Variable" in fonts, fonts
    assert page.locator('head link[rel="icon"]').count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    if viewport == PHONE:
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 120, f"the header takes {header['height']} px"

    page.add_script_tag(path=axe_script)
    violations = page.evaluate(RUN_AXE)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], describe(blocking)


@pytest.mark.parametrize("name", ["home", "post", "music-artist", "sign-in"])
def test_theme_breaks_no_csp_rule(demo_site, open_page, name):
    page = open_page(viewport=PHONE)
    refused = csp_errors(page)

    visit(page, demo_site, name)

    assert refused == []


@pytest.mark.parametrize("name", ["home", "post"])
def test_dark_scheme_follows_the_system(demo_site, open_page, name):
    page = open_page(viewport=PHONE, color_scheme="dark")

    visit(page, demo_site, name)

    THEME_SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=THEME_SHOTS / f"{name}-{PHONE['width']}-dark.png")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(part) for part in background[4:-1].split(",")[:3])
    assert red + green + blue < 120, background


def test_phone_menu_opens_without_javascript(demo_site, open_page):
    page = open_page(viewport=PHONE, java_script_enabled=False)
    page.goto(demo_site + "/")
    series = page.locator(".site-nav").get_by_role("link", name="Series")
    expect(series).to_be_hidden()

    page.get_by_text("Menu", exact=True).click()

    expect(series).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search the blog")).to_be_visible()
    series.click()
    expect(page.locator("h1")).to_have_text("Series")


def test_sidebar_waits_behind_one_button_on_a_phone_and_stands_open_on_a_laptop(
    demo_site, open_page
):
    phone = open_page(viewport=PHONE)
    phone.goto(demo_site + "/")
    archives = phone.locator(".sidebar").get_by_role("link", name="December 2026")
    expect(archives).to_be_hidden()
    phone.get_by_text("Browse the blog").click()
    expect(archives).to_be_visible()

    laptop = open_page(viewport=LAPTOP)
    laptop.goto(demo_site + "/")
    expect(laptop.get_by_text("Browse the blog")).to_be_hidden()
    expect(
        laptop.locator(".sidebar").get_by_role("link", name="December 2026")
    ).to_be_visible()
    expect(
        laptop.locator(".site-nav").get_by_role("link", name="Series")
    ).to_be_visible()


def test_comments_lead_with_faces_and_keep_actions_on_one_line(demo_site, open_page):
    page = open_page(viewport=PHONE)
    page.goto(demo_site + PAGES["post"][0])
    first = page.locator("li.comment").first

    expect(first.locator(".comment-avatar")).to_be_visible()
    reply = first.get_by_role("link", name="Reply to Dee")
    like = first.locator(".like-button")
    assert abs(reply.bounding_box()["y"] - like.bounding_box()["y"]) < 12
    heading = page.locator("#responses-title").bounding_box()
    line = float(page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#responses-title')).lineHeight)"
    ))  # fmt: skip
    assert heading["height"] <= 2 * line + 1
