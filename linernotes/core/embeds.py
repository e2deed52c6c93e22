"""Which addresses become click-to-load players, and what each player loads.

One registry of providers (YouTube, Vimeo, Spotify, SoundCloud, Apple Music,
Mixcloud, Bandcamp) answers three questions from one place: whether a URL a
writer put alone on a line plays (``find_embed``), which address the player
frame loads after the reader presses play (``Embed.player``), and which
origins the Content-Security-Policy's ``frame-src`` lists (``frame_sources``,
read by the settings). Nothing here touches the network: a short link
(spoti.fi, on.soundcloud.com) would need a request to resolve, so it stays a
plain link, and so does a Bandcamp page, whose album or track id only
Bandcamp's own embed code (or a WordPress ``[bandcamp]`` shortcode) carries.

Query strings are rebuilt from an allow-list per provider, never copied: what
a provider needs (a YouTube start time, Vimeo's ``h`` hash of an unlisted
video, Apple Music's ``i`` track of an album) stays, everything else (utm_*,
``si``, ``fbclid``, ``igshid``, affiliate tokens) goes. A private link's token
stays only where it is part of what plays: SoundCloud's ``s-…`` secret path
part and Vimeo's unlisted hash. Spotify has none: its ``si`` only says who
shared the link, and a private playlist cannot be embedded at all.

No Django here: the settings import this module.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from urllib.parse import SplitResult, urlencode, urlsplit

from linernotes.core.registry import Registry


@dataclass(frozen=True)
class Embed:
    """One playable item: what the placeholder shows and what the click loads."""

    provider: "Provider"
    key: str  # the item's id at the provider (data-embed-id)
    link: str  # its public page, cleaned: the placeholder's link without JavaScript
    player: str  # the frame's address after the click
    shape: str  # "video" (16:9), "compact", "short" or "tall": the frame's height
    title: str = ""  # what the embed code called it (Bandcamp's link text)


@dataclass(frozen=True)
class Provider:
    slug: str
    label: str  # the name readers know it by
    hosts: frozenset[str]  # page hosts whose URLs may play
    frame_origins: tuple[str, ...]  # where its player frames load from
    parse: Callable[[SplitResult], Embed | None]
    kind: str = "audio"  # "video" or "audio": the placeholder's wording

    @property
    def action(self) -> str:
        return "Play video on" if self.kind == "video" else "Listen on"


providers: Registry[Provider] = Registry("click-to-load music and video players")


def find_embed(url: str) -> Embed | None:
    """The player for ``url`` (an absolute http(s) address), or None to keep it
    a plain link: another site, a short link, a page that is not one item."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # an unbalanced "[" in the host
        return None
    if parts.scheme not in ("http", "https") or not _PLAIN_HOST.fullmatch(parts.netloc):
        return None
    host = parts.hostname.lower()
    for provider in providers:
        if host in provider.hosts:
            return provider.parse(parts)
    return None


# A host, and a port at most: no user info ("a@b"), backslash (which browsers
# read as "/"), white space or percent sign, so urllib and a browser cannot
# disagree about which host an address names.
_PLAIN_HOST = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?",
    re.IGNORECASE | re.ASCII,
)


def frame_sources() -> list[str]:
    """Every origin a player frame may load from, for CSP ``frame-src``."""
    return sorted({origin for p in providers for origin in p.frame_origins})


