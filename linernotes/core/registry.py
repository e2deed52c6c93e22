"""One way for a lower app to offer a seam that higher apps plug into.

Imports go one way (docs/architecture.md), so when a lower app's page or job
needs something from an app above it (posts shows the conversation, core's
worker runs the privacy purge), the lower app keeps a ``Registry`` and the app
above registers with it from its ``ready()``. Every registry works the same way:

- an entry has a **name** (by default the function's dotted path) and an
  **order** (lower first; equal orders by name), so what runs first is stated
  where it is registered, not left to ``INSTALLED_APPS`` or import order;
- registering a name again replaces its entry, so calling ``ready()`` twice (as
  some tests do) changes nothing;
- iterating gives the values in order from a tuple computed at registration,
  so a registry read once per shown comment costs no sorting.

docs/decisions/0022-one-registry-pattern.md explains why not Django signals.
"""

from collections.abc import Iterator
from dataclasses import dataclass

DEFAULT_ORDER = 100


@dataclass(frozen=True)
class Entry[T]:
    name: str
    order: int
    value: T


class Registry[T]:
    """Named values in an explicit order; see the module docstring."""

    def __init__(self, purpose: str) -> None:
        self.purpose = purpose
        self._entries: dict[str, Entry[T]] = {}
        self._values: tuple[T, ...] = ()

    def register(
        self, value: T, *, order: int = DEFAULT_ORDER, name: str | None = None
    ) -> T:
        """Add ``value`` (or replace the entry of the same name); returns it, so
        this works as a decorator too. Two lambdas need explicit names."""
        name = name or dotted_name(value)
        self._entries[name] = Entry(name, order, value)
        self._values = tuple(entry.value for entry in self.entries())
        return value

    def unregister(self, name: str) -> None:
        self._entries.pop(name, None)
        self._values = tuple(entry.value for entry in self.entries())

    def entries(self) -> list[Entry[T]]:
        return sorted(self._entries.values(), key=lambda e: (e.order, e.name))

    def values(self) -> tuple[T, ...]:
        return self._values

    def __iter__(self) -> Iterator[T]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"<Registry of {self.purpose}: {[e.name for e in self.entries()]}>"


def dotted_name(value: object) -> str:
    """``module.qualname`` of a function or class; a registry's default name."""
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{value.__module__}.{value.__qualname__}"
    raise TypeError(f"Name this {type(value).__name__} entry explicitly.")
