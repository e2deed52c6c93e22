"""The Markdown renderer against the CommonMark Spec's 652 examples.

``render_markdown`` is markdown-it in CommonMark mode followed by the nh3
sanitiser, with a few deliberate departures. Both sides are normalised for
exactly those departures, and every example without raw HTML must then match:

- body headings are one level down (``#`` is an ``h2``; ``h5`` and ``h6`` are
  both ``h6``), since the page's title is its ``h1``;
- smart punctuation is on (curly quotes, dashes, ellipses, ``(c)``);
- links and images with a scheme outside http, https and mailto lose their
  address;
- the sanitiser adds ``rel`` to links and ``loading``/``decoding`` to images;
- an http(s) address alone in a paragraph is a link to itself (a player's
  address becomes its placeholder instead: ``test_embeds.py``);
- whitespace between block tags is not compared (markdown-it writes
  ``<blockquote></blockquote>`` where the spec has a newline inside; the spec's
  own test normaliser ignores it too).

Examples with raw HTML are only checked for safety: the sanitiser changes raw
HTML on purpose. The data and its licence: ``data/README.md``.
"""

import json
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from linernotes.core.markup import _parser, render_markdown

EXAMPLES = json.loads(
    (Path(__file__).parent / "data" / "commonmark.json").read_text(encoding="utf-8")
)
ALLOWED_SCHEMES = {"http", "https", "mailto"}
ADDED_BY_SANITISER = {("a", "rel"), ("img", "loading"), ("img", "decoding")}
SMART_PUNCTUATION = [
    ("“", '"'),
    ("”", '"'),
    ("‘", "'"),
    ("’", "'"),
    ("…", "..."),
    ("—", "---"),
    ("–", "--"),
    ("©", "(c)"),
    ("®", "(r)"),
    ("™", "(tm)"),
    ("±", "+-"),
]
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_HEADING = re.compile(r"h[1-6]")
_LONE_ADDRESS = re.compile(r'<p>(https?://[^\s<>"]+)</p>')


def has_raw_html(markdown: str) -> bool:
    tokens = _parser().parse(markdown)
    inline = [child for token in tokens for child in token.children or []]
    return any(t.type in ("html_block", "html_inline") for t in [*tokens, *inline])


RAW_HTML = [e for e in EXAMPLES if has_raw_html(e["markdown"])]
COMPARED = [e for e in EXAMPLES if not has_raw_html(e["markdown"])]


class _Normaliser(HTMLParser):
    """Serialises HTML one canonical way (sorted attributes, characters
    unescaped then escaped alike) after applying the known departures."""

    def __init__(self, *, spec: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.spec, self.parts, self.in_pre = spec, [], 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.in_pre += tag == "pre"
        kept = sorted((k, v or "") for k, v in attrs if self._keeps(tag, k, v or ""))
        text = "".join(f' {k}="{escape(v)}"' for k, v in kept)
        self.parts.append(f"<{self._tag(tag)}{text}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.in_pre -= tag == "pre"
        self.parts.append(f"</{self._tag(tag)}>")

    def handle_data(self, data: str) -> None:
        if data.strip() or self.in_pre:
            for curly, plain in SMART_PUNCTUATION:
                data = data.replace(curly, plain)
            self.parts.append(escape(data, quote=False))

    def _tag(self, tag: str) -> str:
        if self.spec and _HEADING.fullmatch(tag):
            return f"h{min(int(tag[1]) + 1, 6)}"
        return tag

    def _keeps(self, tag: str, name: str, value: str) -> bool:
        if not self.spec:
            return (tag, name) not in ADDED_BY_SANITISER
        scheme = _SCHEME.match(value)
        unknown = scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES
        return not (name in ("href", "src") and unknown)


def normalise(html: str, *, spec: bool) -> str:
    parser = _Normaliser(spec=spec)
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def test_the_spec_data_holds_every_example():
    """Pins the split: a changed data file or parser shows up here first."""
    assert (len(EXAMPLES), len(COMPARED), len(RAW_HTML)) == (652, 580, 72)


@pytest.mark.parametrize("example", COMPARED, ids=lambda e: f"example-{e['example']}")
def test_the_renderer_follows_the_commonmark_spec(example):
    """Before the heading shift, the 40 examples with a heading failed here:
    the sanitiser dropped ``<h1>`` (``# foo``) and left its words bare."""
    html = render_markdown(example["markdown"])
    expected = _LONE_ADDRESS.sub(r'<p><a href="\1">\1</a></p>', example["html"])

    assert normalise(html, spec=False) == normalise(expected, spec=True)


@pytest.mark.parametrize("example", RAW_HTML, ids=lambda e: f"example-{e['example']}")
def test_raw_html_examples_come_out_safe(example):
    html = render_markdown(example["markdown"]).lower()

    assert "<script" not in html and "<textarea" not in html
    assert not re.search(r"<[^>]+\son\w+\s*=", html)
