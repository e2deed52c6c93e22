"""Readable, unique slugs for any model with a ``slug`` field."""

from collections.abc import Callable, Iterable

from slugify import slugify


def base_slug(text: str, *, fallback: str = "post", max_length: int = 200) -> str:
    """The slug ``text`` gets when nothing else has it yet: "Motörhead – Ace" →
    "motorhead-ace", "Кино" → "kino". Non-Latin titles are transliterated rather
    than dropped, so every slug can be read aloud."""
    return slugify(text, max_length=max_length, word_boundary=True) or fallback


def unique_slug(
    text: str,
    model: type,
    *,
    exclude_pk: int | None = None,
    fallback: str = "post",
    max_length: int = 200,
    reserved: Callable[[str], Iterable[str]] = lambda base: (),
) -> str:
    """``base_slug(text)``, numbered ("-2", "-3") past slugs ``model`` already
    uses and any ``reserved(base)`` returns (old slugs kept for redirects)."""
    base = base_slug(text, fallback=fallback, max_length=max_length)
    # A range, not startswith: SQLite's case-insensitive LIKE cannot use the
    # slug index, so every new slug would read them all.
    taken = set(
        model.objects.exclude(pk=exclude_pk)
        .filter(slug__gte=base, slug__lt=base + "\U0010ffff")
        .order_by()
        .values_list("slug", flat=True)
    )
    taken.update(reserved(base))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base[: max_length - len(str(n)) - 1]}-{n}"
        n += 1
    return slug
