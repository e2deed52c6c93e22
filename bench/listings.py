"""Score the listing parser on real listings as a reader would (issue 12, item 2).

    .venv/bin/python bench/listings.py                 # the parser in the work tree
    .venv/bin/python bench/listings.py --source HEAD   # the parser as committed
    .venv/bin/python bench/listings.py --per-file --json results.json

The development set is ``linernotes/catalogue/tests/data/listings/``: each
``NN-slug.txt`` is a listing exactly as it was found on a public page and
``NN-slug.json`` is its parse written by hand (see that folder's README).
Its ``heldout/`` subfolder is the test set (``"split": "test"``): listings
gathered later, scored only to judge rules made on the development set, and
reported on their own line, and so is ``heldout2/`` (``"split": "test2"``),
gathered after the first test set had been read while writing rules and
scored only at the end of a round (``--no-test2`` leaves it out, so it stays
unseen while a rule is written). ``heldout3/`` (``"split": "test3"``) was
gathered after the second set's results had been read; it is left out unless
``--test3`` is given, so that whoever changes the parser never sees its figures
by accident, and is scored once, at the end. The development set is also
reported in halves by file number (odd, even), as earlier rounds developed on
one half.

A reader does not care how a parse was reached, only whether each track says
what the listing says. So a parsed track is **right** when all four things a
reader checks match the hand-written one:

- position: as written, ignoring leading zeros ("01" and "1" are one
  position) and case;
- title: ignoring case, surrounding and repeated whitespace (NFKC, so a
  non-breaking space is a space) and every quotation mark;
- artist credit: the same names in the same order, each compared like a
  title; the words joining them ("and", "&", ",", "with", "feat.", "ft.",
  "featuring", "vs", "vs.", ...) are not compared, since they are the same
  credit written differently;
- duration in seconds, or both absent.

A parsed track is matched to the expected track on its line (or the line next
to it, for a record written over two lines); one with no expected track near
it is **made up**. An expected stray line (a heading, a note, a label line) is
**reported** when the parse lists that line in ``unparsed``, whatever reason it
gives. Nothing here is tuned to the parser: the same rules score the
"split on the dash" baseline printed beside it.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "linernotes" / "catalogue" / "tests" / "data" / "listings"
# Listings collected after the rules were written and never looked at while
# writing one: the figure that stands for "listings nobody here has seen".
HELD_OUT = "heldout"
# The second test set (``"split": "test2"``), gathered after the first had
# been read while writing rules: scored once at the end of a round.
HELD_OUT_2 = "heldout2"
# The third (``"split": "test3"``): scored only under --test3, once, at the end.
HELD_OUT_3 = "heldout3"
QUOTES = "\"'“”„‟«»‹›‘’‚‛「」『』`´"
_QUOTE_TABLE = str.maketrans("", "", QUOTES)
TIMING_LINES = 500


def norm_text(text: str) -> str:
    """A title or name as a reader compares it: case, spacing and quotes aside."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_TABLE)
    return " ".join(text.split()).casefold()


def norm_position(position: str) -> str:
    return (position or "").strip().lstrip("#").lstrip("0").casefold()


def track_key(track: dict) -> tuple:
    """What must agree for a track to be right (see the module docstring)."""
    return (
        norm_position(track.get("position", "")),
        norm_text(track.get("title", "")),
        tuple(norm_text(a["name"]) for a in track.get("artists", [])),
        track.get("duration_seconds"),
    )


@dataclass
class FileScore:
    name: str
    expected: int = 0
    right: int = 0
    made_up: int = 0
    stray: int = 0
    stray_reported: int = 0
    error: str = ""
    wrong: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "file": self.name,
            "tracks_right": self.right,
            "tracks_expected": self.expected,
            "tracks_made_up": self.made_up,
            "stray_reported": self.stray_reported,
            "stray_lines": self.stray,
            "error": self.error,
            "wrong": self.wrong,
        }


