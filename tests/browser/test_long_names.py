"""Names with no space in them break inside their box instead of widening the page.

A reviewer's site had a 72-letter title with no space, a long tag and a long
series name: at 390 px the tag, series, month and search pages scrolled sideways
(up to 849 px wide) and at 1366 px the series grid ran under the sidebar, its
card's cover stretched to about 1,100 px tall.
"""

import pytest

from linernotes.posts.tests.factories import make_post, make_series, make_tag

from .support import PHONE

LAPTOP = {"width": 1366, "height": 900}
LONG_TITLE = "Supercalifragilisticexpialidocious" * 2 + "Soundtrack"  # 78 letters
LONG_TAG = "synthesizer" * 5
LONG_SERIES = "GreatSoundtracksOfTheNineteenEightiesRememberedAtLength"


@pytest.fixture
def long_names_site(live_server, transactional_db) -> dict[str, str]:
    series = make_series(title=LONG_SERIES)
    tag = make_tag(name=LONG_TAG)
    first = make_post(title="An ordinary first part", series=series, days_ago=2)
    long_post = make_post(title=LONG_TITLE, series=series, tags=[tag], days_ago=1)
    make_post(title="An ordinary last part", series=series)
    month = long_post.published_at
    return {
        "home": "/",
        "post": long_post.get_absolute_url(),
        "neighbour": first.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "series": series.get_absolute_url(),
        "month": f"/{month.year}/{month.month:02d}/",
        "search": "/search/?q=Supercalifragilisticexpialidocious",
    } | {"site": live_server.url}


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_no_page_scrolls_sideways_or_runs_under_the_sidebar(
    long_names_site, open_page, viewport
):
    page = open_page(viewport=viewport)
    site = long_names_site.pop("site")
    for name, path in long_names_site.items():
        page.goto(site + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name} ({path}) is {width} px wide"
        main = page.locator("main").bounding_box()
        aside = page.locator("aside.sidebar").bounding_box()
        if viewport == LAPTOP and aside and aside["x"] > main["x"]:
            assert main["x"] + main["width"] <= aside["x"], f"{name} runs under"
        for card in page.locator(".post-card").all():
            box = card.bounding_box()
            assert box["height"] < 700, f"a card on {name} is {box['height']} px tall"
