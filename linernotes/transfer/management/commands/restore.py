"""``linernotes restore FILE``: load an archive made by ``linernotes export``."""

from django.core.management.base import BaseCommand, CommandError

from linernotes.transfer.archive import ArchiveRefused, restore_archive


class Command(BaseCommand):
    help = (
        "Load an archive written by `linernotes export` into an empty site "
        "(run `linernotes migrate` on a new database first). All of it loads, "
        "or nothing does."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", metavar="FILE", help="The archive (.zip).")

    def handle(self, *args, file: str, **options) -> None:
        try:
            manifest = restore_archive(file)
        except FileNotFoundError:
            raise CommandError(f"No such file: {file}") from None
        except ArchiveRefused as error:
            raise CommandError(f"Nothing restored. {error}") from None
        rows = sum(info["count"] for info in manifest["models"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows and {manifest['media']['files']} media files "
                f"from an archive made on {manifest['created_at']}."
            )
        )
        if not manifest.get("passwords"):
            self.stdout.write(
                "The archive held no passwords: everyone, writers included, signs "
                "in again after resetting theirs (`linernotes changepassword NAME`)."
            )
