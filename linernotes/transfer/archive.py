"""A whole site in one file: ``linernotes export`` writes it, ``linernotes restore``
loads it into an empty site.

The archive is a zip: ``manifest.json`` (what is inside, counted), one JSON
Lines file per model written by Django's own serializers (so a row keeps its
primary key, and the ids in ``/download/<pk>/`` and ``/comments/<pk>/`` still
answer), and every uploaded file under ``media/``. Rows and files are streamed
in and out one at a time, so memory stays flat however large the blog is.
The format is described in docs/archive-format.md.

What a site derives from its rows (counts beside the posts, the month archive,
cached pages, the search index) is rebuilt after loading rather than trusted,
and what only matters to a running site (sessions, queued tasks, rate limits,
cache stamps, sign-up confirmation keys) is left out.
"""

from __future__ import annotations

import io
import json
import posixpath
import shutil
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers import jsonl
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import (
    DatabaseError,
    IntegrityError,
    connection,
    models,
    transaction,
)
from django.db.migrations.recorder import MigrationRecorder

import linernotes
from linernotes.posts import services as post_services
from linernotes.users.services import ensure_roles

FORMAT = "linernotes-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data/"
MEDIA_DIR = "media/"
_CHUNK = 500


@dataclass(frozen=True)
class Part:
    """One model's rows in the archive.

    ``natural_keys`` writes references to groups and permissions by name, not
    id: a fresh install numbers its own. ``fresh_site_has`` marks rows a newly
    migrated site already holds (its settings row, the role groups), which the
    archive's rows replace instead of being refused as content.
    """

    label: str
    natural_keys: bool = False
    fresh_site_has: bool = False

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    @property
    def entry(self) -> str:
        return f"{DATA_DIR}{self.label}.jsonl"


#: What the archive holds, in the order ``restore`` loads it (a row after the
#: rows it points to, although the foreign keys are only checked at commit).
PARTS: tuple[Part, ...] = (
    Part("core.sitesettings", fresh_site_has=True),
    Part("auth.group", natural_keys=True, fresh_site_has=True),
    Part("users.user", natural_keys=True),
    Part("account.emailaddress"),
    Part("socialaccount.socialaccount"),
    Part("catalogue.artist"),
    Part("catalogue.artistalias"),
    Part("catalogue.artistslugredirect"),
    Part("catalogue.mergesuggestion"),
    Part("catalogue.release"),
    Part("catalogue.track"),
    Part("catalogue.credit"),
    Part("posts.category"),
    Part("posts.tag"),
    Part("posts.series"),
    Part("posts.post"),
    Part("posts.slugredirect"),
    Part("posts.page"),
    Part("posts.pageslugredirect"),
    Part("posts.attachment"),
    Part("posts.postimage"),
    Part("posts.review"),
    Part("posts.revision"),
    Part("comments.comment"),
    Part("likes.like"),
    Part("stats.dailyviews"),
    Part("notifications.mailaddress"),
    Part("notifications.subscription"),
    Part("notifications.announcement"),
    Part("notifications.moderationdigest"),
    Part("transfer.wordpressobject"),
    Part("transfer.legacyredirect"),
    Part("spam.trainingexample"),
)

#: Every other table, and why it stays out. A model in neither list fails the
#: tests, so a new table is a decision, not an accident.
LEFT_OUT: dict[str, str] = {
    "posts.montharchive": "counted again from the posts after loading",
    "core.pagecachestamp": "cache state; replaced after loading",
    "core.pagescopestamp": "cache state; replaced after loading",
    "core.periodicjobrun": "when the worker last ran each job",
    "posts.editingpresence": "who had the editor open in the last minute",
    "django_tasks_database.dbtaskresult": "queued and finished background tasks",
    "sessions.session": "sign-ins; everyone signs in again",
    "account.emailconfirmation": "short-lived sign-up confirmation keys",
    "socialaccount.socialapp": "provider secrets, which come from the environment",
    "socialaccount.socialtoken": "short-lived provider tokens",
    "admin.logentry": "the admin's history of edits",
    "transfer.importrun": "the admin's import runs (what they imported is archived)",
    "spam.spammodel": "rebuilt from the training examples by `linernotes spam train`",
    "auth.permission": "created by migrate",
    "contenttypes.contenttype": "created by migrate",
}

README = """\
A Liner Notes archive: the whole site, made by `linernotes export`.
Load it into a new, empty site with `linernotes restore THIS-FILE`.
manifest.json says what is inside; data/ holds one JSON Lines file per table
(Django's serialization format), media/ the uploaded files. The format is
described in docs/archive-format.md of Liner Notes.
"""


class ArchiveRefused(Exception):
    """The archive cannot be restored here; nothing was written."""


