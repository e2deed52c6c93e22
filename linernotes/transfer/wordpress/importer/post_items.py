"""New posts, made ready a batch at a time and written together, and the
text, title, slug and date every post or page of the file gets."""

from __future__ import annotations

import html
from collections.abc import Collection
from datetime import datetime
from typing import Any, Literal
from urllib.parse import unquote

import nh3
from django.db import transaction

from linernotes.comments.services import import_threads
from linernotes.core.slugs import unique_slug
from linernotes.posts import services as posts
from linernotes.posts.models import Post
from linernotes.transfer import redirects
from linernotes.transfer.models import LegacyRedirect, WordPressObject
from linernotes.users.models import User

from ..content import convert_content
from ..reader import WxrItem
from ..writer import META_MARKDOWN, META_SERIES_POSITION
from .authors import _Authors
from .base import _NewPost
from .comments import _Comments
from .terms import _Terms

POST_STATUSES = {
    "publish": Post.Status.PUBLISHED,
    "future": Post.Status.SCHEDULED,
    "draft": Post.Status.DRAFT,
    "pending": Post.Status.PENDING,
    "private": Post.Status.PRIVATE,
}
FEEDBACK_CATEGORY = "Contact-form messages"
TITLE_LENGTH = Post._meta.get_field("title").max_length


