"""Revisions of a post: autosaves while a writer types, a copy at every save,
comparing two states, restoring one, and who else has the post open.

An autosave is written beside the post and never into it, so readers and the
page cache see a change only when the writer saves. Restoring goes through
``save_post_as`` like any save (decision 0045): a revision is a set of values
for the form, not a row to put back.
"""

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from linernotes.catalogue.models import Release
from linernotes.users.models import User

from ..models import (
    Category,
    EditingPresence,
    Post,
    PostImage,
    Review,
    Revision,
    Series,
    Tag,
)
from .posts import _render, save_post_as

# Typing for a minute keeps updating one autosave; after that a new one starts,
# so the history has a point per minute of writing, not one per keystroke.
AUTOSAVE_GROUPING = timedelta(minutes=1)
AUTOSAVES_KEPT = 50  # per post and writer; older autosaves are dropped
EDITING_SECONDS = 60  # an editor who has not been heard from for this long left
# An editor's presence row is rewritten at most this often (the page's script
# calls every few seconds); well inside EDITING_SECONDS, so nobody drops out.
PRESENCE_REFRESH = timedelta(seconds=10)
PRESENCE_CLEANUP_BATCH = 200
WORDS_PER_MINUTE = 230


class Autosaved(NamedTuple):
    """What an autosave stored (None when the text is the saved post's), and
    who else is editing the post right now."""

    revision: Revision | None
    others_editing: list[str]


class Restored(NamedTuple):
    """The post after a restore; ``missing`` names what the revision pointed to
    that no longer exists; ``warnings`` are the save's name checks."""

    post: Post
    missing: list[str]
    warnings: list[str]


class DiffLine(NamedTuple):
    kind: str  # "same", "added", "removed" or "gap" (unchanged lines left out)
    text: str


class FieldDiff(NamedTuple):
    label: str
    lines: list[DiffLine]


class ReadingStats(NamedTuple):
    words: int
    minutes: int


def reading_stats(text: str) -> ReadingStats:
    """Words and reading time of a Markdown text, links' addresses not counted
    (the editor's script counts the same way as the writer types)."""
    words = len(re.findall(r"[\w’'-]+", re.sub(r"\]\([^)]*\)|https?://\S+", "]", text)))
    return ReadingStats(words, math.ceil(words / WORDS_PER_MINUTE) if words else 0)


def render_unsaved(post: Post) -> None:
    """Render an unsaved post's text exactly as saving would (the same Markdown,
    sanitiser and artist links), for the editor's preview; writes nothing."""
    _render(post)


def snapshot(post: Post) -> dict[str, Any]:
    """The post's settings and related rows as a revision keeps them: ids with
    their names, so a restore can say what has been deleted since."""
    return {
        "series": [post.series_id, post.series.title] if post.series_id else None,
        "series_position": post.series_position,
        "comments_open": post.comments_open,
        "cover": post.cover.name if post.cover else "",
        "cover_alt": post.cover_alt,
        "tags": [list(row) for row in post.tags.values_list("pk", "name")],
        "categories": [list(row) for row in post.categories.values_list("pk", "name")],
        "reviews": [
            list(row)
            for row in post.reviews.values_list("release_id", "release__title")
        ],
    }


def record_revision(
    *, post: Post, editor: User | None, kind: str = Revision.Kind.SAVED
) -> Revision:
    """Keep the post as it was just stored (after a save or a restore)."""
    return Revision.objects.create(
        post=post,
        editor=editor,
        kind=kind,
        title=post.title,
        body=post.body,
        excerpt=post.excerpt,
        fields=snapshot(post),
    )


def autosave_post(
    *, post: Post, editor: User, title: str, body: str, excerpt: str = ""
) -> Autosaved:
    """Keep what ``editor`` has typed so far as a revision; the post itself,
    its rendered page and the page cache are not touched.

    The settings are the stored post's: an autosave keeps the writing. Within
    ``AUTOSAVE_GROUPING`` of their last autosave the same revision is updated;
    an unchanged text stores nothing new, and the saved post's own text
    nothing at all (an editor left open is not a revision a minute).
    """
    # Presence first and in its own short transaction: others see this editor
    # at once, and its row is not held locked while the autosave is written.
    others = note_editing(post=post, editor=editor)
    if (title, body, excerpt) == (post.title, post.body, post.excerpt):
        return Autosaved(None, others)
    return Autosaved(_store_autosave(post, editor, title, body, excerpt), others)


