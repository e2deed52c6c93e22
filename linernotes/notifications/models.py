"""Who asked for which mail, and what has already been sent."""

from django.db import models

from linernotes.posts.models import Post, Series


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self) -> "SubscriptionQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def for_email(self, email: str) -> "SubscriptionQuerySet":
        return self.filter(email__iexact=email)


class Subscription(models.Model):
    """A reader's standing request for mail; only a confirmed one gets any."""

    class Kind(models.TextChoices):
        POSTS = "posts", "New posts"
        SERIES = "series", "New posts in one series"
        COMMENTS = "comments", "New comments on one post"

    email = models.EmailField(db_index=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target = models.CharField(
        max_length=40,
        editable=False,
        help_text="Kind and target in one string ('series:3'), so one unique "
        "constraint stops duplicates (NULLs never collide in SQL).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["email", "target"], name="one_subscription_per_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.describe()}"

    def describe(self) -> str:
        if self.kind == self.Kind.SERIES and self.series:
            return f"new posts in “{self.series.title}”"
        if self.kind == self.Kind.COMMENTS and self.post:
            return f"new comments on “{self.post.title}”"
        return "new posts"


class MailAddress(models.Model):
    """What one address agreed to or turned down, outside subscriptions.

    Reply notices for guests wait until the address is confirmed (asked once);
    a one-click unsubscribe from reply notices or digests is kept here.
    """

    email = models.EmailField(unique=True)
    confirm_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    no_replies = models.BooleanField(default=False)
    no_digest = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "mail addresses"

    def __str__(self) -> str:
        return self.email


class Announcement(models.Model):
    """A post whose new-post mail went out; the unique post makes it happen once."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Announced {self.post}"


class ModerationDigest(models.Model):
    """One digest sent to the writers: when, and the newest comment it listed."""

    sent_at = models.DateTimeField(db_index=True)
    last_comment_id = models.PositiveBigIntegerField()
    comment_count = models.PositiveIntegerField()

    class Meta:
        get_latest_by = "sent_at"

    def __str__(self) -> str:
        return f"Digest of {self.comment_count} at {self.sent_at:%Y-%m-%d %H:%M}"
