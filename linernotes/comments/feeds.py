"""RSS and Atom feeds of approved comments: the whole blog's, and each post's.

A feed is a cached page like any other; the comment services retire its copies
with the post page's whenever a shown comment changes. No email address ever
appears in a feed: only the name the commenter gave.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from linernotes.core.site import site_settings
from linernotes.posts.models import Post

from .models import Comment

FEED_LENGTH = 50


def _readable_posts():
    """Posts whose comments anyone may read: public and not password-protected."""
    return Post.objects.published().filter(password="")


class CommentRssFeed(Feed):
    """The latest comments anywhere on the blog."""

    @property
    def site(self):
        return site_settings()

    def title(self, obj=None) -> str:
        return f"Comments on {self.site.title}"

    def description(self, obj=None) -> str:
        return f"What readers say on {self.site.title}."

    def link(self, obj=None) -> str:
        return reverse("posts:home")

    def comments(self, obj):
        return Comment.objects.approved().filter(post__in=_readable_posts())

    def items(self, obj=None):
        return (
            self.comments(obj)
            .select_related("post")
            .order_by("-created_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item: Comment) -> str:
        return f"{item.author_name} on “{item.post.title}”"

    def item_description(self, item: Comment) -> str:
        return item.body_html

    def item_link(self, item: Comment) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Comment):
        return item.created_at

    def item_updateddate(self, item: Comment):
        return item.edited_at or item.created_at

    def item_author_name(self, item: Comment) -> str:
        return item.author_name


class CommentAtomFeed(CommentRssFeed):
    feed_type = Atom1Feed
    subtitle = CommentRssFeed.description


class PostCommentRssFeed(CommentRssFeed):
    """The latest comments under one post."""

    def get_object(self, request, post_pk: int) -> Post:
        return get_object_or_404(_readable_posts(), pk=post_pk)

    def title(self, obj: Post) -> str:
        return f"Comments on “{obj.title}” · {self.site.title}"

    def description(self, obj: Post) -> str:
        return f"Readers' responses to “{obj.title}”."

    def link(self, obj: Post) -> str:
        return obj.get_absolute_url()

    def comments(self, obj: Post):
        return Comment.objects.approved().filter(post=obj)


class PostCommentAtomFeed(PostCommentRssFeed):
    feed_type = Atom1Feed
    subtitle = PostCommentRssFeed.description
