"""Imports started from the admin: one ImportRun from upload to report.

The admin page streams the uploaded export into the data folder and calls
``start_import``; the worker's task calls ``perform_import``, which runs the
same importer as ``linernotes import-wordpress`` and writes its progress and
report on the run. Only one run may be queued or running at a time (a unique
index says so, so two owners uploading at once cannot both get in). A run whose
worker died would otherwise hold that place for ever, so a run that has shown
no sign of life for ``STALE_AFTER`` is retired the next time someone starts an
import: the importer is safe to run again on the same file.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from linernotes.core.exceptions import ImportFileInvalid, LinerNotesError
from linernotes.transfer.models import ImportRun
from linernotes.transfer.wordpress.importer import ImportOptions, import_wordpress
from linernotes.users.models import User

logger = logging.getLogger(__name__)

# Where uploaded exports wait for the worker, inside the data folder.
IMPORTS_FOLDER = "imports"
# A queued or running import with no progress for this long is taken for dead.
STALE_AFTER = timedelta(minutes=10)
# A file in the imports folder that no run names and that has not been written
# to for this long is what an upload cut off mid-way left behind.
ORPHAN_AFTER = timedelta(hours=1)
# Progress is written at most this often (and at the last item), so a large
# import costs a few hundred small UPDATEs, not one per item.
PROGRESS_EVERY_SECONDS = 1.0


class ImportAlreadyRunning(LinerNotesError):
    """Another import is queued or running; only one runs at a time."""


ALREADY_RUNNING = (
    "Another import is still running. Wait for it to finish (its progress is "
    "below), then upload your file again."
)


@dataclass(frozen=True)
class RunOptions:
    """The page's choices, kept on the run as JSON and handed to the importer."""

    dry_run: bool = False
    author_map: dict[str, str] | None = None
    series_from_categories: str = ""
    include_feedback: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "author_map": dict(self.author_map or {}),
            "series_from_categories": self.series_from_categories,
            "include_feedback": self.include_feedback,
        }


def imports_dir() -> Path:
    """The folder for uploaded exports (decision 0021: inside the data folder)."""
    folder = Path(settings.DATA_DIR) / IMPORTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_upload_path(suffix: str = ".xml") -> Path:
    """A fresh file name in the imports folder; the uploader's name is never used
    as a path, only shown."""
    return imports_dir() / f"{uuid.uuid4().hex}{suffix}"


def is_stale(run: ImportRun, *, now: datetime | None = None) -> bool:
    """True when an active run has shown no sign of life for ``STALE_AFTER``."""
    if not run.is_active:
        return False
    last_seen = run.progress_at or run.created_at
    return (now or timezone.now()) - last_seen > STALE_AFTER


def active_run() -> ImportRun | None:
    """The run that is queued or running now, if any."""
    return ImportRun.objects.filter(status__in=ImportRun.ACTIVE).first()


def start_import(
    *, user: User, file_path: Path, file_name: str, options: RunOptions
) -> ImportRun:
    """Record a run for an uploaded export; ``tasks.queue_import`` then hands it
    to the worker (tasks import this module, not the other way round).

    Raises ImportAlreadyRunning (and removes the upload) while another import
    is queued or running and not stale.
    """
    _retire_stale_runs()
    # Asked first, so a refusal needs no write (on SQLite a dry run holds the
    # write lock to its end); the unique index still settles a race.
    if active_run() is not None:
        file_path.unlink(missing_ok=True)
        raise ImportAlreadyRunning(ALREADY_RUNNING)
    try:
        with transaction.atomic():
            run = ImportRun.objects.create(
                user=user,
                file_name=file_name[:255],
                file_path=str(file_path.relative_to(imports_dir())),
                file_size=file_path.stat().st_size,
                options=options.as_json(),
            )
    except IntegrityError:
        file_path.unlink(missing_ok=True)
        raise ImportAlreadyRunning(ALREADY_RUNNING) from None
    _remove_old_uploads(keep=run)
    return run


def start_again(*, run: ImportRun, user: User, dry_run: bool) -> ImportRun:
    """Import a kept file once more: for real after a dry run, or after a failure.

    The file moves to the new run, so cleaning up the old one leaves it alone.
    """
    path = kept_file(run)
    if path is None:
        raise ImportFileInvalid("That file is no longer kept; upload it again.")
    if active_run() is not None and not is_stale(active_run()):
        raise ImportAlreadyRunning(ALREADY_RUNNING)
    ImportRun.objects.filter(pk=run.pk).update(file_path="")
    options = RunOptions(**{**run.options, "dry_run": dry_run})
    return start_import(
        user=user, file_path=path, file_name=run.file_name, options=options
    )


