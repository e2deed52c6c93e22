"""The admin shaped for writers: Markdown with live preview, scheduling, series
order, attachments, body images, search and filters, and role limits.

The post editor (``PostAdmin``) adds, around Django's change form: a preview
drawn by the blog's own post template, autosaves into revisions, comparing
and restoring revisions, a notice when someone else has the post open,
images uploaded by dropping or pasting them into the text, the next part
number of a series, and times checked against the blog's time zone. Every
one of those works through a plain request the form could send too; the
script ``linernotes-editor.js`` only sends them while the writer types.

Every save goes through posts.services, never straight to the model.
"""

import zoneinfo
from datetime import UTC, datetime
from pathlib import PurePosixPath

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils import formats, timezone
from django.utils.csp import CSP
from django.utils.html import format_html
from django.utils.text import slugify
from django.views.decorators.clickjacking import xframe_options_sameorigin

from linernotes.core.exceptions import UploadRejected
from linernotes.core.markup import render_markdown
from linernotes.core.middleware import mark_private

from . import access, selectors, services
from .models import (
    Attachment,
    Category,
    Page,
    Post,
    PostImage,
    Review,
    Series,
    Tag,
)

MARKDOWN_WIDGET = forms.Textarea(
    attrs={
        "rows": 24,
        "class": "markdown-editor vLargeTextField",
        "data-preview-url": reverse_lazy("admin:posts_post_preview"),
    }
)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "size") and "file" in self.changed_data:
            try:
                services.check_attachment_upload(upload)
            except UploadRejected as error:
                raise forms.ValidationError(str(error)) from error
        return upload


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    extra = 0
    readonly_fields = ["size", "download_count"]


class PostImageForm(forms.ModelForm):
    class Meta:
        model = PostImage
        fields = ["image", "alt"]

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if upload and "image" in self.changed_data:
            try:
                services.check_image_upload(upload)
            except UploadRejected as error:
                raise forms.ValidationError(str(error)) from error
        return upload


class PostImageInline(admin.TabularInline):
    model = PostImage
    form = PostImageForm
    extra = 0
    readonly_fields = ["markdown_to_paste"]
    verbose_name = "image for the body"
    verbose_name_plural = "images for the body (save, then paste the Markdown shown)"

    @admin.display(description="Markdown")
    def markdown_to_paste(self, obj: PostImage) -> str:
        return (
            obj.markdown
            if obj.pk
            else "Save the post to get the Markdown for this image."
        )


class ReviewInline(admin.StackedInline):
    model = Review
    fields = ["release", "standout_tracks", "position"]
    autocomplete_fields = ["release", "standout_tracks"]
    extra = 0
    verbose_name = "reviewed release"
    verbose_name_plural = "reviewed releases (their track listings show on the post)"


class PostAdminForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = [
            "title",
            "slug",
            "body",
            "excerpt",
            "status",
            "published_at",
            "author",
            "sticky",
            "password",
            "comments_open",
            "series",
            "series_position",
            "categories",
            "tags",
            "cover",
            "cover_alt",
        ]
        widgets = {"body": MARKDOWN_WIDGET}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "author" in self.fields:
            self.fields["author"].queryset = services.writers()

    def clean_cover(self):
        upload = self.cleaned_data.get("cover")
        if upload and "cover" in self.changed_data:
            try:
                services.check_image_upload(upload)
            except UploadRejected as error:
                raise forms.ValidationError(str(error)) from error
        return upload


class AuthorFilter(admin.RelatedFieldListFilter):
    """The author filter offers writers only, as the author field does."""

    def field_choices(self, field, request, model_admin):
        return [(user.pk, str(user)) for user in services.writers().order_by("pk")]


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


