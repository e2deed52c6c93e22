"""Writers' roles as Django groups: administrator, editor, author, reader.

Administrators are superusers. Editors may change any post, page, series or
setting and moderate every comment; authors may write and edit their own posts
and submit them for review, but not publish them, and moderate the comments on
their own posts when the blog owner allows it (``moderation_scope``); readers
have no admin access.
"""

from enum import StrEnum

from linernotes.core.models import SiteSettings


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


class ModerationScope(StrEnum):
    """Which comments a writer moderates (decision 0024)."""

    ALL = "all"
    OWN_POSTS = "own posts"
    NONE = "none"


def moderation_scope(user, site: SiteSettings) -> ModerationScope:
    """Which comments ``user`` may approve, reply to, mark as spam or trash.

    Editors and administrators (the comment permissions of their role) moderate
    every comment. An author moderates the comments on their own posts while
    ``site.authors_moderate_comments`` is on: a runtime switch, not a group
    permission, so turning it off takes effect at once without touching groups.
    """
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return ModerationScope.NONE
    if user.has_perm("comments.change_comment"):
        return ModerationScope.ALL
    if site.authors_moderate_comments and user.has_perm("posts.change_post"):
        return ModerationScope.OWN_POSTS
    return ModerationScope.NONE
