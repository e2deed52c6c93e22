"""Audio attachments play on the post's page, seekable and counted once a play.

The page shows each audio attachment as the browser's own ``<audio controls>``
(a audio-playlist when there are several) that loads nothing until pressed, with its
download link beside it; the counted download view feeds the player, answering
its Range requests and counting a play when byte 0 goes out, so the seeks that
follow never count again.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.core.exceptions import UploadRejected
from linernotes.posts import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("browser")]

DATA = bytes(range(256)) * 4  # 1,024 bytes


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def count(attachment) -> int:
    """The plays counted so far (the player's requests are plays)."""
    attachment.refresh_from_db()
    return attachment.play_count


@pytest.fixture
def post(make_post):
    return make_post(days_ago=1, title="Side A, live")


def test_an_audio_attachment_is_an_audio_element_loading_nothing_before_play(
    client, post, make_attachment
):
    song = make_attachment(post=post, name="war.mp3", data=DATA, title="War")

    response = client.get(post.get_absolute_url())

    html = response.content.decode()
    (audio,) = re.findall(r"<audio\b[^>]*>", html)
    assert 'preload="none"' in audio and "controls" in audio
    assertContains(
        response,
        f'<source src="{song.get_absolute_url()}?play" type="audio/mpeg">',
        html=True,
    )
    assertContains(response, f'href="{song.get_absolute_url()}" download', count=2)
    assertContains(response, "/static/css/players.css")
    assertContains(response, "/static/js/players.js")
    assert count(song) == 0


def test_several_audio_attachments_make_a_playlist_in_the_posts_order(
    client, post, make_attachment
):
    titles = ["Training Montage", "War", "Burning Heart"]
    for number, title in enumerate(titles):
        make_attachment(post=post, name=f"t{number}.ogg", data=DATA, title=title)
    make_attachment(post=post, name="notes.pdf", data=b"%PDF-1.4", title="Notes")

    response = client.get(post.get_absolute_url())

    html = response.content.decode()
    assertContains(response, '<h2 id="audio-player-title">Playlist</h2>', html=True)
    assert re.findall(
        r'class="audio-track-title"[^>]*>.*?</span> ([^<]+)</p>', html
    ) == (titles)
    assert html.count("<audio ") == 3
    assert len(re.findall(r'<source [^>]*type="audio/ogg"', html)) == 3


def test_a_post_without_audio_shows_no_player_and_links_no_player_styles(
    client, post, make_attachment
):
    make_attachment(post=post, name="notes.pdf", data=b"%PDF-1.4")

    response = client.get(post.get_absolute_url())

    assertContains(response, "notes.pdf")
    assertNotContains(response, "<audio")
    assertNotContains(response, "players.js")


def test_a_post_with_neither_embed_nor_attachment_loads_no_player_styles(client, post):
    response = client.get(post.get_absolute_url())

    assertNotContains(response, "players.css")
    assertNotContains(response, "players.js")


def test_a_post_with_a_music_embed_links_the_player_styles(client, make_post):
    post = make_post(body="https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC")

    response = client.get(post.get_absolute_url())

    assertContains(response, 'data-embed-provider="spotify"')
    assertContains(response, "/static/css/players.css")


def test_a_page_with_a_music_embed_links_the_player_styles(client, make_page):
    page = make_page(title="Listen", body="https://soundcloud.com/forss/flickermood")
    plain = make_page(title="Plain", body="Nothing to play.")

    response = client.get(page.get_absolute_url())

    assertContains(response, 'data-embed-provider="soundcloud"')
    assertContains(response, "/static/css/players.css")
    assertNotContains(client.get(plain.get_absolute_url()), "players.css")


def test_an_m4a_file_is_accepted_and_plays_as_audio_mp4(client, post):
    upload = SimpleUploadedFile("demo.m4a", DATA, content_type="audio/mp4")

    song = services.attach_file(post=post, upload=upload, title="Demo")
    response = client.get(song.get_absolute_url() + "?play", HTTP_RANGE="bytes=0-")

    assert song.content_type == "audio/mp4"
    assert response.status_code == 206
    assert response["Content-Type"] == "audio/mp4"
    assert response["Content-Disposition"].startswith("inline")


def test_an_unlisted_audio_type_is_still_refused(post):
    upload = SimpleUploadedFile("demo.wma", DATA, content_type="audio/x-ms-wma")

    with pytest.raises(UploadRejected, match="not a file type"):
        services.attach_file(post=post, upload=upload)


def test_a_player_that_starts_then_seeks_counts_one_play(client, post, make_attachment):
    """What Chromium sends: the start of the file, then a range from where the
    reader dragged the slider, then the start again on a later press of play
    after the page was reloaded (within the cooldown: still one play); a reader
    on another network pressing play is a second play."""
    song = make_attachment(post=post, name="war.mp3", data=DATA)
    url = song.get_absolute_url() + "?play"

    first = client.get(url, HTTP_RANGE="bytes=0-")
    seek = client.get(url, HTTP_RANGE="bytes=700-")
    restart = client.get(url, HTTP_RANGE="bytes=0-")
    assert count(song) == 1
    again = client.get(url, HTTP_RANGE="bytes=0-", REMOTE_ADDR="198.51.100.7")

    assert (first.status_code, first["Content-Range"]) == (206, "bytes 0-1023/1024")
    assert (seek.status_code, seek["Content-Range"]) == (206, "bytes 700-1023/1024")
    assert body(seek) == DATA[700:]
    assert seek["Content-Length"] == "324"
    assert (restart.status_code, again.status_code) == (206, 206)
    assert count(song) == 2


@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=5000-6000", "bytes=-0"])
def test_a_seek_past_the_end_answers_416_with_the_size(
    client, post, make_attachment, header
):
    song = make_attachment(post=post, name="war.mp3", data=DATA)

    response = client.get(song.get_absolute_url() + "?play", HTTP_RANGE=header)

    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"
    assert count(song) == 0


def test_a_seek_after_the_file_changed_gets_the_whole_new_file(
    client, post, make_attachment
):
    """If-Range with an old validator: a part of the new file would splice two
    recordings together, so the whole file comes back (and counts)."""
    song = make_attachment(post=post, name="war.mp3", data=DATA)

    response = client.get(
        song.get_absolute_url() + "?play",
        HTTP_RANGE="bytes=700-",
        HTTP_IF_RANGE='"0-1"',
    )

    assert response.status_code == 200
    assert body(response) == DATA
    assert count(song) == 1


def test_the_pages_policy_lets_frames_load_from_the_players_providers_only(
    client, make_post
):
    post = make_post(body="https://www.mixcloud.com/spartacus/party-time/")

    policy = client.get(post.get_absolute_url())["Content-Security-Policy"]

    (frame_src,) = [d for d in policy.split(";") if d.strip().startswith("frame-src")]
    assert sorted(frame_src.split()[1:]) == [
        "https://bandcamp.com",
        "https://embed.music.apple.com",
        "https://open.spotify.com",
        "https://player.vimeo.com",
        "https://w.soundcloud.com",
        "https://www.mixcloud.com",
        "https://www.youtube-nocookie.com",
    ]
