"""WXR text: the forms WordPress's export gives values, and the elements
WordPress's importer reads, with nothing in them XML cannot carry.

Pure functions of their arguments (no database), so the writer's structure
and this file's details can each be read alone.
"""

from __future__ import annotations

import html
import html.entities
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from linernotes.core.text import strip_control_characters

ZERO_DATE = "0000-00-00 00:00:00"
# Post meta and comment meta with this prefix describe the blog as it is now;
# copies an import kept (from an earlier export) are stale and never repeated.
OWN_PREFIX = "_linernotes_"


def cdata(text: str) -> str:
    """``text`` as CDATA: no characters XML forbids, a ``]]>`` inside split in two."""
    clean = strip_control_characters(text or "")
    return "<![CDATA[" + clean.replace("]]>", "]]]]><![CDATA[>") + "]]>"


# A character reference WordPress could have written: named or numeric, and
# ended by its semicolon (a bare "&notes" or "AT&T" is text, not a reference).
_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


def entity_text(value: str) -> str:
    """A title or name as WordPress stores it (HTML: "Rock &amp; Roll") as the
    text it shows ("Rock & Roll").

    WordPress keeps term names, comment authors and, on WordPress.com, post
    titles HTML-escaped, so a reader sees "&" where the file says "&amp;".
    Each reference is decoded once ("&amp;amp;" is the text "&amp;"), and only
    one closed by its semicolon, so text that merely holds an ampersand stays.
    """
    if "&" not in value:
        return value
    return _REFERENCE.sub(_decoded, value)


def _decoded(match: re.Match[str]) -> str:
    reference = match.group(0)
    if reference[1] == "#":
        return html.unescape(reference)
    # Only a whole name: Python's decoder would read "&notes;" as "&not" + "es;".
    return html.entities.html5.get(reference[1:], reference)


def entity_escaped(text: str) -> str:
    """Text in the HTML-escaped form WordPress stores titles and names in: the
    inverse of ``entity_text``, so an export read back gives the same text
    (a title that says "&amp;" leaves as "&amp;amp;")."""
    return html.escape(text or "", quote=False)


def wp_slug(slug: str) -> str:
    """A slug as WordPress stores it: non-ASCII letters percent-encoded."""
    if slug.isascii():
        return slug
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), quote(slug, safe="-_"))


def plain(text: str) -> str:
    """Text outside CDATA (addresses): escaped, and legal XML whatever it held."""
    return escape(strip_control_characters(text))


def attribute(text: str) -> str:
    """An attribute value, quoted and escaped, legal XML whatever it held."""
    return quoteattr(strip_control_characters(text))


def attachment_name(url: str) -> str:
    """An attachment's post_name, as WordPress makes it from the file name."""
    stem = url.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-").lower()


def post_format_term(value: object) -> tuple[str, str, str] | None:
    """The item term of a post format an import kept ("audio" or
    "post-format-audio"); none for a standard post."""
    if not isinstance(value, str) or not value or value == "standard":
        return None
    name = value.removeprefix("post-format-")
    return ("post_format", f"post-format-{name}", name.capitalize())


def meta_pairs(own: list[tuple[str, str]], data: dict) -> Iterator[tuple[str, str]]:
    """The writer's own meta, then what an import kept, but for the keys the
    writer has just set (its values are the current ones)."""
    yield from own
    written = {key for key, _ in own}
    kept = data.get("meta") or []
    if isinstance(kept, dict):
        kept = list(kept.items())
    for pair in kept:
        if isinstance(pair, list | tuple) and len(pair) == 2:
            key, value = pair
            if str(key) not in written and not str(key).startswith(OWN_PREFIX):
                yield str(key), "" if value is None else str(value)


def meta_element(element: str, key: str, value: str) -> str:
    """A ``wp:postmeta`` or ``wp:commentmeta`` element."""
    return (
        f"\t\t<wp:{element}>\n"
        f"\t\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
        f"\t\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n"
        f"\t\t</wp:{element}>\n"
    )


def gmt_date(moment: datetime) -> str:
    """A moment in WordPress's GMT date form."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def comment_element(
    *,
    wp_id: int,
    author: str,
    email: str,
    url: str,
    ip: str,
    date: str,
    date_gmt: str,
    content: str,
    approved: str,
    kind: str,
    parent: int,
    user_id: int,
    meta: list[tuple[str, str]],
) -> str:
    """A ``wp:comment`` element, its dates already in WordPress's forms."""
    return (
        "\t\t<wp:comment>\n"
        f"\t\t\t<wp:comment_id>{wp_id}</wp:comment_id>\n"
        f"\t\t\t<wp:comment_author>{cdata(author)}</wp:comment_author>\n"
        f"\t\t\t<wp:comment_author_email>{cdata(email)}</wp:comment_author_email>\n"
        f"\t\t\t<wp:comment_author_url>{cdata(url)}</wp:comment_author_url>\n"
        f"\t\t\t<wp:comment_author_IP>{cdata(ip)}</wp:comment_author_IP>\n"
        f"\t\t\t<wp:comment_date>{cdata(date)}</wp:comment_date>\n"
        f"\t\t\t<wp:comment_date_gmt>{cdata(date_gmt)}</wp:comment_date_gmt>\n"
        f"\t\t\t<wp:comment_content>{cdata(content)}</wp:comment_content>\n"
        f"\t\t\t<wp:comment_approved>{cdata(approved)}</wp:comment_approved>\n"
        f"\t\t\t<wp:comment_type>{cdata(kind)}</wp:comment_type>\n"
        f"\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>\n"
        f"\t\t\t<wp:comment_user_id>{user_id}</wp:comment_user_id>\n"
        + "".join("\t" + meta_element("commentmeta", key, value) for key, value in meta)
        + "\t\t</wp:comment>\n"
    )


def kept_date(value: object, *, gmt: bool = False) -> str:
    """A date an import kept as ISO text, in WordPress's form (zero if none)."""
    if not isinstance(value, str) or not value:
        return ZERO_DATE
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ZERO_DATE
    if gmt and moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def as_id(value: object) -> int:
    """A WordPress id kept in an import record's data; 0 (none) if unusable."""
    try:
        return max(int(value), 0)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def whole_title(title: str, kept: object) -> str:
    """The title WordPress had, when ours is its shortening (kept by the import)."""
    if isinstance(kept, str) and title.endswith("…") and kept.startswith(title[:-1]):
        return kept
    return title


def other_terms(value: object) -> list[tuple[str, str, str]]:
    """Terms of taxonomies we do not model, kept by an import as triples."""
    if not isinstance(value, list):
        return []
    return [
        (str(term[0]), str(term[1]), str(term[2]))
        for term in value
        if isinstance(term, list | tuple) and len(term) == 3
    ]
