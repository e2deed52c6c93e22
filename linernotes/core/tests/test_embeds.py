"""Which URLs become click-to-load players, what they load, and what stays a link."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linernotes.core.embeds import find_bandcamp_code, find_embed, frame_sources
from linernotes.core.markup import render_markdown

SPOTIFY_TRACK = "4uLU6hMCjMI75M1A2tKUQC"

# (URL as a reader shares it, provider, link kept, player loaded after the click)
PLAYABLE = [
    (
        "https://www.youtube.com/watch?v=btPJPFnesV4&si=abc123&utm_source=x",
        "youtube",
        "https://www.youtube.com/watch?v=btPJPFnesV4",
        "https://www.youtube-nocookie.com/embed/btPJPFnesV4?autoplay=1",
    ),
    (
        "https://youtu.be/btPJPFnesV4?si=Zx9&t=1m30s",
        "youtube",
        "https://www.youtube.com/watch?v=btPJPFnesV4&t=90s",
        "https://www.youtube-nocookie.com/embed/btPJPFnesV4?autoplay=1&start=90",
    ),
    (
        "https://www.youtube.com/shorts/btPJPFnesV4?feature=share",
        "youtube",
        "https://www.youtube.com/watch?v=btPJPFnesV4",
        "https://www.youtube-nocookie.com/embed/btPJPFnesV4?autoplay=1",
    ),
    (
        "https://vimeo.com/76979871?fbclid=IwAR0x",
        "vimeo",
        "https://vimeo.com/76979871",
        "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1",
    ),
    (  # an unlisted video plays only with its hash, so the hash stays
        "https://vimeo.com/76979871/0a1b2c3d4e?share=copy&utm_medium=social",
        "vimeo",
        "https://vimeo.com/76979871/0a1b2c3d4e",
        "https://player.vimeo.com/video/76979871?h=0a1b2c3d4e&autoplay=1&dnt=1",
    ),
    (
        f"https://open.spotify.com/track/{SPOTIFY_TRACK}?si=0123456789abcdef",
        "spotify",
        f"https://open.spotify.com/track/{SPOTIFY_TRACK}",
        f"https://open.spotify.com/embed/track/{SPOTIFY_TRACK}",
    ),
    (
        "https://open.spotify.com/intl-de/album/1A2GTWGtFfWp7KSQTwWOyo?si=x&nd=1",
        "spotify",
        "https://open.spotify.com/album/1A2GTWGtFfWp7KSQTwWOyo",
        "https://open.spotify.com/embed/album/1A2GTWGtFfWp7KSQTwWOyo",
    ),
    (
        "https://soundcloud.com/forss/flickermood?utm_source=clipboard"
        "&utm_medium=text&utm_campaign=social_sharing&si=f00",
        "soundcloud",
        "https://soundcloud.com/forss/flickermood",
        "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fforss"
        "%2Fflickermood&auto_play=true&visual=false",
    ),
    (  # a private track plays only with its secret token, so the token stays
        "https://m.soundcloud.com/forss/demo-take/s-AbCd3fGh1?si=f00&ref=clipboard",
        "soundcloud",
        "https://soundcloud.com/forss/demo-take/s-AbCd3fGh1",
        "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fforss"
        "%2Fdemo-take%2Fs-AbCd3fGh1&auto_play=true&visual=false",
    ),
    (
        "https://soundcloud.com/forss/sets/soulhack?igshid=xyz",
        "soundcloud",
        "https://soundcloud.com/forss/sets/soulhack",
        "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fforss"
        "%2Fsets%2Fsoulhack&auto_play=true&visual=false",
    ),
    (  # WordPress.com's [soundcloud] shortcode names a track by its number;
        # only the widget knows its page, so the widget's page is the link
        "https://api.soundcloud.com/tracks/293?client_id=abc123",
        "soundcloud",
        "https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com"
        "%2Ftracks%2F293",
        "https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com"
        "%2Ftracks%2F293&auto_play=true&visual=false",
    ),
    (  # a private playlist by number: its secret token is what plays
        "http://api.soundcloud.com/playlists/4711?secret_token=s-AbCd3fGh1",
        "soundcloud",
        "https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com"
        "%2Fplaylists%2F4711&secret_token=s-AbCd3fGh1",
        "https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com"
        "%2Fplaylists%2F4711&secret_token=s-AbCd3fGh1&auto_play=true&visual=false",
    ),
    (  # "i" names the track of the album; "ls" and "at" only track the reader
        "https://music.apple.com/us/album/rocky-iv/1440833098?i=1440833373&ls=1&at=11l",
        "apple-music",
        "https://music.apple.com/us/album/rocky-iv/1440833098?i=1440833373",
        "https://embed.music.apple.com/us/album/rocky-iv/1440833098?i=1440833373",
    ),
    (
        "https://music.apple.com/gb/playlist/eighties/pl.u-55D6ZJ3iKzrq?uo=4",
        "apple-music",
        "https://music.apple.com/gb/playlist/eighties/pl.u-55D6ZJ3iKzrq",
        "https://embed.music.apple.com/gb/playlist/eighties/pl.u-55D6ZJ3iKzrq",
    ),
    (
        "https://www.mixcloud.com/spartacus/party-time/?utm_campaign=x&fbclid=y",
        "mixcloud",
        "https://www.mixcloud.com/spartacus/party-time/",
        "https://www.mixcloud.com/widget/iframe/?hide_cover=1&autoplay=1"
        "&feed=%2Fspartacus%2Fparty-time%2F",
    ),
    (
        "https://bandcamp.com/EmbeddedPlayer/album=2788395880/size=large/"
        "bgcol=333333/linkcol=0f91ff/track=1169441370/transparent=true/",
        "bandcamp",
        "https://bandcamp.com/EmbeddedPlayer/album=2788395880/track=1169441370/",
        "https://bandcamp.com/EmbeddedPlayer/album=2788395880/track=1169441370/"
        "size=large/bgcol=ffffff/linkcol=0687f5/tracklist=false/artwork=small/"
        "transparent=true/",
    ),
]

# Addresses that stay plain links, with why.
PLAIN = [
    "https://spoti.fi/3xYzAbC",  # short link: only the network knows the target
    "https://spotify.link/AbCdEfGhIjK",  # Spotify's newer short link
    "https://on.soundcloud.com/AbCdEf12",  # SoundCloud's short link
    "https://snd.sc/1a2b3c",  # SoundCloud's old short link
    "https://bit.ly/rocky-iv",  # any shortener
    "https://forss.bandcamp.com/album/soulhack",  # a page: no album id in it
    "https://bandcamp.com/EmbeddedPlayer/size=large/",  # a player without an id
    "https://soundcloud.com/discover",  # SoundCloud's own page
    "https://soundcloud.com/forss/likes",  # a profile's tab, not a track
    "https://soundcloud.com/forss",  # a whole profile
    "https://api.soundcloud.com/users/5",  # the API's user, not a track
    "https://api.soundcloud.com/tracks/flickermood",  # the API names by number
    "https://www.mixcloud.com/discover/jazz/",  # Mixcloud's own page
    "https://www.mixcloud.com/spartacus/",  # a whole profile
    "https://open.spotify.com/user/someone",  # a profile, not something to play
    "https://open.spotify.com/track/tooshort",  # not a Spotify id
    "https://music.apple.com/us/artist/vince-dicola/4123940",  # artists don't embed
    "https://itunes.apple.com/us/album/rocky-iv/id1440833098",  # the old store
    'https://music.apple.com/us/album/a"onload=x/1440833098',  # not a slug
    "https://www.youtube.com/watch?v=short",
    "https://example.org/watch?v=btPJPFnesV4",
    "ftp://open.spotify.com/track/" + SPOTIFY_TRACK,
    "https://[open.spotify.com/track",  # not even a URL
]


@pytest.mark.parametrize(("url", "provider", "link", "player"), PLAYABLE)
def test_a_shared_url_plays_with_tracking_stripped_and_needed_tokens_kept(
    url, provider, link, player
):
    found = find_embed(url)

    assert (found.provider.slug, found.link, found.player) == (provider, link, player)


@pytest.mark.parametrize("url", PLAIN)
def test_short_links_pages_and_other_sites_stay_plain_links(url):
    assert find_embed(url) is None


@pytest.mark.parametrize(("url", "provider", "link", "player"), PLAYABLE)
def test_a_url_alone_on_a_line_becomes_a_placeholder_loading_nothing(
    url, provider, link, player
):
    html = render_markdown(f"Before.\n\n{url}\n\nAfter.")

    assert f'data-embed-provider="{provider}"' in html
    assert f'data-embed-src="{_html(player)}"' in html
    assert f'<a class="embed-link" href="{_html(link)}"' in html
    assert "<iframe" not in html
    assert not re.search(r"(?<![\w-])src=", html)  # no image, no frame: no request
    assert "utm_" not in html and "si=" not in html and "fbclid" not in html


@pytest.mark.parametrize("url", PLAIN[:6])
def test_a_short_link_alone_on_a_line_stays_a_link(url):
    html = render_markdown(f"<{url}>")

    assert "data-embed" not in html
    assert f'href="{_html(url)}"' in html


@pytest.mark.parametrize("url", PLAIN[:6])
def test_a_bare_address_alone_on_a_line_that_plays_nothing_is_a_link(url):
    # Tried: Spotify's and SoundCloud's short links, bit.ly, a Bandcamp album page.
    html = render_markdown(f"Before.\n\n{url}\n\nAfter.")

    assert "data-embed" not in html
    assert re.search(
        rf'<p><a href="{re.escape(_html(url))}"[^>]*>{re.escape(_html(url))}</a></p>',
        html,
    )


@pytest.mark.parametrize(
    "line",
    ["Just some words", "ftp://example.org/file", "https://a b", "javascript:alert(1)"],
)
def test_a_line_that_is_not_a_web_address_is_left_as_text(line):
    html = render_markdown(f"{line}\n")

    assert "<a " not in html


def test_a_player_url_inside_a_sentence_stays_a_link():
    html = render_markdown(
        f"Hear https://open.spotify.com/track/{SPOTIFY_TRACK} tonight."
    )

    assert "data-embed" not in html


BANDCAMP_CODE = (
    '<iframe style="border: 0; width: 350px; height: 470px;" '
    'src="https://bandcamp.com/EmbeddedPlayer/album=2788395880/size=large/'
    'bgcol=ffffff/linkcol=0687f5/tracklist=false/transparent=true/" seamless>'
    '<a href="https://forss.bandcamp.com/album/soulhack">Soulhack by Forss</a>'
    "</iframe>"
)


def test_bandcamps_own_embed_code_alone_on_a_line_becomes_a_placeholder():
    html = render_markdown(f"Out now.\n\n{BANDCAMP_CODE}\n\nBuy it.")

    assert 'data-embed-provider="bandcamp"' in html
    assert 'data-embed-id="2788395880"' in html
    assert 'href="https://forss.bandcamp.com/album/soulhack"' in html
    assert "Listen on Bandcamp: Soulhack by Forss" in html
    assert "<iframe" not in html and "style=" not in html
    assert "<p>Out now.</p>" in html and "<p>Buy it.</p>" in html


@pytest.mark.parametrize(
    "code",
    [
        # someone else's frame dressed as Bandcamp's
        BANDCAMP_CODE.replace("https://bandcamp.com/", "https://evil.example/"),
        # Bandcamp's code with text after it in the same block
        BANDCAMP_CODE + "<p>and more</p>",
        # a frame to a Bandcamp page rather than its player
        BANDCAMP_CODE.replace("EmbeddedPlayer/album=2788395880", "album/soulhack"),
    ],
)
def test_other_frames_are_never_made_players(code):
    html = render_markdown(code)

    assert "data-embed" not in html
    assert "<iframe" not in html


@pytest.mark.parametrize(
    "link",
    [
        "https://evil.example/",
        # a browser reads the backslash as "/": the host is evil.example
        "https://evil.example\\.bandcamp.com/",
        "https://forss.bandcamp.com\\@evil.example/",
        "https://forss.bandcamp.com@evil.example/",
        "https://evil.example@forss.bandcamp.com/",
        "https://evil.example%2ebandcamp.com/",
        "https://evil.example .bandcamp.com/",
        "https://evil.example\t.bandcamp.com/",
        "http://forss.bandcamp.com/album/soulhack",
        "javascript:alert(1)//.bandcamp.com/",
    ],
)
def test_bandcamp_code_whose_link_leaves_bandcamp_links_to_the_player_instead(link):
    code = BANDCAMP_CODE.replace("https://forss.bandcamp.com/album/soulhack", link)

    found = find_bandcamp_code(code)

    assert found.link == "https://bandcamp.com/EmbeddedPlayer/album=2788395880/"


def test_frame_src_names_every_provider_and_nothing_else(settings):
    assert frame_sources() == [
        "https://bandcamp.com",
        "https://embed.music.apple.com",
        "https://open.spotify.com",
        "https://player.vimeo.com",
        "https://w.soundcloud.com",
        "https://www.mixcloud.com",
        "https://www.youtube-nocookie.com",
    ]
    assert settings.SECURE_CSP["frame-src"] == frame_sources()


@pytest.mark.parametrize(("url", "provider", "link", "player"), PLAYABLE)
def test_every_player_loads_from_an_origin_frame_src_allows(
    url, provider, link, player
):
    origin = re.match(r"https://[^/]+", player).group(0)

    assert origin in frame_sources()


def _html(text: str) -> str:
    return text.replace("&", "&amp;")


HOSTS = [
    "https://www.youtube.com/",
    "https://youtu.be/",
    "https://vimeo.com/",
    "https://open.spotify.com/",
    "https://soundcloud.com/",
    "https://music.apple.com/",
    "https://www.mixcloud.com/",
    "https://bandcamp.com/EmbeddedPlayer/",
]


# What could make urllib and a browser read different hosts: a backslash
# (a browser's "/"), "@" (user info), white space, percent-encoded dots.
_TRICKS = ["\\", "@", " ", "\t", "\n", "%2e", "%2E", "evil.example", "."]
_ADDRESS_TEXT = st.lists(
    st.sampled_from([*"abcAB12-_/=?&#%.s:[]\"'<> ", *_TRICKS]), max_size=30
).map("".join)
_LINK = re.compile(r"https://(?P<host>[a-z0-9.-]+)(?:[/?#]|$)")


def _browser_host(url: str) -> str:
    """The host of ``url`` read strictly: only letters, digits, "." and "-"
    before the path, so no browser can read it as another host."""
    match = _LINK.match(url)
    assert match, url
    return match["host"]


@given(
    st.sampled_from(HOSTS),
    _ADDRESS_TEXT,
    st.sampled_from(["", *_TRICKS]),
)
@settings(max_examples=400, deadline=None)
def test_any_address_on_a_provider_gives_a_clean_player_or_a_link(host, rest, trick):
    """Whatever follows a provider's host, or is slipped into it: no exception,
    and a player only from an allowed origin and a link only to the provider,
    with nothing in their addresses that could end an HTML attribute."""
    scheme, _, name = host.partition("://")
    at, _, after = name.partition("/")
    for address in (host + rest, f"{scheme}://{trick}{at}{trick}/{after}{rest}"):
        found = find_embed(address)

        if found is not None:
            assert re.match(r"https://[^/]+", found.player)[0] in frame_sources()
            assert _browser_host(found.link) in found.provider.hosts
            assert not set("\"'<> \\\t\n") & set(found.player + found.link)


@given(_ADDRESS_TEXT, _ADDRESS_TEXT)
@settings(max_examples=400, deadline=None)
def test_bandcamp_codes_link_goes_to_bandcamp_whatever_it_says(before, after):
    """The placeholder's link is the code's own only when a browser would take
    it to Bandcamp too; otherwise the player's public address."""
    link = f"https://{before}bandcamp.com{after}"
    code = BANDCAMP_CODE.replace(
        "https://forss.bandcamp.com/album/soulhack", link.replace('"', "&quot;")
    )

    found = find_bandcamp_code(code)

    host = _browser_host(found.link)
    assert host == "bandcamp.com" or host.endswith(".bandcamp.com")
    assert not set("\"'<> \\\t\n@") & set(found.link.split("/", 3)[2])
    assert not set("\"'<> \\\t\n") & set(found.link)
