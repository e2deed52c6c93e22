"""The conversion of a whole body: block comments (the block editor's), the
classic editor's text between them, and what applies to the whole body
(scripts, frames, media tags, images and links)."""

import re
from html import escape, unescape
from urllib.parse import urlsplit

from linernotes.core.embeds import find_embed
from linernotes.core.markup import video_embed

from .autop import _outside_pre, _restore_pre, wpautop
from .embeds import _PROVIDERS, _WEB_ADDRESS, _provider, _public_url
from .shortcodes import _Shortcodes
from .tags import (
    _IMG,
    _LINK,
    _attributes,
    _caption,
    _json_attrs,
    _other_text,
    _text,
    _with_data_id,
)

_BLOCK_COMMENT = re.compile(
    r"<!--\s+(/)?wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+(\{.*?\}\s+)?(/)?-->",
    re.DOTALL,
)
# Blocks whose saved HTML is what WordPress showed: kept without a warning.
_KEPT_BLOCKS = {
    "paragraph",
    "heading",
    "list",
    "list-item",
    "quote",
    "pullquote",
    "separator",
    "table",
    "preformatted",
    "code",
    "verse",
    "html",
    "group",
    "columns",
    "column",
    "spacer",
    "freeform",
    "buttons",
    "button",
    "details",
    "media-text",
    "more",
    "nextpage",
}
_MORE = re.compile(r"<!--\s*more\b.*?-->|<!--\s*noteaser\s*-->", re.DOTALL)
_NEXTPAGE = re.compile(r"<!--\s*nextpage\s*-->")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_IFRAME = re.compile(
    r"<iframe\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</iframe\s*>|"
    r"<iframe\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)/>",
    re.DOTALL | re.IGNORECASE,
)
_MEDIA = re.compile(
    r"<(audio|video)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</\1\s*>",
    re.DOTALL | re.IGNORECASE,
)
_LONE_URL_LINE = re.compile(rf"^[ \t]*({_WEB_ADDRESS})[ \t]*$", re.MULTILINE)
_LONE_URL_PARAGRAPH = re.compile(
    rf"(<p(?:\s[^>]*)?>\s*)({_WEB_ADDRESS})(\s*</p>)", re.IGNORECASE
)
# An embed on a line of its own (WordPress's autoembed rule) stands alone.
_LONE_EMBED_LINE = re.compile(r"^[ \t]*(\x00\d+\x00)[ \t]*$", re.MULTILINE)


