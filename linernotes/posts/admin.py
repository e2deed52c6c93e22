"""The admin shaped for writers: Markdown with live preview, scheduling, series
order, attachments, body images, search and filters, and role limits.

The post editor's own pages and endpoints (preview by the post template,
autosave and revisions, files dropped into the text, the blog's time zone)
live in ``editor.py`` and are mixed into ``PostAdmin``.

Every save goes through posts.services, never straight to the model.
"""

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import path, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html

from linernotes.core.exceptions import UploadRejected
from linernotes.core.markup import render_markdown

from . import access, editor, services
from .editor import PostEditorViews
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


# Attachments and body images are stacked, not tabular: a table's rows have
# column headings but no labels, which screen readers (and axe-core) miss,
# and a stack fits a phone.
class AttachmentInline(admin.StackedInline):
    model = Attachment
    form = AttachmentForm
    extra = 0
    readonly_fields = ["size", "play_count", "download_count"]
    verbose_name_plural = "attachments (or drop or paste a file into the text)"


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


class PostImageInline(admin.StackedInline):
    model = PostImage
    form = PostImageForm
    extra = 0
    readonly_fields = ["markdown_to_paste"]
    verbose_name = "image for the body"
    verbose_name_plural = "images in the body (drop or paste one into the text)"

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

    def get_extra(self, request, obj=None, **kwargs) -> int:
        """One empty row more when the writer comes back from pasting a listing
        (``?release=<id>``): the post editor fills it with that release."""
        return 1 if editor.release_to_link(request, obj) else 0


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

    # Not stored with the post: read beside the box as it is typed, and
    # carried to the catalogue's paste page by "Save and add the music"
    # (posts/editor_music.py).
    listing = forms.CharField(
        required=False,
        strip=False,
        label="Track listing",
        help_text="Paste the release's listing as you have it: numbered or not, "
        "“Artist – Title” or “Title – Artist”, sides and discs as headings. How "
        "each line reads shows beside it; “Save and add the music” makes or "
        "links the release once you confirm any new artist.",
        widget=forms.Textarea(
            attrs={"rows": 8, "class": "vLargeTextField listing-paste"}
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "author" in self.fields:
            self.fields["author"].queryset = services.writers()
        if "body" in self.fields:
            self.fields["body"].widget.attrs.update(
                editor.name_check_attrs(self.instance)
            )

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


# Apps whose rows about a post are readers' responses to it (see
# PostAdmin.get_deleted_objects). Named, not imported: posts sits below them.
READERS_APPS = ("comments", "likes", "notifications")


@admin.register(Post)
class PostAdmin(PostEditorViews, admin.ModelAdmin):
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
        ("Music", {"fields": ["listing"]}),
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
        css = {"all": ["admin/linernotes-editor.css", "catalogue/desk.css"]}
        js = ["admin/linernotes-editor.js", "catalogue/name-check.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """The schedule field reads and shows times in the blog's time zone
        (activated for every request by the site middleware)."""
        if db_field.name == "published_at":
            return editor.SiteDateTimeField(
                required=False,
                label="Publish at",
                help_text=editor.zone_help(timezone.get_current_timezone()),
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
        # A form sent back with errors may carry an emptied slug (filled in
        # from the title on save): no address to link to yet.
        if not obj.pk or not obj.slug:
            return "Save to preview the post as readers will see it."
        return format_html(
            '<a href="{}" target="_blank">Open the post page</a>',
            obj.get_absolute_url(),
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request).select_related("author", "series")
        return queryset.worked_on_by(request.user)

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
        preview = path(
            "preview/",
            self.admin_site.admin_view(self.preview_view),
            name="posts_post_preview",
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request: HttpRequest) -> JsonResponse:
        """Render Markdown as readers will get it, for the editor's preview."""
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        return JsonResponse(
            {"html": render_markdown(request.POST.get("body", "")[:500_000])}
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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A table's cells have a column heading but no label of their own,
        # which screen readers (and axe-core) miss.
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "series_position":
            field.widget.attrs["aria-label"] = "Position in the series"
        return field

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

    def get_changelist_form(self, request, **kwargs):
        # The list's order boxes sit in table cells with no label of their own.
        kwargs["widgets"] = {
            "menu_order": forms.NumberInput(attrs={"aria-label": "Menu order"})
        }
        return super().get_changelist_form(request, **kwargs)

    def save_model(self, request, obj: Page, form, change: bool) -> None:
        services.save_page(page=obj)
