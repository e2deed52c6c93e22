"""What a file's first bytes say it is: the check that catches a name that lies.

Attachments are accepted by how their names end (``LINERNOTES_ATTACHMENT_
EXTENSIONS``) and served with the type that ending implies, so a PDF called
``song.mp3`` would reach the audio player and a program called ``notes.pdf``
would be downloaded as a document. Only a contradiction is refused: bytes that
carry a signature this table knows, belonging to no kind the name may hold.
Bytes without a known signature pass, as does an ending the table does not
know (``txt``, ``mobi``, whatever an operator adds): there the name is all
there is to go on, and test files and odd but honest encodings must not be
turned away.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

# Enough for every signature below (MPEG-4's box name sits at bytes 4–8).
HEAD_BYTES = 64


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # as a writer reads it: "a PDF document"
    matches: Callable[[bytes], bool]


def _mpeg_audio(head: bytes) -> bool:
    """An ID3 tag, or an MPEG audio frame's eleven sync bits (MP3, ADTS AAC)."""
    return head.startswith(b"ID3") or (
        len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
    )


def _riff(form: bytes) -> Callable[[bytes], bool]:
    return lambda head: head[:4] == b"RIFF" and head[8:12] == form


def _web_page(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<script", b"<svg"))


KINDS: tuple[Kind, ...] = (
    Kind("pdf", "a PDF document", lambda h: h.startswith(b"%PDF-")),
    Kind(
        "zip",
        "a ZIP archive",
        lambda h: h[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"),
    ),
    Kind("ogg", "Ogg audio", lambda h: h.startswith(b"OggS")),
    Kind("flac", "FLAC audio", lambda h: h.startswith(b"fLaC")),
    Kind("mp4", "an MPEG-4 file (M4A, MP4)", lambda h: h[4:8] == b"ftyp"),
    Kind("wav", "WAV audio", _riff(b"WAVE")),
    Kind("webp", "a WebP image", _riff(b"WEBP")),
    Kind("png", "a PNG image", lambda h: h.startswith(b"\x89PNG\r\n\x1a\n")),
    Kind("jpeg", "a JPEG image", lambda h: h.startswith(b"\xff\xd8\xff")),
    Kind("gif", "a GIF image", lambda h: h[:6] in (b"GIF87a", b"GIF89a")),
    Kind("mpeg-audio", "MP3 audio", _mpeg_audio),
    Kind("program", "a Windows program", lambda h: h.startswith(b"MZ")),
    Kind("program", "a Linux program", lambda h: h.startswith(b"\x7fELF")),
    Kind("html", "a web page", _web_page),
)

_ZIP_BASED = ("zip", "epub", "docx", "odt", "ods", "xlsx", "pptx", "cbz")
# The kinds each ending may hold. FLAC and AAC files may open with an ID3 tag.
EXPECTED: dict[str, frozenset[str]] = {
    "pdf": frozenset({"pdf"}),
    **{ending: frozenset({"zip"}) for ending in _ZIP_BASED},
    "mp3": frozenset({"mpeg-audio"}),
    "aac": frozenset({"mpeg-audio"}),
    "ogg": frozenset({"ogg"}),
    "oga": frozenset({"ogg"}),
    "opus": frozenset({"ogg"}),
    "flac": frozenset({"flac", "mpeg-audio"}),
    "m4a": frozenset({"mp4"}),
    "m4b": frozenset({"mp4"}),
    "mp4": frozenset({"mp4"}),
    "wav": frozenset({"wav"}),
    "png": frozenset({"png"}),
    "jpg": frozenset({"jpeg"}),
    "jpeg": frozenset({"jpeg"}),
    "gif": frozenset({"gif"}),
    "webp": frozenset({"webp"}),
}


def kind_of(head: bytes) -> Kind | None:
    """The first kind whose signature ``head`` carries, or None."""
    return next((kind for kind in KINDS if kind.matches(head)), None)


def contradiction(extension: str, upload: IO[bytes]) -> Kind | None:
    """The kind the file really is when its ending says otherwise; None when
    the bytes agree with the name or cannot tell. Leaves the file at its start."""
    expected = EXPECTED.get(extension)
    if expected is None:
        return None
    upload.seek(0)
    try:
        head = upload.read(HEAD_BYTES)
    finally:
        upload.seek(0)
    found = kind_of(head)
    return found if found is not None and found.key not in expected else None
