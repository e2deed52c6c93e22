"""A WordPress post body becomes a Liner Notes body that reads as it did.

Every test renders the converted body through ``core.markup.render_markdown``,
the one path a reader's page takes, and asserts the HTML the reader gets.
Inputs are written here in WordPress's own forms (classic editor text, block
comments, WordPress.com shortcodes as Jetpack documents them), plus the real
exports under data/wxr/real/ and a block-editor post in data/content/.
"""

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from linernotes.core.markup import plain_text, render_markdown
from linernotes.transfer.wordpress.content import convert_content, wpautop
from linernotes.transfer.wordpress.reader import WxrItem, read_wxr

DATA = Path(__file__).parent / "data"
REAL = sorted((DATA / "wxr" / "real").glob("*.xml"))
REL = 'rel="noopener noreferrer"'
YT = "dQw4w9WgXcQ"
YT_URL = f"https://www.youtube.com/watch?v={YT}"
PLAYER = f'data-embed-provider="youtube" data-embed-id="{YT}"'
VIMEO = 'data-embed-provider="vimeo" data-embed-id="76979871"'
OLD = "https://old.example"


def rendered(html: str, **kwargs) -> str:
    """What a reader gets, less the two attributes nh3 adds to every image in an
    order that varies between runs."""
    out = render_markdown(convert_content(html, **kwargs).body).strip()
    return re.sub(r' (?:loading="lazy"|decoding="async")', "", out)


def block(name: str, inner: str = "", attrs: str = "") -> str:
    """A block as the block editor saves it."""
    attrs = f"{attrs} " if attrs else ""
    return f"<!-- wp:{name} {attrs}-->\n{inner}\n<!-- /wp:{name} -->"


def embed_block(url: str, slug: str) -> str:
    wrapper = f'<div class="wp-block-embed__wrapper">\n{url}\n</div>'
    attrs = f'{{"url":"{url}","providerNameSlug":"{slug}"}}'
    return block("embed", f'<figure class="wp-block-embed">{wrapper}</figure>', attrs)


def link(url: str, text: str = "") -> str:
    return f'<a href="{url}" {REL}>{text or url}</a>'


def top_level_tokens(body: str) -> list[str]:
    """markdown-it's top-level token types for ``body`` (CommonMark rules)."""
    tokens = MarkdownIt("commonmark", {"html": True}).parse(body)
    return [t.type for t in tokens if t.level == 0 and not t.type.endswith("_close")]


# --- Classic editor content: wpautop's meaning made explicit ---------------


def test_blank_lines_make_paragraphs_and_single_newlines_line_breaks():
    html = "Tracks I played:\nFirst song\nSecond song\n\nThat was it."
    assert rendered(html) == (
        "<p>Tracks I played:<br>\nFirst song<br>\nSecond song</p>\n<p>That was it.</p>"
    )


def test_block_level_tags_are_not_wrapped_in_paragraphs():
    html = "<h2>Side A</h2>\nIntro text\n<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\nOutro"
    out = rendered(html)
    assert "<p><h2>" not in out and "<p><ul>" not in out
    assert out == (
        "<h2>Side A</h2>\n<p>Intro text</p>\n<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\n"
        "<p>Outro</p>"
    )


def test_pre_content_is_untouched_even_with_blank_lines_inside():
    code = "def f():\n\n    return 1\n\n\n# done"
    html = f"Before\n<pre>{code}</pre>\nAfter"
    assert f"<pre>{code}</pre>" in rendered(html)
    # Inside another block too, where a blank line would otherwise end it.
    html = f"<blockquote><pre>{code}</pre>\nquoted</blockquote>"
    out = rendered(html)
    assert f"<pre>{code}</pre>" in out and "quoted" in out


