"""`linernotes purge-personal-data`: the retention purge, for cron."""

from django.conf import settings
from django.core.management.base import BaseCommand

from linernotes.privacy.services import purge_expired_personal_data


class Command(BaseCommand):
    help = (
        "Blank IP addresses and user agents older than "
        "LINERNOTES_PERSONAL_DATA_RETENTION_DAYS, and delete finished "
        "background-task records older than LINERNOTES_TASK_RECORD_HOURS. Safe to "
        "run as often as you like."
    )

    def handle(self, *args, **options) -> None:
        purge = purge_expired_personal_data()
        days = settings.LINERNOTES_PERSONAL_DATA_RETENTION_DAYS
        self.stdout.write(
            f"Blanked network details on {purge.blanked} row(s) and deleted "
            f"{purge.tasks_deleted} finished task record(s) older than {days} day(s)."
        )
