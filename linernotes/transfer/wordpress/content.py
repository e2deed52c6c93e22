"""A WordPress post body (``content:encoded``) as a Liner Notes Markdown body.

Decision 0030: the HTML is kept, not turned into Markdown. What WordPress added
when it showed a post is made explicit instead: wpautop's paragraphs and line
breaks, what its block comments and shortcodes stood for, and its embeds. Every
top-level HTML element is then laid out as its own CommonMark HTML block (it
starts a line with a block-level tag and ends at a blank line, with no blank
line inside), so markdown-it passes it through untouched and the writer can
still type Markdown between blocks. The result goes through
``core.markup.render_markdown`` like any body; nothing here sanitises.

An embed becomes its public URL alone in a Markdown paragraph (an autolink):
``markup`` turns a YouTube or Vimeo URL there into its click-to-load player and
shows any other as a plain link, so when the blog learns more players, imported
posts get them without being imported again.

Regular expressions, not a DOM: the importer converts thousands of bodies, and
nh3 repairs whatever HTML a regex leaves imperfect.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlsplit

from markdown_it.common.html_blocks import block_names

from linernotes.catalogue.tracklist import TracklistError, parse_tracklist
from linernotes.core.embeds import find_embed
from linernotes.core.markup import video_embed


@dataclass(frozen=True)
class ConvertedBody:
    body: str  # what goes into Post.body
    warnings: list[str]  # things not carried over exactly, for the import report
    listings: list[str]  # plain-text blocks that look like track listings


def convert_content(
    html: str,
    *,
    new_url: Callable[[str], str | None] = lambda url: None,
    attachment_url: Callable[[int], str | None] = lambda wp_id: None,
) -> ConvertedBody:
    """``html`` (a post's content as WordPress stored it) as a Markdown body.

    ``new_url(old)`` is the new address of a file the import stored (an image,
    a download), or None to keep the old one; it applies to image sources, links
    and audio or video files, so a link to an attached file becomes whatever
    address the importer gives (the counted download). ``attachment_url(wp_id)``
    resolves attachment ids: gallery ``ids``, a block's ``id`` and an image's
    ``wp-image-N`` class, the last two only when ``new_url`` does not know the
    source (WordPress links resized copies, the import stores the original).
    Never raises on odd markup: what cannot be carried over exactly is kept as
    text or a link and named in ``warnings``.
    """
    job = _Job(new_url, attachment_url)
    text = _MARKERS.sub("", html.replace("\r\n", "\n").replace("\r", "\n"))
    if _BLOCK_COMMENT.search(text):
        text = job.blocks(text)
    else:
        text = job.classic(text)
    text = job.finish(text)
    listings = _listings(text)
    return ConvertedBody(
        body=_layout(text, job.embeds), warnings=job.warnings, listings=listings
    )


# --- Embeds ---------------------------------------------------------------
#
# One row per provider WordPress blogs embed music and video from: its name
# for the report, its host, and how a player's own address maps back to the
# public page. Whether a URL plays or links is markup.py's call (video_embed).


@dataclass(frozen=True)
class _Provider:
    label: str
    host: re.Pattern
    player: re.Pattern | None = None
    public: Callable[[re.Match], str] | None = None


def _spotify(uri: str) -> str:
    """``spotify:album:ID`` (or ``album/ID``) as its open.spotify.com page."""
    path = unquote(uri).removeprefix("spotify:").replace(":", "/")
    return "https://open.spotify.com/" + path


def _soundcloud(match: re.Match) -> str:
    """The widget's track page; an API address has no public page, so the
    widget itself (which plays in the browser) is the link."""
    url = (parse_qs(urlsplit(match[0]).query).get("url") or [""])[0]
    if urlsplit(url).hostname in ("soundcloud.com", "www.soundcloud.com"):
        return url
    return match[0]


def _mixcloud(match: re.Match) -> str:
    """The widget's ``feed`` is the show's path (or whole address)."""
    feed = (parse_qs(urlsplit(match[0]).query).get("feed") or [""])[0]
    if feed.startswith("/"):
        return "https://www.mixcloud.com" + feed
    return feed if feed.startswith(("https://", "http://")) else match[0]


_PROVIDERS = {
    "youtube": _Provider(
        "YouTube",
        re.compile(r"(?:^|\.)(?:youtube(?:-nocookie)?\.com|youtu\.be)$"),
        re.compile(r"//(?:www\.)?youtube(?:-nocookie)?\.com/(?:embed|v)/([\w-]{11})"),
        lambda m: f"https://www.youtube.com/watch?v={m[1]}",
    ),
    "vimeo": _Provider(
        "Vimeo",
        re.compile(r"(?:^|\.)vimeo\.com$"),
        re.compile(r"//player\.vimeo\.com/video/(\d+)"),
        lambda m: f"https://vimeo.com/{m[1]}",
    ),
    "soundcloud": _Provider(
        "SoundCloud",
        re.compile(r"(?:^|\.)soundcloud\.com$"),
        re.compile(r"^https://w\.soundcloud\.com/player/?\?\S*"),
        _soundcloud,
    ),
    "spotify": _Provider(
        "Spotify",
        re.compile(r"(?:^|\.)spotify\.com$"),
        re.compile(
            r"//(?:open\.spotify\.com/embed(?:/v1)?/|embed\.spotify\.com/\?uri=spotify"
            r"(?::|%3A))((?:user[:/][\w.-]+[:/])?(?:track|album|playlist|artist|"
            r"episode|show)[:/]\w+)",
            re.IGNORECASE,
        ),
        lambda m: _spotify(m[1]),
    ),
    "bandcamp": _Provider("Bandcamp", re.compile(r"(?:^|\.)bandcamp\.com$")),
    "mixcloud": _Provider(
        "Mixcloud",
        re.compile(r"(?:^|\.)mixcloud\.com$"),
        re.compile(r"//(?:www\.)?mixcloud\.com/widget/iframe/?\?\S*"),
        _mixcloud,
    ),
}


def _provider(url: str) -> str | None:
    host = (urlsplit(url).hostname or "").lower()
    for slug, provider in _PROVIDERS.items():
        if provider.host.search(host):
            return slug
    return None


def _public_url(url: str) -> str:
    """A player's address (an iframe src) as the page a reader can open."""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    for provider in _PROVIDERS.values():
        if provider.player and (match := provider.player.search(url)):
            return provider.public(match)
    if found := video_embed(url):
        return _canonical_video(url, *found)
    return url


def _canonical_video(url: str, provider: str, video_id: str) -> str:
    if provider == "vimeo":
        return f"https://vimeo.com/{video_id}"
    query = parse_qs(urlsplit(url).query)
    start = (query.get("t") or query.get("start") or [""])[0]
    start = f"&t={start}" if re.fullmatch(r"\d+s?", start) else ""
    return f"https://www.youtube.com/watch?v={video_id}{start}"


# --- The conversion -------------------------------------------------------

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
_ATTRIBUTE = re.compile(
    r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
_IMG = re.compile(r"<img\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
_LINK = re.compile(r"<a\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
_WEB_ADDRESS = r"https?://[^\s<>\"\x00-\x1f]+"
_LONE_URL_LINE = re.compile(rf"^[ \t]*({_WEB_ADDRESS})[ \t]*$", re.MULTILINE)
_LONE_URL_PARAGRAPH = re.compile(
    rf"(<p(?:\s[^>]*)?>\s*)({_WEB_ADDRESS})(\s*</p>)", re.IGNORECASE
)
# An embed on a line of its own (WordPress's autoembed rule) stands alone.
_LONE_EMBED_LINE = re.compile(r"^[ \t]*(\x00\d+\x00)[ \t]*$", re.MULTILINE)
_PRE_SPLIT = re.compile(r"(<pre\b.*?</pre\s*>)", re.DOTALL | re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")
# Characters this module uses as markers; XML cannot carry them anyway.
_MARKERS = re.compile(r"[\x00-\x04]")
_AUDIO_FILE = re.compile(r"\.(?:mp3|m4a|ogg|oga|wav|wma|flac|aac|opus)$", re.I)
_VIDEO_FILE = re.compile(r"\.(?:mp4|m4v|webm|ogv|wmv|flv|mov)$", re.I)


@dataclass
class _Job:
    new_url: Callable[[str], str | None]
    attachment_url: Callable[[int], str | None]
    warnings: list[str] = field(default_factory=list)
    embeds: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # Embeds are placeholders until the layout knows whether one stands alone.
    def embed(self, url: str, label: str = "") -> str:
        url = _public_url(unescape(url))
        path = urlsplit(url).path
        if _AUDIO_FILE.search(path) or _VIDEO_FILE.search(path):
            kind = "audio" if _AUDIO_FILE.search(path) else "video"
            return self.file_link(url, kind, inline=True)
        if not re.fullmatch(_WEB_ADDRESS, url):
            if re.match(r"[a-z][a-z0-9+.-]*:", url, re.IGNORECASE):
                self.warn(f"an embed of {url[:80]!r} was dropped: not a web address")
                return ""
            return escape(url, quote=False)  # WordPress showed such text as it was
        if not find_embed(url):
            slug = _provider(url)
            name = label or (_PROVIDERS[slug].label if slug else "")
            if name:
                self.warn(f"{name} embed became a plain link (no player for it yet)")
        self.embeds.append(url)
        return f"\x00{len(self.embeds) - 1}\x00"

    def file_link(
        self, url: str, kind: str, wp_id: int | None = None, *, inline: bool = False
    ) -> str:
        """A link to an audio or video file, where WordPress showed a player:
        its own paragraph, or a bare link where it sat inside text."""
        if kind == "audio":
            self.warn(
                "audio players became links to their files (files brought in "
                "with --media-dir play in the post's own player)"
            )
        else:
            self.warn(
                "video files became links (the blog plays only YouTube and Vimeo)"
            )
        url = unescape(url)
        target = self.new_url(url) if url else None
        if not target and wp_id is not None:
            target = self.attachment_url(wp_id)
        target = target or url
        if not target:
            self.warn(f"an {kind} player without a file was dropped")
            return ""
        name = unquote(urlsplit(url or target).path.rsplit("/", 1)[-1]) or target
        anchor = f'<a href="{escape(target)}">{escape(name)}</a>'
        return anchor if inline else f"\n\n<p>{anchor}</p>\n\n"

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

    # --- Blocks ---

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

    def gallery(self, inner: str, ids: list) -> str:
        if _IMG.search(inner) or not ids:
            return inner
        items = [
            f'<figure class="gallery-item"><img src="{escape(url)}" alt="" /></figure>'
            for url in self.attachment_urls(ids)
        ]
        return f'<figure class="gallery">{"".join(items)}</figure>'

    def attachment_urls(self, ids: list) -> list[str]:
        urls = []
        for wp_id in ids:
            try:
                url = self.attachment_url(int(wp_id))
            except (TypeError, ValueError):
                url = None
            if url:
                urls.append(url)
            else:
                self.warn(
                    f"gallery image {wp_id} is not in the import and was left out"
                )
        return urls

    # --- Shortcodes ---

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
            url = named.get("url") or first or content.strip()
            if "api.soundcloud.com" in url:
                url = "https://w.soundcloud.com/player/?url=" + url
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

    # --- What applies to the whole body ---

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

    def image(self, match: re.Match) -> str:
        tag = match[0]
        found = _attributes(tag)
        wp_id = found.get("data-id") or ""
        if not wp_id and (
            klass := re.search(r"wp-image-(\d+)", found.get("class", ""))
        ):
            wp_id = klass[1]
        src = found.get("src", "")
        target = self.new_url(src) if src else None
        if not target and wp_id.isdigit():
            target = self.attachment_url(int(wp_id))
        if not target:
            if not src:
                self.warn("an image without a source was kept empty")
            return tag
        tag = re.sub(r"\s(?:srcset|sizes)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", "", tag)
        return _set_attribute(tag, "src", target)

    def link(self, tag: str, wp_id: int | None = None) -> str:
        href = _attributes(tag).get("href", "")
        target = self.new_url(href) if href else None
        if not target and wp_id is not None:
            target = self.attachment_url(wp_id)
        return _set_attribute(tag, "href", target) if target else tag


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


# --- Shortcodes: WordPress's own grammar (get_shortcode_regex) ------------

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


# --- wpautop, ported from WordPress (wp-includes/formatting.php) ----------

_ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|"
    r"li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|"
    r"section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|"
    r"menu|summary)"
)
_PRE_OPEN = re.compile(r"<pre[\s>]", re.IGNORECASE)
_IN_TAG = re.compile(r"<[^>]*>")
_AUTOP_RULES = [
    (re.compile(r"<br\s*/?>\s*<br\s*/?>"), "\n\n"),
    (re.compile(r"(<" + _ALLBLOCKS + r"[\s/>])"), r"\n\n\1"),
    (re.compile(r"(</" + _ALLBLOCKS + r">)"), r"\1\n\n"),
    (re.compile(r"(<hr\s*?/?>)"), r"\1\n\n"),
]
_AUTOP_FIXES = [
    (re.compile(r"<p>\s*</p>"), ""),
    (re.compile(r"<p>([^<]+)</(div|address|form)>"), r"<p>\1</p></\2>"),
    (re.compile(r"<p>\s*(</?" + _ALLBLOCKS + r"[^>]*>)\s*</p>"), r"\1"),
    (re.compile(r"<p>(<li.+?)</p>"), r"\1"),
    (re.compile(r"<p><blockquote([^>]*)>", re.I), r"<blockquote\1><p>"),
    (re.compile(r"</blockquote></p>"), "</p></blockquote>"),
    (re.compile(r"<p>\s*(</?" + _ALLBLOCKS + r"[^>]*>)"), r"\1"),
    (re.compile(r"(</?" + _ALLBLOCKS + r"[^>]*>)\s*</p>"), r"\1"),
]
_KEEP_NEWLINES = re.compile(r"<(script|style|svg|math).*?</\1>", re.DOTALL)
_BR_FIXES = [
    (re.compile(r"(</?" + _ALLBLOCKS + r"[^>]*>)\s*<br />"), r"\1"),
    (re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)"), r"\1"),
    (re.compile(r"\n</p>$"), "</p>"),
]


def wpautop(text: str) -> str:
    """WordPress's wpautop: blank lines make paragraphs, a single newline a
    ``<br />``, block-level tags are never wrapped, ``<pre>`` is left alone."""
    if not text.strip():
        return ""
    text += "\n"
    pres: list[str] = []
    if _PRE_OPEN.search(text):
        parts = text.split("</pre>")
        last = parts.pop()
        rebuilt = []
        for part in parts:
            start = _PRE_OPEN.search(part)
            if not start:
                rebuilt.append(part + "</pre>")
                continue
            rebuilt.append(
                part[: start.start()] + f"<pre wp-pre-tag-{len(pres)}></pre>"
            )
            pres.append(part[start.start() :] + "</pre>")
        text = "".join(rebuilt) + last
    for pattern, replacement in _AUTOP_RULES:
        text = pattern.sub(replacement, text)
    end = text.rfind(">") + 1  # no tag ends after the last ">" (time squared)
    text = _IN_TAG.sub(lambda m: m[0].replace("\n", "\x02"), text[:end]) + text[end:]
    if "<source" in text or "<track" in text:
        text = re.sub(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", r"\1", text)
        text = re.sub(r"\s*([<\[]/(?:audio|video)[>\]])", r"\1", text)
        text = re.sub(r"\s*(<(?:source|track)[^>]*>)\s*", r"\1", text)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    for pattern, replacement in _AUTOP_FIXES:
        text = pattern.sub(replacement, text)
    text = _KEEP_NEWLINES.sub(lambda m: m[0].replace("\n", "\x03"), text)
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = text.replace("\x03", "\n")
    for pattern, replacement in _BR_FIXES:
        text = pattern.sub(replacement, text)
    for index, pre in enumerate(pres):
        text = text.replace(f"<pre wp-pre-tag-{index}></pre>", pre)
    return text.replace("\x02", "\n")


def _outside_pre(text: str) -> str:
    """Hide ``<pre>`` contents from line-based rules (restored by _restore_pre)."""
    return _PRE_SPLIT.sub(lambda m: m[0].replace("\n", "\x04"), text)


def _restore_pre(text: str) -> str:
    return text.replace("\x04", "\n")


# --- Layout: one CommonMark HTML block per top-level element --------------

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


# --- Track listings (issue 10, item 4) -------------------------------------

_LISTING_CANDIDATE = re.compile(
    r"<(p|ol|ul|pre)\b[^>]*>(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE
)
_LINE_BREAK = re.compile(r"<br\s*/?>|</li\s*>|</p\s*>", re.IGNORECASE)


def _listings(html: str) -> list[str]:
    """Blocks the catalogue's parser reads as a track listing.

    A candidate is a paragraph with line breaks, a list or a ``<pre>``. It
    counts when the parser finds three or more tracks, at most one line in four
    is not a track, and at least half the tracks carry a position, an artist or
    a duration: a plain bulleted list reads as titles only and is not offered.
    """
    found = []
    for match in _LISTING_CANDIDATE.finditer(html):
        tag, inner = match[1].lower(), match[2]
        if tag == "p" and inner.lower().count("<br") < 2:
            continue
        lines = _LINE_BREAK.sub("\n", inner) if tag != "pre" else inner
        text = "\n".join(
            line.strip() for line in _text_keep_lines(lines).split("\n") if line.strip()
        )
        if text.count("\n") < 2:
            continue
        try:
            parsed = parse_tracklist(text)
        except TracklistError:
            continue
        tracks = parsed.tracks
        evidence = sum(
            1 for t in tracks if t.position or t.artists or t.duration_seconds
        )
        if (
            len(tracks) >= 3
            and len(parsed.unparsed) * 4 <= len(tracks) + len(parsed.unparsed)
            and evidence * 2 >= len(tracks)
        ):
            found.append(text)
    return found


def _text_keep_lines(html: str) -> str:
    return unescape(re.sub(r"<[^>]*>", "", html)).replace("\u00a0", " ")


# -- comments ------------------------------------------------------------------

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
