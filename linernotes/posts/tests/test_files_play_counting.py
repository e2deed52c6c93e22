"""What counts as a play or a download of an attachment, and what does not.

The page's player asks for ``?play``: its answers count as plays; every other
request (the download link, the fallback link inside ``<audio>``) counts as a
download. Either counts when a reader's request gets an answer that sends the
start of the file and more than a probe's worth of it (``PLAY_MIN_BYTES``, or
the whole of a smaller file), once per network, attachment and kind in
``PLAY_COOLDOWN_SECONDS``. Robots, HEAD requests and prefetches never count.
The reviewer's attack was ``curl -r 0-0`` 21 times: 21 downloads, each a
database write.
"""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains

from linernotes.posts.files import PLAY_COOLDOWN_SECONDS, PLAY_MIN_BYTES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("browser")]

BIG = bytes(range(256)) * 256  # 64 KiB: larger than a probe
SMALL = b"0123456789abcdef"
# iOS Safari's media stack fetches an <audio> source under its own name.
IOS_MEDIA = "AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X)"


def counts(attachment) -> tuple[int, int]:
    """(plays, downloads) as stored now."""
    attachment.refresh_from_db()
    return attachment.play_count, attachment.download_count


@pytest.fixture
def song(make_post, make_attachment):
    return make_attachment(post=make_post(days_ago=1), name="song.mp3", data=BIG)


def play_url(attachment) -> str:
    return attachment.get_absolute_url() + "?play"


def test_one_listen_with_its_seeks_is_one_play_and_no_download(client, song):
    """Chromium's requests for one listen: the start, two seeks forward, a seek
    back to the start, and the tail the player reads for the duration."""
    ranges = ["bytes=0-", "bytes=30000-", "bytes=50000-", "bytes=0-", "bytes=-128"]

    statuses = [client.get(play_url(song), HTTP_RANGE=r).status_code for r in ranges]

    assert statuses == [206] * len(ranges)
    assert counts(song) == (1, 0)


def test_the_download_link_counts_a_download_and_no_play(client, song):
    response = client.get(song.get_absolute_url())

    assert response["Content-Disposition"].startswith("attachment")
    assert counts(song) == (0, 1)


def test_one_network_playing_then_downloading_counts_one_of_each(client, song):
    """A reader who listens, then keeps the file: both are counted, once each,
    however many times either is repeated within the cooldown."""
    for _ in range(3):
        client.get(play_url(song), HTTP_RANGE="bytes=0-")
        client.get(song.get_absolute_url())

    assert counts(song) == (1, 1)


def test_a_play_address_for_a_file_no_browser_plays_is_a_download(
    client, make_post, make_attachment
):
    """Tried: ``notes.pdf?play``. It is sent as a file, so it is a download."""
    notes = make_attachment(post=make_post(days_ago=1), name="notes.pdf", data=BIG)

    response = client.get(play_url(notes))

    assert response["Content-Disposition"].startswith("attachment")
    assert counts(notes) == (0, 1)


def test_an_image_opened_in_the_browser_is_a_download_not_a_play(
    client, make_post, make_attachment
):
    """Tried: ``sleeve.png?play``. The browser shows it inline, but the page's
    player offers only audio, and only audio counts plays (``is_audio``)."""
    clip = make_attachment(post=make_post(days_ago=1), name="sleeve.png", data=BIG)

    client.get(play_url(clip), HTTP_RANGE="bytes=0-")

    assert not clip.is_audio
    assert counts(clip) == (0, 1)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": ""},
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"},
        {"HTTP_USER_AGENT": "curl/8.5.0"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 HeadlessChrome/131.0"},
        {"HTTP_SEC_PURPOSE": "prefetch"},
    ],
    ids=["no agent", "googlebot", "curl", "headless", "prefetch"],
)
def test_robots_scripts_and_prefetches_count_nothing(client, song, headers):
    """Each sends the whole file and the player's start: answered, not counted,
    and no database write."""
    with CaptureQueriesContext(connection) as queries:
        whole = client.get(song.get_absolute_url(), **headers)
        played = client.get(play_url(song), HTTP_RANGE="bytes=0-", **headers)

    assert (whole.status_code, played.status_code) == (200, 206)
    assert not any(q["sql"].startswith("UPDATE") for q in queries)
    assert counts(song) == (0, 0)


def test_head_requests_count_nothing(client, song):
    assert client.head(song.get_absolute_url()).status_code == 200
    assert client.head(play_url(song), HTTP_RANGE="bytes=0-").status_code == 206

    assert counts(song) == (0, 0)


def test_an_iphones_media_player_counts_a_play(client, song):
    client.get(play_url(song), HTTP_RANGE="bytes=0-1", HTTP_USER_AGENT=IOS_MEDIA)
    client.get(play_url(song), HTTP_RANGE="bytes=0-", HTTP_USER_AGENT=IOS_MEDIA)

    assert counts(song) == (1, 0)


