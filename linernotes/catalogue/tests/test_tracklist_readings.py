"""Shapes read against the rest of the listing, not one line at a time (issue 12).

Each test generates one shape of docs/tracklist-format.md whose reading is
settled by what the other lines say ("Section markers", "Column names",
"Brackets that credit someone", "A cover credit") and reads it back.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from linernotes.catalogue.tracklist import Reason, parse_tracklist

TITLES = "Burning Heart River Golden Night Fire Street Winter Glass Echo".split()
NAMES = "Mara Vince Kovac Lindqvist Okafor Baxter Moreau Tanaka Quinn Brandt".split()
SECTION_WORDS = ["Sida", "Lado", "Strona", "Seite", "Kant", "Face", "Set", "SET"]

titles = st.lists(st.sampled_from(TITLES), min_size=1, max_size=3).map(" ".join)
names = st.lists(st.sampled_from(NAMES), min_size=2, max_size=2).map(" ".join)


def reasons(listing) -> dict[int, Reason]:
    return {u.line_no: u.reason for u in listing.unparsed}


# Section markers.


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(SECTION_WORDS),
    st.sampled_from([("A", "B"), ("1", "2"), ("I", "II")]),
    st.lists(titles, min_size=2, max_size=4, unique=True),
    st.lists(titles, min_size=2, max_size=4, unique=True),
)
def test_a_word_and_a_mark_used_twice_heads_a_section(word, marks, first, second):
    """'Sida A' … 'Sida B' above numbered titles: sides, never their artist."""
    lines = [f"{word} {marks[0]}", ""]
    lines += [f"{n}. {t}" for n, t in enumerate(first, 1)]
    lines += ["", f"{word} {marks[1]}", ""]
    lines += [f"{n}. {t}" for n, t in enumerate(second, 1)]

    listing = parse_tracklist("\n".join(lines))

    assert [(t.title, t.artists) for t in listing.tracks] == [
        (t, ()) for t in first + second
    ]
    heading = Reason.SIDE_HEADING if marks[0] == "A" else Reason.HEADING
    assert reasons(listing) == {1: heading, len(first) + 4: heading}


def test_one_word_and_a_mark_alone_is_still_read_as_before():
    """Tried: 'Sida A' once, above numbered titles: only a heading, as any
    lone line above them, with the alternative to make it their artist."""
    listing = parse_tracklist("Sida A\n1. River\n2. Echo")

    assert reasons(listing) == {1: Reason.HEADING}
    assert [t.artists for t in listing.tracks] == [(), ()]


# Column names.

COLUMN_ROWS = ["N.º Título Duração", "Nr. Titel Duur", "No. Title Length",
               "Titre Durée", "# | Title | Time", "Track Artist"]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(COLUMN_ROWS),
    st.lists(titles, min_size=2, max_size=6, unique=True),
    st.sampled_from(["Faixas", "Tracklist", ""]),
)
def test_a_row_of_column_names_is_a_heading_not_an_artist(row, picked, above):
    lines = [above, ""] if above else []
    lines += [row] + [f'{n}. "{t}"   3:4{n % 10}' for n, t in enumerate(picked, 1)]

    listing = parse_tracklist("\n".join(lines))

    assert [(t.title, t.artists) for t in listing.tracks] == [(t, ()) for t in picked]
    assert reasons(listing)[lines.index(row) + 1] == Reason.HEADING


def test_a_song_called_title_track_is_no_row_of_column_names():
    """Tried: 'Title Track' among titles: one kind of column word twice."""
    listing = parse_tracklist("River\nTitle Track\nEcho")

    assert [t.title for t in listing.tracks] == ["River", "Title Track", "Echo"]


@settings(max_examples=40, deadline=None)
@given(st.lists(titles, min_size=3, max_size=6, unique=True), st.data())
def test_a_quoted_line_is_never_the_artist_of_the_titles_under_it(picked, data):
    """A medley's parts in quotes between numbered titles stay out of credits."""
    part = data.draw(titles)
    lines = [f'{n}. "{t}"' for n, t in enumerate(picked, 1)]
    lines.insert(1, f'  • "{part}"')
    lines.insert(0, "Faixas")

    listing = parse_tracklist("\n".join(lines))

    assert all(t.artists == () for t in listing.tracks)
    assert [t.title for t in listing.tracks if t.position] == picked


