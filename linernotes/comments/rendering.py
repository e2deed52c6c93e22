"""Comments as HTML, built in Python rather than through a template.

A post page shows up to 50 comments, and Django's template engine spent about
0.35 ms on each (variable lookups, two date filters, a footer include): with 18
comments that was over a third of an uncached post page, the benchmark's
bottleneck (docs/decisions/0013-post-page-rendering-cost.md). Every value is
escaped with ``html.escape``, as the template's autoescaping did (the same
function underneath); the body is the sanitised HTML stored with the comment.
Each card leads with the writer's face: an account's uploaded avatar or
identicon (``users.avatars``), a guest's initial on one of the theme's sleeve
colours. Footers that apps above comments add (likes) are functions of the same
kind, registered through ``comments.extensions``; they sit on one quiet line
with the reply link.
"""

from datetime import datetime
from html import escape
from zlib import crc32

from django.utils.dateformat import format as format_date
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from linernotes.core.routing import reverse_cached
from linernotes.users.identicons import identicon_digest

from . import extensions
from .models import Comment

HELD = "Your comment is awaiting moderation; only you can see it here."
CHECKED = "Your comment is being held for a writer to check."


def render_comments(comments: list[Comment], **options: object) -> SafeString:
    """Several comments in thread order, as list items."""
    return mark_safe("".join(render_comment(c, **options) for c in comments))  # noqa: S308 - built from escaped parts


def render_comment(
    comment: Comment,
    *,
    open: bool = False,  # noqa: A002 - the word the templates use
    own: bool = False,
    page_link: str = "",
    page_query: str = "",
    levels: int = 10,
    avatars: dict[int, str] | None = None,
) -> SafeString:
    """A comment card: author, permalink and date, body, footers, reply link.

    ``open``: comments are open, so show the reply link. ``own``: shown to its
    writer just after posting, so say when it waits for moderation.
    ``page_link`` / ``page_query``: the ``?cpage=`` part for later pages.
    ``levels``: the blog's reply depth; a comment stored deeper (a thread
    imported from another blog) is shown at the deepest level.
    ``avatars``: {user id: picture URL} for the accounts on the page
    (``users.avatars.avatar_urls``); an account missing there shows its identicon.
    """
    pk, status = comment.pk, comment.status
    depth = min(comment.depth, levels - 1)
    classes = f"comment depth-{depth}"
    if status == Comment.Status.REMOVED:
        classes += " is-removed"
        inner = '<p class="comment-removed">This comment was removed.</p>'
    else:
        if status == Comment.Status.PENDING:
            classes += " is-pending"
        inner = _card(comment, open, own, escape(page_link), escape(page_query))
        inner = _avatar(comment, avatars) + inner
    return mark_safe(  # noqa: S308 - built from escaped parts
        f'<li class="{classes}" id="comment-{pk}" data-comment-pk="{pk}" '
        f'data-depth="{depth}">{inner}</li>\n'
    )


def _card(comment: Comment, open: bool, own: bool, link: str, query: str) -> str:  # noqa: A002
    pk, name = comment.pk, escape(comment.author_name)
    author = name
    if comment.author_url:
        url = escape(comment.author_url)
        author = f'<a href="{url}" rel="nofollow ugc noopener">{name}</a>'
    created = localtime(comment.created_at)
    edited = ""
    if comment.edited_at:
        when = escape(format_date(localtime(comment.edited_at), "j F Y, H:i"))
        edited = f' <span class="comment-edited" title="Edited {when}">edited</span>'
    held = ""
    if own and comment.status == Comment.Status.PENDING:
        held = f'<p class="comment-held" role="status">{HELD}</p>'
    elif own and comment.status != Comment.Status.APPROVED:
        held = f'<p class="comment-held" role="status">{CHECKED}</p>'
    footers = ""
    if comment.status == Comment.Status.APPROVED:  # nobody likes a held comment
        footers = "".join(footer(comment) for footer in extensions.comment_footers())
    reply = ""
    if open:
        reply = (
            f'<p class="comment-actions"><a class="comment-reply" '
            f'href="?{query}replyto={pk}#respond" data-reply-to="{pk}" '
            f'data-reply-name="{name}" aria-label="Reply to {name}">Reply</a></p>'
        )
    footer = ""
    if footers or reply:
        footer = f'<div class="comment-footer">{footers}{reply}</div>'
    if comment.kind:  # another blog's post linking here (imported)
        kind = comment.get_kind_display()
        author = f'<span class="comment-kind">{kind}:</span> {author}'
    return (
        f'<div class="comment-main"><p class="comment-meta">'
        f'<span class="comment-author">{author}</span> '
        f'<a class="comment-permalink" href="{link}#comment-{pk}">'
        f'<time datetime="{created.isoformat()}">{_when(created)}</time></a>'
        f"{edited}</p>{held}"
        f'<div class="comment-body">{comment.body_html}</div>{footer}</div>'
    )


def _avatar(comment: Comment, avatars: dict[int, str] | None) -> str:
    """The face beside a comment; decorative, the name is written beside it."""
    user_id = comment.user_id
    if user_id:
        url = (avatars or {}).get(user_id) or reverse_cached(
            "users:identicon", digest=identicon_digest(user_id)
        )
        return (
            f'<span class="comment-avatar" aria-hidden="true"><img src="{escape(url)}"'
            f' alt="" width="36" height="36" loading="lazy"></span>'
        )
    name = comment.author_name.strip() or "?"
    sleeve = crc32(name.casefold().encode()) % 6
    return (
        f'<span class="comment-avatar sleeve-{sleeve}" aria-hidden="true">'
        f"{escape(name[0].upper())}</span>"
    )


def _when(moment: datetime) -> str:
    """``j F Y, H:i`` (25 November 2026, 17:12) without the date filter's cost."""
    month = MONTHS[moment.month]
    return f"{moment.day} {month} {moment.year}, {moment.hour:02d}:{moment.minute:02d}"
