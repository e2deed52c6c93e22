"""The catalogue in the writer's desk.

The release page's track table (credit lines, m:ss lengths, drag to reorder),
pasting a listing with a line-by-line preview and new artists confirmed before
anything is made, filling a release from a MusicBrainz address, the name check
the post editor calls while the writer types, and merges to confirm. Every
write goes through ``services``.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme

from linernotes.core.forms import row_id

from . import desk, musicbrainz, services
from .models import Artist, ArtistAlias, MergeSuggestion, Release, Track
from .tracklist import ListingOptions, ParsedListing, TracklistError, split_artists

ORDER_CHOICES = [
    ("", "Decide from the listing"),
    ("artist-title", "Artist – Title"),
    ("title-artist", "Title – Artist"),
]


NAME_CHECK_MAX_CHARS = 50_000
"""About 8,000 words, past any review: the check runs as the writer pauses,
and its worst case (every word a capitalised near-name) grows with the text,
about a second at this length against 5,000 names (bench/name_check.py)."""


class PasteListingForm(forms.Form):
    """A pasted listing, the writer's reading choices, and the release it fills."""

    release = forms.IntegerField(required=False, widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
    listing = forms.CharField(
        label="Track listing",
        strip=False,
        help_text="Paste it as you have it: numbered or not, “Artist – Title” or "
        "“Title – Artist”, sides and discs as headings.",
        widget=forms.Textarea(
            attrs={"rows": 12, "class": "vLargeTextField listing-paste"}
        ),
    )
    listing_order = forms.ChoiceField(
        choices=ORDER_CHOICES, required=False, label="Order in each line"
    )
    listing_options = forms.CharField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(max_length=300, required=False, label="Release title")
    artist = forms.CharField(
        max_length=300,
        required=False,
        label="Release artist",
        help_text="Leave empty for various artists (a soundtrack or compilation).",
    )
    kind = forms.ChoiceField(choices=Release.Kind.choices, required=False)
    year = forms.IntegerField(min_value=1000, max_value=9999, required=False)

    def release_artists(self) -> list[str]:
        artist = self.cleaned_data.get("artist", "")
        return [a.name for a in split_artists(artist)] if artist else []

    def confirm_problems(self, release: Release | None) -> list[str]:
        """What a new release still needs before it can be made."""
        if release is None and not self.cleaned_data.get("title", "").strip():
            return ["Give the release a title."]
        return []

    @staticmethod
    def spellings(post) -> dict[str, str]:
        """The writer's answer for each new name (``artist:<name>`` fields): the
        name itself for a new artist, or the existing artist's name it means."""
        chosen = {}
        for key, value in post.items():
            if key.startswith("artist:") and value:
                name = key.removeprefix("artist:")
                chosen[name] = name if value == NEW_ARTIST else value
        return chosen


NEW_ARTIST = "__new__"


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
        # Django draws a file input under a legend, not a label.
        widgets = {"cover": forms.ClearableFileInput(attrs={"aria-label": "Cover"})}
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


class LengthField(forms.CharField):
    """A track's length typed as the table shows it (m:ss), stored as seconds."""

    def to_python(self, value: str | None) -> int | None:
        try:
            return services.read_duration(super().to_python(value) or "")
        except services.DurationInvalid as error:
            raise forms.ValidationError(str(error), code="invalid") from error


class TrackForm(forms.ModelForm):
    """One row of the release's track table: the credit line with its join
    phrases and the length as m:ss, each read back the way it is shown."""

    sort_order = forms.IntegerField(
        min_value=1,
        required=False,
        label="Order",
        help_text="Rows are saved in this order; drag a row by its handle, or "
        "change the numbers.",
        widget=forms.NumberInput(attrs={"class": "track-order", "size": 3}),
    )
    artists = forms.CharField(
        max_length=600,
        required=False,
        label="Artists",
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        help_text="As credited, with the words between them: "
        "“Kenny Loggins and Gladys Knight”.",
    )
    length = LengthField(
        required=False,
        label="Length",
        help_text="Minutes and seconds, as 3:52.",
        widget=forms.TextInput(attrs={"size": 6, "inputmode": "numeric"}),
    )

    class Meta:
        model = Track
        fields = ["sort_order", "disc", "position", "title"]
        widgets = {
            "disc": forms.NumberInput(attrs={"size": 2, "class": "track-disc"}),
            "position": forms.TextInput(attrs={"size": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault(
                "artists", services.credit_line(self.instance.credits.all())
            )
            self.initial.setdefault("length", self.instance.duration)
        # The table's columns are headed, not labelled: each input says what
        # it is to a screen reader, naming its track.
        track = f"“{self.instance.title}”" if self.instance.pk else "the new track"
        for name, field in self.fields.items():
            field.widget.attrs["aria-label"] = f"{field.label or name} of {track}"

    def _get_validation_exclusions(self) -> set[str]:
        """Positions are checked across the whole table (``TrackFormSet``,
        ``services.check_track_edits``): two rows may swap places, which the
        model's row-by-row check against the stored table would refuse."""
        return {*super()._get_validation_exclusions(), "position"}

    def edit(self) -> services.TrackEdit:
        data = self.cleaned_data
        return services.TrackEdit(
            track_id=self.instance.pk,
            disc=data.get("disc") or 1,
            position=data.get("position", ""),
            title=data.get("title", ""),
            duration_seconds=data.get("length"),
            artists=data.get("artists", ""),
            order=data.get("sort_order"),
        )


class TrackFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            track = f"“{form.instance.title}”" if form.instance.pk else "the new track"
            form.fields["DELETE"].widget.attrs["aria-label"] = f"Delete {track}"

    def table(self) -> tuple[list[services.TrackEdit], list[int]]:
        """The rows as the writer left them and the ids of the tracks deleted:
        valid rows only, and an untouched empty row is no track."""
        edits, deleted = [], []
        for row in self.forms:
            if not getattr(row, "cleaned_data", None):
                continue
            if self._should_delete_form(row):
                if row.instance.pk:
                    deleted.append(row.instance.pk)
            elif row.instance.pk or row.has_changed():
                edits.append(row.edit())
        return edits, deleted

    def clean(self) -> None:
        """The table as a whole: one position once per disc (the service's rule)."""
        super().clean()
        edits, _deleted = self.table()
        try:
            services.check_track_edits(edits)
        except services.TracksInvalid as error:
            raise forms.ValidationError(error.problems) from error


class TrackInline(admin.TabularInline):
    model = Track
    form = TrackForm
    formset = TrackFormSet
    fields = ["sort_order", "disc", "position", "artists", "title", "length"]
    extra = 0
    ordering = ["disc", "sort_order"]
    classes = ["track-table"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("credits__artist")


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

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "parse-listing/", wrap(self.parse_view), name="catalogue_release_parse"
            ),
            path("paste/", wrap(self.paste_view), name="catalogue_release_paste"),
            path(
                "from-musicbrainz/",
                wrap(self.musicbrainz_view),
                name="catalogue_release_musicbrainz",
            ),
            path(
                "name-check/", wrap(self.name_check_view), name="catalogue_name_check"
            ),
            *super().get_urls(),
        ]

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

    def paste_view(self, request: HttpRequest) -> HttpResponse:
        """Paste a listing, see it read line by line, confirm the new artists,
        then make the release (or give the named one these tracks).

        The same form answers a script (header ``X-Desk-Fragment: 1``: only the
        preview, to swap in place) and a plain browser (the whole page).
        """
        release = self._release_to_fill(request)
        form = PasteListingForm(
            request.POST or None,
            initial={"release": release, "next": request.GET.get("next", "")},
        )
        preview, problems, status = None, [], 200
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            options = listing_options(data["listing_options"], data["listing_order"])
            if choice := request.POST.get("choose"):
                options = desk.choose_alternative(options, choice)
            # The catalogue's names, read once: the reading, the new artists
            # and the save all check against the same list.
            known = services.known_artist_names()
            preview = desk.preview_listing(
                data["listing"],
                options,
                extra_artists=form.release_artists(),
                known=known,
            )
            if preview.refusal:
                status = 400
            elif "confirm" in request.POST:
                problems = form.confirm_problems(release)
                if not problems:
                    try:
                        made = services.save_listing(
                            listing=preview.reading,
                            spellings=form.spellings(request.POST),
                            release=release,
                            title=data["title"],
                            artist=data["artist"],
                            kind=data["kind"] or Release.Kind.ALBUM,
                            year=data["year"],
                            known=known,
                        )
                    except services.ListingInvalid as error:
                        problems = error.problems
                    else:
                        messages.success(
                            request,
                            f"“{made.title}” now has {made.tracks.count()} tracks "
                            "from the listing.",
                        )
                        return self._after_paste(request, made)
                status = 400
        elif request.method == "POST":
            status = 400
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Paste a listing into “{release.title}”"
            if release
            else "Paste a track listing",
            "release": release,
            "form": form,
            "preview": preview,
            "problems": problems,
            "chosen": form.spellings(request.POST) if request.method == "POST" else {},
            "options_json": json.dumps(preview.options.to_json_dict())
            if preview
            else "",
            "choosable": True,
        }
        template = (
            "admin/catalogue/release/paste_fragment.html"
            if request.headers.get("X-Desk-Fragment")
            else "admin/catalogue/release/paste.html"
        )
        return TemplateResponse(request, template, context, status=status)

    @staticmethod
    def _after_paste(request: HttpRequest, release: Release) -> HttpResponse:
        """Back where the writer came from (``next``, this site only, told
        which release was made as ``release=<id>``), else to the release."""
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            joiner = "&" if "?" in target else "?"
            return redirect(f"{target}{joiner}release={release.pk}")
        return redirect("admin:catalogue_release_change", release.pk)

    def musicbrainz_view(self, request: HttpRequest) -> HttpResponse:
        """Paste a MusicBrainz release address, see what would be filled, confirm.

        Looking fetches the release and shows it, saving nothing; confirming
        fetches it again and saves it through ``release_from_musicbrainz``
        (the command's path), filling the release the writer came from when
        it has no other MusicBrainz release.
        """
        release = self._release_to_fill(request)
        address = request.POST.get("address", "").strip()
        data, error, existing, status = None, "", None, 200
        if request.method == "POST":
            try:
                mbid = services.musicbrainz_release_id(address)
                if "confirm" in request.POST:
                    into = release if release and not release.musicbrainz_id else None
                    made = services.release_from_musicbrainz(mbid=mbid, into=into)
                    messages.success(
                        request,
                        f"Filled “{made.title}” from MusicBrainz with "
                        f"{made.tracks.count()} tracks.",
                    )
                    return redirect("admin:catalogue_release_change", made.pk)
                data = musicbrainz.fetch_release(mbid)
            except musicbrainz.MusicBrainzError as failure:
                error, status = str(failure), 400
            else:
                existing = Release.objects.filter(musicbrainz_id=data.mbid).first()
        target = existing or (
            release if release and not release.musicbrainz_id else None
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Fill a release from MusicBrainz",
            "release": release,
            "address": address,
            "data": data,
            "several_discs": data is not None
            and len({t.disc for t in data.tracks}) > 1,
            "error": error,
            "target": target,
        }
        return TemplateResponse(
            request, "admin/catalogue/release/musicbrainz.html", context, status=status
        )

    def name_check_view(self, request: HttpRequest) -> JsonResponse:
        """Name-check warnings for text being written (POST ``text``, optional
        ``release`` ids): near misses against the whole catalogue's artists and
        the given releases' track titles."""
        if request.method != "POST":
            return JsonResponse({"error": "POST the text to check."}, status=405)
        if not self.has_view_permission(request):
            raise PermissionDenied
        text = request.POST.get("text", "")
        if len(text) > NAME_CHECK_MAX_CHARS:
            return JsonResponse(
                {"error": f"The text is longer than {NAME_CHECK_MAX_CHARS:,} "
                 "characters; check it in parts."},
                status=400,
            )  # fmt: skip
        ids = [pk for v in request.POST.getlist("release") if (pk := row_id(v))]
        warnings = desk.name_check(text, release_ids=ids)
        return JsonResponse({"warnings": [w.to_json_dict() for w in warnings]})

    def _release_to_fill(self, request: HttpRequest) -> Release | None:
        """The release the writer came from, if any, once they may fill it:
        change permission on it, or add permission to make a new one."""
        release = self._release_param(request)
        if not (
            self.has_change_permission(request, release)
            if release
            else self.has_add_permission(request)
        ):
            raise PermissionDenied
        return release

    def _release_param(self, request: HttpRequest) -> Release | None:
        """The release the writer came from (``release`` in the query or form)."""
        raw = request.POST.get("release") or request.GET.get("release", "")
        if not raw:
            return None
        pk = row_id(raw)
        if pk is None:
            raise Http404("No such release.")
        return get_object_or_404(Release, pk=pk)


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    """Registered for search (standout tracks in a review); tracks are edited on
    their release."""

    list_display = ["title", "release", "disc", "position"]
    search_fields = ["title", "release__title"]
    list_select_related = ["release"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return False
