"""The moderation queue: approve, reply, spam, trash, restore or edit, one by
one from the row or in bulk, and answer a comment from the queue.

Who sees which comments is ``users.roles.moderation_scope``: editors and
administrators every comment, an author those on their own posts while the
blog allows it (``SiteSettings.authors_moderate_comments``, decision 0024).
The list, the filters, the row actions, the decide view and the reply page all
go through it: another author's comment is not in an author's queue, and
posting a decision on it or opening its reply page answers 403.

Each row shows the comment as readers see it (cut after LIST_WORDS words),
who wrote it under which post and when, the spam check's verdict, score and
reasons in words (``comments.moderation``), and its actions as a line of links
in WordPress's order: Approve (or Not spam), Reply, Spam, Trash, Edit. The
decisions are plain form posts (no script needed) to ``decide_view``, which
calls the comments services; a safe ``next`` lets another page of the desk
post there and come back. What each decision teaches the spam model:

- "Approve" and "Not spam" (``ham``) keep the text as a good comment, "Spam"
  as spam (``services.moderate_comment``).
- "Trash" and "Restore" teach nothing and drop what an earlier decision kept.

Trash is this blog's soft delete: readers no longer see the comment, the post's
count drops, and it stays in the "Trash" filter, restorable to the queue, until
``services.purge_discarded_comments`` deletes it
(LINERNOTES_DISCARDED_COMMENT_DAYS after it was trashed, 30 by default). Spam
is kept the same way. Nothing is deleted from here.

"Spam report" counts the reasons of the last 30 days. How many comments wait
is shown on every desk page (``admin/base_site.html``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from linernotes.core.site import for_request
from linernotes.spam.moderation import reason_counts
from linernotes.users.roles import ModerationScope, moderation_scope

from . import services
from .forms import checked_body
from .models import Comment
from .moderation import VERDICT_LABELS, other_reason_count, spam_summary


@dataclass(frozen=True)
class Decision:
    """One of the row's one-click decisions: the status it gives the comment
    (through ``services.moderate_comment``) and what the message after it says
    ("Dee's comment …")."""

    status: str
    done: str


# The one-click decisions by the value their button posts.
DECISIONS = {
    "approve": Decision(Comment.Status.APPROVED, "approved"),
    "ham": Decision(Comment.Status.APPROVED, "approved: not spam"),
    "spam": Decision(Comment.Status.SPAM, "marked as spam"),
    "trash": Decision(
        Comment.Status.TRASH,
        "moved to the trash; restore it from the Trash filter within {days} days",
    ),
    "restore": Decision(Comment.Status.PENDING, "back in the moderation queue"),
}

# The row's actions for each status, in WordPress's order: a decision's value
# with its label, or "reply" and "edit", which are pages (links).
ROW_ACTIONS: dict[str, list[tuple[str, str]]] = {
    Comment.Status.PENDING: [
        ("approve", "Approve"),
        ("reply", "Reply"),
        ("spam", "Spam"),
        ("trash", "Trash"),
        ("edit", "Edit"),
    ],
    Comment.Status.APPROVED: [
        ("restore", "Unapprove"),
        ("reply", "Reply"),
        ("spam", "Spam"),
        ("trash", "Trash"),
        ("edit", "Edit"),
    ],
    Comment.Status.SPAM: [("ham", "Not spam"), ("trash", "Trash"), ("edit", "Edit")],
    Comment.Status.TRASH: [("restore", "Restore"), ("spam", "Spam"), ("edit", "Edit")],
    Comment.Status.REMOVED: [("edit", "Edit")],
}


def _applies(decision: str, status: str) -> bool:
    """Whether the row of a comment in ``status`` offers a decision to the same
    status: "Approve" and "Not spam" both approve, so either applies where the
    other does."""
    offered = {
        DECISIONS[value].status
        for value, _ in ROW_ACTIONS.get(status, [])
        if value in DECISIONS
    }
    return DECISIONS[decision].status in offered


# Words of a comment shown in the list: enough to judge most at a glance.
LIST_WORDS = 45
REPORT_DAYS = 30
BOTH = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 6}))

    def clean_body(self) -> str:
        return checked_body(self.cleaned_data["body"])


class CommentEditForm(forms.ModelForm):
    """A comment's page ("Edit"): its text, in Markdown, and its status."""

    class Meta:
        model = Comment
        fields = ["body", "status"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8, "class": "vLargeTextField"})
        }
        labels = {"body": "Text (Markdown)"}
        help_texts = {
            "body": "Fix a typo or take out a link; readers see the change at "
            "once, with no “edited” mark. What the spam model learnt keeps the "
            "commenter's own words."
        }

    def clean_body(self) -> str:
        return checked_body(self.cleaned_data["body"])


