"""The admin's "Import from WordPress" page, through the real parts.

Uploads go through Django's test client (multipart, so the page's own upload
handler runs), imports through the real importer on the fixture exports, and
queued imports through the real queue: ``django_tasks_db``'s worker command,
run in this process with ``--batch``, picks them up as ``linernotes worker``
would. Without that override the test settings' ImmediateBackend runs the task
as it is queued.
"""

import os
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadhandler import (
    MemoryFileUploadHandler,
    TemporaryFileUploadHandler,
)
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_tasks_db.management.commands import db_worker

from linernotes.core.exceptions import ImportFileInvalid
from linernotes.posts.models import Post, Series
from linernotes.transfer import runs
from linernotes.transfer.models import ImportRun
from linernotes.transfer.wordpress.check import check_wxr
from linernotes.users.models import User
from linernotes.users.roles import Role

pytestmark = pytest.mark.django_db

WXR = Path(__file__).parent / "data" / "wxr"
SMALL_EXPORT = WXR / "wxr-1.2.xml"
KIND_OF_BLUE = "Kind of Blue, sixty years on"  # a published post in SMALL_EXPORT
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PAGE = "admin:transfer_importrun_changelist"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


@pytest.fixture
def owner(client) -> User:
    user = User.objects.create_superuser(
        username="owner", email="owner@example.org", password="pw-for-tests-only"
    )
    client.force_login(user)
    return user


def upload(client, export: Path = SMALL_EXPORT, **options):
    with export.open("rb") as handle:
        return client.post(reverse(PAGE), {"export_file": handle, **options})