@transaction.atomic
def _store_autosave(
    post: Post, editor: User, title: str, body: str, excerpt: str
) -> Revision:
    latest = (
        Revision.objects.select_for_update()
        .filter(post=post, editor=editor)
        .order_by("-created_at", "-pk")
        .first()
    )
    now = timezone.now()
    unchanged = latest is not None and (latest.title, latest.body, latest.excerpt) == (
        title,
        body,
        excerpt,
    )
    if unchanged:
        revision = latest
    elif (
        latest is not None
        and latest.kind == Revision.Kind.AUTOSAVE
        and now - latest.created_at < AUTOSAVE_GROUPING
    ):
        latest.title, latest.body, latest.excerpt = title, body, excerpt
        latest.save(update_fields=["title", "body", "excerpt"])
        revision = latest
    else:
        revision = Revision.objects.create(
            post=post,
            editor=editor,
            kind=Revision.Kind.AUTOSAVE,
            created_at=now,
            title=title,
            body=body,
            excerpt=excerpt,
            fields=snapshot(post),
        )
        _drop_old_autosaves(post, editor)
    return revision


def _drop_old_autosaves(post: Post, editor: User) -> None:
    kept = Revision.objects.filter(
        post=post, editor=editor, kind=Revision.Kind.AUTOSAVE
    ).values_list("pk", flat=True)[:AUTOSAVES_KEPT]
    Revision.objects.filter(
        post=post, editor=editor, kind=Revision.Kind.AUTOSAVE
    ).exclude(pk__in=list(kept)).delete()


def newer_autosave(*, post: Post, editor: User) -> Revision | None:
    """The editor's autosave written after the post was last saved, if any: work
    a closed tab or a lost connection would otherwise have lost."""
    return (
        Revision.objects.filter(
            post=post,
            editor=editor,
            kind=Revision.Kind.AUTOSAVE,
            created_at__gt=post.updated_at,
        )
        .exclude(body=post.body, title=post.title, excerpt=post.excerpt)
        .first()
    )


def note_editing(*, post: Post, editor: User) -> list[str]:
    """Mark ``editor`` as having ``post`` open now; the names of the others who
    had it open within ``EDITING_SECONDS``.

    Kept in the database (``EditingPresence``), not the cache: with a cache of
    its own in each worker, a writer whose request reached another worker was
    never warned, and the warning is all that stands between two writers and
    one silently replacing the other's text (decision 0045). One read per call;
    the editor's own row is written only when it is missing or older than
    ``PRESENCE_REFRESH``, so an editor open in a tab costs a write every few
    seconds at most, however often its script calls.
    """
    now = timezone.now()
    seen = {
        row.editor_id: row
        for row in EditingPresence.objects.filter(
            post=post, last_seen__gt=now - timedelta(seconds=EDITING_SECONDS)
        ).select_related("editor")
    }
    own = seen.get(editor.pk)
    if own is None or now - own.last_seen >= PRESENCE_REFRESH:
        _mark_present(post, editor, now)
    return sorted(row.editor.public_name for pk, row in seen.items() if pk != editor.pk)


def _mark_present(post: Post, editor: User, now: datetime) -> None:
    """Upsert the editor's row (one INSERT … ON CONFLICT DO UPDATE, so two
    workers marking the same editor at once cannot fail on the unique pair),
    then drop rows of editors gone quiet, site-wide, so the table holds only
    the last minute. Rows another transaction holds are skipped, not waited
    for: two editors coming back at once must not deadlock over leftovers."""
    with transaction.atomic():
        EditingPresence.objects.bulk_create(
            [EditingPresence(post=post, editor=editor, last_seen=now)],
            update_conflicts=True,
            unique_fields=["post", "editor"],
            update_fields=["last_seen"],
        )
        gone = EditingPresence.objects.filter(
            last_seen__lte=now - timedelta(seconds=EDITING_SECONDS)
        ).select_for_update(skip_locked=True)
        stale = list(gone.values_list("pk", flat=True)[:PRESENCE_CLEANUP_BATCH])
        if stale:
            EditingPresence.objects.filter(pk__in=stale).delete()


def compare(old: Revision | Post, new: Revision | Post) -> list[FieldDiff]:
    """What changed from ``old`` to ``new``, field by field, as lines with a few
    unchanged ones around each change; fields that did not change are left out."""
    diffs = []
    for label, attribute in (
        ("Title", "title"),
        ("Excerpt", "excerpt"),
        ("Text", "body"),
    ):
        before, after = getattr(old, attribute), getattr(new, attribute)
        if before != after:
            diffs.append(FieldDiff(label, _line_diff(before, after)))
    old_fields, new_fields = _fields(old), _fields(new)
    for name, label in _SETTING_LABELS.items():
        before, after = _describe(old_fields.get(name)), _describe(new_fields.get(name))
        if before != after:
            diffs.append(
                FieldDiff(
                    label, [DiffLine("removed", before), DiffLine("added", after)]
                )
            )
    return diffs


