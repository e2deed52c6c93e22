"""What the importers remember: where each imported thing went, and old addresses.

``WordPressObject`` makes an import safe to repeat (an item already mapped is
not written again) and keeps what a WordPress item carries that Liner Notes has
no column for (post meta, comment meta, the post format), so an export back to
WordPress can give it back. ``LegacyRedirect`` answers an old blog's addresses
with a 301 to wherever the thing lives now; it names its target rather than a
path, so later edits (a new slug, a new date) never leave it stale.
"""

from django.conf import settings
from django.db import models


class WordPressObject(models.Model):
    """One item, comment, author or term of an imported export, and our row for it."""

    class Kind(models.TextChoices):
        POST = "post"
        PAGE = "page"
        ATTACHMENT = "attachment"
        COMMENT = "comment"
        AUTHOR = "author"
        CATEGORY = "category"
        TAG = "tag"

    # The exporting blog (its base_blog_url without scheme): two blogs imported
    # into one site keep their ids apart.
    source = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    wp_id = models.BigIntegerField()
    guid = models.TextField(blank=True)
    # Our row's primary key (a Post, Page, Comment, User, Category, Tag,
    # PostImage or Attachment, by kind); empty when only this record holds it.
    object_id = models.BigIntegerField(null=True, blank=True)
    data = models.JSONField(
        default=dict,
        blank=True,
        help_text="What WordPress had that no column here holds (meta, format).",
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wp_id"], name="one_mapping_per_wp_id"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]
        verbose_name = "WordPress object"

    def __str__(self) -> str:
        return f"{self.kind} {self.wp_id} from {self.source}"


class LegacyRedirect(models.Model):
    """An address of the old blog, answered with a 301 to its target's page now.

    ``old_path`` is the decoded path, with the query string when the old address
    needs one (``/?p=12``). The target is a kind and an id, resolved on each
    request; ``target_url`` is for fixed places (the feed).
    """

    class Target(models.TextChoices):
        POST = "post"
        PAGE = "page"
        CATEGORY = "category"
        TAG = "tag"
        AUTHOR = "author"
        SERIES = "series"
        POST_COMMENTS_FEED = "post comments feed"
        ATTACHMENT = "attachment"
        IMAGE = "image"  # a post's image (target_url "cover": the post's cover)
        URL = "url"

    old_path = models.CharField(max_length=1000, unique=True)
    target_type = models.CharField(max_length=20, choices=Target.choices)
    target_id = models.BigIntegerField(null=True, blank=True)
    target_url = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        target = self.target_id or self.target_url
        return f"{self.old_path} → {self.target_type} {target}"


class ImportRun(models.Model):
    """One import started from the admin's upload page, from upload to report.

    The worker writes ``done``/``total`` as the import goes (a few times a second
    at most) and ``progress_at`` with them, so the page can tell a run that is
    moving from one whose worker died. At most one run is queued or running at
    a time (the constraint below), so two uploads never import side by side.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "waiting for the worker"
        RUNNING = "running", "importing"
        DONE = "done", "finished"
        REFUSED = "refused", "file refused"
        FAILED = "failed", "stopped with an error"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The last sign of life from the worker: set when the run starts and on
    # every progress write.
    progress_at = models.DateTimeField(null=True, blank=True)
    # The name the file had on the uploader's computer, and where it is kept
    # now: relative to the data folder, empty once the file is removed.
    file_name = models.CharField(max_length=255)
    file_path = models.CharField(max_length=500, blank=True)
    file_size = models.BigIntegerField(default=0)
    # ImportOptions as JSON: dry_run, author_map, series_from_categories,
    # include_feedback.
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(null=True, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                models.Value(1),
                condition=models.Q(status__in=["queued", "running"]),
                name="one_import_at_a_time",
                violation_error_message="Another import is already running.",
            )
        ]
        verbose_name = "import from WordPress"
        verbose_name_plural = "imports from WordPress"

    def __str__(self) -> str:
        return f"Import of {self.file_name} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0
