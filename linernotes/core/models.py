"""Blog-wide settings a writer edits in the admin, and the page cache's stamp."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class TimeStampedModel(models.Model):
    """Adds created_at and updated_at, set by the database layer on save."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            f"“{value}” is not a time zone name such as Europe/London."
        )


class SiteSettings(models.Model):
    """The one row of settings a writer changes without touching a settings file."""

    title = models.CharField(max_length=120, default="Liner Notes")
    tagline = models.CharField(max_length=200, blank=True, default="Notes on records")
    description = models.TextField(
        blank=True,
        help_text="One or two sentences for search engines and link previews.",
    )
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="Dates on the blog are shown in this time zone.",
    )
    posts_per_page = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    footer_text = models.CharField(max_length=300, blank=True)

    class Moderation(models.TextChoices):
        HOLD_ALL = "all", "Hold every comment for approval"
        HOLD_FIRST = "first", "Hold a guest's first comment, until one is approved"
        HOLD_NONE = "none", "Publish comments at once (spam is still held)"

    comment_moderation = models.CharField(
        max_length=5,
        choices=Moderation.choices,
        default=Moderation.HOLD_FIRST,
        help_text="Which new comments wait in the moderation queue before "
        "readers see them. Comments the spam check doubts always wait.",
    )
    authors_moderate_comments = models.BooleanField(
        "authors moderate comments on their own posts",
        default=True,
        help_text="Authors see comments on their own posts in the moderation "
        "queue and its digest, and approve, reply to, mark as spam or trash "
        "them. Editors and administrators moderate every comment either way.",
    )
    comment_depth = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How deep replies nest; a deeper reply joins the deepest level.",
    )
    close_comments_after_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Close comments on older posts; empty means never.",
    )
    comment_edit_minutes = models.PositiveSmallIntegerField(
        default=10,
        help_text="How long a commenter may edit their own comment; 0 turns it off.",
    )
    allow_guest_likes = models.BooleanField(
        default=True,
        help_text="Readers without an account may like posts and comments "
        "(once per browser).",
    )
    # The spam check's block lists (spam.rules.BlockLists), one entry a line;
    # a match is decisive evidence (decision 0035).
    spam_blocked_words = models.TextField(
        blank=True,
        help_text="Words or phrases no real comment here uses, one a line. "
        "Matched however they are disguised (hidden characters, look-alike "
        "letters).",
    )
    spam_blocked_names = models.TextField(
        blank=True, help_text="Commenter names to block, one a line."
    )
    spam_blocked_email_domains = models.TextField(
        blank=True,
        help_text="Email domains to block, one a line (example.com also "
        "blocks mail.example.com).",
    )
    spam_blocked_link_domains = models.TextField(
        blank=True,
        help_text="Web domains no comment may link to, one a line (the "
        "commenter's website counts too).",
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "SiteSettings":
        settings, _ = cls.objects.get_or_create(pk=1)
        return settings


class PageCacheStamp(models.Model):
    """The single row every process reads to know whether a cached page is current.

    ``generation`` is replaced by a new random number whenever content changes;
    ``next_due_at`` is the moment
    the next scheduled item goes public, after which cached pages are stale.
    """

    generation = models.PositiveBigIntegerField(default=1)
    next_due_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"generation {self.generation}"


class PageScopeStamp(models.Model):
    """A version for one URL path, so a change to one page retires only its copies.

    Comments change one post page (and its comment feeds) many times a second;
    replacing the site-wide generation for each would empty the whole page cache.
    Cached page keys carry both the generation and the version of their path,
    read together in one statement (core.pagecache). A path with no row has
    version 0.
    """

    scope = models.CharField(max_length=255, unique=True)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.scope} version {self.version}"


class PeriodicJobRun(models.Model):
    """When a periodic job (core.periodic) last started.

    One row per job name. A worker claims a run with a conditional UPDATE on
    ``last_run_at``, so two workers sharing the database never start the same
    job in the same interval.
    """

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name