_SETTING_LABELS = {
    "series": "Series",
    "series_position": "Part number",
    "comments_open": "Comments open",
    "cover": "Cover image",
    "tags": "Tags",
    "categories": "Categories",
    "reviews": "Reviewed releases",
}


def _fields(state: Revision | Post) -> dict[str, Any]:
    return state.fields if isinstance(state, Revision) else snapshot(state)


def _describe(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list) and value and isinstance(value[0], list):
        return ", ".join(str(name) for _, name in value)
    if isinstance(value, list):  # [id, name]
        return str(value[1])
    return str(value)


def _line_diff(before: str, after: str, context: int = 2) -> list[DiffLine]:
    old, new = before.splitlines(), after.splitlines()
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine("same", line) for line in old[i1:i2]]
                continue
            lines += [DiffLine("removed", line) for line in old[i1:i2]]
            lines += [DiffLine("added", line) for line in new[j1:j2]]
    return lines


@transaction.atomic
def restore_revision(*, revision: Revision, editor: User) -> Restored:
    """Put a revision's writing back, saved through ``save_post_as``.

    Brings back the title, text, excerpt, series and part, comments switch,
    cover, tags, categories and reviewed releases. Whether and when the post
    is published, its author, address and password stay as they are now:
    restoring old words must not unpublish a post. Whatever the revision
    names that has since been deleted is left out and listed in ``missing``.
    """
    post = Post.objects.select_for_update().get(pk=revision.post_id)
    data = revision.fields
    missing: list[str] = []
    post.title, post.body, post.excerpt = (
        revision.title,
        revision.body,
        revision.excerpt,
    )
    if "comments_open" in data:
        post.comments_open = data["comments_open"]
    if "series" in data:
        _restore_series(post, data, missing)
    if "cover" in data:
        _restore_cover(post, data, missing)
    tags = _existing(Tag, data.get("tags"), "tag", missing)
    categories = _existing(Category, data.get("categories"), "category", missing)
    releases = _existing(Release, data.get("reviews"), "reviewed release", missing)
    missing += _missing_images(post.body)

    def restore_reviews(saved: Post) -> None:
        if releases is None:
            return
        wanted = [release.pk for release in releases]
        saved.reviews.exclude(release_id__in=wanted).delete()
        have = set(saved.reviews.values_list("release_id", flat=True))
        for position, pk in enumerate(wanted):
            if pk not in have:
                Review.objects.create(post=saved, release_id=pk, position=position)

    warnings = save_post_as(
        editor=editor,
        post=post,
        tags=tags,
        categories=categories,
        related=restore_reviews,
    )
    record_revision(post=post, editor=editor, kind=Revision.Kind.RESTORED)
    return Restored(post, missing, warnings)


def _restore_series(post: Post, data: Mapping[str, Any], missing: list[str]) -> None:
    named = data["series"]
    if named is None:
        post.series, post.series_position = None, None
    elif Series.objects.filter(pk=named[0]).exists():
        post.series_id, post.series_position = named[0], data.get("series_position")
    else:
        missing.append(f"the series “{named[1]}” (deleted since; the post is in none)")
        post.series, post.series_position = None, None


def _restore_cover(post: Post, data: Mapping[str, Any], missing: list[str]) -> None:
    name = data["cover"]
    if name and not post.cover.storage.exists(name):
        missing.append(f"the cover image {name} (deleted since; the post has none)")
        name = ""
    post.cover, post.cover_alt = name, data.get("cover_alt", post.cover_alt)
    if not name:
        post.cover_thumbnails = {}


def _existing(
    model: type, named: Iterable[list] | None, what: str, missing: list[str]
) -> list | None:
    """The rows of ``named`` ([id, name] pairs) that still exist; the others
    are added to ``missing``. None when the revision did not record them."""
    if named is None:
        return None
    named = list(named)
    found = {
        row.pk: row for row in model.objects.filter(pk__in=[pk for pk, _ in named])
    }
    missing += [
        f"the {what} “{name}” (deleted since)" for pk, name in named if pk not in found
    ]
    return [found[pk] for pk, _ in named if pk in found]


def _missing_images(body: str) -> list[str]:
    """Body images the text points to whose file is gone: the Markdown stays
    (the writer sees where), but readers would get a broken image."""
    prefix = re.escape(settings.MEDIA_URL + "images/")
    names = {"images/" + path for path in re.findall(rf"\]\({prefix}([^)\s]+)\)", body)}
    if not names:
        return []
    stored = set(
        PostImage.objects.filter(image__in=names).values_list("image", flat=True)
    )
    return [
        f"the image {name} (deleted since; its Markdown is still in the text)"
        for name in sorted(names - stored)
    ]