# Brackets that credit someone.


@settings(max_examples=80, deadline=None)
@given(st.lists(titles, min_size=3, max_size=8, unique=True), st.data())
def test_brackets_closing_most_titles_credit_someone(picked, data):
    """'Cast In Steel (Waaktaar-Savoy)': on most lines, a credit, not a title."""
    credits = [data.draw(st.sampled_from(NAMES + ["Waaktaar-Savoy"])) for _ in picked]
    # Three brackets at least, on half the titles or more.
    plain = data.draw(st.integers(0, min(len(picked) - 3, len(picked) // 2)))
    lines = [
        f"{n:02d}. {t}" + (f" ({c})" if n > plain else "")
        for n, (t, c) in enumerate(zip(picked, credits, strict=True), 1)
    ]

    listing = parse_tracklist("\n".join(lines))

    assert [t.title for t in listing.tracks] == picked
    assert [t.writers for t in listing.tracks] == [
        c if n > plain else "" for n, c in enumerate(credits, 1)
    ]


@settings(max_examples=60, deadline=None)
@given(st.lists(titles, min_size=4, max_size=8, unique=True), st.data())
def test_a_subtitle_on_a_few_titles_stays_in_them(picked, data):
    """Tried: one title in three with a bracket ('Lean on Me (Ah-Li-Ayo)')."""
    subtitle = data.draw(st.sampled_from(["Ah-Li-Ayo", "Hey Oh", "Volare"]))
    lines = [f"{n}. {t}" for n, t in enumerate(picked, 1)]
    lines[0] += f" ({subtitle})"

    listing = parse_tracklist("\n".join(lines))

    assert listing.tracks[0].title == f"{picked[0]} ({subtitle})"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=6, unique=True),
    st.sampled_from(["med", "con", "avec", "mit", "met", "com"]),
    names,
)
def test_a_guest_in_brackets_in_any_language_stays_in_the_title(picked, word, guest):
    lines = [f'{n}. "{t}" ({word} {guest})' for n, t in enumerate(picked, 1)]

    listing = parse_tracklist("\n".join(lines))

    kept = [f"{t} ({word} {guest})" for t in picked]
    assert [t.title for t in listing.tracks] == kept


# A cover credit, and marks that say nothing of the title.


@settings(max_examples=80, deadline=None)
@given(
    st.lists(titles, min_size=2, max_size=6, unique=True),
    st.sampled_from(["cover di", "Cover di", "cover by", "cover van", "originally by"]),
    names,
    st.booleans(),
)
def test_a_cover_credit_after_a_title_is_kept_out_of_it(picked, words, act, dashed):
    """'War (cover di Edwin Starr)', 'Boom Boom – Cover di John Lee Hooker'."""
    covered = f" – {words} {act}" if dashed else f" ({words} {act})"
    lines = ["Tunnel of Love"] + [t + covered for t in picked] + ["Seeds"]

    listing = parse_tracklist("\n".join(lines))

    assert [(t.title, t.artists) for t in listing.tracks] == [
        (t, ()) for t in ["Tunnel of Love", *picked, "Seeds"]
    ]
    assert [t.writers for t in listing.tracks[1:-1]] == [f"{words} {act}"] * len(picked)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(titles, min_size=2, max_size=6, unique=True),
    st.sampled_from(["[бонус-трек]", "[bonus track]", "(Bonus)", "()", "[ ]"]),
)
def test_a_bonus_mark_or_an_empty_bracket_is_no_part_of_the_title(picked, mark):
    lines = [f"{n}. {t} {mark}" for n, t in enumerate(picked, 1)]

    listing = parse_tracklist("\n".join(lines))

    assert [t.title for t in listing.tracks] == picked


