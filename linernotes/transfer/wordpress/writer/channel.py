"""The channel's head: the site, its authors and its terms (categories,
series as categories, tags)."""

from __future__ import annotations

from datetime import UTC
from email.utils import format_datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from linernotes.core.models import SiteSettings
from linernotes.posts.models import (
    Category,
    Series,
    Tag,
)
from linernotes.posts.services import writers
from linernotes.users.models import User

from ..wxr_text import (
    cdata,
    entity_escaped,
    plain,
    wp_slug,
)
from .base import (
    _CATEGORY,
    _SERIES,
    _TAG,
    SERIES_PREFIX,
    WP_NAMESPACE,
    WXR_VERSION,
    _WriterBase,
)


class _Channel(_WriterBase):
    """The site, the authors and the terms, before any item."""

    def _head(self, site: SiteSettings) -> None:
        now = format_datetime(timezone.now().astimezone(UTC), usegmt=True)
        url = plain(self.site_url)
        self.emit(
            '<?xml version="1.0" encoding="UTF-8" ?>\n'
            "<!-- A WordPress eXtended RSS (WXR) export of a Liner Notes blog. -->\n"
            '<rss version="2.0"\n'
            f'\txmlns:excerpt="{WP_NAMESPACE}excerpt/"\n'
            '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
            '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
            '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            f'\txmlns:wp="{WP_NAMESPACE}"\n'
            ">\n\n<channel>\n"
            f"\t<title>{cdata(site.title)}</title>\n"
            f"\t<link>{url}</link>\n"
            f"\t<description>{cdata(site.tagline)}</description>\n"
            f"\t<pubDate>{now}</pubDate>\n"
            f"\t<language>{plain(settings.LANGUAGE_CODE)}</language>\n"
            f"\t<wp:wxr_version>{WXR_VERSION}</wp:wxr_version>\n"
            f"\t<wp:base_site_url>{url}</wp:base_site_url>\n"
            f"\t<wp:base_blog_url>{url}</wp:base_blog_url>\n\n"
        )

    def _authors(self) -> None:
        """Everyone who may write, and anyone who wrote a post, one line each
        (WordPress's regex parser reads an author from a single line)."""
        authors = (
            User.objects.filter(
                Q(pk__in=writers().values("pk")) | Q(posts__isnull=False)
            )
            .distinct()
            .order_by("pk")
        )
        for user in authors.iterator():
            self.counts.authors += 1
            self.author_ids.add(user.pk)
            self.emit(
                "\t<wp:author>"
                f"<wp:author_id>{user.pk}</wp:author_id>"
                f"<wp:author_login>{cdata(user.username)}</wp:author_login>"
                f"<wp:author_email>{cdata(user.email)}</wp:author_email>"
                f"<wp:author_display_name>{cdata(user.public_name)}"
                "</wp:author_display_name>"
                f"<wp:author_first_name>{cdata(user.first_name)}"
                "</wp:author_first_name>"
                f"<wp:author_last_name>{cdata(user.last_name)}</wp:author_last_name>"
                "</wp:author>\n"
            )
        self.emit("\n")

    def _terms(self) -> None:
        """Categories parents first (WordPress looks a parent up by its nicename
        as it goes), then series as categories, then tags; one line each."""
        categories = list(Category.objects.order_by("pk"))
        by_pk = {category.pk: category for category in categories}
        for category in _parents_first(categories):
            parent = by_pk.get(category.parent_id)
            self._category(
                _term_id(category.pk, _CATEGORY),
                wp_slug(category.slug),
                wp_slug(parent.slug) if parent else "",
                category.name,
                category.description,
            )
            self.counts.categories += 1
        for series in Series.objects.order_by("pk").iterator():
            self._category(
                _term_id(series.pk, _SERIES),
                SERIES_PREFIX + wp_slug(series.slug),
                "",
                series.title,
                series.description,
            )
            self.counts.series += 1
        for tag in Tag.objects.order_by("pk").iterator():
            self.counts.tags += 1
            self.emit(
                "\t<wp:tag>"
                f"<wp:term_id>{_term_id(tag.pk, _TAG)}</wp:term_id>"
                f"<wp:tag_slug>{cdata(wp_slug(tag.slug))}</wp:tag_slug>"
                f"<wp:tag_name>{cdata(entity_escaped(tag.name))}</wp:tag_name>"
                "</wp:tag>\n"
            )
        self.emit("\n")

    def _category(
        self, term_id: int, nicename: str, parent: str, name: str, description: str
    ) -> None:
        self.emit(
            "\t<wp:category>"
            f"<wp:term_id>{term_id}</wp:term_id>"
            f"<wp:category_nicename>{cdata(nicename)}</wp:category_nicename>"
            f"<wp:category_parent>{cdata(parent)}</wp:category_parent>"
            f"<wp:cat_name>{cdata(entity_escaped(name))}</wp:cat_name>"
            f"<wp:category_description>{cdata(entity_escaped(description))}"
            "</wp:category_description>"
            "</wp:category>\n"
        )


def _parents_first(categories: list[Category]) -> list[Category]:
    """Every category after its parent; a loop (never saved by the admin, but
    possible) is written at the end, so nothing is lost."""
    placed: set[int] = set()
    ordered: list[Category] = []
    waiting = categories
    while waiting:
        still = [c for c in waiting if c.parent_id and c.parent_id not in placed]
        ready = [c for c in waiting if not (c.parent_id and c.parent_id not in placed)]
        if not ready:
            ordered.extend(still)
            break
        ordered.extend(ready)
        placed.update(c.pk for c in ready)
        waiting = still
    return ordered


def _term_id(pk: int, kind: int) -> int:
    """Categories, tags and series share WordPress's one term id space."""
    return 3 * pk + kind
