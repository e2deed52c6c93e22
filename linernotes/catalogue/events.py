"""What other apps hear about catalogue changes, without the catalogue importing them.

Posts store HTML that links to artist and release pages (``#track-<id>``
anchors included) and cached pages show catalogue data, but posts sit above the
catalogue in the import order (docs/architecture.md), so it registers a listener
here. Listeners run after the transaction commits, with the ids of the releases
and artists that changed, in ``order`` (``core.registry``, decision 0022).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from linernotes.core.registry import DEFAULT_ORDER, Registry


@dataclass(frozen=True)
class CatalogueChange:
    release_ids: frozenset[int] = frozenset()
    artist_ids: frozenset[int] = frozenset()


Listener = Callable[[CatalogueChange], None]
changed: Registry[Listener] = Registry("listeners to catalogue changes")


def on_catalogue_changed(listener: Listener, *, order: int = DEFAULT_ORDER) -> None:
    """Call ``listener(change)`` after a catalogue service has committed a change
    to releases (their tracks, slug, title) or artists (their name or slug)."""
    changed.register(listener, order=order)


def catalogue_changed(
    *, release_ids: Iterable[int] = (), artist_ids: Iterable[int] = ()
) -> None:
    """Tell the listeners, once the enclosing transaction commits."""
    change = CatalogueChange(frozenset(release_ids), frozenset(artist_ids))
    if not (change.release_ids or change.artist_ids):
        return
    for listener in changed:
        transaction.on_commit(lambda listener=listener: listener(change))
