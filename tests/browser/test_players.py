"""Music on a post: embeds that ask their provider for nothing until pressed,
and audio attachments that play, seek and move on in the browser's own player."""

import io
import math
import re
import struct
import wave

import pytest
from playwright.sync_api import expect

from linernotes.posts.models import Attachment

from .support import (
    DESKTOP,
    PHONE,
    block_other_origins,
    csp_errors,
    elsewhere,
    record_requests,
)
from .test_accessibility import BLOCKING_IMPACTS, RUN_AXE, describe

BANDCAMP_CODE = (
    '<iframe style="border: 0; width: 100%; height: 120px;" '
    'src="https://bandcamp.com/EmbeddedPlayer/album=2788395880/size=large/'
    'bgcol=ffffff/linkcol=0687f5/tracklist=false/transparent=true/" seamless>'
    '<a href="https://forss.bandcamp.com/album/soulhack">Soulhack by Forss</a>'
    "</iframe>"
)
# (provider, what the writer pasted, the link without JavaScript, the player)
EMBEDS = [
    (
        "youtube",
        "https://youtu.be/btPJPFnesV4?si=share",
        "https://www.youtube.com/watch?v=btPJPFnesV4",
        "https://www.youtube-nocookie.com/embed/btPJPFnesV4?autoplay=1",
    ),
    (
        "spotify",
        "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=0123abcd",
        "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC",
        "https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC",
    ),
    (
        "soundcloud",
        "https://soundcloud.com/forss/demo/s-AbCd3fGh1?utm_source=clipboard",
        "https://soundcloud.com/forss/demo/s-AbCd3fGh1",
        "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fforss"
        "%2Fdemo%2Fs-AbCd3fGh1&auto_play=true&visual=false",
    ),
    (
        "apple-music",
        "https://music.apple.com/us/album/rocky-iv/1440833098?i=1440833373&ls=1",
        "https://music.apple.com/us/album/rocky-iv/1440833098?i=1440833373",
        "https://embed.music.apple.com/us/album/rocky-iv/1440833098?i=1440833373",
    ),
    (
        "mixcloud",
        "https://www.mixcloud.com/spartacus/party-time/?fbclid=x",
        "https://www.mixcloud.com/spartacus/party-time/",
        "https://www.mixcloud.com/widget/iframe/?hide_cover=1&autoplay=1"
        "&feed=%2Fspartacus%2Fparty-time%2F",
    ),
    (
        "bandcamp",
        BANDCAMP_CODE,
        "https://forss.bandcamp.com/album/soulhack",
        "https://bandcamp.com/EmbeddedPlayer/album=2788395880/size=large/"
        "bgcol=ffffff/linkcol=0687f5/tracklist=false/artwork=small/transparent=true/",
    ),
]
SECONDS = 6