# Apps whose rows about a post are readers' responses to it (see
# PostAdmin.get_deleted_objects). Named, not imported: posts sits below them.
READERS_APPS = ("comments", "likes", "notifications")


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    form = PostAdminForm
    # Extends the transfer app's admin/posts/post/change_form.html (its import
    # notice) under another name, so the two templates stack instead of one
    # hiding the other.
    change_form_template = "admin/posts/post/editor_form.html"
    list_display = [
        "title",
        "status_label",
        "author",
        "series",
        "series_position",
        "published_at",
    ]
    list_filter = [
        "status",
        "series",
        "categories",
        "tags",
        "sticky",
        ("author", AuthorFilter),
    ]
    search_fields = ["title", "body", "excerpt"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["tags", "categories", "series"]
    inlines = [ReviewInline, AttachmentInline, PostImageInline]
    readonly_fields = ["preview_link", "reading_time"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "reading_time", "excerpt"]}),
        (
            "Publishing",
            {
                "fields": [
                    "comments_open",
                    "status",
                    "published_at",
                    "author",
                    "sticky",
                    "password",
                    "preview_link",
                ],
            },
        ),
        ("Series", {"fields": ["series", "series_position"]}),
        ("Filing", {"fields": ["categories", "tags"]}),
        ("Cover image", {"fields": ["cover", "cover_alt"]}),
    ]
    actions = ["publish_selected", "move_to_drafts"]

    class Media:
        css = {"all": ["admin/linernotes-editor.css"]}
        js = ["admin/linernotes-editor.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """The schedule field reads and shows times in the blog's time zone
        (activated for every request by the site middleware)."""
        if db_field.name == "published_at":
            return SiteDateTimeField(
                required=False,
                label="Publish at",
                help_text=zone_help(timezone.get_current_timezone()),
            )
        if db_field.name == "series_position":
            kwargs["help_text"] = "Empty: after the series' last part."
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_deleted_objects(self, objs, request: HttpRequest):
        """What deleting posts takes along, and which permissions it lacks.

        The apps above posts that hang readers' things on a post (comments,
        likes, follows) go with the post, and the right to delete the post is
        enough. Without this, a writer could not delete a post once a reader
        liked it, since nobody may delete a like on its own. Any other model
        still needs its own delete permission.
        """
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        readers_things = {
            str(model._meta.verbose_name)
            for label in READERS_APPS
            for model in apps.get_app_config(label).get_models()
        }
        return deleted, counts, perms_needed - readers_things, protected

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj: Post) -> str:
        if obj.status == Post.Status.SCHEDULED and obj.is_public:
            return "Published"
        return obj.get_status_display()

    @admin.display(description="Length")
    def reading_time(self, obj: Post) -> str:
        stats = services.reading_stats(obj.body if obj else "")
        return format_html(
            '<span class="editor-reading-time">{} word{} · {} min read</span>',
            stats.words,
            "" if stats.words == 1 else "s",
            stats.minutes,
        )

    @admin.display(description="Preview")
    def preview_link(self, obj: Post) -> str:
        if not obj.pk:
            return "Save to preview the post as readers will see it."
        return format_html(
            '<a href="{}" target="_blank">Open the post page</a>',
            obj.get_absolute_url(),
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request).select_related("author", "series")
        if request.user.has_perm("posts.edit_others_posts"):
            return queryset
        return queryset.filter(author=request.user)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if (
            not request.user.has_perm("posts.publish_post")
            and "status" in form.base_fields
        ):
            allowed = {Post.Status.DRAFT, Post.Status.PENDING}
            form.base_fields["status"].choices = [
                c for c in Post.Status.choices if c[0] in allowed
            ]
        if "author" in form.base_fields:
            form.base_fields["author"].initial = request.user.pk
            form.base_fields["author"].required = False  # empty means "me"
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("posts.edit_others_posts"):
            fields.append("author")
        if obj and not request.user.has_perm("posts.publish_post") and obj.is_public:
            fields += ["status", "published_at"]
        return fields

    def save_model(self, request, obj: Post, form, change: bool) -> None:
        """Nothing yet: ``save_related`` saves the post and its inlines in one
        service call, so mentions, extras and name checks see the inlines."""

    def save_related(self, request, form, formsets, change: bool) -> None:
        def save_inlines(post: Post) -> None:
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)

        warnings = services.save_post_as(
            editor=request.user,
            post=form.instance,
            tags=form.cleaned_data.get("tags"),
            categories=form.cleaned_data.get("categories"),
            related=save_inlines,
        )
        services.record_revision(post=form.instance, editor=request.user)
        for warning in warnings:
            messages.warning(request, warning)

    def save_formset(self, request, form, formset, change: bool) -> None:
        """Attachments through the upload service, which records size and type."""
        if formset.model is not Attachment:
            super().save_formset(request, form, formset, change)
            return
        for attachment in formset.save(commit=False):
            services.save_attachment(attachment=attachment)
        for attachment in formset.deleted_objects:
            attachment.delete()

    def delete_model(self, request, obj: Post) -> None:
        services.delete_post(post=obj)

    def delete_queryset(self, request, queryset: QuerySet) -> None:
        services.delete_posts(posts=queryset)

    def get_urls(self):
        def view(function, route: str, name: str):
            return path(route, self.admin_site.admin_view(function), name=name)

        return [
            view(self.preview_view, "preview/", "posts_post_preview"),
            view(self.page_preview_view, "page-preview/", "posts_post_page_preview"),
            view(
                self.series_position_view,
                "series-position/",
                "posts_post_series_position",
            ),
            view(
                self.autosave_view, "<path:object_id>/autosave/", "posts_post_autosave"
            ),
            view(self.image_view, "<path:object_id>/images/", "posts_post_image"),
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
        extra["revision_count"] = post.revisions.count() if post else 0
        extra["editor_urls"] = {
            "preview": reverse("admin:posts_post_page_preview")
            + (f"?post={post.pk}" if post else ""),
            "series_position": reverse("admin:posts_post_series_position"),
            "autosave": reverse("admin:posts_post_autosave", args=[post.pk])
            if post
            else "",
            "images": reverse("admin:posts_post_image", args=[post.pk]) if post else "",
        }
        response = super().changeform_view(request, object_id, form_url, extra)
        # The preview is a frame of our own pages: allow 'self' in frame-src
        # here only, beside the players the policy already names.
        policy = dict(settings.SECURE_CSP)
        policy["frame-src"] = [CSP.SELF, *policy.get("frame-src", [])]
        response._csp_config = policy
        return response

    def _post_for_change(self, request: HttpRequest, object_id: str) -> Post:
        """The post if this writer may change it (the role limits of
        ``get_queryset`` included); 404 otherwise, as the change page does."""
        post = self.get_object(request, object_id)
        if post is None or not self.has_change_permission(request, post):
            raise Http404("No such post, or not yours to change.")
        return post

    def preview_view(self, request: HttpRequest) -> JsonResponse:
        """Render Markdown as readers will get it, for the editor's preview."""
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        return JsonResponse(
            {"html": render_markdown(request.POST.get("body", "")[:500_000])}
        )

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
                "saved_at": f"{at:%H:%M}" if at else "",
                "others_editing": saved.others_editing,
                "notice": editing_notice(saved.others_editing),
            }
        )

    def image_view(self, request: HttpRequest, object_id: str) -> JsonResponse:
        """Store one image dropped or pasted into the text and answer with its
        Markdown; a file the blog does not take gets its reason and stores
        nothing."""
        if request.method != "POST":
            raise PermissionDenied
        post = self._post_for_change(request, object_id)
        upload = request.FILES.get("image")
        if upload is None:
            return JsonResponse(
                {"error": "Choose an image file to upload."}, status=400
            )
        alt = PurePosixPath(upload.name or "").stem.replace("-", " ").replace("_", " ")
        try:
            image = services.add_post_image(post=post, upload=upload, alt=alt[:200])
        except UploadRejected as error:
            return JsonResponse({"error": str(error)}, status=400)
        return JsonResponse({"markdown": image.markdown, "url": image.image.url})

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

    @admin.action(description="Publish the selected posts now", permissions=["publish"])
    def publish_selected(self, request, queryset: QuerySet) -> None:
        with services.batch():
            for post in queryset:
                services.publish_post(post=post, at=post.published_at)
        messages.success(request, f"Published {queryset.count()} post(s).")

    @admin.action(
        description="Move the selected posts back to drafts", permissions=["publish"]
    )
    def move_to_drafts(self, request, queryset: QuerySet) -> None:
        with services.batch():
            for post in queryset:
                services.unpublish_post(post=post)
        messages.success(request, "Moved to drafts.")

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("posts.publish_post")


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


