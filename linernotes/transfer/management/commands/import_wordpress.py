"""``linernotes import-wordpress FILE``: move a WordPress blog in (issue 10)."""

import json
import time
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from linernotes.core.exceptions import ImportFileInvalid
from linernotes.transfer.wordpress.importer import (
    ImportOptions,
    import_wordpress,
    read_author_map,
)


class Command(BaseCommand):
    help = (
        "Import a WordPress or WordPress.com export (Tools › Export, a WXR .xml "
        "file): posts, pages, comments, authors, categories, tags and old links. "
        "Safe to run again: what is already here is not added twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The export file (.xml).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Import inside a transaction that is rolled back: the report, "
            "nothing written.",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print only the report, as JSON, on standard output.",
        )
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="An unpacked wp-content/uploads folder to take attachment files from.",
        )
        parser.add_argument(
            "--author-map",
            type=Path,
            help="A CSV file of wp_login,username lines: whose posts go to which "
            "existing account.",
        )
        parser.add_argument(
            "--series-from-categories",
            metavar="GLOB",
            help='Categories whose names match become series, e.g. "Great '
            'Soundtracks*".',
        )
        parser.add_argument(
            "--include-feedback",
            action="store_true",
            help="Keep WordPress.com contact-form messages, as private posts.",
        )

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if options["media_dir"] and not options["media_dir"].is_dir():
            raise CommandError(f"No such folder: {options['media_dir']}")
        try:
            author_map = (
                read_author_map(options["author_map"].read_text(encoding="utf-8"))
                if options["author_map"]
                else {}
            )
            report = import_wordpress(
                path,
                options=ImportOptions(
                    dry_run=options["dry_run"],
                    media_dir=options["media_dir"],
                    author_map=author_map,
                    series_from_categories=options["series_from_categories"],
                    include_feedback=options["include_feedback"],
                ),
                progress=_Progress(self.stderr if options["json"] else self.stdout),
            )
        except (ImportFileInvalid, PermissionDenied, OSError) as error:
            raise CommandError(f"{path}: {error}") from None
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(_readable(report))


class _Progress:
    """A line of progress at most every second, on the stream given."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.shown = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.shown < 1:
            return
        self.shown = now
        self.stream.write(f"Imported {done:,} of {total:,} items")
        if hasattr(self.stream, "flush"):
            self.stream.flush()


# The report's kinds, as the readable report names them.
KINDS = {
    "comments_kept_unshown": "comments kept from pages and attachments",
    "notes_kept_unshown": "editor notes kept, shown to no one",
    "listings_to_confirm": "track listings to confirm in the admin",
    "owner": "site owners",
}
# One of each, for "1 post" rather than "1 posts".
SINGULAR = {
    "posts": "post",
    "pages": "page",
    "attachments": "attachment",
    "comments": "comment",
    "authors": "author",
    "categories": "category",
    "tags": "tag",
    "comments kept from pages and attachments": (
        "comment kept from pages and attachments"
    ),
    "track listings to confirm in the admin": "track listing to confirm in the admin",
    "site owners": "site owner",
}


def _counted(n: int, kind: str) -> str:
    """``n`` things of a kind named in the plural, in the number it needs."""
    return f"{n} {SINGULAR.get(kind, kind) if n == 1 else kind}"


def _readable(report: dict) -> str:
    """The report for a person: what the file held, what is new, what to look at."""
    lines = [
        f"{'Dry run of the import' if report['dry_run'] else 'Imported'} "
        f"“{report['file']['title']}” (WXR {report['file']['wxr_version']}).",
        "The file holds "
        + ", ".join(
            _counted(report[kind], kind) for kind in ("posts", "pages", "attachments")
        )
        + f", {_counted(report['comments']['total'], 'comments')}, "
        + f"{_counted(report['authors'], 'authors')}, "
        + f"{_counted(report['categories'], 'categories')} "
        + f"and {_counted(report['tags'], 'tags')}.",
    ]
    for title, counts in (
        ("Added", report["created"]),
        ("Already here", report["already_present"]),
    ):
        if counts:
            shown = ", ".join(
                _counted(n, KINDS.get(kind, kind)) for kind, n in sorted(counts.items())
            )
            lines.append(f"{title}: {shown}.")
    media = report.get("media") or {}
    if any(media.get(key) for key in ("stored", "remote", "missing", "refused")):
        lines.append(
            f"Files: {media.get('stored', 0)} stored here, {media.get('remote', 0)} "
            f"left on the old server, {media.get('missing', 0)} not in the media "
            f"folder, {media.get('refused', 0)} refused."
        )
    if report["redirects"]:
        lines.append(
            f"{report['redirects']} old addresses now lead to their new places."
        )
    if report["skipped"]:
        lines.append(f"Skipped ({len(report['skipped'])}):")
        lines += [f"  - {s['what']}: {s['why']}" for s in report["skipped"][:50]]
        if len(report["skipped"]) > 50:
            lines.append(f"  … and {len(report['skipped']) - 50} more (see --json).")
    for title, key in (("Warnings", "warnings"), ("Notes", "notes")):
        if report[key]:
            lines.append(f"{title}:")
            lines += [f"  - {line}" for line in report[key]]
    return "\n".join(lines)