def test_wpautop_port_matches_wordpress_on_its_own_documented_cases():
    assert wpautop("a\n\nb") == "<p>a</p>\n<p>b</p>\n"
    assert wpautop("a<br><br>b") == "<p>a</p>\n<p>b</p>\n"
    assert wpautop("<div>x</div>") == "<div>x</div>\n"
    quote = "<blockquote>q</blockquote>"
    assert wpautop(quote) == "<blockquote><p>q</p></blockquote>\n"
    assert wpautop("   \n\n ") == ""


def test_each_top_level_element_is_its_own_commonmark_html_block():
    html = "Para\n\n<h2>Head</h2>\n<ul>\n\n<li>x</li>\n\n</ul>\n<pre>a\n\nb</pre>\nEnd"
    body = convert_content(html).body
    assert top_level_tokens(body) == ["html_block"] * 5
    assert "\n\n<h2>" in body  # the writer can type Markdown between blocks


# Fragments of WordPress content that stress the layout: Markdown syntax,
# unbalanced and nested tags, blank lines, blocks, shortcodes and embeds.
FRAGMENTS = [
    *("*", "_", "# ", "1. ", "- ", "> ", "    ", "\t", "[", "]", "`", "---"),
    *("\n", "\n\n", "\r\n", " word ", "&nbsp;", "<br>", "<hr>"),
    *("<p>", "</p>", '<p class="x">', "<div>", "</div>", "<span>", "</span>"),
    *("<pre>", "</pre>", "<PRE>", "</Pre>", "<code>", "</code>", "<textarea>"),
    *("</textarea>", "<ul>", "<ol>", "<li>", "</li>", "</ul>", "</ol>"),
    *("<h2>", "</h2>", "<blockquote>", "</blockquote>", "<figure>", "</figure>"),
    *("<table>", "<td>", "</table>", '<a href="https://x.example/">', "</a>"),
    *("<!-- wp:paragraph -->", "<!-- /wp:paragraph -->", "<!-- wp:group -->"),
    *("<!-- /wp:group -->", "<!-- wp:html -->", "<!-- /wp:html -->"),
    f'<!-- wp:embed {{"url":"https://youtu.be/{YT}"}} -->',
    *("<!-- /wp:embed -->", "<!--more-->", "<!--nextpage-->", "[caption]"),
    *("[/caption]", "[embed]", "[/embed]", f"[youtube {YT}]", "[audio src=x.mp3]"),
    *(f"https://youtu.be/{YT}", "https://soundcloud.com/a/b"),
    '<iframe src="https://player.vimeo.com/video/1234567"></iframe>',
    "<iframe src=https://x.example/></iframe>",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_any_mix_lays_out_as_html_blocks_and_lone_links_and_keeps_its_words(parts):
    html = "".join(parts)
    body = convert_content(html).body
    tokens = MarkdownIt("commonmark", {"html": True}).parse(body)
    for index, token in enumerate(tokens):
        if token.level or token.type.endswith("_close") or token.type == "html_block":
            continue
        # Outside HTML blocks there is only an embed: an autolink alone.
        assert token.type == "paragraph_open"
        children = [c.type for c in tokens[index + 1].children]
        assert children == ["link_open", "text", "link_close"]
    assert render_markdown(body).count("word") >= html.count("word")


# --- Markdown never reinterprets imported text ------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("*NSYNC and *Bob* Dylan", "*NSYNC and *Bob* Dylan"),
        ("# not a heading", "# not a heading"),
        ("1. Artist - Title", "1. Artist - Title"),
        ("- not a list", "- not a list"),
        ("> not a quote", "&gt; not a quote"),
        ("snake_case and __init__ and _under_", "snake_case and __init__ and _under_"),
        ("back\\slash \\*kept\\*", "back\\slash \\*kept\\*"),
        ("R&amp;B &nbsp;gap", "R&amp;B &nbsp;gap"),
        ("1984 &#8211; 1986", "1984 – 1986"),
        ('"quoted" -- (c) ...', '"quoted" -- (c) ...'),
        ("    four spaces in", "    four spaces in"),
        ("[link](http://x.example) `code`", "[link](http://x.example) `code`"),
    ],
)
def test_markdown_significant_text_keeps_its_meaning(text, shown):
    assert rendered(text) == f"<p>{shown}</p>"


