"""``linernotes tracklist parse [FILE] [--order …]``: a pasted listing in, JSON out.

For writers and scripts checking how a listing will be read before it goes into
the catalogue. It only reads, so it calls the parser directly, not a service.
Exit status 0 means the input was read, unparsed lines included; a file that is
missing, binary or too large exits non-zero with the reason on stderr.
"""

import json
import sys
from pathlib import Path
from typing import BinaryIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from linernotes.catalogue.tracklist import (
    MAX_BYTES,
    ORDERS,
    TracklistError,
    decode_listing,
    parse_tracklist,
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

    def handle(self, *args, file: str, order: str | None, **options) -> None:
        data = _read(file, options.get("stdin") or sys.stdin.buffer)
        try:
            listing = parse_tracklist(decode_listing(data), order=order)
        except TracklistError as error:
            raise CommandError(f"{_name(file)}: {error}") from error
        self.stdout.write(json.dumps(listing.to_json_dict(), ensure_ascii=False))


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
