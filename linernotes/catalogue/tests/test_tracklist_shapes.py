"""Each listing shape of docs/tracklist-format.md, generated, then read back.

One property test per shape: the strategies write listings the way people
type them on the web (one-line listings, two-line records, prefixes before the
position, headings, writer credits, header blocks, footnotes, every duration
form, other scripts, tables, CRLF and non-breaking spaces, HTML, Markdown), and
the parser must give back the tracks that were written, report every other
line, and warn where the shape leaves it unsure.
"""

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linernotes.catalogue.tracklist import (
    ARTIST_TITLE,
    TITLE_ARTIST,
    Reason,
    WarningCode,
    parse_tracklist,
)

TITLE_WORDS = (
    "Burning Heart River Golden Night Fire Street Winter Dancing Glass Echo Silver "
    "Lonely Ocean Paper Summer Electric Mirror Velvet Thunder"
).split()
NAME_WORDS = (
    "Mara Vince Kovac Lindqvist Okafor Baxter Moreau Tanaka Quinn Delgado Harlow "
    "Novak Ellery Brandt"
).split()
SCRIPTS = {
    "cyrillic": "абвгдежзиклмнопрстуфхцчшыэюя",
    "hebrew": "אבגדהוזחטיכלמנסעפצקרשת",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "japanese": "あいうえおかきくけこさしすせそたちつてとなにぬねの",
    "greek": "αβγδεζηθικλμνξοπρστυφχψω",
}

titles = st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=4).map(" ".join)
names = st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=2).map(" ".join)


@dataclass(frozen=True)
class Written:
    """A track as the strategy wrote it."""

    title: str
    artist: str = ""
    seconds: int | None = None


def read(listing) -> list[tuple[str, str]]:
    return [
        (t.title, "".join(a.name + a.join for a in t.artists)) for t in listing.tracks
    ]


def codes(listing) -> set[str]:
    return {str(w.code) for w in listing.warnings}


@st.composite
def credited(draw, min_size: int = 3, max_size: int = 8) -> list[Written]:
    """Tracks with distinct titles, so no title repeats like an artist would."""
    picked = draw(st.lists(titles, min_size=min_size, max_size=max_size, unique=True))
    return [Written(title, draw(names)) for title in picked]


# One-line listings: several tracks on one line between separators.


@settings(max_examples=100, deadline=None)
@given(credited(), st.sampled_from([" * ", " / ", " • ", "; ", " | "]))
def test_a_one_line_listing_is_read_as_its_tracks_with_a_warning(tracks, separator):
    text = separator.join(f"{t.artist} - {t.title}" for t in tracks)

    listing = parse_tracklist(text, order=ARTIST_TITLE)

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert {t.line_no for t in listing.tracks} == {1}
    assert WarningCode.ONE_LINE_LISTING in codes(listing)


@settings(max_examples=50, deadline=None)
@given(credited(), st.sampled_from([" * ", " • ", " | "]))
def test_a_one_line_listing_kept_whole_is_never_silent(tracks, separator):
    text = separator.join(f"{t.artist} - {t.title}" for t in tracks)

    listing = parse_tracklist(text, order=ARTIST_TITLE, whole_lines=[1])

    warned = WarningCode.SEPARATORS_INSIDE in codes(listing)
    assert warned or [u.line_no for u in listing.unparsed] == [1]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=12, unique=True),
    st.sampled_from(["", "Tracklist:", "Tracklist of the album:"]),
)
def test_numbers_counting_up_inside_one_line_separate_its_titles(picked, heading):
    text = heading + " " + " ".join(f"{n}. {t}." for n, t in enumerate(picked, 1))

    listing = parse_tracklist(text)

    assert [(t.position, t.title) for t in listing.tracks] == [
        (str(n), title) for n, title in enumerate(picked, 1)
    ]
    assert [u.reason for u in listing.unparsed] == ([Reason.HEADING] if heading else [])


# Two-line records: a title line and an artist line.