def test_a_numbered_listing_typed_line_by_line_stays_lines_not_an_ol():
    html = "1. Survivor - Burning Heart\n2. Vince DiCola - War\n3. Brown - Living"
    out = rendered(html)
    assert "<ol>" not in out
    assert out.count("<br>") == 2


# --- Block markup ------------------------------------------------------------


def test_common_blocks_keep_their_html_and_lose_their_comments():
    items = block("list-item", "<li>a</li>") + "\n\n" + block("list-item", "<li>b</li>")
    quote = f'<blockquote class="wp-block-quote">{block("paragraph", "<p>q</p>")}'
    html = "\n\n".join(
        [
            block("paragraph", "<p>Hello <strong>there</strong></p>"),
            block("heading", '<h3 class="h">Sub</h3>', '{"level":3}'),
            block("list", f"<ul>{items}</ul>"),
            block("quote", f"{quote}<cite>who</cite></blockquote>"),
            block("separator", '<hr class="wp-block-separator"/>'),
        ]
    )
    result = convert_content(html)
    assert "wp:" not in result.body and "<!--" not in result.body
    assert result.warnings == []
    assert render_markdown(result.body) == (
        "<p>Hello <strong>there</strong></p>\n"
        '<h3 class="h">Sub</h3>\n'
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
        '<blockquote class="wp-block-quote">\n<p>q</p>\n<cite>who</cite></blockquote>\n'
        '<hr class="wp-block-separator">'
    )


def test_freeform_text_between_blocks_gets_wpautop():
    html = "Loose line one\nline two\n\n" + block("paragraph", "<p>Block</p>")
    assert rendered(html) == "<p>Loose line one<br>\nline two</p>\n<p>Block</p>"


def test_image_block_source_goes_through_new_url_and_falls_back_to_the_attachment():
    img = f'<img src="{OLD}/a.jpg" srcset="{OLD}/a-300.jpg 300w" alt="A"/>'
    html = block("image", f'<figure class="wp-block-image">{img}</figure>', '{"id":12}')
    out = rendered(html, new_url={f"{OLD}/a.jpg": "/media/a.jpg"}.get)
    assert 'src="/media/a.jpg"' in out and "srcset" not in out
    out = rendered(html, attachment_url={12: "/media/12.jpg"}.get)
    assert 'src="/media/12.jpg"' in out
    assert f'src="{OLD}/a.jpg"' in rendered(html)  # nothing maps it: kept


def test_image_block_without_a_source_is_reported():
    html = block("image", '<figure class="wp-block-image"><img alt="" /></figure>')
    warnings = convert_content(html).warnings
    assert warnings == ["an image without a source was kept empty"]


def test_gallery_block_and_shortcode_resolve_attachment_ids():
    urls = {1: "/media/one.jpg", 2: "/media/two.jpg"}
    gallery = block(
        "gallery", '<figure class="wp-block-gallery"></figure>', '{"ids":[1,2]}'
    )
    for html in (gallery, '[gallery ids="1,2" columns="2"]'):
        out = rendered(html, attachment_url=urls.get)
        assert 'src="/media/one.jpg"' in out and 'src="/media/two.jpg"' in out
    result = convert_content('[gallery ids="1,3"]', attachment_url=urls.get)
    assert result.warnings == ["gallery image 3 is not in the import and was left out"]
    warnings = convert_content("[gallery]").warnings
    assert warnings[0].startswith("a [gallery] without ids")


