"""Posts, series, categories, tags, static pages, attachments and slug redirects."""

import calendar
from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from linernotes.core.models import TimeStampedModel
from linernotes.core.routing import reverse_cached

from . import access


class Category(models.Model):
    """A hierarchical category, as WordPress writers know them.

    ("Reviews › Soundtracks")
    """

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=120, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, related_name="children", on_delete=models.PROTECT
    )
    description = models.TextField(blank=True)
    post_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Published posts; kept by refresh_counts."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return " › ".join(c.name for c in self.ancestors_and_self())

    def get_absolute_url(self) -> str:
        return reverse_cached("posts:category", slug=self.slug)

    def ancestors_and_self(self) -> list["Category"]:
        chain, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return chain[::-1]


class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    post_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Published posts; kept by refresh_counts."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_cached("posts:tag", slug=self.slug)


class Series(TimeStampedModel):
    """A named, ordered run of posts ("Great Soundtracks of 1985")."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(
        blank=True, help_text="Markdown, shown on the series page."
    )
    description_html = models.TextField(blank=True, editable=False)

    post_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Published posts; kept by refresh_counts."
    )

    latest_post_at = models.DateTimeField(
        null=True, editable=False, help_text="When its newest public part came out."
    )

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_cached("posts:series_detail", slug=self.slug)


class PostQuerySet(models.QuerySet):
    def published(self) -> "PostQuerySet":
        """Posts any reader may see now: published, or scheduled and already due.

        A scheduled post needs no job to go public: it is simply due once its
        time has passed, and this query is what every reader-facing page uses.
        """
        return self.filter(access.public_q())

    def readable(self) -> "PostQuerySet":
        """Public posts without a password: content any reader may read (search,
        comment feeds, the catalogue's pages). See ``posts.access``."""
        return self.filter(access.readable_q())

    def upcoming(self) -> "PostQuerySet":
        return self.filter(
            status__in=access.PUBLIC_STATUSES, published_at__gt=timezone.now()
        )

    def listed(self) -> "PostQuerySet":
        """Published posts with what a list page shows, newest first."""
        return (
            self.published()
            .select_related("author", "series")
            .prefetch_related("tags", "categories")
            .order_by("-published_at", "-pk")
        )

    def cards(self) -> "PostQuerySet":
        """Published posts as list pages show them: no bodies loaded, newest first."""
        return self.listed().defer("body", "body_html", "body_text")

    def worked_on_by(self, user) -> "PostQuerySet":
        """The posts ``user`` works on in the desk: every one with
        ``posts.edit_others_posts`` (editors, administrators), else their own.
        The post list and the desk home both ask this."""
        if user.has_perm("posts.edit_others_posts"):
            return self
        return self.filter(author=user)

    def in_series(self, series: Series) -> "PostQuerySet":
        return self.filter(series=series).order_by(
            "series_position", "published_at", "pk"
        )


class Post(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING = "pending", "Pending review"
        SCHEDULED = access.SCHEDULED, "Scheduled"
        PUBLISHED = access.PUBLISHED, "Published"
        PRIVATE = "private", "Private"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="posts", on_delete=models.PROTECT
    )
    body = models.TextField(
        blank=True, help_text="Markdown. A video link alone on a line becomes a player."
    )
    body_html = models.TextField(blank=True, editable=False)
    body_text = models.TextField(
        blank=True, editable=False, help_text="Plain text, for search."
    )
    excerpt = models.TextField(
        blank=True, help_text="Shown on lists and in link previews."
    )
    summary_text = models.TextField(
        blank=True,
        editable=False,
        help_text="The excerpt, or the body's opening words.",
    )
    # Indexed, like the attachment and body-image files: /media/ requests look
    # a file up by name to find the post it belongs to (posts.files).
    cover = models.ImageField(upload_to="covers/%Y/%m/", blank=True, db_index=True)
    cover_alt = models.CharField(max_length=200, blank=True)
    cover_thumbnails = models.JSONField(default=dict, blank=True, editable=False)
    categories = models.ManyToManyField(Category, blank=True, related_name="posts")
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    series = models.ForeignKey(
        Series, null=True, blank=True, related_name="posts", on_delete=models.SET_NULL
    )
    series_position = models.PositiveIntegerField(
        null=True, blank=True, help_text="Order within the series; empty means by date."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    password = models.CharField(
        max_length=100, blank=True, help_text="Readers need this to open the post."
    )
    sticky = models.BooleanField(
        default=False, help_text="Keep at the top of the home page."
    )
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    comments_open = models.BooleanField(default=True, help_text="Readers may respond.")
    comment_count = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Approved comments; kept by the comments app.",
    )
    like_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Readers' likes; kept by the likes app."
    )
    attachment_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Downloads; kept by the services."
    )
    review_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Reviewed releases; kept by the services."
    )
    mentioned_artists = models.ManyToManyField(
        "catalogue.Artist", blank=True, related_name="mentioned_in", editable=False
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["series", "series_position"]),
            models.Index(fields=["sticky", "published_at"]),
        ]
        permissions = [
            ("publish_post", "Can publish posts"),
            ("edit_others_posts", "Can edit other writers' posts"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return post_url(self.published_at or self.created_at, self.slug)

    @property
    def is_public(self) -> bool:
        """``posts.access.is_public``: published and due, whoever reads."""
        return access.is_public(self)

    @property
    def is_protected(self) -> bool:
        return bool(self.password)

    @property
    def summary(self) -> str:
        """The excerpt, or the body's opening words when the writer left it empty."""
        return self.summary_text or summarise(self.excerpt, self.body_text)


def post_url(when: datetime | None, slug: str) -> str:
    """A post's address: its month in the site's time zone, then its slug."""
    local = timezone.localtime(when or timezone.now())
    return reverse_cached("posts:detail", year=local.year, month=local.month, slug=slug)


class PostLink(NamedTuple):
    """Just enough of a post to link to it ("Next post: …"), without building a
    ``Post``: a model instance costs tens of microseconds, a page links several."""

    pk: int
    title: str
    slug: str
    published_at: datetime

    def get_absolute_url(self) -> str:
        return post_url(self.published_at, self.slug)


def summarise(excerpt: str, body_text: str, words: int = 45) -> str:
    """What list pages show of a post: its excerpt, else its first words."""
    if excerpt:
        return excerpt
    found = body_text.split()
    return " ".join(found[:words]) + ("…" if len(found) > words else "")


class MonthArchive(models.Model):
    """How many posts each month has, for the archive list; kept by refresh_counts."""

    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    post_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="one_row_per_month")
        ]

    def __str__(self) -> str:
        return f"{calendar.month_name[self.month]} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse_cached("posts:month", year=self.year, month=self.month)


