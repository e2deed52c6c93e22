"""The only code that writes posts, series, pages and attachments.

The admin, the demo loader and the WordPress importer all come through here, so
rendering, slugs, redirects, thumbnails and counts happen the same way for each.
A package because one module had grown past 400 lines: ``posts`` (writing a
post), ``structure`` (series, tags, categories, pages), ``uploads`` (files) and
``counts`` (numbers kept beside the posts). Every public name is re-exported
here, so callers keep importing ``linernotes.posts.services.<name>``.
"""

from .counts import refresh_counts, refresh_post_extras
from .posts import (
    create_post,
    link_mentions,
    make_slug,
    next_series_position,
    publish_post,
    review_release,
    save_post,
    submit_post_for_review,
)
from .structure import (
    get_or_create_category,
    get_or_create_series,
    get_or_create_tag,
    reorder_series,
    save_page,
    save_series,
)
from .uploads import (
    attach_file,
    check_attachment_upload,
    check_image_upload,
    make_cover_thumbnails,
    record_download,
    save_attachment,
)

__all__ = [
    "attach_file",
    "check_attachment_upload",
    "check_image_upload",
    "create_post",
    "get_or_create_category",
    "get_or_create_series",
    "get_or_create_tag",
    "link_mentions",
    "make_cover_thumbnails",
    "make_slug",
    "next_series_position",
    "publish_post",
    "record_download",
    "refresh_counts",
    "refresh_post_extras",
    "reorder_series",
    "review_release",
    "save_attachment",
    "save_page",
    "save_post",
    "save_series",
    "submit_post_for_review",
]
