"""Writing posts: who may save what, render, slug, status, redirects, reviews,
mentions, and deleting."""

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from linernotes.catalogue.models import Artist, ArtistAlias, Release, Track
from linernotes.core.markup import link_first_mentions, plain_text, render_markdown
from linernotes.core.slugs import unique_slug
from linernotes.core.text import strip_control_characters
from linernotes.users.models import User

from ..models import Category, Post, Review, Series, SlugRedirect, Tag, summarise
from ..selectors import name_warnings
from .changes import pages_changed, posts_changed
from .counts import refresh_post_extras
from .uploads import make_cover_thumbnails


def make_slug(
    text: str,
    *,
    model: type,
    exclude_pk: int | None = None,
    claimed: Collection[str] = (),
) -> str:
    """A readable slug unique for ``model``; a post's never reuses a redirected
    one, nor one of ``claimed`` (slugs given to a batch's posts not stored yet)."""

    def redirected(base: str) -> Iterable[str]:
        taken = [slug for slug in claimed if slug.startswith(base)]
        if model is not Post:
            return taken
        return taken + list(
            SlugRedirect.objects.exclude(post_id=exclude_pk)
            .filter(old_slug__startswith=base)
            .values_list("old_slug", flat=True)
        )

    return unique_slug(text, model, exclude_pk=exclude_pk, reserved=redirected)


@transaction.atomic
def save_post_as(
    *,
    editor: User,
    post: Post,
    tags: Iterable[Tag] | None = None,
    categories: Iterable[Category] | None = None,
    import_mode: bool = False,
    related: Callable[[Post], None] | None = None,
) -> list[str]:
    """Save a post as ``editor`` may: the one path for the admin, the demo and
    importers. Returns name-check warnings for the caller to show.

    Decides the author (empty means the editor; only editors give a post to
    someone else; readers are never authors), what is published (an author's
    publish becomes pending review, a status an editor set is kept; an
    editor's or the site owner's stands), the series position (empty means
    after the last part), then stores the post as ``save_post`` does.
    ``import_mode`` is for the site owner only: the author must be given, and
    status and dates (a new post's ``created_at`` included) stay as the source
    had them. ``related`` saves rows that
    need the post's id (the admin's inlines); mentions, extras and name checks
    are worked out after it. Raises ``PermissionDenied`` for a change the
    editor may not make.
    """
    stored = Post.objects.filter(pk=post.pk).first() if post.pk else None
    if import_mode and not editor.is_superuser:
        raise PermissionDenied("Only the site owner imports posts as they were.")
    written_at = post.created_at if import_mode and stored is None else None
    _settle_author(editor, post, stored, import_mode=import_mode)
    if not import_mode:
        _settle_publishing(editor, post, stored)
    if post.series_id is not None and post.series_position is None:
        post.series_position = next_series_position(series=post.series)
    _store_post(
        post=post,
        tags=tags,
        categories=categories,
        previous_slug=stored.slug if stored else None,
    )
    if written_at is not None:  # the date the source gave, not today's
        post.created_at = written_at
        Post.objects.filter(pk=post.pk).update(created_at=written_at)
    if related is not None:
        related(post)
    link_mentions(post=post)
    if stored is not None or related is not None:  # a new post has no extras
        refresh_post_extras(post=post)
    posts_changed()
    return _name_checks(post)


class NewPost(NamedTuple):
    """One post for ``save_posts_as``, with the terms it goes under."""

    post: Post
    tags: Sequence[Tag] = ()
    categories: Sequence[Category] = ()