# One-line listings of quoted titles, and the prose around them.

REMARKS = ["(Knappe cover door Ringo Starr)", "{Carl Perkins}", "(Coproducer X)",
           "(Een grote hit voor Three Dog Night)", ""]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=8, unique=True),
    st.data(),
    st.sampled_from(["'", "“"]),
)
def test_quoted_titles_with_remarks_between_semicolons_are_tracks(picked, data, q):
    """ "'A' (remark); 'B'; 'C' {Writer}." under a heading, prose around it."""
    close = "”" if q == "“" else "'"
    pieces = [f"{q}{t}{close} {data.draw(st.sampled_from(REMARKS))}" for t in picked]
    lines = [
        "Die dag was ik verheugd de elpee terug te vinden in de winkel.",
        "Tracklist:",
        "; ".join(p.strip() for p in pieces) + ".",
        "De auteursversie met een sterke boodschap, helaas!",
    ]

    listing = parse_tracklist("\n".join(lines))

    assert [(t.line_no, t.title) for t in listing.tracks] == [(3, t) for t in picked]
    assert [u.line_no for u in listing.unparsed] == [1, 2, 4]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["Let's Go", "Lover's Prayer", "Uncle Bob's Blues"]))
def test_an_apostrophe_inside_a_title_in_single_quotes_closes_nothing(title):
    listing = parse_tracklist(f"1. '{title}'\n2. 'River'\n3. 'Echo'")

    assert [t.title for t in listing.tracks] == [title, "River", "Echo"]


# A Discogs page: a release heading, format lines, credit lines under tracks.

CREDIT_ROLES = ["Composed By", "Written-By", "Producer", "Lyrics By", "Arranged By"]


@settings(max_examples=80, deadline=None)
@given(st.lists(titles, min_size=3, max_size=8, unique=True), names, st.data())
def test_credit_lines_under_vinyl_positions_are_notes(picked, act, data):
    lines = [f"{act} – Festival", "", "CNR – 539.001", "Vinyl, LP, Album", ""]
    for n, title in enumerate(picked, 1):
        lines.append(f"{'AB'[n > 4]}{(n - 1) % 4 + 1} {title}")
        role = data.draw(st.sampled_from(CREDIT_ROLES))
        lines.append(f"{role} – {data.draw(names)}, {data.draw(names)}")

    listing = parse_tracklist("\n".join(lines))

    assert [(t.title, t.artists[0].name) for t in listing.tracks] == [
        (t, act) for t in picked
    ]
    found = reasons(listing)
    assert found[1] == Reason.RELEASE_HEADING
    assert found[3] == Reason.LABEL_LINE
    assert all(found[n] == Reason.NOTE for n in range(7, len(lines) + 1, 2))


def test_a_track_called_music_and_a_year_after_a_name_are_still_tracks():
    """Tried: 'Music – Madonna' ('Music' without 'By' is no credit) and
    'Prince – 1999' (a number with no break in it is no catalogue number)."""
    text = "Music – Madonna\nRiver – Mara Quinn\n1999 – Prince"

    listing = parse_tracklist(text, order="title-artist")

    assert [t.title for t in listing.tracks] == ["Music", "River", "1999"]
    assert parse_tracklist("Prince – 1999\nMara – River").tracks[0].title == "1999"


# Credits after the performer, and a length before a credit.

ABBREVIATED = ["muz. {w}, sł. {v}", "muz. i sł. {w}", "sł. {v}, tł. pol. {w}",
               "arr. {w}", "muz. {w}, CD {v}"]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(titles, min_size=3, max_size=8, unique=True), st.data())