def test_a_link_to_an_attached_file_becomes_the_counted_download():
    pdf = f"{OLD}/notes.pdf"
    inner = (
        f'<div class="wp-block-file"><a href="{pdf}">notes</a>'
        f'<a href="{pdf}" class="wp-block-file__button" download>Download</a></div>'
    )
    html = block("file", inner, f'{{"id":16,"href":"{pdf}"}}')
    out = rendered(html, new_url={pdf: "/download/3/notes.pdf"}.get)
    assert out.count('href="/download/3/notes.pdf"') == 2
    out = rendered(html, attachment_url={16: "/download/3/notes.pdf"}.get)
    assert out.count('href="/download/3/notes.pdf"') == 2
    # The same in classic content: any link the import stored a file for.
    classic = f'Get the <a href="{OLD}/a.zip">zip</a>.'
    out = rendered(classic, new_url={f"{OLD}/a.zip": "/download/4/a.zip"}.get)
    assert out == f"<p>Get the {link('/download/4/a.zip', 'zip')}.</p>"


def test_audio_becomes_a_link_to_its_file_with_a_warning():
    song = f"{OLD}/song.mp3"
    figure = (
        f'<figure class="wp-block-audio"><audio controls src="{song}"></audio>'
        "<figcaption>A song</figcaption></figure>"
    )
    audio_block = block("audio", figure, '{"id":5}')
    new = {song: "/download/9/song.mp3"}.get
    for html in (audio_block, f'[audio src="{song}"]', f'[audio mp3="{song}"][/audio]'):
        result = convert_content(html, new_url=new)
        assert link("/download/9/song.mp3", "song.mp3") in render_markdown(result.body)
        assert result.warnings == [
            "audio players became links to their files "
            "(files brought in with --media-dir play in the post's own player)"
        ]
    assert "<p>A song</p>" in rendered(audio_block)


def test_an_audio_file_url_alone_on_a_line_or_embedded_becomes_its_link():
    new = {f"{OLD}/live.mp3": "/download/2/live.mp3"}.get
    for html in (f"Live:\n\n{OLD}/live.mp3\n\nEnd", f"[embed]{OLD}/live.mp3[/embed]"):
        assert link("/download/2/live.mp3", "live.mp3") in rendered(html, new_url=new)


def test_video_file_becomes_a_link():
    video = f'<video controls src="{OLD}/clip.mp4"></video>'
    out = rendered(block("video", f'<figure class="wp-block-video">{video}</figure>'))
    assert link(f"{OLD}/clip.mp4", "clip.mp4") in out
    assert "<video" not in out


def test_more_keeps_all_text_and_nextpage_becomes_a_rule():
    html = "Teaser part.\n<!--more-->\nRest of it.\n<!--nextpage-->\nPage two."
    assert rendered(html) == (
        "<p>Teaser part.</p>\n<p>Rest of it.</p>\n<hr>\n<p>Page two.</p>"
    )
    blocks = [
        block("paragraph", "<p>a</p>"),
        block("more", "<!--more-->"),
        block("nextpage", "<!--nextpage-->"),
        block("paragraph", "<p>b</p>"),
    ]
    assert rendered("\n".join(blocks)) == "<p>a</p>\n<hr>\n<p>b</p>"


def test_unknown_blocks_keep_their_html_and_warn_once_per_name():
    html = "\n\n".join(
        [
            block("jetpack/tiled-gallery", '<div class="tiled"><p>one</p></div>'),
            block("jetpack/tiled-gallery", '<div class="tiled"><p>two</p></div>'),
            "<!-- wp:page-list /-->",
        ]
    )
    result = convert_content(html)
    out = render_markdown(result.body)
    assert "<p>one</p>" in out and "<p>two</p>" in out
    assert result.warnings == [
        "block 'jetpack/tiled-gallery' was kept as its HTML, without its behaviour",
        "block 'page-list' was kept as its HTML, without its behaviour",
    ]


def test_a_block_left_open_or_closed_twice_loses_nothing():
    html = (
        "<!-- wp:group -->\n<div><p>open</p></div>\n<!-- /wp:columns -->\n<p>after</p>"
    )
    assert rendered(html) == "<div><p>open</p></div>\n<p>after</p>"


