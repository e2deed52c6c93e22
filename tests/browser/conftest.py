"""Browser fixtures: one Chromium for these tests, fresh pages per test, demo data.

Playwright drives Debian's ``chromium`` (never ``playwright install``) against
pytest-django's ``live_server``. Every test in this folder is marked ``browser``;
``scripts/test.sh`` deselects them when Chromium or axe-core is missing and, under
CI, fails instead. Run alone, a missing tool skips the tests with its reason.
"""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from linernotes.posts.models import Post
from linernotes.transfer.demo import load_demo

from .support import DESKTOP, ROCKY_IV_SLUG, csp_errors, draw_everything

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(tryfirst=True)  # before ``-m "not browser"`` deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def browser():
    """Debian's Chromium, started once for the browser tests and closed after them.

    Playwright's sync API keeps an asyncio event loop running in the test's
    thread while it is open, and Django refuses ORM calls from a thread with a
    running loop (SynchronousOnlyOperation). Tests here touch the database only
    between browser calls, never from inside the loop, so the guard is switched
    off for exactly as long as the browser is open, and back on for the rest of
    the suite.
    """
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Chromium is not installed: apt-get install chromium")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@pytest.fixture
def axe_script() -> Path:
    if not AXE_SCRIPT.is_file():
        pytest.skip(f"axe-core is not installed ({AXE_SCRIPT} missing): npm install")
    return AXE_SCRIPT


@pytest.fixture
def demo_site(live_server, transactional_db) -> str:
    """The demo blog, committed so the live server's thread sees it; its base URL."""
    load_demo()
    return live_server.url


@pytest.fixture
def page_urls(demo_site) -> dict[str, str]:
    """Absolute URLs of ``READER_PAGES`` on the live server."""
    rocky_iv = Post.objects.get(slug=ROCKY_IV_SLUG)
    paths = {
        "home": "/",
        "post": rocky_iv.get_absolute_url(),
        "series": "/series/great-soundtracks-of-1985/",
        "search": "/search/?q=rocky",
    }
    return {name: demo_site + path for name, path in paths.items()}


@pytest.fixture
def open_page(browser):
    """Open a page in a new browser context; every context closes after the test."""
    contexts = []

    def open_page(*, viewport: dict = DESKTOP, **context_options):
        context = browser.new_context(viewport=viewport, **context_options)
        context.set_default_timeout(5_000)  # a local page that is slower is broken
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot as ``<name>-<width>.png``; git ignores the folder."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def screenshot(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}-{page.viewport_size['width']}.png"
        draw_everything(page)
        page.screenshot(path=path, full_page=True)
        return path

    return screenshot


@pytest.fixture
def sign_in(live_server, open_page):
    """Sign a writer in through the desk's login form, in a new page.

    ``sign_in("mara")`` returns the signed-in page and the list that collects
    the policy's refusals on it from the start (``csp_errors``); the writer's
    password is the factories' (``make_writer``)."""

    def sign_in(username: str, *, viewport: dict = DESKTOP, **context_options):
        page = open_page(viewport=viewport, **context_options)
        errors = csp_errors(page)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "pw-for-tests-only")
        page.click("input[type=submit]")
        expect(page.locator("#user-tools")).to_contain_text(username)
        return page, errors

    return sign_in
