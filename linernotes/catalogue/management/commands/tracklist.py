"""``linernotes tracklist parse [FILE] [--order …] [--no-catalogue]``: a pasted
listing in, JSON out.

For writers and scripts checking how a listing will be read before it goes into
the catalogue. It reads through ``services.read_listing``, the admin's own
path, so it consults the catalogue's artists and aliases as the admin does;
``--no-catalogue`` reads without them, and so does a checkout with no migrated
database (said on stderr). Exit status 0 means the input was read, unparsed
lines included; a file that is missing, binary or too large exits non-zero
with the reason on stderr.
"""

import json
import sys
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection

from linernotes.catalogue import services
from linernotes.catalogue.models import Artist
from linernotes.catalogue.tracklist import (
    MAX_BYTES,
    ORDERS,
    ListingOptions,
    TracklistError,
    decode_listing,
)


class Command(BaseCommand):
    help = "Read a track listing and print its tracks and unparsed lines as JSON."
    # Reading text needs no database or checks: a half-configured blog can use it.
    requires_system_checks: list[str] = []
    # Tests hand in a stream where the command line would give stdin.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        parse = actions.add_parser(
            "parse",
            help="Parse a listing from FILE, or from stdin without one.",
            description="Print one JSON object: order, tracks, unparsed, warnings "
            "(docs/tracklist-format.md).",
        )
        parse.add_argument("file", nargs="?", default="-", help="'-' reads stdin")
        parse.add_argument(
            "--order",
            choices=ORDERS,
            help="Force the order instead of deciding it from the listing.",
        )
        parse.add_argument(
            "--no-catalogue",
            action="store_true",
            help="Read without the catalogue's artists (a context-free reading).",
        )

    def handle(
        self, *args, file: str, order: str | None, no_catalogue: bool, **options
    ) -> None:
        data = _read(file, options.get("stdin") or sys.stdin.buffer)
        with_catalogue = not no_catalogue and self._catalogue_ready()
        try:
            listing = services.read_listing(
                text=decode_listing(data),
                options=ListingOptions(order=order),
                with_catalogue=with_catalogue,
            )
        except TracklistError as error:
            raise CommandError(f"{_name(file)}: {error}") from error
        self.stdout.write(json.dumps(listing.to_json_dict(), ensure_ascii=False))

    def _catalogue_ready(self) -> bool:
        """Whether a migrated catalogue is there to consult; says so if not.

        A SQLite file that does not exist is not opened (connecting would
        create an empty one in a fresh checkout).
        """
        if _missing_sqlite_file() or not _has_table(Artist._meta.db_table):
            self.stderr.write(
                "No migrated database to consult: read without the catalogue's "
                "artists (run 'linernotes migrate', or pass --no-catalogue)."
            )
            return False
        return True


def _missing_sqlite_file() -> bool:
    database = settings.DATABASES["default"]
    name = str(database.get("NAME") or "")
    in_memory = name in ("", ":memory:") or "mode=memory" in name
    return "sqlite" in database["ENGINE"] and not in_memory and not Path(name).exists()


def _has_table(table: str) -> bool:
    try:
        with connection.cursor() as cursor:
            return table in connection.introspection.table_names(cursor)
    except DatabaseError:
        return False


def _read(file: str, stdin: BinaryIO) -> bytes:
    """At most one byte past the limit, so a huge input is refused, not loaded."""
    try:
        if file == "-":
            return stdin.read(MAX_BYTES + 1)
        with Path(file).open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise CommandError(f"{_name(file)}: cannot read: {error.strerror}") from error


def _name(file: str) -> str:
    return "stdin" if file == "-" else file