_BANDCAMP_CODE = re.compile(
    r"""\s*<iframe\b(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>\s*"""
    r"""(?:<a\s(?P<link>(?:[^>"']|"[^"]*"|'[^']*')*)>(?P<title>[^<]*)</a>\s*)?"""
    r"""</iframe\s*>\s*""",
    re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def find_bandcamp_code(html: str) -> Embed | None:
    """The player for Bandcamp's own embed code (``<iframe src=".../EmbeddedPlayer/
    album=…">`` with its link inside) when ``html`` is nothing else."""
    match = _BANDCAMP_CODE.fullmatch(html)
    if match is None:
        return None
    src = _attributes(match["attrs"]).get("src", "")
    found = find_embed(src)
    if found is None or found.provider.slug != "bandcamp":
        return None
    page = _bandcamp_page(_attributes(match["link"] or "").get("href", ""))
    title = " ".join(unescape(match["title"] or "").split())
    return Embed(
        found.provider, found.key, page or found.link, found.player, found.shape, title
    )


def _attributes(text: str) -> dict[str, str]:
    return {
        name.lower(): unescape(double if double is not None else single or "")
        for name, double, single in _ATTRIBUTE.findall(text)
    }


# An artist's page on Bandcamp, in characters that read the same to urllib and
# to a browser: a backslash, "@", white space or "%" in the host could send the
# reader elsewhere ("https://evil.example\\.bandcamp.com/" goes to evil.example).
_BANDCAMP_PAGE = re.compile(
    r"https://(?P<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*bandcamp\.com)"
    r"(?:/[\w.~%!$&*+,;=:@/-]*)?(?:\?[\w.~%!$&*+,;=:@/?-]*)?",
    re.IGNORECASE | re.ASCII,
)


def _bandcamp_page(url: str) -> str | None:
    """``url`` when it is a page on Bandcamp that every parser agrees on."""
    match = _BANDCAMP_PAGE.fullmatch(url)
    if match is None:
        return None
    parts = urlsplit(url)
    if parts.netloc != match["host"] or parts.hostname != match["host"].lower():
        return None
    return url


def _query(parts: SplitResult) -> dict[str, str]:
    """The query's parameters, the first value of each."""
    found: dict[str, str] = {}
    for pair in parts.query.split("&"):
        name, _, value = pair.partition("=")
        found.setdefault(name, value)
    return found


def _segments(parts: SplitResult) -> list[str]:
    return [segment for segment in parts.path.split("/") if segment]


# --- Video -----------------------------------------------------------------

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_TIME = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")


def _youtube(parts: SplitResult) -> Embed | None:
    segments = _segments(parts)
    if parts.hostname.lower() == "youtu.be":
        video = segments[0] if len(segments) == 1 else ""
    elif segments == ["watch"]:
        video = _query(parts).get("v", "")
    elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
        video = segments[1]
    else:
        return None
    if not _YOUTUBE_ID.fullmatch(video):
        return None
    start = _youtube_start(_query(parts))
    link = f"https://www.youtube.com/watch?v={video}" + (
        f"&t={start}s" if start else ""
    )
    player = f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1" + (
        f"&start={start}" if start else ""
    )
    return Embed(_YOUTUBE, video, link, player, "video")


def _youtube_start(query: dict[str, str]) -> int:
    """Seconds from ``t`` or ``start`` ("90", "90s", "1m30s"), 0 if absent."""
    value = query.get("t") or query.get("start") or ""
    match = _YOUTUBE_TIME.fullmatch(value)
    if not value or match is None:
        return 0
    hours, minutes, seconds = (int(group or 0) for group in match.groups())
    return hours * 3600 + minutes * 60 + seconds


_VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")


def _vimeo(parts: SplitResult) -> Embed | None:
    segments = _segments(parts)
    if segments[:1] == ["video"] or segments[:1] == ["channels"]:
        segments = segments[1:] if segments[0] == "video" else segments[2:]
    if not segments or not re.fullmatch(r"\d{4,12}", segments[0]):
        return None
    video, rest = segments[0], segments[1:]
    secret = rest[0] if len(rest) == 1 else _query(parts).get("h", "")
    if len(rest) > 1 or (secret and not _VIMEO_HASH.fullmatch(secret)):
        return None
    link = f"https://vimeo.com/{video}" + (f"/{secret}" if secret else "")
    player = f"https://player.vimeo.com/video/{video}?" + urlencode(
        {**({"h": secret} if secret else {}), "autoplay": 1, "dnt": 1}
    )
    return Embed(_VIMEO, video, link, player, "video")


# --- Music -----------------------------------------------------------------

_SPOTIFY_PATH = re.compile(
    r"/(?:intl-[a-z]{2}(?:-[a-z]{2})?/)?(?:embed/)?"
    r"(track|album|playlist|artist|episode|show)/([A-Za-z0-9]{22})/?",
    re.IGNORECASE,
)


