"""How a row of the moderation list shows a comment: as readers see it, with
who wrote it under which post and when, its spam check in words, and its
actions as a line of links (``decisions.ROW_ACTIONS``)."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from linernotes.core.dates import moment_html

from ..models import Comment
from ..moderation import spam_summary
from .decisions import ROW_ACTIONS

# Words of a comment shown in the list: enough to judge most at a glance.
LIST_WORDS = 45


def _comment_text(body_html: str) -> SafeString:
    # body_html was sanitised (core.markup) when the comment was stored.
    return format_html('<div class="comment-text">{}</div>', mark_safe(body_html))  # noqa: S308


class CommentCells:
    """The list's cells and the comment page's read-only views of a comment,
    mixed into ``CommentAdmin``."""

    def _comment_cell(self, obj: Comment, actions: str) -> SafeString:
        """Who (and their address), under which post (a link that filters the
        list to it) and when (a link to the comment's page), the comment as
        readers see it, cut after LIST_WORDS words with its tags closed, then
        its actions."""
        change = reverse("admin:comments_comment_changelist")
        when = moment_html(obj.created_at)
        return format_html(
            '<div class="comment-meta"><span class="comment-author">{}</span> '
            '<span class="comment-email">{}</span> on '
            '<a class="comment-post" href="{}?post__id__exact={}">“{}”</a> · '
            '<a class="comment-date" href="{}">{}</a></div>{}{}',
            obj.author_name,
            obj.author_email,
            change,
            obj.post_id,
            obj.post.title,
            reverse("admin:comments_comment_change", args=[obj.pk]),
            when,
            _comment_text(Truncator(obj.body_html).words(LIST_WORDS, html=True)),
            actions,
        )

    @admin.display(description="Comment")
    def comment_html(self, obj: Comment) -> SafeString:
        return _comment_text(obj.body_html)

    @admin.display(description="Status and spam check", ordering="spam_score")
    def spam_check(self, obj: Comment) -> SafeString:
        """The comment's status, the check's verdict and score, then each
        reason on a line of its own."""
        summary = spam_summary(obj)
        status = format_html(
            '<span class="comment-status">{}</span>', obj.get_status_display()
        )
        if not summary.checked:
            return format_html(
                '{}<span class="spam-verdict">{}</span>',
                status,
                summary.label,
            )
        reasons = format_html_join("", "<li>{}</li>", ((r,) for r in summary.reasons))
        return format_html(
            '{}<span class="spam-verdict spam-{}">{}</span> '
            '<span class="spam-score">· score {}</span>'
            '<ul class="spam-reasons">{}</ul>',
            status,
            summary.verdict,
            summary.label,
            f"{summary.score:.1f}",
            reasons,
        )

    def get_list_display(self, request: HttpRequest) -> list:
        """Two columns, so the comment has room beside the filters on a 1366 px
        screen: the comment with who, where, when and its actions (which need
        the request), then its status and spam check."""
        return [self._comment_column(request), "spam_check"]

    def _comment_column(self, request: HttpRequest) -> Callable[[Comment], str]:
        """The comment cell with its row of actions. The decisions are submit
        buttons inside the list's form (which carries the CSRF token) that
        post it to ``decide_view`` instead (``formaction``), drawn as links;
        the list's filters ride along, so the writer comes back to the same
        page. Reply and Edit are pages, so they are links."""
        filters = request.GET.urlencode()
        back = f"?{urlencode({'_changelist_filters': filters})}" if filters else ""

        @admin.display(description="Comment", ordering="created_at")
        def comment(obj: Comment) -> SafeString:
            decide = reverse("admin:comments_comment_decide", args=[obj.pk]) + back
            links = {
                "reply": reverse("admin:comments_comment_reply", args=[obj.pk]),
                "edit": reverse("admin:comments_comment_change", args=[obj.pk]),
            }
            items = [
                format_html(
                    '<a href="{}" class="row-action action-{}">{}'
                    '<span class="visually-hidden">: {}’s comment</span></a>',
                    links[value],
                    value,
                    label,
                    obj.author_name,
                )
                if value in links
                else format_html(
                    '<button type="submit" class="row-action decide-{1}"'
                    ' name="decision" value="{1}" formaction="{0}"'
                    ' formmethod="post">{2}<span class="visually-hidden">'
                    ": {3}’s comment</span></button>",
                    decide,
                    value,
                    label,
                    obj.author_name,
                )
                for value, label in ROW_ACTIONS.get(obj.status, [])
            ]
            actions = format_html(
                '<div class="row-actions">{}</div>',
                format_html_join("", "{}", ((item,) for item in items)),
            )
            return self._comment_cell(obj, actions)

        return comment

    @admin.display(description="Account")
    def account(self, obj: Comment) -> str:
        """The writer's account by name, not linked: the accounts admin is the
        administrators', and a moderator's page links only where they may go."""
        return obj.user.username if obj.user_id else "—"