# --- Embeds --------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        embed_block(YT_URL, "youtube"),
        block(
            "core-embed/youtube",
            f"<figure><div>\nhttps://youtu.be/{YT}\n</div></figure>",
            f'{{"url":"https://youtu.be/{YT}"}}',
        ),
        f"[embed]{YT_URL}[/embed]",
        f'[embed width="560"]https://youtu.be/{YT}[/embed]',
        f"[youtube {YT_URL}&w=640&h=385]",
        f"[youtube=http://www.youtube.com/watch?v={YT}]",
        f"[youtube {YT}]",
        f'<iframe width="560" src="https://www.youtube.com/embed/{YT}"></iframe>',
        YT_URL,
        f"Before.\n\nhttps://youtu.be/{YT}\n\nAfter.",
        block("paragraph", f"<p>https://youtu.be/{YT}</p>"),
    ],
)
def test_youtube_embeds_in_every_form_become_the_click_to_load_player(html):
    result = convert_content(html)
    assert PLAYER in render_markdown(result.body)
    assert "paragraph_open" in top_level_tokens(result.body)  # Markdown, not HTML
    assert result.warnings == []


def test_vimeo_iframe_and_shortcode_become_the_player():
    iframe = '<iframe src="https://player.vimeo.com/video/76979871?title=0"></iframe>'
    for html in (f"<p>{iframe}</p>", "[vimeo 76979871]", "https://vimeo.com/76979871"):
        assert VIMEO in rendered(html)


def test_an_embed_inside_a_container_still_plays():
    inner = f'<div class="wp-block-group">{embed_block(YT_URL, "youtube")}</div>'
    out = rendered(block("group", inner))
    assert out.startswith('<div class="wp-block-group">') and PLAYER in out
    assert out.endswith("</figure>\n</div>")


def test_a_url_inside_a_sentence_stays_text():
    html = f"See https://youtu.be/{YT} for the clip."
    assert rendered(html) == f"<p>{html}</p>"


def test_an_embed_shortcode_inside_a_sentence_becomes_an_inline_link():
    assert rendered(f"Watch [youtube {YT}] now") == f"<p>Watch {link(YT_URL)} now</p>"


SOUNDCLOUD_API = "https://api.soundcloud.com/tracks/206370322"
SOUNDCLOUD = "https://soundcloud.com/forss/flickermood"
SOUNDCLOUD_WIDGET = (
    "https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com"
    "%2Ftracks%2F206370322"
)
SPOTIFY = "https://open.spotify.com"
BANDCAMP = "https://artist.bandcamp.com/album/record"
BANDCAMP_PLAYER = "https://bandcamp.com/EmbeddedPlayer/album=3462839126"