def _spotify(parts: SplitResult) -> Embed | None:
    match = _SPOTIFY_PATH.fullmatch(parts.path)
    if match is None:
        return None
    kind, item = match[1].lower(), match[2]
    shape = "short" if kind in ("track", "episode") else "tall"
    return Embed(
        _SPOTIFY,
        item,
        f"https://open.spotify.com/{kind}/{item}",
        f"https://open.spotify.com/embed/{kind}/{item}",
        shape,
    )


_SLUG = re.compile(r"[\w-]{1,120}")
_SOUNDCLOUD_SECRET = re.compile(r"s-[A-Za-z0-9]{4,40}")
# First parts of soundcloud.com addresses that are the site's own pages, and
# second parts that are tabs of a profile: neither is one track or playlist.
_SOUNDCLOUD_PAGES = frozenset(
    "discover search stream you charts upload pages settings messages "
    "notifications people tags popular terms-of-use mobile jobs imprint pro "
    "go connect signin logout feed premium artists".split()
)
_SOUNDCLOUD_TABS = frozenset(
    "tracks albums sets reposts likes followers following comments "
    "popular-tracks spotlight".split()
)


_SOUNDCLOUD_API = re.compile(r"/(tracks|playlists)/(\d{1,15})/?")


def _soundcloud(parts: SplitResult) -> Embed | None:
    if parts.hostname.lower() == "api.soundcloud.com":
        return _soundcloud_api(parts)
    segments = _segments(parts)
    if len(segments) > 2 and _SOUNDCLOUD_SECRET.fullmatch(segments[-1]):
        path, secret = segments[:-1], segments[-1]
    else:
        path, secret = segments, ""
    playlist = len(path) == 3 and path[1] == "sets"
    if not (len(path) == 2 or playlist) or not all(map(_SLUG.fullmatch, path)):
        return None
    if path[0] in _SOUNDCLOUD_PAGES or (not playlist and path[1] in _SOUNDCLOUD_TABS):
        return None
    link = "https://soundcloud.com/" + "/".join([*path, *([secret] if secret else [])])
    player = "https://w.soundcloud.com/player/?" + urlencode(
        {"url": link, "auto_play": "true", "visual": "false"}
    )
    return Embed(
        _SOUNDCLOUD, "/".join(path), link, player, "tall" if playlist else "short"
    )


def _soundcloud_api(parts: SplitResult) -> Embed | None:
    """A track or playlist by its number (``api.soundcloud.com/tracks/293``),
    as WordPress.com's ``[soundcloud]`` shortcode names it: the widget plays
    it, but its public page is known only by asking SoundCloud, so the
    widget's own page is the link shown before the click. A private track's
    ``secret_token`` stays: it is what plays."""
    found = _SOUNDCLOUD_API.fullmatch(parts.path)
    if found is None:
        return None
    kind, number = found[1], found[2]
    query = {"url": f"https://api.soundcloud.com/{kind}/{number}"}
    secret = _query(parts).get("secret_token", "")
    if _SOUNDCLOUD_SECRET.fullmatch(secret):
        query["secret_token"] = secret
    link = "https://w.soundcloud.com/player/?" + urlencode(query)
    player = link + "&" + urlencode({"auto_play": "true", "visual": "false"})
    shape = "tall" if kind == "playlists" else "short"
    return Embed(_SOUNDCLOUD, f"{kind}/{number}", link, player, shape)


_APPLE_PATH = re.compile(
    r"/([a-z]{2})/(album|playlist|song|music-video|station)/(?:([\w%.~-]{1,200})/)?"
    r"(\d{1,15}|pl\.[\w-]{1,64}|ra\.\d{1,15})/?",
)


def _apple_music(parts: SplitResult) -> Embed | None:
    match = _APPLE_PATH.fullmatch(parts.path)
    if match is None:
        return None
    storefront, kind, slug, item = match.groups()
    track = _query(parts).get("i", "")
    track = track if kind == "album" and track.isdigit() else ""
    path = "/".join(part for part in (storefront, kind, slug, item) if part)
    query = f"?i={track}" if track else ""
    shape = "short" if kind == "song" or track else "tall"
    return Embed(
        _APPLE_MUSIC,
        track or item,
        f"https://music.apple.com/{path}{query}",
        f"https://embed.music.apple.com/{path}{query}",
        shape,
    )


