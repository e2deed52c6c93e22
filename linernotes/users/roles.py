"""Writers' roles as Django groups: administrator, editor, author, reader.

Administrators are superusers. Editors may change any post, page, series or
setting; authors may write and edit their own posts and submit them for review,
but not publish them; readers have no admin access.
"""

from enum import StrEnum


class Role(StrEnum):
    EDITOR = "Editor"
    AUTHOR = "Author"
    READER = "Reader"


CATALOGUE_MODELS = ["artist", "artistalias", "release", "track", "credit"]
EDITOR_MODELS = {
    "catalogue": [*CATALOGUE_MODELS, "mergesuggestion"],
    "posts": [
        "post",
        "series",
        "category",
        "tag",
        "page",
        "attachment",
        "postimage",
        "review",
    ],
    "core": ["sitesettings"],
    "comments": ["comment"],
}
AUTHOR_PERMISSIONS = [
    "posts.add_post",
    "posts.change_post",
    "posts.view_post",
    "posts.delete_post",
    "posts.add_attachment",
    "posts.change_attachment",
    "posts.view_attachment",
    "posts.delete_attachment",
    "posts.add_postimage",
    "posts.view_postimage",
    "posts.view_series",
    "posts.view_category",
    "posts.view_tag",
    "posts.add_tag",
    "posts.add_review",
    "posts.change_review",
    "posts.view_review",
    "posts.delete_review",
    *[
        f"catalogue.{action}_{model}"
        for model in CATALOGUE_MODELS
        for action in ("add", "change", "view")
    ],
    "catalogue.view_mergesuggestion",
]
