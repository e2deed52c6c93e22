"""RSS 2.0 and Atom feeds: the whole blog, each series, category, tag and artist.

Feeds list what ``posts.access`` calls public. A locked (password-protected)
post appears with its title and link and a short notice, never its content.

Feed readers show content away from the blog, so everything a feed carries is
made to stand alone there: Django's syndication framework makes item links
absolute from the request's host, and the generators below resolve every link
and image address inside the content against its item's link (Atom also gets
``xml:base``). They also drop the characters XML 1.0 cannot carry, which one
stored row from before they were refused would otherwise turn into a 500 for
every reader of the feed. The comment feeds use the same generators.
"""

from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator

from linernotes.catalogue.models import Artist
from linernotes.core.markup import absolute_urls
from linernotes.core.site import site_settings
from linernotes.core.text import strip_control_characters

from . import access, selectors
from .models import Category, Post, Series, Tag

FEED_LENGTH = 20
LOCKED_NOTICE = "<p>This post is protected by a password. Read it on the blog.</p>"


def _xml_safe(value):
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list | tuple):
        return [_xml_safe(part) for part in value]
    return value


class _StandAlone:
    """Feed generator behaviour shared by RSS and Atom; see the module docstring.

    A root-relative ``unique_id`` is resolved against the item's link too, so
    a feed can give a stable id (``/comments/7/``) while linking elsewhere.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.feed = {key: _xml_safe(value) for key, value in self.feed.items()}

    def add_item(self, *args, **kwargs) -> None:
        super().add_item(*args, **kwargs)
        item = {key: _xml_safe(value) for key, value in self.items[-1].items()}
        if item.get("description"):
            item["description"] = absolute_urls(item["description"], item["link"])
        if (item.get("unique_id") or "").startswith("/"):
            item["unique_id"] = urljoin(item["link"], item["unique_id"])
        self.items[-1] = item


class RssFeed(_StandAlone, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 whose content stands alone. RSS defines no ``xml:base``, so the
    content's absolute addresses are what readers rely on."""


class AtomFeed(_StandAlone, feedgenerator.Atom1Feed):
    """Atom whose content stands alone, with ``xml:base`` on the feed and on
    each entry (RFC 4287 allows it on every element)."""

    def root_attributes(self) -> dict:
        return {**super().root_attributes(), "xml:base": self.feed["link"]}

    def item_attributes(self, item: dict) -> dict:
        return {**super().item_attributes(item), "xml:base": item["link"]}


class PostFeed(Feed):
    """Shared item rendering; subclasses choose the posts and the title."""

    feed_type = RssFeed

    @property
    def site(self):
        return site_settings()

    def title(self, obj=None) -> str:
        return self.site.title

    def description(self, obj=None) -> str:
        return self.site.tagline

    def link(self, obj=None) -> str:
        return obj.get_absolute_url() if obj is not None else reverse("posts:home")

    def posts(self, obj):
        """Public posts (``posts.access``), locked ones included."""
        return Post.objects.listed()

    def items(self, obj=None):
        # defer(None): feeds carry whole bodies, which list querysets leave out.
        return self.posts(obj).defer(None)[:FEED_LENGTH]

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        return item.body_html if access.is_readable(item) else LOCKED_NOTICE

    def item_pubdate(self, item: Post):
        return item.published_at

    def item_updateddate(self, item: Post):
        return item.updated_at

    def item_author_name(self, item: Post) -> str:
        return item.author.public_name

    def item_categories(self, item: Post) -> list[str]:
        return [tag.name for tag in item.tags.all()] + [
            c.name for c in item.categories.all()
        ]


class LatestRssFeed(PostFeed):
    pass


class LatestAtomFeed(LatestRssFeed):
    feed_type = AtomFeed
    subtitle = PostFeed.description


class SeriesRssFeed(PostFeed):
    def get_object(self, request, slug: str) -> Series:
        return get_object_or_404(selectors.listed_series(), slug=slug)

    def title(self, obj: Series) -> str:
        return f"{obj.title} · {self.site.title}"

    def description(self, obj: Series) -> str:
        return f"New parts of the series “{obj.title}”."

    def posts(self, obj: Series):
        return Post.objects.listed().filter(series=obj)


class SeriesAtomFeed(SeriesRssFeed):
    feed_type = AtomFeed
    subtitle = SeriesRssFeed.description


class CategoryRssFeed(PostFeed):
    def get_object(self, request, slug: str) -> Category:
        category = get_object_or_404(Category, slug=slug)
        if not selectors.posts_in_category(category).exists():
            raise Http404("No public post is filed there.")  # as its page
        return category

    def title(self, obj: Category) -> str:
        return f"{obj.name} · {self.site.title}"

    def description(self, obj: Category) -> str:
        return f"Posts filed under {obj}."

    def posts(self, obj: Category):
        return selectors.posts_in_category(obj)


class CategoryAtomFeed(CategoryRssFeed):
    feed_type = AtomFeed
    subtitle = CategoryRssFeed.description


class TagRssFeed(PostFeed):
    def get_object(self, request, slug: str) -> Tag:
        tag = get_object_or_404(Tag, slug=slug)
        if not Post.objects.published().filter(tags=tag).exists():
            raise Http404("No public post carries this tag.")  # as its page
        return tag

    def title(self, obj: Tag) -> str:
        return f"{obj.name} · {self.site.title}"

    def description(self, obj: Tag) -> str:
        return f"Posts tagged {obj.name}."

    def posts(self, obj: Tag):
        return Post.objects.listed().filter(tags=obj)


class TagAtomFeed(TagRssFeed):
    feed_type = AtomFeed
    subtitle = TagRssFeed.description


class ArtistRssFeed(PostFeed):
    def get_object(self, request, slug: str) -> Artist:
        return get_object_or_404(selectors.listed_artists(), slug=slug)

    def title(self, obj: Artist) -> str:
        return f"{obj.name} · {self.site.title}"

    def description(self, obj: Artist) -> str:
        return f"Posts that review or mention {obj.name}."

    def posts(self, obj: Artist):
        return selectors.posts_about_artist(obj)
