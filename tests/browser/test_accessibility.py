"""Reader pages pass axe-core and fit a phone's screen."""

import pytest
from playwright.sync_api import expect

from .support import DESKTOP, PHONE, READER_PAGES, ROCKY_IV

BLOCKING_IMPACTS = {"serious", "critical"}

RUN_AXE = """async () => (await axe.run()).violations.map(violation => ({
    id: violation.id,
    impact: violation.impact,
    targets: violation.nodes.map(node => node.target.join(" ")),
}))"""


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{violation['id']} ({violation['impact']}): {', '.join(violation['targets'])}"
        for violation in violations
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", READER_PAGES)
def test_page_has_no_serious_accessibility_violation(
    page_urls, open_page, axe_script, screenshot, name, viewport
):
    # add_script_tag(path=...) inlines axe, which the site's policy (script-src
    # 'self') refuses; so only this context ignores the policy.
    # test_privacy.py checks the site's own pages break no rule of the policy.
    page = open_page(viewport=viewport, bypass_csp=True)
    page.goto(page_urls[name])
    expect(page.locator("main")).to_contain_text(ROCKY_IV)
    screenshot(page, name)

    page.add_script_tag(path=axe_script)
    violations = page.evaluate(RUN_AXE)

    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], describe(blocking)


@pytest.mark.parametrize("name", READER_PAGES)
def test_page_does_not_scroll_sideways_on_a_phone(page_urls, open_page, name):
    page = open_page(viewport=PHONE)

    page.goto(page_urls[name])

    expect(page.locator("main")).to_contain_text(ROCKY_IV)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
