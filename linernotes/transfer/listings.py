"""Track listings found in imported posts, offered to the writer as releases.

The WordPress importer never turns a listing into a release by itself: a
paragraph that merely looks like one (a numbered list of favourite films, say)
would fill the catalogue with rubbish nobody asked for. It keeps each listing's
plain text in the post's import record, ``WordPressObject.data["listings"]``,
and this module is the writer's side of it: what waits for a decision, what the
parser makes of it, and the two decisions, "make a release from it" and "not a
listing".

Where the decision lives: in the same list. An entry the importer wrote is a
string and is waiting; a decided entry becomes a dict ``{"text", "status",
"release_id", "decided_by", "decided_at"}`` with status ``made`` or
``dismissed``. The record is the natural home: the importer matches a second
run of the same file on it and leaves it alone, so a decided listing is never
offered again, and it needs no table of its own.

A release is made only through the catalogue's services, the ones the admin's
own "paste a listing" uses (``create_release``, then
``set_tracks_from_listing``), and attached to the post through
``posts.services.review_release``: the one path for each, in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from linernotes.catalogue import services as catalogue
from linernotes.catalogue.desk import parsed_credit_line
from linernotes.catalogue.models import Release
from linernotes.catalogue.tracklist import (
    ListingOptions,
    ParsedListing,
    TracklistError,
)
from linernotes.core.exceptions import LinerNotesError
from linernotes.posts import access
from linernotes.posts import services as posts
from linernotes.posts.models import Post
from linernotes.transfer.models import WordPressObject

MADE = "made"
DISMISSED = "dismissed"

# "… review", "Review: …", "(album review)": words about the post, not the record.
_REVIEW_WORDS = re.compile(
    r"^\s*review\s*[:–—-]\s*|\s*[(\[]?\b(?:album|soundtrack|ost|single|ep)?\s*"
    r"review[)\]]?\s*$",
    re.IGNORECASE,
)
_ARTIST_DASH_TITLE = re.compile(r"\s+[–—-]\s+")
_SOUNDTRACK_WORDS = re.compile(r"\b(?:soundtrack|ost|score)\b", re.IGNORECASE)


class ListingUnavailable(LinerNotesError):
    """The listing is not there to decide: decided already, or its post is gone."""


@dataclass
class ImportedListing:
    """One listing of one imported post, waiting for the writer's decision."""

    record_id: int
    index: int
    text: str
    post: Post

    @cached_property
    def _read(self) -> tuple[ParsedListing | None, str]:
        return reading_of(self.text)

    @property
    def reading(self) -> ParsedListing | None:
        """What the catalogue's parser makes of the text; None if it refuses it."""
        return self._read[0]

    @property
    def refusal(self) -> str:
        """Why the parser refuses the text whole, or ""."""
        return self._read[1]


@dataclass(frozen=True)
class ReleaseGuess:
    """A release's title, artist and kind as far as a listing and its post tell.

    The parser reads tracks, never the record's own name, so the title always
    comes from the post's title and is a guess; the artist comes from the
    tracks when every track credits the same artist, else from an
    "Artist – Title" post title, else it is left empty (various artists). The
    kind: a soundtrack when the post's title says so, a compilation when the
    tracks credit different artists, else an album.
    """

    title: str
    artist: str
    kind: str
    # "tracks", "post title", "different artists" (left empty) or "" (no clue)
    artist_from: str

    @property
    def kind_label(self) -> str:
        return Release.Kind(self.kind).label


def may_confirm_listings(user) -> bool:
    """Whether ``user`` may turn imported listings into releases at all: staff
    who may change posts and add releases. Which posts: ``access.may_edit``."""
    return bool(
        user.is_active
        and user.is_staff
        and user.has_perm("posts.change_post")
        and user.has_perm("catalogue.add_release")
    )


def reading_of(
    text: str, *, order: str | None = None
) -> tuple[ParsedListing | None, str]:
    """The catalogue's one reading (``catalogue.services.read_listing``, with its
    artists and aliases known), as the admin's paste preview reads it, so the
    writer sees what saving would store; or None and why the parser refuses
    the text as a whole."""
    try:
        reading = catalogue.read_listing(text=text, options=ListingOptions(order=order))
        return reading, ""
    except TracklistError as error:
        return None, str(error)


def waiting_listings(*, user, post_id: int | None = None) -> list[ImportedListing]:
    """The listings waiting for a decision on the posts ``user`` may edit, in
    import order (or only on ``post_id``). Empty for anyone else."""
    if not may_confirm_listings(user):
        return []
    records = WordPressObject.objects.filter(
        kind=WordPressObject.Kind.POST,
        object_id__isnull=False,
        data__has_key="listings",
    ).order_by("pk")
    if post_id is not None:
        records = records.filter(object_id=post_id)
    waiting = [
        (record.pk, index, entry, record.object_id)
        for record in records.only("pk", "object_id", "data")
        for index, entry in enumerate(record.data.get("listings") or [])
        if isinstance(entry, str)
    ]
    found = Post.objects.filter(pk__in={row[3] for row in waiting})
    by_pk = {
        post.pk: post
        for post in found.select_related("author")
        if access.may_edit(user, post)
    }
    return [
        ImportedListing(record_id, index, text, by_pk[post_pk])
        for record_id, index, text, post_pk in waiting
        if post_pk in by_pk
    ]