@transaction.atomic
def save_posts_as(
    *, editor: User, posts: Sequence[NewPost], import_mode: bool = False
) -> None:
    """``save_post_as`` for many new posts at once: the batch mode an importer
    saves through, so its speed comes from here and not from a second path.

    Each post is decided as ``save_post_as`` decides it (author, publishing or
    the import mode's kept status and dates, series position, cleaned text,
    slug, status) and rendered with its mentions linked before it is stored;
    then one insert for the posts, one per kind of link (tags, categories,
    artists) and one for the kept creation dates, instead of about fifteen
    statements per post. Only new posts: a change goes through
    ``save_post_as``. New posts have no reviews, so no name checks to return.
    Raises ``PermissionDenied`` as ``save_post_as`` does, for the whole batch.
    """
    if import_mode and not editor.is_superuser:
        raise PermissionDenied("Only the site owner imports posts as they were.")
    if any(entry.post.pk for entry in posts):
        raise ValueError("save_posts_as stores new posts; save_post_as changes one.")
    asked = {entry.post.author_id for entry in posts} | {editor.pk}
    writing = set(writers().filter(pk__in=asked).values_list("pk", flat=True))
    highest: dict[int, int] = {}  # series -> its last position so far
    claimed: set[str] = set()
    written_at: dict[int, datetime] = {}  # index -> the source's date
    mentioned: list[set[int]] = []
    for index, entry in enumerate(posts):
        post = entry.post
        if import_mode and post.created_at is not None:
            written_at[index] = post.created_at
        _settle_author(
            editor,
            post,
            None,
            import_mode=import_mode,
            is_writer=lambda user: user.pk in writing,
        )
        if not import_mode:
            _settle_publishing(editor, post, None)
        if post.series_id is not None:
            _place_in_series(post, highest)
        for field in _TEXT_FIELDS:
            setattr(post, field, strip_control_characters(getattr(post, field)))
        if not post.slug:
            post.slug = make_slug(post.title, model=Post, claimed=claimed)
        claimed.add(post.slug)
        _settle_status(post)
        mentioned.append(_render(post))
    Post.objects.bulk_create([entry.post for entry in posts])
    if written_at:  # the dates the source gave, not today's
        for index, when in written_at.items():
            posts[index].post.created_at = when
        Post.objects.bulk_update(
            [posts[index].post for index in written_at], ["created_at"]
        )
    SlugRedirect.objects.filter(old_slug__in=claimed).delete()
    for relation, rows in (
        (Post.tags, [(entry.post, entry.tags) for entry in posts]),
        (Post.categories, [(entry.post, entry.categories) for entry in posts]),
        (
            Post.mentioned_artists,
            [(entry.post, ids) for entry, ids in zip(posts, mentioned, strict=True)],
        ),
    ):
        _link_all(relation, rows)
    for entry in posts:
        if entry.post.cover:
            make_cover_thumbnails(post=entry.post)
    posts_changed()


def _place_in_series(post: Post, highest: dict[int, int]) -> None:
    """The position after the series' last part, counting the batch's own."""
    if post.series_id not in highest:
        highest[post.series_id] = next_series_position(series=post.series) - 1
    if post.series_position is None:
        post.series_position = highest[post.series_id] + 1
    highest[post.series_id] = max(highest[post.series_id], post.series_position)


def _link_all(relation, rows: Iterable[tuple[Post, Iterable]]) -> None:
    """One insert of the many-to-many rows of new posts (``relation`` is the
    field's descriptor, ``Post.tags``); each target once per post."""
    field = relation.field
    through = relation.through
    source = field.m2m_field_name() + "_id"
    target = field.m2m_reverse_field_name() + "_id"
    links = []
    for post, targets in rows:
        ids = {t if isinstance(t, int) else t.pk for t in targets}
        links += [through(**{source: post.pk, target: pk}) for pk in sorted(ids)]
    through.objects.bulk_create(links)


def _name_checks(post: Post) -> list[str]:
    """Near-miss names against the reviewed releases; none to check without."""
    if not post.review_count:
        return []
    return [
        f"Name check: “{mention.text}” in the text looks like "
        f"“{mention.suggestion}”. The text was left as you wrote it."
        for mention in name_warnings(post)
    ]


def _settle_author(
    editor: User,
    post: Post,
    stored: Post | None,
    *,
    import_mode: bool,
    is_writer: Callable[[User], bool] | None = None,
) -> None:
    """Empty means the editor; only editors choose someone else, and only a
    writer."""
    if import_mode and post.author_id is None:
        raise ValueError("An imported post names its author.")
    if not editor.has_perm("posts.edit_others_posts"):
        if stored is not None and stored.author_id != editor.pk:
            raise PermissionDenied("Only editors change other writers' posts.")
        post.author = editor
    elif post.author_id is None:
        post.author = editor
    # A post whose writer has since become a reader stays theirs; it is never
    # newly given to one.
    unchanged = stored is not None and stored.author_id == post.author_id
    if not unchanged and not (is_writer or _is_writer)(post.author):
        raise PermissionDenied(f"{post.author} is a reader, not a writer.")


def writers() -> QuerySet[User]:
    """The accounts a post may name as its author: those whose role writes
    posts, and the site owner. Readers never."""
    writes = Q(
        groups__permissions__codename="add_post",
        groups__permissions__content_type__app_label="posts",
    )
    return User.objects.filter(Q(is_superuser=True) | writes).distinct()