# Export ------------------------------------------------------------------


def export_archive(out: IO[bytes], *, with_passwords: bool = False) -> dict[str, Any]:
    """Write the whole site to ``out`` as a zip archive; return its manifest.

    Rows are read in one transaction (on PostgreSQL a repeatable-read snapshot,
    when the caller has not opened one), so the counts stored beside them and
    the rows agree even while readers comment. Password hashes stay out unless
    ``with_passwords``: an archive is often kept where a hash should not be.
    """
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": linernotes.__version__,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "passwords": with_passwords,
        "migrations": applied_migrations(),
        "models": {},
        "media": {"files": 0, "bytes": 0},
        "left_out": sorted(LEFT_OUT),
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        archive.writestr("README.txt", README)
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic():
            if snapshot:
                # Set before the transaction's first statement, as it must be.
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                    )
            for part in PARTS:
                count = _write_rows(archive, part, with_passwords=with_passwords)
                manifest["models"][part.label] = {"file": part.entry, "count": count}
        for name in media_files():
            size = _write_media(archive, name)
            if size is not None:
                manifest["media"]["files"] += 1
                manifest["media"]["bytes"] += size
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def applied_migrations() -> dict[str, list[str]]:
    """The migrations applied to this database, by app: what the rows' shape is."""
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _write_rows(archive: zipfile.ZipFile, part: Part, *, with_passwords: bool) -> int:
    model = part.model
    # A post's password is content (it locks the post); an account's is a hash.
    hidden = (
        {"password"} if part.label == "users.user" and not with_passwords else set()
    )
    fields = [
        f.name
        for f in [*model._meta.local_fields, *model._meta.local_many_to_many]
        if f.serialize and f.name not in hidden
    ]
    many = [f.name for f in model._meta.local_many_to_many]
    rows = model._base_manager.order_by("pk").prefetch_related(*many)
    counted = _Counter(rows.iterator(chunk_size=_CHUNK))
    with archive.open(part.entry, "w", force_zip64=True) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        RowWriter().serialize(
            counted,
            stream=text,
            fields=fields,
            use_natural_foreign_keys=part.natural_keys,
            use_natural_primary_keys=part.natural_keys and part.fresh_site_has,
            cls=ExactTimesEncoder,
        )
        text.flush()
        text.detach()
    return counted.count


class RowWriter(jsonl.Serializer):
    """Django's JSON Lines serializer, made fit for a whole site's rows.

    Two of its costs are Python, not the database: it builds a query for every
    many-to-many field of every row even when the values are prefetched (the
    query is then dropped unused), and ``json.dump`` encodes in pure Python
    where ``json.dumps`` uses the C encoder. The output is the same.
    """

    def handle_m2m_field(self, obj: models.Model, field: models.Field) -> None:
        cached = getattr(obj, "_prefetched_objects_cache", {}).get(field.name)
        if cached is None or not field.remote_field.through._meta.auto_created:
            return super().handle_m2m_field(obj, field)
        related = sorted(cached, key=lambda row: row.pk)
        if self.use_natural_foreign_keys and self._model_supports_natural_key(
            field.remote_field.model
        ):
            self._current[field.name] = [row.natural_key() for row in related]
        else:
            self._current[field.name] = [
                self._value_from_field(row, row._meta.pk) for row in related
            ]
        return None

    def end_object(self, obj: models.Model) -> None:
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs))
        self.stream.write("\n")
        self._current = None


class ExactTimesEncoder(DjangoJSONEncoder):
    """Django's JSON, with times to the microsecond: its encoder cuts them to
    milliseconds (ECMAScript's form), which would move every timestamp a little
    and change what pages print in their datetime attributes."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


class _Counter:
    """Pass rows through, counting them (the serializer takes any iterable)."""

    def __init__(self, rows: Iterable[models.Model]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[models.Model]:
        for row in self.rows:
            self.count += 1
            yield row


def media_files(folder: str = "") -> Iterator[str]:
    """Every file in the media storage, by its storage name, sorted."""
    if folder and not default_storage.exists(folder):
        return
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for sub in sorted(folders):
        yield from media_files(posixpath.join(folder, sub))


def _write_media(archive: zipfile.ZipFile, name: str) -> int | None:
    """Copy one uploaded file into the archive, stored as it is (covers and
    downloads are compressed already), keeping its modification time; None
    when a writer deleted it since the folder was listed."""
    try:
        modified = default_storage.get_modified_time(name)
        source = default_storage.open(name, "rb")
    except FileNotFoundError:
        return None
    info = zipfile.ZipInfo(MEDIA_DIR + name, date_time=_zip_time(modified))
    info.compress_type = zipfile.ZIP_STORED
    with source, archive.open(info, "w", force_zip64=True) as target:
        shutil.copyfileobj(source, target, 1024 * 1024)
        return source.tell()


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    """A zip entry's time: local to no zone (we write UTC), and not before 1980,
    when a zip's clock starts."""
    moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return max(moment, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]


