"""Comments: those of new posts, those written since an earlier run, and
those kept unshown with pages and attachments."""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from linernotes.comments.models import Comment
from linernotes.comments.services import Author, ImportedComment, import_threads
from linernotes.core import ratelimit
from linernotes.posts.models import Post
from linernotes.transfer.models import WordPressObject

from ..content import comment_markdown
from ..reader import WxrComment, WxrItem
from ..writer import META_COMMENT_STATUS
from ..wxr_text import entity_text
from .base import _ImportBase, _valid_email

# A post of an earlier run, the comments it gets now, and what is stored of them.
_Thread = tuple[Post, list[WxrComment], list[ImportedComment]]
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
}
# The comment type of WordPress 6.9's editor notes (private, never shown).
NOTE = "note"
COMMENT_KINDS = {
    "": Comment.Kind.COMMENT,
    "comment": Comment.Kind.COMMENT,
    "pingback": Comment.Kind.PINGBACK,
    "trackback": Comment.Kind.TRACKBACK,
}


class _Comments(_ImportBase):
    """WordPress comments as this blog's, each id imported once."""

    def _comments_on_post(self, item: WxrItem, post_pk: int) -> None:
        """Comments of a post an earlier run imported that it did not bring,
        kept for the flush's one write."""
        if wanted := self._new_comments(item):
            self.later_comments.append((post_pk, wanted))

    def _write_later_comments(self) -> None:
        """The comments written on the old blog since an earlier run, for all
        the flush's posts at once, through the same batch path as new posts'
        (their replies find the parents that run brought). When the write
        fails, post by post, so one bad thread costs only itself (reported)."""
        later, self.later_comments = self.later_comments, []
        if not later:
            return
        found = Post.objects.only("pk", "published_at", "created_at").in_bulk(
            {pk for pk, _ in later}
        )
        threads = [
            (
                found[pk],
                wanted,
                [
                    self._imported(c, found[pk].published_at or found[pk].created_at)
                    for c in wanted
                ],
            )
            for pk, wanted in later
            if pk in found  # a post deleted here since stays without them
        ]

        def write(batch: Sequence[_Thread]) -> int:
            self._store_later_comments(batch)
            return sum(len(given) for _, _, given in batch)

        self.created["comments"] += self._all_or_each(
            threads,
            write,
            lambda thread: (
                f"The new comments of post {thread[0].pk} could not be imported"
            ),
        )

    def _store_later_comments(self, threads: Sequence[_Thread]) -> None:
        stored = import_threads(
            [(post, given) for post, _, given in threads],
            earlier=self._earlier_comments,
        )
        WordPressObject.objects.bulk_create(
            [
                record
                for (_, wanted, given), comments in zip(threads, stored, strict=True)
                for record in self._comment_records(wanted, given, comments)
            ]
        )

    def _comment_records(
        self,
        wanted: list[WxrComment],
        given: list[ImportedComment],
        stored: dict[int, Comment],
    ) -> list[WordPressObject]:
        return [
            WordPressObject(
                source=self.source,
                kind=WordPressObject.Kind.COMMENT,
                wp_id=comment.id,
                object_id=stored[comment.id].pk,
                data=_comment_meta(comment) | _original_text(comment, kept.body),
            )
            for comment, kept in zip(wanted, given, strict=True)
        ]

    def _comments_elsewhere(self, item: WxrItem, on: str) -> None:
        """Comments on a page or an attachment: readers see none there, so they
        are kept with the import record, counted and exported, not shown."""
        wanted = self._new_comments(item)
        self.rest_records.extend(
            [
                WordPressObject(
                    source=self.source,
                    kind=WordPressObject.Kind.COMMENT,
                    wp_id=comment.id,
                    object_id=None,
                    data={
                        "on": on,
                        "on_wp_id": item.post_id,
                        **_comment_record(comment),
                    },
                )
                for comment in wanted
            ]
        )
        if wanted:
            self.created["comments_kept_unshown"] += len(wanted)
            self._count(
                f"comments on {on}",
                "{n} comments on {what}s were kept with the import records (and "
                "go out again with export-wordpress); {what}s here show no "
                "comments.",
                what=on,
                n=len(wanted),
            )

    def _new_comments(self, item: WxrItem) -> list[WxrComment]:
        """The item's comments not imported before (an id is needed to tell).
        Those an earlier run imported never get here: ``read_wxr`` was given
        their ids and left them out, counting them in ``known_comments``.
        Editor notes are set apart (``_keep_notes``): they are no one's
        comments to read or moderate."""
        if item.known_comments:
            self.present["comments"] += item.known_comments
        fresh, notes = [], []
        for comment in item.comments:
            if comment.id is None:
                continue
            if comment.id in self.comment_ids:
                self._count(
                    "comment id twice",
                    "{n} comments share an id with an earlier comment of the file; "
                    "only the first was imported.",
                )
                continue
            self.comment_ids.add(comment.id)
            (notes if comment.type == NOTE else fresh).append(comment)
        if notes:
            self._keep_notes(item, notes)
        return fresh

    def _keep_notes(self, item: WxrItem, notes: list[WxrComment]) -> None:
        """WordPress 6.9's notes: the writers' private remarks on a post's
        blocks, stored as comments of the type "note" and always unapproved.
        Imported as comments they would wait in the moderation queue, one
        Approve from being published; so they are kept whole with the import
        records, as comments on pages are, which no reader or moderator sees,
        and go out again with ``export-wordpress`` (decision 0053)."""
        self.rest_records.extend(
            WordPressObject(
                source=self.source,
                kind=WordPressObject.Kind.COMMENT,
                wp_id=note.id,
                object_id=None,
                data={
                    "on": item.post_type or "item",
                    "on_wp_id": item.post_id,
                    **_comment_record(note),
                },
            )
            for note in notes
        )
        self.created["notes_kept_unshown"] += len(notes)
        self._count(
            "editor notes",
            "{n} editor notes (WordPress's private notes on blocks, which only "
            "the writers saw) were kept with the import records, shown to no "
            "one here, and go out again with export-wordpress.",
            n=len(notes),
        )

    def _comments_known(self) -> set[int]:
        """The ids of the comments an earlier run imported from this blog,
        read once (a look-up per post is slow)."""
        if self.comments_known is None:
            self.comments_known = set(
                WordPressObject.objects.filter(
                    source=self.source, kind=WordPressObject.Kind.COMMENT
                )
                .values_list("wp_id", flat=True)
                .iterator(chunk_size=10_000)
            )
        return self.comments_known

    def _earlier_comments(self, wp_ids: Collection[int]) -> dict[int, int]:
        """Our comment ids for comments an earlier run brought, for the
        services to thread the replies written since under them: one query
        for a whole batch, none when no such id was imported before."""
        known = [wp_id for wp_id in wp_ids if wp_id in self._comments_known()]
        if not known:
            return {}
        return dict(
            WordPressObject.objects.filter(
                source=self.source,
                kind=WordPressObject.Kind.COMMENT,
                wp_id__in=known,
                object_id__isnull=False,
            ).values_list("wp_id", "object_id")
        )

    def _imported(
        self, comment: WxrComment, fallback: datetime | None
    ) -> ImportedComment:
        email = comment.author_email
        if email and not _valid_email(email):
            self._count(
                "comment email",
                "{n} comments had an invalid email address; it was left out.",
            )
            email = ""
        url = comment.author_url
        if url and not _valid_url(url):
            self._count(
                "comment url",
                "{n} comments had a website address that is not a valid http(s) "
                "address of at most 200 characters (a javascript: link, say); it "
                "was left out.",
            )
            url = ""
        ip = comment.author_ip or None
        if ip and not _valid_ip(ip):
            self._count(
                "comment ip", "{n} comments had an invalid IP address; it was left out."
            )
            ip = None
        status = COMMENT_STATUSES.get(comment.approved, Comment.Status.PENDING)
        if (META_COMMENT_STATUS, Comment.Status.REMOVED) in comment.meta:
            status = Comment.Status.REMOVED  # a placeholder our export sent as trash
        kind = COMMENT_KINDS.get(comment.type)
        if kind is None:
            self._count(
                f"comment type {comment.type}",
                "{n} comments of the type {what!r} came in as ordinary comments.",
                what=comment.type,
            )
            kind = Comment.Kind.COMMENT
        created = comment.date_gmt or self._local(comment.date) or fallback
        if comment.date_gmt is None and comment.date is not None:
            self._count(
                "comment local date",
                "{n} comments had no GMT date; their local date was read in the "
                "site's time zone.",
            )
        if len(comment.author) > 100:
            self._count(
                "comment author",
                "{n} comment author names were longer than 100 characters and "
                "were shortened.",
            )
        user = self.author_ids.get(comment.user_id) if comment.user_id else None
        return ImportedComment(
            key=comment.id,
            parent_key=comment.parent or None,
            author=Author(
                # WordPress keeps names HTML-escaped ("Tom &amp; Jerry"); here
                # they are text, escaped when shown.
                name=entity_text(comment.author).strip() or "Anonymous",
                email=email,
                url=url,
                user=user,
            ),
            body=comment_markdown(comment.content),
            status=status,
            created_at=created or timezone.now(),
            ip_address=ip,
            kind=kind,
        )


