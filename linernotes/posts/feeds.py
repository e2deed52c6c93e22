"""RSS 2.0 and Atom feeds: the whole blog, each series, each category and each tag.

Django's syndication framework builds absolute URLs from the request's host, so
feeds name the host the blog is served on, never a placeholder domain.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from linernotes.catalogue.models import Artist
from linernotes.core.site import site_settings

from . import selectors
from .models import Category, Post, Series, Tag

FEED_LENGTH = 20


class PostFeed(Feed):
    """Shared item rendering; subclasses choose the posts and the title."""

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
        return Post.objects.listed()

    def items(self, obj=None):
        # defer(None): feeds carry whole bodies, which list querysets leave out.
        return self.posts(obj).filter(password="").defer(None)[:FEED_LENGTH]

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        return item.body_html

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
    feed_type = Atom1Feed
    subtitle = PostFeed.description


class SeriesRssFeed(PostFeed):
    def get_object(self, request, slug: str) -> Series:
        return get_object_or_404(Series, slug=slug)

    def title(self, obj: Series) -> str:
        return f"{obj.title} · {self.site.title}"

    def description(self, obj: Series) -> str:
        return f"New parts of the series “{obj.title}”."

    def posts(self, obj: Series):
        return Post.objects.listed().filter(series=obj)


class SeriesAtomFeed(SeriesRssFeed):
    feed_type = Atom1Feed
    subtitle = SeriesRssFeed.description


class CategoryRssFeed(PostFeed):
    def get_object(self, request, slug: str) -> Category:
        return get_object_or_404(Category, slug=slug)

    def title(self, obj: Category) -> str:
        return f"{obj.name} · {self.site.title}"

    def description(self, obj: Category) -> str:
        return f"Posts filed under {obj}."

    def posts(self, obj: Category):
        return selectors.posts_in_category(obj)


class CategoryAtomFeed(CategoryRssFeed):
    feed_type = Atom1Feed
    subtitle = CategoryRssFeed.description


class TagRssFeed(PostFeed):
    def get_object(self, request, slug: str) -> Tag:
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj: Tag) -> str:
        return f"{obj.name} · {self.site.title}"

    def description(self, obj: Tag) -> str:
        return f"Posts tagged {obj.name}."

    def posts(self, obj: Tag):
        return Post.objects.listed().filter(tags=obj)


class TagAtomFeed(TagRssFeed):
    feed_type = Atom1Feed
    subtitle = TagRssFeed.description


class ArtistRssFeed(PostFeed):
    def get_object(self, request, slug: str) -> Artist:
        return get_object_or_404(Artist, slug=slug)

    def title(self, obj: Artist) -> str:
        return f"{obj.name} · {self.site.title}"

    def description(self, obj: Artist) -> str:
        return f"Posts that review or mention {obj.name}."

    def posts(self, obj: Artist):
        return selectors.posts_about_artist(obj)
