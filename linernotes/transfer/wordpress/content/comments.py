"""A WordPress comment's HTML as the Markdown readers write here."""

import re
from html.parser import HTMLParser

_COMMENT_MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}
# What Markdown would read as markup: its characters, and "&" before what
# would read as an entity.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>]|&(?=#?\w+;))")


def comment_markdown(html: str) -> str:
    """A WordPress comment (HTML, with WordPress's line breaks) as the comment
    Markdown readers write here, so it renders through the same sanitiser.

    WordPress keeps a comment as the HTML its filter allowed (links, emphasis,
    quotes, code, line breaks); shown as text those tags would read as
    "&lt;br /&gt;". Links, emphasis, code, quotes and breaks become their
    Markdown; other tags leave their text; text is escaped so a "*" or "_"
    stays a character.
    """
    parser = _CommentParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.out)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class _CommentParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[tuple[int, str]] = []  # (where its text starts, href)
        self.quotes: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _COMMENT_MARKS:
            self.out.append(_COMMENT_MARKS[tag])
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append((len(self.out), href))
        elif tag == "br":
            self.out.append("\n")
        elif tag in ("p", "div"):
            self.out.append("\n\n")
        elif tag == "blockquote":
            self.out.append("\n\n")
            self.quotes.append(len(self.out))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _COMMENT_MARKS:
            self.out.append(_COMMENT_MARKS[tag])
        elif tag == "a" and self.links:
            start, href = self.links.pop()
            label = "".join(self.out[start:]).strip() or _escape(href)
            del self.out[start:]
            if href.startswith(("http://", "https://", "mailto:")):
                target = href.replace(">", "%3E").replace(" ", "%20")
                self.out.append(f"[{label}](<{target}>)")
            else:
                self.out.append(label)
        elif tag in ("p", "div"):
            self.out.append("\n\n")
        elif tag == "blockquote" and self.quotes:
            start = self.quotes.pop()
            inner = "".join(self.out[start:]).strip()
            del self.out[start:]
            self.out.append("\n".join(f"> {line}" for line in inner.split("\n")))
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.out.append(_escape(data))


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
