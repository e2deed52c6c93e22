"""sitemap.xml sections. URLs take the request's host (no django.contrib.sites).

Only what every reader may read is listed (``posts.access``): public posts
without a password, since a locked post's page holds nothing to index.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Category, Page, Post, Series, Tag


class PostSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Post.objects.readable().order_by("-published_at", "-pk")

    def lastmod(self, item: Post):
        return item.updated_at


class SeriesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Series.objects.filter(posts__in=Post.objects.published()).distinct()

    def lastmod(self, item: Series):
        return item.updated_at


class PageSitemap(Sitemap):
    priority = 0.5

    def items(self):
        return Page.objects.published()

    def lastmod(self, item: Page):
        return item.updated_at


class TaxonomySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        published = Post.objects.published()
        categories = list(Category.objects.filter(posts__in=published).distinct())
        return categories + list(Tag.objects.filter(posts__in=published).distinct())


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["posts:home", "posts:series_list"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "home": HomeSitemap,
    "posts": PostSitemap,
    "series": SeriesSitemap,
    "pages": PageSitemap,
    "topics": TaxonomySitemap,
}