# Music embeds WordPress showed as players. Those whose address names one item
# (a track, an album, a show) become the blog's click-to-load players, so an
# imported post plays as it did; those that do not (a Bandcamp page) stay a
# link with a warning.
MUSIC_PLAYERS = [
    (f"[soundcloud]{SOUNDCLOUD}[/soundcloud]", SOUNDCLOUD, "soundcloud"),
    (
        # WordPress.com's shortcode names the track by its API address; the
        # link before the click is the widget's page (SoundCloud alone knows
        # the track's page).
        f'[soundcloud url="{SOUNDCLOUD_API}" params="auto_play=false&amp;'
        'hide_related=false" width="100%" height="166" iframe="true" /]',
        SOUNDCLOUD_WIDGET,
        "soundcloud",
    ),
    (
        '<iframe width="100%" height="166" src="https://w.soundcloud.com/player/'
        '?url=https%3A//api.soundcloud.com/tracks/206370322&amp;color=ff5500">'
        "</iframe>",
        SOUNDCLOUD_WIDGET,
        "soundcloud",
    ),
    (
        '<iframe src="https://w.soundcloud.com/player/?url='
        'https%3A//soundcloud.com/forss/flickermood&amp;color=ff5500"></iframe>',
        SOUNDCLOUD,
        "soundcloud",
    ),
    (
        '[spotify id="spotify:track:4bz7uB4edifWKJXSDxwHcs" width="400"]',
        f"{SPOTIFY}/track/4bz7uB4edifWKJXSDxwHcs",
        "spotify",
    ),
    (
        "[spotify spotify:album:4uLU6hMCjMI75M1A2tKUQC]",
        f"{SPOTIFY}/album/4uLU6hMCjMI75M1A2tKUQC",
        "spotify",
    ),
    (
        f'<iframe src="{SPOTIFY}/embed/playlist/37i9dQZF1DX0XUsuxWHRQd"></iframe>',
        f"{SPOTIFY}/playlist/37i9dQZF1DX0XUsuxWHRQd",
        "spotify",
    ),
    (
        "[bandcamp width=350 album=3462839126 track=2446959313 size=large]",
        f"{BANDCAMP_PLAYER}/track=2446959313/",
        "bandcamp",
    ),
    (
        # Bandcamp's own embed code: its player address carries the album id.
        f'<iframe src="{BANDCAMP_PLAYER}/size=large/" seamless>'
        f'<a href="{BANDCAMP}">Record by Artist</a></iframe>',
        f"{BANDCAMP_PLAYER}/",
        "bandcamp",
    ),
    (
        embed_block("https://www.mixcloud.com/dj/set-one/", "mixcloud"),
        "https://www.mixcloud.com/dj/set-one/",
        "mixcloud",
    ),
]


@pytest.mark.parametrize(("html", "url", "provider"), MUSIC_PLAYERS)
def test_music_embeds_naming_one_item_become_players(html, url, provider):
    result = convert_content(html)
    out = render_markdown(result.body)
    assert f'data-embed-provider="{provider}"' in out
    assert f'<a class="embed-link" href="{url}"' in out
    assert "<iframe" not in out  # nothing loads before the reader's click
    assert result.warnings == []


def test_a_wordpress_com_soundcloud_shortcode_loads_its_widget_only_on_a_click():
    """The reviewer's input, ``[soundcloud url="https://api.soundcloud.com/
    tracks/293"]``: it was a plain link showing the raw player address."""
    result = convert_content('[soundcloud url="https://api.soundcloud.com/tracks/293"]')
    out = render_markdown(result.body)

    assert result.body.strip() == "<https://api.soundcloud.com/tracks/293>"
    assert (
        'data-embed-src="https://w.soundcloud.com/player/?url=https%3A%2F%2F'
        'api.soundcloud.com%2Ftracks%2F293&amp;auto_play=true&amp;visual=false"'
    ) in out
    assert "<iframe" not in out and "Listen on SoundCloud" in out


@pytest.mark.parametrize(
    ("html", "url", "provider"),
    [
        (BANDCAMP, BANDCAMP, "Bandcamp"),
    ],
)
def test_other_music_embeds_become_a_plain_link_to_their_page(html, url, provider):
    result = convert_content(html)
    assert render_markdown(result.body).strip() == f"<p>{link(url)}</p>"
    assert result.warnings == [
        f"{provider} embed became a plain link (no player for it yet)"
    ]


@pytest.mark.parametrize(
    "shortcode",
    [
        "[bandcamp width=350 size=large]",
        "[bandcamp album=record-name]",
        '[bandcamp album="3462839126/evil=1"]',
    ],
)
def test_a_bandcamp_shortcode_without_a_numeric_id_is_dropped_with_a_warning(
    shortcode,
):
    result = convert_content(f"<p>Before</p>\n{shortcode}\n<p>After</p>")
    out = render_markdown(result.body)
    assert "bandcamp" not in out.lower()
    assert result.warnings == [
        "a [bandcamp] shortcode without a numeric album or track id was dropped"
    ]