def tone(seconds: int, rate: int = 22_050) -> bytes:
    """A real WAV file: a 440 Hz sine, mono, 16-bit (one second, repeated: a
    second holds whole cycles, so the joins are seamless)."""
    second = b"".join(
        struct.pack("<h", int(12_000 * math.sin(2 * math.pi * 440 * n / rate)))
        for n in range(rate)
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(second * seconds)
    return buffer.getvalue()


@pytest.fixture
def music_post(live_server, transactional_db, settings, make_post, make_attachment):
    """A post with every kind of embed and three audio files: two WAVs this
    browser plays and a WMA it cannot; and its absolute URL."""
    settings.LINERNOTES_ATTACHMENT_EXTENSIONS = ["wav", "wma", "pdf"]
    body = "Hear it all.\n\n" + "\n\n".join(pasted for _, pasted, _, _ in EMBEDS)
    post = make_post(days_ago=1, title="Soundtracks, heard", body=body)
    make_attachment(post=post, name="side-a.wav", data=tone(SECONDS), title="Side A")
    make_attachment(post=post, name="side-b.wav", data=tone(2), title="Side B")
    make_attachment(post=post, name="bonus.wma", data=b"0" * 64, title="Bonus")
    return live_server.url + post.get_absolute_url()


def track_audio(page, title: str):
    return page.get_by_role("listitem").filter(has_text=title).locator("audio")


@pytest.mark.parametrize(
    ("provider", "link", "player"),
    [(provider, link, player) for provider, _, link, player in EMBEDS],
    ids=[provider for provider, *_ in EMBEDS],
)
def test_a_music_embed_contacts_its_provider_only_after_play_is_pressed(
    music_post, open_page, provider, link, player
):
    page = open_page()
    requested = record_requests(page)
    refused = csp_errors(page)
    block_other_origins(page, music_post)
    page.goto(music_post)
    page.mouse.wheel(0, 20_000)
    page.wait_for_load_state("networkidle")
    before_click = elsewhere(requested, music_post)
    figure = page.locator(f'figure[data-embed-provider="{provider}"]')
    expect(figure.locator("a.embed-link")).to_have_attribute("href", link)
    expect(page.locator("iframe")).to_have_count(0)

    with page.expect_request(player):
        figure.locator(".embed-link").click()

    expect(figure.locator("iframe")).to_have_attribute("src", player)
    assert before_click == []
    assert elsewhere(requested, music_post) == [player]
    assert refused == []


FORGED_SOURCES = [
    "https://evil.example/x",
    "http://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC",
    "https://user@open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC",
    "javascript:alert(1)",
]


def test_a_forged_placeholder_makes_no_frame(
    live_server, transactional_db, make_post, open_page
):
    """Tried: placeholders whose player address is another site, plain http, a
    provider's origin with user info, and a script URL, stored in a body before
    the sanitiser dropped raw data-embed-* attributes (so the page still serves
    them). Pressing play on them makes no frame; a real player beside them does."""
    spotify = EMBEDS[1]
    post = make_post(days_ago=1, title="Stored before the fix", body=spotify[1])
    forged = "".join(
        f'<figure class="embed" data-embed-provider="youtube" '
        f'data-embed-id="btPJPFnesV4" data-embed-src="{src}">'
        f'<a class="embed-link forged" href="#forged-{n}">Play {n}</a></figure>'
        for n, src in enumerate(FORGED_SOURCES)
    )
    type(post).objects.filter(pk=post.pk).update(body_html=post.body_html + forged)
    url = live_server.url + post.get_absolute_url()
    page = open_page()
    requested = record_requests(page)
    block_other_origins(page, url)
    page.goto(url)
    expect(page.locator("a.forged")).to_have_count(len(FORGED_SOURCES))

    for n in range(len(FORGED_SOURCES)):
        page.locator(f'a[href="#forged-{n}"]').click()
    expect(page.locator("iframe")).to_have_count(0)
    page.locator('figure[data-embed-provider="spotify"] .embed-link').click()

    expect(page.locator("iframe")).to_have_count(1)
    expect(page.locator("iframe")).to_have_attribute("src", spotify[3])
    assert "#forged-" in page.url  # the forged ones stayed plain links
    for _ in range(50):  # the frame's request may follow its src by a moment
        if elsewhere(requested, url):
            break
        page.wait_for_timeout(100)
    assert elsewhere(requested, url) == [spotify[3]]


def test_without_javascript_every_embed_is_a_plain_link_to_its_page(
    music_post, open_page
):
    page = open_page(java_script_enabled=False)
    requested = record_requests(page)
    block_other_origins(page, music_post)

    page.goto(music_post)

    links = page.locator("figure.embed a.embed-link")
    expect(links).to_have_count(len(EMBEDS))
    assert [links.nth(i).get_attribute("href") for i in range(len(EMBEDS))] == [
        link for _, _, link, _ in EMBEDS
    ]
    assert elsewhere(requested, music_post) == []


# Chromium's own name without "Headless", which the blog takes for a robot and
# never counts (core.readers): this test is a reader.
READER_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)


def record_answers(page, filename: str) -> list[tuple[str | None, int, str | None]]:
    """(Range asked for, status, Content-Range) of each answer for the file."""
    answers: list[tuple[str | None, int, str | None]] = []

    def note(response) -> None:
        if filename in response.url:
            headers = response.headers
            answers.append(
                (
                    response.request.headers.get("range"),
                    response.status,
                    headers.get("content-range"),
                )
            )

    page.on("response", note)
    return answers


def counts(title: str) -> tuple[int, int]:
    """(plays, downloads) the writer sees for the attachment called ``title``."""
    attachment = Attachment.objects.get(title=title)
    return attachment.play_count, attachment.download_count


