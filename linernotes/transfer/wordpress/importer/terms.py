"""Categories, series and tags, with their import records and old addresses."""

from __future__ import annotations

import fnmatch
from urllib.parse import unquote

from django.db import transaction

from linernotes.core.slugs import base_slug
from linernotes.posts import services as posts
from linernotes.posts.models import Category, Series, Tag
from linernotes.transfer import redirects
from linernotes.transfer.models import LegacyRedirect, WordPressObject

from ..reader import WxrCategory, WxrItem
from ..writer import series_slug
from .base import _ImportBase


class _Terms(_ImportBase):
    """The file's terms as this blog's, each matched or made once per run."""

    def _categories(self, records: list[WxrCategory]) -> None:
        """Declared categories, parents first whatever the file's order."""
        by_name = {r.nicename: r for r in records}
        done: set[str] = set()

        def take(record: WxrCategory, trail: tuple[str, ...] = ()) -> None:
            if record.nicename in done:
                return
            parent = by_name.get(record.parent)
            if parent is not None and parent.nicename not in trail:
                take(parent, (*trail, record.nicename))
            done.add(record.nicename)
            self._category(record.nicename, record.name, record.parent, record.term_id)

        for record in records:
            take(record)

    def _category(
        self, nicename: str, name: str, parent: str, term_id: int | None
    ) -> None:
        nicename = self._term_key(nicename, name)
        if nicename is None:
            return
        if nicename in self.categories or nicename in self.series:
            return
        name = name.strip() or unquote(nicename)
        # Known before either branch: a series made from a child category
        # keeps its nested old address (/category/reviews/<it>/) too.
        self.category_parents[nicename] = parent
        pattern = self.options.series_from_categories
        glob = pattern and fnmatch.fnmatch(name.casefold(), pattern.casefold())
        if glob and self._imported_as_category(name):
            glob = False
        if glob or series_slug(nicename):  # ours: a series exported as a category
            series = Series.objects.filter(title=name).first()
            made = series is None
            if made:
                series = posts.get_or_create_series(title=name)
            self._tally("series", series.pk, made=made)
            self.series[nicename] = series
            self._term_redirects(
                nicename, term_id, LegacyRedirect.Target.SERIES, series.pk
            )
            return
        parent_category = self.categories.get(parent) if parent else None
        category = Category.objects.filter(
            name__iexact=name, parent=parent_category
        ).first()
        if category is None:
            category = posts.get_or_create_category(name=name, parent=parent_category)
            self._tally("categories", category.pk, made=True)
        else:
            self._tally("categories", category.pk, made=False)
        self.categories[nicename] = category
        if term_id is not None:
            self._remember(WordPressObject.Kind.CATEGORY, term_id, category.pk)
        self._term_redirects(
            nicename, term_id, LegacyRedirect.Target.CATEGORY, category.pk
        )

    def _tally(self, kind: str, pk: int, *, made: bool) -> None:
        """Count a term once, as made by this run or found here before it:
        a file may name one term by two slugs (a declared ``categ-1`` and an
        item's ``category-1`` for "Category 1"), which is still one term, and
        one this run made is not "already present" when met again."""
        if (kind, pk) in self.tallied:
            return
        self.tallied.add((kind, pk))
        (self.created if made else self.present)[kind] += 1

    def _imported_as_category(self, name: str) -> bool:
        """Whether an earlier run (without the series option) made this a
        category: its posts are there already, so it stays one (reported)."""
        if Series.objects.filter(title=name).exists():
            return False
        if not Category.objects.filter(name__iexact=name).exists():
            return False
        self._count(
            "series after the fact",
            "{n} categories match the series pattern but an earlier import made "
            "them categories; they stay categories (make a series in the admin "
            "and move their posts there).",
        )
        return True

    def _term_redirects(
        self, nicename: str, term_id: int | None, target_type: str, target_id: int
    ) -> None:
        chain, node = [], nicename
        while node and node not in chain:
            chain.append(node)
            node = self.category_parents.get(node, "")
        self.redirects += redirects.add_term_redirects(
            redirects.category_old_paths(chain[::-1], term_id=term_id),
            target_type=target_type,
            target_id=target_id,
        )

    def _tag(self, slug: str, name: str, term_id: int | None) -> Tag | None:
        slug = self._term_key(slug, name)
        if slug is None:
            return None
        if slug in self.tags:
            return self.tags[slug]
        name = (name.strip() or unquote(slug))[: Tag._meta.get_field("name").max_length]
        if self.tag_names is None:  # the blog's tags, read once
            self.tag_names = {t.name.lower(): t for t in Tag.objects.all()}
        tag = self.tag_names.get(name.lower())
        if tag is None:
            tag = posts.get_or_create_tag(name=name)
            self.tag_names[name.lower()] = tag
            self._tally("tags", tag.pk, made=True)
        else:
            self._tally("tags", tag.pk, made=False)
        self.tags[slug] = tag
        # Its import record and old addresses are written with the next
        # flush's (``_write_terms``): a few statements for all the tags.
        if term_id is not None:
            self.term_records.append(
                WordPressObject(
                    source=self.source,
                    kind=WordPressObject.Kind.TAG,
                    wp_id=term_id,
                    object_id=tag.pk,
                )
            )
        target = LegacyRedirect.Target.TAG
        self.term_paths += redirects.term_redirects(
            redirects.tag_old_paths(slug), target_type=target, target_id=tag.pk
        )
        self.term_known |= redirects.term_addresses(target, tag.pk, tag.slug)
        return tag

    def _write_terms(self) -> None:
        """The import records and old addresses of the tags met since the last
        flush; a record an earlier run wrote stays as it was."""
        if not self.term_records and not self.term_paths:
            return
        with transaction.atomic():
            WordPressObject.objects.bulk_create(
                self.term_records, ignore_conflicts=True
            )
            self.redirects += redirects.add_redirects(
                self.term_paths, known=self.term_known
            )
        self.term_records, self.term_paths, self.term_known = [], [], {}

    def _item_categories(self, item: WxrItem) -> tuple[list[Category], Series | None]:
        categories: list[Category] = []
        series: Series | None = None
        for term in item.terms:
            if term.domain != "category":
                continue
            key = self._term_key(term.nicename, term.name)
            if key is None:
                continue
            if key not in self.categories and key not in self.series:
                self._category(key, term.name, "", None)
            if key in self.series:
                if series is None:
                    series = self.series[key]
                else:
                    self._count(
                        "two series",
                        "{n} posts are in two series categories; each joined the "
                        "first.",
                    )
            else:
                categories.append(self.categories[key])
        return categories, series

    def _item_tags(self, item: WxrItem) -> list[Tag]:
        tags = [
            self._tag(t.nicename, t.name, None)
            for t in item.terms
            if t.domain == "post_tag"
        ]
        return [tag for tag in tags if tag is not None]

    def _term_key(self, nicename: str, name: str) -> str | None:
        """The slug a term is known by: its nicename, else its name's words
        (an empty nicename is no name: two such terms are not one). None, and
        reported, for a term with neither, which is left out."""
        key = nicename.strip() or base_slug(name, fallback="") or name.strip()
        if not key:
            self._count(
                "nameless term",
                "{n} categories or tags had neither a name nor a slug; they were "
                "left out.",
            )
        return key or None
