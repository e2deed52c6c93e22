"""The only code that writes comments: submitting, threading, moderating, editing.

Each change readers can see (a comment approved, taken down, removed or edited
while shown) retires the cached copies of that post's page and of the comment
feeds, inside the same transaction; a held comment changes nothing cached.
"""

import zoneinfo
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from linernotes.core import pagecache, ratelimit
from linernotes.core.db import reserve_pk, reserve_pks
from linernotes.core.exceptions import LinerNotesError
from linernotes.core.markup import render_comment
from linernotes.core.models import SiteSettings
from linernotes.core.site import site_settings
from linernotes.core.text import strip_control_characters
from linernotes.posts.models import Post
from linernotes.posts.services import pages_changed
from linernotes.spam.checks import SpamCheck, Submission, Verdict, check_comment
from linernotes.spam.moderation import remember_decision, remember_discarded_spam

from . import events
from .history import HISTORY
from .models import Comment

# A second identical submission within this window is the same comment
# (a double click, or a retry after a time-out), not a new one.
DUPLICATE_WINDOW = timedelta(minutes=10)
# What readers see under a post: a removed comment stays as a placeholder.
SHOWN = frozenset({Comment.Status.APPROVED, Comment.Status.REMOVED})


# All that taking a comment reads of its post: whether it is open, and to this
# reader (posts.access), its address (the cached pages to retire) and its title
# (mail to whoever follows it).
POST_FIELDS_FOR_COMMENTS = (
    "title",
    "slug",
    "status",
    "published_at",
    "created_at",
    "comments_open",
    "password",
    "author_id",
)


class CommentRejected(LinerNotesError):
    """The comment cannot be accepted; the message says why."""


@dataclass(frozen=True)
class Author:
    """Who is writing: a signed-in account, or a guest's typed details."""

    name: str
    email: str = ""
    url: str = ""
    user: object | None = None
    trusted: bool = False  # a signed cookie or account showed earlier approval


def comments_are_open(post: Post, site: SiteSettings) -> bool:
    """Open unless the writer closed them or the post is older than the limit."""
    if not post.comments_open or not post.is_public:
        return False
    days = site.close_comments_after_days
    return days is None or post.published_at >= timezone.now() - timedelta(days=days)


def submit_comment(
    *,
    post: Post,
    author: Author,
    body: str,
    parent: Comment | None = None,
    ip_address: str | None = None,
    user_agent: str = "",
    submission_key: str | None = None,
    notify_replies: bool = False,
    site: SiteSettings | None = None,
    form_shown_at: datetime | None = None,
    honeypot: str = "",
) -> Comment:
    """Sanitise, spam-check, thread and store a reply; returns it, or the earlier
    copy when the same submission arrives twice.

    ``form_shown_at`` (from the form's signed token) and ``honeypot`` (the
    hidden field's value) are what the form adds for the spam checks.

    ``ip_address`` is the reader's full address; it goes no further than this
    function. The spam checks see and the comment keeps only its network
    (IPv4 /24, IPv6 /48), and the look-up for a repeated submission a keyed
    hash of it (decision 0037).

    Characters XML cannot carry are dropped from the text and the author's
    details, whatever the caller (form, import). The parent must belong to the
    same post; a reply deeper than the blog allows joins the deepest level.
    Whether it shows at once follows the blog's moderation policy and the spam
    verdict. ``site`` saves a query when the
    caller already holds the blog's settings (a request does).

    The costly part (rendering, the spam check) runs before the transaction: on
    SQLite a write transaction holds the database's one write lock, so it should
    only look for an earlier copy and write (bench/README.md, comment posting).
    """
    site = site or site_settings()
    if not comments_are_open(post, site):
        raise CommentRejected("Comments are closed on this post.")
    author, body = _xml_safe(author), strip_control_characters(body)
    placed = _placed_parent(post, parent, site.comment_depth)
    network = ratelimit.truncated_ip(ip_address)
    check = check_comment(
        _submission(author, body, network, user_agent, form_shown_at, honeypot)
    )
    comment = Comment(
        post=post,
        parent=placed,
        depth=placed.depth + 1 if placed else 0,
        user=author.user,
        author_name=author.name,
        author_email=author.email,
        author_url=author.url,
        body=body,
        body_html=render_comment(body),
        status=_initial_status(check, author, site),
        spam_verdict=check.verdict,
        spam_score=check.score,
        spam_reasons=check.reasons,
        ip_address=network,
        ip_hash=ratelimit.keyed_address(ip_address, "comment-repeat"),
        user_agent=user_agent[:300],
        submission_key=submission_key or None,
        notify_replies=notify_replies and bool(author.email),
    )
    try:
        with transaction.atomic():
            return _store(comment, site)
    except IntegrityError:
        if not submission_key:
            raise
        return _first_with_key(submission_key, post, author)


