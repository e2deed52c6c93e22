"""Artists: finding or making the one a name means, merges, aliases, edits."""

from django.db import transaction

from linernotes.core import slugs

from .. import names
from ..events import catalogue_changed
from ..models import (
    Artist,
    ArtistAlias,
    ArtistSlugRedirect,
    Credit,
    MergeSuggestion,
)


def unique_slug(text: str, model: type, exclude_pk: int | None = None) -> str:
    """A readable slug not yet used by ``model``."""
    return slugs.unique_slug(
        text, model, exclude_pk=exclude_pk, fallback=model.__name__.lower()
    )


@transaction.atomic
def resolve_artist(
    *, name: str, sort_name: str = "", musicbrainz_id: str = ""
) -> Artist:
    """The artist this name means, created if new.

    A name matches leniently (case, accents, "The", "&"/"and") and through
    confirmed aliases. A new artist whose name nearly matches an existing one
    ("Vinnie DiCola" beside "Vince DiCola") is created, and a merge is suggested
    to the writer rather than decided here.
    """
    name = name.strip()
    if musicbrainz_id and (
        known := Artist.objects.filter(musicbrainz_id=musicbrainz_id).first()
    ):
        return known
    if existing := Artist.objects.named(name).first():
        if musicbrainz_id and not existing.musicbrainz_id:
            existing.musicbrainz_id = musicbrainz_id
            existing.save()
        return existing
    artist = Artist(
        name=name, sort_name=sort_name, musicbrainz_id=musicbrainz_id or None
    )
    artist.slug = unique_slug(name, Artist)
    artist.save()
    suggest_merges(artist=artist)
    return artist


def suggest_merges(*, artist: Artist) -> list[MergeSuggestion]:
    """Record a pending suggestion for each existing artist this one nearly matches."""
    others = {
        a.name: a for a in Artist.objects.exclude(pk=artist.pk).only("pk", "name")
    }
    rejected = set(
        MergeSuggestion.objects.filter(
            status=MergeSuggestion.Status.REJECTED, duplicate_name=artist.name
        ).values_list("artist_id", flat=True)
    )
    suggestions = []
    for match in names.near_misses(artist.name, others):
        target = others[match.name]
        if target.pk in rejected:
            continue
        suggestion, _ = MergeSuggestion.objects.get_or_create(
            artist=target,
            duplicate_name=artist.name,
            defaults={"duplicate": artist, "reason": f"spelled like “{target.name}”"},
        )
        suggestions.append(suggestion)
    return suggestions


@transaction.atomic
def confirm_merge(*, suggestion: MergeSuggestion) -> Artist:
    """Fold the duplicate into the artist; its name becomes an alias."""
    artist, duplicate = suggestion.artist, suggestion.duplicate
    if duplicate is not None and duplicate.pk != artist.pk:
        Credit.objects.filter(artist=duplicate).update(artist=artist)
        ArtistAlias.objects.filter(artist=duplicate).update(artist=artist)
        if not artist.musicbrainz_id and duplicate.musicbrainz_id:
            artist.musicbrainz_id, duplicate.musicbrainz_id = (
                duplicate.musicbrainz_id,
                None,
            )
            duplicate.save()
            artist.save()
        MergeSuggestion.objects.filter(artist=duplicate).update(artist=artist)
        ArtistSlugRedirect.objects.filter(artist=duplicate).update(artist=artist)
        ArtistSlugRedirect.objects.update_or_create(
            old_slug=duplicate.slug, defaults={"artist": artist}
        )
        duplicate.delete()
    add_alias(artist=artist, name=suggestion.duplicate_name)
    suggestion.duplicate = None
    suggestion.status = MergeSuggestion.Status.CONFIRMED
    suggestion.save()
    catalogue_changed(artist_ids=[artist.pk])
    return artist


def reject_merge(*, suggestion: MergeSuggestion) -> None:
    """Remember that these are different artists, so the pair is not offered again."""
    suggestion.status = MergeSuggestion.Status.REJECTED
    suggestion.save()


def add_alias(*, artist: Artist, name: str) -> ArtistAlias | None:
    """Make ``name`` resolve to ``artist`` everywhere (nothing if it already does)."""
    if names.normalise(name) == artist.name_key:
        return None
    alias, _ = ArtistAlias.objects.update_or_create(
        name_key=names.normalise(name), defaults={"artist": artist, "name": name}
    )
    return alias


def known_artist_names() -> list[str]:
    """Every name the catalogue knows an artist by: names and aliases.

    The parser uses them to find which side of a line holds the artist and
    to keep a known name whole, so every caller reads a listing alike.
    """
    artists = Artist.objects.values_list("name", flat=True)
    aliases = ArtistAlias.objects.values_list("name", flat=True)
    return [*artists, *aliases]


@transaction.atomic
def save_artist(*, artist: Artist) -> Artist:
    """Save an artist edited in the admin, giving a new one its slug.

    A changed slug leaves the old one as an ``ArtistSlugRedirect``: posts'
    stored links and readers' bookmarks name it. Posts that mention an
    existing artist hear of the change, to link its new name and address.
    """
    stored_slug = (
        Artist.objects.filter(pk=artist.pk).values_list("slug", flat=True).first()
        if artist.pk
        else None
    )
    artist.slug = artist.slug or unique_slug(artist.name, Artist, exclude_pk=artist.pk)
    artist.save()
    ArtistSlugRedirect.objects.filter(old_slug=artist.slug).delete()
    if stored_slug and stored_slug != artist.slug:
        ArtistSlugRedirect.objects.update_or_create(
            old_slug=stored_slug, defaults={"artist": artist}
        )
    if stored_slug is not None:
        catalogue_changed(artist_ids=[artist.pk])
    return artist
