"""One table for post and comment likes.

A like on a comment also names the comment's post, so "what has this reader
liked on this page" is one indexed query (the reader state asks it on every
page view). Uniqueness is the database's job: partial unique constraints allow
one like per account, or per guest browser, on each post and each comment.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from linernotes.comments.models import Comment
from linernotes.posts.models import Post


class LikeQuerySet(models.QuerySet):
    def on_post_itself(self) -> "LikeQuerySet":
        return self.filter(comment__isnull=True)

    def by_accounts(self) -> "LikeQuerySet":
        return self.filter(user__isnull=False)


class Like(models.Model):
    post = models.ForeignKey(Post, related_name="likes", on_delete=models.CASCADE)
    comment = models.ForeignKey(
        Comment,
        null=True,
        blank=True,
        related_name="likes",
        on_delete=models.CASCADE,
        help_text="Empty for a like of the post itself.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="likes",
        on_delete=models.CASCADE,
    )
    guest_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="SHA-256 of a guest browser's random id; the id itself lives "
        "only in that browser's signed cookie.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LikeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(guest_hash=""))
                | (Q(user__isnull=True) & ~Q(guest_hash="")),
                name="like_by_account_or_guest",
            ),
            models.UniqueConstraint(
                fields=["post", "user"],
                condition=Q(comment__isnull=True, user__isnull=False),
                name="one_post_like_per_account",
            ),
            models.UniqueConstraint(
                fields=["post", "guest_hash"],
                condition=Q(comment__isnull=True) & ~Q(guest_hash=""),
                name="one_post_like_per_guest",
            ),
            models.UniqueConstraint(
                fields=["comment", "user"],
                condition=Q(comment__isnull=False, user__isnull=False),
                name="one_comment_like_per_account",
            ),
            models.UniqueConstraint(
                fields=["comment", "guest_hash"],
                condition=Q(comment__isnull=False) & ~Q(guest_hash=""),
                name="one_comment_like_per_guest",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "post"], name="like_user_post"),
            models.Index(fields=["guest_hash", "post"], name="like_guest_post"),
            models.Index(fields=["post", "created_at"], name="like_post_created"),
        ]

    def __str__(self) -> str:
        what = f"comment {self.comment_id}" if self.comment_id else "the post"
        return f"Like of {what} on post {self.post_id}"

    @property
    def liker_label(self) -> str:
        return self.user.public_name if self.user_id else "A guest"
