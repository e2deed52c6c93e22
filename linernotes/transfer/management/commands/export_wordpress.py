"""``linernotes export-wordpress [-o FILE]``: the whole blog as a WordPress export."""

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from linernotes.notifications.mail import FALLBACK_SITE_URL
from linernotes.transfer.wordpress.writer import ExportCounts, write_wxr


class Command(BaseCommand):
    help = (
        "Write every author, category, tag, series, post, page, file and comment "
        "as a WordPress export (WXR 1.2) that WordPress's importer accepts."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            help="Write to this file (replaced only once the export is complete); "
            "standard output by default.",
        )
        parser.add_argument(
            "--site-url",
            default="",
            help="The blog's address for links and file URLs "
            "(default: LINERNOTES_SITE_URL).",
        )

    def handle(self, *args, output: Path | None = None, site_url: str = "", **options):
        site_url = site_url or settings.LINERNOTES_SITE_URL
        if not site_url:
            site_url = FALLBACK_SITE_URL
            self.stderr.write(
                f"LINERNOTES_SITE_URL is not set; links and file URLs use {site_url} "
                "(pass --site-url to choose)."
            )
        if output is None:
            counts = self._to_standard_output(site_url)
        else:
            counts = self._to_file(output, site_url)
        self.stderr.write(_summary(counts))

    def _to_file(self, output: Path, site_url: str) -> ExportCounts:
        """Written beside the target and renamed at the end: a failed export
        never leaves half a file, nor replaces a good one."""
        partial = output.with_name(output.name + ".part")
        try:
            with partial.open("wb") as stream:
                counts = write_wxr(stream, site_url=site_url)
            os.replace(partial, output)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        finally:
            partial.unlink(missing_ok=True)
        return counts

    def _to_standard_output(self, site_url: str) -> ExportCounts:
        """Bytes to a real terminal or pipe (whatever its locale), text to a
        stream a caller handed in."""
        self.stdout.ending = ""
        stream = getattr(self.stdout, "buffer", None) or self.stdout
        try:
            counts = write_wxr(stream, site_url=site_url)
            stream.flush()
        except BrokenPipeError:
            # The reader stopped early (`| head`): say so, without a traceback,
            # and keep Python from failing again on its own final flush.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise CommandError(
                "The export stopped: its reader closed the pipe."
            ) from None
        return counts


def _summary(counts: ExportCounts) -> str:
    return (
        f"Exported {counts.posts} posts, {counts.pages} pages, "
        f"{counts.attachments} attachments, {counts.comments} comments, "
        f"{counts.authors} authors, {counts.categories} categories, "
        f"{counts.series} series and {counts.tags} tags."
    )
