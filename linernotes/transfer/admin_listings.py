"""The admin's "Track listings from the import": the writer decides each one.

Listings the WordPress importer found in post bodies wait here (see
``transfer.listings``). The list shows each with the parser's reading; "Make a
release from it" opens a form prefilled with a guess the writer corrects, and
nothing is created until they confirm it; "Not a listing" puts it away.

The pages hang off WordPressObject's admin URLs, which have no list or forms of
their own (import records are not edited by hand), so the model stays out of
the app list; the admin index and the post's change page link here instead.
Plain forms and links: everything works without JavaScript.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from linernotes.catalogue import desk
from linernotes.catalogue.admin import ORDER_CHOICES
from linernotes.catalogue.models import Release
from linernotes.catalogue.services import ListingInvalid
from linernotes.catalogue.tracklist import TracklistError
from linernotes.core.admin import WrittenByServices
from linernotes.posts import access
from linernotes.transfer import listings
from linernotes.transfer.models import WordPressObject


class ListingReleaseForm(forms.Form):
    """The release a listing becomes, as the writer confirms it."""

    title = forms.CharField(max_length=300, label="Release title")
    artist = forms.CharField(
        max_length=300,
        required=False,
        label="Release artist",
        help_text="Leave empty for various artists (a soundtrack or compilation).",
    )
    kind = forms.ChoiceField(choices=Release.Kind.choices, label="Kind")
    year = forms.IntegerField(min_value=1000, max_value=9999, required=False)
    listing = forms.CharField(
        label="Track listing",
        help_text="As found in the post. Mend a line here if the reading below is "
        "wrong, then read it again before making the release.",
        widget=forms.Textarea(attrs={"rows": 10, "class": "vLargeTextField"}),
    )
    listing_order = forms.ChoiceField(
        choices=ORDER_CHOICES, required=False, label="Order in each line"
    )


@admin.register(WordPressObject)
class ImportedListingsAdmin(WrittenByServices, admin.ModelAdmin):
    """Only the listings pages: import records themselves are not edited here."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            # The model's own list page is the listings page (every registered
            # model has a list page: the admin crawl reverses them all).
            path(
                "",
                wrap(self.list_view),
                name="transfer_wordpressobject_changelist",
            ),
            path("listings/", wrap(self.list_view), name="transfer_listings"),
            path(
                "listings/<int:record_id>/<int:index>/",
                wrap(self.make_view),
                name="transfer_listing_make",
            ),
            path(
                "listings/<int:record_id>/<int:index>/not-a-listing/",
                wrap(self.dismiss_view),
                name="transfer_listing_dismiss",
            ),
        ]

    def list_view(self, request: HttpRequest) -> HttpResponse:
        """Every listing waiting on a post this writer may edit."""
        if not listings.may_confirm_listings(request.user):
            raise PermissionDenied
        post_id = request.GET.get("post", "")
        waiting = listings.waiting_listings(
            user=request.user, post_id=int(post_id) if post_id.isdigit() else None
        )
        context = {
            **self._context(request, "Track listings from the import"),
            "listings": [(item, access.is_public(item.post)) for item in waiting],
            "one_post": post_id.isdigit(),
        }
        return TemplateResponse(request, "admin/transfer/listings/list.html", context)

    def make_view(self, request: HttpRequest, record_id: int, index: int):
        """The confirmation form: a guess to correct, the reading, and "make"."""
        try:
            item = listings.find_listing(
                user=request.user, record_id=record_id, index=index
            )
        except listings.ListingUnavailable as error:
            if request.method != "POST":
                raise Http404(str(error)) from error
            messages.warning(request, str(error))  # decided in another tab
            return redirect("admin:transfer_listings")
        guess = listings.guess_release(item)
        reading, refusal = item.reading, item.refusal
        if request.method != "POST":
            form = ListingReleaseForm(
                initial={
                    "title": guess.title,
                    "artist": guess.artist,
                    "kind": guess.kind,
                    "listing": item.text,
                }
            )
        else:
            form = ListingReleaseForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                reading, refusal = listings.reading_of(
                    data["listing"], order=data["listing_order"] or None
                )
                if "confirm" in request.POST:
                    release = self._make(request, form, record_id, index)
                    if release is not None:
                        return self._after_making(request, release)
        context = {
            **self._context(request, "Make a release from a track listing"),
            "item": item,
            "guess": guess,
            "form": form,
            "preview": desk.arrange(
                reading, text=form["listing"].value() or "", refusal=refusal
            ),
            "public": access.is_public(item.post),
        }
        return TemplateResponse(
            request,
            "admin/transfer/listings/make.html",
            context,
            status=400 if form.errors else 200,
        )

    def _make(
        self, request: HttpRequest, form: ListingReleaseForm, record_id: int, index: int
    ) -> Release | None:
        data = form.cleaned_data
        try:
            release = listings.make_release(
                user=request.user,
                record_id=record_id,
                index=index,
                title=data["title"],
                artist=data["artist"],
                kind=data["kind"],
                year=data["year"],
                text=data["listing"],
                order=data["listing_order"] or None,
            )
        except ListingInvalid as error:
            for problem in error.problems:
                form.add_error("listing", problem)
            return None
        except TracklistError as error:
            form.add_error("listing", str(error))
            return None
        except listings.ListingUnavailable as error:
            form.add_error(None, str(error))
            return None
        messages.success(
            request,
            f"Made the release “{release.title}” with {release.tracks.count()} tracks; "
            "the post now reviews it.",
        )
        return release

    @staticmethod
    def _after_making(request: HttpRequest, release: Release) -> HttpResponse:
        """To the new release, to check its tracks; back to the list for a
        writer who may add releases but not change them."""
        if request.user.has_perm("catalogue.change_release"):
            return redirect("admin:catalogue_release_change", release.pk)
        return redirect("admin:transfer_listings")

    def dismiss_view(self, request: HttpRequest, record_id: int, index: int):
        """ "Not a listing": put it away; nothing is created."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            listings.dismiss_listing(
                user=request.user, record_id=record_id, index=index
            )
        except listings.ListingUnavailable as error:
            messages.warning(request, str(error))
        else:
            messages.success(request, "Put away: it will not be offered again.")
        return redirect("admin:transfer_listings")

    def _context(self, request: HttpRequest, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
        }
