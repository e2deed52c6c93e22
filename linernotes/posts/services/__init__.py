"""The only code that writes posts, series, pages and attachments.

The admin, the demo loader and the WordPress importer all come through here, so
rendering, slugs, redirects, thumbnails and counts happen the same way for each.
A package because one module had grown past 400 lines: ``posts`` (saving and
deleting a post; ``save_post_as`` is the one path), ``structure`` (series,
tags, categories, pages), ``uploads`` (files), ``counts`` (numbers kept beside
the posts), ``revisions`` (autosaves, comparing and restoring) and
``changes`` (recounting and retiring cached pages after a change, deferred
to the end of a ``batch()``). Every public name is re-exported here,
so callers keep importing ``linernotes.posts.services.<name>``.
"""

from .changes import batch, pages_changed, posts_changed
from .counts import refresh_counts, refresh_post_extras
from .posts import (
    NewPost,
    catalogue_unchanged,
    create_post,
    delete_post,
    delete_posts,
    link_mentions,
    make_slug,
    next_series_position,
    publish_post,
    review_release,
    save_post,
    save_post_as,
    save_posts_as,
    submit_post_for_review,
    unpublish_post,
    writers,
)
from .revisions import (
    Autosaved,
    Restored,
    autosave_post,
    compare,
    newer_autosave,
    note_editing,
    reading_stats,
    record_revision,
    render_unsaved,
    restore_revision,
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
    add_post_image,
    attach_file,
    check_attachment_upload,
    check_image_upload,
    make_cover_thumbnails,
    record_download,
    record_play,
    save_attachment,
)

__all__ = [
    "Autosaved",
    "NewPost",
    "Restored",
    "add_post_image",
    "autosave_post",
    "compare",
    "attach_file",
    "batch",
    "catalogue_unchanged",
    "check_attachment_upload",
    "check_image_upload",
    "create_post",
    "delete_post",
    "delete_posts",
    "get_or_create_category",
    "get_or_create_series",
    "get_or_create_tag",
    "link_mentions",
    "make_cover_thumbnails",
    "make_slug",
    "newer_autosave",
    "next_series_position",
    "note_editing",
    "pages_changed",
    "posts_changed",
    "publish_post",
    "reading_stats",
    "record_revision",
    "record_download",
    "record_play",
    "refresh_counts",
    "refresh_post_extras",
    "render_unsaved",
    "reorder_series",
    "restore_revision",
    "review_release",
    "save_attachment",
    "save_page",
    "save_post",
    "save_post_as",
    "save_posts_as",
    "save_series",
    "submit_post_for_review",
    "unpublish_post",
    "writers",
]