def seek(audio, seconds: float) -> None:
    audio.evaluate(
        """(a, to) => new Promise(done => {
            a.addEventListener("seeked", done, { once: true });
            a.currentTime = to;
        })""",
        seconds,
    )


def test_an_audio_attachment_plays_seeks_through_range_requests_and_counts_once(
    music_post, open_page
):
    page = open_page(user_agent=READER_CHROME)
    answers = record_answers(page, "side-a.wav")
    page.goto(music_post)
    page.wait_for_load_state("networkidle")
    assert answers == []  # preload="none": nothing is fetched, nothing counted
    audio = track_audio(page, "Side A")

    audio.evaluate("a => { a.muted = true; return a.play(); }")
    page.wait_for_function(
        "a => a.readyState >= 1 && a.duration > 0", arg=audio.element_handle()
    )
    seekable_end = audio.evaluate("a => a.seekable.length && a.seekable.end(0)")
    seek(audio, 4.5)

    assert seekable_end == pytest.approx(SECONDS, abs=0.1)
    assert audio.evaluate("a => a.currentTime") >= 4.5
    assert answers[0][0] == "bytes=0-"
    assert all(status == 206 for _, status, _ in answers)
    assert all(re.fullmatch(r"bytes \d+-\d+/\d+", cr or "") for *_, cr in answers)
    assert counts("Side A") == (1, 0)


def test_a_long_listen_with_seeks_is_many_range_requests_and_one_play(
    live_server, transactional_db, settings, make_post, make_attachment, open_page
):
    """A 2-minute take (5.3 MB, more than Chromium buffers ahead), played, then
    sought near the end, back to the start and near the end again: the player
    asks for new ranges, and the writer sees one play and no download."""
    settings.LINERNOTES_ATTACHMENT_EXTENSIONS = ["wav"]
    post = make_post(days_ago=1, title="One long take")
    make_attachment(post=post, name="long.wav", data=tone(120), title="Long take")
    page = open_page(user_agent=READER_CHROME)
    answers = record_answers(page, "long.wav")
    page.goto(live_server.url + post.get_absolute_url())
    audio = track_audio(page, "Long take")

    audio.evaluate("a => { a.muted = true; return a.play(); }")
    page.wait_for_function("a => a.readyState >= 1", arg=audio.element_handle())
    for to in (110, 0, 115):
        seek(audio, to)
    audio.evaluate("a => a.play()")
    page.wait_for_function("a => a.currentTime > 115.2", arg=audio.element_handle())

    starts = [r for r, *_ in answers]
    assert len(answers) >= 2, answers
    assert starts[0] == "bytes=0-" and any(r != "bytes=0-" for r in starts)
    assert all(status == 206 for _, status, _ in answers)
    assert counts("Long take") == (1, 0)


def test_a_track_that_ends_starts_the_next_one(music_post, open_page):
    page = open_page()
    page.goto(music_post)
    first = track_audio(page, "Side A")
    second = track_audio(page, "Side B")
    second.evaluate("a => { a.muted = true; }")

    first.evaluate(
        """a => { a.muted = true; return a.play().then(() => {
            a.currentTime = a.duration - 0.2; }); }"""
    )

    page.wait_for_function(
        "a => !a.paused && a.currentTime > 0", arg=second.element_handle()
    )
    assert first.evaluate("a => a.ended || a.paused")


def test_a_format_the_browser_cannot_play_points_to_its_download(music_post, open_page):
    page = open_page()
    page.goto(music_post)
    track = page.locator(".audio-playlist .audio-track", has_text="Bonus")

    expect(track.locator("audio")).to_be_hidden()
    expect(track.locator(".audio-track-cannot-play")).to_contain_text(
        "use the download link"
    )
    expect(track.locator("a.audio-track-download")).to_have_attribute(
        "href", re.compile(r"/bonus\.wma$")
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_post_with_players_has_no_serious_accessibility_violation(
    music_post, open_page, axe_script, screenshot, viewport
):
    page = open_page(viewport=viewport, bypass_csp=True)  # axe is inlined
    page.goto(music_post)
    expect(page.locator(".audio-player")).to_be_visible()
    screenshot(page, "post-with-players")

    page.add_script_tag(path=axe_script)
    violations = page.evaluate(RUN_AXE)

    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], describe(blocking)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
