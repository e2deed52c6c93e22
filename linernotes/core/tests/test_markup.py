"""Markdown rendering: what a writer types, and what a reader may never receive."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linernotes.core.markup import (
    absolute_urls,
    link_first_mentions,
    plain_text,
    render_markdown,
    video_embed,
)

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<div style="position:fixed" onclick="steal()">hi</div>',
    "[link](javascript:alert(1))",
    '<svg onload="alert(1)"><circle/></svg>',
    "<object data=x></object><embed src=x>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markup_never_reaches_a_reader(text):
    html = render_markdown(text)

    assert "<script" not in html
    assert not re.search(r"\son\w+\s*=", html)
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", html)
    assert "<iframe" not in html and "<object" not in html and "<embed" not in html
    assert "style=" not in html


@given(
    st.text(
        alphabet=st.sampled_from(
            list("<>=\"' /scriptonerrorimgahref:javascript()x1\n*[]")
        )
    )
)
@settings(max_examples=300, deadline=None)
def test_no_generated_text_produces_script_or_event_handlers(text):
    html = render_markdown(text).lower()

    assert "<script" not in html
    assert not re.search(r"<[^>]+\son\w+\s*=", html)
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", html)


def test_markdown_becomes_html():
    html = render_markdown("## Side A\n\nA *great* record with **bass**.\n\n> quoted")

    assert "<h3>Side A</h3>" in html
    assert "<em>great</em>" in html and "<strong>bass</strong>" in html
    assert "<blockquote>" in html


def test_links_open_safely():
    html = render_markdown("[label](https://example.org/)")

    assert 'href="https://example.org/"' in html
    assert 'rel="noopener noreferrer"' in html


def test_images_load_lazily():
    html = render_markdown("![Cover](/media/images/cover.jpg)")

    assert 'loading="lazy"' in html and 'alt="Cover"' in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=btPJPFnesV4", ("youtube", "btPJPFnesV4")),
        ("https://youtu.be/btPJPFnesV4", ("youtube", "btPJPFnesV4")),
        (
            "https://www.youtube.com/watch?feature=x&v=btPJPFnesV4&t=10",
            ("youtube", "btPJPFnesV4"),
        ),
        ("https://vimeo.com/76979871", ("vimeo", "76979871")),
        ("https://player.vimeo.com/video/76979871", ("vimeo", "76979871")),
        ("https://example.org/watch?v=btPJPFnesV4", None),
        ("https://www.youtube.com/watch?v=short", None),
    ],
)
def test_video_urls_are_recognised(url, expected):
    assert video_embed(url) == expected


def test_a_video_url_alone_on_a_line_becomes_a_click_to_play_placeholder():
    html = render_markdown(
        "Intro.\n\nhttps://www.youtube.com/watch?v=btPJPFnesV4\n\nOutro."
    )

    assert 'data-embed-provider="youtube"' in html
    assert 'data-embed-id="btPJPFnesV4"' in html
    assert 'href="https://www.youtube.com/watch?v=btPJPFnesV4"' in html
    assert "<iframe" not in html
    # The player's address waits in a data attribute, which loads nothing.
    assert not re.search(r"(?<![\w-])(?:src|srcset|href)=\"[^\"]*nocookie", html)
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/' in html
    assert "<p>Intro.</p>" in html and "<p>Outro.</p>" in html


def test_a_video_url_inside_a_sentence_stays_a_plain_link_text():
    html = render_markdown("Watch https://www.youtube.com/watch?v=btPJPFnesV4 tonight.")

    assert "data-embed-provider" not in html


def test_an_autolinked_video_url_also_embeds():
    html = render_markdown("<https://vimeo.com/76979871>")

    assert 'data-embed-provider="vimeo"' in html


FORGED_PLACEHOLDER = (
    '<figure class="embed embed-youtube" data-embed-provider="youtube" '
    'data-embed-id="btPJPFnesV4" data-embed-src="https://evil.example/x">'
    '<a class="embed-link" href="https://www.youtube.com/">Play</a></figure>'
)


@pytest.mark.parametrize(
    "body",
    [
        FORGED_PLACEHOLDER,
        f"Intro.\n\n{FORGED_PLACEHOLDER}\n\nOutro.",
        # the same, next to a real player: only markup's own placeholder keeps them
        f"https://vimeo.com/76979871\n\n{FORGED_PLACEHOLDER}",
        '<p><span data-embed-src="https://evil.example/x">inline</span></p>',
        # a guess at the marker markup swaps its players in for
        '<figure id="embed-0000000000000000-0"></figure>',
    ],
)
def test_a_writers_raw_html_never_names_a_player(body):
    """Tried: a placeholder copied from a rendered page with its player address
    swapped for another site's, on its own, between paragraphs, beside a real
    player, on another tag, and a guessed marker. site.js turns data-embed-src
    into a frame, so only placeholders markup itself builds may carry it."""
    html = render_markdown(body)

    assert "evil.example" not in html
    assert 'data-embed-provider="youtube"' not in html
    assert html.count("data-embed-src=") == body.count("vimeo.com")


def test_a_player_placeholder_sits_where_its_url_was():
    html = render_markdown(
        "Before.\n\nhttps://vimeo.com/76979871\n\nBetween.\n\n"
        "https://youtu.be/btPJPFnesV4\n\nAfter."
    )

    order = [
        html.index(s) for s in ("Before.", "vimeo", "Between.", "youtube", "After.")
    ]
    assert order == sorted(order)
    assert "<figure id=" not in html


def test_plain_text_keeps_words_apart_and_punctuation_together():
    text = plain_text(
        render_markdown("# Side A\n\nA *great* record, really.\n\n- one\n- two")
    )

    assert text == "Side A A great record, really. one two"


@pytest.mark.parametrize(
    ("markdown", "heading"),
    [
        ("# Rocky IV", "<h2>Rocky IV</h2>"),
        ("Rocky IV\n========", "<h2>Rocky IV</h2>"),
        ("## Side A", "<h3>Side A</h3>"),
        ("Side A\n------", "<h3>Side A</h3>"),
        ("##### Credits", "<h6>Credits</h6>"),
        ("###### Thanks", "<h6>Thanks</h6>"),
    ],
)
def test_body_headings_sit_one_level_below_the_page_title(markdown, heading):
    """``# Rocky IV`` used to come out as bare "Rocky IV": nh3 drops ``h1``."""
    assert render_markdown(markdown).strip() == heading


