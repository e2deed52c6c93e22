"""``linernotes release-from-musicbrainz MBID``: fill a release from MusicBrainz."""

import uuid

from django.core.management.base import BaseCommand, CommandError

from linernotes.catalogue import services
from linernotes.catalogue.musicbrainz import MusicBrainzError


class Command(BaseCommand):
    help = (
        "Create or refresh a release, its tracks and their artist credits from the "
        "MusicBrainz web service. Nothing is saved if MusicBrainz cannot be reached."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("mbid", help="The MusicBrainz release id (a UUID).")

    def handle(self, *args, mbid: str, **options) -> None:
        try:
            mbid = str(uuid.UUID(mbid))
        except ValueError as error:
            raise CommandError(f"“{mbid}” is not a MusicBrainz release id.") from error
        try:
            release = services.release_from_musicbrainz(mbid=mbid)
        except MusicBrainzError as error:
            raise CommandError(str(error)) from error
        tracks = release.tracks.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Saved “{release}” with {tracks} tracks: {release.get_absolute_url()}"
            )
        )
