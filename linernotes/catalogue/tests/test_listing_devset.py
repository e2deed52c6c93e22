"""The listing development set stays well-formed (issue 12, item 1).

``tests/data/listings/`` holds real listings as found on public pages and, for
each, the parse a careful reader would write by hand. ``bench/listings.py``
scores the parser against it; these tests only check that the set itself
cannot rot: every file has its pair and its README entry, every expected parse
has the shape of ``ParsedListing.to_json_dict()``, and every line number
points at the line it claims. They never run the parser, so they pass or fail
on the data alone, whatever the parser's score is that day.
"""

import functools
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest

from linernotes.catalogue.tracklist import MAX_LINES, decode_listing

DATA = Path(__file__).parent / "data" / "listings"
NAME = re.compile(r"^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
REASONS = {
    "heading",
    "side-heading",
    "disc-heading",
    "artist-only",
    "label-line",
    "note",
    "empty-title",
    "empty-artist",
    "too-long",
}
TRACK_KEYS = {"line_no", "disc", "position", "title", "artists", "duration_seconds"}
QUOTES = str.maketrans("", "", "\"'“”„‟«»‹›‘’‚‛「」『』`´")
# A record may spread over a few lines (title, artist, label words, a
# wrapped credit); a line that is neither a track's nor reported must sit
# this close to a track line.
RECORD_SPAN = 4

HELD_OUT = DATA / "heldout"
# The second test set, gathered after the first one had been read while
# writing rules, so that one set of listings is still unseen by them.
HELD_OUT_2 = DATA / "heldout2"
# The third, gathered after the second set's results had been read; scored
# once, at the end, and only when bench/listings.py is given --test3.
HELD_OUT_3 = DATA / "heldout3"
DEVELOPMENT = sorted(DATA.glob("*.json"))
TEST_SET = sorted(HELD_OUT.glob("*.json"))
TEST_SET_2 = sorted(HELD_OUT_2.glob("*.json"))
TEST_SET_3 = sorted(HELD_OUT_3.glob("*.json"))
LISTINGS = DEVELOPMENT + TEST_SET + TEST_SET_2 + TEST_SET_3
FOLDERS = [DATA, HELD_OUT, HELD_OUT_2, HELD_OUT_3]
FOLDER_IDS = ["development", "test", "test2", "test3"]


def _loose(text: str) -> str:
    """Text as the bench compares it: NFKC, no quotation marks, no case."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    return " ".join(text.split()).casefold()


def _lines(meta: Path) -> list[str]:
    return decode_listing(meta.with_suffix(".txt").read_bytes()).splitlines()


def _ids(paths: list[Path]) -> list[str]:
    return [str(path.relative_to(DATA).with_suffix("")) for path in paths]


@pytest.mark.parametrize(
    ("folder", "least"),
    [(DATA, 45), (HELD_OUT, 20), (HELD_OUT_2, 20), (HELD_OUT_3, 30)],
    ids=FOLDER_IDS,
)
def test_each_set_has_enough_real_listings_each_with_its_pair(folder, least):
    texts = {path.stem for path in folder.glob("*.txt")}
    metas = {path.stem for path in folder.glob("*.json")}
    assert len(metas) >= least
    assert texts == metas, f"unpaired: {sorted(texts ^ metas)}"


@pytest.mark.parametrize("folder", FOLDERS, ids=FOLDER_IDS)
def test_file_names_are_numbered_slugs_and_the_numbers_are_unique(folder):
    numbers = []
    for path in folder.glob("*.json"):
        match = NAME.match(path.stem)
        assert match, f"{path.name} is not NN-short-slug"
        numbers.append(match.group(1))
    assert len(numbers) == len(set(numbers))


@pytest.mark.parametrize("folder", FOLDERS, ids=FOLDER_IDS)
def test_the_readme_names_every_listing_and_its_source(folder):
    readme = (folder / "README.md").read_text()
    for path in folder.glob("*.json"):
        assert path.stem in readme, f"{path.stem} is missing from the README"
        source = json.loads(path.read_text())["source"]
        assert source in readme, f"{path.stem}'s source is missing from the README"


def test_the_held_out_listings_are_marked_as_the_test_split_and_are_new():
    """A listing in the test set must not also be in the development set,
    or its score would not stand for listings the rules never saw."""
    development = {json.loads(p.read_text())["source"] for p in DEVELOPMENT}
    development_texts = {p.with_suffix(".txt").read_text() for p in DEVELOPMENT}
    for path in TEST_SET:
        data = json.loads(path.read_text())
        assert data["split"] == "test", path.stem
        assert data["source"] not in development, path.stem
        assert path.with_suffix(".txt").read_text() not in development_texts
    for path in DEVELOPMENT:
        assert json.loads(path.read_text()).get("split", "development") != "test"


def test_the_second_test_set_is_marked_and_shares_no_site_with_the_others():
    """The fresh set stands for pages nobody here has read, so none of its
    listings may come from a site either earlier set was gathered from."""

    def site(path: Path) -> str:
        return json.loads(path.read_text())["source"].split("/")[2].lower()

    earlier = {site(p) for p in DEVELOPMENT + TEST_SET}
    for path in TEST_SET_2:
        assert json.loads(path.read_text())["split"] == "test2", path.stem
        assert site(path) not in earlier, path.stem


def test_the_third_test_set_is_marked_and_shares_no_page_or_site_with_the_others():
    """Like the second set, but a public repository's file may come from
    github.com as long as it is another file."""
    earlier = [
        json.loads(p.read_text())["source"] for p in DEVELOPMENT + TEST_SET + TEST_SET_2
    ]
    sites = {source.split("/")[2].lower() for source in earlier} - {"github.com"}
    for path in TEST_SET_3:
        data = json.loads(path.read_text())
        assert data["split"] == "test3", path.stem
        assert data["source"] not in earlier, path.stem
        assert data["source"].split("/")[2].lower() not in sites, path.stem


@pytest.mark.parametrize("meta", LISTINGS, ids=_ids(LISTINGS))
def test_each_listing_is_text_the_parser_accepts(meta):
    """Within the limits every listing must fit, so a crash is the parser's fault."""
    lines = _lines(meta)
    assert 0 < len(lines) <= MAX_LINES
    assert any(line.strip() for line in lines)


@pytest.mark.parametrize("meta", LISTINGS, ids=_ids(LISTINGS))
def test_each_expected_parse_has_the_shape_of_to_json_dict(meta):
    data = json.loads(meta.read_text())
    assert re.match(r"^https?://\S+$", data["source"]), (
        "source must be the page's address"
    )
    assert isinstance(data["licence"], str) and data["licence"].strip()
    assert data["shapes"] and all(isinstance(s, str) and s for s in data["shapes"])
    expected = data["expected"]
    assert data.get("split", "development") in {"development", "test", "test2", "test3"}
    assert set(expected) == {"tracks", "unparsed"}
    assert expected["tracks"], "a listing with no track teaches nothing"
    for track in expected["tracks"]:
        assert set(track) == TRACK_KEYS
        assert isinstance(track["line_no"], int) and track["line_no"] >= 1
        assert track["disc"] is None or (
            isinstance(track["disc"], int) and track["disc"] >= 1
        )
        assert re.match(r"^[0-9A-Za-z]*$", track["position"]), track["position"]
        assert (
            isinstance(track["title"], str)
            and track["title"].strip() == track["title"] != ""
        )
        duration = track["duration_seconds"]
        assert duration is None or (
            isinstance(duration, int) and 0 < duration < 24 * 3600
        )
        for artist in track["artists"]:
            assert set(artist) == {"name", "join"}
            assert artist["name"].strip() == artist["name"] != ""
            assert isinstance(artist["join"], str)
        if track["artists"]:
            assert track["artists"][-1]["join"] == "", "the last artist has no join"
    for line in expected["unparsed"]:
        assert set(line) == {"line_no", "reason"}
        assert isinstance(line["line_no"], int) and line["line_no"] >= 1
        assert line["reason"] in REASONS, line["reason"]


@pytest.mark.parametrize("meta", LISTINGS, ids=_ids(LISTINGS))
def test_each_track_points_at_the_line_that_holds_its_title(meta):
    """Its own line, or that line and the next when the title wraps."""
    lines = _lines(meta)
    tracks = json.loads(meta.read_text())["expected"]["tracks"]
    previous = 0
    for track in tracks:
        number = track["line_no"]
        assert number <= len(lines), f"line {number} is past the end"
        assert number >= previous, "tracks are listed in reading order"
        previous = number
        here = _loose(lines[number - 1])
        wrapped = _loose(" ".join(lines[number - 1 : number + 1]))
        title = _loose(track["title"])
        assert title in here or title in wrapped, (
            f"line {number} does not hold {track['title']!r}"
        )


@pytest.mark.parametrize("meta", LISTINGS, ids=_ids(LISTINGS))
def test_each_stray_line_is_a_real_line_and_no_line_is_counted_twice(meta):
    lines = _lines(meta)
    expected = json.loads(meta.read_text())["expected"]
    stray = [line["line_no"] for line in expected["unparsed"]]
    assert stray == sorted(set(stray)), "stray lines are listed once, in order"
    track_lines = {track["line_no"] for track in expected["tracks"]}
    assert not track_lines & set(stray), "a line is either a track's or stray"
    for number in stray:
        assert number <= len(lines) and lines[number - 1].strip(), (
            f"line {number} is blank or missing"
        )


@pytest.mark.parametrize("meta", LISTINGS, ids=_ids(LISTINGS))
def test_every_other_line_belongs_to_a_track_written_over_several_lines(meta):
    """A non-blank line the parse neither reads as a track nor reports must be
    part of a record beside a track (its artist line, a wrapped credit);
    anything else would be a line the hand-written parse forgot."""
    lines = _lines(meta)
    expected = json.loads(meta.read_text())["expected"]
    track_lines = {track["line_no"] for track in expected["tracks"]}
    stray = {line["line_no"] for line in expected["unparsed"]}
    for number, line in enumerate(lines, 1):
        if not line.strip() or number in track_lines or number in stray:
            continue
        assert any(abs(number - t) <= RECORD_SPAN for t in track_lines), (
            f"line {number} ({line!r}) is neither a track's nor reported"
        )


@functools.cache
def _bench():
    """bench/listings.py, loaded from its file (bench/ is not a package)."""
    path = Path(__file__).resolve().parents[3] / "bench" / "listings.py"
    spec = importlib.util.spec_from_file_location("listings_bench", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _as_parse(expected: dict) -> dict:
    """The hand-written parse dressed as ParsedListing.to_json_dict() output."""
    return {
        "tracks": expected["tracks"],
        "unparsed": [dict(line, line="") for line in expected["unparsed"]],
    }


@pytest.mark.parametrize("meta", LISTINGS, ids=_ids(LISTINGS))
def test_the_bench_scores_the_hand_written_parse_as_entirely_right(meta):
    """Scoring a file against itself must give full marks, or the scorer
    (or the file) would blame the parser for its own mistakes."""
    expected = json.loads(meta.read_text())["expected"]
    score = _bench().score_file(meta.stem, expected, _as_parse(expected))
    assert score.right == score.expected == len(expected["tracks"])
    assert score.made_up == 0
    assert score.stray_reported == score.stray == len(expected["unparsed"])


def test_the_bench_judges_a_track_as_a_reader_would():
    """Quotes, case, spacing, leading zeros and join words do not matter;
    a different name, title, position or duration does."""
    bench = _bench()
    want = {
        "line_no": 3,
        "position": "01",
        "title": "Don’t Stop Me Now",
        "artists": [
            {"name": "Cher", "join": " featuring "},
            {"name": "Lady Gaga", "join": ""},
        ],
        "duration_seconds": 209,
    }
    expected = {"tracks": [want], "unparsed": [{"line_no": 1, "reason": "heading"}]}
    same = dict(
        want,
        position="1",
        title="“don’t  stop me now”",
        artists=[{"name": "CHER", "join": " & "}, {"name": "Lady Gaga", "join": ""}],
    )
    score = bench.score_file("x", expected, {"tracks": [same], "unparsed": []})
    assert (score.right, score.made_up, score.stray_reported) == (1, 0, 0)
    for change in (
        {"position": "2"},
        {"title": "Don’t Stop Me Now (Live)"},
        {"artists": [{"name": "Cher featuring Lady Gaga", "join": ""}]},
        {"duration_seconds": None},
    ):
        score = bench.score_file("x", expected, {"tracks": [dict(same, **change)]})
        assert (score.right, score.made_up) == (0, 0), change
    heading_as_track = dict(want, line_no=1, title="Tracklist:")
    score = bench.score_file(
        "x", expected, {"tracks": [heading_as_track, same], "unparsed": []}
    )
    assert (score.right, score.made_up, score.stray_reported) == (1, 1, 0)


def test_the_split_on_the_dash_baseline_reads_every_line_as_a_track():
    baseline = _bench().split_on_dash(
        "Side A\n\n1. Cher feat. Lady Gaga - Believe (3:59)\n"
    )
    assert baseline["unparsed"] == []
    assert [t["line_no"] for t in baseline["tracks"]] == [1, 3]
    believe = baseline["tracks"][1]
    assert (believe["position"], believe["title"], believe["duration_seconds"]) == (
        "1",
        "Believe",
        239,
    )
    assert [a["name"] for a in believe["artists"]] == ["Cher", "Lady Gaga"]
