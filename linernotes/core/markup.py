"""Markdown to safe HTML: the one place that calls markdown-it and nh3.

Writers may mix raw HTML into Markdown (posts moved from WordPress are full of
it), so everything markdown-it produces goes through nh3 with an allow-list.
A player's URL alone on a line (a video, a track, an album: ``core.embeds``
says which) becomes a click-to-play placeholder: the reader's browser contacts
the provider only after the reader presses play.
"""

import re
import secrets
from functools import cache, lru_cache
from html import escape, unescape
from urllib.parse import urljoin

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from linernotes.core.embeds import Embed, find_bandcamp_code, find_embed

_POST_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
_POST_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "aria-hidden"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
}
# Only placeholders this module builds (``embed_html``) may name a player: site.js
# turns data-embed-src into a frame, so a writer's or an import's raw HTML must
# never carry it. Those placeholders are cleaned with this wider list, apart.
_EMBED_ATTRIBUTES = {
    **_POST_ATTRIBUTES,
    "figure": {"data-embed-provider", "data-embed-id", "data-embed-src"},
}
_URL_SCHEMES = {"http", "https", "mailto"}
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|br|hr|tr|td|th|table|figure|"
    r"figcaption|pre|details|summary)\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]*>")
# Rendered Markdown escapes "<" in text and code, so this matches tags only.
_RAW_H1 = re.compile(r"<(/?)h1(?=[\s/>])", re.IGNORECASE)


def video_embed(url: str) -> tuple[str, str] | None:
    """(provider, id) when ``url`` is a YouTube or Vimeo video link, else None."""
    found = find_embed(url)
    if found is None or found.provider.kind != "video":
        return None
    return found.provider.slug, found.key


def embed_html(embed: Embed) -> str:
    """The placeholder: a plain link to the item until static/js/site.js, on a
    click, swaps in a frame loading ``data-embed-src`` (the provider's player)."""
    label = embed.provider.label
    what = f"{label}: {escape(embed.title)}" if embed.title else label
    return (
        f'<figure class="embed embed-{embed.provider.slug} embed-{embed.shape}" '
        f'data-embed-provider="{embed.provider.slug}" '
        f'data-embed-id="{escape(embed.key)}" data-embed-src="{escape(embed.player)}">'
        f'<a class="embed-link" href="{escape(embed.link)}">'
        f'<span class="embed-play" aria-hidden="true"></span>'
        f'<span class="embed-label">{embed.provider.action} {what}</span></a>'
        f'<figcaption class="embed-note">Nothing loads from {label} until you '
        f"press play."
        f"</figcaption></figure>\n"
    )


def _lone_url(inline: Token) -> str | None:
    """The URL when a paragraph holds nothing but one (bare or autolinked)."""
    children = [
        c
        for c in inline.children or []
        if not (c.type == "text" and not c.content.strip())
    ]
    if len(children) == 1 and children[0].type == "text":
        return children[0].content.strip()
    types = [c.type for c in children]
    if types == ["link_open", "text", "link_close"]:
        href = str(children[0].attrGet("href") or "")
        return (
            href
            if children[1].content in (href, href.removeprefix("https://"))
            else None
        )
    return None


def _embeds(state: StateCore) -> None:
    """A player's URL alone in a paragraph, or Bandcamp's embed code alone in an
    HTML block, becomes its click-to-load placeholder (``core.embeds``).

    What goes in the token stream is only a marker naming this render's secret
    (``render_markdown`` swaps the placeholder in after sanitising), so the
    writer's own HTML can neither forge a placeholder nor be mistaken for one.
    """
    tokens, found_embeds = state.tokens, state.env.get("embeds")
    if found_embeds is None:  # rendered without render_markdown's env: no players
        return
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "html_block" and (found := find_bandcamp_code(token.content)):
            tokens[index] = _embed_marker(state, found)
        elif token.type == "paragraph_open" and index + 2 < len(tokens):
            inline, closing = tokens[index + 1 : index + 3]
            url = _lone_url(inline) if closing.type == "paragraph_close" else None
            if url and (found := find_embed(url)):
                tokens[index : index + 3] = [_embed_marker(state, found)]
            elif url and inline.children and inline.children[0].type == "text":
                _link_bare_url(state, inline, url)
        index += 1