def _is_writer(user: User) -> bool:
    return writers().filter(pk=user.pk).exists()


def _settle_publishing(editor: User, post: Post, stored: Post | None) -> None:
    """A writer without the right to publish may keep what an editor decided
    (status and time unchanged) or choose draft or pending; anything else they
    ask for goes to an editor for review."""
    if editor.has_perm("posts.publish_post"):
        return
    if post.status in (Post.Status.DRAFT, Post.Status.PENDING):
        return
    unchanged = stored is not None and (stored.status, stored.published_at) == (
        post.status,
        post.published_at,
    )
    if not unchanged:
        post.status = Post.Status.PENDING


@transaction.atomic
def save_post(
    *,
    post: Post,
    tags: Iterable[Tag] | None = None,
    categories: Iterable[Category] | None = None,
) -> Post:
    """Store a post exactly as given: the step ``save_post_as`` builds on, for
    services and test builders that have already decided who and what.

    Renders, slugs and saves; a changed slug leaves a redirect from the old
    one. Counts and cached pages follow after commit (or after the batch).
    Scheduling needs no job: a post whose time is in the future is simply not
    yet returned by ``Post.objects.published()``.
    """
    previous_slug = (
        Post.objects.filter(pk=post.pk).values_list("slug", flat=True).first()
        if post.pk
        else None
    )
    _store_post(
        post=post, tags=tags, categories=categories, previous_slug=previous_slug
    )
    link_mentions(post=post)
    posts_changed()
    return post


def _store_post(
    *,
    post: Post,
    tags: Iterable[Tag] | None,
    categories: Iterable[Category] | None,
    previous_slug: str | None,
) -> None:
    for field in _TEXT_FIELDS:
        setattr(post, field, strip_control_characters(getattr(post, field)))
    post.slug = post.slug or make_slug(post.title, model=Post, exclude_pk=post.pk)
    _settle_status(post)
    post.save()
    if previous_slug and previous_slug != post.slug:
        _redirect_old_slug(post=post, old_slug=previous_slug)
    SlugRedirect.objects.filter(old_slug=post.slug).delete()
    # A new post has no terms to compare with: add, without set()'s read.
    for terms, chosen in ((post.tags, tags), (post.categories, categories)):
        if chosen is not None:
            if previous_slug is None:
                terms.add(*chosen)
            else:
                terms.set(chosen)
    if post.cover and not post.cover_thumbnails.get("source") == post.cover.name:
        make_cover_thumbnails(post=post)


# Feeds, the sitemap and exports are XML: these fields reach them.
_TEXT_FIELDS = ("title", "body", "excerpt", "cover_alt")


def unpublish_post(*, post: Post) -> Post:
    """Move a post back to drafts: off every reader's page, kept for its writer."""
    post.status = Post.Status.DRAFT
    return save_post(post=post)


@transaction.atomic
def delete_post(*, post: Post) -> None:
    """Delete a post with what hangs on it (its comments, likes, follows and old
    slugs go by cascade); counts and cached pages follow after commit."""
    post.delete()
    posts_changed()


@transaction.atomic
def delete_posts(*, posts: QuerySet[Post]) -> int:
    """``delete_post`` for many posts at once, recounting once; returns how many."""
    deleted = posts.delete()[1].get(Post._meta.label, 0)
    posts_changed()
    return deleted


def link_mentions(*, post: Post) -> None:
    """Render the body, linking the first mention of each known artist, and of each
    track of a reviewed release when it is quoted (“War”), to its page.

    Tracks must be quoted because their titles are often plain words; artists
    are matched anywhere as whole words. Records which artists the post mentions.
    """
    artist_ids = _render(post)
    Post.objects.filter(pk=post.pk).update(
        body_html=post.body_html,
        body_text=post.body_text,
        summary_text=post.summary_text,
    )
    post.mentioned_artists.set(artist_ids)


def _render(post: Post) -> set[int]:
    """``link_mentions`` without writing: sets the post's rendered fields and
    returns the artists it mentions (``save_posts_as`` renders before the
    insert instead of updating the row after it)."""
    names, slugs = _artists()
    html, linked = link_first_mentions(
        render_markdown(post.body), _mention_targets(post, names, slugs)
    )
    post.body_html, post.body_text = html, plain_text(html)
    post.summary_text = summarise(post.excerpt, post.body_text)
    return {pk for name, pk in names.items() if name in linked}


