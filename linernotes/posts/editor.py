"""The post editor's pages and endpoints, mixed into ``PostAdmin``.

Around Django's change form: a preview drawn by the blog's own post template
from the unsaved text, autosaves into revisions (never into the post),
comparing and restoring revisions, a notice when someone else has the post
open, files dropped or pasted into the text (``editor_drops.py``), the track
listing box (``editor_music.py``), the next part number of a series, and
times read in the blog's time zone. Each is a
plain request the form could send; ``static/admin/linernotes-editor.js``
sends them while the writer types. Writes go through ``posts.services``
(decision 0045).
"""

import zoneinfo
from datetime import UTC, datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.csp import CSP
from django.utils.html import format_html
from django.utils.text import slugify
from django.views.decorators.clickjacking import xframe_options_sameorigin

from linernotes.catalogue.models import Release
from linernotes.core.middleware import mark_private

from . import access, selectors, services
from .editor_drops import DropViews
from .editor_music import ADD_MUSIC, MusicViews
from .models import Post, Review, Series


def name_check_attrs(post: Post) -> dict[str, str]:
    """The body textarea's attributes for ``catalogue/name-check.js``: names
    are checked against the whole catalogue and the titles of the releases the
    post already reviews, while the writer types."""
    reviewed = post.reviews.values_list("release_id", flat=True) if post.pk else []
    return {
        "data-name-check-url": reverse("admin:catalogue_name_check"),
        "data-name-check-releases": ",".join(str(pk) for pk in reviewed),
    }


def release_to_link(request: HttpRequest, post: Post | None) -> Release | None:
    """The release the writer just made or filled on the paste page, which
    sends them back with ``?release=<id>``; ``None`` when there is none, or
    the post already reviews it. Only a GET offers it: the writer's save links
    it, so following a link never changes a post.

    Looked up once per request: the editor's message, the reviews' extra row
    and its initial value all ask."""
    memo = request.__dict__.setdefault("_linernotes_release_to_link", {})
    key = post.pk if post is not None else None
    if key not in memo:
        memo[key] = _release_to_link(request, post)
    return memo[key]


def _release_to_link(request: HttpRequest, post: Post | None) -> Release | None:
    raw = request.GET.get("release", "")
    if request.method != "GET" or not raw.isdigit():
        return None
    release = Release.objects.filter(pk=int(raw)).first()
    if release is None or (
        post is not None
        and post.pk
        and Review.objects.filter(post=post, release=release).exists()
    ):
        return None
    return release


class SiteDateTimeField(forms.SplitDateTimeField):
    """A date and time read in the blog's time zone, refusing a wall-clock time
    that the zone skips (spring forward) or passes twice (fall back) with a
    message that says so, instead of guessing which moment the writer meant."""

    widget = AdminSplitDateTime

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, moment = data_list
        if day in self.empty_values:
            raise ValidationError(
                "Enter a date as well as the time.", code="invalid_date"
            )
        if moment in self.empty_values:
            raise ValidationError(
                "Enter a time as well as the date.", code="invalid_time"
            )
        return site_time(datetime.combine(day, moment), timezone.get_current_timezone())