def test_abbreviated_credits_after_the_performer_are_writers(picked, data):
    """'Pat – Elżbieta Adamiak, muz. Elżbieta Adamiak, sł. Zofia Chałupska'."""
    rows = []
    for title in picked:
        act, w, v = data.draw(names), data.draw(names), data.draw(names)
        credit = data.draw(st.sampled_from(ABBREVIATED)).format(w=w, v=v)
        rows.append((title, act, credit))
    text = "\n".join(f"{n}. {t} – {a}, {c}" for n, (t, a, c) in enumerate(rows, 1))

    listing = parse_tracklist(text, order="title-artist")

    assert [(t.title, t.artists[0].name, t.writers) for t in listing.tracks] == rows


@settings(max_examples=60, deadline=None)
@given(
    st.lists(titles, min_size=2, max_size=6, unique=True),
    st.integers(60, 599),
    names,
)
def test_a_length_before_a_credit_in_brackets_is_the_duration(picked, seconds, who):
    """'"Hasret" (3:42) (söz: Nahman Varon, müzik: Georges Moustaki)'."""
    length = f"{seconds // 60}:{seconds % 60:02d}"
    lines = [f'{n}. "{t}" ({length}) (söz: {who})' for n, t in enumerate(picked, 1)]

    listing = parse_tracklist("\n".join(lines))

    assert [(t.title, t.duration_seconds, t.writers) for t in listing.tracks] == [
        (t, seconds, f"söz: {who}") for t in picked
    ]


# Bare numbers that count, and a heading over bare titles.


@settings(max_examples=60, deadline=None)
@given(st.lists(titles, min_size=3, max_size=8, unique=True), st.data())
def test_bare_numbers_counting_up_over_artist_lines_are_positions(picked, data):
    """'01 - Маскарад (writers)' then 'Игорь Саруханов': half the lines are
    numbered, but 01, 02, 03… cannot be an artist's name."""
    acts = data.draw(
        st.lists(
            st.sampled_from(NAMES),
            min_size=len(picked),
            max_size=len(picked),
            unique=True,
        )
    )
    lines = ["Содержание:"]
    for n, (title, act) in enumerate(zip(picked, acts, strict=True), 1):
        lines += [f"{n:02d} - {title} (А.Козлов)", act]

    listing = parse_tracklist("\n".join(lines), known_artists=acts)

    assert [(t.position, t.title, t.artists[0].name) for t in listing.tracks] == [
        (f"{n:02d}", t, a) for n, (t, a) in enumerate(zip(picked, acts, strict=True), 1)
    ]


@settings(max_examples=60, deadline=None)
@given(
    names,
    st.lists(titles, min_size=3, max_size=8, unique=True),
    st.sampled_from(["[edit]", "[bewerken | brontekst bewerken]", ""]),
    st.booleans(),
)
def test_one_dashed_line_over_bare_titles_is_their_release(act, picked, edit, bullets):
    """'Lloyd Cole & the Commotions - Rattlesnakes (1984)' over '- "Title" – 3:13'."""
    lines = ["Album 29/1001", f"{act} - Some Album (1984)", f"Side one{edit}"]
    mark = "- " if bullets else ""
    lines += [f'{mark}"{t}" – 3:{n:02d}' for n, t in enumerate(picked, 10)]

    listing = parse_tracklist("\n".join(lines))

    assert [(t.title, t.artists[0].name) for t in listing.tracks] == [
        (t, act) for t in picked
    ]
    assert reasons(listing) == {
        1: Reason.NOTE,
        2: Reason.RELEASE_HEADING,
        3: Reason.SIDE_HEADING,
    }


