"""Threaded comments on posts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from linernotes.core.models import SiteSettings
from linernotes.posts.models import Post
from linernotes.users.roles import ModerationScope, moderation_scope


class CommentQuerySet(models.QuerySet):
    def approved(self) -> "CommentQuerySet":
        return self.filter(status=Comment.Status.APPROVED)

    def awaiting_moderation(self) -> "CommentQuerySet":
        return self.filter(status=Comment.Status.PENDING)

    def moderated_by(self, user, site: SiteSettings) -> "CommentQuerySet":
        """The comments ``user`` may moderate (``users.roles.moderation_scope``)."""
        scope = moderation_scope(user, site)
        if scope is ModerationScope.ALL:
            return self
        if scope is ModerationScope.OWN_POSTS:
            return self.filter(post__author=user)
        return self.none()

    def shown_on(self, post: Post) -> "CommentQuerySet":
        """What readers see under a post, in thread order. A removed comment with
        approved replies stays as a placeholder so the thread still reads."""
        return (
            self.filter(post=post)
            .filter(
                Q(status=Comment.Status.APPROVED) | Q(status=Comment.Status.REMOVED)
            )
            .order_by("thread_path")
        )


class Comment(models.Model):
    # As deep as a thread path holds (11 characters a level, under the 2,704
    # bytes a PostgreSQL index entry may take).
    MAX_DEPTH = 236

    class Kind(models.TextChoices):
        COMMENT = "", "Comment"
        PINGBACK = "pingback", "Pingback"
        TRACKBACK = "trackback", "Trackback"

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        TRASH = "trash", "Trash"
        REMOVED = "removed", "Removed (placeholder kept)"

    # Not indexed alone: both indexes in Meta start with the post, and every
    # index is one more write per comment.
    post = models.ForeignKey(
        Post, related_name="comments", on_delete=models.CASCADE, db_index=False
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, related_name="replies", on_delete=models.SET_NULL
    )
    depth = models.PositiveSmallIntegerField(default=0)
    # Room for MAX_DEPTH levels of eleven characters: threads imported from
    # another blog keep their depth, however deep (the page flattens display).
    thread_path = models.CharField(
        max_length=2600,
        editable=False,
        help_text="Zero-padded ids from the thread's root, so one ORDER BY gives "
        "thread order.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="comments",
        on_delete=models.SET_NULL,
    )
    kind = models.CharField(
        max_length=10,
        choices=Kind.choices,
        default=Kind.COMMENT,
        blank=True,
        help_text="Pingbacks and trackbacks come from other blogs' posts (imported).",
    )
    author_name = models.CharField(max_length=100)
    author_email = models.EmailField(blank=True)
    author_url = models.URLField(blank=True)
    body = models.TextField()
    body_html = models.TextField(editable=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    spam_verdict = models.CharField(max_length=10, blank=True)
    spam_score = models.FloatField(default=0)
    spam_reasons = models.JSONField(default=list, blank=True)
    # Only the network (IPv4 /24, IPv6 /48, core.ratelimit.client_network):
    # the reader's exact address is never stored (decision 0037).
    ip_address = models.GenericIPAddressField(
        null=True, blank=True, help_text="The commenter's network, not the address."
    )
    # A keyed hash of the full address, so the look-up for a double submission
    # tells two neighbours in one network apart; blanked with the others.
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    user_agent = models.CharField(max_length=300, blank=True)
    # NULL, not "", for "no key": the unique constraint ignores NULLs.
    submission_key = models.CharField(  # noqa: DJ001
        max_length=64,
        null=True,
        blank=True,
        help_text="Sent with the form, so a double submission stores one comment.",
    )
    # A default, not auto_now_add: an imported comment keeps its own date.
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When a writer last moderated it: spam and trash are purged "
        "a while after this.",
    )
    like_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Readers' likes; kept by the likes app."
    )
    notify_replies = models.BooleanField(
        default=False, help_text="The commenter asked for an email when answered."
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["thread_path"]
        indexes = [
            # A post's thread in order; thread paths are only read within a post.
            models.Index(fields=["post", "status", "thread_path"]),
            # Finding a double submission (services._same_submission).
            models.Index(fields=["post", "author_email", "created_at"]),
            # Whether an address ever had a comment approved, asked for each
            # new guest comment by the spam check (history.CommentHistory).
            models.Index(
                Lower("author_email"),
                condition=Q(status="approved"),
                name="comment_approved_address",
            ),
        ]
        constraints = [
            # A constraint, not unique=True, which on PostgreSQL would add a
            # second (pattern-matching) index no query uses.
            models.UniqueConstraint(
                fields=["submission_key"], name="comment_submission_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name} on {self.post}"

    def get_absolute_url(self) -> str:
        """The permalink, which finds the page of the thread showing the comment."""
        return reverse("comments:permalink", args=[self.pk])
