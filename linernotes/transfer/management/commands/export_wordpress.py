"""``linernotes export-wordpress [-o FILE]``: the whole blog as a WordPress export."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from linernotes.transfer.wordpress.writer import ExportCounts, write_wxr

FALLBACK_SITE_URL = "http://127.0.0.1:8000"


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
            self.stdout.ending = ""
            stream = getattr(self.stdout, "buffer", None) or self.stdout
            counts = write_wxr(stream, site_url=site_url)
            stream.flush()
        else:
            partial = output.with_name(output.name + ".part")
            try:
                with partial.open("wb") as stream:
                    counts = write_wxr(stream, site_url=site_url)
                os.replace(partial, output)
            finally:
                partial.unlink(missing_ok=True)
        self.stderr.write(_summary(counts))


def _summary(counts: ExportCounts) -> str:
    return (
        f"Exported {counts.posts} posts, {counts.pages} pages, "
        f"{counts.attachments} attachments, {counts.comments} comments, "
        f"{counts.authors} authors, {counts.categories} categories, "
        f"{counts.series} series and {counts.tags} tags."
    )
