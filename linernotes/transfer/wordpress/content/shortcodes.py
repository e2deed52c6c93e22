"""Shortcodes: WordPress's own grammar (``get_shortcode_regex``) and what
each supported one becomes; an unknown one is left as text and reported."""

import re
from html import escape, unescape

from .embeds import _Embeds, _spotify

_SHORTCODE_TAGS = (
    "caption|wp_caption|gallery|audio|video|embed|youtube|vimeo|soundcloud|"
    "spotify|bandcamp|mixcloud|sourcecode|source|code"
)
_SHORTCODE = re.compile(
    r"\[(\[?)(" + _SHORTCODE_TAGS + r")(?![\w-])([^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(/)\]|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)(\]?)"
)
# A bracketed word is a shortcode only with attributes or a closing tag; "[sic]"
# and "[Intro]" are text.
_UNKNOWN_SHORTCODE = re.compile(
    r"\[([a-zA-Z_][\w-]*)(?:\s+[\w-]+\s*=[^\]]*|=[^\]]*)\]|\[([a-zA-Z_][\w-]*)\][^\[]*\[/\2\]"
)
_SHORTCODE_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|"""
    r"""([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|"""
    r"""(\S+)(?:\s|$)"""
)


def _shortcode_attributes(text: str) -> tuple[dict[str, str], list[str]]:
    named: dict[str, str] = {}
    positional: list[str] = []
    text = re.sub(r"[\u00a0\u200b]+", " ", text)
    for m in _SHORTCODE_ATTRIBUTE.finditer(text):
        for key, value in ((m[1], m[2]), (m[3], m[4]), (m[5], m[6])):
            if key:
                named[key.lower()] = value
                break
        else:
            positional.append(m[7] if m[7] is not None else m[8] or m[9])
    if text.startswith("=") and not positional:  # [youtube=URL]
        positional.append(text)
    return named, positional


class _Shortcodes(_Embeds):
    """The shortcodes of a body, as HTML, embeds or links."""

    def shortcodes(self, text: str) -> str:
        if "[" not in text:
            return text
        # No shortcode ends after the last "]": leaving that tail out keeps a
        # run of unclosed "[caption ..." from costing time squared.
        end = text.rfind("]") + 1
        text = _SHORTCODE.sub(self.shortcode, text[:end]) + text[end:]
        for match in _UNKNOWN_SHORTCODE.finditer(text, 0, text.rfind("]") + 1):
            name = match[1] or match[2]
            self.warn(f"shortcode [{name}] is not supported and was left as text")
        return text

    def shortcode(self, match: re.Match) -> str:
        if match[1] == "[" and match[6] == "]":  # [[tag]] writes a literal [tag]
            return match[0][1:-1]
        tag, content = match[2], match[5] or ""
        named, positional = _shortcode_attributes(match[3])
        if tag in ("caption", "wp_caption"):
            return self.caption(named, content)
        if tag == "gallery":
            if not named.get("ids"):
                self.warn(
                    "a [gallery] without ids showed the post's attached images; "
                    "it was left out"
                )
                return ""
            return self.gallery("", named["ids"].split(","))
        if tag in ("audio", "video"):
            sources = ("src", "mp3", "m4a", "ogg", "wav", "wma", "flac")
            if tag == "video":
                sources = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv")
            src = next((named[k] for k in sources if named.get(k)), "")
            src = src or (positional[0].split("|")[0] if positional else content)
            return self.file_link(src.strip(), tag)
        if tag in ("sourcecode", "source", "code"):
            language = named.get("language") or named.get("lang") or ""
            css = f' class="language-{escape(language)}"' if language else ""
            code = escape(unescape(content.strip("\n")), quote=False)
            return f"\n\n<pre><code{css}>{code}</code></pre>\n\n"
        return self.embed_shortcode(tag, named, positional, content)

    def embed_shortcode(
        self, tag: str, named: dict, positional: list[str], content: str
    ) -> str:
        first = positional[0].lstrip("=") if positional else ""
        if tag == "embed":
            url = content.strip()
        elif tag == "youtube":
            url = named.get("src") or named.get("url") or first or content.strip()
            if re.fullmatch(r"[\w-]{11}", url):
                url = f"https://www.youtube.com/watch?v={url}"
            url = re.sub(r"&(?:amp;|#038;)?[wh]=\d+", "", unescape(url))
        elif tag == "vimeo":
            url = named.get("id") or named.get("url") or first or content.strip()
            if url.isdigit():
                url = f"https://vimeo.com/{url}"
        elif tag == "soundcloud":
            # A page's address, or (WordPress.com) the API's: both play here.
            url = named.get("url") or first or content.strip()
        elif tag == "spotify":
            url = content.strip() or named.get("id") or named.get("uri") or first
            if url.startswith("spotify:"):
                url = _spotify(url)
        elif tag == "mixcloud":
            url = named.get("url") or first or content.strip()
            if url and not url.startswith("http"):
                url = "https://www.mixcloud.com/" + url.strip("/") + "/"
        else:  # bandcamp: the ids, not the public page, are all it carries
            ids = {k: named.get(k, "") for k in ("album", "track") if named.get(k)}
            if not ids or not all(value.isdigit() for value in ids.values()):
                self.warn(
                    "a [bandcamp] shortcode without a numeric album or track id "
                    "was dropped"
                )
                return ""
            # Bandcamp's player address carries the ids; markup plays it.
            parts = [f"{name}={value}" for name, value in ids.items()]
            url = "https://bandcamp.com/EmbeddedPlayer/" + "/".join(parts) + "/"
        return self.embed(url)

    def caption(self, named: dict, content: str) -> str:
        caption = named.get("caption")
        if caption is None:
            found = re.match(
                r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)", content, re.S | re.I
            )
            if found:
                content, caption = found[1], found[2].strip()
        align = re.sub(r"[^\w-]", "", named.get("align", ""))
        css = f"wp-caption {align}".strip()
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f'\n\n<figure class="{css}">{content.strip()}{figcaption}</figure>\n\n'