def find_listing(*, user, record_id: int, index: int) -> ImportedListing:
    """One waiting listing, for ``user`` to decide.

    Raises PermissionDenied when the user may not edit its post (or decide
    listings at all), ListingUnavailable when there is no such listing waiting.
    """
    if not may_confirm_listings(user):
        raise PermissionDenied
    record = WordPressObject.objects.filter(
        pk=record_id, kind=WordPressObject.Kind.POST
    ).first()
    listing = _waiting(record, index)
    if not access.may_edit(user, listing.post):
        raise PermissionDenied
    return listing


def guess_release(listing: ImportedListing) -> ReleaseGuess:
    """What to prefill the confirmation form with; the writer edits it."""
    title = _REVIEW_WORDS.sub("", listing.post.title).strip() or listing.post.title
    tracks = listing.reading.tracks if listing.reading else ()
    credits = {parsed_credit_line(track) for track in tracks} - {""}
    artist, artist_from = "", ""
    if len(credits) == 1:
        artist, artist_from = next(iter(credits)), "tracks"
        prefix = re.match(rf"{re.escape(artist)}\s*[–—:-]\s*(.+)", title, re.I)
        title = prefix[1] if prefix else title
    elif len(parts := _ARTIST_DASH_TITLE.split(title, maxsplit=1)) == 2:
        (artist, title), artist_from = parts, "post title"
    elif len(credits) > 1:
        artist_from = "different artists"
    if _SOUNDTRACK_WORDS.search(listing.post.title):
        kind = Release.Kind.SOUNDTRACK
    elif len(credits) > 1:
        kind = Release.Kind.COMPILATION
    else:
        kind = Release.Kind.ALBUM
    return ReleaseGuess(title=title, artist=artist, kind=kind, artist_from=artist_from)


@transaction.atomic
def make_release(
    *,
    user,
    record_id: int,
    index: int,
    title: str,
    artist: str = "",
    kind: str = Release.Kind.ALBUM,
    year: int | None = None,
    text: str,
    order: str | None = None,
) -> Release:
    """Make the release the writer confirmed, review it on the post, and mark
    the listing made; all of it or nothing.

    ``text`` is the listing as the writer left it in the form (they may have
    mended a line). An empty ``artist`` means various artists. Raises
    PermissionDenied, ListingUnavailable (decided meanwhile, in another tab),
    and the catalogue's ListingInvalid or TracklistError for a listing that
    cannot be saved whole, in which case nothing is created.
    """
    find_listing(user=user, record_id=record_id, index=index)
    record = WordPressObject.objects.select_for_update().get(pk=record_id)
    listing = _waiting(record, index)  # again, under the lock
    credits = [catalogue.CreditName(artist.strip())] if artist.strip() else []
    release = catalogue.create_release(
        title=title.strip(), kind=kind, year=year, artists=credits
    )
    catalogue.set_tracks_from_listing(release=release, text=text, order=order)
    posts.review_release(post=listing.post, release=release)
    _decide(record, index, user, status=MADE, release_id=release.pk)
    return release


@transaction.atomic
def dismiss_listing(*, user, record_id: int, index: int) -> None:
    """ "Not a listing": it is never offered again and nothing is created."""
    find_listing(user=user, record_id=record_id, index=index)
    record = WordPressObject.objects.select_for_update().get(pk=record_id)
    _waiting(record, index)
    _decide(record, index, user, status=DISMISSED)


def _waiting(record: WordPressObject | None, index: int) -> ImportedListing:
    entries = (record.data.get("listings") or []) if record else []
    if not 0 <= index < len(entries) or not isinstance(entries[index], str):
        raise ListingUnavailable("This listing is not waiting for a decision any more.")
    post = Post.objects.filter(pk=record.object_id).select_related("author").first()
    if post is None:
        raise ListingUnavailable("The post this listing came with has been deleted.")
    return ImportedListing(record.pk, index, entries[index], post)


def _decide(
    record: WordPressObject, index: int, user, *, status: str, release_id=None
) -> None:
    listings = list(record.data["listings"])
    listings[index] = {
        "text": listings[index],
        "status": status,
        "release_id": release_id,
        "decided_by": user.get_username(),
        "decided_at": timezone.now().isoformat(),
    }
    record.data = {**record.data, "listings": listings}
    record.save(update_fields=["data"])