@settings(max_examples=100, deadline=None)
@given(credited(min_size=2), st.booleans(), st.booleans())
def test_two_line_records_are_read_with_the_catalogue_deciding_the_order(
    tracks, title_first, numbered
):
    records = []
    for n, t in enumerate(tracks, 1):
        first, second = (t.title, t.artist) if title_first else (t.artist, t.title)
        records.append(f"{n}. {first}\n{second}" if numbered else f"{first}\n{second}")
    text = "\n\n".join(records)

    listing = parse_tracklist(text, known_artists=[t.artist for t in tracks])

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert listing.order == (TITLE_ARTIST if title_first else ARTIST_TITLE)
    assert WarningCode.TWO_LINE_RECORDS in codes(listing)
    assert all(len(t.more_lines) == 1 for t in listing.tracks)


@settings(max_examples=100, deadline=None)
@given(credited(min_size=2))
def test_numbered_titles_each_followed_by_an_artist_line_are_records(tracks):
    text = "\n".join(f"{n}. {t.title}\n{t.artist}" for n, t in enumerate(tracks, 1))

    listing = parse_tracklist(text, order=TITLE_ARTIST)

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert [t.position for t in listing.tracks] == [
        str(n) for n in range(1, len(tracks) + 1)
    ]


@pytest.mark.parametrize("heading", ["Side A", "Disc 1"])
def test_two_titles_under_each_heading_are_tracks_not_records(heading):
    """A single's sides with two songs each, no blank lines: not title/artist pairs.

    Hypothesis found "Disc 1 / 1999 / 1999 / Disc 2 / 1999 / 1999" read as two
    tracks by an artist called "1999".
    """
    second = heading.replace("A", "B").replace("1", "2")
    text = f"{heading}\nRuby Tuesday\nWinter Glass\n{second}\nBlue Monday\nSong 2"

    listing = parse_tracklist(text)

    assert [(t.title, t.artists) for t in listing.tracks] == [
        ("Ruby Tuesday", ()),
        ("Winter Glass", ()),
        ("Blue Monday", ()),
        ("Song 2", ()),
    ]
    assert WarningCode.TWO_LINE_RECORDS not in codes(listing)


@pytest.mark.parametrize("line", ["1999 - 0:00", "1999 - 4:10"])
def test_a_year_and_a_length_is_a_song_not_a_range(line):
    """ "1979-1983" heads the tracks of those years; "1999 - 4:10" is the song
    1999 and its length (hypothesis found "1999 - 0:00" read as a range)."""
    listing = parse_tracklist(line)

    assert [t.title for t in listing.tracks] == ["1999"]
    assert listing.unparsed == ()


@pytest.mark.parametrize("title", ["Song", "Tracks", "Credits", "Notes"])
def test_a_title_that_is_a_heading_word_is_a_track_when_it_has_a_length(title):
    """ "Songs" alone heads a list; "Song - 3:00" is a song (hypothesis found
    "Song - 0:00" reported as a heading)."""
    listing = parse_tracklist(f"{title} - 3:00\nOther - 2:10")

    assert [(t.title, t.duration_seconds) for t in listing.tracks] == [
        (title, 180),
        ("Other", 130),
    ]
    assert listing.unparsed == ()


# Prefixes before the track: never part of the artist.

PREFIXES = {
    "Side A #{n}: ": "A{n}",
    "Track {n}: ": "{n}",
    "CD1-{n:02} ": "{n:02}",
    "A{n}. ": "A{n}",
    "1-{n:02} ": "{n:02}",
    "{n}. {n}. ": "{n}",
    "#{n} – ": "{n}",
    "{n}. Bonus: ": "{n}",
    "{n}. = ": "{n}",
}


@settings(max_examples=150, deadline=None)
@given(credited(), st.sampled_from(sorted(PREFIXES)))
def test_a_prefix_before_the_track_never_leaks_into_the_artist(tracks, prefix):
    text = "\n".join(
        prefix.format(n=n) + f"{t.artist} – {t.title}" for n, t in enumerate(tracks, 1)
    )

    listing = parse_tracklist(text, order=ARTIST_TITLE)

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert [t.position for t in listing.tracks] == [
        PREFIXES[prefix].format(n=n) for n in range(1, len(tracks) + 1)
    ]
    assert WarningCode.POSITION_IN_ARTIST not in codes(listing)


