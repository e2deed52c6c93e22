"""Uploaded files, served under the one access rule (``posts.access``).

``download`` is the only way to an attachment: it asks ``may_download``, counts
a play or a download, and answers Range requests, so an audio player can seek.
The page's player asks for ``?play``: its requests count as plays, every other
request (the download link) as downloads. Either counts when a reader's request
(``core.readers``: no robot, no HEAD, no prefetch) gets an answer sending the
start of the file and more than a probe's worth of it, once per network,
attachment and kind in ``PLAY_COOLDOWN_SECONDS`` (decisions 0040 and 0049:
one-byte requests, seeks and restarts of one listen are not more plays).
``media`` serves everything else under MEDIA_ROOT (covers and their thumbnails,
body images, release covers, avatars) after finding which post owns the file: a
file of a post the reader may not see answers 404 like a missing one, and an
attachment is never served there (docs/decisions/0023-files-under-the-access-rule.md).

Both decide who gets what and with which status (200, 206, 304, 416). The bytes
go out from here (``make run``, ``linernotes serve`` alone) or, when
``LINERNOTES_X_ACCEL_REDIRECT`` names nginx's ``internal`` location, nginx sends
them on an ``X-Accel-Redirect`` answer (README, "Deploying …").
"""

import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import Storage, default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseForbidden,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date
from django.views.decorators.http import require_safe

from linernotes.core import ratelimit
from linernotes.core.middleware import mark_private
from linernotes.core.readers import is_reader

from .access import Access, access_post, is_readable, may_download
from .models import Attachment, Post
from .services.uploads import (
    MediaRole,
    find_media_owner,
    record_download,
    record_play,
)

_CHUNK = 64 * 1024
# One range, "bytes=first-last", "bytes=first-" or "bytes=-suffix"; more digits
# than any file size could need are ignored rather than converted.
_RANGE = re.compile(r"bytes=([0-9]{0,18})-([0-9]{0,18})")
# What a browser may show in the page or play: anything else is offered as a file.
_INLINE_TYPES = ("image/", "audio/", "video/")
# An answer from byte 0 counts as a play or download only when it sends at least
# this much (or the whole of a smaller file): Safari's "bytes=0-1" probe and a
# script's one-byte requests are not plays.
PLAY_MIN_BYTES = 8 * 1024
# After a counted play, the same network starting the same file again within this
# long (a seek back to the start, a reload, a script) is not counted again.
PLAY_COOLDOWN_SECONDS = 10 * 60


class _Unsatisfiable(Exception):
    """The one range asked for starts past the end of the file."""


@dataclass(frozen=True)
class StoredFile:
    """A file in a storage, with what conditional and Range requests need."""

    storage: Storage
    name: str
    size: int
    modified: datetime
    content_type: str

    @property
    def etag(self) -> str:
        """nginx's own ETag format, so both answer If-Range and If-None-Match alike."""
        return f'"{int(self.modified.timestamp()):x}-{self.size:x}"'

    @property
    def last_modified(self) -> str:
        return http_date(int(self.modified.timestamp()))


@dataclass(frozen=True)
class Delivery:
    """What to answer: the status and, for 206, the bytes (first, last)."""

    status: int
    span: tuple[int, int] | None = None
    early: HttpResponseBase | None = None  # a 304 or 412 to send as it is

    def starts_a_play(self, size: int) -> bool:
        """Whether this answer starts a download: it sends byte 0 and at least
        ``PLAY_MIN_BYTES`` (or the whole file). A later Range request of the same
        download, a short probe of the start, a 304 or a 416 does not."""
        if self.status == 200:
            return True
        if self.status != 206 or self.span[0] != 0:
            return False
        return self.span[1] + 1 >= min(PLAY_MIN_BYTES, size)