@pytest.fixture
def run_worker(monkeypatch):
    """Run django-tasks-db's worker loop here until the queue is empty. It closes
    the database connection between tasks, which would end the test's own
    transaction; that is all that is switched off."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run_worker() -> None:
        call_command("db_worker", batch=True, startup_delay=False, reload=False)

    return run_worker


def kept_uploads(data_dir: Path) -> list[Path]:
    folder = data_dir / runs.IMPORTS_FOLDER
    return sorted(folder.iterdir()) if folder.exists() else []


def test_only_site_owners_see_the_link_and_reach_the_page(client, make_writer):
    page = reverse(PAGE)
    anonymous = client.get(page)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))

    client.force_login(make_writer(role=Role.EDITOR))
    assert client.get(page).status_code == 403
    assert (
        client.get(reverse("admin:transfer_import_status", args=[1])).status_code == 403
    )
    assert "Import from WordPress" not in client.get(reverse("admin:index")).text

    client.force_login(
        User.objects.create_superuser(username="boss", password="pw-for-tests-only")
    )
    assert "Import from WordPress" in client.get(reverse("admin:index")).text
    form = client.get(page)
    assert form.status_code == 200
    for label in ("WordPress export file", "Try it first (dry run)", "Author map"):
        assert label in form.text
    assert "client_max_body_size" in form.text  # the size limit, next to the field


@override_settings(TASKS=DATABASE_TASKS)
def test_an_upload_waits_in_the_data_folder_until_the_worker_imports_it(
    client, owner, data_dir, run_worker
):
    response = upload(client)

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:transfer_import_run", args=[run.pk])
    assert run.status == ImportRun.Status.QUEUED
    assert run.file_name == SMALL_EXPORT.name
    assert [p.read_bytes() for p in kept_uploads(data_dir)] == [
        SMALL_EXPORT.read_bytes()
    ]
    waiting = client.get(response["Location"]).text
    assert "Waiting for the worker" in waiting
    assert '<noscript><meta http-equiv="refresh"' in waiting  # reloads without JS
    assert "import-progress.js" in waiting
    assert not Post.objects.filter(title=KIND_OF_BLUE).exists()

    run_worker()

    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, run.message
    assert Post.objects.filter(title=KIND_OF_BLUE).exists()
    assert run.done == run.total > 0
    assert run.report["created"]["posts"] >= 1
    assert kept_uploads(data_dir) == []  # imported for real: the export is gone
    report = client.get(response["Location"]).text
    assert "The import is finished." in report
    assert "http-equiv" not in report  # no more reloading
    assert "menu items are not imported" in report  # skipped, with the reason
    status = client.get(reverse("admin:transfer_import_status", args=[run.pk])).json()
    assert status | {"status": "done", "active": False, "percent": 100} == status


def test_the_upload_is_written_to_disk_as_it_arrives_never_held_in_memory(
    client, owner, data_dir, monkeypatch, tmp_path
):
    def refuse(*args, **kwargs):
        raise AssertionError("Django's default upload handlers were used")

    monkeypatch.setattr(MemoryFileUploadHandler, "receive_data_chunk", refuse)
    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", refuse)
    export = tmp_path / "large.xml"  # past the memory handler's 2.5 MB
    export.write_bytes(SMALL_EXPORT.read_bytes() + b"<!-- padding -->" * 300_000)

    with override_settings(TASKS=DATABASE_TASKS):
        response = upload(client, export)

    assert response.status_code == 302
    [kept] = kept_uploads(data_dir)
    assert kept.stat().st_size == export.stat().st_size > 4_000_000


def test_a_new_upload_clears_what_cut_off_uploads_left_behind(client, owner, data_dir):
    folder = data_dir / runs.IMPORTS_FOLDER
    folder.mkdir(parents=True)
    (folder / "cut-off.upload").write_bytes(b"<rss")
    (folder / "arriving-now.upload").write_bytes(b"<rss")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(folder / "cut-off.upload", (two_hours_ago, two_hours_ago))

    upload(client, dry_run="on")

    names = [path.name for path in kept_uploads(data_dir)]
    assert "cut-off.upload" not in names
    assert "arriving-now.upload" in names  # another upload may still be writing it
    assert ImportRun.objects.get().file_path in names


def test_a_dry_run_changes_nothing_and_can_then_be_imported_for_real(
    client, owner, data_dir
):
    response = upload(client, dry_run="on")

    dry = ImportRun.objects.get()
    assert dry.status == ImportRun.Status.DONE, dry.message
    assert dry.options["dry_run"] is True
    assert not Post.objects.exists()
    page = client.get(response["Location"]).text
    assert "This was a dry run" in page
    assert "Import this file now" in page
    assert len(kept_uploads(data_dir)) == 1  # kept for the real import

    again = client.post(
        reverse("admin:transfer_import_again", args=[dry.pk]), {"dry_run": "0"}
    )

    real = ImportRun.objects.exclude(pk=dry.pk).get()
    assert again["Location"] == reverse("admin:transfer_import_run", args=[real.pk])
    assert real.status == ImportRun.Status.DONE, real.message
    assert real.options["dry_run"] is False
    assert Post.objects.filter(title=KIND_OF_BLUE).exists()
    assert real.report["posts"] == dry.report["posts"]
    assert kept_uploads(data_dir) == []


def test_importing_the_same_file_twice_reports_it_already_present(client, owner):
    upload(client)
    posts = Post.objects.count()

    upload(client)

    second = ImportRun.objects.first()
    assert Post.objects.count() == posts
    assert second.report["already_present"]["posts"] >= 1
    assert not second.report["created"].get("posts")
    assert (
        "Nothing new was added."
        in client.get(reverse("admin:transfer_import_run", args=[second.pk])).text
    )


@pytest.mark.parametrize("name", ["truncated.xml", "billion-laughs.xml"])
def test_a_refused_file_shows_the_importers_reason_and_changes_nothing(
    client, owner, data_dir, name
):
    with pytest.raises(ImportFileInvalid) as refusal:
        check_wxr(WXR / name)

    response = upload(client, WXR / name)

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REFUSED
    assert run.message == str(refusal.value)
    page = client.get(response["Location"]).text
    assert "The file was refused, and nothing on the blog was changed" in page
    assert escape(str(refusal.value)) in page
    assert not Post.objects.exists()
    assert kept_uploads(data_dir) == []


@override_settings(TASKS=DATABASE_TASKS)
def test_a_second_upload_while_one_runs_is_refused_with_a_clear_message(
    client, owner, data_dir
):
    upload(client)

    second = upload(client, WXR / "wxr-1.1.xml")

    assert second.status_code == 400
    assert "Another import is still running" in second.text
    assert ImportRun.objects.count() == 1
    assert len(kept_uploads(data_dir)) == 1  # the second file is not left behind


@override_settings(TASKS=DATABASE_TASKS)
def test_two_uploads_at_the_same_moment_cannot_both_start(
    client, owner, data_dir, monkeypatch
):
    upload(client)
    # As if the second upload had asked before the first one's row was written.
    monkeypatch.setattr(runs, "active_run", lambda: None)

    second = upload(client, WXR / "wxr-1.1.xml")

    assert second.status_code == 400
    assert "Another import is still running" in second.text
    assert ImportRun.objects.count() == 1
    assert len(kept_uploads(data_dir)) == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_a_run_whose_worker_died_is_given_up_and_the_owner_can_start_again(
    client, owner, run_worker
):
    upload(client)
    dead = ImportRun.objects.get()
    long_ago = timezone.now() - runs.STALE_AFTER - timedelta(minutes=1)
    ImportRun.objects.filter(pk=dead.pk).update(
        status=ImportRun.Status.RUNNING, progress_at=long_ago, done=3, total=9
    )
    page = client.get(reverse("admin:transfer_import_run", args=[dead.pk])).text
    assert "made no progress for a long while" in page
    assert "http-equiv" not in page  # a dead run is not reloaded for ever

    response = upload(client)

    assert response.status_code == 302
    dead.refresh_from_db()
    assert dead.status == ImportRun.Status.FAILED
    assert "stopped reporting progress" in dead.message
    run_worker()
    assert ImportRun.objects.first().status == ImportRun.Status.DONE
    assert Post.objects.filter(title=KIND_OF_BLUE).exists()


def test_progress_is_written_at_most_once_a_second_and_at_the_end(owner):
    run = ImportRun.objects.create(
        user=owner, file_name="big.xml", status=ImportRun.Status.RUNNING
    )
    record = runs.ProgressRecorder(run.pk)

    with CaptureQueriesContext(connection) as queries:
        for done in range(1, 5001):
            record(done, 5000)

    assert len(queries) == 2  # the first item and the last, not 5,000
    run.refresh_from_db()
    assert (run.done, run.total, run.percent) == (5000, 5000, 100)
    assert run.progress_at is not None


def test_the_author_map_and_the_series_pattern_reach_the_importer(
    client, owner, tmp_path, make_writer
):
    make_writer(username="mara")
    author_map = tmp_path / "authors.csv"
    author_map.write_text("wp_login,username\nmarta,mara\n")

    with author_map.open("rb") as csv_file:
        upload(client, author_map=csv_file, series_from_categories="Jazz*")

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.DONE, run.message
    assert run.options["author_map"] == {"marta": "mara"}
    assert run.options["series_from_categories"] == "Jazz*"
    assert Post.objects.get(title=KIND_OF_BLUE).author.username == "mara"
    assert Series.objects.filter(title="Jazz reviews").exists()
    assert not Series.objects.filter(title="Reviews").exists()


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("marta\n", "line 1"),
        ("marta,nobody-here\n", "do not exist: nobody-here"),
        (b"marta,m\xe4ra\n", "UTF-8"),
    ],
)
def test_an_unreadable_author_map_is_refused_before_anything_starts(
    client, owner, data_dir, tmp_path, content, error
):
    author_map = tmp_path / "authors.csv"
    if isinstance(content, str):
        author_map.write_text(content)
    else:
        author_map.write_bytes(content)

    with author_map.open("rb") as csv_file:
        response = upload(client, author_map=csv_file)

    assert response.status_code == 400
    assert error in response.text
    assert not ImportRun.objects.exists()
    assert kept_uploads(data_dir) == []


def test_a_zip_file_is_refused_with_what_to_do_instead(client, owner, tmp_path):
    export = tmp_path / "sideb.wordpress.2024-01-01.zip"
    export.write_bytes(b"PK\x03\x04" + b"\0" * 64)

    response = upload(client, export)

    assert response.status_code == 400
    assert "Unzip it first" in response.text
    assert not ImportRun.objects.exists()


def test_past_imports_are_listed_newest_first(client, owner):
    upload(client, WXR / "truncated.xml")
    upload(client, dry_run="on")

    page = client.get(reverse(PAGE)).text

    past = page.split("Past imports", 1)[1]
    assert past.index(SMALL_EXPORT.name) < past.index("truncated.xml")
    assert "(dry run)" in past
    assert "File refused" in past


def test_a_running_import_shows_how_far_it_is(client, owner):
    run = ImportRun.objects.create(
        user=owner,
        file_name="years.xml",
        status=ImportRun.Status.RUNNING,
        progress_at=timezone.now(),
        done=120,
        total=400,
    )

    page = client.get(reverse("admin:transfer_import_run", args=[run.pk])).text

    assert (
        '<progress aria-labelledby="import-progress-label" max="400" value="120">'
        in page
    )
    assert "120 of 400 items written (30%)." in page
    status = client.get(reverse("admin:transfer_import_status", args=[run.pk])).json()
    assert (status["done"], status["total"], status["percent"]) == (120, 400, 30)
    assert status["active"] is True
    assert status["stale"] is False


def test_the_readmes_nginx_block_lets_the_import_page_take_large_files():
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    block = re.search(r"```nginx\n(.*?)```", readme, re.DOTALL)[1]

    location = re.search(
        rf"location {re.escape(reverse(PAGE))} \{{(.*?)\}}", block, re.DOTALL
    )

    assert location, "the README's nginx block has no location for the import page"
    assert re.search(r"client_max_body_size\s+1g;", location[1])
    assert "proxy_pass" in location[1]


def test_an_import_that_crashes_says_so_and_can_be_tried_again(
    client, owner, monkeypatch
):
    real_import = runs.import_wordpress

    def crash(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(runs, "import_wordpress", crash)
    response = upload(client)

    failed = ImportRun.objects.get()
    assert failed.status == ImportRun.Status.FAILED
    page = client.get(response["Location"]).text
    assert "No space left on device" in page
    assert "Try again" in page

    monkeypatch.setattr(runs, "import_wordpress", real_import)
    client.post(reverse("admin:transfer_import_again", args=[failed.pk]))

    assert ImportRun.objects.first().status == ImportRun.Status.DONE
    assert Post.objects.filter(title=KIND_OF_BLUE).exists()


@override_settings(TASKS=DATABASE_TASKS)
def test_a_run_that_never_started_can_be_started_again_from_its_page(
    client, owner, run_worker
):
    upload(client)
    stuck = ImportRun.objects.get()
    ImportRun.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - runs.STALE_AFTER - timedelta(minutes=1)
    )
    page = client.get(reverse("admin:transfer_import_run", args=[stuck.pk])).text
    assert "Start it again" in page

    again = client.post(reverse("admin:transfer_import_again", args=[stuck.pk]))
    run_worker()

    stuck.refresh_from_db()
    assert stuck.status == ImportRun.Status.FAILED
    assert stuck.file_path == ""  # the file went to the new run
    fresh = ImportRun.objects.first()
    assert again["Location"] == reverse("admin:transfer_import_run", args=[fresh.pk])
    assert fresh.status == ImportRun.Status.DONE, fresh.message
    assert Post.objects.filter(title=KIND_OF_BLUE).exists()
