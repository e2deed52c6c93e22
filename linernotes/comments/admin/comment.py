"""``CommentAdmin``: the moderation list's columns, filters and bulk
actions, who may open which comment, and saving a comment's page through the
services. Its cells are ``cells``'s, its extra pages ``pages``'s."""

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from linernotes.core.site import for_request
from linernotes.users.roles import ModerationScope, moderation_scope

from .. import services
from ..models import Comment
from ..moderation import VERDICT_LABELS
from .cells import CommentCells
from .forms import CommentEditForm
from .pages import ModerationPages

BOTH = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


class SpamVerdictFilter(admin.SimpleListFilter):
    """The verdicts by the names the list shows, not their stored values."""

    title = "spam check"
    parameter_name = "spam_verdict"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return list(VERDICT_LABELS.items())

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(spam_verdict=self.value()) if self.value() else queryset


@admin.register(Comment)
class CommentAdmin(CommentCells, ModerationPages, admin.ModelAdmin):
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

    def view_on_site(self, obj: Comment) -> str:
        """An approved comment's address leads to it in its thread; any other
        has none (404), so the moderator is sent to the post it is under."""
        if obj.status == Comment.Status.APPROVED:
            return obj.get_absolute_url()
        return obj.post.get_absolute_url()

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
