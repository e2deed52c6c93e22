"""A reader's walk: home, a post in a series, back and forth along it, the feed."""

from urllib.parse import urljoin

import pytest
from defusedxml import ElementTree
from playwright.sync_api import expect

from .support import (
    BACK_TO_THE_FUTURE,
    DESKTOP,
    PHONE,
    ROCKY_IV,
    SERIES_1985,
    ST_ELMOS_FIRE,
)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_reader_walks_from_home_along_a_series_to_the_feed(
    demo_site, open_page, screenshot, viewport
):
    page = open_page(viewport=viewport)

    page.goto(demo_site + "/")
    screenshot(page, "walk-1-home")
    page.get_by_role("link", name=ROCKY_IV, exact=True).click()

    expect(page).to_have_title(f"{ROCKY_IV} · Liner Notes")
    expect(page.locator(".series-part")).to_have_text(f"{SERIES_1985} · Part 2 of 2")
    expect(page.locator(".teaser")).to_contain_text(f"Next post: {ST_ELMOS_FIRE}")
    screenshot(page, "walk-2-rocky-iv")
    page.locator(".series-nav").get_by_role("link", name="Previous part").click()

    expect(page.locator("h1")).to_have_text(BACK_TO_THE_FUTURE)
    expect(page.locator(".series-part")).to_have_text(f"{SERIES_1985} · Part 1 of 2")
    expect(page.locator(".teaser")).to_have_count(0)
    screenshot(page, "walk-3-back-to-the-future")
    page.locator(".series-nav").get_by_role("link", name="Next part").click()

    expect(page.locator("h1")).to_have_text(ROCKY_IV)
    screenshot(page, "walk-4-rocky-iv-again")
    feed_link = page.locator('head link[rel="alternate"][type="application/rss+xml"]')
    footer_link = page.locator(".site-footer").get_by_role("link", name="RSS")
    expect(footer_link).to_have_attribute("href", feed_link.first.get_attribute("href"))
    feed = page.request.get(urljoin(page.url, feed_link.first.get_attribute("href")))

    assert feed.ok
    assert feed.headers["content-type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(feed.body()).find("channel")
    assert channel.findtext("title") == "Liner Notes"
    assert [item.findtext("title") for item in channel.iter("item")] == [
        ROCKY_IV,
        "Paul Hardcastle – 19",
        BACK_TO_THE_FUTURE,
        "Welcome to Liner Notes",
    ]