def _xml_safe(author: Author) -> Author:
    return replace(
        author,
        name=strip_control_characters(author.name),
        email=strip_control_characters(author.email),
        url=strip_control_characters(author.url),
    )


def _first_with_key(key: str, post: Post, author: Author) -> Comment:
    """The comment an earlier request stored under ``key`` (a double click, a
    retry), if it is the same writer's on the same post: a key is the browser's
    own, so finding another's comment under it means the key was copied."""
    earlier = Comment.objects.filter(
        submission_key=key, post=post, author_email=author.email
    ).first()
    if earlier is None:
        raise CommentRejected("This form was already used; reload the page.")
    return earlier


def _store(comment: Comment, site: SiteSettings) -> Comment:
    """The write itself, in the caller's transaction: a short one (no savepoint:
    the unique key's IntegrityError ends it, and the caller looks up the first)."""
    post = comment.post
    if not comment.submission_key:
        # Without a key only a look for an earlier copy tells a repeat; two
        # identical requests racing on PostgreSQL would both miss each other,
        # so they queue on the post's row (SQLite's one write lock does this).
        Post.objects.select_for_update().filter(pk=post.pk).exists()
        if earlier := _same_submission(comment):
            return earlier
    _insert_threaded(comment)
    if comment.status == Comment.Status.APPROVED:
        Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)
        retire_cached_pages(post=post, site=site)
        events.comment_published(comment)
    elif comment.status == Comment.Status.PENDING:
        events.comment_held(comment)
    return comment


def check_comment_rate(*, client: str) -> None:
    """Count one posting attempt from ``client`` (an IP address); raises
    RateLimited past LINERNOTES_COMMENT_RATE. The form and the JSON endpoint
    both call this, so they share one allowance."""
    ratelimit.enforce("comments", client, settings.LINERNOTES_COMMENT_RATE)


def _insert_threaded(comment: Comment) -> None:
    """Insert ``comment`` with its thread path, which ends with its own id.

    The id is taken before the insert, so the row (and its indexes) is
    written once: from PostgreSQL's sequence, or on SQLite from
    ``sqlite_sequence`` under the write lock the caller's transaction holds.
    Filling the path in by a second statement cost a posting a third of a
    millisecond of ORM work (bench/analysis.md, 2026-12-06).
    """
    comment.pk = reserve_pk(Comment)
    if comment.pk is None:
        (comment.pk,) = reserve_pks(Comment, 1)
    comment.thread_path = _thread_path(comment)
    comment.save(force_insert=True)


def _same_submission(comment: Comment) -> Comment | None:
    """The earlier copy of an unsaved, keyless ``comment``: the same words from
    the same person in the same place within DUPLICATE_WINDOW (on the (post,
    author_email, created_at) index). A keyed submission needs no look: the
    unique key refuses the second insert, and the caller returns the first.

    "The same person" includes the same account, or for a guest the same
    address and browser (IP address and user agent): whoever finds an earlier
    comment gets its receipt and edit link, and a stranger who retypes a
    regular's words under her address must get a new comment, not hers. The
    address is compared through its keyed hash, not the stored network: a
    neighbour on the same network is a stranger too.
    """
    return (
        Comment.objects.filter(
            post=comment.post,
            author_email=comment.author_email,
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
            parent=comment.parent,
            author_name=comment.author_name,
            body=comment.body,
            user=comment.user,
            ip_hash=comment.ip_hash,
            user_agent=comment.user_agent,
        )
        .order_by("pk")
        .first()
    )


