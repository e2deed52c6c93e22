"""Artists with their other spellings, and the near-miss spellings found
when artists were added, for a writer to merge or keep apart."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .. import services
from ..models import Artist, ArtistAlias, MergeSuggestion


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
