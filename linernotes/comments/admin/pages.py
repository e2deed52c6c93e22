"""The pages beside the moderation list: one decision on one comment (from
its row or from the desk home), a writer's reply, and the spam report."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
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
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from linernotes.spam.moderation import reason_counts

from .. import services
from ..models import Comment
from ..moderation import other_reason_count
from .decisions import DECISIONS, applies
from .forms import ReplyForm

REPORT_DAYS = 30


class ModerationPages:
    """The decide, reply and spam report views with their addresses, mixed
    into ``CommentAdmin`` (whose permissions they ask)."""

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
        if not applies(name, comment.status):
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
