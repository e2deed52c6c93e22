"""The release pages beside the change form: the parser's preview for the
editor, pasting a listing, filling a release from MusicBrainz, and the name
check the post editor calls while the writer types."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme

from linernotes.core.forms import row_id

from .. import desk, musicbrainz, services
from ..models import Release
from ..tracklist import TracklistError
from .listing_forms import PasteListingForm, listing_options

NAME_CHECK_MAX_CHARS = 50_000
"""About 8,000 words, past any review: the check runs as the writer pauses,
and its worst case (every word a capitalised near-name) grows with the text,
about a second at this length against 5,000 names (bench/name_check.py)."""


class ReleasePages:
    """The views and their addresses, mixed into ``ReleaseAdmin`` (whose
    permissions they ask)."""

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
        preview, problems, status, twins = None, [], 200, []
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
            elif linked := self._release_to_link(request):
                messages.success(request, f"Linked “{linked}”, already here.")
                return self._after_paste(request, linked)
            elif "confirm" in request.POST or "make_new" in request.POST:
                problems = form.confirm_problems(release)
                if not problems and release is None and "make_new" not in request.POST:
                    twins = desk.releases_like(data["title"], data["year"])
                    if twins:
                        problems = [
                            f"“{twins[0]}” is already in the catalogue: link it, "
                            "or make a new release anyway."
                        ]
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
            "twins": twins,
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
    def _release_to_link(request: HttpRequest) -> Release | None:
        """The existing release the writer chose instead of making its twin."""
        chosen = row_id(request.POST.get("link_existing", ""))
        return Release.objects.filter(pk=chosen).first() if chosen else None

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