def kept_file(run: ImportRun) -> Path | None:
    """The run's uploaded file, if it is still kept."""
    if not run.file_path:
        return None
    path = imports_dir() / run.file_path
    return path if path.is_file() else None


def perform_import(run_id: int) -> str:
    """Run one queued import to its end and record the outcome; the worker calls it.

    Returns the run's final status. A run that is no longer queued (retired as
    stale, or claimed by another worker) is left alone.
    """
    now = timezone.now()
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED)
    if not claimed.update(
        status=ImportRun.Status.RUNNING, started_at=now, progress_at=now
    ):
        return "skipped"
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    options = RunOptions(**run.options)
    path = kept_file(run)
    outcome: dict[str, Any]
    try:
        if path is None:
            raise ImportFileInvalid(
                "The uploaded file is missing from the data folder."
            )
        report = import_wordpress(
            path,
            owner=run.user,
            options=ImportOptions(
                dry_run=options.dry_run,
                author_map=options.author_map or {},
                series_from_categories=options.series_from_categories or None,
                include_feedback=options.include_feedback,
            ),
            # A dry run is one transaction that the importer rolls back: progress
            # written inside it would never be seen, so the page shows a busy bar.
            progress=None if options.dry_run else ProgressRecorder(run_id),
        )
    except ImportFileInvalid as error:
        outcome = {"status": ImportRun.Status.REFUSED, "message": str(error)}
        _discard_file(run)
    except Exception as error:
        logger.exception("WordPress import %s stopped", run_id)
        _finish(
            run_id,
            status=ImportRun.Status.FAILED,
            message=f"The import stopped with an error: {error}. It is safe to "
            "start it again; what was imported already is not imported twice.",
        )
        raise
    else:
        outcome = {"status": ImportRun.Status.DONE, "report": report}
        if not options.dry_run:
            _discard_file(run)
    _finish(run_id, **outcome)
    return outcome["status"]


class ProgressRecorder:
    """The importer's progress callback: writes done/total at most once a second."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.last_write = float("-inf")

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last_write < PROGRESS_EVERY_SECONDS:
            return
        self.last_write = now
        ImportRun.objects.filter(
            pk=self.run_id, status=ImportRun.Status.RUNNING
        ).update(done=done, total=total, progress_at=timezone.now())


def status_of(run: ImportRun) -> dict[str, Any]:
    """What the page's script polls for: where the run is, as JSON values."""
    return {
        "id": run.pk,
        "status": run.status,
        "status_label": run.get_status_display(),
        "active": run.is_active,
        "stale": is_stale(run),
        "done": run.done,
        "total": run.total,
        "percent": run.percent,
        "message": run.message,
    }


def fail(run: ImportRun, *, message: str) -> None:
    """Mark a run failed, e.g. when the queue would not take it."""
    _finish(run.pk, status=ImportRun.Status.FAILED, message=message)


def _finish(
    run_id: int, *, status: str, report: dict | None = None, message: str = ""
) -> None:
    fields: dict[str, Any] = {
        "status": status,
        "message": message,
        "finished_at": timezone.now(),
    }
    if report is not None:
        fields["report"] = report
    ImportRun.objects.filter(pk=run_id).update(**fields)


def _retire_stale_runs() -> None:
    now = timezone.now()
    for run in ImportRun.objects.filter(status__in=ImportRun.ACTIVE):
        if is_stale(run, now=now):
            ImportRun.objects.filter(pk=run.pk, status=run.status).update(
                status=ImportRun.Status.FAILED,
                finished_at=now,
                message="The worker stopped reporting progress, so this import "
                "was given up. Starting it again is safe: what was imported "
                "already is not imported twice.",
            )


def _remove_old_uploads(*, keep: ImportRun) -> None:
    """Uploads are kept only for the newest run (to import it for real after a dry
    run); an export holds readers' personal data, so older ones go, and so do
    the leftovers of uploads that were cut off."""
    older = ImportRun.objects.exclude(pk=keep.pk).exclude(file_path="")
    for run in older.exclude(file_path=keep.file_path):
        if not run.is_active:
            _discard_file(run)
    named = set(
        ImportRun.objects.exclude(file_path="").values_list("file_path", flat=True)
    )
    cutoff = time.time() - ORPHAN_AFTER.total_seconds()
    for path in imports_dir().iterdir():
        with contextlib.suppress(FileNotFoundError):  # gone meanwhile: fine
            if path.name not in named and path.stat().st_mtime < cutoff:
                path.unlink()


def _discard_file(run: ImportRun) -> None:
    if run.file_path:
        (imports_dir() / run.file_path).unlink(missing_ok=True)
        ImportRun.objects.filter(pk=run.pk).update(file_path="")