class _Job(_Shortcodes):
    """One body's conversion, block by block, then as a whole."""

    # Classic editor content, or the freeform parts between blocks.
    def classic(self, text: str) -> str:
        text = self.markers(text)
        text = self.shortcodes(text)
        text = _LONE_URL_LINE.sub(lambda m: self.embed(m[1]), _outside_pre(text))
        return wpautop(_LONE_EMBED_LINE.sub(r"\n\n\1\n\n", _restore_pre(text)))

    def markers(self, text: str) -> str:
        text = _MORE.sub("", text)
        text = _NEXTPAGE.sub("\n\n<hr />\n\n", text)
        return _COMMENT.sub("", text)

    def blocks(self, text: str) -> str:
        stack: list[tuple[str, dict, list[str]]] = [("", {}, [])]
        position = 0
        for match in _BLOCK_COMMENT.finditer(text):
            stack[-1][2].append(text[position : match.start()])
            position = match.end()
            closing, name, raw, self_closing = match.groups()
            name = name.removeprefix("core/")
            if closing:
                names = [frame[0] for frame in stack[1:]]
                if name not in names:
                    continue
                while True:
                    frame = stack.pop()
                    stack[-1][2].append(self.block(*frame))
                    if frame[0] == name:
                        break
                continue
            attrs = _json_attrs(raw)
            if self_closing:
                stack[-1][2].append(self.block(name, attrs, []))
            else:
                stack.append((name, attrs, []))
        stack[-1][2].append(text[position:])
        while len(stack) > 1:
            frame = stack.pop()
            stack[-1][2].append(self.block(*frame))
        return self.block(*stack[0])

    def block(self, name: str, attrs: dict, pieces: list[str]) -> str:
        if not name:  # the top level: what lies between blocks is freeform
            return "".join(
                p if p.startswith("\x01") else self.classic(p) for p in pieces
            )
        inner = "".join(p.removeprefix("\x01") for p in pieces)
        return "\x01\n\n" + self.block_html(name, attrs, inner) + "\n\n"

    def block_html(self, name: str, attrs: dict, inner: str) -> str:
        wp_id = attrs.get("id") if isinstance(attrs.get("id"), int) else None
        if name == "shortcode":
            return wpautop(self.shortcodes(self.markers(inner)))
        # more and nextpage hold only their marker comment, which this turns
        # into nothing and <hr /> respectively.
        inner = self.shortcodes(self.markers(inner))
        if name == "embed" or name.startswith("core-embed/"):
            url = attrs.get("url") or _text(
                re.sub(r"<figcaption.*?</figcaption>", "", inner, flags=re.S)
            )
            slug = attrs.get("providerNameSlug") or name.removeprefix("core-embed/")
            label = _PROVIDERS[slug].label if slug in _PROVIDERS else ""
            if not label and slug and slug != "embed":
                label = slug.replace("-", " ").title()
            placeholder = self.embed(str(url), label)
            shown = f"<p>{placeholder}</p>" if placeholder else ""
            return shown + _caption(inner) + _other_text(inner, str(url))
        if name in ("audio", "video"):
            tag = re.search(rf"<{name}\b[^>]*>", inner, re.I)
            src = attrs.get("src") or (tag and _attributes(tag[0]).get("src")) or ""
            link = self.file_link(str(src), name, wp_id)
            return link + _caption(inner) + _other_text(inner, "")
        if name == "image" and wp_id is not None:
            return _IMG.sub(lambda m: _with_data_id(m[0], wp_id), inner, count=1)
        if name == "gallery":
            return self.gallery(inner, attrs.get("ids") or [])
        if name == "file":
            return _LINK.sub(lambda m: self.link(m[0], wp_id), inner)
        if name not in _KEPT_BLOCKS and name not in ("image", "gallery", "file"):
            self.warn(f"block {name!r} was kept as its HTML, without its behaviour")
        return inner

    def finish(self, text: str) -> str:
        text = self.markers(text).replace("\x01", "")
        if _SCRIPT.search(text):
            self.warn("scripts and styles in the post were removed")
            text = _SCRIPT.sub("", text)
        text = _IFRAME.sub(self.iframe, text)
        text = _MEDIA.sub(self.media, text)
        text = _LONE_URL_PARAGRAPH.sub(lambda m: m[1] + self.embed(m[2]) + m[3], text)
        text = _LONE_EMBED_LINE.sub(r"\n<p>\1</p>\n", text)
        text = _IMG.sub(self.image, text)
        return _LINK.sub(lambda m: self.link(m[0]), text)

    def iframe(self, match: re.Match) -> str:
        tag_attributes = match[1] if match[1] is not None else match[3]
        src = _attributes(f"<x {tag_attributes}>").get("src", "")
        public = _public_url(unescape(src))
        if _provider(public) or video_embed(public):
            fallback = re.search(r'<a\s[^>]*href="(https?://[^"]+)"', match[2] or "")
            if "EmbeddedPlayer" in public and fallback and not find_embed(public):
                public = unescape(fallback[1])  # Bandcamp's own link to the page
            return self.embed(public)
        if not re.match(r"https?://", public):
            self.warn("an embedded frame without a web address was removed")
            return ""
        self.warn(f"an embedded frame from {urlsplit(public).hostname} became a link")
        return f'<a href="{escape(public)}">{escape(public)}</a>'

    def media(self, match: re.Match) -> str:
        src = _attributes(f"<x {match[2]}>").get("src")
        if not src and (source := re.search(r"<source\b[^>]*>", match[3], re.I)):
            src = _attributes(source[0]).get("src")
        return self.file_link(src or "", match[1].lower(), inline=True)
