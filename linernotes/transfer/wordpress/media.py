"""Attachment files taken from an unpacked wp-content/uploads folder (decision 0032).

WordPress addresses a file by its place in the uploads folder
(``/wp-content/uploads/2012/03/photo.jpg``, or ``blog.files.wordpress.com/
2012/03/photo.jpg`` on WordPress.com); given that folder (``--media-dir``), the
import takes each file from ``DIR/2012/03/photo.jpg`` and stores it the way a
writer's upload is stored, under the same checks:

- a file a post uses (in its body, attached to it, or its featured image)
  belongs to that post, so the post's access rule decides who may fetch it: an
  image becomes a ``PostImage``, anything else an ``Attachment`` (a counted
  download), the featured image the post's cover;
- a file no post owns (a page's, an attachment without a parent post) goes to
  the public folder ``wordpress/`` under MEDIA_ROOT, public as it was.

Nothing is fetched from the network: without the folder, or when a file is not
in it, the old address stays and the report counts it. The folder is never
left: a path is resolved (symlinks included) and must stay inside it. Run
again with the folder after a run without it, the import fills in the files
of the posts and pages nobody has edited since (``fill_in_*``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage
from PIL import Image

from linernotes.core.exceptions import UploadRejected
from linernotes.core.text import strip_control_characters
from linernotes.posts import services as posts
from linernotes.posts.models import Attachment, Page, Post, PostImage
from linernotes.posts.services.uploads import add_post_image
from linernotes.transfer import redirects
from linernotes.transfer.models import LegacyRedirect, WordPressObject
from linernotes.users.models import User

from .check import WxrSummary
from .content import convert_content
from .reader import WxrItem

PUBLIC_FOLDER = "wordpress"
EXAMPLES_SHOWN = 10
# What Pillow reads and a browser shows; an SVG (which can carry script) and
# anything else is a download.
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp"})

# The part of an address that names a file in the uploads folder: "2012/03/x.jpg"
# (or just "x.jpg" on a blog that did not sort uploads by month).
_UPLOADS = re.compile(r"/wp-content/uploads/((?:\d{4}/\d{2}/)?[^/]+)$")
_WPCOM_FILES = re.compile(r"^/(\d{4}/\d{2}/[^/]+)$")
_PHOTON = re.compile(r"i[0-9]\.wp\.com")  # Jetpack's image CDN: i0.wp.com/<host>/…
# WordPress's resized copies: "photo-300x200.jpg" is a size of "photo.jpg".
_RESIZED = re.compile(r"^(?P<stem>.+)-[0-9]+x[0-9]+(?P<suffix>\.[A-Za-z0-9]+)$")

Target = LegacyRedirect.Target
# What reading or storing one file may raise besides the upload checks' refusal;
# Pillow refuses an image of absurd pixel counts with an error of its own.
_UNREADABLE = (OSError, SuspiciousFileOperation, Image.DecompressionBombError)
Role = Literal["image", "download", "cover", "public"]


@dataclass(frozen=True)
class StoredFile:
    """A file the import stored (or, in a dry run, would store)."""

    role: Role
    name: str  # in the storage; empty in a dry run
    url: str  # the address readers fetch it at; empty in a dry run
    new: bool = True  # False: an earlier run had stored it
    # The row holding it ("posts.postimage", "posts.attachment", the post for
    # a cover), as the export's attachment records name it; none when public.
    model: str = ""
    pk: int | None = None

    def as_data(self) -> dict[str, Any]:
        return {"as": self.role, "name": self.name, "model": self.model, "pk": self.pk}


class _Refused(Exception):
    """A path that would leave the media folder."""


class MediaImport:
    """The files of one import run: found, checked, stored, counted.

    The importer converts a post's body before the post exists, so the files
    it names are collected then (``begin`` and the ``new_url`` hook), stored
    once the post is saved (``store_post_files``), and the body converted again
    with their addresses (``body``). A page's files and unowned attachments are
    public and stored when met.
    """

    def __init__(
        self,
        summary: WxrSummary,
        *,
        media_dir: Path | None,
        dry_run: bool,
        source: str,
    ) -> None:
        self.root = Path(media_dir).resolve() if media_dir is not None else None
        self.dry_run = dry_run
        self.source = source
        self.urls = summary.attachment_urls
        self.files = summary.attachment_files
        self.post_items = summary.post_item_ids
        self.children: dict[int, list[int]] = {}
        for wp_id, (parent, _attached) in self.files.items():
            if parent:
                self.children.setdefault(parent, []).append(wp_id)
        channel = summary.channel
        self.blog_root = channel.base_blog_url or channel.link
        self.redirects = 0  # old file addresses recorded
        self.hosts = {
            _host(url)
            for url in (
                channel.link,
                channel.base_blog_url,
                channel.base_site_url,
                *self.urls.values(),
            )
        } - {""}
        # The item being converted: collecting a new post's files, looking up
        # the addresses of the files stored for ``post_pk``, or public.
        self.mode: Literal["collect", "post", "public"] = "collect"
        self.post_pk: int | None = None
        self.wanted: dict[str, str] = {}  # relative path -> the address seen
        self.done: dict[tuple[int | None, str], StoredFile | None] = {}
        self.covers: dict[tuple[int, str], StoredFile | None] = {}
        self.stored = 0
        self.remote: list[str] = []
        self.missing: dict[str, str] = {}  # relative path -> address
        self.refused: dict[str, str] = {}  # relative path -> why
        self.remote_count = 0
        self.edited = 0  # imported posts edited since, left with old addresses
        # Where each stored file is, by path, read once the posts are done.
        self.holders: dict[str, StoredFile] | None = None
        self.earlier_files: set[str] | None = None

    # -- hooks for the content conversion -----------------------------------

    def begin(self, *, public: bool = False) -> None:
        """A new item's body is about to be converted."""
        self.mode = "public" if public else "collect"
        self.post_pk = None
        self.wanted = {}

    def new_url(self, old: str) -> str | None:
        """``convert_content``'s hook: the address of a stored file, or None."""
        if self.root is None:
            return None
        relative = self.relative(old)
        if relative is None:
            return None
        if self.mode == "collect":
            self.wanted.setdefault(relative, old)
            return None
        if self.mode == "public":
            stored = self._store(relative, old, post=None)
        else:
            stored = self.done.get((self.post_pk, relative))
        return stored.url if stored is not None and stored.url else None

    def attachment_url(self, wp_id: int) -> str | None:
        """``convert_content``'s hook for attachment ids (galleries, blocks)."""
        url = self.urls.get(wp_id)
        if not url:
            return None
        return self.new_url(url) or url

    def body(self, item: WxrItem, post: Post) -> str:
        """The post's body converted again, with its stored files' addresses."""
        self.mode, self.post_pk = "post", post.pk
        converted = convert_content(
            item.content, new_url=self.new_url, attachment_url=self.attachment_url
        )
        return converted.body

    # -- items an earlier run imported without their files --------------------

    def fill_in_post(self, post_pk: int, item: WxrItem, *, editor: User) -> None:
        """Store the files of a post an earlier run imported without them (run
        first without ``--media-dir``), and give its body their addresses.

        Only while the body is still exactly what that run made of it (from
        the same content, every file at its old address): a body the writer
        has edited since is theirs, and keeps the old addresses (reported).
        """
        if self.root is None or self.dry_run:
            return
        record = self._record(WordPressObject.Kind.POST, item)
        if record is None or "media" in record.data:
            return
        post = Post.objects.filter(pk=post_pk).first()
        if post is None:
            return
        self.begin()
        then = convert_content(
            item.content, new_url=self.new_url, attachment_url=self.attachment_url
        ).body
        if strip_control_characters(then) != post.body:
            if self.wanted:
                self.edited += 1
            return
        kept = self.store_post_files(post, item)
        if not kept:
            return
        post.body = self.body(item, post)
        posts.save_post_as(editor=editor, post=post, import_mode=True)
        record.data["media"] = kept
        record.save(update_fields=["data"])

    def fill_in_page(self, page_pk: int, item: WxrItem) -> None:
        """``fill_in_post`` for a page: its files are public."""
        if self.root is None or self.dry_run:
            return
        page = Page.objects.filter(pk=page_pk).first()
        if page is None:
            return
        then = convert_content(item.content, attachment_url=self.urls.get).body
        if strip_control_characters(then) != page.body:
            return  # edited since, or its files came the first time
        self.begin(public=True)
        now = convert_content(
            item.content, new_url=self.new_url, attachment_url=self.attachment_url
        ).body
        if now != then:
            page.body = now
            posts.save_page(page=page)

    def fill_in_attachment(self, item: WxrItem, parent_post: int | None) -> None:
        """An attachment an earlier run recorded without its file: what this
        run stored for it (with its post), or its public copy."""
        if self.root is None or self.dry_run:
            return
        record = self._record(WordPressObject.Kind.ATTACHMENT, item)
        if record is None or "file" in record.data:
            return
        holder, kept = self.attachment(item, parent_post)
        if kept:
            record.object_id = holder
            record.data.update(kept)
            record.save(update_fields=["object_id", "data"])

    def _record(self, kind: str, item: WxrItem) -> WordPressObject | None:
        return WordPressObject.objects.filter(
            source=self.source, kind=kind, wp_id=item.post_id
        ).first()

    # -- storing --------------------------------------------------------------

    def store_post_files(self, post: Post, item: WxrItem) -> dict[str, Any]:
        """Store the files ``post`` needs: those its body names, its own
        attachments and its featured image (``_thumbnail_id``, set as
        ``post.cover`` for the caller to save). Returns what to keep with the
        post's import record; empty when nothing was stored (a dry run stores
        nothing, and only counts)."""
        if self.root is None:
            return {}
        thumbnail = _meta(item, "_thumbnail_id")
        cover_id = int(thumbnail) if thumbnail.isdigit() else None
        wanted = dict(self.wanted)
        for wp_id in self.children.get(item.post_id or 0, ()):
            relative = self._attachment_relative(wp_id)
            if relative is not None and wp_id != cover_id:  # the cover is apart
                wanted.setdefault(relative, self.urls.get(wp_id, relative))
        kept: dict[str, Any] = {}
        for relative, old in wanted.items():
            stored = self._store(relative, old, post=post)
            if stored is not None and stored.name:
                kept.setdefault("files", {})[relative] = stored.as_data()
        relative = self._attachment_relative(cover_id) if cover_id else None
        if cover_id and relative is not None:
            cover = self._cover(post, relative, self.urls.get(cover_id, relative))
            self.covers[(post.pk, relative)] = cover
            if cover is not None and cover.name:
                kept["cover"] = {**cover.as_data(), "path": relative}
            if cover is not None and (cover.name or self.dry_run):
                self._redirect(self.urls.get(cover_id, relative), cover)
        return kept

    def attachment(
        self, item: WxrItem, parent_post: int | None
    ) -> tuple[int | None, dict[str, Any]]:
        """An attachment item: the row now holding its file (for the import
        record's ``object_id``) and what the record keeps of it (``model``
        names the row's model, as the export reads it).

        One whose parent post was imported had its file stored with the post;
        one whose post comes later in the file waits for it. Any other (no
        parent post: a page's, or one of the media library's) is decided once
        every post and page has been read (``waits_for_the_end``): see
        ``_loose``.
        """
        url = item.attachment_url
        relative = self._attachment_relative(item.post_id or 0) or self.relative(url)
        if self.root is None or relative is None:
            self._remote(url)
            return None, {}
        if parent_post is not None:
            found = self._stored_for(parent_post, relative)
        elif item.parent and item.parent in self.post_items:
            return None, {}  # its post, later in the file, stores it
        else:
            found = self._loose(relative, url, unattached=not item.parent)
        if not found:
            return None, {}
        return found.get("pk"), {"model": found.get("model", ""), "file": found}

    def waits_for_the_end(self, item: WxrItem, parent_post: int | None) -> bool:
        """Whether an attachment's file is decided only after the last item:
        one with no parent post, taken from the media folder, which a post
        later in the file may show."""
        return (
            self.root is not None
            and parent_post is None
            and not (item.parent and item.parent in self.post_items)
        )

    def _loose(
        self, relative: str, url: str, *, unattached: bool
    ) -> dict[str, Any] | None:
        """The file of an attachment no post holds, once the whole file has
        been read. A post or page that shows it has stored it under its own
        visibility (a draft's image stays the draft's): the attachment names
        that copy. A media-library upload (no parent) nothing shows was public
        on the old blog, and is stored in the public folder. One whose parent
        is not a post here (a page, an item this import skips such as a
        contact-form message) stays where it was: whoever may see that parent
        is not known here, so it is never made public through its attachment."""
        if self.holders is None:
            self.holders = {}
            for (_owner, path), stored in (*self.done.items(), *self.covers.items()):
                if stored is not None and stored.name:
                    self.holders.setdefault(path, stored)
        if (held := self.holders.get(relative)) is not None:
            return held.as_data()
        if not unattached:
            self._remote(url)
            return None
        if relative in self._held_by_earlier_runs():
            return None
        stored = self._store(relative, url, post=None)
        if stored is None:
            return None
        self.holders[relative] = stored
        return stored.as_data() if stored.name else None

    def _held_by_earlier_runs(self) -> set[str]:
        """The files posts an earlier run of this file stored: each is that
        post's, and never made public here. Read once per run (a query per
        file searched every post's record again for each loose file)."""
        if self.earlier_files is None:
            records = WordPressObject.objects.filter(
                source=self.source,
                kind=WordPressObject.Kind.POST,
                data__media__files__isnull=False,
            ).values_list("data__media__files", flat=True)
            self.earlier_files = {
                path for files in records.iterator() if files for path in files
            }
        return self.earlier_files

    def _store(
        self, relative: str, old: str, *, post: Post | None
    ) -> StoredFile | None:
        """The file at ``relative`` stored for ``post`` (None: public), once."""
        owner = post.pk if post is not None else None
        if (owner, relative) in self.done:
            return self.done[(owner, relative)]
        try:
            path, found = self._locate(relative)
        except _Refused:
            self.refused.setdefault(relative, "outside the media folder")
            path, found = None, relative
        if path is None:
            if relative not in self.refused:
                self.missing.setdefault(relative, old)
            self.done[(owner, relative)] = None
            return None
        if (owner, found) in self.done:  # a resized copy of a file stored already
            stored = self.done[(owner, found)]
        else:
            try:
                stored = self._write(path, found, post)
            except _UNREADABLE as error:
                self.refused.setdefault(
                    found, f"it could not be read or stored ({error})"
                )
                stored = None
            if stored is not None and stored.new:
                self.stored += 1
            self.done[(owner, found)] = stored
        self.done[(owner, relative)] = stored
        if stored is not None and (stored.name or self.dry_run):
            self._redirect(old, stored)
        return stored

    def _write(self, path: Path, relative: str, post: Post | None) -> StoredFile | None:
        is_image = path.suffix.lower() in IMAGE_SUFFIXES
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            try:
                if is_image:
                    posts.check_image_upload(upload)
                else:
                    posts.check_attachment_upload(upload)
            except UploadRejected as error:
                self.refused.setdefault(relative, str(error))
                return None
            if post is None:
                return self._write_public(upload, relative)
            if self.dry_run:
                return StoredFile("image" if is_image else "download", "", "")
            if is_image:
                image = add_post_image(post=post, upload=upload)
                return StoredFile(
                    "image",
                    image.image.name,
                    image.image.url,
                    model=PostImage._meta.label_lower,
                    pk=image.pk,
                )
            download = posts.attach_file(post=post, upload=upload, title=path.name)
            return StoredFile(
                "download",
                download.file.name,
                download.get_absolute_url(),
                model=Attachment._meta.label_lower,
                pk=download.pk,
            )

    def _write_public(self, upload: File, relative: str) -> StoredFile:
        name = f"{PUBLIC_FOLDER}/{relative}"
        if default_storage.exists(name) and default_storage.size(name) == upload.size:
            # An earlier run stored it: the public folder mirrors the uploads.
            return StoredFile("public", name, default_storage.url(name), new=False)
        if self.dry_run:
            return StoredFile("public", "", "")
        name = default_storage.save(name, upload)
        return StoredFile("public", name, default_storage.url(name))

    def _redirect(self, old: str, stored: StoredFile) -> None:
        """The file's old address on the blog's own host answers with a 301
        here too (links from elsewhere keep working): a download through the
        counted download's rule (nothing for a post no reader may see), a
        post's image or cover to its file while its post may be read (the
        redirect is resolved on each request, by the post's access rule), a
        public file to its copy."""
        path = redirects.old_path(old, blog_root=self.blog_root)
        if path is None:
            return
        if self.dry_run:
            # Nothing was stored to point at; a stand-in target takes the
            # address as a real run would (the dry run is rolled back), so
            # the report counts the same, and later items see it taken.
            record = redirects.Redirect(path, Target.URL, target_url=old)
        elif stored.role == "download":
            record = redirects.Redirect(path, Target.ATTACHMENT, stored.pk)
        elif stored.role in ("image", "cover"):
            which = redirects.COVER if stored.role == "cover" else ""
            record = redirects.Redirect(path, Target.IMAGE, stored.pk, which)
        else:
            record = redirects.Redirect(path, Target.URL, target_url=stored.url)
        # Its address is in hand (a cover's post is not saved with it yet).
        known = {record[1:4]: stored.url}
        self.redirects += redirects.add_redirects([record], known=known)

    def _cover(self, post: Post, relative: str, old: str) -> StoredFile | None:
        try:
            path, found = self._locate(relative)
        except _Refused:
            self.refused.setdefault(relative, "outside the media folder")
            return None
        if path is None:
            self.missing.setdefault(relative, old)
            return None
        try:
            with path.open("rb") as handle:
                upload = File(handle, name=path.name)
                posts.check_image_upload(upload)
                if not self.dry_run:  # thumbnails are made when the post is saved
                    post.cover.save(path.name, upload, save=False)
        except UploadRejected as error:
            self.refused.setdefault(found, str(error))
            return None
        except _UNREADABLE as error:
            self.refused.setdefault(found, f"it could not be read or stored ({error})")
            return None
        self.stored += 1
        if self.dry_run:
            return StoredFile("cover", "", "")
        return StoredFile(
            "cover",
            post.cover.name,
            post.cover.url,
            model=Post._meta.label_lower,
            pk=post.pk,
        )

    def _stored_for(self, post_pk: int, relative: str) -> dict[str, Any] | None:
        """What was stored at ``relative`` for a post (a body image or a
        download first, else its cover): by this run, or by an earlier one that
        stopped before reaching the attachment's item."""
        if (post_pk, relative) in self.done or (post_pk, relative) in self.covers:
            for stored in (
                self.done.get((post_pk, relative)),
                self.covers.get((post_pk, relative)),
            ):
                if stored is not None and stored.name:
                    return stored.as_data()
            return None
        record = WordPressObject.objects.filter(
            source=self.source, kind=WordPressObject.Kind.POST, object_id=post_pk
        ).first()
        media = record.data.get("media", {}) if record else {}
        cover = media.get("cover") or {}
        found = media.get("files", {}).get(relative)
        if found is None and cover.get("path") == relative:
            found = {key: value for key, value in cover.items() if key != "path"}
        return found

    def _remote(self, url: str) -> None:
        self.remote_count += 1
        if url and len(self.remote) < EXAMPLES_SHOWN:
            self.remote.append(url)

    # -- finding a file ------------------------------------------------------------

    def relative(self, url: str) -> str | None:
        """The path in the uploads folder an address of the old blog names
        ("2012/03/photo.jpg"), or None for any other address."""
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            return None
        if parts.scheme not in ("", "http", "https"):
            return None
        host, path = _host(url), parts.path
        if _PHOTON.fullmatch(host):
            inner, _, rest = path.lstrip("/").partition("/")
            host, path = inner.lower().removeprefix("www."), "/" + rest
        if host.endswith(".files.wordpress.com"):
            found = _WPCOM_FILES.match(path) or _UPLOADS.search(path)
        elif host and host not in self.hosts:
            return None
        else:
            found = _UPLOADS.search(path)
        return unquote(found[1]) if found else None

    def _attachment_relative(self, wp_id: int) -> str | None:
        _parent, attached = self.files.get(wp_id, (0, ""))
        if attached and not attached.startswith("/"):
            return attached
        return self.relative(self.urls.get(wp_id, ""))

    def _locate(self, relative: str) -> tuple[Path | None, str]:
        """The file for ``relative`` in the media folder, or the original of a
        resized copy that is not there; raises ``_Refused`` for a path that
        leads outside the folder (``..``, a symlink out)."""
        root = self.root or Path("/nonexistent")
        candidates = [relative]
        folder, _, name = relative.rpartition("/")
        if resized := _RESIZED.match(name):
            original = resized["stem"] + resized["suffix"]
            candidates.append(f"{folder}/{original}" if folder else original)
        for candidate in candidates:
            if "\x00" in candidate or "\\" in candidate:
                raise _Refused(candidate)
            if any(part in ("", ".", "..") for part in candidate.split("/")):
                raise _Refused(candidate)
            try:
                real = (root / candidate).resolve(strict=True)
            except (OSError, RuntimeError):
                continue
            if not real.is_relative_to(root):
                raise _Refused(candidate)
            if real.is_file():
                return real, candidate
        return None, relative

    # -- the report --------------------------------------------------------------------

    def report(self) -> dict[str, Any]:
        examples = [*self.remote, *self.missing.values()][:EXAMPLES_SHOWN]
        return {
            "stored": self.stored,
            "remote": self.remote_count,
            "missing": len(self.missing),
            "refused": len(self.refused),
            "examples": examples,
        }

    def warnings(self) -> list[str]:
        found: list[str] = []
        if self.edited:
            found.append(
                f"{self.edited} posts imported earlier were edited since; their "
                "files were not taken and their bodies keep the old addresses."
            )
        if self.remote_count and self.root is not None:
            found.append(
                f"{self.remote_count} attachments have an address outside the old "
                "blog's uploads folder; they stay where they are."
            )
        if self.missing:
            found.append(
                f"{len(self.missing)} files the export names are not in the media "
                f"folder; they stay at their old addresses "
                f"({_examples(self.missing)})."
            )
            hosts = {
                _host(old)
                for relative, old in self.missing.items()
                if PurePosixPath(relative).suffix.lower() in IMAGE_SUFFIXES
            }
            if hidden := sorted(hosts - {""} - set(settings.LINERNOTES_IMAGE_HOSTS)):
                found.append(
                    "Images left at their old addresses show only once their site "
                    "is allowed (the content policy blocks other sites' images): "
                    f"set LINERNOTES_IMAGE_HOSTS={','.join(hidden)}."
                )
        for relative, why in list(self.refused.items())[:EXAMPLES_SHOWN]:
            found.append(f"The file {relative!r} was not taken: {why}")
        if len(self.refused) > EXAMPLES_SHOWN:
            found.append(
                f"… and {len(self.refused) - EXAMPLES_SHOWN} more files not taken."
            )
        return found


def _host(url: str) -> str:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _meta(item: WxrItem, key: str) -> str:
    return next((value.strip() for k, value in item.meta if k == key), "")


def _examples(names: Iterable[str]) -> str:
    names = list(names)
    shown = ", ".join(names[:EXAMPLES_SHOWN])
    return shown + (", …" if len(names) > EXAMPLES_SHOWN else "")
