"""Layout: one CommonMark HTML block per top-level element, lone embeds as
Markdown autolinks."""

import re
from html import escape

from markdown_it.common.html_blocks import block_names

from .autop import _PRE_SPLIT

_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")
# Tags that start a CommonMark HTML block: markdown-it's list (type 6, opening
# or closing) and an opening <pre> (type 1, which ends at its </pre>).
_MD_BLOCK_TAGS = frozenset(block_names)
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
_FLOW = frozenset(
    "div blockquote figure section article aside li dd td th header footer main "
    "nav details".split()
)
_CLOSES_P = frozenset(block_names) | {"pre"}
_TOKEN = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>"
    r"|<!--.*?-->",
    re.DOTALL,
)
_LONE_EMBED = re.compile(r"<p(?:\s[^>]*)?>\s*\x00(\d+)\x00\s*</p>", re.IGNORECASE)


def _layout(html: str, embeds: list[str]) -> str:
    """Top-level elements as separate HTML blocks; lone embeds as Markdown."""
    out = _Segments(html)
    stack: list[str] = []
    last_end = 0
    for match in _TOKEN.finditer(html):
        if match.start() < last_end:
            continue
        if html[last_end : match.start()].strip():
            out.open("inline", last_end)
        last_end = match.end()
        closing, name, self_closing = match[1], (match[2] or "").lower(), match[3]
        if not name:  # a comment
            continue
        if not closing and name == "p" and all(t in _FLOW for t in stack):
            lone = _LONE_EMBED.match(html, match.start())
            if lone and _block_follows(html, lone.end()):
                out.close(match.start())
                out.segments.append(("embed", embeds[int(lone[1])]))
                last_end = lone.end()
                continue
        if not closing and name not in _VOID and not self_closing:
            while stack and stack[-1] == "p" and name in _CLOSES_P:
                stack.pop()
            if name in ("li", "dt", "dd") and stack and stack[-1] in ("li", "dt", "dd"):
                stack.pop()
            if not stack:
                out.top_level(_kind(name, closing), match.start())
            stack.append(name)
            continue
        if closing and name == "pre" and out.starts_with_pre():
            stack.clear()  # markdown-it ends a <pre> block at the first </pre>
        elif closing and name in stack:
            while stack.pop() != name:
                pass
        elif not stack:
            out.top_level(_kind(name, closing), match.start())
        out.open(_kind(name, closing), match.start())
        if not stack and out.kind == "block":
            out.close(match.end())
    if html[last_end:].strip():
        out.open("inline", last_end)
    out.close(len(html))
    parts = [_segment(kind, text) for kind, text in out.segments]
    body = "\n\n".join(p for p in parts if p)
    return _PLACEHOLDER.sub(
        lambda m: (
            f'<a href="{escape(embeds[int(m[1])])}">{escape(embeds[int(m[1])])}</a>'
        ),
        body,
    )


class _Segments:
    """The body cut into top-level segments: (kind, text) with kind block,
    inline (text and inline tags, to be wrapped in a paragraph) or embed."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.segments: list[tuple[str, str]] = []
        self.kind = ""
        self.start = 0

    def open(self, kind: str, at: int) -> None:
        if not self.kind:
            self.kind, self.start = kind, at

    def close(self, at: int) -> None:
        if self.kind:
            self.segments.append((self.kind, self.html[self.start : at]))
        self.kind = ""

    def starts_with_pre(self) -> bool:
        start = self.html[self.start : self.start + 4]
        return self.kind == "block" and start.lower() == "<pre"

    def top_level(self, kind: str, at: int) -> None:
        """A tag at the top level: a block tag ends whatever was open."""
        if kind == "block" or self.kind == "block":
            self.close(at)
        self.open(kind, at)


def _kind(name: str, closing: str = "") -> str:
    starts_block = name in _MD_BLOCK_TAGS or (name == "pre" and not closing)
    return "block" if starts_block else "inline"


def _block_follows(html: str, position: int) -> bool:
    rest = html[position : position + 200].lstrip()
    if not rest:
        return True
    found = re.match(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)", rest)
    return bool(found and _kind(found[2].lower(), found[1]) == "block")


def _segment(kind: str, text: str) -> str:
    if kind == "embed":
        return f"<{text}>"
    text = text.strip()
    if not text:
        return ""
    if kind == "inline":
        text = f"<p>{text}</p>"
    parts = _PRE_SPLIT.split(text)
    for index, part in enumerate(parts):
        if index % 2:  # inside <pre>: a blank line must not end the HTML block
            parts[index] = re.sub(r"\n(?=[ \t]*\n)", "&#10;", part)
        else:
            parts[index] = re.sub(r"\n(?:[ \t]*\n)+", "\n", part)
    text = "".join(parts)
    if text[:4].lower() == "<pre":
        # markdown-it ends a block opened by <pre> at the first line holding
        # any of these end tags; if more lines follow, a <div> keeps them in.
        end = re.search(r"</(?:pre|script|style|textarea)>", text, re.IGNORECASE)
        if end and "\n" in text[end.end() :]:
            text = f"<div>{text}</div>"
    return text
