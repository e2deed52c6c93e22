from django.urls import path, register_converter

from . import feeds, files, music_views, views


class MonthConverter:
    regex = "[0-9]{2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return f"{int(value):02d}"


register_converter(MonthConverter, "mm")

app_name = "posts"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("series/", views.series_list, name="series_list"),
    path("series/<slug:slug>/", views.series_detail, name="series_detail"),
    path("series/<slug:slug>/feed/", feeds.SeriesRssFeed(), name="series_feed"),
    path("series/<slug:slug>/feed/atom/", feeds.SeriesAtomFeed(), name="series_atom"),
    path("category/<slug:slug>/", views.category_detail, name="category"),
    path("category/<slug:slug>/feed/", feeds.CategoryRssFeed(), name="category_feed"),
    path(
        "category/<slug:slug>/feed/atom/",
        feeds.CategoryAtomFeed(),
        name="category_atom",
    ),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("tag/<slug:slug>/feed/", feeds.TagRssFeed(), name="tag_feed"),
    path("tag/<slug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_atom"),
    path("author/<str:username>/", views.author_detail, name="author"),
    path("music/", music_views.artist_index, name="artists"),
    path("music/<int:year>/", music_views.year_detail, name="music_year"),
    path("music/artists/<slug:slug>/", music_views.artist_detail, name="artist"),
    path("music/artists/<slug:slug>/feed/", feeds.ArtistRssFeed(), name="artist_feed"),
    path("music/releases/<slug:slug>/", music_views.release_detail, name="release"),
    path("feed/", feeds.LatestRssFeed(), name="feed"),
    path("feed/atom/", feeds.LatestAtomFeed(), name="atom"),
    path("download/<int:pk>/<str:filename>", files.download, name="download"),
    path("<int:year>/", views.year_archive, name="year"),
    path("<int:year>/<mm:month>/", views.month_archive, name="month"),
    path("<int:year>/<mm:month>/<slug:slug>/", views.post_detail, name="detail"),
    path("<slug:slug>/", views.page_detail, name="page"),
]
