"""A streaming reader for WordPress export (WXR) files.

WXR files come from strangers and can be hundreds of megabytes, so the reader
parses with defusedxml (no DTDs, no entity declarations) and forgets each
channel child as soon as it has turned it into a record: memory depends on the
largest single item, not on the file.

Elements count as WordPress's only in WordPress's own export namespace
(``http://wordpress.org/export/1.x/``, http or https). A ``wp`` prefix bound to
anything else is someone else's vocabulary and is ignored.

Titles and term names come out as the text a reader of the old blog saw:
WordPress keeps them HTML-escaped ("Rock &amp; Roll"), so each reference is
decoded once here (``wxr_text.entity_text``), for every part of the import.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from os import PathLike
from typing import BinaryIO
from xml.etree import ElementTree as FastElementTree

from defusedxml import DefusedXmlException, DTDForbidden, ElementTree, EntitiesForbidden

from linernotes.core.exceptions import ImportFileInvalid

from .wxr_text import entity_text

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.[0-9]+/$")
WP_EXCERPT_NAMESPACE = re.compile(
    r"^https?://wordpress\.org/export/1\.[0-9]+/excerpt/$"
)
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
ZERO_DATE = "0000-00-00 00:00:00"
FEED_NAMESPACES = {
    b"atom": b"http://www.w3.org/2005/Atom",
    b"media": b"http://search.yahoo.com/mrss/",
    b"georss": b"http://www.georss.org/georss",
    b"geo": b"http://www.w3.org/2003/01/geo/wgs84_pos#",
    b"itunes": b"http://www.itunes.com/dtds/podcast-1.0.dtd",
    b"sy": b"http://purl.org/rss/1.0/modules/syndication/",
    b"slash": b"http://purl.org/rss/1.0/modules/slash/",
    b"openSearch": b"http://a9.com/-/spec/opensearchrss/1.0/",
}

Source = str | PathLike[str] | BinaryIO
ZIP_MAGIC = b"PK\x03\x04"
ZIPPED = (
    "This is a .zip file (WordPress.com sends its export zipped). Unzip it "
    "first, then use the .xml file that was inside."
)


@dataclass(frozen=True, slots=True)
class WxrChannel:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str | None = None


@dataclass(frozen=True, slots=True)
class WxrAuthor:
    id: int | None
    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str


@dataclass(frozen=True, slots=True)
class WxrCategory:
    term_id: int | None
    nicename: str
    parent: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class WxrTag:
    term_id: int | None
    slug: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class WxrTerm:
    term_id: int | None
    taxonomy: str
    slug: str
    parent: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class WxrItemTerm:
    """A term on an item; ``domain`` is its taxonomy (category, post_tag, ...)."""

    domain: str
    nicename: str
    name: str


@dataclass(frozen=True, slots=True)
class WxrComment:
    id: int | None
    author: str
    author_email: str
    author_url: str
    author_ip: str
    date: datetime | None
    date_gmt: datetime | None
    date_gmt_is_zero: bool
    content: str
    approved: str
    type: str
    parent: int | None
    user_id: int | None
    meta: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class WxrItem:
    post_id: int | None
    post_type: str
    status: str
    title: str
    link: str
    guid: str
    post_name: str
    post_date: datetime | None
    post_date_gmt: datetime | None
    post_date_gmt_is_zero: bool
    creator: str
    content: str
    excerpt: str
    parent: int | None
    menu_order: int | None
    is_sticky: bool
    post_password: str
    attachment_url: str
    comment_status: str = "open"
    terms: list[WxrItemTerm] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)
    comments: list[WxrComment] = field(default_factory=list)
    # Comments left unread because the caller already has them (``known``).
    known_comments: int = 0


@dataclass(frozen=True, slots=True)
class WxrUntrustedItem:
    """An ``<item>`` without a trusted ``wp:post_type``: reported, never imported."""

    title: str
    link: str


WxrRecord = (
    WxrChannel | WxrAuthor | WxrCategory | WxrTag | WxrTerm | WxrItem | WxrUntrustedItem
)


def read_wxr(
    source: Source, *, known_comments: Container[int] = ()
) -> Iterator[WxrRecord]:
    """Yield a file's records in document order, the channel first.

    A comment whose id is in ``known_comments`` is only counted, in its item's
    ``known_comments``, not read: a second import of a file already in (the
    importer passes the ids it has records of) skips converting what it
    would only recognise.

    The ``WxrChannel`` is yielded once, before the first author, term or item (its
    header fields precede them in every WordPress export), or at the channel's end
    if it holds nothing else. Raises ``ImportFileInvalid`` with a one-line reason
    (line and column where the parser knows them) for anything that is not
    well-formed, safe XML with an RSS root; whether it is a WXR file the caller
    decides from the channel's ``wxr_version``.
    """
    shifts: list[tuple[int, int, int]] = []
    try:
        yield from _read(source, shifts, known_comments)
    except ElementTree.ParseError as error:
        raise ImportFileInvalid(_parse_error_message(source, error, shifts)) from None
    except DTDForbidden:
        raise ImportFileInvalid(
            "The file declares a DTD (<!DOCTYPE ...>); a WordPress export never "
            "has one, and a DTD is how XML bombs and external entities get in."
        ) from None
    except EntitiesForbidden as error:
        raise ImportFileInvalid(
            f"The file declares an entity ({error.name!r}); entities are refused "
            "because they can expand without limit or read other files."
        ) from None
    except DefusedXmlException as error:
        raise ImportFileInvalid(
            f"The file uses an unsafe XML feature: {error}."
        ) from None


def _read(
    source: Source, shifts: list[tuple[int, int, int]], known: Container[int]
) -> Iterator[WxrRecord]:
    if hasattr(source, "read"):
        yield from _read_stream(_PrefixDeclaringStream(source, shifts), known)
        return
    with open(source, "rb") as stream:
        yield from _read_stream(_PrefixDeclaringStream(stream, shifts), known)


def _read_stream(
    source: _PrefixDeclaringStream, known: Container[int]
) -> Iterator[WxrRecord]:
    if source.without_dtd():
        # No DTD, so no entity can be declared: nothing defusedxml guards
        # against can happen, and the C parser reads about twice as fast
        # (defusedxml parses in Python). Any other file takes defusedxml's.
        events = FastElementTree.iterparse(  # noqa: S314 - nothing to defuse
            source, events=("start", "end")
        )
    else:
        events = ElementTree.iterparse(source, events=("start", "end"), forbid_dtd=True)
    depth = 0
    root = None
    channel_element = None
    top = None
    header: dict[str, str] = {}
    header_sent = False
    for event, element in events:
        if event == "start":
            depth += 1
            if depth == 1:
                if element.tag != "rss":
                    raise ImportFileInvalid(
                        f"The file is not a WordPress export: its root element is "
                        f"<{_local(element.tag)}>, not <rss>."
                    )
                root = element
            elif depth == 2:
                top = element
                if element.tag == "channel" and channel_element is None:
                    channel_element = element
            continue
        depth -= 1
        if depth == 1:
            if element is channel_element:
                if not header_sent:
                    header_sent = True
                    yield _channel(header)
            root.remove(element)
            continue
        if depth != 2 or top is not channel_element:
            continue
        namespace, name = _split(element.tag)
        record = _record(namespace, name, element, known)
        channel_element.remove(element)
        if record is None:
            if not header_sent:
                _remember_header(header, namespace, name, _text(element))
            continue
        if not header_sent:
            header_sent = True
            yield _channel(header)
        yield record
    if not header_sent:
        raise ImportFileInvalid(
            "The file is not a WordPress export: it has no <channel>."
        )


class _PrefixDeclaringStream:
    """Passes a byte stream through, declaring feed prefixes its ``<rss>`` tag forgot.

    WordPress.com exports from around 2012 use ``atom:link`` (and sometimes
    ``media:`` or ``georss:``) without declaring the prefix, which strict XML calls
    an unbound prefix. The blogger cannot fix their old export, so the reader
    declares these well-known feed namespaces on the root. WordPress's own
    prefixes are never added: an export must bring its own ``wp`` to be trusted.
    The insertion is recorded in ``shifts`` as (line, column, length) so error
    positions can still name the file's own columns.
    """

    HEAD_BYTES = 64 * 1024

    def __init__(self, stream: BinaryIO, shifts: list[tuple[int, int, int]]) -> None:
        self._stream = stream
        self._shifts = shifts
        self._pending: bytes | None = None

    def without_dtd(self) -> bool:
        """Whether the file certainly declares no DTD: its prologue, read from
        the head, holds only an XML declaration, comments and processing
        instructions before ``<rss`` (XML allows a DTD nowhere else)."""
        self._fill()
        return _prologue_without_dtd(self._pending or b"")

    def _fill(self) -> None:
        if self._pending is None:
            head = self._stream.read(self.HEAD_BYTES)
            self._pending = _declare_feed_prefixes(head, self._shifts)

    def read(self, size: int = -1) -> bytes:
        self._fill()
        if not self._pending:
            return self._stream.read(size)
        if size is None or size < 0:
            data, self._pending = self._pending + self._stream.read(), b""
            return data
        data, self._pending = self._pending[:size], self._pending[size:]
        return data


_PROLOGUE_PART = re.compile(rb"\s+|<!--.*?-->|<\?.*?\?>", re.DOTALL)


def _prologue_without_dtd(head: bytes) -> bool:
    at = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while part := _PROLOGUE_PART.match(head, at):
        at = part.end()
    return head.startswith(b"<rss", at)


def _declare_feed_prefixes(head: bytes, shifts: list[tuple[int, int, int]]) -> bytes:
    if head[:4].count(0) or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head
    root = re.search(rb"<rss\b[^>]*>", head)
    if root is None:
        return head
    missing = b"".join(
        b' xmlns:%s="%s"' % (prefix, uri)
        for prefix, uri in FEED_NAMESPACES.items()
        if b"xmlns:" + prefix + b"=" not in root.group(0)
    )
    at = root.start() + 4
    line_start = head.rfind(b"\n", 0, at) + 1
    shifts.append((head.count(b"\n", 0, at) + 1, at - line_start, len(missing)))
    return head[:at] + missing + head[at:]


def _parse_error_message(
    source: Source, error: ElementTree.ParseError, shifts: list[tuple[int, int, int]]
) -> str:
    line, column = getattr(error, "position", (None, None))
    for shifted_line, after, length in shifts:
        if line == shifted_line and column is not None and column > after:
            column = max(after, column - length)
    reason = re.sub(r": line \d+, column \d+$", "", str(error))
    where = f" at line {line}, column {column}" if line is not None else ""
    if reason == "no element found":
        return f"The file ends before its XML does{where}: it looks truncated."
    if is_zipped(source):
        return ZIPPED
    if _undeclared_non_utf8(source):
        return (
            f"The file is not UTF-8 and declares no other encoding{where}; "
            "add an encoding to its <?xml ...?> declaration or convert it to UTF-8."
        )
    return f"The file is not well-formed XML{where}: {reason}."


def is_zipped(source: Source) -> bool:
    """Whether the file is a zip archive (WordPress.com's export is one, with
    the XML inside), which the command and the admin's form both tell apart
    from a broken export (``ZIPPED``)."""
    if hasattr(source, "read"):
        if not source.seekable():
            return False
        source.seek(0)
        return source.read(len(ZIP_MAGIC)) == ZIP_MAGIC
    with open(source, "rb") as stream:
        return stream.read(len(ZIP_MAGIC)) == ZIP_MAGIC


def _undeclared_non_utf8(source: Source) -> bool:
    """Whether the bytes are not UTF-8 while the XML declaration names no encoding."""
    if hasattr(source, "read"):
        if not source.seekable():
            return False
        source.seek(0)
        return _scan_utf8(source)
    with open(source, "rb") as stream:
        return _scan_utf8(stream)


def _scan_utf8(stream: BinaryIO) -> bool:
    first = stream.read(1024)
    declaration = re.match(rb"\s*<\?xml[^>]*\?>", first.lstrip(b"\xef\xbb\xbf"))
    if declaration and re.search(rb"encoding\s*=", declaration.group(0)):
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunk = first
    try:
        while chunk:
            decoder.decode(chunk)
            chunk = stream.read(1 << 20)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return True
    return False


def _record(
    namespace: str, name: str, element, known: Container[int]
) -> WxrRecord | None:
    if not namespace and name == "item":
        return _item(element, known)
    if not _is_wp(namespace):
        return None
    if name == "author":
        return WxrAuthor(
            id=_int(_wp(element, "author_id")),
            login=_wp(element, "author_login"),
            email=_wp(element, "author_email"),
            display_name=_wp(element, "author_display_name"),
            first_name=_wp(element, "author_first_name"),
            last_name=_wp(element, "author_last_name"),
        )
    if name == "category":
        return WxrCategory(
            term_id=_int(_wp(element, "term_id")),
            nicename=_wp(element, "category_nicename"),
            parent=_wp(element, "category_parent"),
            name=entity_text(_wp(element, "cat_name")),
            description=entity_text(_wp(element, "category_description")),
        )
    if name == "tag":
        return WxrTag(
            term_id=_int(_wp(element, "term_id")),
            slug=_wp(element, "tag_slug"),
            name=entity_text(_wp(element, "tag_name")),
            description=entity_text(_wp(element, "tag_description")),
        )
    if name == "term":
        return WxrTerm(
            term_id=_int(_wp(element, "term_id")),
            taxonomy=_wp(element, "term_taxonomy"),
            slug=_wp(element, "term_slug"),
            parent=_wp(element, "term_parent"),
            name=entity_text(_wp(element, "term_name")),
            description=entity_text(_wp(element, "term_description")),
        )
    return None


def _remember_header(
    header: dict[str, str], namespace: str, name: str, text: str
) -> None:
    if not namespace and name in ("title", "link"):
        header.setdefault(name, text)
    elif _is_wp(namespace) and name in (
        "base_site_url",
        "base_blog_url",
        "wxr_version",
    ):
        header.setdefault(name, text.strip())


def _channel(header: dict[str, str]) -> WxrChannel:
    return WxrChannel(
        title=header.get("title", ""),
        link=header.get("link", ""),
        base_site_url=header.get("base_site_url", ""),
        base_blog_url=header.get("base_blog_url", ""),
        wxr_version=header.get("wxr_version"),
    )


def _item(element, known: Container[int]) -> WxrItem | WxrUntrustedItem:
    fields: dict[str, str] = {}
    terms: list[WxrItemTerm] = []
    meta: list[tuple[str, str]] = []
    comments: list[WxrComment] = []
    skipped = 0
    for child in element:
        namespace, name = _split(child.tag)
        if not namespace:
            if name == "category":
                terms.append(
                    WxrItemTerm(
                        domain=child.get("domain", ""),
                        nicename=child.get("nicename", ""),
                        name=entity_text(_text(child)),
                    )
                )
            else:
                fields.setdefault(name, _text(child))
        elif namespace == CONTENT_NAMESPACE and name == "encoded":
            fields.setdefault("content", _text(child))
        elif WP_EXCERPT_NAMESPACE.match(namespace) and name == "encoded":
            fields.setdefault("excerpt", _text(child))
        elif namespace == DC_NAMESPACE and name == "creator":
            fields.setdefault("creator", _text(child))
        elif _is_wp(namespace):
            if name == "postmeta":
                meta.append((_wp(child, "meta_key"), _wp(child, "meta_value")))
            elif name == "comment":
                if known and _comment_id(child, namespace) in known:
                    skipped += 1
                else:
                    comments.append(_comment(child))
            else:
                fields.setdefault("wp:" + name, _text(child))
    if "wp:post_type" not in fields:
        return WxrUntrustedItem(
            title=entity_text(fields.get("title", "")), link=fields.get("link", "")
        )
    date_gmt, date_gmt_is_zero = _gmt(fields.get("wp:post_date_gmt", ""))
    return WxrItem(
        post_id=_int(fields.get("wp:post_id", "")),
        post_type=fields["wp:post_type"].strip(),
        status=fields.get("wp:status", "").strip(),
        title=entity_text(fields.get("title", "")),
        link=fields.get("link", "").strip(),
        guid=fields.get("guid", "").strip(),
        post_name=fields.get("wp:post_name", "").strip(),
        post_date=_local_date(fields.get("wp:post_date", "")),
        post_date_gmt=date_gmt,
        post_date_gmt_is_zero=date_gmt_is_zero,
        creator=fields.get("creator", ""),
        content=fields.get("content", ""),
        excerpt=fields.get("excerpt", ""),
        parent=_int(fields.get("wp:post_parent", "")),
        menu_order=_int(fields.get("wp:menu_order", "")),
        is_sticky=fields.get("wp:is_sticky", "").strip() == "1",
        post_password=fields.get("wp:post_password", ""),
        attachment_url=fields.get("wp:attachment_url", "").strip(),
        comment_status=fields.get("wp:comment_status", "open").strip(),
        terms=terms,
        meta=meta,
        comments=comments,
        known_comments=skipped,
    )


def _comment_id(element, namespace: str) -> int | None:
    return _int(element.findtext(f"{{{namespace}}}comment_id") or "")


def _comment(element) -> WxrComment:
    fields: dict[str, str] = {}
    meta: list[tuple[str, str]] = []
    for child in element:
        namespace, name = _split(child.tag)
        if not _is_wp(namespace):
            continue
        if name == "commentmeta":
            meta.append((_wp(child, "meta_key"), _wp(child, "meta_value")))
        else:
            fields.setdefault(name, _text(child))
    date_gmt, date_gmt_is_zero = _gmt(fields.get("comment_date_gmt", ""))
    return WxrComment(
        id=_int(fields.get("comment_id", "")),
        author=fields.get("comment_author", ""),
        author_email=fields.get("comment_author_email", "").strip(),
        author_url=fields.get("comment_author_url", "").strip(),
        author_ip=fields.get("comment_author_IP", "").strip(),
        date=_local_date(fields.get("comment_date", "")),
        date_gmt=date_gmt,
        date_gmt_is_zero=date_gmt_is_zero,
        content=fields.get("comment_content", ""),
        approved=fields.get("comment_approved", "").strip(),
        type=fields.get("comment_type", "").strip(),
        parent=_int(fields.get("comment_parent", "")),
        user_id=_int(fields.get("comment_user_id", "")),
        meta=meta,
    )


@functools.lru_cache(maxsize=1024)  # a file uses a few dozen tags, millions of times
def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _local(tag: str) -> str:
    return _split(tag)[1]


@functools.lru_cache(maxsize=64)
def _is_wp(namespace: str) -> bool:
    return bool(WP_NAMESPACE.match(namespace))


def _wp(element, name: str) -> str:
    for child in element:
        namespace, local = _split(child.tag)
        if local == name and _is_wp(namespace):
            return _text(child)
    return ""


def _text(element) -> str:
    return "".join(element.itertext())


def _int(text: str) -> int | None:
    """A WordPress id; None when missing, or too large for a database column
    (a file could say 99999999999999999999: such an id is reported missing)."""
    text = text.strip()
    if not text or not text.lstrip("-").isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if -(2**63) <= number < 2**63 else None


def _local_date(text: str) -> datetime | None:
    """A WordPress local date, naive: the export does not name its time zone."""
    text = text.strip()
    if not text or text == ZERO_DATE:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _gmt(text: str) -> tuple[datetime | None, bool]:
    """A GMT date, and whether it is WordPress's zero date (drafts have no GMT date)."""
    text = text.strip()
    if text == ZERO_DATE:
        return None, True
    local = _local_date(text)
    return (local.replace(tzinfo=UTC) if local else None), False