class SpamVerdictFilter(admin.SimpleListFilter):
    """The verdicts by the names the list shows, not their stored values."""

    title = "spam check"
    parameter_name = "spam_verdict"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return list(VERDICT_LABELS.items())

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(spam_verdict=self.value()) if self.value() else queryset


def _comment_text(body_html: str) -> SafeString:
    # body_html was sanitised (core.markup) when the comment was stored.
    return format_html('<div class="comment-text">{}</div>', mark_safe(body_html))  # noqa: S308


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    # The list's two columns are get_list_display's.
    # The comment cell carries its own links (its date and "Edit").
    list_display_links = None
    # Newest first: what arrived since the last visit is at the top.
    ordering = ["-created_at"]
    # The posts offered are those with comments this writer may moderate
    # (RelatedOnlyFieldListFilter asks get_queryset), so an author sees only
    # their own.
    list_filter = [
        "status",
        SpamVerdictFilter,
        ("post", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["author_name", "author_email", "body"]
    list_select_related = ["post"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "post",
        "parent",
        "depth",
        "account",
        "author_name",
        "author_email",
        "author_url",
        "comment_html",
        "spam_check",
        "ip_address",
        "user_agent",
        "created_at",
    ]
    form = CommentEditForm
    # The comment's page ("Edit"): who wrote it where, the comment as readers
    # see it with its Markdown to edit below it, and its status first; the
    # spam check's say next; the rest (thread place, network, browser) folded.
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "post",
                    ("author_name", "author_email", "author_url"),
                    "comment_html",
                    "body",
                    "status",
                ]
            },
        ),
        ("Spam check", {"fields": ["spam_check"]}),
        (
            "Details",
            {
                "classes": ["collapse"],
                "fields": [
                    "created_at",
                    "account",
                    "parent",
                    "depth",
                    "ip_address",
                    "user_agent",
                ],
            },
        ),
    ]
    actions = ["approve", "mark_spam", "trash", "restore"]

    class Media:
        css = {"all": ["comments/moderation.css"]}

    def _comment_cell(self, obj: Comment, actions: str) -> SafeString:
        """Who (and their address), under which post (a link that filters the
        list to it) and when (a link to the comment's page), the comment as
        readers see it, cut after LIST_WORDS words with its tags closed, then
        its actions."""
        change = reverse("admin:comments_comment_changelist")
        when = date_format(timezone.localtime(obj.created_at), "DATETIME_FORMAT")
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

    def view_on_site(self, obj: Comment) -> str:
        """An approved comment's address leads to it in its thread; any other
        has none (404), so the moderator is sent to the post it is under."""
        if obj.status == Comment.Status.APPROVED:
            return obj.get_absolute_url()
        return obj.post.get_absolute_url()

    @admin.display(description="Account")
    def account(self, obj: Comment) -> str:
        """The writer's account by name, not linked: the accounts admin is the
        administrators', and a moderator's page links only where they may go."""
        return obj.user.username if obj.user_id else "—"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        site = for_request(request)
        return super().get_queryset(request).moderated_by(request.user, site)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._scope(request) is not ModerationScope.NONE

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        scope = self._scope(request)
        if scope is ModerationScope.OWN_POSTS and obj is not None:
            return obj.post.author_id == request.user.pk
        return scope is not ModerationScope.NONE

    def _scope(self, request: HttpRequest) -> ModerationScope:
        return moderation_scope(request.user, for_request(request))

    # The delete permission itself stays as the role gives it: deleting a post
    # asks it for every comment the post takes along, and refusing it there
    # would stop writers deleting posts. Only this admin's own ways to delete
    # are closed.
    def get_actions(
        self, request: HttpRequest, action_location=ActionLocation.CHANGE_LIST
    ) -> dict:
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None):
        raise PermissionDenied

    def change_view(
        self, request: HttpRequest, object_id: str, form_url="", extra_context=None
    ):
        extra = {"show_delete": False, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/reply/", wrap(self.reply_view), name="comments_comment_reply"
            ),
            path(
                "<int:pk>/decide/",
                wrap(require_POST(self.decide_view)),
                name="comments_comment_decide",
            ),
            path(
                "spam-report/",
                wrap(self.spam_report_view),
                name="comments_comment_spam_report",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """One click on a row (or on the desk home): take the posted
        ``decision`` (``DECISIONS``) through the comments services, then go
        back to ``next`` when it is a page of this site, else to the list
        with the filters it was opened with."""
        comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        name = request.POST.get("decision", "")
        decision = DECISIONS.get(name)
        if decision is None:
            return HttpResponseBadRequest(
                "Choose one of: " + ", ".join(f"“{name}”" for name in DECISIONS) + "."
            )
        if not _applies(name, comment.status):
            # The row was drawn before someone else decided (or the form was
            # made up): a removed placeholder must not be published or hidden.
            messages.warning(
                request,
                f"{comment.author_name}’s comment is now "
                f"“{comment.get_status_display()}”; nothing was changed.",
            )
            return HttpResponseRedirect(self._back(request))
        services.moderate_comment(comment=comment, status=decision.status)
        done = decision.done.format(days=settings.LINERNOTES_DISCARDED_COMMENT_DAYS)
        messages.success(request, f"{comment.author_name}’s comment {done}.")
        return HttpResponseRedirect(self._back(request))

    def _back(self, request: HttpRequest) -> str:
        """Where a decision or a reply returns: ``next`` (posted or in the
        query) if it stays on this site, else the list as it was filtered."""
        wanted = request.POST.get("next") or request.GET.get("next", "")
        if wanted and url_has_allowed_host_and_scheme(
            wanted,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            return wanted
        changelist = reverse("admin:comments_comment_changelist")
        filters = request.GET.get("_changelist_filters", "")
        return f"{changelist}?{filters}" if filters else changelist

    def spam_report_view(self, request: HttpRequest) -> HttpResponse:
        """How often each reason was given over the last REPORT_DAYS days,
        among the comments this writer may moderate."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        since = timezone.now() - timedelta(days=REPORT_DAYS)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Spam report: the last {REPORT_DAYS} days",
            "opts": self.model._meta,
            "rows": self._report_rows(request, since),
            "days": REPORT_DAYS,
        }
        return TemplateResponse(
            request, "admin/comments/comment/spam_report.html", context
        )

    def _report_rows(self, request: HttpRequest, since) -> list:
        """The spam app's counts per kind of reason, with an "Other" row
        before the total for the reasons no kind knows (a site's own check)."""
        comments = self.get_queryset(request)
        rows = reason_counts(comments, since=since)
        other = other_reason_count(comments, since=since)
        if other.comments:
            rows.insert(len(rows) - 1, other)
        return rows

    def reply_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Answer a comment as the signed-in writer; a held one is approved first."""
        comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
        if not self.has_change_permission(request, comment):
            return HttpResponse(status=403)
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.reply_as_writer(
                    parent=comment, user=request.user, body=form.cleaned_data["body"]
                )
            except services.CommentRejected as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Replied to {comment.author_name}.")
                return HttpResponseRedirect(self._back(request))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reply to {comment.author_name}",
            "comment": comment,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/comments/comment/reply.html", context)

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        """A removed comment's placeholder keeps the words it has."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status == Comment.Status.REMOVED:
            fields.append("body")
        return fields

    def save_model(self, request, obj: Comment, form, change: bool) -> None:
        """Through the services, each part only when it changed: a save that
        only fixes a typo is no moderation decision and teaches nothing."""
        if "body" in form.changed_data:
            services.revise_comment(comment=obj, body=obj.body)
        if "status" in form.changed_data:
            services.moderate_comment(comment=obj, status=obj.status)

    def _moderate(self, request, queryset: QuerySet, status: str, done: str) -> None:
        # Counted before: a list filtered by status no longer finds them after.
        chosen = list(queryset)
        for comment in chosen:
            services.moderate_comment(comment=comment, status=status)
        messages.success(request, f"{len(chosen)} comment(s) {done}.")

    @admin.action(description="Not spam: approve", location=BOTH)
    def approve(self, request, queryset: QuerySet) -> None:
        self._moderate(request, queryset, Comment.Status.APPROVED, "approved")

    @admin.action(description="Spam", location=BOTH)
    def mark_spam(self, request, queryset: QuerySet) -> None:
        self._moderate(request, queryset, Comment.Status.SPAM, "marked as spam")

    @admin.action(description="Move to trash")
    def trash(self, request, queryset: QuerySet) -> None:
        self._moderate(request, queryset, Comment.Status.TRASH, "moved to trash")

    @admin.action(description="Restore to the moderation queue")
    def restore(self, request, queryset: QuerySet) -> None:
        self._moderate(request, queryset, Comment.Status.PENDING, "back in the queue")

    def changelist_view(self, request: HttpRequest, extra_context=None):
        pending = self.get_queryset(request).awaiting_moderation().count()
        extra = {
            "title": f"Comments ({pending} awaiting moderation)",
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=extra)