# Restore -----------------------------------------------------------------


def restore_archive(source: str | Path | IO[bytes]) -> dict[str, Any]:
    """Load an archive into this empty site, all of it or nothing; return its
    manifest.

    Everything that could refuse the archive is checked before anything is
    written: a damaged or foreign file, a format or schema this version does
    not know, a site that already holds content or files the archive would
    overwrite. Rows then load in one transaction; uploaded files are written
    last and removed again if the transaction fails, so a failure leaves the
    site as it was. Ids are kept, sequences moved past them, counts and cached
    pages rebuilt, and without stored passwords every account gets an unusable
    one (its owner resets it).
    """
    try:
        archive = zipfile.ZipFile(source)
    except FileNotFoundError:
        raise
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveRefused(
            f"This is not a Liner Notes archive, or it is damaged ({error})."
        ) from None
    with archive:
        manifest = check_archive(archive)
        check_site_is_empty(archive)
        written: list[str] = []
        try:
            with transaction.atomic(), post_services.batch():
                _load_rows(archive, manifest)
                _write_media_files(archive, written)
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    return manifest


def check_archive(archive: zipfile.ZipFile) -> dict[str, Any]:
    """The archive's manifest, once the archive proves whole and loadable here."""
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise ArchiveRefused(
            f"This is not a Liner Notes archive: it has no {MANIFEST}."
        ) from None
    except (ValueError, zipfile.BadZipFile, OSError) as error:
        raise ArchiveRefused(
            f"The archive's {MANIFEST} is damaged ({error})."
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveRefused(
            f"This is not a Liner Notes archive: its {MANIFEST} names another format."
        )
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise ArchiveRefused(
            f"The archive is in format version {version!r}; this Liner Notes "
            f"({linernotes.__version__}) reads version {FORMAT_VERSION}."
        )
    _check_contents(archive, manifest)
    _check_migrations(manifest)
    damaged = _first_damaged_entry(archive)
    if damaged is not None:
        raise ArchiveRefused(f"The archive is damaged: {damaged} fails its checksum.")
    return manifest


def _check_contents(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    listed = manifest.get("models")
    expected = {part.label: part.entry for part in PARTS}
    if (
        not isinstance(listed, dict)
        or set(listed) != set(expected)
        or not all(
            isinstance(info, dict) and isinstance(info.get("count"), int)
            for info in listed.values()
        )
        or not isinstance(manifest.get("media"), dict)
    ):
        raise ArchiveRefused(
            "The archive's manifest does not list the tables this version restores."
        )
    names = set(archive.namelist())
    missing = sorted(entry for entry in expected.values() if entry not in names)
    if missing:
        raise ArchiveRefused(f"The archive is incomplete: {missing[0]} is missing.")
    media = [name for name in names if name.startswith(MEDIA_DIR)]
    for name in media:
        relative = name.removeprefix(MEDIA_DIR)
        if (
            not relative
            or relative.startswith("/")
            or "\\" in relative
            or ".." in relative.split("/")
        ):
            raise ArchiveRefused(f"The archive names a file outside media/: {name!r}.")
    files = [name for name in media if not name.endswith("/")]
    if len(files) != manifest["media"].get("files"):
        raise ArchiveRefused(
            "The archive is incomplete: it holds a different number of media "
            "files than its manifest lists."
        )


def _check_migrations(manifest: dict[str, Any]) -> None:
    """Refuse rows shaped by migrations this version does not have (an archive
    from a newer Liner Notes); an older archive loads, since migrations only
    add to what the rows say."""
    here = applied_migrations()
    unknown = sorted(
        f"{app}.{name}"
        for app, names in (manifest.get("migrations") or {}).items()
        for name in names
        if name not in here.get(app, ())
    )
    if unknown:
        raise ArchiveRefused(
            f"The archive was made by a newer Liner Notes or a database this one "
            f"has not migrated to ({unknown[0]} is not applied here). Upgrade "
            f"and run `linernotes migrate` first."
        )


def _first_damaged_entry(archive: zipfile.ZipFile) -> str | None:
    try:
        return archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        return f"an entry ({error})"


def check_site_is_empty(archive: zipfile.ZipFile | None = None) -> None:
    """Refuse a site that holds content, or files the archive would overwrite.

    A restore adds rows with their own ids and never merges: into a site with
    posts of its own it would collide or mix two blogs. A freshly migrated
    site's settings row and role groups do not count.
    """
    holding = [
        f"{part.model._meta.verbose_name_plural} ({part.model._base_manager.count()})"
        for part in PARTS
        if not part.fresh_site_has and part.model._base_manager.exists()
    ]
    if holding:
        raise ArchiveRefused(
            "This site is not empty: it holds "
            + ", ".join(holding)
            + ". Restore into a new database after `linernotes migrate`."
        )
    if archive is None:
        return
    taken = [
        name.removeprefix(MEDIA_DIR)
        for name in archive.namelist()
        if name.startswith(MEDIA_DIR)
        and not name.endswith("/")
        and default_storage.exists(name.removeprefix(MEDIA_DIR))
    ]
    if taken:
        raise ArchiveRefused(
            f"The media folder already holds {taken[0]}"
            + (f" and {len(taken) - 1} more file(s)" if len(taken) > 1 else "")
            + " that the archive would overwrite; restore into an empty media folder."
        )


def _load_rows(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    loaded: list[type[models.Model]] = []
    for part in PARTS:
        expected = manifest["models"][part.label]["count"]
        count = _load_part(archive, part, passwords=bool(manifest.get("passwords")))
        if count != expected:
            raise ArchiveRefused(
                f"The archive is damaged: {part.entry} holds {count} rows, "
                f"its manifest says {expected}."
            )
        loaded.append(part.model)
    try:
        # As loaddata does: references are checked now, inside the transaction,
        # rather than at commit, where a dangling one would be a traceback.
        connection.check_constraints(
            table_names=[model._meta.db_table for model in loaded]
        )
    except IntegrityError as error:
        raise ArchiveRefused(
            f"The archive is damaged: a row points to one it does not hold "
            f"({_first_line(error)})."
        ) from None
    _reset_sequences(loaded)
    ensure_roles()
    post_services.refresh_counts()


def _load_part(archive: zipfile.ZipFile, part: Part, *, passwords: bool) -> int:
    """Save each row as Django's loaddata does (raw: no save() logic, no
    timestamps renewed), inserting outright where a fresh site has no row.

    Many-to-many links of new rows are inserted in batches: ``set()`` per row,
    as loaddata does, first reads what each row already has, which is nothing.
    """
    count = 0
    is_user = part.label == "users.user"
    links = _Links(part.model) if not part.fresh_site_has else None
    with archive.open(part.entry) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8")
        try:
            for row in jsonl.Deserializer(text, handle_forward_references=False):
                if is_user and not passwords:
                    row.object.set_unusable_password()
                if links is None:
                    row.save()
                else:
                    many = row.m2m_data or {}  # save() clears it
                    row.save(save_m2m=False, force_insert=True)
                    links.add(row.object.pk, many)
                count += 1
            if links is not None:
                links.flush()
        except (DeserializationError, DatabaseError, ValueError) as error:
            raise ArchiveRefused(
                f"The archive's {part.entry} cannot be loaded (row {count + 1}): "
                f"{_first_line(error)}"
            ) from None
    return count


class _Links:
    """A model's many-to-many rows, gathered and inserted a batch at a time."""

    def __init__(self, model: type[models.Model]) -> None:
        self.fields = {f.name: f for f in model._meta.local_many_to_many}
        self.pending: dict[str, list[models.Model]] = {name: [] for name in self.fields}

    def add(self, pk: Any, values: dict[str, list[Any]]) -> None:
        for name, targets in values.items():
            field = self.fields[name]
            through = field.remote_field.through
            source = f"{field.m2m_field_name()}_id"
            target = f"{field.m2m_reverse_field_name()}_id"
            self.pending[name] += [through(**{source: pk, target: t}) for t in targets]
            if len(self.pending[name]) >= _CHUNK:
                self.flush()

    def flush(self) -> None:
        for name, rows in self.pending.items():
            if rows:
                self.fields[name].remote_field.through.objects.bulk_create(rows)
                rows.clear()


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _reset_sequences(loaded: list[type[models.Model]]) -> None:
    """Move each table's id sequence past the loaded ids (PostgreSQL), so the
    next post or comment gets a fresh id; SQLite needs nothing."""
    statements = connection.ops.sequence_reset_sql(no_style(), loaded)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _write_media_files(archive: zipfile.ZipFile, written: list[str]) -> None:
    for name in archive.namelist():
        if not name.startswith(MEDIA_DIR) or name.endswith("/"):
            continue
        wanted = name.removeprefix(MEDIA_DIR)
        with archive.open(name) as stream:
            stored = default_storage.save(wanted, File(stream, name=wanted))
        written.append(stored)
        if stored != wanted:
            raise ArchiveRefused(
                f"The media folder could not take {wanted} under its own name."
            )
