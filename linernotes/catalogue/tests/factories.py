"""Builders for catalogue data, through the catalogue's services."""

from itertools import count

from linernotes.catalogue import services
from linernotes.catalogue.models import Artist, Release

_numbers = count(1)

ROCKY_IV = """\
1. Burning Heart - Survivor
2. Hearts on Fire - John Cafferty
3. Double or Nothing - Kenny Loggins and Gladys Knight
4. Eye of the Tiger - Survivor
5. War - Vince DiCola
6. Living in America - James Brown
7. No Easy Way Out - Robert Tepper
8. One Way Street - Go West
9. The Sweetest Victory - Touch
10. Training Montage - Vince DiCola
"""


def make_artist(*, name: str | None = None) -> Artist:
    return services.resolve_artist(name=name or f"Artist {next(_numbers)}")


def make_release(*, title: str | None = None, year: int | None = 1985,
                 kind: str = Release.Kind.ALBUM, listing: str = "", artists=(),
                 **fields) -> Release:  # fmt: skip
    release = services.create_release(
        title=title or f"Release {next(_numbers)}", year=year, kind=kind,
        artists=[services.CreditName(name) for name in artists], **fields,
    )  # fmt: skip
    if listing:
        services.set_tracks_from_listing(release=release, text=listing)
    return release


def make_rocky_iv() -> Release:
    return make_release(
        title="Rocky IV",
        kind=Release.Kind.SOUNDTRACK,
        film="Rocky IV",
        listing=ROCKY_IV,
    )