def test_a_raw_html_h1_becomes_an_h2_and_other_raw_levels_stay():
    html = render_markdown("<h1>Imported title</h1>\n\n<h3>Side B</h3>")

    assert "<h2>Imported title</h2>" in html
    assert "<h3>Side B</h3>" in html


def test_code_about_headings_is_left_alone():
    html = render_markdown("Type `<h1>` or\n\n    # not a heading")

    assert "<code>&lt;h1&gt;</code>" in html
    assert "<code># not a heading\n</code>" in html


DEMO_SENTENCE = (
    '"One Way Street" by Go West and "The\n'
    'Sweetest Victory" by Touch are pleasant and instantly forgettable.'
)
TARGETS = {
    "“The Sweetest Victory”": "/music/releases/rocky-iv/#track-9",
    "Touch": "/music/artists/touch/",
    "Go West": "/music/artists/go-west/",
}


def test_a_name_wrapped_across_lines_in_the_source_still_links():
    """The demo review wraps “The Sweetest Victory” after "The"; the linker
    looked for a single space and left it unlinked."""
    html, linked = link_first_mentions(render_markdown(DEMO_SENTENCE), TARGETS)

    assert linked == set(TARGETS)
    assert (
        '<a class="mention" href="/music/releases/rocky-iv/#track-9">'
        "“The\nSweetest Victory”</a>"
    ) in html


@pytest.mark.parametrize(
    "text",
    ["Go  West", "Go\tWest", "Go&nbsp;West", "Go \n West"],
)
def test_any_white_space_between_the_words_of_a_name_matches(text):
    html, linked = link_first_mentions(f"<p>{text} rules.</p>", TARGETS)

    assert linked == {"Go West"}
    assert f'href="/music/artists/go-west/">{text}</a>' in html


def _first_mentions_by_alternation(text: str, names: list[str]) -> list[str]:
    """The linker's matching before it became a trie: every name tried longest
    first at each position; the names linked, in order."""
    ordered = sorted({" ".join(n.split()) for n in names}, key=len, reverse=True)
    alternatives = [r"\s+".join(map(re.escape, n.split(" "))) for n in ordered]
    pattern = re.compile(r"(?<!\w)(" + "|".join(alternatives) + r")(?!\w)")
    found = [" ".join(m.group(0).split()) for m in pattern.finditer(text)]
    return list(dict.fromkeys(found))


@given(
    names=st.lists(
        st.text(alphabet="ab .", min_size=1, max_size=6).filter(str.strip),
        min_size=1,
        max_size=8,
    ),
    text=st.text(alphabet="ab .\n", max_size=40),
)
@settings(max_examples=300, deadline=None)
def test_the_linker_finds_the_same_names_as_trying_each_longest_first(names, text):
    targets = {name: f"/{n}/" for n, name in enumerate(names)}
    html, _ = link_first_mentions(f"<p>{text}</p>", targets)

    linked = re.findall(r'<a class="mention" href="[^"]*">(.*?)</a>', html, re.S)
    assert [" ".join(t.split()) for t in linked] == _first_mentions_by_alternation(
        text, names
    )


def test_a_wrapped_name_is_still_never_linked_inside_a_heading():
    html, linked = link_first_mentions(render_markdown("Go\nWest\n==="), TARGETS)

    assert linked == set() and 'class="mention"' not in html


def test_words_of_a_name_split_by_other_words_do_not_link():
    html, linked = link_first_mentions("<p>Go further West.</p>", TARGETS)

    assert linked == set()


POST_URL = "https://blog.example/2026/12/rocky-iv/"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("[a](/music/)", 'href="https://blog.example/music/"'),
        ("[a](#fn1)", f'href="{POST_URL}#fn1"'),
        ("[a](notes/)", f'href="{POST_URL}notes/"'),
        ("[a](//cdn.example/x)", 'href="https://cdn.example/x"'),
        ("[a](/q?a=1&b=2)", 'href="https://blog.example/q?a=1&amp;b=2"'),
        ("[a](http://other.example/)", 'href="http://other.example/"'),
        ("[a](mailto:rae@example.org)", 'href="mailto:rae@example.org"'),
        ("![c](/media/c.jpg)", 'src="https://blog.example/media/c.jpg"'),
        (
            '<img src="/a.jpg" srcset="/a.jpg 1x, /b.jpg 2x">',
            'srcset="https://blog.example/a.jpg 1x, https://blog.example/b.jpg 2x"',
        ),
    ],
)
def test_absolute_urls_resolve_every_address_against_the_page(markdown, expected):
    assert expected in absolute_urls(render_markdown(markdown), POST_URL)


def test_absolute_urls_leave_text_that_looks_like_an_attribute_alone():
    html = render_markdown('Write `<a href="/x">` or `src="/y"`.')

    assert absolute_urls(html, POST_URL) == html