@settings(max_examples=50, deadline=None)
@given(credited(min_size=2, max_size=4))
def test_an_artist_that_starts_like_a_position_is_never_silent(tracks):
    text = "\n".join(
        f"{n}. Track {n}: {t.artist} - {t.title}" for n, t in enumerate(tracks, 1)
    )

    listing = parse_tracklist(text, order=ARTIST_TITLE, whole_lines=[1])

    assert WarningCode.POSITION_IN_ARTIST in codes(listing)


# Headings: "Artist - Album", "Various Artists - Album", a lone artist line.


@settings(max_examples=100, deadline=None)
@given(names, titles, st.lists(titles, min_size=2, max_size=8, unique=True))
def test_an_artist_and_album_line_heads_numbered_titles(artist, album, picked):
    text = f"{artist} - {album}\n" + "\n".join(
        f"{n}. {title}" for n, title in enumerate(picked, 1)
    )

    listing = parse_tracklist(text)

    assert read(listing) == [(title, artist) for title in picked]
    assert [(u.line_no, u.reason) for u in listing.unparsed] == [
        (1, Reason.RELEASE_HEADING)
    ]
    assert WarningCode.HEADING_OR_TRACK in codes(listing)


@settings(max_examples=50, deadline=None)
@given(titles, credited())
def test_a_various_artists_line_is_a_heading_without_an_artist(album, tracks):
    text = f"Various Artists - {album}\n" + "\n".join(
        f"{n}. {t.artist} - {t.title}" for n, t in enumerate(tracks, 1)
    )

    listing = parse_tracklist(text, order=ARTIST_TITLE)

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert listing.unparsed[0].reason == Reason.RELEASE_HEADING


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(names, st.lists(titles, min_size=1, max_size=4, unique=True)),
        min_size=2,
        max_size=4,
        unique_by=lambda group: group[0],
    )
)
def test_lone_artist_lines_head_the_numbered_titles_under_them(groups):
    lines, expected, n = [], [], 0
    for artist, picked in groups:
        lines.append(artist)
        for title in picked:
            n += 1
            lines.append(f"{n}. {title}")
            expected.append((title, artist))

    listing = parse_tracklist("\n".join(lines))

    assert read(listing) == expected
    assert [u.reason for u in listing.unparsed] == [Reason.ARTIST_HEADING] * len(groups)


@settings(max_examples=50, deadline=None)
@given(names, st.lists(titles, min_size=2, max_size=6, unique=True))
def test_one_lone_line_above_numbered_titles_is_a_heading_with_a_choice(artist, picked):
    text = artist + "\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(picked, 1))

    listing = parse_tracklist(text)
    applied = parse_tracklist(text, as_headings=[1])

    assert read(listing) == [(title, "") for title in picked]
    assert listing.unparsed[0].reason == Reason.HEADING
    assert listing.warnings[0].alternative.option == "as_headings"
    assert read(applied) == [(title, artist) for title in picked]
    assert applied.unparsed[0].reason == Reason.ARTIST_HEADING


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(names, st.lists(titles, min_size=2, max_size=5, unique=True)),
        min_size=2,
        max_size=3,
        unique_by=lambda group: group[0],
    )
)
def test_blocks_of_titles_each_opened_by_a_name_take_it_as_artist(groups):
    blocks = ["\n".join([artist, *picked]) for artist, picked in groups]

    listing = parse_tracklist("\n\n".join(blocks))

    assert read(listing) == [(t, artist) for artist, picked in groups for t in picked]


# Writer credits after the title.

WRITERS = ["music by {a}, lyrics by {b}", "{a}/{b}", "written by {a}", "{a}, {b}"]


@settings(max_examples=100, deadline=None)
@given(credited(), st.sampled_from(WRITERS), names, names, st.booleans())
def test_writer_credits_in_brackets_stay_out_of_title_and_artist(
    tracks, form, a, b, square
):
    writers = form.format(a=a, b=b)
    opening, closing = "[]" if square else "()"
    text = "\n".join(
        f"{n}. {t.title} {opening}{writers}{closing} - {t.artist}"
        for n, t in enumerate(tracks, 1)
    )

    listing = parse_tracklist(text, order=TITLE_ARTIST)

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert {t.writers for t in listing.tracks} == {writers}


