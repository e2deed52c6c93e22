"""The conversation under a post, plugged into the post page (posts.extensions)."""

from django.http import Http404, HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from linernotes.core.middleware import carries_session
from linernotes.core.site import site_settings
from linernotes.posts.access import is_readable
from linernotes.posts.models import Post
from linernotes.users.avatars import avatar_urls
from linernotes.users.selectors import commenting_as

from . import selectors
from .forms import CommentForm
from .rendering import render_comments
from .services import comments_are_open


def comment_section(request: HttpRequest, post: Post) -> SafeString:
    """The responses heading, one page of the thread and the reply form.

    A fixed handful of queries however long the conversation, and nothing about
    an anonymous reader, so the post page stays shareable. ``?cpage=`` and ``?replyto=``
    are part of the URL, not the reader: pages and replies without JavaScript.
    """
    site = site_settings()
    page = selectors.thread_page(post, _page_number(request))
    if page is None:
        raise Http404("No such page of comments.")
    wanted = request.GET.get("replyto", "")
    reply_to = next((c for c in page.comments if str(c.pk) == wanted), None)
    is_open = comments_are_open(post, site)
    later = page.number > 1
    shown = [*page.context, *page.comments]
    avatars = avatar_urls(c.user_id for c in shown if c.user_id)
    context = {
        "post": post,
        "page": page,
        "context_html": render_comments(
            page.context, levels=site.comment_depth, avatars=avatars
        ),
        "comments_html": render_comments(
            page.comments,
            levels=site.comment_depth,
            avatars=avatars,
            open=is_open,
            page_query=f"cpage={page.number}&" if later else "",
            page_link=f"?cpage={page.number}" if later else "",
        ),
        "open": is_open,
        # The comment feeds serve only posts everyone may read (posts.access).
        "has_feeds": is_readable(post),
        "form": CommentForm(initial={"parent": reply_to.pk if reply_to else None}),
        "reply_to": reply_to,
        "commenting_as": _signed_in_reader(request),
    }
    html = render_to_string("comments/_section.html", context, request=request)
    return mark_safe(html)  # noqa: S308 - the template escapes; this is its output


def _signed_in_reader(request: HttpRequest) -> dict | None:
    """Who a signed-in reader comments as, so the form says so without JavaScript.

    Read only when the request carries a session (``core.middleware``), so the
    page anonymous readers share never holds it. Everyone else learns it from
    /account/me.json.
    """
    if not carries_session(request):
        return None
    return commenting_as(request).get("commenting_as")


def _page_number(request: HttpRequest) -> int:
    value = request.GET.get("cpage", "1")
    if not value.isdigit():
        raise Http404("No such page of comments.")
    return int(value)