@require_safe
def download(request: HttpRequest, pk: int, filename: str) -> HttpResponseBase:
    """An attachment, counted once per play or download; ``?play`` (the page's
    player) sends audio inline and counts it as a play."""
    attachment = get_object_or_404(Attachment.objects.select_related("post"), pk=pk)
    post = attachment.post
    access = access_post(request, post)
    if access is Access.NONE:
        raise Http404("No such file.")
    if access is Access.LOCKED:
        return _private(
            HttpResponseForbidden(
                "This file belongs to a password-protected post: open the post "
                "and enter its password first.",
                content_type="text/plain; charset=utf-8",
            )
        )
    if filename != attachment.filename:  # the player's ?play stays a play
        query = "?play" if "play" in request.GET else ""
        response = redirect(attachment.get_absolute_url() + query, permanent=True)
        return response if is_readable(post) else _private(response)
    stored = _stored(default_storage, attachment.file.name)
    delivery = plan_delivery(request, stored)
    inline = "play" in request.GET and stored.content_type.startswith(_INLINE_TYPES)
    # A play is what the page's audio player asks for (Attachment.is_audio, the
    # one rule for which files it offers); any other file sent inline, a video
    # opened in the browser say, is still a download.
    kind = "plays" if inline and attachment.is_audio else "downloads"
    if (
        request.method == "GET"
        and delivery.starts_a_play(stored.size)
        and is_reader(request)
        and _first_start_in_a_while(request, attachment, kind)
    ):
        record = record_play if kind == "plays" else record_download
        record(attachment=attachment)
    response = send(request, stored, delivery, as_attachment=not inline)
    if not is_readable(post):
        return _private(response)
    response["Cache-Control"] = "no-store"  # every download reaches the count
    return response


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """A file under MEDIA_ROOT, if the post owning it lets this reader see it."""
    name = clean_media_name(path)
    owner = find_media_owner(name=name) if name else None
    if owner is None:
        raise Http404("No such file.")
    if owner.role is MediaRole.ATTACHMENT:
        if not may_download(request, owner.post):
            raise Http404("No such file.")
        return _private(redirect(owner.attachment.get_absolute_url()))
    public = _is_public_file(owner.role, owner.post)
    if not public and not may_download(request, owner.post):
        raise Http404("No such file.")
    stored = _stored(default_storage, name)
    inline = stored.content_type.startswith(_INLINE_TYPES)
    delivery = plan_delivery(request, stored)
    response = send(request, stored, delivery, as_attachment=not inline)
    if not public:
        return _private(response)
    response["Cache-Control"] = (
        f"public, max-age={settings.LINERNOTES_MEDIA_CACHE_SECONDS}"
    )
    return response


def _first_start_in_a_while(
    request: HttpRequest, attachment: Attachment, kind: str
) -> bool:
    """Whether the reader's network has not started this file as ``kind``
    ("plays" or "downloads") in the last ``PLAY_COOLDOWN_SECONDS``; notes that
    it now has. A play and a download from one network each count once.

    The note is a cache key holding a keyed hash of the network (IPv4 /24, IPv6
    /48), never the address, and it expires with the cooldown. One atomic add
    decides, so of two simultaneous starts only one counts.
    """
    network = ratelimit.truncated_ip(ratelimit.client_ip(request))
    reader = ratelimit.keyed_address(network, "plays")[:32]
    key = f"{kind}:{attachment.pk}:{reader}"
    try:
        return cache.add(key, 1, timeout=PLAY_COOLDOWN_SECONDS)
    except Exception:  # noqa: BLE001 - a cache outage must not stop downloads
        return True


def _is_public_file(role: MediaRole, post: Post | None) -> bool:
    """Whether every reader may have the file, whoever asks."""
    return role is MediaRole.NONE or is_readable(post)


def clean_media_name(path: str) -> str | None:
    """``path`` as a storage name, or None for anything but plain relative parts
    (``..``, ``.``, empty parts, backslashes, control characters)."""
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    if any(ord(ch) < 32 or ch in "\\\x7f" for ch in path):
        return None
    return path


def _stored(storage: Storage, name: str) -> StoredFile:
    try:
        size = storage.size(name)
        modified = storage.get_modified_time(name)
    except (OSError, SuspiciousFileOperation) as error:
        raise Http404("This file is no longer available.") from error
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return StoredFile(storage, name, size, modified, content_type)