def test_an_iframe_of_an_unknown_site_becomes_a_link_with_a_warning():
    result = convert_content(
        '<iframe src="https://maps.example/e?x=1&amp;y=2"></iframe>'
    )
    url = "https://maps.example/e?x=1&amp;y=2"
    assert render_markdown(result.body) == f"<p>{link(url)}</p>"
    assert result.warnings == ["an embedded frame from maps.example became a link"]


# --- Shortcodes ----------------------------------------------------------------


def test_caption_shortcode_in_both_forms_becomes_a_figure():
    img = f'<img src="{OLD}/s.jpg" alt="" />'
    old = f'[caption id="attachment_16" align="alignnone" caption="Sleeve"]{img}'
    old += "[/caption]"
    new = f'[caption id="" align="aligncenter"]<a href="{OLD}/s.jpg">{img}</a>'
    new += " Sleeve[/caption]"
    assert rendered(old) == (
        f'<figure class="wp-caption alignnone"><img src="{OLD}/s.jpg" alt="">'
        "<figcaption>Sleeve</figcaption></figure>"
    )
    out = rendered(new)
    assert out.startswith('<figure class="wp-caption aligncenter"><a href=')
    assert out.endswith("<figcaption>Sleeve</figcaption></figure>")


def test_sourcecode_shortcode_becomes_preformatted_code():
    html = '[sourcecode language="python"]\nif a < b:\n\n    print("x")\n[/sourcecode]'
    assert rendered(html) == (
        '<pre><code class="language-python">if a &lt; b:\n\n    print("x")</code></pre>'
    )


def test_unknown_shortcodes_stay_as_text_and_are_reported():
    text = (
        '[contact-form to="me@example.com"] and [pullquote]Hi[/pullquote] [sic] [Intro]'
    )
    result = convert_content(text)
    assert render_markdown(result.body) == f"<p>{text}</p>"
    assert result.warnings == [
        "shortcode [contact-form] is not supported and was left as text",
        "shortcode [pullquote] is not supported and was left as text",
    ]


def test_a_doubled_bracket_shortcode_is_written_literally():
    assert rendered(f"Type [[youtube {YT}]] to embed") == (
        f"<p>Type [youtube {YT}] to embed</p>"
    )


# --- Nothing unsafe gets through ------------------------------------------------


def test_scripts_handlers_and_javascript_urls_are_inert():
    html = "\n\n".join(
        [
            "Hi<script>alert(1)</script>",
            '<img src="x.jpg" onerror="alert(2)">',
            '<a href="javascript:alert(3)">click</a>',
            '<iframe srcdoc="<script>alert(4)</script>" src="javascript:alert(5)">'
            "</iframe>",
            "<style>body{display:none}</style>",
            "[caption caption='<script>alert(6)</script>']<img src=y.jpg>[/caption]",
            block("embed", "<figure></figure>", '{"url":"javascript:alert(7)"}'),
        ]
    )
    result = convert_content(html)
    out = render_markdown(result.body)
    assert "alert" not in out and "onerror" not in out and "javascript" not in out
    assert "<script" not in out and "<style" not in out and "<iframe" not in out
    assert "scripts and styles in the post were removed" in result.warnings


# --- Track listings (item 4) -------------------------------------------------------


def test_a_listing_typed_line_by_line_is_offered():
    listing = (
        "1. Survivor - Burning Heart (3:51)\n2. Vince DiCola - War (5:54)\n"
        "3. John Cafferty - Heart's on Fire (4:14)"
    )
    html = f"Side one:\n\n{listing}\n\nGreat record."
    assert convert_content(html).listings == [listing]


def test_listings_in_lists_and_pre_are_offered_and_prose_is_not():
    html = (
        "<ol><li>Vince DiCola – Training Montage</li><li>Vince DiCola – War</li>"
        "<li>Survivor – Burning Heart</li></ol>\n"
        "<pre>A1 Intro 1:02\nA2 Theme 3:30\nB1 Reprise 2:10</pre>\n"
        "<ul><li>Browser type</li><li>Operating system</li><li>Referrer</li></ul>\n"
        "First line of prose\nsecond line\nthird line\n\n"
        "Only two:\n1. A - B"
    )
    assert convert_content(html).listings == [
        "Vince DiCola – Training Montage\nVince DiCola – War\nSurvivor – Burning Heart",
        "A1 Intro 1:02\nA2 Theme 3:30\nB1 Reprise 2:10",
    ]


