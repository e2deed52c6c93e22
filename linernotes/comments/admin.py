"""The moderation queue: approve, spam, trash or restore, one by one or in bulk."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from . import services
from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "author_name",
        "post",
        "short_body",
        "status",
        "spam_verdict",
        "created_at",
    ]
    list_filter = ["status", "spam_verdict"]
    search_fields = ["author_name", "author_email", "body"]
    list_select_related = ["post"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "post",
        "parent",
        "depth",
        "user",
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

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

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
        pending = Comment.objects.awaiting_moderation().count()
        extra = {
            "title": f"Comments ({pending} awaiting moderation)",
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=extra)