def _link_bare_url(state: StateCore, inline: Token, url: str) -> None:
    """An address alone on a line that plays nothing still takes the reader
    there: a short link, a Bandcamp page or any other site is pasted to be
    followed, as WordPress makes it clickable. Only http(s) addresses with no
    space qualify; inside a sentence an address stays text (use ``<…>``)."""
    if not _BARE_URL.fullmatch(url):
        return
    href = state.md.normalizeLink(url)
    if not state.md.validateLink(href):
        return
    opening = Token("link_open", "a", 1, attrs={"href": href})
    text = Token("text", "", 0, content=url)
    inline.children = [opening, text, Token("link_close", "a", -1)]


_BARE_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)


def _embed_marker(state: StateCore, embed: Embed) -> Token:
    state.env["embeds"].append(embed)
    number = len(state.env["embeds"]) - 1
    marker = f'<figure id="{state.env["marker"]}-{number}"></figure>\n'
    return Token("html_block", "", 0, content=marker)


def _shift_headings(state: StateCore) -> None:
    """One level down: the page's title is its only ``h1``, so a body's ``#``
    is an ``h2`` and ``#####`` and ``######`` both an ``h6``."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": True})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.core.ruler.push("embeds", _embeds)
    md.core.ruler.push("shift_headings", _shift_headings)
    return md


def sanitize_html(html: str) -> str:
    """Strip all outside the allow-list: scripts, handlers, styles, frames, and
    any ``data-embed-*`` (only ``embed_html`` makes players)."""
    return _clean(html, _POST_ATTRIBUTES)


def _clean(html: str, attributes: dict[str, set[str]]) -> str:
    return nh3.clean(
        html,
        tags=_POST_TAGS,
        attributes=attributes,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        set_tag_attribute_values={"img": {"loading": "lazy", "decoding": "async"}},
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Markdown (raw HTML allowed) to HTML that is safe to show any reader.

    Markdown headings move one level down (``_shift_headings``). Raw HTML keeps
    its levels, as WordPress posts already start at ``h2``, except an ``h1``,
    which becomes an ``h2`` rather than losing its tag to the sanitiser.
    Players' placeholders are put in after the rest is sanitised (``_embeds``).
    """
    env = {"embeds": [], "marker": f"embed-{secrets.token_hex(8)}"}
    html = sanitize_html(_RAW_H1.sub(r"<\1h2", _parser().render(text, env)))
    if not env["embeds"]:
        return html
    markers = re.compile(rf'<figure id="{env["marker"]}-(\d+)"></figure>\n?')
    return markers.sub(
        lambda m: _clean(embed_html(env["embeds"][int(m[1])]), _EMBED_ATTRIBUTES),
        html,
    )


def plain_text(html: str) -> str:
    """Visible text of sanitised HTML, for search indexes and excerpts."""
    # Input is nh3 output, where a ">" inside an attribute is already escaped.
    # Block tags become spaces, inline tags vanish: "<p>a</p><p>b</p>" reads
    # "a b" while "<em>Rocky</em>," stays "Rocky,".
    spaced = _BLOCK_TAG.sub(" ", html)
    return re.sub(r"\s+", " ", unescape(_ANY_TAG.sub("", spaced))).strip()


_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)"')
_SRCSET_ATTRIBUTE = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute_urls(html: str, base: str) -> str:
    """``html`` with every link, image and ``srcset`` address resolved against
    ``base`` (an absolute URL), for HTML read away from the site: feed readers
    resolve a root-relative ``/music/…`` against nothing, or the wrong page.

    ``html`` must be sanitised HTML: nh3 quotes every attribute and escapes
    ``"`` and ``>`` inside values, so a tag always ends at the first ``>``.
    """
    return _ANY_TAG.sub(lambda tag: _absolute_tag(tag.group(0), base), html)