def score_file(name: str, expected: dict, parsed: dict) -> FileScore:
    """Match parsed tracks to expected ones and count what a reader would."""
    score = FileScore(name, expected=len(expected["tracks"]))
    want = list(expected["tracks"])
    got = list(parsed.get("tracks", []))
    used_want: set[int] = set()
    used_got: set[int] = set()

    def near(w: dict, g: dict, slack: int) -> bool:
        return abs(w["line_no"] - g["line_no"]) <= slack

    # 1. Right tracks: same content on the same line, or the line beside it.
    for slack in (0, 1):
        for wi, w in enumerate(want):
            if wi in used_want:
                continue
            for gi, g in enumerate(got):
                if (
                    gi not in used_got
                    and near(w, g, slack)
                    and track_key(w) == track_key(g)
                ):
                    used_want.add(wi)
                    used_got.add(gi)
                    score.right += 1
                    break
    # 2. Wrong tracks: a parsed track where a track was expected, saying
    #    something else. They are neither right nor made up. A track read from
    #    a line that should have been reported (a heading above a track, say)
    #    is made up, not a wrong reading of the track beside it.
    stray_lines = {line["line_no"] for line in expected["unparsed"]}
    for slack in (0, 1):
        for wi, w in enumerate(want):
            if wi in used_want:
                continue
            for gi, g in enumerate(got):
                if gi in used_got or not near(w, g, slack):
                    continue
                if slack and g["line_no"] in stray_lines:
                    continue
                used_want.add(wi)
                used_got.add(gi)
                score.wrong.append({"expected": w, "parsed": g})
                break
    for wi, w in enumerate(want):
        if wi not in used_want:
            score.wrong.append({"expected": w, "parsed": None})
    score.wrong.sort(key=lambda pair: pair["expected"]["line_no"])
    score.made_up = len(got) - len(used_got)
    reported = {line["line_no"] for line in parsed.get("unparsed", [])}
    stray = [line["line_no"] for line in expected["unparsed"]]
    score.stray = len(stray)
    score.stray_reported = sum(1 for n in stray if n in reported)
    return score


# -- the "split on the dash" baseline --------------------------------------

_LEAD = re.compile(
    r"^\s*(?:[-*•·]\s+)?(?:#?([A-H]?\d{1,3})(?:[.)]|\s*[-–—:]\s|\s))?\s*"
)
_DURATION = re.compile(r"\s*[\[(]?(\d{1,2}):(\d{2})[\])]?\s*$")
_DASH = re.compile(r"\s+[-–—]\s+")
_JOIN = re.compile(
    r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|,\s*|\s+feat\.?\s+|\s+ft\.?\s+|"
    r"\s+featuring\s+|\s+with\s+|\s+vs\.?\s+)\s*",
    re.IGNORECASE,
)


def split_on_dash(text: str) -> dict:
    """What a one-line script does: every non-blank line is a track.

    A leading number is the position, a trailing m:ss the duration, and the
    first spaced dash separates artist (left, split at join words) from title.
    """
    tracks = []
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        lead = _LEAD.match(line)
        position = (lead.group(1) or "") if lead else ""
        body = line[lead.end() :] if lead else line
        duration = None
        if m := _DURATION.search(body):
            duration = int(m.group(1)) * 60 + int(m.group(2))
            body = body[: m.start()]
        parts = _DASH.split(body, maxsplit=1)
        if len(parts) == 2:
            artists = [{"name": n, "join": ""} for n in _JOIN.split(parts[0]) if n]
            title = parts[1]
        else:
            artists, title = [], body
        tracks.append(
            {
                "line_no": line_no,
                "position": position,
                "title": title.strip(),
                "artists": artists,
                "duration_seconds": duration,
            }
        )
    return {"tracks": tracks, "unparsed": []}


# -- running ---------------------------------------------------------------


def load_set(folder: Path) -> list[tuple[str, str, dict]]:
    from linernotes.catalogue.tracklist import decode_listing

    items = []
    for meta in sorted(folder.glob("*.json")):
        text = decode_listing(meta.with_suffix(".txt").read_bytes())
        items.append((meta.stem, text, json.loads(meta.read_text())["expected"]))
    return items