class _Posts(_Authors, _Terms, _Comments):
    """Posts: new ones in batches (decision 0039), an earlier run's topped up."""

    def _post(self, item: WxrItem, owner: User, *, feedback: bool) -> None:
        """A post an earlier run imported: only what it lacks comes in (new
        posts are written in batches: ``_new_post``, ``_write_posts``)."""
        mapped = self._mapped(WordPressObject.Kind.POST, item.post_id) or 0
        self.present["posts"] += 1
        self._item_categories(item)  # counted as already here
        self._item_tags(item)
        self.posts_by_wp_id[item.post_id] = mapped
        if mapped:  # a post deleted here since stays deleted
            self._comments_on_post(item, mapped)
            self.media.fill_in_post(mapped, item, editor=owner)  # 0032

    def _new_post(self, item: WxrItem, owner: User, feedback: bool) -> _NewPost:
        """Everything about a new post that needs no write of its own: its
        status, text, terms and comments, ready for ``_write_posts``."""
        status = POST_STATUSES.get(item.status)
        password = self._password(item)
        if item.post_id in self.needs_new_password:
            status = Post.Status.DRAFT
        if feedback:
            status = Post.Status.PRIVATE
        elif status is None:
            self._count(
                f"status {item.status!r}",
                "{n} posts had the WordPress status {what!r}, which Liner Notes has "
                "no equivalent for; they came in as drafts.",
                what=item.status,
            )
            status = Post.Status.DRAFT
        title = self._title(item)
        published_at = self._date(item)
        tags = self._item_tags(item)
        categories, series = self._item_categories(item)
        if feedback:
            categories.append(
                posts.get_or_create_category(name=FEEDBACK_CATEGORY, parent=None)
            )
        self.media.begin()
        post = Post(
            title=title,
            author=self._author_of(item, owner) if not feedback else owner,
            body=self._body(item),
            excerpt=html.unescape(nh3.clean(item.excerpt, tags=set())).strip(),
            status=status,
            published_at=published_at if status != Post.Status.DRAFT else None,
            password=password,
            sticky=item.is_sticky,
            comments_open=item.comment_status != "closed" and not feedback,
            series=series,
            series_position=_position(item) if series is not None else None,
        )
        post.created_at = published_at or self._local(item.post_date)
        data = _kept_data(item)
        if listings := self.listings.pop(item.post_id, None):
            data["listings"] = listings
        comments = self._new_comments(item)
        fallback = post.published_at or post.created_at
        return _NewPost(
            item=item,
            post=post,
            tags=tags,
            categories=categories,
            data=data,
            comments=comments,
            given=[self._imported(c, fallback) for c in comments],
        )

    def _name_posts(self, batch: list[_NewPost]) -> None:
        """The batch's slugs (``_slug``), two queries for all when they are free."""
        named = [entry for entry in batch if entry.item.post_name.strip()]
        found = redirects.import_post_slugs(
            [(entry.item.post_name, entry.item.title) for entry in named]
        )
        claimed = set()
        for entry, slug in zip(named, found, strict=True):
            self._long_slug(entry.item)
            if slug.renamed:
                self.warnings.append(slug.renamed)
            entry.post.slug = slug.slug
            claimed.add(slug.slug)
        for entry in batch:
            if not entry.post.slug:
                entry.post.slug = self._slug(entry.item, "post", claimed=claimed)
                claimed.add(entry.post.slug)

    def _write_posts(self, batch: list[_NewPost]) -> int:
        """Store a batch of new posts with their comments, import records and
        old addresses: a statement or two per kind for the whole batch, through
        the services' batch modes. Returns how many redirects were new."""
        owner = self.owner
        posts.save_posts_as(
            editor=owner,
            posts=[posts.NewPost(e.post, e.tags, e.categories) for e in batch],
            import_mode=True,
        )
        records, old_paths, known = [], [], {}
        for entry in batch:
            post, item = entry.post, entry.item
            data = entry.data | self._post_media(post, item, owner)
            records.append(
                self._item_record(WordPressObject.Kind.POST, item, post.pk, data)
            )
            self.post_addresses[post.pk] = post.get_absolute_url()
            paths, addresses = redirects.item_redirects(
                item,
                blog_root=self.blog_root,
                target_type=LegacyRedirect.Target.POST,
                target_id=post.pk,
                address=post.get_absolute_url(),
            )
            old_paths += paths
            known |= addresses
        threads = [entry for entry in batch if entry.given]
        stored = import_threads(
            [(entry.post, entry.given) for entry in threads],
            earlier=self._earlier_comments,
        )
        for entry, comments in zip(threads, stored, strict=True):
            records += self._comment_records(entry.comments, entry.given, comments)
        WordPressObject.objects.bulk_create(records)
        return redirects.add_redirects(old_paths, known=known, source=self.source)

    def _written(self, batch: list[_NewPost], redirects_added: int) -> None:
        """Count a batch once its transaction is done."""
        for entry in batch:
            post, item = entry.post, entry.item
            if post.series_id is not None and _position(item) is None:
                self.series_touched.add(post.series_id)  # ordered by date at the end
            if "listings" in entry.data:
                self.created["listings_to_confirm"] += 1
            self.items_known[(WordPressObject.Kind.POST, item.post_id)] = post.pk
            self.posts_by_wp_id[item.post_id] = post.pk
            self.created["posts"] += 1
            if entry.given:
                self.created["comments"] += len(entry.given)
        self.redirects += redirects_added

    def _write_alone(self, entry: _NewPost) -> None:
        entry.reset()
        try:
            with transaction.atomic():
                added = self._write_posts([entry])
        except Exception as error:  # noqa: BLE001 - any error, reported
            item = entry.item
            self.warnings.append(
                f"{item.post_type} {item.post_id} “{item.title[:60]}” could not be "
                f"imported ({type(error).__name__}: {error}); the other items "
                "were. Run the import again once it is mended: it adds only "
                "what is missing."
            )
            return
        self._written([entry], added)

    def _post_media(self, post: Post, item: WxrItem, owner: User) -> dict[str, Any]:
        """Store the files the new post uses (decision 0032), then save it again
        with their addresses in its body and its cover; returns what the
        import record keeps of them."""
        stored = self.media.store_post_files(post, item)
        if not stored:
            return {}
        post.body = self.media.body(item, post)
        posts.save_post_as(editor=owner, post=post, import_mode=True)
        return {"media": stored}

    def _password(self, item: WxrItem) -> str:
        longest = Post._meta.get_field("password").max_length
        if len(item.post_password) > longest:
            # Cut, it would unlock nothing: readers need the one they know.
            self.warnings.append(
                f"Post {item.post_id} “{item.title[:60]}”: its password is longer "
                f"than {longest} characters and could not be kept; the post "
                "came in as a draft, to be given a new password."
            )
            self.needs_new_password.add(item.post_id)
            return ""
        return item.post_password

    def _title(self, item: WxrItem) -> str:
        if len(item.title) <= TITLE_LENGTH:
            return item.title
        self.warnings.append(
            f"{item.post_type} {item.post_id}: its title is {len(item.title)} "
            f"characters long; the first {TITLE_LENGTH - 1} were kept, with “…”."
            " The whole title is kept with the import record."
        )
        return item.title[: TITLE_LENGTH - 1] + "…"

    def _slug(
        self,
        item: WxrItem,
        kind: Literal["post", "page"],
        *,
        claimed: Collection[str] = (),
    ) -> str:
        """The item's own slug, transliterated; an empty one (a draft's) takes
        the title's words, but never a slug a later item of the file holds,
        nor one ``claimed`` by the batch's posts not stored yet."""
        if not item.post_name.strip() and kind == "post":
            taken = self.summary.slugs
            return unique_slug(
                item.title,
                Post,
                reserved=lambda base: [
                    s for s in (*taken, *claimed) if s.startswith(base)
                ],
            )
        self._long_slug(item)
        found = redirects.import_slug(item.post_name, title=item.title, kind=kind)
        if found.renamed:
            self.warnings.append(found.renamed)
        return found.slug

    def _long_slug(self, item: WxrItem) -> None:
        if len(unquote(item.post_name)) > 200:
            self._count(
                "long slug",
                "{n} slugs were longer than 200 characters and were shortened; "
                "their old addresses still lead to them.",
            )

    def _body(self, item: WxrItem) -> str:
        """WordPress's markup as this blog's (decision 0030); what could not
        come exactly is counted for the report, and listings are offered."""
        own = dict(item.meta).get(META_MARKDOWN)
        if own is not None:  # exported by Liner Notes: the writer's own source
            return own
        converted = convert_content(
            item.content,
            new_url=self.media.new_url,
            attachment_url=self.media.attachment_url,
        )
        for warning in converted.warnings:
            self._count(
                f"content: {warning}",
                "{n} posts or pages: {what}",
                what=warning,
            )
        if converted.listings:
            self.listings[item.post_id] = converted.listings
        return converted.body

    def _date(self, item: WxrItem) -> datetime | None:
        if item.post_date_gmt is not None:
            return item.post_date_gmt
        local = self._local(item.post_date)
        if local is None and item.status in ("publish", "future", "private"):
            self._count(
                "no date",
                "{n} published items had no valid date (neither post_date_gmt nor "
                "post_date); they are dated at the import: set their dates in "
                "the admin.",
            )
        return local


def _kept_data(item: WxrItem) -> dict[str, Any]:
    """What no column holds: the item's meta, format, link and whole title."""
    data: dict[str, Any] = {"link": item.link, "post_type": item.post_type}
    if item.meta:
        data["meta"] = [list(pair) for pair in item.meta]
    formats = [t.nicename for t in item.terms if t.domain == "post_format"]
    if formats:
        data["format"] = formats[0]
    if len(item.title) > TITLE_LENGTH:
        data["title"] = item.title
    other = [
        [t.domain, t.nicename, t.name]
        for t in item.terms
        if t.domain not in ("category", "post_tag", "post_format")
    ]
    if other:
        data["terms"] = other
    return data


def _position(item: WxrItem) -> int | None:
    """The place in its series a Liner Notes export gave the post, if any."""
    text = dict(item.meta).get(META_SERIES_POSITION, "")
    return int(text) if text.isdigit() and int(text) < 2**31 else None
