"""Artists with their aliases, releases, tracks and the credits that join them."""

from django.db import models
from django.db.models import Q

from linernotes.core.models import TimeStampedModel
from linernotes.core.routing import reverse_cached

from .names import normalise
from .tracklist.render import format_duration


class ArtistQuerySet(models.QuerySet):
    def named(self, name: str) -> "ArtistQuerySet":
        """Artists whose name or confirmed alias matches ``name`` the lenient way
        (case, accents, a leading "The", punctuation, "&" and "and")."""
        key = normalise(name)
        return self.filter(Q(name_key=key) | Q(aliases__name_key=key)).distinct()


class Artist(TimeStampedModel):
    name = models.CharField(max_length=200)
    sort_name = models.CharField(max_length=200, blank=True)
    slug = models.SlugField(max_length=220, unique=True, blank=True)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    musicbrainz_id = models.UUIDField(null=True, blank=True, unique=True)

    objects = ArtistQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = normalise(self.name)
        self.sort_name = self.sort_name or _sort_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse_cached("posts:artist", slug=self.slug)


def _sort_name(name: str) -> str:
    """ "The Cure" sorts under C, as record shops file it."""
    return name[4:] + ", The" if name.lower().startswith("the ") else name


class ArtistAlias(models.Model):
    """Another name an artist is known by; it resolves to the artist everywhere."""

    artist = models.ForeignKey(Artist, related_name="aliases", on_delete=models.CASCADE)
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "artist aliases"

    def __str__(self) -> str:
        return f"{self.name} → {self.artist.name}"

    def save(self, *args, **kwargs) -> None:
        self.name_key = normalise(self.name)
        super().save(*args, **kwargs)


class ArtistSlugRedirect(models.Model):
    """An artist's former address, kept so links stored in posts and elsewhere
    answer 301 to the artist rather than 404 after its slug changes or it is
    merged into another."""

    old_slug = models.SlugField(max_length=220, unique=True)
    artist = models.ForeignKey(
        Artist, related_name="slug_redirects", on_delete=models.CASCADE
    )

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.artist.slug}"


class MergeSuggestion(TimeStampedModel):
    """Two artists that may be one ("Vinnie DiCola" and "Vince DiCola").

    The writer decides: confirming folds ``duplicate`` into ``artist`` and keeps
    its name as an alias; rejecting remembers the answer so it is not asked again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a writer"
        CONFIRMED = "confirmed", "Same artist (merged)"
        REJECTED = "rejected", "Different artists"

    artist = models.ForeignKey(Artist, related_name="+", on_delete=models.CASCADE)
    duplicate = models.ForeignKey(
        Artist, null=True, related_name="+", on_delete=models.SET_NULL
    )
    duplicate_name = models.CharField(max_length=200)
    reason = models.CharField(max_length=200)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["artist", "duplicate_name"], name="one_suggestion_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.duplicate_name} = {self.artist.name}?"


class ReleaseQuerySet(models.QuerySet):
    def for_year(self, year: int) -> "ReleaseQuerySet":
        return self.filter(year=year)


class Release(TimeStampedModel):
    class Kind(models.TextChoices):
        ALBUM = "album", "Album"
        SOUNDTRACK = "soundtrack", "Soundtrack"
        SINGLE = "single", "Single"
        EP = "ep", "EP"
        COMPILATION = "compilation", "Compilation"
        LIVE = "live", "Live"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=320, unique=True, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ALBUM)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    label = models.CharField(max_length=200, blank=True)
    catalogue_number = models.CharField(max_length=100, blank=True)
    film = models.CharField(
        max_length=300, blank=True, help_text="The film or show, for a soundtrack."
    )
    cover = models.ImageField(upload_to="releases/%Y/", blank=True)
    musicbrainz_id = models.UUIDField(null=True, blank=True, unique=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self) -> str:
        return reverse_cached("posts:release", slug=self.slug)


class Track(models.Model):
    release = models.ForeignKey(
        Release, related_name="tracks", on_delete=models.CASCADE
    )
    disc = models.PositiveSmallIntegerField(default=1)
    position = models.CharField(
        max_length=10, help_text='As printed on the sleeve: "1", "01", "A1".'
    )
    sort_order = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    # A composer or writer credit the listing gave after the title ("music by
    # …", "(Lennon/McCartney)"): kept as written, apart from title and artists.
    writers = models.CharField(max_length=300, blank=True)
    musicbrainz_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["release", "disc", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "disc", "position"], name="one_track_per_position"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def duration(self) -> str:
        """3:52 (1:02:03 from an hour up), as listings and the desk write it;
        "" when the length is not known."""
        if self.duration_seconds is None:
            return ""
        return format_duration(self.duration_seconds)


class Credit(models.Model):
    """One artist's place in a release's or a track's credit line.

    "Kenny Loggins and Gladys Knight" is two credits: Kenny Loggins with the join
    phrase " and ", then Gladys Knight with none.
    """

    release = models.ForeignKey(
        Release, null=True, blank=True, related_name="credits", on_delete=models.CASCADE
    )
    track = models.ForeignKey(
        Track, null=True, blank=True, related_name="credits", on_delete=models.CASCADE
    )
    artist = models.ForeignKey(Artist, related_name="credits", on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(default=0)
    credited_as = models.CharField(max_length=200, blank=True)
    join_phrase = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(release__isnull=False, track__isnull=True)
                | Q(release__isnull=True, track__isnull=False),
                name="credit_for_release_or_track",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}{self.join_phrase}"

    @property
    def name(self) -> str:
        return self.credited_as or self.artist.name