def _placed_parent(
    post: Post, parent: Comment | None, max_depth: int
) -> Comment | None:
    if parent is None:
        return None
    if parent.post_id != post.pk:
        raise CommentRejected("That reply belongs to another post.")
    if parent.status not in (Comment.Status.APPROVED, Comment.Status.REMOVED):
        raise CommentRejected("That comment is not there to reply to.")
    # Too deep: up to the deepest level allowed, past any ancestor taken down
    # since (a reply under a trashed comment would show with no context).
    while parent is not None and (
        parent.depth + 1 >= max_depth or parent.status not in SHOWN
    ):
        parent = parent.parent
    return parent


def _thread_path(comment: Comment) -> str:
    own = f"{comment.pk:010d}"
    return f"{comment.parent.thread_path}.{own}" if comment.parent else own


def _submission(
    author: Author,
    body: str,
    ip: str | None,
    agent: str,
    form_shown_at: datetime | None,
    honeypot: str,
) -> Submission:
    """A new comment as the spam checks see it: it counts towards rates and
    duplicates (``record``), unlike an edit."""
    return Submission(
        body=body,
        author_name=author.name,
        author_email=author.email,
        author_url=author.url,
        ip_address=ip,
        user_agent=agent,
        signed_in=author.user is not None,
        form_shown_at=form_shown_at,
        honeypot=honeypot,
        trusted=author.trusted,
        history=HISTORY,
        record=True,
    )


def _initial_status(check: SpamCheck, author: Author, site: SiteSettings) -> str:
    if check.verdict == Verdict.SPAM:
        return Comment.Status.SPAM
    if (
        check.verdict == Verdict.HOLD
        or site.comment_moderation == site.Moderation.HOLD_ALL
    ):
        return Comment.Status.PENDING
    if site.comment_moderation == site.Moderation.HOLD_FIRST and not author.trusted:
        return Comment.Status.PENDING
    return Comment.Status.APPROVED


# What a moderation decision says about the words, for the spam training:
# approved is ham, spam is spam; trash or the queue says nothing.
_DECIDED = {Comment.Status.APPROVED: False, Comment.Status.SPAM: True}