# Header blocks and footnotes.


@settings(max_examples=100, deadline=None)
@given(names, titles, st.lists(titles, min_size=2, max_size=8, unique=True),
       st.integers(1950, 2029))  # fmt: skip
def test_a_header_block_is_reported_and_its_artist_applied(artist, album, picked, year):
    header = [f"ARTIST: {artist}", f"ALBUM: {album}", "LABEL: Harvest",
              "Catalog #: SHVL 804", f"Released {year}", ""]  # fmt: skip
    text = "\n".join(header + [f"{n}. {t}" for n, t in enumerate(picked, 1)])

    listing = parse_tracklist(text)

    assert read(listing) == [(title, artist) for title in picked]
    assert [u.line_no for u in listing.unparsed] == [1, 2, 3, 4, 5]


@settings(max_examples=100, deadline=None)
@given(credited(), st.sampled_from(["*", "†", "‡"]), st.data())
def test_footnote_marks_and_footnote_lines_stay_out_of_the_tracks(tracks, mark, data):
    marked = data.draw(st.sets(st.integers(0, len(tracks) - 1), min_size=1))
    lines = [
        f"{n}. {t.artist} - {t.title}{mark if n - 1 in marked else ''}"
        for n, t in enumerate(tracks, 1)
    ]
    text = "\n".join([*lines, "", f"{mark} bonus track"])

    listing = parse_tracklist(text, order=ARTIST_TITLE)

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert [u.reason for u in listing.unparsed] == [Reason.FOOTNOTE]


# Durations in every common form.

DURATIONS = ["{m}:{s:02}", "({m}:{s:02})", "[{m}:{s:02}]", "{m}'{s:02}\"",
             "{m}m{s:02}s", "{m}m {s}s", "- {m}:{s:02}",
             "({m}:{s:02} min)"]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(credited(), st.sampled_from(DURATIONS), st.data())
def test_durations_are_read_in_every_common_form(tracks, form, data):
    seconds = [data.draw(st.integers(1, 59 * 60 + 59)) for _ in tracks]
    text = "\n".join(
        f"{n}. {t.artist} - {t.title} " + form.format(m=s // 60, s=s % 60)
        for n, (t, s) in enumerate(zip(tracks, seconds, strict=True), 1)
    )

    listing = parse_tracklist(text, order=ARTIST_TITLE)

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert [t.duration_seconds for t in listing.tracks] == seconds


@settings(max_examples=50, deadline=None)
@given(credited(), st.integers(3600, 5 * 3600))
def test_durations_of_an_hour_or_more_are_read(tracks, seconds):
    hours, rest = divmod(seconds, 3600)
    written = f"{hours}:{rest // 60:02}:{rest % 60:02}"
    text = "\n".join(f"{t.artist} - {t.title} ({written})" for t in tracks)

    listing = parse_tracklist(text, order=ARTIST_TITLE)

    assert {t.duration_seconds for t in listing.tracks} == {seconds}


# Other scripts and quotes.

words_in = {
    script: st.text(alphabet=letters, min_size=2, max_size=8)
    for script, letters in SCRIPTS.items()
}


@st.composite
def foreign(draw) -> tuple[list[Written], str]:
    script = draw(st.sampled_from(sorted(SCRIPTS)))
    word = words_in[script]
    phrase = st.lists(word, min_size=1, max_size=3).map(" ".join)
    picked = draw(st.lists(phrase, min_size=2, max_size=6, unique=True))
    return [Written(title, draw(phrase)) for title in picked], script


@settings(max_examples=150, deadline=None)
@given(foreign(), st.sampled_from(["«{}»", "„{}“", "“{}”", "{}", "「{}」"]),
       st.sampled_from([" - ", " – ", " — "]))  # fmt: skip
def test_other_scripts_and_their_quotes_are_read(example, quotes, separator):
    tracks, _script = example
    text = "\n".join(
        f"{n}. {quotes.format(t.title)}{separator}{t.artist}"
        for n, t in enumerate(tracks, 1)
    )

    listing = parse_tracklist(text, order=TITLE_ARTIST)

    assert read(listing) == [(t.title, t.artist) for t in tracks]


# Tables, line endings and pasted markup.


@settings(max_examples=100, deadline=None)
@given(credited(), names, st.booleans())
def test_table_rows_of_several_columns_keep_title_artist_and_writers(
    tracks, writer, headed
):
    header = ["No.\tSong\tWriter\tPerformer\tLength"] if headed else []
    text = "\n".join(
        header
        + [
            f"{n}.\t{t.title}\t{writer}\t{t.artist}\t3:{n:02}"
            for n, t in enumerate(tracks, 1)
        ]
    )

    listing = parse_tracklist(text, known_artists=[t.artist for t in tracks])

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert {t.writers for t in listing.tracks} == {writer}
    assert [t.duration_seconds for t in listing.tracks] == [
        180 + n for n in range(1, len(tracks) + 1)
    ]


@settings(max_examples=100, deadline=None)
@given(credited(), st.sampled_from(["\r\n", "\r", "\n"]))
def test_crlf_and_non_breaking_spaces_read_as_plain_text(tracks, newline):
    plain = "\n".join(f"{n}. {t.artist} - {t.title}" for n, t in enumerate(tracks, 1))
    pasted = plain.replace("\n", newline).replace(" ", "\u00a0")

    assert parse_tracklist(pasted, order=ARTIST_TITLE) == parse_tracklist(
        plain, order=ARTIST_TITLE
    )


HTML = {
    "ol": ("<ol>", "<li>{}</li>", "</ol>"),
    "br": ("<p>", "{}<br>", "</p>"),
    "p": ("", "<p>{}</p>", ""),
}


@settings(max_examples=100, deadline=None)
@given(credited(), st.sampled_from(sorted(HTML)), st.booleans())
def test_a_listing_pasted_as_html_is_read_as_its_lines(tracks, kind, one_line):
    opening, item, closing = HTML[kind]
    items = [
        item.format(f"{t.artist} - {t.title}".replace("&", "&amp;")) for t in tracks
    ]
    text = (
        (opening + "".join(items) + closing)
        if one_line
        else "\n".join([opening, *items, closing])
    )

    listing = parse_tracklist(text, order=ARTIST_TITLE)

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    markup = [
        n
        for n, line in enumerate(text.split("\n"), 1)
        if line and line in (opening, closing)
    ]
    assert [(u.line_no, u.reason) for u in listing.unparsed] == [
        (n, Reason.NOTE) for n in markup
    ]


@settings(max_examples=100, deadline=None)
@given(credited(), st.sampled_from(["- ", "* ", "+ ", "{n}. "]), st.booleans())
def test_a_markdown_list_is_read_with_its_links_and_bold_undone(tracks, bullet, link):
    def title(t: Written) -> str:
        return f"[{t.title}](https://example.com/{len(t.title)})" if link else t.title

    text = "\n".join(
        bullet.format(n=n) + f"**{t.artist}** - {title(t)}"
        for n, t in enumerate(tracks, 1)
    )

    listing = parse_tracklist(text, order=ARTIST_TITLE)

    assert read(listing) == [(t.title, t.artist) for t in tracks]


@settings(max_examples=100, deadline=None)
@given(credited(), st.sampled_from(["- ", " -"]))
def test_a_dash_glued_to_one_side_still_separates(tracks, dash):
    text = "\n".join(f"{n}. {t.artist}{dash}{t.title}" for n, t in enumerate(tracks, 1))

    listing = parse_tracklist(text, order=ARTIST_TITLE)

    assert read(listing) == [(t.title, t.artist) for t in tracks]


@settings(max_examples=100, deadline=None)
@given(credited(), st.sampled_from(["12.03.1971", "1971-03-12", "March 12, 1971",
                                    "12 March 1971"]))  # fmt: skip
def test_a_date_line_with_a_dash_is_not_a_track(tracks, date):
    text = f"Fillmore East - {date}\n" + "\n".join(
        f"{n}. {t.artist} - {t.title}" for n, t in enumerate(tracks, 1)
    )

    listing = parse_tracklist(text, order=ARTIST_TITLE)

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert [(u.line_no, u.reason) for u in listing.unparsed] == [(1, Reason.DATE_LINE)]


# Weaker layouts, read when most lines share them.


@settings(max_examples=100, deadline=None)
@given(credited(), st.integers(1, 3))
def test_title_comma_quoted_title_lines_split_at_the_comma(tracks, notes):
    text = "\n".join(f"{t.artist}, “{t.title}”" for t in tracks)

    listing = parse_tracklist(text)

    assert read(listing) == [(t.title, t.artist) for t in tracks]


@settings(max_examples=100, deadline=None)
@given(credited(), st.lists(titles, min_size=1, max_size=2))
def test_numbered_title_by_artist_lines_split_despite_notes_between(tracks, notes):
    lines = [f"{n}. {t.title} by {t.artist} (1984)" for n, t in enumerate(tracks, 1)]
    lines[1:1] = [f"From the album {note}" for note in notes]

    listing = parse_tracklist("\n".join(lines))

    assert read(listing) == [(t.title, t.artist) for t in tracks]


@settings(max_examples=100, deadline=None)
@given(credited(), st.booleans())
def test_cue_times_before_or_after_the_number_are_not_part_of_the_track(
    tracks, numbered
):
    lines = [
        (f"{n:02}. " if numbered else "")
        + f"{n * 3:02}:{n * 7 % 60:02} {t.artist} - {t.title}"
        for n, t in enumerate(tracks, 1)
    ]

    listing = parse_tracklist("\n".join(lines), order=ARTIST_TITLE)

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert {t.duration_seconds for t in listing.tracks} == {None}


@settings(max_examples=50, deadline=None)
@given(foreign().filter(lambda example: example[1] == "japanese"))
def test_a_number_glued_to_a_japanese_title_is_its_position(example):
    tracks, _script = example
    text = "\n".join(f"{n:02}{t.title}" for n, t in enumerate(tracks, 1))

    listing = parse_tracklist(text)

    assert [(t.position, t.title) for t in listing.tracks] == [
        (f"{n:02}", t.title) for n, t in enumerate(tracks, 1)
    ]


@settings(max_examples=50, deadline=None)
@given(credited(), titles)
def test_an_album_named_after_the_track_is_not_part_of_it(tracks, album):
    text = "\n".join(f"{t.artist} - {t.title} (from {album})" for t in tracks)

    listing = parse_tracklist(text, order=ARTIST_TITLE)

    assert read(listing) == [(t.title, t.artist) for t in tracks]


@settings(max_examples=50, deadline=None)
@given(credited(), st.sampled_from(["to post: list@example.org",
                                    "Listen: https://example.com/mix",
                                    "More at www.example.com"]))  # fmt: skip
def test_a_line_with_a_web_or_mail_address_is_a_note(tracks, address):
    text = "\n".join([*(f"{t.artist}: {t.title}" for t in tracks), address])

    listing = parse_tracklist(text, order=ARTIST_TITLE)

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert [u.reason for u in listing.unparsed] == [Reason.NOTE]


# The listing that started the project, as a WordPress.com review typed it.

WORDPRESS_REVIEW = """\
1. Survivor- Burning Heart
2. John Cafferty- Hearts on Fire
Go West
3. Go West- One Way Streat
4. Survivor- Eye of the Tiger
"""


def test_a_wordpress_review_listing_is_read_right_and_its_lone_line_reported():
    listing = parse_tracklist(WORDPRESS_REVIEW)

    assert read(listing) == [
        ("Burning Heart", "Survivor"),
        ("Hearts on Fire", "John Cafferty"),
        ("One Way Streat", "Go West"),
        ("Eye of the Tiger", "Survivor"),
    ]
    assert [(u.line_no, u.reason) for u in listing.unparsed] == [
        (3, Reason.ARTIST_ONLY)
    ]


# The album's artist named once, in a header written above or below the titles.

ARTIST_LABELS = ["Artist", "ARTIST", "Author", "Performer", "Band", "Исполнитель",
                 "Виконавець", "Interprète", "Artista", "Intérprete", "Künstler",
                 "Wykonawca", "アーティスト", "■アーティスト", "가수",
                 "歌手"]  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(ARTIST_LABELS),
    st.sampled_from([": ", " : ", ":", "："]),
    names,
    st.lists(titles, min_size=2, max_size=8, unique=True),
    st.booleans(),
)
def test_an_artist_field_in_any_language_credits_the_titles_above_or_below(
    label, colon, artist, picked, below
):
    field = f"{label}{colon}{artist}"
    numbered = [f"{n}. {t}" for n, t in enumerate(picked, 1)]
    lines = numbered + ["", field] if below else [field, ""] + numbered
    listing = parse_tracklist("\n".join(lines))

    assert read(listing) == [(title, artist) for title in picked]
    field_line = len(lines) if below else 1
    assert [(u.line_no, u.reason) for u in listing.unparsed] == [
        (field_line, Reason.HEADER)
    ]


@settings(max_examples=100, deadline=None)
@given(credited(min_size=2, max_size=4), names)
def test_an_artist_field_under_credited_tracks_takes_no_track_s_artist(tracks, other):
    lines = [f"{n}. {t.artist} - {t.title}" for n, t in enumerate(tracks, 1)]
    listing = parse_tracklist("\n".join(lines + ["", f"Artist: {other}"]))

    assert read(listing) == [(t.title, t.artist) for t in tracks]


@settings(max_examples=100, deadline=None)
@given(
    names,
    st.sampled_from(["2013-03-27", "27.03.2013", "March 27, 2013", "27 March 2013"]),
    st.sampled_from([" - ", " – "]),
    st.lists(titles, min_size=2, max_size=8, unique=True),
)
def test_an_artist_date_and_venue_line_credits_the_setlist(artist, date, dash, picked):
    header = f"{artist}{dash}{date}{dash}Park West, Chicago, IL (FM broadcast)"
    text = "\n".join([header, ""] + [f"{n:02d} {t}" for n, t in enumerate(picked, 1)])

    listing = parse_tracklist(text)

    assert read(listing) == [(title, artist) for title in picked]
    assert [(u.line_no, u.reason) for u in listing.unparsed] == [(1, Reason.DATE_LINE)]


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["Show 194", "2013-03-27", "Setlist"]), titles)
def test_a_date_line_without_a_name_first_credits_nobody(opening, title):
    text = f"{opening} - 27.03.2013 - Melbourne\n1. {title}\n2. {title} Two"

    listing = parse_tracklist(text)

    assert [t.artists for t in listing.tracks] == [(), ()]