def test_one_byte_requests_of_the_start_are_never_counted(client, song):
    """``curl -r 0-0`` with a browser's name, 21 times: answered, no write."""
    for url in (song.get_absolute_url(), play_url(song)):
        for _ in range(21):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, HTTP_RANGE="bytes=0-0")
            assert (response.status_code, response["Content-Length"]) == (206, "1")
            assert not any(q["sql"].startswith("UPDATE") for q in queries)

    assert counts(song) == (0, 0)


def test_safaris_two_byte_probe_then_the_real_request_count_one_play(client, song):
    probe = client.get(play_url(song), HTTP_RANGE="bytes=0-1")
    assert counts(song) == (0, 0)
    client.get(play_url(song), HTTP_RANGE=f"bytes=0-{len(BIG) - 1}")

    assert probe.status_code == 206
    assert counts(song) == (1, 0)


def test_a_start_shorter_than_the_minimum_is_not_counted_but_one_as_long_is(
    client, song
):
    url = song.get_absolute_url()

    client.get(url, HTTP_RANGE=f"bytes=0-{PLAY_MIN_BYTES - 2}")
    assert counts(song) == (0, 0)
    client.get(url, HTTP_RANGE=f"bytes=0-{PLAY_MIN_BYTES - 1}")

    assert counts(song) == (0, 1)


def test_the_whole_of_a_file_smaller_than_the_minimum_counts(
    client, make_post, make_attachment
):
    small = make_attachment(post=make_post(days_ago=1), name="jingle.mp3", data=SMALL)

    client.get(play_url(small), HTTP_RANGE="bytes=0-14")  # all but the last byte
    assert counts(small) == (0, 0)
    client.get(play_url(small), HTTP_RANGE="bytes=0-")

    assert counts(small) == (1, 0)


def test_starting_again_within_the_cooldown_from_the_same_network_counts_once(
    client, song
):
    """A seek back to the start, a reload, or a script fetching the whole file
    in a loop from one /24: one play, and no write after the first."""
    client.get(play_url(song), REMOTE_ADDR="203.0.113.7")
    for address in ("203.0.113.7", "203.0.113.200"):  # a neighbour too
        with CaptureQueriesContext(connection) as queries:
            assert client.get(play_url(song), REMOTE_ADDR=address).status_code == 200
        assert not any(q["sql"].startswith("UPDATE") for q in queries)

    assert counts(song) == (1, 0)


def test_other_networks_and_other_files_count_on_their_own(
    client, song, make_attachment
):
    other = make_attachment(post=song.post, name="b-side.mp3", data=BIG)

    client.get(play_url(song), REMOTE_ADDR="203.0.113.7")
    client.get(play_url(song), REMOTE_ADDR="198.51.100.7")
    client.get(play_url(song), REMOTE_ADDR="2001:db8:1::5")
    client.get(song.get_absolute_url(), REMOTE_ADDR="2001:db8:1::5")
    client.get(play_url(other), REMOTE_ADDR="203.0.113.7")

    assert (counts(song), counts(other)) == ((3, 1), (1, 0))


def test_the_cooldown_keeps_a_keyed_hash_of_the_network_only_and_expires(client, song):
    client.get(play_url(song), REMOTE_ADDR="203.0.113.7")
    client.get(song.get_absolute_url(), REMOTE_ADDR="203.0.113.7")

    notes = [(k, t) for k, t in _cache_entries() if f":{song.pk}:" in k]
    assert sorted(key.split(":")[-3] for key, _ in notes) == ["downloads", "plays"]
    assert all("203.0.113" not in key for key, _ in notes)
    assert all(0 < left <= PLAY_COOLDOWN_SECONDS <= 3600 for _, left in notes)


def test_an_old_address_of_the_player_stays_a_play(client, song):
    """Tried: the player's address with a file name the attachment no longer
    has (a page cached before the file was renamed)."""
    old = play_url(song).replace("song.mp3", "old-name.mp3")

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == play_url(song)


def test_the_post_page_shows_plays_and_downloads_apart(client, song, make_attachment):
    notes = make_attachment(post=song.post, name="notes.pdf", data=b"%PDF-1.4")
    client.get(play_url(song), HTTP_RANGE="bytes=0-")
    client.get(song.get_absolute_url(), REMOTE_ADDR="198.51.100.7")
    client.get(song.get_absolute_url(), REMOTE_ADDR="203.0.113.7")

    response = client.get(song.post.get_absolute_url())

    assertContains(response, "64.0\xa0KB · 1 play · 2 downloads")
    assertContains(response, "8\xa0bytes · 0 downloads")  # no plays for a PDF
    assert notes.is_audio is False


def _cache_entries() -> list[tuple[str, float]]:
    """(key, seconds until it expires) in the default cache, local or Redis."""
    now = time.time()
    expiry = getattr(cache, "_expire_info", None)
    if expiry is not None:
        return [(k, when - now) for k, when in expiry.items()]
    redis = cache._cache.get_client()
    return [(k.decode(), redis.ttl(k)) for k in redis.keys("*")]
