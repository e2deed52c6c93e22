"""Embeds, players, files and images: what each becomes in the body.

One row per provider WordPress blogs embed music and video from: its name for
the report, its host, and how a player's own address maps back to the public
page. Whether a URL plays or links is ``core.markup``'s call (``video_embed``).
An embed is a placeholder until the layout knows whether it stands alone.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape
from urllib.parse import parse_qs, unquote, urlsplit

from linernotes.core.embeds import find_embed
from linernotes.core.markup import video_embed

from .tags import _IMG, _attributes, _set_attribute


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
    """What the widget plays: a track's page, or an API address
    (``api.soundcloud.com/tracks/293``), which the blog's SoundCloud player
    plays too (``core.embeds``); anything else keeps the widget's address."""
    url = (parse_qs(urlsplit(match[0]).query).get("url") or [""])[0]
    if urlsplit(url).hostname in ("soundcloud.com", "www.soundcloud.com"):
        return url
    if urlsplit(url).hostname == "api.soundcloud.com":
        return "https://" + url.split("://", 1)[-1]
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


_WEB_ADDRESS = r"https?://[^\s<>\"\x00-\x1f]+"
_AUDIO_FILE = re.compile(r"\.(?:mp3|m4a|ogg|oga|wav|wma|flac|aac|opus)$", re.I)
_VIDEO_FILE = re.compile(r"\.(?:mp4|m4v|webm|ogv|wmv|flv|mov)$", re.I)


@dataclass
class _Embeds:
    """One body's conversion: its warnings and embeds, and what a player, a
    file, a gallery, an image or a link to a stored file becomes."""

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
