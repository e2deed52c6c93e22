"""The forms that read a pasted track listing: the paste page's (a listing,
the writer's reading choices and the release it fills) and the release
page's, which reads the listing once and keeps that reading for the save."""

import json

from django import forms
from django.urls import reverse_lazy

from .. import services
from ..models import Release
from ..tracklist import ListingOptions, ParsedListing, TracklistError, split_artists

ORDER_CHOICES = [
    ("", "Decide from the listing"),
    ("artist-title", "Artist – Title"),
    ("title-artist", "Title – Artist"),
]


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
