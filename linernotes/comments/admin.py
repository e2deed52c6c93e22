"""The moderation queue: approve, spam, trash or restore, one by one or in bulk,
and answer a comment from the queue ("approve and reply").

Who sees which comments is ``users.roles.moderation_scope``: editors and
administrators every comment, an author those on their own posts while the
blog allows it (decision 0024). Another author's comment is not in an author's
queue, so acting on it finds nothing, and its reply page answers 403.

Nothing is deleted here: trash is the way to discard, and spam and trash stay
restorable until ``services.purge_discarded_comments`` removes them. How many
comments wait is shown on every admin page (``admin/base_site.html``).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from linernotes.core.site import for_request
from linernotes.users.roles import ModerationScope, moderation_scope

from . import services
from .forms import checked_body
from .models import Comment


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 6}))

    def clean_body(self) -> str:
        return checked_body(self.cleaned_data["body"])


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "author_name",
        "post",
        "short_body",
        "status",
        "spam_verdict",
        "spam_why",
        "created_at",
        "reply_link",
    ]
    list_filter = ["status", "spam_verdict"]
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
        "body_html",
        "spam_verdict",
        "spam_score",
        "spam_reasons",
        "ip_address",
        "user_agent",
        "created_at",
    ]
    fields = [*readonly_fields, "status"]
    actions = ["approve", "mark_spam", "trash", "restore"]

    @admin.display(description="Comment")
    def short_body(self, obj: Comment) -> str:
        return obj.body[:80] + ("…" if len(obj.body) > 80 else "")

    @admin.display(description="Why")
    def spam_why(self, obj: Comment) -> str:
        """The spam checks' reasons and score in words, read at a glance."""
        if not obj.spam_reasons:
            return "—"
        return f"{'; '.join(obj.spam_reasons)} (score {obj.spam_score:g})"

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

    @admin.display(description="")
    def reply_link(self, obj: Comment) -> str:
        url = reverse("admin:comments_comment_reply", args=[obj.pk])
        shown = obj.status == Comment.Status.APPROVED
        label = "Reply" if shown else "Approve and reply"
        return format_html('<a href="{}">{}</a>', url, label)

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
        reply = path(
            "<int:pk>/reply/",
            self.admin_site.admin_view(self.reply_view),
            name="comments_comment_reply",
        )
        return [reply, *super().get_urls()]

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
                return redirect("admin:comments_comment_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reply to {comment.author_name}",
            "comment": comment,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/comments/comment/reply.html", context)

    def save_model(self, request, obj: Comment, form, change: bool) -> None:
        services.moderate_comment(comment=obj, status=obj.status)

    def _moderate(self, request, queryset: QuerySet, status: str, done: str) -> None:
        for comment in queryset:
            services.moderate_comment(comment=comment, status=status)
        messages.success(request, f"{queryset.count()} comment(s) {done}.")

    @admin.action(description="Approve")
    def approve(self, request, queryset: QuerySet) -> None:
        self._moderate(request, queryset, Comment.Status.APPROVED, "approved")

    @admin.action(description="Mark as spam")
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