def site_time(naive: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
    """``naive`` as a moment in ``zone``; a ``ValidationError`` naming the
    problem when the clocks change over it."""
    early, late = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if early.utcoffset() == late.utcoffset():
        return early
    when = f"{naive:%H:%M} on {naive.day} {naive:%B %Y}"
    round_trip = early.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise ValidationError(
            f"{when} does not exist in {zone.key}: the clocks go forward over it. "
            "Choose a time outside the hour they skip.",
            code="dst_gap",
        )
    raise ValidationError(
        f"{when} happens twice in {zone.key}: the clocks go back over it. "
        "Choose a time outside that hour, so the post goes out when you mean.",
        code="dst_overlap",
    )


def zone_help(zone: zoneinfo.ZoneInfo) -> str:
    now = timezone.localtime(timezone.now(), zone)
    offset = f"{now:%z}"
    return (
        f"In the blog's time zone, {zone.key} (it is {now:%H:%M} there now, "
        f"UTC{offset[:3]}:{offset[3:]}). A future time with status Scheduled or "
        "Published publishes the post then; no job needs to run."
    )


def local_label(moment: datetime) -> str:
    """A moment as the writer reads it: in the blog's time zone."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def editing_notice(others: list[str]) -> str:
    """What a writer is told when others have the same post open."""
    if not others:
        return ""
    names = " and ".join(
        [", ".join(others[:-1]), others[-1]] if len(others) > 1 else others
    )
    return (
        f"{names} {'is' if len(others) == 1 else 'are'} editing this post too. "
        "Whoever saves last replaces the other's changes; autosaves of both are "
        "kept under Revisions."
    )


class PostEditorViews(MusicViews, DropViews):
    """The editor's views for a ``ModelAdmin`` of posts (it supplies
    ``get_object``, ``get_queryset``, the permission checks and ``opts``)."""

    def get_urls(self):
        def view(function, route: str, name: str):
            return path(route, self.admin_site.admin_view(function), name=name)

        return [
            view(self.page_preview_view, "page-preview/", "posts_post_page_preview"),
            view(
                self.series_position_view,
                "series-position/",
                "posts_post_series_position",
            ),
            view(
                self.autosave_view, "<path:object_id>/autosave/", "posts_post_autosave"
            ),
            *self.drop_urls(view),
            *self.music_urls(view),
            view(
                self.revisions_view,
                "<path:object_id>/revisions/",
                "posts_post_revisions",
            ),
            view(
                self.revision_view,
                "<path:object_id>/revisions/<int:revision_id>/",
                "posts_post_revision",
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The form, with what the editor's script needs to find its endpoints,
        and notices: who else has the post open, and an autosave newer than
        the stored post."""
        extra = dict(extra_context or {})
        post = self.get_object(request, object_id) if object_id else None
        if post is not None and request.method == "GET":
            others = services.note_editing(post=post, editor=request.user)
            if others:
                messages.warning(request, editing_notice(others))
            newer = services.newer_autosave(post=post, editor=request.user)
            if newer is not None:
                messages.info(
                    request,
                    format_html(
                        "You have an autosave from {} newer than the saved post: "
                        '<a href="{}">compare it and restore it</a>.',
                        local_label(newer.created_at),
                        reverse("admin:posts_post_revision", args=[post.pk, newer.pk]),
                    ),
                )
        release = release_to_link(request, post)
        if release is not None:
            messages.info(
                request,
                f"Save the post to make “{release.title}” its reviewed release "
                "(filled in under Reviewed releases).",
            )
        extra["revision_count"] = post.revisions.count() if post else 0
        extra["add_music_button"] = ADD_MUSIC
        extra["editor_urls"] = {
            "preview": reverse("admin:posts_post_page_preview")
            + (f"?post={post.pk}" if post else ""),
            "series_position": reverse("admin:posts_post_series_position"),
            "listing_preview": reverse("admin:posts_post_listing_preview"),
            "autosave": reverse("admin:posts_post_autosave", args=[post.pk])
            if post
            else "",
            "images": reverse("admin:posts_post_image", args=[post.pk]) if post else "",
            "attachments": reverse("admin:posts_post_attachment", args=[post.pk])
            if post
            else "",
            # Only a post never saved: its first dropped file makes it a draft.
            "draft": "" if post else reverse("admin:posts_post_drop_draft"),
        }
        response = super().changeform_view(request, object_id, form_url, extra)
        # The preview is a frame of our own pages: allow 'self' in frame-src
        # here only, beside the players the policy already names.
        policy = dict(settings.SECURE_CSP)
        policy["frame-src"] = [CSP.SELF, *policy.get("frame-src", [])]
        response._csp_config = policy
        return response

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """The reviewed-release row the writer came back to fill (see
        ``release_to_link``) starts with that release chosen."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        release = release_to_link(request, obj)
        if release is not None and inline.model is Review:
            kwargs["initial"] = [{"release": release.pk}]
        return kwargs

    def _post_for_change(self, request: HttpRequest, object_id: str) -> Post:
        """The post if this writer may change it (the role limits of
        ``get_queryset`` included); 404 otherwise, as the change page does."""
        post = self.get_object(request, object_id)
        if post is None or not self.has_change_permission(request, post):
            raise Http404("No such post, or not yours to change.")
        return post

    @xframe_options_sameorigin
    def page_preview_view(self, request: HttpRequest) -> HttpResponse:
        """The post page readers would get, drawn by the blog's own template from
        the text in the form, saved or not. The editor's script shows it in a
        frame beside the text; without the script the form's Preview button
        opens it in a new tab. Nothing is stored."""
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        post = None
        if request.GET.get("post", "").isdigit():
            stored = self.get_queryset(request).filter(pk=request.GET["post"])
            post = selectors.post_for_reading(stored).first()
        if post is None:
            now = timezone.now()
            post = Post(author=request.user, published_at=now, updated_at=now)
        for field in ("title", "body", "excerpt"):
            setattr(post, field, request.POST.get(field, "")[:500_000])
        post.slug = post.slug or slugify(post.title) or "preview"
        series = request.POST.get("series", "")
        post.series = (
            Series.objects.filter(pk=series).first() if series.isdigit() else None
        )
        services.render_unsaved(post)
        context: dict = {
            "post": post,
            "preview": not access.is_public(post),
            "terms": selectors.PostTerms(tags=[], categories=[]),
            "series_place": None,
            "previous_post": None,
            "next_post": None,
            "teaser": None,
            "sections": [],
        }
        if post.pk:
            selectors.load_post_extras(post)
            navigation = selectors.post_navigation(post)
            context |= {
                "terms": selectors.post_terms(post),
                "series_place": navigation.series_place,
                "previous_post": navigation.previous,
                "next_post": navigation.next,
                "teaser": selectors.next_post_teaser(post, navigation),
            }
        response = render(request, "posts/post_detail.html", context)
        response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
        return mark_private(response)

    def series_position_view(self, request: HttpRequest) -> JsonResponse:
        """The part number a post would take at the end of a series."""
        series = get_object_or_404(Series, pk=request.GET.get("series") or 0)
        return JsonResponse({"position": services.next_series_position(series=series)})

    def autosave_view(self, request: HttpRequest, object_id: str) -> JsonResponse:
        """Keep the typed text as a revision (never in the post) and say who
        else is editing; the script calls it every few seconds."""
        if request.method != "POST":
            raise PermissionDenied
        post = self._post_for_change(request, object_id)
        saved = services.autosave_post(
            post=post,
            editor=request.user,
            title=request.POST.get("title", "")[:200],
            body=request.POST.get("body", "")[:500_000],
            excerpt=request.POST.get("excerpt", "")[:50_000],
        )
        revision = saved.revision
        at = timezone.localtime(revision.created_at) if revision else None
        return JsonResponse(
            {
                "revision": revision.pk if revision else None,
                "saved_at": formats.date_format(at, "TIME_FORMAT") if at else "",
                "others_editing": saved.others_editing,
                "notice": editing_notice(saved.others_editing),
            }
        )

    def revisions_view(self, request: HttpRequest, object_id: str) -> TemplateResponse:
        """Every kept state of the post, newest first, each to compare."""
        post = self._post_for_change(request, object_id)
        revisions = list(post.revisions.select_related("editor")[:200])
        rows = [
            (revision, revisions[index + 1] if index + 1 < len(revisions) else None)
            for index, revision in enumerate(revisions)
        ]
        return TemplateResponse(
            request,
            "admin/posts/post/revisions.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": post,
                "title": f"Revisions of “{post.title}”",
                "rows": rows,
            },
        )

    def revision_view(
        self, request: HttpRequest, object_id: str, revision_id: int
    ) -> HttpResponse:
        """A revision compared with the post as saved (or with another revision,
        ``?against=<id>``); a POST restores it through the save path."""
        post = self._post_for_change(request, object_id)
        revision = get_object_or_404(post.revisions, pk=revision_id)
        if request.method == "POST":
            restored = services.restore_revision(revision=revision, editor=request.user)
            messages.success(
                request,
                f"Restored the revision of {local_label(revision.created_at)} "
                f"({revision.get_kind_display().lower()}).",
            )
            if restored.missing:
                messages.warning(
                    request,
                    "Left out, because it no longer exists: "
                    + "; ".join(restored.missing)
                    + ".",
                )
            for warning in restored.warnings:
                messages.warning(request, warning)
            return redirect("admin:posts_post_change", post.pk)
        against = post
        if request.GET.get("against", "").isdigit():
            against = get_object_or_404(post.revisions, pk=request.GET["against"])
        return TemplateResponse(
            request,
            "admin/posts/post/revision.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": post,
                "title": f"Compare a revision of “{post.title}”",
                "revision": revision,
                "against": against,
                "against_is_post": against is post,
                "diff": services.compare(against, revision),
            },
        )