class SeriesPostInline(admin.TabularInline):
    model = Post
    fields = ["series_position", "title", "status", "published_at"]
    readonly_fields = ["title", "status", "published_at"]
    extra = 0
    can_delete = False
    ordering = ["series_position", "published_at"]
    verbose_name = "part"
    verbose_name_plural = "parts, in reading order (edit the numbers to reorder)"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        """Writers who may not edit others' posts see the public parts and their
        own: another writer's draft stays theirs, here as on the blog."""
        parts = super().get_queryset(request)
        if request.user.has_perm("posts.edit_others_posts"):
            return parts
        return parts.filter(access.public_q() | Q(author=request.user))


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SeriesPostInline]

    def save_model(self, request, obj: Series, form, change: bool) -> None:
        services.save_series(series=obj)

    def save_formset(self, request, form, formset, change: bool) -> None:
        """New positions from the parts inline are saved like any edit of a post."""
        with services.batch():
            for part in formset.save(commit=False):
                services.save_post_as(editor=request.user, post=part)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["parent__parent"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_published", "show_in_menu", "menu_order"]
    list_editable = ["menu_order"]
    prepopulated_fields = {"slug": ["title"]}

    class Media:
        css = {"all": ["admin/linernotes-editor.css"]}
        js = ["admin/linernotes-editor.js"]

    def get_form(self, request, obj=None, **kwargs):
        kwargs["widgets"] = {"body": MARKDOWN_WIDGET}
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj: Page, form, change: bool) -> None:
        services.save_page(page=obj)
