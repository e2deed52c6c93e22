"""``linernotes export``: the whole site in one archive file."""

import os
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from linernotes.transfer.archive import export_archive


class Command(BaseCommand):
    help = (
        "Write the whole site (posts, pages, comments, likes, subscriptions, "
        "the catalogue, accounts and uploaded files) to one archive file that "
        "`linernotes restore` loads into an empty site. Without -o it goes to "
        "standard output."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="Write the archive here (a .zip) instead of to standard output.",
        )
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help="Keep accounts' password hashes; without them, restored accounts "
            "must reset their passwords.",
        )

    def handle(self, *args, output: str | None, with_passwords: bool, **options):
        if output in (None, "-"):
            if sys.stdout.isatty():
                raise CommandError(
                    "The archive is a zip file: name one with -o FILE, or redirect "
                    "standard output."
                )
            sys.stdout.flush()
            manifest = export_archive(sys.stdout.buffer, with_passwords=with_passwords)
            sys.stdout.buffer.flush()
        else:
            manifest = _export_to_file(Path(output), with_passwords=with_passwords)
        rows = sum(info["count"] for info in manifest["models"].values())
        media = manifest["media"]
        self.stderr.write(
            f"Exported {rows} rows and {media['files']} media files "
            f"({media['bytes']} bytes)"
            + ("" if output in (None, "-") else f" to {output}")
            + ("." if with_passwords else "; password hashes left out.")
        )


def _export_to_file(path: Path, *, with_passwords: bool) -> dict:
    """Write beside the target and rename at the end, so a failed export never
    leaves a half archive under the name a backup script expects."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise CommandError(f"No such folder: {folder}")
    if folder.is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        # The archive would copy itself into itself while it grows.
        raise CommandError("Write the archive outside the media folder (MEDIA_ROOT).")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            manifest = export_archive(out, with_passwords=with_passwords)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return manifest