def test_a_dashed_track_among_bare_titles_lower_down_is_still_a_track():
    """Tried: the dashed line after three titles: not a heading over them."""
    listing = parse_tracklist("River\nEcho\nGlass\nMara Quinn - Fire")

    assert listing.tracks[-1].title == "Fire"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=8, unique=True),
    st.lists(st.integers(10, 599), min_size=8, max_size=8),
    st.sampled_from(["({t}), ", ", {t} "]),
)
def test_lengths_inside_one_line_close_its_tracks(picked, seconds, style):
    """'Preface (1:16), Launch Overture (6:10), …' and 'Deutschland, 5:23 Radio'."""
    lengths = [f"{s // 60}:{s % 60:02d}" for s in seconds]
    line = "".join(
        f"{t} " + style.format(t=lengths[n]) if style.startswith("(") else
        f"{t}" + style.format(t=lengths[n])
        for n, t in enumerate(picked)
    )  # fmt: skip

    listing = parse_tracklist("Track List:\n" + line.strip().rstrip(","))

    assert [(t.title, t.duration_seconds) for t in listing.tracks] == list(
        zip(picked, seconds, strict=False)
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(titles, min_size=2, max_size=4, unique=True), st.data())
def test_a_sentence_between_numbered_groups_heads_none_of_them(picked, data):
    """Commentary between singles ('… シングルです。', '… on tour.') is a note,
    never the artist of the titles under it."""
    sentence = data.draw(
        st.sampled_from(
            ["ミカバンドのシングルです。", "We saw them play this on tour."]
        )
    )
    lines = []
    for group in range(2):
        lines += [f"TRACK {n} 「{t}」" for n, t in enumerate(picked, 1)]
        lines.append(sentence if group == 0 else "Another note about this one.")

    listing = parse_tracklist("\n".join(lines))

    assert all(t.artists == () for t in listing.tracks)
    assert len(listing.tracks) == 2 * len(picked)


@settings(max_examples=40, deadline=None)
@given(st.lists(titles, min_size=3, max_size=6, unique=True), st.data())
def test_the_original_act_and_year_in_brackets_are_credits(picked, data):
    """'・青空 (THE BLUE HEARTS / 1989年)' on most lines; 'AKB48' keeps its digits."""
    acts = [
        data.draw(st.sampled_from(["THE BLUE HEARTS", "AKB48", "絢香"])) for _ in picked
    ]
    lines = ["【CD+DVD盤】"] + [
        f"・{t} ({a} / 1989年)" for t, a in zip(picked, acts, strict=True)
    ]

    listing = parse_tracklist("\n".join(lines))

    assert [(t.title, t.writers) for t in listing.tracks] == [
        (t, f"{a} / 1989年") for t, a in zip(picked, acts, strict=True)
    ]
    assert reasons(listing) == {1: Reason.NOTE}


# Labelled records.


@settings(max_examples=60, deadline=None)
@given(
    st.lists(titles, min_size=2, max_size=5, unique=True),
    st.data(),
    st.booleans(),
)
def test_labelled_records_give_title_artist_and_length(picked, data, inline):
    """A play log ('Länge: 03:26', 'Interpretation: X', 'Komposition: Y') and a
    video page's box ('Song' / title / 'Artist' / name / 'Album' / album)."""
    rows = [(t, data.draw(names), data.draw(st.integers(60, 599))) for t in picked]
    lines = ["Musik-Laufplan", ""]
    for title, act, seconds in rows:
        length = f"{seconds // 60:02d}:{seconds % 60:02d}"
        if inline:
            lines += [title, "", f"Länge: {length}", "", f"Interpretation: {act}", ""]
            lines += ["Komposition: Jean Ferrat", "", "Label: LASER LIGHT", ""]
        else:
            lines += ["Song", title, "Artist", act, "Length", length, "Album", "Glass"]

    listing = parse_tracklist("\n".join(lines))

    assert [
        (t.title, t.artists[0].name, t.duration_seconds) for t in listing.tracks
    ] == rows
    read = {n for t in listing.tracks for n in (t.line_no, *t.more_lines)}
    reported = {u.line_no for u in listing.unparsed}
    content = {n for n, line in enumerate(lines, 1) if line.strip()}
    assert read | reported == content and not read & reported