_MIXCLOUD_PAGES = frozenset(
    "discover upload select live categories tag search settings dashboard "
    "developers about jobs contact pro".split()
)
_MIXCLOUD_TABS = frozenset(
    "uploads favorites listens playlists followers following stream posts "
    "reposts stats activity".split()
)


def _mixcloud(parts: SplitResult) -> Embed | None:
    segments = _segments(parts)
    if len(segments) != 2 or not all(map(_SLUG.fullmatch, segments)):
        return None
    user, show = segments
    if user in _MIXCLOUD_PAGES or show in _MIXCLOUD_TABS:
        return None
    feed = f"/{user}/{show}/"
    player = "https://www.mixcloud.com/widget/iframe/?" + urlencode(
        {"hide_cover": 1, "autoplay": 1, "feed": feed}
    )
    return Embed(
        _MIXCLOUD,
        f"{user}/{show}",
        f"https://www.mixcloud.com{feed}",
        player,
        "compact",
    )


_BANDCAMP_PART = re.compile(r"(album|track)=(\d{1,20})")
_BANDCAMP_LOOK = "size=large/bgcol=ffffff/linkcol=0687f5/tracklist=false/artwork=small/"


def _bandcamp(parts: SplitResult) -> Embed | None:
    """Only the player's own address: ``bandcamp.com/EmbeddedPlayer/album=…/``."""
    segments = _segments(parts)
    if segments[:1] != ["EmbeddedPlayer"]:
        return None
    found = dict(
        match.groups() for s in segments[1:] if (match := _BANDCAMP_PART.fullmatch(s))
    )
    if not found:
        return None
    ids = "/".join(
        f"{name}={found[name]}" for name in ("album", "track") if name in found
    )
    return Embed(
        _BANDCAMP,
        found.get("track") or found["album"],
        f"https://bandcamp.com/EmbeddedPlayer/{ids}/",
        f"https://bandcamp.com/EmbeddedPlayer/{ids}/{_BANDCAMP_LOOK}transparent=true/",
        "compact",
    )


_YOUTUBE = providers.register(
    Provider(
        "youtube",
        "YouTube",
        frozenset(
            {
                "youtube.com",
                "www.youtube.com",
                "m.youtube.com",
                "music.youtube.com",
                "youtu.be",
                "youtube-nocookie.com",
                "www.youtube-nocookie.com",
            }
        ),
        ("https://www.youtube-nocookie.com",),
        _youtube,
        kind="video",
    ),
    order=10,
    name="youtube",
)
_VIMEO = providers.register(
    Provider(
        "vimeo",
        "Vimeo",
        frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"}),
        ("https://player.vimeo.com",),
        _vimeo,
        kind="video",
    ),
    order=20,
    name="vimeo",
)
_SPOTIFY = providers.register(
    Provider(
        "spotify",
        "Spotify",
        frozenset({"open.spotify.com"}),
        ("https://open.spotify.com",),
        _spotify,
    ),
    order=30,
    name="spotify",
)
_SOUNDCLOUD = providers.register(
    Provider(
        "soundcloud",
        "SoundCloud",
        frozenset(
            {
                "soundcloud.com",
                "www.soundcloud.com",
                "m.soundcloud.com",
                "api.soundcloud.com",
            }
        ),
        ("https://w.soundcloud.com",),
        _soundcloud,
    ),
    order=40,
    name="soundcloud",
)
_APPLE_MUSIC = providers.register(
    Provider(
        "apple-music",
        "Apple Music",
        frozenset({"music.apple.com", "embed.music.apple.com"}),
        ("https://embed.music.apple.com",),
        _apple_music,
    ),
    order=50,
    name="apple-music",
)
_MIXCLOUD = providers.register(
    Provider(
        "mixcloud",
        "Mixcloud",
        frozenset({"mixcloud.com", "www.mixcloud.com", "m.mixcloud.com"}),
        ("https://www.mixcloud.com",),
        _mixcloud,
    ),
    order=60,
    name="mixcloud",
)
_BANDCAMP = providers.register(
    Provider(
        "bandcamp",
        "Bandcamp",
        frozenset({"bandcamp.com"}),
        ("https://bandcamp.com",),
        _bandcamp,
    ),
    order=70,
    name="bandcamp",
)
