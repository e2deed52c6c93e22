"""Filling a release from MusicBrainz, against recorded responses served by a
real HTTP server on loopback (see data/musicbrainz/README.md)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from linernotes.catalogue import musicbrainz
from linernotes.catalogue.models import Artist, Release, Track

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data" / "musicbrainz"
RUINED_SUBJECTS = "833d4c3a-2635-4b7a-83c4-4e560588f23a"
SUZUKI = "fbe4490e-e366-4da2-a37a-82162d2f41a9"
SEA_OF_COWARDS = "8eb2b179-643d-3507-b64c-29fcc6745156"


class RecordedMusicBrainz(BaseHTTPRequestHandler):
    requests: list[tuple[str, str, float]] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        type(self).requests.append(
            (self.path, self.headers["User-Agent"], time.monotonic())
        )
        mbid = self.path.split("/release/")[-1].split("?")[0]
        matches = sorted(DATA.glob(f"{mbid}-*.xml"))
        if not matches:
            self.send_error(404)
            return
        body = matches[0].read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorded_service(settings):
    RecordedMusicBrainz.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordedMusicBrainz)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.LINERNOTES_MUSICBRAINZ_URL = f"http://127.0.0.1:{server.server_port}/ws/2"
    settings.LINERNOTES_MUSICBRAINZ_CONTACT = "editor@example.org"
    settings.LINERNOTES_MUSICBRAINZ_INTERVAL = 0.3
    yield RecordedMusicBrainz.requests
    server.shutdown()
    server.server_close()


def test_a_release_is_filled_with_tracks_and_artist_credits(recorded_service):
    call_command("release_from_musicbrainz", RUINED_SUBJECTS)

    release = Release.objects.get(musicbrainz_id=RUINED_SUBJECTS)
    tracks = list(release.tracks.all())
    assert (release.title, release.year) == ("Ruined Subjects", 2011)
    assert len(tracks) == 21
    assert (tracks[0].position, tracks[0].title, tracks[0].duration_seconds) == (
        "1",
        "Pollux",
        246,
    )
    assert [c.artist.name for c in tracks[0].credits.all()] == ["JT Bruce"]
    assert release.credits.get().artist.sort_name == "Bruce, JT"
    assert Artist.objects.filter(name="JT Bruce").count() == 1


def test_a_credit_under_another_name_keeps_both_names(recorded_service):
    call_command("release_from_musicbrainz", SUZUKI)

    credit = Track.objects.get(musicbrainz_id__isnull=False, position="1").credits.get()
    assert credit.credited_as == "J. A. Hummel"
    assert credit.artist.name == "Johann Nepomuk Hummel"
    assert credit.name == "J. A. Hummel"


def test_a_release_without_credits_still_gets_its_tracks(recorded_service):
    call_command("release_from_musicbrainz", SEA_OF_COWARDS)

    release = Release.objects.get(musicbrainz_id=SEA_OF_COWARDS)
    assert release.tracks.count() == 11
    assert release.tracks.first().title == "Blue Blood Blues"


def test_importing_again_refreshes_instead_of_duplicating(recorded_service):
    call_command("release_from_musicbrainz", RUINED_SUBJECTS)
    call_command("release_from_musicbrainz", RUINED_SUBJECTS)

    assert Release.objects.count() == 1
    assert Track.objects.count() == 21
    assert Artist.objects.count() == 1


def test_requests_name_us_and_ask_for_recordings_and_credits(recorded_service):
    call_command("release_from_musicbrainz", RUINED_SUBJECTS)

    ((path, agent, _),) = recorded_service
    assert agent.startswith("LinerNotes/") and "( editor@example.org )" in agent
    assert "inc=recordings+artist-credits" in path


def test_back_to_back_requests_keep_the_rate_limit(recorded_service):
    started = time.monotonic()
    for _ in range(3):
        musicbrainz.fetch_release(SEA_OF_COWARDS)

    assert len(recorded_service) == 3
    assert time.monotonic() - started >= 2 * 0.3


def test_an_unknown_release_is_reported_and_nothing_saved(recorded_service):
    with pytest.raises(CommandError, match="no release with that id"):
        call_command("release_from_musicbrainz", "00000000-0000-0000-0000-000000000000")
    assert not Release.objects.exists()


def test_without_network_it_says_so_and_saves_nothing(settings):
    settings.LINERNOTES_MUSICBRAINZ_URL = (
        "http://127.0.0.1:9/ws/2"  # discard port: refused
    )
    settings.LINERNOTES_MUSICBRAINZ_INTERVAL = 0

    with pytest.raises(CommandError, match="Could not reach MusicBrainz"):
        call_command("release_from_musicbrainz", RUINED_SUBJECTS)
    assert not Release.objects.exists()
    assert not Artist.objects.exists()


def test_a_malformed_id_is_refused_before_any_request():
    with pytest.raises(CommandError, match="is not a MusicBrainz release id"):
        call_command("release_from_musicbrainz", "rocky-iv")


def test_a_hostile_document_is_refused_not_parsed():
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'

    with pytest.raises(musicbrainz.MusicBrainzError):
        musicbrainz.parse_release(bomb)