def test_one_artist_field_is_no_labelled_listing():
    """Tried: 'Artist: Mara' over plain titles: a header, read as before."""
    listing = parse_tracklist("Artist: Mara Quinn\nRiver\nEcho\nGlass")

    assert [(t.title, t.artists[0].name) for t in listing.tracks] == [
        ("River", "Mara Quinn"), ("Echo", "Mara Quinn"), ("Glass", "Mara Quinn")
    ]  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.lists(titles, min_size=3, max_size=6, unique=True), names, st.booleans())
def test_a_year_in_brackets_closed_by_a_full_stop_is_dropped(picked, act, stop):
    """'11. Lean on Me, Red Box (1985).' as the mixtape post wrote it."""
    end = "." if stop else ""
    lines = [f"{n}. {t} – {act} (1985){end}" for n, t in enumerate(picked, 1)]

    listing = parse_tracklist("\n".join(lines), known_artists=[act])

    assert [(t.title, t.artists[0].name) for t in listing.tracks] == [
        (t, act) for t in picked
    ]


# Lines that run on, release details, and lines about the record.


@settings(max_examples=60, deadline=None)
@given(st.lists(titles, min_size=2, max_size=5, unique=True), st.data())
def test_a_bracket_left_open_is_closed_on_the_next_line(picked, data):
    """'Танец утят (французская нар. песня – рус. текст' / 'Ю. Энтина) — Артист'."""
    acts = [data.draw(names) for _ in picked]
    lines = []
    for n, (title, act) in enumerate(zip(picked, acts, strict=True), 1):
        lines += [f"{n}. {title} (Kovac – Lindqvist", f"Brandt) — {act}"]

    listing = parse_tracklist("\n".join(lines), order="title-artist")

    assert [(t.title, t.artists[0].name, t.more_lines) for t in listing.tracks] == [
        (t, a, (2 * n,)) for n, (t, a) in enumerate(zip(picked, acts, strict=True), 1)
    ]
    assert listing.unparsed == ()


@settings(max_examples=60, deadline=None)
@given(st.lists(titles, min_size=2, max_size=5, unique=True), names, st.booleans())
def test_release_details_in_brackets_after_a_track_are_dropped(picked, act, tail):
    """'* The Residents - Another Land (_Mark of the Mole_, Torso, 1981, USA)'."""
    end = "; 1.30" if tail else ""
    lines = [f"* {act} - {t} (_Glass_, Torso, 1981, USA){end}" for t in picked]

    listing = parse_tracklist("\n".join(lines))

    assert [(t.title, t.artists[0].name) for t in listing.tracks] == [
        (t, act) for t in picked
    ]


def test_a_live_version_with_a_place_and_a_year_stays_in_the_title():
    """Tried: '(Live at Wembley, London, 1986)': a version, not release details."""
    listing = parse_tracklist("Queen - Radio Ga Ga (Live at Wembley, London, 1986)")

    assert listing.tracks[0].title == "Radio Ga Ga (Live at Wembley, London, 1986)"


PLAYERS = ["vocals, acoustic piano", "guitars, vocals", "drums, percussion",
           "bass", "lead vocals and rhythm guitar"]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(titles, min_size=2, max_size=5, unique=True), st.data())
def test_personnel_lines_and_tracklist_headings_are_not_tracks(picked, data):
    """'Freddie Mercury – vocals, acoustic piano' under the tracks, and
    "Tracklist for 'Jazz'" over them."""
    heading = data.draw(
        st.sampled_from(["Tracklist for 'Jazz'", "‘Jazz’ Tracklist", "2 트랙 리스트"])
    )
    lines = [heading] + [f'{n}. "{t}" – 3:0{n}' for n, t in enumerate(picked, 1)]
    players = [f"{data.draw(names)} – {data.draw(st.sampled_from(PLAYERS))}"]
    lines += ["Personnel"] + players

    listing = parse_tracklist("\n".join(lines))

    assert [t.title for t in listing.tracks] == picked
    assert set(reasons(listing)) == {1, len(picked) + 2, len(picked) + 3}