def _absolute_tag(tag: str, base: str) -> str:
    def resolve(url: str) -> str:
        return escape(urljoin(base, unescape(url).strip()))

    def srcset(match: re.Match) -> str:
        candidates = [c.strip().split(None, 1) for c in unescape(match[2]).split(",")]
        joined = ", ".join(" ".join([resolve(c[0]), *c[1:]]) for c in candidates if c)
        return f'{match[1]}{joined}"'

    tag = _URL_ATTRIBUTE.sub(lambda m: f'{m[1]}{resolve(m[2])}"', tag)
    return _SRCSET_ATTRIBUTE.sub(srcset, tag)


_NO_LINKS_INSIDE = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "figure"}
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


def link_first_mentions(html: str, targets: dict[str, str]) -> tuple[str, set[str]]:
    """Link the first mention of each name in ``targets`` (name → URL).

    Never inside an existing link, code, a heading or an embed; whole words only,
    spelled as given (so the band Touch never links "a touch of"); longer names
    win ("Vince DiCola" before "Vince"). The spaces of a name match any run of
    white space, so a name the Markdown source wraps across lines still links.
    Returns the HTML and the names that were linked. ``html`` must be sanitised
    HTML.
    """
    by_key = {_spaced(n): (n, url) for n, url in targets.items() if n.strip()}
    if not by_key:
        return html, set()
    pattern = _mention_pattern(tuple(sorted(by_key)))
    linked: set[str] = set()
    parts, depth = [], 0
    for piece in re.split(r"(<[^>]*>)", html):
        if piece.startswith("<"):
            depth += _nesting_change(piece)
        elif piece and depth == 0:
            piece = _link_in_text(piece, pattern, by_key, linked)
        parts.append(piece)
    return "".join(parts), linked


def _spaced(name: str) -> str:
    return " ".join(name.split())


_SPACE = " "  # in the trie: any run of white space or no-break spaces


@lru_cache(maxsize=8)
def _mention_pattern(names: tuple[str, ...]) -> re.Pattern:
    """One regular expression for all ``names``, as a trie of their escaped
    spellings: an alternation of thousands of names tries each one at every
    position of the text, a trie only the names that start with what is there.

    Greedy optional branches make the longest name win, as sorting the
    alternatives by length did. Cached: the names change only with the catalogue.
    """
    trie: dict = {}
    for name in names:
        node = trie
        for char in escape(name, quote=False):
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(r"(?<!\w)(" + _trie_regex(trie) + r")(?!\w)")


def _trie_regex(node: dict) -> str:
    branches = [
        # nh3 writes a no-break space as the entity, so it counts as a space.
        (r"(?:\s|&nbsp;)+" if char == _SPACE else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def _nesting_change(tag: str) -> int:
    match = _TAG_NAME.match(tag)
    if not match or tag.endswith("/>"):
        return 0
    if match.group(2).lower() not in _NO_LINKS_INSIDE:
        return 0
    return -1 if match.group(1) else 1


def _link_in_text(
    text: str, pattern: re.Pattern, by_key: dict, linked: set[str]
) -> str:
    def replace(match: re.Match) -> str:
        key = _spaced(unescape(match.group(0)))
        name, url = by_key.get(key, (None, None))
        if name is None or name in linked:
            return match.group(0)
        linked.add(name)
        return f'<a class="mention" href="{escape(url)}">{match.group(0)}</a>'

    return pattern.sub(replace, text)


_COMMENT_TAGS = {"p", "br", "em", "strong", "a", "blockquote", "code"}


@cache
def _comment_parser() -> MarkdownIt:
    # Readers get paragraphs, emphasis, links, quotes and inline code; no raw
    # HTML, headings, images or tables.
    md = MarkdownIt("zero", {"html": False, "typographer": True, "breaks": True})
    md.enable(["emphasis", "link", "autolink", "blockquote", "backticks", "newline",
               "escape", "entity", "replacements", "smartquotes"])  # fmt: skip
    return md


def render_comment(text: str) -> str:
    """A reader's Markdown-lite as safe HTML; links are marked nofollow ugc."""
    return nh3.clean(
        _comment_parser().render(text),
        tags=_COMMENT_TAGS,
        attributes={"a": {"href"}},
        url_schemes=_URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )
