"""Shapes that decide a listing's reading from its own evidence (issue 12).

Each test generates one shape of docs/tracklist-format.md ("Writers' credits
decide the order", "A number alone on its line", "'and' in other languages")
and reads it back.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from linernotes.catalogue.tracklist import TITLE_ARTIST, WarningCode, parse_tracklist

TITLES = "Burning Heart River Golden Night Fire Street Winter Glass Echo".split()
NAMES = "Mara Vince Kovac Lindqvist Okafor Baxter Moreau Tanaka Quinn Brandt".split()
CYRILLIC_NAMES = "Чичков Шаферан Дога Николаев Антонов Романов Морозов".split()
INITIALS = "ABDEJKLMPRSTАВДЕИКЛМС"

titles = st.lists(st.sampled_from(TITLES), min_size=1, max_size=3).map(" ".join)
names = st.lists(st.sampled_from(NAMES), min_size=1, max_size=2).map(" ".join)


@st.composite
def writer(draw) -> str:
    """A writer as labels print one: "E. Doga" or "Kovac"."""
    surname = draw(st.sampled_from(NAMES + CYRILLIC_NAMES))
    if draw(st.booleans()):
        return f"{draw(st.sampled_from(INITIALS))}. {surname}"
    return surname


@st.composite
def writers_credit(draw) -> str:
    """One name with initials, or several joined as listings join them."""
    first = draw(writer())
    if draw(st.booleans()) and "." in first:
        return first
    join = draw(st.sampled_from([" / ", ", ", " — ", " – ", " and ", " и ", " & "]))
    return f"{first}{join}{draw(writer())}"


def pairs(listing) -> list[tuple[str, str]]:
    return [
        (t.title, "".join(a.name + a.join for a in t.artists)) for t in listing.tracks
    ]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=8, unique=True),
    st.data(),
    st.sampled_from([" — ", " - ", " – "]),
)
def test_writers_credits_after_the_first_side_make_it_the_title(picked, data, dash):
    """Nothing else decides these lines; the credits mark the titles."""
    tracks = [(t, data.draw(names), data.draw(writers_credit())) for t in picked]
    text = "\n".join(
        f"{n}. {title} ({credit}){dash}{artist}"
        for n, (title, artist, credit) in enumerate(tracks, 1)
    )

    listing = parse_tracklist(text)

    assert listing.order == TITLE_ARTIST
    assert pairs(listing) == [(title, artist) for title, artist, _ in tracks]
    assert [t.writers for t in listing.tracks] == [c for _, _, c in tracks]
    assert WarningCode.ORDER_GUESSED not in {w.code for w in listing.warnings}


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=8, unique=True),
    st.data(),
    st.sampled_from(["{n}.", "{n})", "{n}:"]),
)
def test_a_number_alone_on_its_line_numbers_the_line_under_it(picked, data, style):
    tracks = [(t, data.draw(names)) for t in picked]
    text = "\n".join(
        f"{style.format(n=n)}\n{artist} - {title}"
        for n, (title, artist) in enumerate(tracks, 1)
    )

    listing = parse_tracklist(text, order="artist-title")

    assert pairs(listing) == tracks
    assert [t.position for t in listing.tracks] == [
        str(n) for n in range(1, len(tracks) + 1)
    ]
    assert [t.line_no for t in listing.tracks] == list(range(2, 2 * len(tracks) + 1, 2))
    assert listing.unparsed == ()


@settings(max_examples=100, deadline=None)
@given(titles, names, names, st.sampled_from(["и", "und", "et", "and"]))
def test_and_in_other_languages_joins_two_artists(title, first, second, word):
    listing = parse_tracklist(
        f"1. {first} {word} {second} - {title}", order="artist-title"
    )

    assert [a.name for a in listing.tracks[0].artists] == [first, second]
    assert listing.tracks[0].title == title


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=8, unique=True),
    st.data(),
    st.sampled_from(["- ", "• ", "* "]),
)
def test_in_a_bulleted_listing_the_unbulleted_lines_are_commentary(
    picked, data, bullet
):
    """A note under each title, as a fan wiki writes one about every song."""
    notes = [data.draw(st.sampled_from(NOTES)) for _ in picked]
    lines = ["Song list"]
    for title, note in zip(picked, notes, strict=True):
        lines += [f"{bullet}{title}", note]

    listing = parse_tracklist("\n".join(lines))

    assert [t.title for t in listing.tracks] == picked
    assert [u.line_no for u in listing.unparsed] == [1, *range(3, len(lines) + 1, 2)]


NOTES = (
    "Released as the second single in 2006",
    "Recorded live at the Paradiso",
    "2007年2月14日に発売された5thシングル",
    "Первая песня альбома",
    "Bonus",
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=2, max_size=8, unique=True),
    st.data(),
    st.sampled_from(
        [
            ("No.", "Title", "Writer(s)", "Length"),
            ("#", "Title", "Lyrics", "Music", "Notes"),
            ("트랙", "제목", "작사", "작곡", "비고"),
        ]
    ),
)
def test_a_table_whose_heading_names_no_performer_has_no_artists(picked, data, heading):
    """The heading row is reported; the cells after the title are writers."""
    rows = [" | ".join(heading) + " |"]
    for n, title in enumerate(picked, 1):
        cells = [data.draw(names) for _ in heading[2:-1]]
        rows.append(" | ".join([f"{n}.", f'"{title}"', *cells, "3:07"]) + " |")

    listing = parse_tracklist("\n".join(rows))

    assert [u.line_no for u in listing.unparsed] == [1]
    assert [(t.title, t.artists, t.duration_seconds) for t in listing.tracks] == [
        (title, (), 187) for title in picked
    ]
    assert all(t.writers for t in listing.tracks) == (len(heading) > 3)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=6, unique=True),
    st.data(),
    st.sampled_from(['"{}"', "“{}”", "«{}»"]),
)
def test_a_bracket_after_a_quoted_title_is_a_credit_unless_a_version(
    picked, data, quotes
):
    credits = [
        data.draw(st.sampled_from(["Ray", "6025", "Biafra", "Live"])) for _ in picked
    ]
    text = "\n".join(
        f"{n}. {quotes.format(title)} ({credit})"
        for n, (title, credit) in enumerate(zip(picked, credits, strict=True), 1)
    )

    listing = parse_tracklist(text)

    # A version stays with the title; the quotes around the rest go.
    assert [t.title for t in listing.tracks] == [
        f"{title} (Live)" if credit == "Live" else title
        for title, credit in zip(picked, credits, strict=True)
    ]
    assert [t.writers for t in listing.tracks] == [
        "" if credit == "Live" else credit for credit in credits
    ]


@given(
    st.sampled_from(["DVD 2", "DVD-Video 2", "Blu-ray 2", "Cassette 2", "Tape 2"]),
    st.lists(titles, min_size=2, max_size=4, unique=True),
)
def test_a_media_name_and_number_is_a_disc_heading(heading, picked):
    text = "\n".join([heading, *(f"{n}. {t}" for n, t in enumerate(picked, 1))])

    listing = parse_tracklist(text)

    assert [(u.line_no, str(u.reason)) for u in listing.unparsed] == [
        (1, "disc-heading")
    ]
    assert {t.disc for t in listing.tracks} == {2}


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=8, unique=True),
    st.data(),
    st.sampled_from(["", " (1990)"]),
)
def test_a_from_album_tail_on_most_lines_is_not_part_of_the_title(picked, data, year):
    tracks = [(t, data.draw(names), data.draw(titles)) for t in picked]
    text = "\n".join(
        f"{artist} – {title} from {album}{year}" for title, artist, album in tracks
    )

    listing = parse_tracklist(text, order="artist-title")

    assert pairs(listing) == [(title, artist) for title, artist, _ in tracks]


def test_one_title_with_from_in_it_keeps_it_when_the_others_have_none():
    text = "A – Letter from America\nB – Golden Night\nC – Paper River\nD – Echo"

    listing = parse_tracklist(text, order="artist-title")

    assert listing.tracks[0].title == "Letter from America"


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=8, unique=True),
    st.sampled_from([("«", "»"), ("“", "”"), ('"', '"'), ("»", "»")]),
    st.sampled_from([", ", " and ", " و", " и "]),
    st.sampled_from(["The album holds ", "ويتضمن الألبوم أغنيات ", ""]),
)
def test_quoted_titles_named_in_a_sentence_are_each_a_track(picked, quotes, join, lead):
    opening, closing = quotes
    text = lead + join.join(f"{opening}{t}{closing}" for t in picked) + "."

    listing = parse_tracklist(text)

    assert [t.title for t in listing.tracks] == picked
    assert {t.line_no for t in listing.tracks} == {1}
    assert WarningCode.ONE_LINE_LISTING in {w.code for w in listing.warnings}


def test_three_quoted_sides_with_dashes_between_stay_one_line():
    listing = parse_tracklist('"Rock" - "Paper" - "Scissors"')

    assert len(listing.tracks) == 1


@settings(max_examples=100, deadline=None)
@given(st.lists(names, min_size=3, max_size=4, unique=True), titles)
def test_a_serial_comma_before_and_is_one_join(artists, title):
    credit = ", ".join(artists[:-1]) + ", and " + artists[-1]

    listing = parse_tracklist(f"1. {credit} - {title}", order="artist-title")

    assert [a.name for a in listing.tracks[0].artists] == artists


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(names, titles), min_size=2, max_size=4),
    st.sampled_from(["7 - 8", "10pm – 11pm", "22:00 - 23:00", "1979-1983", "9h - 10h"]),
)
def test_a_range_of_hours_or_years_alone_on_a_line_is_a_heading(tracks, hours):
    lines = [hours, *(f"{artist} - {title}" for artist, title in tracks)]

    listing = parse_tracklist("\n".join(lines), order="artist-title")

    assert [(u.line_no, str(u.reason)) for u in listing.unparsed] == [(1, "heading")]
    assert pairs(listing) == [(title, artist) for artist, title in tracks]


# -- the words decide the order (docs: "Names and titles look different") ---

GIVEN = "Aretha Leo Laura Suzanne Richard Otis Gladys Marvin".split()
SURNAMES = "Franklin Sayer Viers Vega Clayderman Redding Knight Gaye Okafor".split()
SPOKEN = ["I Want", "Don't Leave", "You Were", "Take Me", "Tell Me Why", "My"]


@st.composite
def person(draw) -> str:
    return f"{draw(st.sampled_from(GIVEN))} {draw(st.sampled_from(SURNAMES))}"


@st.composite
def spoken_title(draw) -> str:
    """A title that talks, as songs do: "Don't Leave Winter"."""
    return f"{draw(st.sampled_from(SPOKEN))} {draw(titles)}"


@settings(max_examples=100, deadline=None)
@given(
    st.lists(person(), min_size=3, max_size=8, unique=True),
    st.data(),
    st.booleans(),
    st.sampled_from([" - ", " – ", " — "]),
)
def test_names_and_titles_decide_the_order_when_nothing_else_does(
    people, data, title_first, dash
):
    """No name repeats and none is known, so only the words can tell, and
    the reading still says it is a guess, with the other order one click away."""
    spoken = data.draw(
        st.lists(
            spoken_title(), min_size=len(people), max_size=len(people), unique=True
        )
    )
    tracks = list(zip(spoken, people, strict=True))
    text = "\n".join(
        f"{n}. {title}{dash}{who}" if title_first else f"{n}. {who}{dash}{title}"
        for n, (title, who) in enumerate(tracks, 1)
    )

    listing = parse_tracklist(text)

    assert listing.order == (TITLE_ARTIST if title_first else "artist-title")
    assert pairs(listing) == tracks
    guessed = [w for w in listing.warnings if w.code == WarningCode.ORDER_GUESSED]
    assert len(guessed) == 1
    assert guessed[0].alternative.value == (
        "artist-title" if title_first else TITLE_ARTIST
    )


def test_names_that_look_alike_on_both_sides_leave_the_usual_order():
    """ "Lazy Eye - Silversun Pickups": no first name, no spoken word; the
    words do not decide, so the tie goes to artist-title as before."""
    listing = parse_tracklist("1. Lazy Eye - Silversun Pickups\n2. Eightball - Zoinks")

    assert listing.order == "artist-title"
    assert WarningCode.ORDER_GUESSED in {w.code for w in listing.warnings}


# -- remarks after the artist (docs: "A remark in brackets after the artist") -

REMARKS = [
    "(1982)",
    "(OC soundtrack)",
    "(her new album is awesome)",
    "[live favourite]",
]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=2, max_size=6, unique=True),
    st.data(),
    st.sampled_from(["artist-title", TITLE_ARTIST]),
)
def test_a_remark_in_brackets_after_the_artist_is_not_part_of_its_name(
    picked, data, order
):
    tracks = [
        (t, data.draw(names), data.draw(st.sampled_from(REMARKS))) for t in picked
    ]
    text = "\n".join(
        f"{n}. {artist} {remark} - {title}"
        if order == "artist-title"
        else f"{n}. {title} - {artist} {remark}"
        for n, (title, artist, remark) in enumerate(tracks, 1)
    )

    listing = parse_tracklist(text, order=order)

    assert pairs(listing) == [(title, artist) for title, artist, _ in tracks]


def test_a_bracket_naming_a_guest_after_the_artist_is_not_dropped():
    """Only a remark goes: a guest in brackets is still part of the credit."""
    for guest in ("(feat. Vince Baxter)", "(with Vince Baxter)", "(& Vince Baxter)"):
        listing = parse_tracklist(
            f"1. Mara Quinn {guest} - Golden Night", order="artist-title"
        )

        credit = "".join(a.name + a.join for a in listing.tracks[0].artists)
        assert "Mara Quinn" in credit and "Vince Baxter" in credit


# -- translations (docs: "A translation in brackets in another script") ------

SCRIPTS = {
    "cyrillic": ["Зима", "Ночь", "Река", "Огонь"],
    "hangul": ["겨울", "밤", "강", "불꽃"],
    "cjk": ["冬の夜", "カーニバル", "月光", "炎と森"],
    "latin": ["Winter", "Night", "River", "Fire"],
}


@settings(max_examples=100, deadline=None)
@given(st.data(), st.sampled_from(sorted(SCRIPTS)), st.sampled_from(sorted(SCRIPTS)))
def test_a_translation_in_brackets_in_another_script_is_left_out(data, own, other):
    title = " ".join(
        data.draw(st.lists(st.sampled_from(SCRIPTS[own]), min_size=1, max_size=3))
    )
    bracket = " ".join(
        data.draw(st.lists(st.sampled_from(SCRIPTS[other]), min_size=1, max_size=3))
    )
    version = data.draw(st.sampled_from(["Instrumental", "Live", "MUSIC VIDEO"]))

    listing = parse_tracklist(f"1. {title} ({bracket})\n2. {title} ({version})")

    translated, versioned = listing.tracks
    assert translated.title == (title if own != other else f"{title} ({bracket})")
    assert versioned.title == f"{title} ({version})"


# -- footnote marks, glued slashes, remarks after a track --------------------


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=8, unique=True),
    st.data(),
    st.sampled_from(["*", "**", "†"]),
)
def test_a_mark_glued_before_a_track_marks_it_and_the_footnote_stays_a_footnote(
    picked, data, mark
):
    """'*January – Pilot' is a marked track; '* - I own this song.' explains it."""
    tracks = [(t, data.draw(names)) for t in picked]
    marked = data.draw(
        st.lists(st.booleans(), min_size=len(picked), max_size=len(picked))
    )
    lines = [f"{mark} - I own the marked songs."]
    lines += [
        f"{mark if m else ''}{title} – {artist}"
        for (title, artist), m in zip(tracks, marked, strict=True)
    ]

    listing = parse_tracklist("\n".join(lines), order=TITLE_ARTIST)

    assert pairs(listing) == tracks
    assert [u.line_no for u in listing.unparsed] == [1]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(names, titles), min_size=3, max_size=8, unique=True))
def test_artist_slash_title_glued_on_most_lines_splits_there(tracks):
    text = "\n".join(
        f"{n} {artist.lower()}/{title.lower()}"
        for n, (artist, title) in enumerate(tracks, 1)
    )

    listing = parse_tracklist(text, order="artist-title")

    assert pairs(listing) == [(t.lower(), a.lower()) for a, t in tracks]


def test_a_slash_inside_one_name_is_no_separator_in_a_dashed_listing():
    listing = parse_tracklist("1. AC/DC - Thunderstruck\n2. Girl/Boy - Aphex Twin")

    assert listing.tracks[0].title in {"Thunderstruck", "AC/DC"}
    assert "AC/DC" in {listing.tracks[0].title, listing.tracks[0].artists[0].name}


SENTENCES = [
    "Every time I hear this song, it takes me back to being eight again.",
    "Let's get this one out of the way, there is nothing new to say.",
    "Originally recorded by another band, it was reworked for the live album.",
]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(titles, names), min_size=2, max_size=6, unique=True),
    st.data(),
)
def test_a_remark_after_a_colon_or_a_sentence_after_a_dash_is_not_the_track(
    tracks, data
):
    """A countdown's 'Title – Artist: remark' and a playlist's 'Title – remark'."""
    remarks = [data.draw(st.sampled_from(SENTENCES)) for _ in tracks]
    colon = "\n".join(
        f"- {title} – {artist}: {remark}"
        for (title, artist), remark in zip(tracks, remarks, strict=True)
    )
    dash = "\n".join(
        f"{n}. {title} – {remark}"
        for n, ((title, _), remark) in enumerate(zip(tracks, remarks, strict=True), 1)
    )

    assert pairs(parse_tracklist(colon, order=TITLE_ARTIST)) == list(tracks)
    assert [t.title for t in parse_tracklist(dash).tracks] == [t for t, _ in tracks]


def test_a_subtitle_after_a_colon_stays_in_the_title():
    listing = parse_tracklist(
        "1. Good Charlotte - Interlude: The Fifth Chamber", order="artist-title"
    )

    assert listing.tracks[0].title == "Interlude: The Fifth Chamber"


def test_a_long_credit_with_abbreviations_after_the_dash_is_no_sentence():
    """'feat.', 'Bros.' and 'Vol.' end no sentence: the credit is kept whole."""
    listing = parse_tracklist(
        "1. Golden Night - Mara Quinn and Vince Baxter feat. Okafor Brandt Tanaka",
        order=TITLE_ARTIST,
    )

    assert [a.name for a in listing.tracks[0].artists] == [
        "Mara Quinn",
        "Vince Baxter",
        "Okafor Brandt Tanaka",
    ]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=8, unique=True),
    st.integers(min_value=1, max_value=3),
    st.sampled_from(["{n})", "{n}."]),
)
def test_a_lone_number_numbers_the_title_past_a_scraped_tables_cell_borders(
    picked, borders, style
):
    """A shop's table flattened to text: '1)', '|', '|', the title, '|', '|'."""
    lines = ["|", "Tracks:"]
    for n, title in enumerate(picked, 1):
        lines += [style.format(n=n), *["|"] * borders, title, "|", "|"]

    listing = parse_tracklist("\n".join(lines))

    assert [(t.position, t.title) for t in listing.tracks] == [
        (str(n), title) for n, title in enumerate(picked, 1)
    ]
    borders_reported = {u.line_no for u in listing.unparsed if u.line.strip() == "|"}
    assert borders_reported == {n for n, line in enumerate(lines, 1) if line == "|"}