def run(items, parse: Callable[[str], dict]) -> list[FileScore]:
    scores = []
    for name, text, expected in items:
        try:
            parsed = parse(text)
        except Exception as error:  # noqa: BLE001 - a crash scores as nothing parsed
            parsed = {"tracks": [], "unparsed": []}
            score = score_file(name, expected, parsed)
            score.error = f"{type(error).__name__}: {error}"
        else:
            score = score_file(name, expected, parsed)
        scores.append(score)
    return scores


def totals(scores: list[FileScore]) -> dict:
    right = sum(s.right for s in scores)
    expected = sum(s.expected for s in scores)
    stray = sum(s.stray for s in scores)
    reported = sum(s.stray_reported for s in scores)
    return {
        "files": len(scores),
        "files_all_right": sum(
            1
            for s in scores
            if s.right == s.expected and not s.made_up and s.stray_reported == s.stray
        ),
        "tracks_right": right,
        "tracks_expected": expected,
        "tracks_right_share": right / expected if expected else 0.0,
        "tracks_made_up": sum(s.made_up for s in scores),
        "stray_reported": reported,
        "stray_lines": stray,
        "stray_reported_share": reported / stray if stray else 1.0,
        "errors": sum(1 for s in scores if s.error),
    }


def timing(items, parse_tracklist) -> dict:
    """Milliseconds to parse a 500-line listing built from the set's own lines."""
    lines: list[str] = []
    while len(lines) < TIMING_LINES:
        for _name, text, _expected in items:
            lines.extend(text.splitlines())
    listing = "\n".join(lines[:TIMING_LINES])
    runs = []
    for _ in range(15):
        start = time.perf_counter()
        parse_tracklist(listing)
        runs.append((time.perf_counter() - start) * 1000)
    return {
        "lines": TIMING_LINES,
        "median_ms": statistics.median(runs),
        "max_ms": max(runs),
    }


def use_source(revision: str) -> Path:
    """Put ``linernotes`` as committed at ``revision`` first on sys.path."""
    folder = Path(tempfile.mkdtemp(prefix="listings-bench-"))
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "linernotes"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    sys.path.insert(0, str(folder))
    return folder


