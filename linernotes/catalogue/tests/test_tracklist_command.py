"""``linernotes tracklist parse``: a listing from a file or stdin, JSON out."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from linernotes.catalogue import services

ROOT = Path(__file__).resolve().parents[3]
LISTING = """\
Rocky IV (Original Motion Picture Soundtrack)
Side A
1. Burning Heart – Survivor (3:52)
2. Hearts on Fire – John Cafferty (4:16)
3. Double or Nothing – Kenny Loggins and Gladys Knight (3:40)
4. Eye of the Tiger – Survivor (4:04)
5. War – Vince DiCola (5:54)
Side B
1. Living in America – James Brown (4:42)
2. No Easy Way Out – Robert Tepper (4:22)
3. One Way Street – Go West (4:21)
4. The Sweetest Victory – Touch (4:03)
5. Training Montage – Vince DiCola (3:37)
"""
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"


@pytest.fixture
def listing_file(tmp_path: Path) -> Path:
    path = tmp_path / "rocky-iv.txt"
    path.write_text(LISTING, encoding="utf-8")
    return path


def parse(*args: str, stdin: io.BytesIO | None = None) -> dict:
    """The command in-process, against the test database's catalogue."""
    out = io.StringIO()
    call_command("tracklist", "parse", *args, stdout=out, stdin=stdin)
    return json.loads(out.getvalue())


pytestmark = pytest.mark.django_db


def test_a_file_is_printed_as_one_json_object(listing_file):
    result = parse(str(listing_file))

    assert set(result) == {"order", "tracks", "unparsed", "warnings"}
    assert result["order"] == "title-artist"
    assert [t["title"] for t in result["tracks"]][:2] == [
        "Burning Heart",
        "Hearts on Fire",
    ]
    assert result["tracks"][2]["artists"] == [
        {"name": "Kenny Loggins", "join": " and "},
        {"name": "Gladys Knight", "join": ""},
    ]
    assert [(u["line_no"], u["reason"]) for u in result["unparsed"]] == [
        (1, "note"),
        (2, "side-heading"),
        (8, "side-heading"),
    ]


def test_stdin_is_read_without_a_file():
    result = parse(stdin=io.BytesIO("Survivor – Burning Heart\n".encode()))

    assert result["tracks"][0]["artists"] == [{"name": "Survivor", "join": ""}]


def test_a_dash_reads_stdin_too():
    result = parse("-", stdin=io.BytesIO(b"1. Burning Heart by Survivor\n"))

    assert result["order"] == "title-artist"


def test_the_order_can_be_forced(listing_file):
    result = parse(str(listing_file), "--order", "artist-title")

    assert result["order"] == "artist-title"
    assert result["tracks"][0]["title"] == "Survivor"


def test_binary_input_is_a_command_error(tmp_path):
    path = tmp_path / "cover.png"
    path.write_bytes(BINARY)

    with pytest.raises(CommandError, match="cover.png: .*not a text file"):
        parse(str(path))


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        parse(str(tmp_path / "nowhere.txt"))


def test_an_unknown_order_is_refused_by_the_argument_parser(listing_file):
    with pytest.raises(CommandError, match="invalid choice"):
        parse(str(listing_file), "--order", "sideways")


# The installed command, as a writer runs it.


def run_linernotes(
    tmp_path: Path, *args: str, stdin: bytes = b""
) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_"))
    }
    env = {
        **clean,
        "SECRET_KEY": "x" * 50,
        "LINERNOTES_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "",
    }
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "linernotes", "tracklist", "parse", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_the_command_prints_json_and_exits_zero_with_unparsed_lines(
    tmp_path, listing_file
):
    result = run_linernotes(tmp_path, str(listing_file))

    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert len(parsed["tracks"]) == 10
    assert len(parsed["unparsed"]) == 3


def test_with_no_database_the_command_reads_context_free_and_says_so(tmp_path):
    """A fresh checkout: no DATABASE_URL and no SQLite file in the data folder."""
    result = run_linernotes(tmp_path, stdin=b"Survivor - Burning Heart\n")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["tracks"][0]["title"] == "Burning Heart"
    assert b"No migrated database" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()


# The catalogue consulted, as the admin does.

ORDER_FROM_THE_CATALOGUE = "Burning Heart - Touch\nWar - Go West\n"


def test_the_catalogues_artists_decide_the_order_as_in_the_admin(make_artist):
    make_artist(name="Touch")
    make_artist(name="Go West")

    result = parse(stdin=io.BytesIO(ORDER_FROM_THE_CATALOGUE.encode()))

    assert result["order"] == "title-artist"
    assert result["warnings"] == []


def test_an_alias_counts_as_a_known_artist(make_artist):
    touch = make_artist(name="Touch (band)")
    services.add_alias(artist=touch, name="Touch")
    make_artist(name="Go West")

    result = parse(stdin=io.BytesIO(ORDER_FROM_THE_CATALOGUE.encode()))

    assert result["order"] == "title-artist"


def test_no_catalogue_reads_without_the_known_artists(make_artist, capsys):
    make_artist(name="Touch")
    make_artist(name="Go West")

    result = parse(
        "--no-catalogue", stdin=io.BytesIO(ORDER_FROM_THE_CATALOGUE.encode())
    )

    assert result["order"] == "artist-title"
    assert [w["code"] for w in result["warnings"]] == ["order-guessed"]


def test_the_command_and_the_service_give_the_same_reading(make_artist):
    make_artist(name="Touch")
    text = "Side A\n1. Burning Heart - Touch (3:52)\nTouch\n2. War\n"

    result = parse(stdin=io.BytesIO(text.encode()))

    assert result == services.read_listing(text=text).to_json_dict()


def test_the_command_reads_stdin_and_keeps_non_ascii_text(tmp_path):
    listing = "Motörhead - Ace of Spades\nMotörhead - Killed by Death\n"

    result = run_linernotes(tmp_path, stdin=listing.encode())

    assert result.returncode == 0, result.stderr
    assert "Motörhead" in result.stdout.decode()
    assert json.loads(result.stdout)["order"] == "artist-title"


def test_the_command_forces_the_order(tmp_path, listing_file):
    result = run_linernotes(tmp_path, str(listing_file), "--order", "artist-title")

    assert json.loads(result.stdout)["tracks"][0]["artists"][0]["name"] == (
        "Burning Heart"
    )


def test_binary_stdin_exits_non_zero_with_a_message(tmp_path):
    result = run_linernotes(tmp_path, stdin=BINARY)

    assert result.returncode != 0
    assert result.stdout == b""
    assert b"not a text file" in result.stderr


def test_undecodable_bytes_exit_non_zero_with_a_message(tmp_path):
    result = run_linernotes(tmp_path, stdin="Motörhead - Ace".encode("latin-1"))

    assert result.returncode != 0
    assert b"not UTF-8" in result.stderr


def test_too_many_lines_exit_non_zero_with_a_message(tmp_path):
    result = run_linernotes(tmp_path, stdin=b"Survivor - Burning Heart\n" * 5_000)

    assert result.returncode != 0
    assert b"2,000" in result.stderr