# Titles wrapped onto a second line, and rows broken after their number.

LOWER_RESTS = ["ella ?", "momento", "no", "de noche", "y la luna", "¿ verdad ?"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(titles, min_size=5, max_size=10, unique=True),
    st.sampled_from(LOWER_RESTS),
    st.data(),
)
def test_a_title_wrapped_onto_the_next_line_is_one_track(picked, rest, data):
    wrapped = data.draw(st.sets(st.integers(0, len(picked) - 2), min_size=1))
    wrapped = set(sorted(wrapped)[: (len(picked) - 1) // 2])
    lines = []
    for n, title in enumerate(picked, 1):
        lines.append(f"{n}. {title}")
        if n - 1 in wrapped:
            lines.append(rest)

    listing = parse_tracklist("\n".join(lines))

    expected = [
        f"{title} {rest}" if n in wrapped else title for n, title in enumerate(picked)
    ]
    assert [t.title for t in listing.tracks] == expected
    assert [t.artists for t in listing.tracks] == [()] * len(picked)
    assert listing.unparsed == ()


@settings(max_examples=50, deadline=None)
@given(st.lists(titles, min_size=2, max_size=4, unique=True), names, names)
def test_a_capitalised_line_where_the_numbering_restarts_is_no_wrap(
    picked, first, second
):
    """A name between groups numbered from 1 heads the group under it."""
    lines = [first] + [f"{n}. {t}" for n, t in enumerate(picked, 1)]
    lines += [second] + [f"{n}. {t} Two" for n, t in enumerate(picked, 1)]

    listing = parse_tracklist("\n".join(lines))

    assert [t.title for t in listing.tracks] == picked + [f"{t} Two" for t in picked]


@settings(max_examples=100, deadline=None)
@given(st.lists(titles, min_size=3, max_size=8, unique=True))
def test_the_full_stop_closing_most_items_is_not_part_of_the_title(picked):
    lines = [f"{n}. {t}." for n, t in enumerate(picked, 1)]
    lines[-1] = f"{len(picked)}. {picked[-1]}..."

    listing = parse_tracklist("\n".join(lines))

    assert [t.title for t in listing.tracks] == picked[:-1] + [f"{picked[-1]}..."]


@settings(max_examples=100, deadline=None)
@given(st.lists(titles, min_size=3, max_size=8, unique=True), st.data())
def test_a_table_row_broken_after_its_number_is_one_track(picked, data):
    broken = data.draw(st.integers(0, len(picked) - 1))
    lines = ["# | Title | Length |", "---|---|---|"]
    for n, title in enumerate(picked, 1):
        if n - 1 == broken:
            lines += [f"{n} |", f"{title} | 03:{n:02d} |"]
        else:
            lines.append(f"{n} | {title} | 03:{n:02d} |")

    listing = parse_tracklist("\n".join(lines))

    assert [(t.position, t.title, t.duration_seconds) for t in listing.tracks] == [
        (str(n), t, 180 + n) for n, t in enumerate(picked, 1)
    ]
    assert [t.artists for t in listing.tracks] == [()] * len(picked)


# Track-by-track prose.

PROSE_SENTENCES = ["Un brano diretto che parla del", "A slow song about leaving",
             "Ispirato all'onda", "Gioca sul significato di"]  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(st.lists(titles, min_size=2, max_size=6, unique=True), st.data())
def test_numbered_quoted_titles_inside_a_review_s_prose_are_its_tracks(picked, data):
    lines = []
    for n, title in enumerate(picked, 1):
        before = "TRACK BY TRACK" if n == 1 else "tra nostalgia e realtà."
        after = data.draw(st.sampled_from(PROSE_SENTENCES))
        lines.append(f"{before} {n}. “{title}” – {after}")
        lines.append("desiderio di fuga e di frustrazione verso un contesto che")

    listing = parse_tracklist("\n".join(lines))

    assert [(t.position, t.title) for t in listing.tracks] == [
        (str(n), t) for n, t in enumerate(picked, 1)
    ]
    assert [u.line_no for u in listing.unparsed] == list(range(2, len(lines) + 1, 2))


@settings(max_examples=50, deadline=None)
@given(st.lists(titles, min_size=2, max_size=6, unique=True), names)
def test_an_ordinary_numbered_quoted_title_and_artist_is_no_prose(picked, artist):
    lines = [f'{n}. "{t}" - {artist} Band' for n, t in enumerate(picked, 1)]

    listing = parse_tracklist("\n".join(lines))

    assert pairs(listing) == [(t, f"{artist} Band") for t in picked]


@settings(max_examples=50, deadline=None)
@given(st.lists(titles, min_size=2, max_size=6, unique=True), names)
def test_a_bulleted_numbered_quoted_title_with_a_dash_inside_is_no_prose(
    picked, artist
):
    """A bullet before the number is not prose (hypothesis found '• 1. "1999 -
    Zzåhvn" by 1999' cut to the track "1999")."""
    lines = [f'• {n}. "{t} - Mix" by {artist}' for n, t in enumerate(picked, 1)]

    listing = parse_tracklist("\n".join(lines), known_artists=[artist])

    assert pairs(listing) == [(f"{t} - Mix", artist) for t in picked]


# Numbered tracks with notes between them.

NOTES = ["봄에 꾸는 꿈이라는 뜻으로, 덧없는 인생을 비유적으로 표현한 노래이다.",
         "작곡 정경천 / 작사 나훈아 / 편곡 정경천", "作詞/作曲:つんく 編曲:平田祥一郎",
         "Recorded live at the Paradiso in Amsterdam, 1997.",
         "Written by the drummer on tour."]  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(st.lists(titles, min_size=3, max_size=6, unique=True), st.data())
def test_lines_between_tracks_numbered_one_two_three_are_notes(picked, data):
    # Not one line under every title: that layout is a two-line record.
    lines = []
    for n, title in enumerate(picked, 1):
        lines.append(f"{n}.{title}")
        if n == 1:
            lines += [NOTES[1], NOTES[2]]
        lines += data.draw(st.lists(st.sampled_from(NOTES), min_size=1, max_size=4))

    listing = parse_tracklist("\n".join(lines))

    assert [(t.position, t.title, t.artists) for t in listing.tracks] == [
        (str(n), t, ()) for n, t in enumerate(picked, 1)
    ]
    numbered = {t.line_no for t in listing.tracks}
    assert [u.line_no for u in listing.unparsed] == [
        n for n in range(1, len(lines) + 1) if n not in numbered
    ]
