"""Reads that span several models, one module per subject; every name is
re-exported here, so callers keep writing ``posts.selectors.<name>``.

A package since the module passed 400 lines (STYLE.md section 6).
"""

from .browse import BrowseIndex, BrowseLink, browse_index, listed_series
from .music import (
    listed_artists,
    listed_releases,
    name_warnings,
    posts_about_artist,
    release_with_listing,
    with_release_counts,
)
from .navigation import (
    Navigation,
    SeriesPlace,
    Teaser,
    next_post_teaser,
    next_scheduled_time,
    post_navigation,
)
from .reading import (
    PostTerms,
    TermLink,
    load_post_extras,
    post_for_reading,
    post_terms,
    posts_in_category,
    public_post,
)
from .search import fts5_query, search_posts

__all__ = [
    "BrowseIndex",
    "BrowseLink",
    "Navigation",
    "PostTerms",
    "SeriesPlace",
    "Teaser",
    "TermLink",
    "browse_index",
    "fts5_query",
    "listed_artists",
    "listed_series",
    "listed_releases",
    "load_post_extras",
    "name_warnings",
    "next_post_teaser",
    "next_scheduled_time",
    "post_for_reading",
    "post_navigation",
    "post_terms",
    "posts_about_artist",
    "posts_in_category",
    "public_post",
    "release_with_listing",
    "search_posts",
    "with_release_counts",
]
