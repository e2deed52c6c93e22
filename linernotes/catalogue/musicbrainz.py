"""Reading a release from the MusicBrainz web service (XML, ws/2).

Plain HTTP and defusedxml rather than a client library: the response is
untrusted XML, and one endpoint is all Liner Notes needs. MusicBrainz asks every
client for a meaningful User-Agent with a contact and for at most one request a
second; both rules are kept here, for every caller in the process.
"""

import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException, ElementTree
from django.conf import settings

import linernotes
from linernotes.core.exceptions import LinerNotesError

NS = {"mb": "http://musicbrainz.org/ns/mmd-2.0#"}
INCLUDES = "recordings+artist-credits+labels+release-groups"
_rate_lock = threading.Lock()
_last_request = 0.0


class MusicBrainzError(LinerNotesError):
    """MusicBrainz could not give us the release."""


class MusicBrainzUnavailable(MusicBrainzError):
    """No answer: no network, a refused connection, a time-out or a 5xx."""


@dataclass(frozen=True)
class CreditData:
    artist_name: str
    artist_sort_name: str
    artist_mbid: str
    credited_as: str
    join_phrase: str


@dataclass(frozen=True)
class TrackData:
    disc: int
    position: str
    title: str
    duration_seconds: int | None
    recording_mbid: str
    credits: list[CreditData] = field(default_factory=list)


@dataclass(frozen=True)
class ReleaseData:
    mbid: str
    title: str
    year: int | None
    kind: str
    label: str
    catalogue_number: str
    credits: list[CreditData]
    tracks: list[TrackData]


def user_agent() -> str:
    contact = settings.LINERNOTES_MUSICBRAINZ_CONTACT
    return f"LinerNotes/{linernotes.__version__} ( {contact} )"


def fetch_release(mbid: str) -> ReleaseData:
    """The release with its tracks and credits, or MusicBrainzError saying why."""
    base = settings.LINERNOTES_MUSICBRAINZ_URL.rstrip("/")
    url = f"{base}/release/{mbid}?inc={INCLUDES}"
    return parse_release(_get(url))


def _get(url: str) -> bytes:
    request = urllib.request.Request(  # noqa: S310 - URL from our own settings
        url, headers={"User-Agent": user_agent(), "Accept": "application/xml"}
    )
    _wait_for_turn()
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            return response.read(10 * 1024 * 1024)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise MusicBrainzError(
                "MusicBrainz has no release with that id."
            ) from error
        if error.code in (400, 403):
            raise MusicBrainzError(
                f"MusicBrainz refused the request ({error.code})."
            ) from error
        raise MusicBrainzUnavailable(
            f"MusicBrainz answered {error.code}; try again in a minute."
        ) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise MusicBrainzUnavailable(
            "Could not reach MusicBrainz (no network connection?). Nothing was saved."
        ) from error


def _wait_for_turn() -> None:
    """At most one request per LINERNOTES_MUSICBRAINZ_INTERVAL seconds per process."""
    global _last_request
    with _rate_lock:
        wait = (
            _last_request + settings.LINERNOTES_MUSICBRAINZ_INTERVAL - time.monotonic()
        )
        if wait > 0:
            time.sleep(wait)
        _last_request = time.monotonic()


def parse_release(xml: bytes) -> ReleaseData:
    """Turn a ws/2 release document into plain data."""
    try:
        root = ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise MusicBrainzError(
            "MusicBrainz sent a document that is not XML."
        ) from error
    release = root.find("mb:release", NS)
    if release is None:
        raise MusicBrainzError("The MusicBrainz document holds no release.")
    label_info = release.find("mb:label-info-list/mb:label-info", NS)
    return ReleaseData(
        mbid=release.get("id", ""),
        title=_text(release, "mb:title"),
        year=_year(_text(release, "mb:date")),
        kind=_kind(release),
        label=_text(label_info, "mb:label/mb:name") if label_info is not None else "",
        catalogue_number=(
            _text(label_info, "mb:catalog-number") if label_info is not None else ""
        ),
        credits=_credits(release),
        tracks=[
            _track(track, int(_text(medium, "mb:position") or 1))
            for medium in release.findall("mb:medium-list/mb:medium", NS)
            for track in medium.findall("mb:track-list/mb:track", NS)
        ],
    )


def _track(track: Element, disc: int) -> TrackData:
    recording = track.find("mb:recording", NS)
    title = _text(track, "mb:title") or _text(recording, "mb:title")
    length = _text(track, "mb:length") or _text(recording, "mb:length")
    credits = _credits(track) or (_credits(recording) if recording is not None else [])
    return TrackData(
        disc=disc,
        position=_text(track, "mb:number") or _text(track, "mb:position"),
        title=title,
        duration_seconds=round(int(length) / 1000) if length.isdigit() else None,
        recording_mbid=recording.get("id", "") if recording is not None else "",
        credits=credits,
    )


def _credits(element: Element) -> list[CreditData]:
    credits = []
    for credit in element.findall("mb:artist-credit/mb:name-credit", NS):
        artist = credit.find("mb:artist", NS)
        if artist is None:
            continue
        name = _text(artist, "mb:name")
        credited = _text(credit, "mb:name")
        credits.append(
            CreditData(
                artist_name=name,
                artist_sort_name=_text(artist, "mb:sort-name"),
                artist_mbid=artist.get("id", ""),
                credited_as=credited if credited != name else "",
                join_phrase=credit.get("joinphrase", ""),
            )
        )
    return credits


def _kind(release: Element) -> str:
    group = release.find("mb:release-group", NS)
    if group is None:
        return "album"
    secondary = {e.text.lower() for e in group.findall("mb:secondary-type-list/*", NS)}
    for kind in ("soundtrack", "compilation", "live"):
        if kind in secondary:
            return kind
    primary = _text(group, "mb:primary-type").lower()
    return {"single": "single", "ep": "ep"}.get(primary, "album")


def _text(element: Element | None, path: str) -> str:
    if element is None:
        return ""
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _year(date: str) -> int | None:
    return int(date[:4]) if date[:4].isdigit() else None