# Numbering, quotes and guests written in other ways.


@settings(max_examples=100, deadline=None)
@given(credited(), st.sampled_from(["1.-", "1.- ", "1)-"]))
def test_a_number_with_a_dash_glued_to_its_point_is_a_position(tracks, form):
    lines = [
        form.replace("1", str(n), 1) + f"{t.artist} - {t.title}"
        for n, t in enumerate(tracks, 1)
    ]
    listing = parse_tracklist("\n".join(lines))

    assert read(listing) == [(t.title, t.artist) for t in tracks]
    assert [t.position for t in listing.tracks] == [
        str(n) for n in range(1, len(tracks) + 1)
    ]


@settings(max_examples=100, deadline=None)
@given(credited(), st.sampled_from(['"{}"', "“{}”", "«{}»"]), st.data())
def test_a_name_then_a_quoted_title_is_artist_and_title(tracks, quotes, data):
    lines = []
    for n, t in enumerate(tracks, 1):
        country = data.draw(st.sampled_from(["", " (Japan)", " (South Africa)"]))
        lines.append(f"{n}. {t.artist.upper()}{country} {quotes.format(t.title)}")

    listing = parse_tracklist("\n".join(lines))

    assert read(listing) == [(t.title, t.artist.upper()) for t in tracks]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=6, unique=True),
    names,
    st.sampled_from(["con", "with", "avec", "mit"]),
    st.sampled_from([" – ", " - "]),
)
def test_a_dash_then_a_word_for_with_keeps_the_guest_in_the_title(
    picked, guest, word, dash
):
    lines = [f"{n}.- {t}" for n, t in enumerate(picked, 1)]
    lines[1] = f"2.- {picked[1]}{dash}{word} {guest}"

    listing = parse_tracklist("\n".join(lines))

    expected = [(t, "") for t in picked]
    expected[1] = (f"{picked[1]}{dash}{word} {guest}", "")
    assert read(listing) == expected