def describe(label: str, t: dict) -> str:
    return (
        f"{label}: tracks right {t['tracks_right']}/{t['tracks_expected']}"
        f" ({t['tracks_right_share']:.1%}), made up {t['tracks_made_up']},"
        f" stray lines reported {t['stray_reported']}/{t['stray_lines']}"
        f" ({t['stray_reported_share']:.1%}), files entirely right"
        f" {t['files_all_right']}/{t['files']}, crashes {t['errors']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--source", help="score linernotes as committed at this git revision"
    )
    parser.add_argument(
        "--data", type=Path, default=DATA, help="folder of NN-slug.txt/.json pairs"
    )
    parser.add_argument(
        "--per-file", action="store_true", help="print each file's counts"
    )
    parser.add_argument(
        "--wrong", action="store_true", help="print every track that was not right"
    )
    parser.add_argument("--json", type=Path, help="also write the full results here")
    parser.add_argument(
        "--no-test2",
        action="store_true",
        help="leave the second test set out (keep it unseen while writing a rule)",
    )
    parser.add_argument(
        "--test3",
        action="store_true",
        help="also score the third test set (off by default: it is scored once, "
        "at the end, by whoever did not write the rules)",
    )
    args = parser.parse_args(argv)

    if args.source:
        use_source(args.source)
    sys.path.insert(0 if not args.source else 1, str(ROOT))
    from linernotes.catalogue.tracklist import parse_tracklist

    items = load_set(args.data)

    def parse(text: str) -> dict:
        return parse_tracklist(text).to_json_dict()

    parser_scores = run(items, parse)
    baseline_scores = run(items, split_on_dash)
    # The held-out test sets: (folder, result key, heading, listings, scores of
    # the parser, of the baseline). A missing folder, the second set under
    # --no-test2 or the third without --test3 is an empty set, left out of the
    # results.
    held = []
    for folder, key, heading, wanted in (
        (HELD_OUT, "held_out", "Held-out test set", True),
        (HELD_OUT_2, "held_out_2", "Second test set", not args.no_test2),
        (HELD_OUT_3, "held_out_3", "Third test set", args.test3),
    ):
        listings = [
            (f"{folder}/{name}", text, expected)
            for name, text, expected in (
                load_set(args.data / folder)
                if (args.data / folder).is_dir() and wanted
                else []
            )
        ]
        held.append(
            (
                folder,
                key,
                heading,
                listings,
                run(listings, parse),
                run(listings, split_on_dash),
            )
        )
    halves = {
        parity: [s for s in parser_scores if _number(s.name) % 2 == (parity == "odd")]
        for parity in ("odd", "even")
    }
    result = {
        "source": args.source or "work tree",
        "parser": totals(parser_scores),
        "baseline_split_on_dash": totals(baseline_scores),
        "parser_odd_half": totals(halves["odd"]),
        "parser_even_half": totals(halves["even"]),
    }
    for _, key, _, listings, scores, baseline in held:
        result[key] = totals(scores) if listings else None
        result[f"{key}_baseline_split_on_dash"] = totals(baseline) if listings else None
    result["timing_500_lines"] = timing(items, parse_tracklist)
    result["files"] = [
        {**p.as_dict(), "baseline_right": b.right, "baseline_made_up": b.made_up}
        for p, b in zip(
            parser_scores + [s for *_, scores, _ in held for s in scores],
            baseline_scores + [b for *_, baseline in held for b in baseline],
            strict=True,
        )
    ]
    print(f"Development set: {len(items)} listings in {_shown(args.data)}")
    print(f"Parser: {result['source']}")
    print(describe("parse_tracklist", result["parser"]))
    print(describe("  odd half", result["parser_odd_half"]))
    print(describe("  even half", result["parser_even_half"]))
    print(describe("split on the dash", result["baseline_split_on_dash"]))
    for folder, key, heading, listings, _, _ in held:
        if listings:
            print(
                f"{heading}: {len(listings)} listings in {_shown(args.data / folder)}"
            )
            print(describe("parse_tracklist", result[key]))
            print(
                describe("split on the dash", result[f"{key}_baseline_split_on_dash"])
            )
    t = result["timing_500_lines"]
    print(
        f"500-line listing: median {t['median_ms']:.1f} ms,"
        f" slowest {t['max_ms']:.1f} ms of 15 runs"
    )
    if args.per_file or args.wrong:
        print()
        print(f"{'file':48} {'right':>7} {'made up':>7} {'stray':>7} {'baseline':>8}")
        for row in result["files"]:
            print(
                f"{row['file']:48} {row['tracks_right']:>3}/{row['tracks_expected']:<3}"
                f" {row['tracks_made_up']:>7}"
                f" {row['stray_reported']:>3}/{row['stray_lines']:<3}"
                f" {row['baseline_right']:>4}/{row['tracks_expected']:<3}"
                + (f"  {row['error']}" if row["error"] else "")
            )
            if args.wrong:
                for pair in row["wrong"]:
                    print(f"    expected {_short(pair['expected'])}")
                    print(f"    parsed   {_short(pair['parsed'])}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    return 0


def _number(name: str) -> int:
    return int(name.split("-", 1)[0])


def _shown(folder: Path) -> str:
    folder = folder.resolve()
    return str(folder.relative_to(ROOT)) if folder.is_relative_to(ROOT) else str(folder)


def _short(track: dict | None) -> str:
    if track is None:
        return "(nothing)"
    credit = " + ".join(a["name"] for a in track["artists"])
    return (
        f"line {track['line_no']} [{track['position']}] {track['title']!r}"
        f" by {credit!r} {track['duration_seconds']}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