# --- A realistic block-editor post -------------------------------------------------


def test_a_block_editor_music_review_comes_through_whole():
    html = (DATA / "content" / "gutenberg-review.html").read_text()
    uploads = "https://example.files.wordpress.com/2025/11"
    files = {
        f"{uploads}/rocky-iv-lp.jpg?w=1024": "/media/lp.jpg",
        f"{uploads}/liner-notes.pdf": "/download/7/liner-notes.pdf",
        f"{uploads}/war-excerpt.mp3": "/download/8/war-excerpt.mp3",
    }
    result = convert_content(html, new_url=files.get)
    out = render_markdown(result.body)
    assert "<!--" not in result.body and "wp:" not in result.body
    assert (
        "<p>Vince DiCola's score for <em>Rocky IV</em> turns forty this year, and the "
        '2-LP reissue finally puts "Training Montage" &amp; "War" on one side.</p>'
    ) in out
    assert '<h3 class="wp-block-heading">Side A</h3>' in out
    assert (
        '<img src="/media/lp.jpg" alt="The gatefold, open" class="wp-image-412"' in out
    )
    assert PLAYER in out and "<p>The montage, as cut for the film</p>" in out
    assert (
        'data-embed-src="https://open.spotify.com/embed/album/4uLU6hMCjMI75M1A2tKUQC"'
        in out
    )
    assert "<blockquote" in out and "<cite>Ivan Drago</cite>" in out
    assert link("/download/8/war-excerpt.mp3", "war-excerpt.mp3") in out
    assert out.count('href="/download/7/liner-notes.pdf"') == 2
    assert 'alt="Front"' in out and 'alt="Back"' in out
    assert "<p>More next week.</p>" in out
    assert result.listings == [
        "Vince DiCola – Training Montage (3:34)\nVince DiCola – War (5:54)\n"
        "Survivor – Burning Heart (3:51)"
    ]
    assert result.warnings == [
        "audio players became links to their files "
        "(files brought in with --media-dir play in the post's own player)",
        "block 'jetpack/slideshow' was kept as its HTML, without its behaviour",
    ]


# --- Real exports ---------------------------------------------------------------------

_SHORTCODE_TAG = re.compile(
    r"\[/?(?:caption|wp_caption|gallery|audio|video|embed|youtube|vimeo|soundcloud|"
    r"spotify|bandcamp|mixcloud|sourcecode|source|code)\b[^\]]*\]"
)


def _words(html: str) -> Counter:
    """Words as markup.plain_text reads them (inline tags join, blocks split)."""
    text = _SHORTCODE_TAG.sub(" ", html)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S).replace("&nbsp;", " ")
    return Counter(plain_text(text).replace("\u00a0", " ").split())


def real_bodies() -> list:
    return [
        pytest.param(record.content, id=f"{path.stem}-{record.post_id}")
        for path in REAL
        for record in read_wxr(path)
        if isinstance(record, WxrItem)
        and record.content.strip()
        and record.post_type in ("post", "page")
    ]


@pytest.mark.parametrize("content", real_bodies())
def test_real_post_bodies_keep_every_visible_word(content):
    result = convert_content(content)
    out = render_markdown(result.body)
    assert "<!-- wp:" not in result.body and "<!-- /wp:" not in result.body
    assert not _SHORTCODE_TAG.search(out)
    # Every word WordPress showed is still shown: the plain text of the stored
    # content (block comments and known shortcode tags removed) against the
    # plain text readers get.
    assert not _words(content) - _words(out)


def test_real_exports_are_present():
    assert len(REAL) >= 5 and len(real_bodies()) >= 20
