"""`linernotes worker`: run queued tasks and the periodic jobs, until stopped.

Tasks (mail above all) are run by django-tasks-db's own worker loop, unchanged:
it claims one task row at a time under a lock, records success or failure on
the row, and keeps going after a failing task. Beside it a thread wakes every
``--tick`` seconds and runs the periodic jobs that are due (core.periodic).

A crash loses nothing: a queued task stays in the table until a worker claims
it; a periodic job works from database state and runs again next interval.
"""

import logging
import os
import threading
from argparse import ArgumentParser

from django.db import close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from linernotes.core import periodic

logger = logging.getLogger("linernotes.worker")


def run_periodic_forever(tick: float, stop: threading.Event) -> None:
    """Check the periodic jobs every ``tick`` seconds until ``stop`` is set."""
    while not stop.is_set():
        close_old_connections()
        try:
            periodic.run_due_jobs()
        except Exception:  # noqa: BLE001 - e.g. the database restarting; try again
            logger.exception("Could not run the periodic jobs")
        finally:
            close_old_connections()
        stop.wait(tick)


class Command(db_worker.Command):
    help = "Run background tasks (mail) and periodic jobs (digests, clean-up)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)
        parser.add_argument(
            "--tick",
            type=db_worker.valid_interval,
            default=30,
            help="Seconds between checks for due periodic jobs (default: 30).",
        )
        parser.add_argument(
            "--no-periodic",
            action="store_false",
            dest="periodic",
            help="Run only tasks; leave periodic jobs to cron or another worker.",
        )

    def handle(self, *, tick: float, periodic: bool, **options) -> None:
        # Mail links need the blog's address: said here, where mail is sent.
        self.check(tags=["linernotes"], include_deployment_checks=True)
        if periodic and self._in_serving_process(options):
            self._start_periodic(tick, batch=options["batch"])
        super().handle(**options)

    @staticmethod
    def _in_serving_process(options: dict) -> bool:
        # Under --reload the parent only watches files; the child does the work.
        return not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true"

    def _start_periodic(self, tick: float, *, batch: bool) -> None:
        if batch:
            periodic.run_due_jobs()
            return
        stop = threading.Event()
        thread = threading.Thread(
            target=run_periodic_forever,
            args=(tick, stop),
            name="linernotes-periodic",
            daemon=True,
        )
        thread.start()
