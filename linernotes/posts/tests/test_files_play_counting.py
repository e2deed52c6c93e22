"""What counts as a play (or download) of an attachment, and what does not.

A play is an answer that sends the start of the file and more than a probe's
worth of it (``PLAY_MIN_BYTES``, or the whole of a smaller file), counted once
per network and attachment in ``PLAY_COOLDOWN_SECONDS``. The reviewer's attack
was ``curl -r 0-0`` 21 times: 21 downloads, each a database write.
"""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from linernotes.posts.files import PLAY_COOLDOWN_SECONDS, PLAY_MIN_BYTES

pytestmark = pytest.mark.django_db

BIG = bytes(range(256)) * 256  # 64 KiB: larger than a probe
SMALL = b"0123456789abcdef"


def count(attachment) -> int:
    attachment.refresh_from_db()
    return attachment.download_count


@pytest.fixture
def song(make_post, make_attachment):
    return make_attachment(post=make_post(days_ago=1), name="song.mp3", data=BIG)


def test_one_byte_requests_of_the_start_are_never_counted(client, song):
    """``curl -r 0-0``, 21 times: each answered, none a play, no write."""
    url = song.get_absolute_url()
    for _ in range(21):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_RANGE="bytes=0-0")
        assert (response.status_code, response["Content-Length"]) == (206, "1")
        assert not any(q["sql"].startswith("UPDATE") for q in queries)

    assert count(song) == 0


def test_safaris_two_byte_probe_then_the_real_request_count_one_play(client, song):
    url = song.get_absolute_url() + "?play"

    probe = client.get(url, HTTP_RANGE="bytes=0-1")
    assert count(song) == 0
    client.get(url, HTTP_RANGE=f"bytes=0-{len(BIG) - 1}")

    assert probe.status_code == 206
    assert count(song) == 1


def test_a_start_shorter_than_the_minimum_is_not_a_play_but_one_as_long_is(
    client, song
):
    url = song.get_absolute_url()

    client.get(url, HTTP_RANGE=f"bytes=0-{PLAY_MIN_BYTES - 2}")
    assert count(song) == 0
    client.get(url, HTTP_RANGE=f"bytes=0-{PLAY_MIN_BYTES - 1}")

    assert count(song) == 1


def test_the_whole_of_a_file_smaller_than_the_minimum_is_a_play(
    client, make_post, make_attachment
):
    small = make_attachment(post=make_post(days_ago=1), name="jingle.mp3", data=SMALL)
    url = small.get_absolute_url()

    client.get(url, HTTP_RANGE="bytes=0-14")  # all but the last byte
    assert count(small) == 0
    client.get(url, HTTP_RANGE="bytes=0-")

    assert count(small) == 1


def test_starting_again_within_the_cooldown_from_the_same_network_counts_once(
    client, song
):
    """A seek back to the start, a reload, or a script fetching the whole file
    in a loop from one /24: one play, and no write after the first."""
    url = song.get_absolute_url()
    client.get(url, REMOTE_ADDR="203.0.113.7")
    for address in ("203.0.113.7", "203.0.113.200"):  # a neighbour too
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, REMOTE_ADDR=address).status_code == 200
        assert not any(q["sql"].startswith("UPDATE") for q in queries)

    assert count(song) == 1


def test_other_networks_and_other_files_count_on_their_own(
    client, song, make_attachment
):
    other = make_attachment(post=song.post, name="b-side.mp3", data=BIG)

    client.get(song.get_absolute_url(), REMOTE_ADDR="203.0.113.7")
    client.get(song.get_absolute_url(), REMOTE_ADDR="198.51.100.7")
    client.get(song.get_absolute_url(), REMOTE_ADDR="2001:db8:1::5")
    client.get(other.get_absolute_url(), REMOTE_ADDR="203.0.113.7")

    assert (count(song), count(other)) == (3, 1)


def test_the_cooldown_keeps_a_keyed_hash_of_the_network_only_and_expires(client, song):
    client.get(song.get_absolute_url(), REMOTE_ADDR="203.0.113.7")

    [(key, seconds_left)] = [(k, t) for k, t in _cache_entries() if "plays:" in k]
    assert "203.0.113" not in key
    assert 0 < seconds_left <= PLAY_COOLDOWN_SECONDS <= 3600


def _cache_entries() -> list[tuple[str, float]]:
    """(key, seconds until it expires) in the default cache, local or Redis."""
    now = time.time()
    expiry = getattr(cache, "_expire_info", None)
    if expiry is not None:
        return [(k, when - now) for k, when in expiry.items()]
    redis = cache._cache.get_client()
    return [(k.decode(), redis.ttl(k)) for k in redis.keys("*")]