def _artists() -> tuple[dict[str, int], dict[int, str]]:
    """Every artist's names (aliases included) with its id, and each id's slug:
    read for each post, or once inside ``catalogue_unchanged()``."""
    if (held := _held_artists.get()) is not None:
        if not held:
            held.append(_read_artists())
        return held[0]
    return _read_artists()


def _read_artists() -> tuple[dict[str, int], dict[int, str]]:
    rows = Artist.objects.values_list("pk", "name", "slug")
    names = {name: pk for pk, name, _ in rows}
    names.update(ArtistAlias.objects.values_list("name", "artist_id"))
    return names, {pk: slug for pk, _, slug in rows}


_held_artists: ContextVar[list | None] = ContextVar("held_artists", default=None)


@contextmanager
def catalogue_unchanged() -> Iterator[None]:
    """Read the catalogue's artist names once for every post saved inside.

    For a run of saves that changes no artist (an import of thousands of
    posts): mention linking otherwise reads the whole catalogue per post.
    """
    token = _held_artists.set([])
    try:
        yield
    finally:
        _held_artists.reset(token)


def _mention_targets(
    post: Post, names: dict[str, int], slugs: dict[int, str]
) -> dict[str, str]:
    targets = dict(_artist_targets(names, slugs))
    if post.pk is None:
        return targets  # a new post reviews no release yet
    tracks = Track.objects.filter(release__reviews__post=post).select_related("release")
    for track in tracks:
        url = f"{track.release.get_absolute_url()}#track-{track.pk}"
        targets.setdefault(f"“{track.title}”", url)
    return targets


def _artist_targets(names: dict[str, int], slugs: dict[int, str]) -> dict[str, str]:
    """Each artist name's page address: made once inside
    ``catalogue_unchanged()``, for each post otherwise."""
    held = _held_artists.get()
    if held and len(held) > 1:
        return held[1]
    targets = {
        name: reverse("posts:artist", kwargs={"slug": slugs[pk]})
        for name, pk in names.items()
    }
    if held:
        held.append(targets)
    return targets


def _settle_status(post: Post) -> None:
    """Give published and scheduled posts a time, and name each for what it is."""
    now = timezone.now()
    if post.status in (
        Post.Status.PUBLISHED,
        Post.Status.SCHEDULED,
        Post.Status.PRIVATE,
    ):
        post.published_at = post.published_at or now
    if post.status == Post.Status.PUBLISHED and post.published_at > now:
        post.status = Post.Status.SCHEDULED
    elif post.status == Post.Status.SCHEDULED and post.published_at <= now:
        post.status = Post.Status.PUBLISHED


def _redirect_old_slug(*, post: Post, old_slug: str) -> None:
    SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"post": post})


@transaction.atomic
def create_post(
    *,
    title: str,
    author,
    body: str = "",
    status: str = Post.Status.DRAFT,
    published_at: datetime | None = None,
    series: Series | None = None,
    series_position: int | None = None,
    tags: Iterable[Tag] = (),
    categories: Iterable[Category] = (),
    **fields,
) -> Post:
    """Create a post from plain values; used by the demo loader and importers."""
    if series is not None and series_position is None:
        series_position = next_series_position(series=series)
    post = Post(
        title=title,
        author=author,
        body=body,
        status=status,
        published_at=published_at,
        series=series,
        series_position=series_position,
        **fields,
    )
    return save_post(post=post, tags=list(tags), categories=list(categories))


def publish_post(*, post: Post, at: datetime | None = None) -> Post:
    """Publish now, or schedule for ``at`` when that is in the future."""
    post.status = Post.Status.PUBLISHED
    post.published_at = at or timezone.now()
    return save_post(post=post)


def submit_post_for_review(*, post: Post) -> Post:
    """Hand a draft to an editor: pending review, not public."""
    post.status = Post.Status.PENDING
    return save_post(post=post)


def next_series_position(*, series: Series) -> int:
    """The position after the series' last part."""
    highest = series.posts.aggregate(Max("series_position"))["series_position__max"]
    return (highest or 0) + 1


@transaction.atomic
def review_release(
    *, post: Post, release: Release, standout_titles: Iterable[str] = ()
) -> Review:
    """Attach a release to a post as reviewed, marking standout tracks by title."""
    review, _ = Review.objects.get_or_create(
        post=post, release=release, defaults={"position": post.reviews.count()}
    )
    wanted = {title.casefold() for title in standout_titles}
    review.standout_tracks.set(
        [t for t in release.tracks.all() if t.title.casefold() in wanted]
    )
    link_mentions(post=post)
    refresh_post_extras(post=post)
    pages_changed()
    return review
