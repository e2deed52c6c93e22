"""RSS and Atom feeds of approved comments: the whole blog's, and each post's.

Only comments on posts anyone may read (``posts.access.readable_q``) appear;
the feed of a locked, private or draft post is a 404. A feed is a cached page
like any other; the comment services retire its copies with the post page's
whenever a shown comment changes. No email address ever appears in a feed:
only the name the commenter gave. The generators (``posts.feeds``) make
content addresses absolute and drop characters XML cannot carry.
"""

from bisect import bisect_right

from django.contrib.syndication.views import Feed
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse

from linernotes.core.site import site_settings
from linernotes.posts import access
from linernotes.posts.feeds import AtomFeed, RssFeed
from linernotes.posts.models import Post

from . import selectors
from .models import Comment

FEED_LENGTH = 50
# What ``Comment.objects.shown_on`` shows: a removed comment with replies
# stays as a placeholder, so it takes a place on the thread's pages.
SHOWN_STATUSES = (Comment.Status.APPROVED, Comment.Status.REMOVED)


def _place_comments(comments: list[Comment]) -> None:
    """Set ``place_url`` on each comment: the page of its thread that shows it,
    with its anchor (what ``comments:permalink`` redirects to), so feed readers
    link straight there.

    One grouped count for all the posts; a post whose thread runs to several
    pages costs two queries more, however many of its comments are listed.
    """
    per_page = selectors.comments_per_page()
    sizes = dict(
        Comment.objects.filter(
            post_id__in={c.post_id for c in comments}, status__in=SHOWN_STATUSES
        )
        .values_list("post_id")
        .annotate(Count("pk"))
    )
    pages = {}
    for post_id in {c.post_id for c in comments if sizes.get(c.post_id, 0) > per_page}:
        on_post = [c for c in comments if c.post_id == post_id]
        pages.update(_pages_on_long_thread(on_post, per_page))
    for comment in comments:
        number = pages.get(comment.pk, 1)
        query = f"?cpage={number}" if number > 1 else ""
        url = comment.post.get_absolute_url()
        comment.place_url = f"{url}{query}#comment-{comment.pk}"


def _pages_on_long_thread(comments: list[Comment], per_page: int) -> dict[int, int]:
    """Page numbers of ``comments`` (all on one post) by ``selectors.page_of``'s
    rule, counting the comments before each in one query."""
    post = comments[0].post
    keys = [(s.root, s.offset) for s in selectors.page_starts(post, per_page)]
    root = {c.pk: c.thread_path[: selectors.ROOT_WIDTH] for c in comments}
    before = Comment.objects.filter(post=post, status__in=SHOWN_STATUSES).aggregate(
        **{
            f"c{c.pk}": Count(
                "pk",
                filter=Q(
                    thread_path__startswith=root[c.pk],
                    thread_path__lt=c.thread_path,
                ),
            )
            for c in comments
        }
    )
    return {
        c.pk: max(1, bisect_right(keys, (root[c.pk], before[f"c{c.pk}"])))
        for c in comments
    }


class CommentRssFeed(Feed):
    """The latest comments anywhere on the blog."""

    feed_type = RssFeed

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
        return Comment.objects.approved().filter(access.readable_q("post__"))

    def items(self, obj=None) -> list[Comment]:
        comments = list(
            self.comments(obj)
            .select_related("post")
            .order_by("-created_at", "-pk")[:FEED_LENGTH]
        )
        _place_comments(comments)
        return comments

    def item_title(self, item: Comment) -> str:
        return f"{item.author_name} on “{item.post.title}”"

    def item_description(self, item: Comment) -> str:
        return item.body_html

    def item_link(self, item: Comment) -> str:
        return item.place_url

    def item_guid(self, item: Comment) -> str:
        """The permalink: it stays the same when the comment's page changes."""
        return item.get_absolute_url()

    def item_pubdate(self, item: Comment):
        return item.created_at

    def item_updateddate(self, item: Comment):
        return item.edited_at or item.created_at

    def item_author_name(self, item: Comment) -> str:
        return item.author_name


class CommentAtomFeed(CommentRssFeed):
    feed_type = AtomFeed
    subtitle = CommentRssFeed.description


class PostCommentRssFeed(CommentRssFeed):
    """The latest comments under one post."""

    def get_object(self, request, post_pk: int) -> Post:
        return get_object_or_404(Post.objects.readable(), pk=post_pk)

    def title(self, obj: Post) -> str:
        return f"Comments on “{obj.title}” · {self.site.title}"

    def description(self, obj: Post) -> str:
        return f"Readers' responses to “{obj.title}”."

    def link(self, obj: Post) -> str:
        return obj.get_absolute_url()

    def comments(self, obj: Post):
        return Comment.objects.approved().filter(post=obj)


class PostCommentAtomFeed(PostCommentRssFeed):
    feed_type = AtomFeed
    subtitle = PostCommentRssFeed.description
