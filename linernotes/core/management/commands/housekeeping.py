"""`linernotes housekeeping`: run every periodic job once, for cron.

For sites that run tasks elsewhere (or not at all) and prefer a crontab line
such as ``*/5 * * * * linernotes housekeeping`` to the worker's timer. Mail the
jobs queue still needs `linernotes worker` (or `worker --batch` from cron).
"""

from django.core.management.base import BaseCommand, CommandError

from linernotes.core import periodic


class Command(BaseCommand):
    help = "Run every periodic job once (digests, announcements, clean-up)."

    def handle(self, *args, **options) -> None:
        results = periodic.run_all_jobs()
        for name, ok in results.items():
            self.stdout.write(f"{name}: {'done' if ok else 'FAILED (see the log)'}")
        if not all(results.values()):
            raise CommandError("At least one periodic job failed.")