def plan_delivery(request: HttpRequest, stored: StoredFile) -> Delivery:
    """The answer RFC 9110 asks for: 304 or 412 for conditional requests, 206 for
    one satisfiable range (only if If-Range, when sent, still matches), 416 for
    one that is not, else 200. Several ranges get the whole file, which the RFC
    allows."""
    early = get_conditional_response(
        request,
        etag=stored.etag,
        last_modified=int(stored.modified.timestamp()),
    )
    if early is not None:
        return Delivery(early.status_code, early=early)
    header = request.headers.get("Range")
    if header is None or not _if_range_matches(request, stored):
        return Delivery(200)
    try:
        span = byte_range(header, stored.size)
    except _Unsatisfiable:
        return Delivery(416)
    return Delivery(200) if span is None else Delivery(206, span)


def _if_range_matches(request: HttpRequest, stored: StoredFile) -> bool:
    validator = request.headers.get("If-Range")
    return validator is None or validator in (stored.etag, stored.last_modified)


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The bytes (first, last) a single-range header asks for, or None to send
    the whole file (a header that is not one well-formed byte range).

    Raises ``_Unsatisfiable`` when the range starts past the end of the file.
    """
    match = _RANGE.fullmatch(header.strip())
    if match is None or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if not first:
        if int(last) == 0 or size == 0:
            raise _Unsatisfiable
        return max(0, size - int(last)), size - 1
    if last and int(last) < int(first):
        return None
    if int(first) >= size:
        raise _Unsatisfiable
    return int(first), min(int(last), size - 1) if last else size - 1


def send(
    request: HttpRequest,
    stored: StoredFile,
    delivery: Delivery,
    *,
    as_attachment: bool,
) -> HttpResponseBase:
    """The planned answer, its bytes sent here or by nginx."""
    if delivery.early is not None:
        response = delivery.early
    elif delivery.status == 416:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{stored.size}"
    elif settings.LINERNOTES_X_ACCEL_REDIRECT:
        response = _accel_redirect(stored)
    else:
        response = _bytes(request, stored, delivery)
    disposition = content_disposition_header(
        as_attachment, stored.name.rsplit("/", 1)[-1]
    )
    if delivery.status in (200, 206) and disposition:
        response["Content-Disposition"] = disposition
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = stored.etag
    response["Last-Modified"] = stored.last_modified
    return response


def _accel_redirect(stored: StoredFile) -> HttpResponse:
    """An empty answer telling nginx which file to send; nginx answers Range
    itself. The type is set because nginx keeps the app's (Django's default
    would be text/html)."""
    response = HttpResponse(content_type=stored.content_type)
    location = settings.LINERNOTES_X_ACCEL_REDIRECT.rstrip("/") + "/" + stored.name
    response["X-Accel-Redirect"] = quote(location)
    return response


def _bytes(
    request: HttpRequest, stored: StoredFile, delivery: Delivery
) -> HttpResponseBase:
    first, last = delivery.span or (0, stored.size - 1)
    length = last - first + 1
    if request.method == "HEAD":
        response = HttpResponse(content_type=stored.content_type)
    elif delivery.span is None:
        response = FileResponse(
            stored.storage.open(stored.name, "rb"), content_type=stored.content_type
        )
    else:
        response = StreamingHttpResponse(
            _read(stored, first, length), content_type=stored.content_type
        )
    if delivery.span is not None:
        response.status_code = 206
        response["Content-Range"] = f"bytes {first}-{last}/{stored.size}"
    response["Content-Length"] = str(length)
    return response


def _read(stored: StoredFile, first: int, length: int) -> Iterator[bytes]:
    with stored.storage.open(stored.name, "rb") as file:
        file.seek(first)
        while length > 0 and (chunk := file.read(min(_CHUNK, length))):
            length -= len(chunk)
            yield chunk


def _private(response: HttpResponseBase) -> HttpResponseBase:
    """An answer that depends on who asks: no shared or browser cache keeps it."""
    mark_private(response)
    response["Cache-Control"] = "private, no-store"
    return response