@transaction.atomic
def moderate_comment(*, comment: Comment, status: str) -> Comment:
    """Approve, mark as spam, trash or restore (back to the queue, ``PENDING``);
    keeps the post's count right and the decision's text as spam training
    data (``spam.moderation``): approved is ham, spam is spam, however the
    writer got there, as the periodic ``spam.services.remember_decisions``
    counts them too. Every approved comment is kept as a good example, also
    one the check passed and only the blog's policy held: the blog's own
    approved comments, long ones included, keep the text model from reading
    "long" as "spam" (issue 11). Trash and the queue teach nothing and drop
    what an earlier decision kept, since that decision is withdrawn; trashed
    comments stay restorable until ``purge_discarded_comments`` deletes them
    (LINERNOTES_DISCARDED_COMMENT_DAYS after they were trashed)."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    before = locked.status
    locked.status = status
    locked.status_changed_at = timezone.now()
    locked.save(update_fields=["status", "status_changed_at"])
    _count_change(locked, before)
    if status == Comment.Status.APPROVED and before != status:
        events.comment_published(locked)
    if locked.kind == Comment.Kind.COMMENT:
        # The decision teaches the next training at once (approved = ham).
        remember_decision(
            comment_id=locked.pk, text=locked.body, spam=_DECIDED.get(status)
        )
    return locked


@transaction.atomic
def revise_comment(*, comment: Comment, body: str) -> Comment:
    """A moderator's edit of a comment's text from the desk (the row's "Edit"):
    a typo fixed, a link or a phone number taken out.

    Unlike ``edit_comment`` (the commenter's own, within the edit window), it
    keeps the status, runs no spam check (a writer wrote these words) and
    does not mark the comment "edited" for readers, as WordPress does not.
    Training text kept for an earlier decision keeps the commenter's words,
    which are what the model should learn from. The pages showing the
    comment are refreshed."""
    locked = (
        Comment.objects.select_for_update().select_related("post").get(pk=comment.pk)
    )
    body = strip_control_characters(body)
    if body == locked.body:
        return locked
    locked.body, locked.body_html = body, render_comment(body)
    locked.save(update_fields=["body", "body_html"])
    if locked.status in SHOWN:
        retire_cached_pages(post=locked.post)
    return locked


def _count_change(comment: Comment, before: str) -> None:
    """Keep the post's count of approved comments and its cached pages right
    after ``comment`` went from status ``before`` to its current one."""
    was = before == Comment.Status.APPROVED
    now = comment.status == Comment.Status.APPROVED
    if was != now:
        Post.objects.filter(pk=comment.post_id).update(
            comment_count=F("comment_count") + (1 if now else -1)
        )
    if before != comment.status and (before in SHOWN or comment.status in SHOWN):
        retire_cached_pages(post=comment.post)


def edit_window_open(comment: Comment, site: SiteSettings) -> bool:
    """A comment may be edited by its writer for the blog's edit window, unless
    a writer has already marked it as spam, trashed or removed it."""
    minutes = site.comment_edit_minutes
    return (
        minutes > 0
        and comment.status in (Comment.Status.APPROVED, Comment.Status.PENDING)
        and timezone.now() <= comment.created_at + timedelta(minutes=minutes)
    )


@transaction.atomic
def edit_comment(*, comment: Comment, body: str) -> Comment:
    """Replace a comment's text within the edit window. The new text goes
    through the spam check again: a spam or hold verdict takes an approved
    comment down until a writer looks. The caller has checked who is editing."""
    site = site_settings()
    body = strip_control_characters(body)
    locked = (
        Comment.objects.select_for_update().select_related("post").get(pk=comment.pk)
    )
    if not edit_window_open(locked, site):
        raise CommentRejected("The time to edit this comment has passed.")
    check = check_comment(
        Submission(
            body=body,
            author_name=locked.author_name,
            author_email=locked.author_email,
            author_url=locked.author_url,
            ip_address=locked.ip_address,
            user_agent=locked.user_agent,
            signed_in=locked.user_id is not None,
        )
    )
    before = locked.status
    if check.verdict == Verdict.SPAM:
        locked.status = Comment.Status.SPAM
    elif check.verdict == Verdict.HOLD:
        locked.status = Comment.Status.PENDING
    locked.body, locked.body_html = body, render_comment(body)
    locked.spam_verdict, locked.spam_score = check.verdict, check.score
    locked.spam_reasons = check.reasons
    locked.edited_at = timezone.now()
    locked.save()
    _count_change(locked, before)
    if before == locked.status == Comment.Status.APPROVED:
        retire_cached_pages(post=locked.post, site=site)
    elif locked.status == Comment.Status.PENDING and before != locked.status:
        events.comment_held(locked)
    return locked


def comment_page_paths(post: Post, site: SiteSettings) -> Iterable[str]:
    """Every URL path whose page shows ``post``'s comments."""
    # The post's URL carries its date in the blog's time zone, whatever the
    # current one is (a worker or a command runs in UTC).
    with timezone.override(zoneinfo.ZoneInfo(site.time_zone)):
        yield post.get_absolute_url()
    for name in ("comments:post_feed", "comments:post_atom"):
        yield reverse(name, args=[post.pk])
    for name in ("comments:feed", "comments:atom"):
        yield reverse(name)


def retire_cached_pages(*, post: Post, site: SiteSettings | None = None) -> None:
    """Retire the cached pages that show ``post``'s comments, and only those.
    Call inside the transaction that changes them."""
    site = site or site_settings()
    pagecache.invalidate_paths(comment_page_paths(post, site))


@transaction.atomic
def reply_as_writer(*, parent: Comment, user, body: str) -> Comment:
    """A writer answers from the moderation queue ("approve and reply").

    A held comment being answered is fit to show, so it is approved first; the
    writer's reply shows at once, whatever the blog's moderation policy.
    """
    if parent.status != Comment.Status.APPROVED:
        parent = moderate_comment(comment=parent, status=Comment.Status.APPROVED)
    author = Author(name=user.public_name, email=user.email, user=user, trusted=True)
    reply = submit_comment(post=parent.post, author=author, body=body, parent=parent)
    if reply.status != Comment.Status.APPROVED:
        reply = moderate_comment(comment=reply, status=Comment.Status.APPROVED)
    return reply


def purge_discarded_comments(now: datetime | None = None) -> int:
    """Delete spam and trash a writer has left alone for
    LINERNOTES_DISCARDED_COMMENT_DAYS (30 by default); until then they can be
    restored. The text of the spam is kept first as training data (and
    nothing else about its writer). Returns how many went. Safe to run twice
    or from two workers."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.LINERNOTES_DISCARDED_COMMENT_DAYS)
    discarded = Comment.objects.filter(
        status__in=[Comment.Status.SPAM, Comment.Status.TRASH]
    ).filter(
        Q(status_changed_at__lt=cutoff)
        | Q(status_changed_at=None, created_at__lt=cutoff)
    )
    with transaction.atomic():
        # Only the spam's text outlives it, as training data (spam.moderation).
        remember_discarded_spam(discarded)
        deleted, _ = discarded.delete()
    return deleted


@dataclass(frozen=True)
class ImportedComment:
    """A comment as another blog stored it, for ``import_comments``.

    ``key`` and ``parent_key`` are the other blog's ids. A parent is looked
    for among the comments of the same call first, then (through the caller's
    ``earlier``) among those an earlier call stored. The caller has already
    checked the author's details (an invalid address is passed empty).
    """

    key: int
    parent_key: int | None
    author: Author
    body: str
    status: str
    created_at: datetime
    ip_address: str | None = None
    user_agent: str = ""
    kind: str = Comment.Kind.COMMENT


# Given the other blog's ids of comments not in the call, our ids for those an
# earlier call stored (the importer's records know them; this module does not).
EarlierComments = Callable[[Collection[int]], Mapping[int, int]]


def import_comments(
    *,
    post: Post,
    comments: Iterable[ImportedComment],
    earlier: EarlierComments | None = None,
) -> dict[int, Comment]:
    """Store a post's comments as another blog had them; returns them by key.

    The import mode of ``submit_comment``: text is cleaned and rendered the
    same way, but status, date, author and threading are kept as given (any
    depth up to ``Comment.MAX_DEPTH``), and nothing is checked (open or closed,
    rate, spam: the other blog decided) or sent (no mail, no events). A parent
    missing from ``comments`` puts its reply at the top level; the caller
    reports such cases. A reply to a comment an earlier call stored (a later
    export of the same blog) goes under it, found through ``earlier``.
    Spam and trash count as moderated now, so they stay
    recoverable for the usual time before the purge. Written a thread level at
    a time, in bulk: the importer's speed comes from here, not from a second
    path. Ids are reserved before the insert (one statement for all), so the
    rows go in with their thread paths in one bulk insert, parents first.
    The post's count follows at once; cached pages are
    retired after commit, or once at the end of the post services' ``batch()``
    an importer runs in.
    """
    return import_threads([(post, comments)], earlier=earlier)[0]


def import_threads(
    threads: Sequence[tuple[Post, Iterable[ImportedComment]]],
    *,
    earlier: EarlierComments | None = None,
) -> list[dict[int, Comment]]:
    """``import_comments`` for the threads of many posts at once (an importer's
    batch of posts): one id reservation, one bulk insert and one count update
    for them all, instead of three statements per post. Parents outside the
    call are looked up once for all of it (``earlier``, then one read of those
    comments), never per comment. Returns each post's comments by key, in the
    order given."""
    given = [(post, {c.key: c for c in comments}) for post, comments in threads]
    stored_before = _earlier_parents(given, earlier)
    planned = []
    for post, wanted in given:
        anchors = {
            key: parent
            for key, parent in stored_before.items()
            if parent.post_id == post.pk and key not in wanted
        }
        parents = _placed_parents(wanted, anchors)
        order = [key for level in _levels(wanted, parents) for key in level]
        planned.append((post, wanted, parents, anchors, order))
    ids = iter(reserve_pks(Comment, sum(len(plan[4]) for plan in planned)))
    now = timezone.now()
    results: list[dict[int, Comment]] = []
    approved: dict[int, int] = {}
    for post, wanted, parents, anchors, order in planned:
        stored: dict[int, Comment] = {}
        for key in order:  # parents first, so each reply finds its parent's path
            given = wanted[key]
            above = parents[key]
            parent = None if above is None else stored.get(above) or anchors[above]
            author = _xml_safe(given.author)
            body = strip_control_characters(given.body)
            comment = Comment(
                pk=next(ids),
                post=post,
                parent=parent,
                depth=parent.depth + 1 if parent else 0,
                kind=given.kind,
                user=author.user,
                author_name=author.name[:100],
                author_email=author.email,
                author_url=author.url,
                body=body,
                body_html=render_comment(body),
                status=given.status,
                ip_address=ratelimit.truncated_ip(given.ip_address),
                user_agent=given.user_agent[:300],
                created_at=given.created_at,
                status_changed_at=(
                    now
                    if given.status in (Comment.Status.SPAM, Comment.Status.TRASH)
                    else None
                ),
            )
            comment.thread_path = _thread_path(comment)
            stored[key] = comment
        results.append(stored)
        counted = sum(c.status == Comment.Status.APPROVED for c in stored.values())
        if counted:
            approved[post.pk] = counted
    # Ids ascend parents first within each post, so every parent is inserted
    # before its replies.
    Comment.objects.bulk_create(
        [comment for stored in results for comment in stored.values()],
        batch_size=500,
    )
    if approved:
        Post.objects.filter(pk__in=approved).update(
            comment_count=F("comment_count")
            + Case(
                *(When(pk=pk, then=Value(n)) for pk, n in approved.items()),
                default=Value(0),
            )
        )
    if any(results):
        pages_changed()
    return results


def _earlier_parents(
    threads: Sequence[tuple[Post, dict[int, ImportedComment]]],
    earlier: EarlierComments | None,
) -> dict[int, Comment]:
    """The stored comments, by the other blog's key, that replies of this call
    name as parents while no thread of the call holds them: one question to
    ``earlier`` and one read for the whole call, none when nothing is missing.

    A comment already at ``Comment.MAX_DEPTH`` gives way to its own parent
    (built from its path, no read), as inside a call: the reply then sits
    beside it, at the deepest level allowed."""
    missing = {
        c.parent_key
        for _, wanted in threads
        for c in wanted.values()
        if c.parent_key is not None and c.parent_key not in wanted
    }
    if not missing or earlier is None:
        return {}
    ours = {key: pk for key, pk in earlier(missing).items() if key in missing}
    if not ours:
        return {}
    rows = Comment.objects.filter(pk__in=set(ours.values())).only(
        "pk", "post_id", "parent_id", "depth", "thread_path"
    )
    by_pk = {row.pk: row for row in rows}
    found: dict[int, Comment] = {}
    for key, pk in ours.items():
        row = by_pk.get(pk)  # gone when deleted here since: the reply starts a thread
        if row is None:
            continue
        if row.depth + 1 >= Comment.MAX_DEPTH and row.parent_id is not None:
            row = Comment(
                pk=row.parent_id,
                post_id=row.post_id,
                depth=row.depth - 1,
                thread_path=row.thread_path.rpartition(".")[0],
            )
        found[key] = row
    return found


def _placed_parents(
    comments: dict[int, ImportedComment], anchors: Mapping[int, Comment]
) -> dict[int, int | None]:
    """Each key's parent as stored (a key of ``comments`` or of ``anchors``,
    the comments stored before on the same post): none for a missing parent or
    a loop's members; past ``Comment.MAX_DEPTH``, the deepest ancestor
    allowed."""
    parents: dict[int, int | None] = {}
    depth: dict[int, int] = {key: anchor.depth for key, anchor in anchors.items()}
    for start in comments:
        chain: list[int] = []
        key: int | None = start
        while key is not None and key not in depth and key not in chain:
            chain.append(key)
            parent = comments[key].parent_key
            key = parent if parent in comments or parent in anchors else None
        if key in chain:  # a loop: its members start threads of their own
            loop = chain[chain.index(key) :]
            for member in loop:
                parents[member], depth[member] = None, 0
            chain = chain[: chain.index(key)]
            key = loop[0]
        for each in reversed(chain):
            if key is None:
                parents[each], depth[each] = None, 0
            elif depth[key] + 1 < Comment.MAX_DEPTH:
                parents[each], depth[each] = key, depth[key] + 1
            else:
                parents[each], depth[each] = parents[key], depth[key]
            key = each
    return parents


def _levels(
    comments: dict[int, ImportedComment], parents: dict[int, int | None]
) -> list[list[int]]:
    """The keys a thread level at a time, parents first, each level by date
    (a reply to a comment stored before is written with the first level)."""
    depth: dict[int, int] = {}

    def level_of(key: int) -> int:
        if key not in depth:
            parent = parents[key]
            depth[key] = 0 if parent not in comments else level_of(parent) + 1
        return depth[key]

    levels: list[list[int]] = []
    for key in comments:
        level = level_of(key)
        while len(levels) <= level:
            levels.append([])
        levels[level].append(key)
    for level in levels:
        level.sort(key=lambda k: (comments[k].created_at, k))
    return levels