@settings(max_examples=40, deadline=None)
@given(st.lists(titles, min_size=2, max_size=4, unique=True), names)
def test_hours_with_a_subtitle_head_the_tracks_under_them(picked, act):
    """'Hour 2—On This Day…', 'Hour 3—Feature album: …': a radio show's parts."""
    lines = ["Hour 1—Openers"] + [f"{t}—{act}" for t in picked]
    lines += ["Hour 2—Feature album: Body and Soul"] + [f"{t}—{act}" for t in picked]

    listing = parse_tracklist("\n".join(lines), order="title-artist")

    assert reasons(listing) == {1: Reason.HEADING, len(picked) + 2: Reason.HEADING}
    assert len(listing.tracks) == 2 * len(picked)


def test_track_numbers_with_a_colon_are_positions_not_sections():
    """Tried: 'Track 1: Friendly Fires - Hawaiian Air', 'Track 2: …'."""
    listing = parse_tracklist("Track 1: Mara - River\nTrack 2: Quinn - Echo")

    assert [(t.position, t.title) for t in listing.tracks] == [
        ("1", "River"),
        ("2", "Echo"),
    ]


def test_a_range_of_years_glued_by_a_dash_splits_nothing():
    """Tried: 'Записи 1983—1984 годов' under title—artist tracks: a note."""
    listing = parse_tracklist(
        "River—Mara Quinn\nEcho—Vince Okafor\nЗаписи 1983—1984 годов"
    )

    assert [u.line_no for u in listing.unparsed] == [3]


def test_a_short_sentence_with_a_comma_is_a_note():
    """Tried: 'Grab your Discman, because here it is.' over 'Artist, Title'."""
    text = (
        "Grab your Discman, because here it is.\nMara, River\nQuinn, Echo\nBaxter, Fire"
    )

    listing = parse_tracklist(text)

    assert [u.line_no for u in listing.unparsed] == [1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(titles, min_size=2, max_size=6, unique=True),
    st.data(),
    st.sampled_from(["{}", "{}/10"]),
)
def test_a_mark_out_of_ten_after_every_title_is_no_artist(picked, data, style):
    """'1. Crying In The Rain - 8' under 'Songlist (ratings out of 10):'."""
    marks = [style.format(data.draw(st.integers(0, 10))) for _ in picked]
    lines = ["Songlist (ratings out of 10):"]
    lines += [
        f"{n}. {t} - {m}" for n, (t, m) in enumerate(zip(picked, marks, strict=True), 1)
    ]

    listing = parse_tracklist("\n".join(lines))

    assert [(t.title, t.artists) for t in listing.tracks] == [(t, ()) for t in picked]


def test_a_band_called_311_is_still_an_artist():
    """Tried: '311 - Amber' and '311 - Down': three digits are a name."""
    listing = parse_tracklist("311 - Amber\n311 - Down", order="artist-title")

    assert [t.artists[0].name for t in listing.tracks] == ["311", "311"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(titles, min_size=3, max_size=6, unique=True),
    names,
    st.sampled_from(["Unknown", "Unknown Artist", "?", "???", "Unbekannt", "N/A"]),
)
def test_an_unknown_performer_is_no_artist(picked, act, nobody):
    """'1. Unknown - Intro', '2. Prick - My Analyst Says' (a found tape)."""
    lines = [f"{n}. {nobody if n % 2 else act} - {t}" for n, t in enumerate(picked, 1)]

    listing = parse_tracklist("\n".join(lines), order="artist-title")

    assert [tuple(a.name for a in t.artists) for t in listing.tracks] == [
        () if n % 2 else (act,) for n in range(1, len(picked) + 1)
    ]


