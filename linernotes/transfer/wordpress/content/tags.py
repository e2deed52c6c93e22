"""Reading and rewriting an HTML tag's attributes, and a block's text: the
small tools the conversion's steps share."""

import json
import re
from html import escape, unescape

_ATTRIBUTE = re.compile(
    r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
_IMG = re.compile(r"<img\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
_LINK = re.compile(r"<a\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)


def _json_attrs(raw: str | None) -> dict:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _attributes(tag: str) -> dict[str, str]:
    head = re.sub(r"^<\s*[\w-]+", "", tag)
    return {
        m[1].lower(): unescape(m[2] if m[2] is not None else m[3] or m[4] or "")
        for m in _ATTRIBUTE.finditer(head)
    }


def _set_attribute(tag: str, name: str, value: str) -> str:
    pattern = re.compile(rf"(\s{name}\s*=\s*)(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
    quoted = '"' + escape(value) + '"'
    if pattern.search(tag):
        return pattern.sub(lambda m: m[1] + quoted, tag, count=1)
    return re.sub(r"\s*/?>$", lambda m: f" {name}={quoted}{m[0]}", tag)


def _with_data_id(tag: str, wp_id: int) -> str:
    if "wp-image-" in tag or "data-id" in tag:
        return tag
    return _set_attribute(tag, "data-id", str(wp_id))


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]*>", "", html)).strip()


def _other_text(inner: str, url: str) -> str:
    """Text a media block holds besides its address and caption, which
    WordPress would have shown (a block left unclosed swallows what follows)."""
    rest = _text(re.sub(r"<figcaption.*?</figcaption>", "", inner, flags=re.S | re.I))
    rest = rest.replace(url, "", 1).strip()
    return f"<p>{escape(rest, quote=False)}</p>" if rest else ""


def _caption(inner: str) -> str:
    found = re.search(r"<figcaption\b[^>]*>(.*?)</figcaption>", inner, re.S | re.I)
    return f"<p>{found[1]}</p>\n\n" if found and found[1].strip() else ""
