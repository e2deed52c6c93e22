"""``ReleaseAdmin``: a release's page with its track table and a listing to
paste, saved through the services; its other pages are ``release_pages``'s."""

from django.contrib import admin, messages

from .. import services
from ..models import Release, Track
from .listing_forms import ReleaseForm
from .release_pages import ReleasePages
from .tracks import TrackInline


@admin.register(Release)
class ReleaseAdmin(ReleasePages, admin.ModelAdmin):
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

    change_form_template = "admin/catalogue/release/change_form.html"
    change_list_template = "admin/catalogue/release/change_list.html"

    class Media:
        css = {"all": ["admin/linernotes-editor.css", "catalogue/desk.css"]}
        js = ["admin/linernotes-listing.js", "catalogue/track-order.js"]

    def save_model(self, request, obj: Release, form, change: bool) -> None:
        services.save_release(release=obj)

    def save_formset(self, request, form, formset, change: bool) -> None:
        """The track table is saved whole through ``services.edit_tracks``, so
        swapped positions, credit lines and the order follow one rule."""
        if formset.model is not Track:
            super().save_formset(request, form, formset, change)
            return
        edits, deleted = formset.table()
        # What the admin's history reads after a formset is saved.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = (
            [],
            [],
            [],
        )
        if edits or deleted:
            services.edit_tracks(release=form.instance, edits=edits, delete=deleted)

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if form.parsed_listing is not None:
            tracks = services.set_tracks_from_listing(
                release=form.instance, listing=form.parsed_listing
            )
            messages.info(request, f"Saved {len(tracks)} tracks from the listing.")