@settings(max_examples=40, deadline=None)
@given(names, names, titles, st.sampled_from(["presents", "pres.", "Presents"]))
def test_a_presents_credit_names_two_acts(dj, project, title, word):
    """'05 - Ian Pooley presents Bluelite - Enlite' in a DJ mix."""
    listing = parse_tracklist(
        f"05 - {dj} {word} {project} - {title}", order="artist-title"
    )

    assert [a.name for a in listing.tracks[0].artists] == [dj, project]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(titles, min_size=2, max_size=5, unique=True),
    names,
    st.sampled_from(["solo", "solon", "vocals", "voz"]),
)
def test_a_part_named_before_the_performer_is_no_name(picked, act, part):
    """'3. "Coração" - solon: Simony & Jairzinho' (a Swedish wiki)."""
    lines = [f'{n}. "{t}" - {part}: {act}' for n, t in enumerate(picked, 1)]

    listing = parse_tracklist("\n".join(lines))

    assert [(t.title, t.artists[0].name) for t in listing.tracks] == [
        (t, act) for t in picked
    ]


def test_a_remix_in_turkish_stays_in_the_title_among_credits():
    """Tried: '(David Saboy remiks)' among titles that close with credits."""
    lines = [f'{n}. "River {n}" (3:0{n}) (söz: Kovac Brandt)' for n in range(1, 5)]
    lines.append('5. "Echo (David Saboy remiks)" (3:46)')

    listing = parse_tracklist("\n".join(lines))

    assert listing.tracks[-1].title == "Echo (David Saboy remiks)"


def test_an_abbreviation_keeps_its_full_stop_among_closed_items():
    """Tried: '1. 1999', '2. R.E.M.', '3. R.E.M.' (hypothesis found the stop
    cut as if it closed the item), and 'Born in the U.S.A.' among closed ones."""
    listing = parse_tracklist("1. 1999\n2. R.E.M.\n3. R.E.M.")
    assert [t.title for t in listing.tracks] == ["1999", "R.E.M.", "R.E.M."]
    text = "1. Corazón partío.\n2. Siempre es de noche.\n3. Born in the U.S.A."
    assert [t.title for t in parse_tracklist(text).tracks] == [
        "Corazón partío", "Siempre es de noche", "Born in the U.S.A."
    ]  # fmt: skip


def test_the_same_number_either_side_of_a_glued_dash_is_no_range():
    """Tried: 'Ça 1999–1999' (hypothesis): an act and a song, split."""
    listing = parse_tracklist("Ça 1999–1999\nÇa 1999–1999", order="artist-title")

    assert [(t.title, t.artists[0].name) for t in listing.tracks] == [
        ("1999", "Ça 1999"), ("1999", "Ça 1999")
    ]  # fmt: skip


def test_a_number_glued_to_a_name_before_a_dash_is_no_range():
    """Tried: 'Aaa A1–1999' (hypothesis): 'A1' is part of the act's name."""
    listing = parse_tracklist("Aaa A1–Aaa\nAaa A1–1999", known_artists=["Aaa A1"])

    assert [t.title for t in listing.tracks] == ["Aaa", "1999"]


@settings(max_examples=40, deadline=None)
@given(st.lists(titles, min_size=2, max_size=4, unique=True), st.data())
def test_header_blocks_over_numbered_titles_are_no_labelled_records(picked, data):
    """Tried: three albums, each 'ARTIST: X' / 'ALBUM: Y' over '1. Title' …."""
    acts = data.draw(
        st.lists(st.sampled_from(NAMES), min_size=3, max_size=3, unique=True)
    )
    lines = []
    for act in acts:
        lines += [f"ARTIST: {act}", "ALBUM: Glass"]
        lines += [f"{n}. {t}" for n, t in enumerate(picked, 1)]

    listing = parse_tracklist("\n".join(lines))

    assert [(t.title, t.artists[0].name) for t in listing.tracks] == [
        (t, act) for act in acts for t in picked
    ]
