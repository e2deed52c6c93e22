"""The admin's "Import from WordPress" page: upload, progress, report, past runs.

Only superusers (the site's owners) may import: an import writes as the owner
and can create accounts. Everyone else gets what the admin gives them anywhere
(the login page, or 403 for staff). The page lives on ImportRun's admin URLs
but replaces its list and forms: runs are made by uploading, never by hand.

Pages work without JavaScript: while a run is going its page reloads itself
every few seconds (a ``<meta http-equiv=refresh>`` inside ``<noscript>``), and
with JavaScript ``transfer/import-progress.js`` polls the JSON status instead
and reloads once when the run ends.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from linernotes.core.admin import WrittenByServices
from linernotes.core.exceptions import ImportFileInvalid
from linernotes.transfer import runs, tasks
from linernotes.transfer.forms import ExportUploadHandler, WordPressImportForm
from linernotes.transfer.models import ImportRun

# Seconds between reloads of a running import's page without JavaScript.
REFRESH_SECONDS = 3
# A queued run waiting longer than this is probably missing its worker: say so.
WORKER_HINT_AFTER_SECONDS = 20
PAST_RUNS_SHOWN = 20


@admin.register(ImportRun)
class ImportRunAdmin(WrittenByServices, admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def get_model_perms(self, request: HttpRequest) -> dict[str, bool]:
        # Left out of the app list: the index has its own "Import from
        # WordPress" link (templates/admin/index.html).
        return {}

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            # The model's list page is the import page. csrf_exempt only so the
            # upload handler can be set before the body is read; _import_form
            # applies the same CSRF check itself.
            path(
                "",
                wrap(csrf_exempt(self.import_view)),
                name="transfer_importrun_changelist",
            ),
            path("<int:pk>/", wrap(self.run_view), name="transfer_import_run"),
            path(
                "<int:pk>/status/",
                wrap(self.status_view),
                name="transfer_import_status",
            ),
            path(
                "<int:pk>/again/", wrap(self.again_view), name="transfer_import_again"
            ),
        ]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """The upload form and the past runs."""
        self._require_owner(request)
        # Before anything reads the body: uploads go to disk, never to memory.
        request.upload_handlers = [ExportUploadHandler(request)]
        return self._import_form(request)

    @method_decorator(csrf_protect)
    def _import_form(self, request: HttpRequest) -> HttpResponse:
        form = WordPressImportForm()
        status = 200
        if request.method == "POST":
            form = WordPressImportForm(request.POST, request.FILES)
            if form.is_valid():
                run = self._start(request, form)
                if run is not None:
                    return redirect("admin:transfer_import_run", pk=run.pk)
            form.discard_uploads()
            status = 400
        active = runs.active_run()
        context = {
            **self._context(request, "Import from WordPress"),
            "form": form,
            "active_run": active,
            "active_is_stale": active is not None and runs.is_stale(active),
            "past_runs": ImportRun.objects.select_related("user")[:PAST_RUNS_SHOWN],
        }
        return TemplateResponse(
            request, "admin/transfer/import.html", context, status=status
        )

    def _start(
        self, request: HttpRequest, form: WordPressImportForm
    ) -> ImportRun | None:
        upload = form.cleaned_data["export_file"]
        export = upload.path.rename(upload.path.with_suffix(".xml"))
        try:
            run = runs.start_import(
                user=request.user,
                file_path=export,
                file_name=upload.name,
                options=form.options(),
            )
        except runs.ImportAlreadyRunning as error:
            form.add_error(None, str(error))
            return None
        form.discard_uploads()  # the author map; it is on the run now
        tasks.queue_import(run)
        return run

    def run_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """One run: its progress while it goes, its report or refusal after."""
        self._require_owner(request)
        run = get_object_or_404(ImportRun.objects.select_related("user"), pk=pk)
        waiting = (timezone.now() - run.created_at).total_seconds()
        context = {
            **self._context(request, f"Import of {run.file_name}"),
            "run": run,
            "stale": runs.is_stale(run),
            "worker_hint": run.status == ImportRun.Status.QUEUED
            and waiting > WORKER_HINT_AFTER_SECONDS,
            "refresh_seconds": REFRESH_SECONDS,
            "file_kept": runs.kept_file(run) is not None,
            "readable": readable_report(run.report or {}),
        }
        return TemplateResponse(request, "admin/transfer/import_run.html", context)

    def status_view(self, request: HttpRequest, pk: int) -> JsonResponse:
        """Where a run is, for the page's script."""
        self._require_owner(request)
        return JsonResponse(runs.status_of(get_object_or_404(ImportRun, pk=pk)))

    @method_decorator(require_POST)
    def again_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Import a kept file again: for real after a dry run, or after a failure."""
        self._require_owner(request)
        run = get_object_or_404(ImportRun, pk=pk)
        try:
            new = runs.start_again(
                run=run, user=request.user, dry_run=request.POST.get("dry_run") == "1"
            )
        except (runs.ImportAlreadyRunning, ImportFileInvalid) as error:
            messages.error(request, str(error))
            return redirect("admin:transfer_import_run", pk=run.pk)
        tasks.queue_import(new)
        return redirect("admin:transfer_import_run", pk=new.pk)

    def _context(self, request: HttpRequest, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
        }

    @staticmethod
    def _require_owner(request: HttpRequest) -> None:
        if not request.user.is_superuser:
            raise PermissionDenied


HOLDS = [
    ("posts", "Posts"),
    ("pages", "Pages"),
    ("attachments", "Attachments (images and files)"),
    ("authors", "Authors"),
    ("categories", "Categories"),
    ("tags", "Tags"),
    ("sticky", "Sticky posts"),
    ("password_protected", "Password-protected posts"),
]
COMMENT_COUNTS = [
    ("total", "All comments"),
    ("approved", "Approved"),
    ("pending", "Waiting for approval"),
    ("spam", "Spam"),
    ("trash", "In the trash"),
    ("pingbacks", "Pingbacks"),
    ("trackbacks", "Trackbacks"),
    ("max_depth", "Deepest thread (levels)"),
]


def readable_report(report: dict[str, Any]) -> dict[str, Any]:
    """The importer's JSON report as rows a blogger can read: labels, not keys.

    Keys the page does not know yet still show in the full JSON below it.
    """
    comments = report.get("comments") or {}
    created = report.get("created") or {}
    present = report.get("already_present") or {}
    kinds = sorted(set(created) | set(present))
    return {
        "holds": [(label, _number(report.get(key))) for key, label in HOLDS],
        "comments": [
            (label, _number(comments.get(key))) for key, label in COMMENT_COUNTS
        ],
        "items": [
            (kind, status, _number(count))
            for kind, statuses in sorted((report.get("items") or {}).items())
            for status, count in sorted(statuses.items())
        ],
        "kinds": [
            (
                kind.replace("_", " ").capitalize(),
                _number(created.get(kind)),
                _number(present.get(kind)),
            )
            for kind in kinds
        ],
        "created_total": sum(v for v in created.values() if isinstance(v, int)),
        "redirects": _number(report.get("redirects")),
        "skipped": report.get("skipped") or [],
        "warnings": report.get("warnings") or [],
        "json": json.dumps(report, indent=2, ensure_ascii=False),
    }


def _number(value: Any) -> str:
    return (
        f"{value:,}" if isinstance(value, int) else "0" if value is None else str(value)
    )


# --- Track listings from the import (issue 10, item 4) -------------------------
# Their pages live in admin_listings.py; importing it registers them.
from linernotes.transfer import admin_listings  # noqa: E402, F401