class SlugRedirect(models.Model):
    """An old post slug, kept so links to it answer with a 301 to the post."""

    old_slug = models.SlugField(max_length=220, unique=True)
    post = models.ForeignKey(Post, related_name="old_slugs", on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.post.slug}"


class PageQuerySet(models.QuerySet):
    def published(self) -> "PageQuerySet":
        return self.filter(is_published=True)


class Page(TimeStampedModel):
    """A static page outside the blog stream: About, Privacy, Contact."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    is_published = models.BooleanField(default=True)
    show_in_menu = models.BooleanField(default=True)
    menu_order = models.PositiveSmallIntegerField(default=0)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["menu_order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_cached("posts:page", slug=self.slug)


class PageSlugRedirect(models.Model):
    """An old static page slug, kept so links to it answer with a 301 to the page.

    Apart from ``SlugRedirect`` because pages and posts have separate slug
    spaces: a page and a post may each have been called "about".
    """

    old_slug = models.SlugField(max_length=120, unique=True)
    page = models.ForeignKey(Page, related_name="old_slugs", on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.page.slug}"


class Attachment(TimeStampedModel):
    """A file readers download from a post (an e-book, a song); downloads are
    counted, and an audio file's plays in the page's player apart from them."""

    post = models.ForeignKey(Post, related_name="attachments", on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="downloads/%Y/%m/", db_index=True)
    size = models.PositiveBigIntegerField(default=0, editable=False)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    download_count = models.PositiveIntegerField(default=0, editable=False)
    play_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_cached("posts:download", pk=self.pk, filename=self.filename)

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def is_audio(self) -> bool:
        """Whether the post page offers it in the audio player (and counts its
        plays); whether this browser can play it is the browser's call."""
        return self.content_type.startswith("audio/")


class PostImage(TimeStampedModel):
    """An image uploaded to go inside a post's body; the admin shows its Markdown."""

    post = models.ForeignKey(
        Post, null=True, blank=True, related_name="images", on_delete=models.SET_NULL
    )
    image = models.ImageField(upload_to="images/%Y/%m/", db_index=True)
    alt = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.alt or self.image.name

    @property
    def markdown(self) -> str:
        return f"![{self.alt}]({self.image.url})"


class Review(models.Model):
    """A post's review of one release, with the tracks the writer singles out."""

    post = models.ForeignKey(Post, related_name="reviews", on_delete=models.CASCADE)
    release = models.ForeignKey(
        "catalogue.Release", related_name="reviews", on_delete=models.PROTECT
    )
    standout_tracks = models.ManyToManyField(
        "catalogue.Track", blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "release"], name="one_review_per_release"
            )
        ]

    def __str__(self) -> str:
        return f"{self.post} reviews {self.release}"


class Revision(models.Model):
    """One state of a post's writing: what the writer had typed (an autosave,
    kept while they write) or what a save or restore stored.

    A copy beside the post, never the post itself: an autosave must not change
    what readers see, and restoring one goes back through ``save_post_as``
    like any save (decision 0045). Related rows are kept by id in ``fields``
    and looked up again on restore, so a deleted series or release is noticed
    instead of failing.
    """

    class Kind(models.TextChoices):
        AUTOSAVE = "autosave", "Autosave"
        SAVED = "saved", "Saved"
        RESTORED = "restored", "Restored"

    post = models.ForeignKey(Post, related_name="revisions", on_delete=models.CASCADE)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    excerpt = models.TextField(blank=True)
    fields = models.JSONField(
        default=dict, blank=True, help_text="Settings and related ids, by field name."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["post", "-created_at"])]

    def __str__(self) -> str:
        # The desk's one format (core/formats), in the blog's time zone.
        when = date_format(timezone.localtime(self.created_at), "DATETIME_FORMAT")
        return f"{self.get_kind_display()} of “{self.title}”, {when}"


class EditingPresence(models.Model):
    """That ``editor`` had ``post`` open in the editor at ``last_seen``.

    Kept in the database, not the cache: every worker of every app server must
    see the same answer to "who else is editing?", and each worker's local-memory
    cache is its own (decision 0045). One row per post and editor, refreshed at
    most every few seconds and deleted a minute after its editor goes quiet.
    """

    post = models.ForeignKey(Post, related_name="+", on_delete=models.CASCADE)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE
    )
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "editor"], name="posts_presence_one_per_editor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.editor_id} on post {self.post_id} at {self.last_seen:%H:%M:%S}"