def _comment_meta(comment: WxrComment) -> dict[str, Any]:
    return {"meta": [list(pair) for pair in comment.meta]} if comment.meta else {}


def _original_text(comment: WxrComment, markdown: str) -> dict[str, str]:
    """WordPress's own text of a comment, when ``markdown`` (what is kept here)
    differs (it had HTML or characters Markdown escapes), so an export gives
    it back."""
    if markdown == comment.content.strip():
        return {}
    return {"content": comment.content}


def _comment_record(comment: WxrComment) -> dict[str, Any]:
    """A comment kept whole, for those on pages and attachments."""
    return {
        "author": comment.author,
        "author_email": comment.author_email,
        "author_url": comment.author_url,
        # The network only, as every comment here stores it (privacy page).
        "author_ip": ratelimit.truncated_ip(comment.author_ip) or "",
        "date": comment.date.isoformat() if comment.date else None,
        "date_gmt": comment.date_gmt.isoformat() if comment.date_gmt else None,
        "content": comment.content,
        "approved": comment.approved,
        "type": comment.type,
        "parent": comment.parent,
        "user_id": comment.user_id,
        **_comment_meta(comment),
    }


@functools.lru_cache(maxsize=4096)
def _valid_url(value: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return len(value) <= 200


@functools.lru_cache(maxsize=4096)
def _valid_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
