"""The catalogue in the admin: paste a listing and preview it, confirm merges."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import path, reverse_lazy

from . import services
from .models import Artist, ArtistAlias, MergeSuggestion, Release, Track
from .tracklist import ListingOptions, ParsedListing, TracklistError

ORDER_CHOICES = [
    ("", "Decide from the listing"),
    ("artist-title", "Artist – Title"),
    ("title-artist", "Title – Artist"),
]


class ArtistAliasInline(admin.TabularInline):
    model = ArtistAlias
    fields = ["name"]
    extra = 0


@admin.register(Artist)
class ArtistAdmin(admin.ModelAdmin):
    list_display = ["name", "sort_name", "musicbrainz_id"]
    search_fields = ["name", "aliases__name"]
    fields = ["name", "sort_name", "slug", "musicbrainz_id"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ArtistAliasInline]

    def save_model(self, request, obj: Artist, form, change: bool) -> None:
        services.save_artist(artist=obj)


@admin.register(MergeSuggestion)
class MergeSuggestionAdmin(admin.ModelAdmin):
    """Near-miss spellings found when artists were added, for a writer to decide."""

    list_display = ["duplicate_name", "artist", "reason", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["artist", "duplicate", "duplicate_name", "reason", "status"]
    actions = ["confirm", "reject"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Same artist: merge and keep the name as an alias")
    def confirm(self, request: HttpRequest, queryset: QuerySet) -> None:
        pending = queryset.filter(status=MergeSuggestion.Status.PENDING)
        for suggestion in pending.select_related("artist", "duplicate"):
            services.confirm_merge(suggestion=suggestion)
        messages.success(request, "Merged; the other spellings now lead to one artist.")

    @admin.action(description="Different artists: do not ask again")
    def reject(self, request: HttpRequest, queryset: QuerySet) -> None:
        for suggestion in queryset.filter(status=MergeSuggestion.Status.PENDING):
            services.reject_merge(suggestion=suggestion)
        messages.success(request, "Kept apart.")


class ReleaseForm(forms.ModelForm):
    listing = forms.CharField(
        required=False,
        label="Paste a track listing",
        help_text="Any common shape works: numbered or not, “Artist – Title” or "
        "“Title – Artist”, sides and discs as headings. Saving replaces the listing; "
        "a track with the same title or place keeps its standout marks and links.",
        widget=forms.Textarea(
            attrs={
                "rows": 14,
                "class": "listing-editor vLargeTextField",
                "data-preview-url": reverse_lazy("admin:catalogue_release_parse"),
            }
        ),
    )
    listing_order = forms.ChoiceField(
        choices=ORDER_CHOICES, required=False, label="Order in each line"
    )
    # The alternatives the writer picked in the preview ("treat as a heading"),
    # as JSON, so saving reads the listing exactly as the preview showed it.
    listing_options = forms.CharField(required=False, widget=forms.HiddenInput)
    parsed_listing: ParsedListing | None = None

    class Meta:
        model = Release
        fields = ["title", "slug", "kind", "year", "label", "catalogue_number", "film",
                  "cover", "musicbrainz_id"]  # fmt: skip

    def clean(self) -> dict:
        """Read the listing once, with the catalogue's names, and keep that
        reading: it is the one saved (``ReleaseAdmin.save_related``)."""
        data = super().clean()
        self.parsed_listing = None
        if text := data.get("listing", "").strip():
            options = listing_options(
                data.get("listing_options", ""), data.get("listing_order")
            )
            try:
                listing = services.read_listing(text=text, options=options)
                services.check_listing(listing)
            except (TracklistError, services.ListingInvalid) as error:
                raise forms.ValidationError({"listing": str(error)}) from error
            self.parsed_listing = listing
        return data


def listing_options(raw: str, order: str | None) -> ListingOptions:
    """The preview's choices from their JSON; malformed JSON means none."""
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        data = {}
    return ListingOptions.from_json(data, order or None)


class TrackInline(admin.TabularInline):
    model = Track
    fields = ["disc", "position", "title", "duration_seconds"]
    extra = 0
    ordering = ["disc", "sort_order"]


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    form = ReleaseForm
    list_display = ["title", "kind", "year", "label"]
    list_filter = ["kind", "year"]
    search_fields = ["title", "film", "tracks__title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TrackInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "year", "film"]}),
        ("Label", {"fields": ["label", "catalogue_number", "cover", "musicbrainz_id"]}),
        (
            "Tracks from text",
            {"fields": ["listing", "listing_order", "listing_options"]},
        ),
    ]

    class Media:
        css = {"all": ["admin/linernotes-editor.css"]}
        js = ["admin/linernotes-listing.js"]

    def save_model(self, request, obj: Release, form, change: bool) -> None:
        services.save_release(release=obj)

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if form.parsed_listing is not None:
            tracks = services.set_tracks_from_listing(
                release=form.instance, listing=form.parsed_listing
            )
            messages.info(request, f"Saved {len(tracks)} tracks from the listing.")

    def get_urls(self):
        parse = path(
            "parse-listing/",
            self.admin_site.admin_view(self.parse_view),
            name="catalogue_release_parse",
        )
        return [parse, *super().get_urls()]

    def parse_view(self, request: HttpRequest) -> JsonResponse:
        """What the parser understood, for the editor's preview before saving."""
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        options = listing_options(
            request.POST.get("options", ""), request.POST.get("order")
        )
        try:
            listing = services.read_listing(
                text=request.POST.get("listing", ""), options=options
            )
        except TracklistError as error:
            return JsonResponse({"error": str(error)}, status=400)
        return JsonResponse(
            {**listing.to_json_dict(), "options": options.to_json_dict()}
        )


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    """Registered for search (standout tracks in a review); tracks are edited on
    their release."""

    list_display = ["title", "release", "disc", "position"]
    search_fields = ["title", "release__title"]
    list_select_related = ["release"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return False
