"""The first pass over a WXR file: refuse it or count what it holds, writing nothing.

The import runs this over the whole file before it touches the database, so a
truncated or hostile file is refused with the site exactly as it was.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import unquote

from linernotes.core.exceptions import ImportFileInvalid
from linernotes.core.slugs import base_slug
from linernotes.transfer.wordpress.reader import (
    Source,
    WxrAuthor,
    WxrCategory,
    WxrChannel,
    WxrComment,
    WxrItem,
    WxrTag,
    WxrTerm,
    WxrUntrustedItem,
    read_wxr,
)

KNOWN_VERSIONS = frozenset({"1.0", "1.1", "1.2"})
SKIP_REASONS = {
    "nav_menu_item": "menu items are not imported; the blog builds its own menu",
    "revision": "revisions are not imported; the latest version of each post is",
    "custom_css": "theme CSS does not apply to Liner Notes",
    "customize_changeset": "theme customiser drafts do not apply to Liner Notes",
    "wp_block": "reusable blocks are not imported",
    "wp_template": "theme templates do not apply to Liner Notes",
    "wp_template_part": "theme templates do not apply to Liner Notes",
    "wp_global_styles": "theme styles do not apply to Liner Notes",
    "wp_navigation": "navigation menus are not imported; the blog builds its own menu",
    "feedback": "contact-form messages are readers' personal data and are not "
    "imported (--include-feedback keeps them as private posts)",
    "oembed_cache": "WordPress's cache of embed previews is rebuilt, not imported",
    "user_request": "privacy requests are readers' personal data and are not imported",
    "wp_font_family": "theme fonts do not apply to Liner Notes",
    "wp_font_face": "theme fonts do not apply to Liner Notes",
}
# Types of plugins' own bookkeeping, or readers' personal data: never posts.
INTERNAL_PREFIXES = ("wp_", "jp_", "jetpack_", "acf-", "shop_", "wc_", "_")
INTERNAL_TYPES = frozenset(
    {"scheduled-action", "wpcf7_contact_form", "flamingo_inbound", "flamingo_contact"}
)
EXAMPLES_SHOWN = 10


class Fate(StrEnum):
    """What the import makes of an item, by its type and status."""

    POST = "post"
    PAGE = "page"
    ATTACHMENT = "attachment"
    FEEDBACK = "feedback"  # a contact-form message kept as a private post
    SKIP = "skip"


def item_fate(item: WxrItem, *, include_feedback: bool = False) -> tuple[Fate, str]:
    """What becomes of ``item``, and why when it is skipped or carried over.

    Posts, pages and attachments come in as themselves. A custom type that is
    content (a music blog's "review") comes in as posts, with the reason as a
    warning; types that are settings, caches, plugins' bookkeeping or readers'
    personal data are skipped with the reason.
    """
    kind = item.post_type
    if item.status == "auto-draft":
        return Fate.SKIP, "an empty draft WordPress opened but nobody wrote"
    if kind in ("post", "page", "attachment"):
        return Fate(kind), ""
    if kind == "feedback" and include_feedback:
        return Fate.FEEDBACK, "contact-form messages are kept as private posts"
    if kind in SKIP_REASONS:
        return Fate.SKIP, SKIP_REASONS[kind]
    if kind in INTERNAL_TYPES or kind.startswith(INTERNAL_PREFIXES):
        return Fate.SKIP, f"{kind!r} is a plugin's or theme's own data, not content"
    return Fate.POST, f"items of the custom type {kind!r} come in as posts"


@dataclass
class CommentCounts:
    total: int = 0
    approved: int = 0
    pending: int = 0
    spam: int = 0
    trash: int = 0
    pingbacks: int = 0
    trackbacks: int = 0
    max_depth: int = 0


@dataclass
class WxrSummary:
    """What a file holds, in the shape of the import report's database-free part."""

    channel: WxrChannel
    items: dict[str, dict[str, int]] = field(default_factory=dict)
    posts: int = 0
    pages: int = 0
    attachments: int = 0
    authors: int = 0
    categories: int = 0
    tags: int = 0
    terms: int = 0
    sticky: int = 0
    password_protected: int = 0
    comments: CommentCounts = field(default_factory=CommentCounts)
    skipped: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The slugs the file's posts ask for, so a draft without one does not take
    # one first (not part of the report).
    slugs: set[str] = field(default_factory=set)
    # Attachments' file addresses by id, for galleries that name ids.
    attachment_urls: dict[int, str] = field(default_factory=dict)
    # Where imported files go (decision 0032): each attachment's parent id and
    # its path in the uploads folder (``_wp_attached_file``, may be empty), and
    # the ids of the items that become posts.
    attachment_files: dict[int, tuple[int, str]] = field(default_factory=dict)
    post_item_ids: set[int] = field(default_factory=set)

    def as_report(self) -> dict[str, Any]:
        """The summary as the JSON-ready dict the import report extends."""
        report = asdict(self)
        for kept in (
            "channel",
            "slugs",
            "attachment_urls",
            "attachment_files",
            "post_item_ids",
        ):
            del report[kept]
        return report


def check_wxr(source: Source, *, include_feedback: bool = False) -> WxrSummary:
    """Read the whole file once and count it, or raise ``ImportFileInvalid``.

    Refuses malformed, truncated or unsafe XML (DTDs, entities), a non-UTF-8 file
    with no declared encoding, anything that is not an RSS channel, and a missing
    or unknown ``wxr_version``. Everything else odd is counted as a warning or a
    skipped item, because the import goes ahead with warnings.
    """
    items: defaultdict[str, Counter[str]] = defaultdict(Counter)
    logins: set[str] = set()
    creators: Counter[str] = Counter()
    post_ids: Counter[int] = Counter()
    zero_dates: list[int | None] = []
    threads = _Threads()
    other_approvals: Counter[str] = Counter()
    carried: Counter[str] = Counter()
    records = read_wxr(source)
    channel = next(records)
    if not isinstance(channel, WxrChannel):
        raise ImportFileInvalid("The file is not a WordPress export: no channel.")
    _check_version(channel.wxr_version)
    summary = WxrSummary(channel=channel)
    for record in records:
        if isinstance(record, WxrAuthor):
            summary.authors += 1
            logins.add(record.login)
        elif isinstance(record, WxrCategory):
            summary.categories += 1
        elif isinstance(record, WxrTag):
            summary.tags += 1
        elif isinstance(record, WxrTerm):
            summary.terms += 1
        elif isinstance(record, WxrUntrustedItem):
            summary.skipped.append(
                {
                    "what": _describe(record.title, record.link),
                    "why": "it has no wp:post_type in WordPress's export namespace",
                }
            )
        elif isinstance(record, WxrItem):
            items[record.post_type][record.status] += 1
            _count_item(summary, record, include_feedback, carried)
            if record.post_id is not None:
                post_ids[record.post_id] += 1
            if record.creator:
                creators[record.creator] += 1
            if record.post_date_gmt_is_zero:
                zero_dates.append(record.post_id)
            for comment in record.comments:
                _count_comment(summary.comments, comment.approved, comment.type)
                if comment.approved not in ("1", "0", "spam", "trash"):
                    other_approvals[comment.approved] += 1
            threads.add(record.comments)
    summary.items = {kind: dict(statuses) for kind, statuses in items.items()}
    summary.comments.max_depth = threads.finish(summary.warnings)
    _warn(summary.warnings, logins, creators, post_ids, zero_dates, other_approvals)
    for kind, count in sorted(carried.items()):
        summary.warnings.append(
            f"{count} items of the custom type {kind!r} come in as posts."
        )
    return summary


def _check_version(version: str | None) -> None:
    if version is None:
        raise ImportFileInvalid(
            "The file is not a WordPress export: its channel has no wp:wxr_version "
            "in WordPress's export namespace."
        )
    if version not in KNOWN_VERSIONS:
        raise ImportFileInvalid(
            f"The file's wxr_version {version!r} is not one this importer reads "
            f"({', '.join(sorted(KNOWN_VERSIONS))})."
        )


def _count_item(
    summary: WxrSummary, item: WxrItem, include_feedback: bool, carried: Counter[str]
) -> None:
    if item.post_type == "post":
        summary.posts += 1
    elif item.post_type == "page":
        summary.pages += 1
    elif item.post_type == "attachment":
        summary.attachments += 1
        if item.post_id is not None and item.attachment_url:
            summary.attachment_urls.setdefault(item.post_id, item.attachment_url)
        if item.post_id is not None:
            attached = next((v for k, v in item.meta if k == "_wp_attached_file"), "")
            summary.attachment_files.setdefault(
                item.post_id, (item.parent or 0, attached)
            )
    fate, why = item_fate(item, include_feedback=include_feedback)
    if fate in (Fate.POST, Fate.FEEDBACK) and item.post_id is not None:
        summary.post_item_ids.add(item.post_id)
    if fate is Fate.SKIP:
        summary.skipped.append(
            {
                "what": f"{item.post_type} {item.post_id}: "
                + _describe(item.title, item.link),
                "why": why,
            }
        )
    elif fate is Fate.POST and item.post_type != "post":
        carried[item.post_type] += 1
    if fate is Fate.POST and item.post_name.strip():
        summary.slugs.add(base_slug(unquote(item.post_name)))
    if item.is_sticky:
        summary.sticky += 1
    if item.post_password:
        summary.password_protected += 1


def _count_comment(counts: CommentCounts, approved: str, kind: str) -> None:
    counts.total += 1
    if approved == "1":
        counts.approved += 1
    elif approved == "0":
        counts.pending += 1
    elif approved == "spam":
        counts.spam += 1
    elif approved == "trash":
        counts.trash += 1
    if kind == "pingback":
        counts.pingbacks += 1
    elif kind == "trackback":
        counts.trackbacks += 1


class _Threads:
    """The deepest thread in levels (a top-level comment being 1), worked out
    an item at a time so memory stays flat: across items only each comment's id
    is kept (8 bytes), to tell a parent on another post from a missing one.

    A parent that is missing, on another post or part of a loop counts as no
    parent (the import attaches such comments at the top level), with a warning.
    """

    def __init__(self) -> None:
        self.ids = array("q")
        self.outside: list[tuple[int, int]] = []  # (comment, parent not beside it)
        self.looped: list[int] = []
        self.unnamed = 0
        self.deepest = 0

    def add(self, comments: list[WxrComment]) -> None:
        here = {c.id for c in comments if c.id is not None}
        parent_of: dict[int, int] = {}
        for comment in comments:
            if comment.id is None:
                self.unnamed += 1
                continue
            self.ids.append(comment.id)
            if not comment.parent:
                continue
            if comment.parent in here:
                parent_of[comment.id] = comment.parent
            else:
                self.outside.append((comment.id, comment.parent))
        looped = _loop_members(parent_of)
        for comment_id in looped:
            del parent_of[comment_id]
        self.looped += looped
        depth: dict[int, int] = {}
        for start in here:
            chain = []
            node: int | None = start
            while node is not None and node not in depth:
                chain.append(node)
                node = parent_of.get(node)
            level = depth[node] if node is not None else 0
            for comment_id in reversed(chain):
                level += 1
                depth[comment_id] = level
        self.deepest = max(self.deepest, *depth.values(), 1 if self.unnamed else 0)

    def finish(self, warnings: list[str]) -> int:
        wanted = {parent for _comment, parent in self.outside}
        found = {comment_id for comment_id in self.ids if comment_id in wanted}
        missing = [c for c, parent in self.outside if parent not in found]
        elsewhere = [c for c, parent in self.outside if parent in found]
        if self.unnamed:
            warnings.append(f"{self.unnamed} comments have no valid comment_id.")
        for ids, what in (
            (missing, "a parent that is not in the file"),
            (elsewhere, "a parent on another post"),
            (sorted(self.looped), "parents that form a loop"),
        ):
            if ids:
                warnings.append(
                    f"{len(ids)} comments have {what} and go to the top level "
                    f"(comment ids {_examples(ids)})."
                )
        return self.deepest


def _loop_members(parent_of: dict[int, int]) -> set[int]:
    state: dict[int, int] = {}
    members: set[int] = set()
    for start in parent_of:
        path: list[int] = []
        node: int | None = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = parent_of.get(node)
        if node is not None and state[node] == 1:
            members.update(path[path.index(node) :])
        for visited in path:
            state[visited] = 2
    return members


def _warn(
    warnings: list[str],
    logins: set[str],
    creators: Counter[str],
    post_ids: Counter[int],
    zero_dates: list[int | None],
    other_approvals: Counter[str],
) -> None:
    for creator in sorted(set(creators) - logins):
        warnings.append(
            f"{creators[creator]} items are by {creator!r}, who is not among the "
            "file's authors; they go to the default author."
        )
    duplicates = sorted(post_id for post_id, count in post_ids.items() if count > 1)
    if duplicates:
        warnings.append(
            f"{len(duplicates)} post ids appear on more than one item "
            f"({_examples(duplicates)}); only the first of each is imported."
        )
    if zero_dates:
        warnings.append(
            f"{len(zero_dates)} items have a zero post_date_gmt "
            f"({_examples(zero_dates)}); their local date is used instead."
        )
    for approved, count in sorted(other_approvals.items()):
        warnings.append(
            f"{count} comments have comment_approved {approved!r}, which is none of "
            "1, 0, spam or trash; they are held for moderation."
        )


def _describe(title: str, link: str) -> str:
    return repr(title) if title else (link or "an item without a title")


def _examples(ids: list) -> str:
    shown = ", ".join(str(each) for each in ids[:EXAMPLES_SHOWN])
    return shown + (", …" if len(ids) > EXAMPLES_SHOWN else "")
