"""The site owner imports a WordPress export from the admin, in a real browser.

The upload is queued on the real database queue; the test then runs
django-tasks-db's worker loop, and the open page, which polls the run's status,
reloads by itself and shows the report. Without JavaScript the page's own
refresh gets there too. Both pages pass axe-core at phone and desktop sizes.
"""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.management.commands import db_worker
from playwright.sync_api import expect

from linernotes.posts.models import Post
from linernotes.transfer.models import ImportRun
from linernotes.users.models import User

from .support import PHONE, csp_errors
from .test_accessibility import BLOCKING_IMPACTS, RUN_AXE, describe

WXR = Path(__file__).resolve().parents[2] / "linernotes/transfer/tests/data/wxr"
EXPORT = WXR / "wxr-1.2.xml"
KIND_OF_BLUE = "Kind of Blue, sixty years on"
DESKTOP = {"width": 1366, "height": 900}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def signed_in_owner(live_server, transactional_db, open_page, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    User.objects.create_superuser(username="owner", password="pw-for-tests-only")

    def sign_in(**context):
        page = open_page(**context)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "owner")
        page.fill("#id_password", "pw-for-tests-only")
        page.click("input[type=submit]")
        expect(page.locator("#user-tools")).to_contain_text("owner")
        return page

    return sign_in


def run_the_worker(monkeypatch) -> None:
    # The loop closes this thread's database connection between tasks; the
    # test goes on using it, so only that is switched off.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", batch=True, startup_delay=False, reload=False)


def check_accessibility(sign_in, url: str, axe_script, viewport: dict) -> None:
    """axe-core on ``url`` at ``viewport``, in a context of its own: injecting axe
    needs the site's script policy switched off, which the test's page keeps."""
    page = sign_in(viewport=viewport, bypass_csp=True)
    page.goto(url)
    page.add_script_tag(path=axe_script)
    violations = [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING_IMPACTS]
    assert violations == [], describe(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@override_settings(TASKS=DATABASE_TASKS)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_owner_uploads_an_export_watches_it_run_and_reads_the_report(
    signed_in_owner, axe_script, screenshot, monkeypatch, viewport
):
    page = signed_in_owner(viewport=viewport)
    errors = csp_errors(page)
    screenshot(page, "admin-index-with-import")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.click("text=Import from WordPress")
    expect(page.locator("h1")).to_have_text("Import from WordPress")
    screenshot(page, "admin-import-form")
    check_accessibility(signed_in_owner, page.url, axe_script, viewport)

    page.set_input_files("#id_export_file", EXPORT)
    page.fill("#id_series_from_categories", "Jazz*")
    page.click("input[value='Upload and import']")

    expect(page.locator(".import-progress h2")).to_contain_text(
        "Waiting for the worker"
    )
    expect(page.locator(".import-progress progress")).to_be_visible()
    screenshot(page, "admin-import-waiting")

    run_the_worker(monkeypatch)

    # No click: the page's script sees the run end and reloads (with JavaScript
    # on, the <noscript> refresh does nothing).
    expect(page.locator(".import-notice-done")).to_contain_text(
        "The import is finished.", timeout=10_000
    )
    expect(page.locator(".import-skipped")).to_contain_text(
        "menu items are not imported"
    )
    expect(page.locator(".import-outcome")).to_contain_text("Posts")
    assert Post.objects.filter(title=KIND_OF_BLUE).exists()
    screenshot(page, "admin-import-report")
    check_accessibility(signed_in_owner, page.url, axe_script, viewport)

    page.click("text=Import from WordPress")
    expect(page.locator(".import-runs")).to_contain_text(EXPORT.name)
    assert errors == []


@override_settings(TASKS=DATABASE_TASKS)
def test_without_javascript_the_page_refreshes_itself_until_the_report(
    signed_in_owner, monkeypatch
):
    page = signed_in_owner(viewport=PHONE, java_script_enabled=False)
    errors = csp_errors(page)
    page.click("text=Import from WordPress")
    page.set_input_files("#id_export_file", EXPORT)
    page.check("#id_dry_run")
    page.click("input[value='Upload and import']")
    expect(page.locator(".import-progress")).to_contain_text("Refresh")

    run_the_worker(monkeypatch)

    expect(page.locator(".import-notice")).to_contain_text(
        "This was a dry run", timeout=10_000
    )
    assert not Post.objects.exists()
    page.click("input[value='Import this file now']")
    expect(page.locator(".import-progress h2")).to_contain_text("Waiting")

    run_the_worker(monkeypatch)

    expect(page.locator(".import-notice-done")).to_be_visible(timeout=10_000)
    assert Post.objects.filter(title=KIND_OF_BLUE).exists()
    assert [run.status for run in ImportRun.objects.all()] == ["done", "done"]
    assert errors == []
