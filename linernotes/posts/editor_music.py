"""The post editor's "Track listing" box: the music pasted into the post.

As the writer types or pastes, the editor's script posts the box to
``listing_preview_view``, which reads it as the paste page does
(``catalogue.desk.preview_listing``: the same parser, the catalogue's names,
each warning beside its line, the same partial) and answers that preview to
show beside the box, with the artists saving would add. Nothing is stored.

"Save and add the music" saves the post, then shows the catalogue's paste
page with the box's listing already read (``paste_listing_for``): the writer
confirms new artists or merges there and comes back to the post with the
release to link, as before. Without the script the box is sent with the form
and the same step follows; an empty box opens the paste page empty
(decision 0052).
"""

import copy
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, reverse
from django.utils.datastructures import MultiValueDict

from linernotes.catalogue import desk
from linernotes.catalogue.models import Release

from .models import Post

# The post form's submit button that saves the post and goes on to the
# listing's confirmation (``MusicViews.response_add`` / ``response_change``).
ADD_MUSIC = "_add_music"
# The post form's listing box (``PostAdminForm.listing``): never stored with
# the post, only read and carried to the paste page.
LISTING_FIELD = "listing"


def paste_listing_for(
    request: HttpRequest, post: Post, admin_site: AdminSite
) -> HttpResponse:
    """The catalogue's paste page for ``post``, which sends the writer back
    to it with the release made (``next``). With a listing in the form's
    box, the page is drawn as if the writer had pasted it there and pressed
    "Read the listing": the catalogue's own view answers a copy of this
    request carrying only the listing and the way back, so reading and
    confirming stay in one place. Empty: a redirect to the empty page."""
    back = reverse("admin:posts_post_change", args=[post.pk])
    listing = request.POST.get(LISTING_FIELD, "")
    if not listing.strip():
        paste = reverse("admin:catalogue_release_paste")
        return redirect(f"{paste}?{urlencode({'next': back})}")
    reading = copy.copy(request)
    reading.GET = QueryDict()
    reading.POST = QueryDict(mutable=True)
    reading.POST.update({"listing": listing, "next": back})
    reading._files = MultiValueDict()
    return admin_site.get_model_admin(Release).paste_view(reading)


@dataclass(frozen=True)
class Newcomer:
    """A name saving would add to the catalogue, and the lines that credit it."""

    choice: desk.ArtistChoice
    lines: tuple[int, ...]


def newcomers(preview: desk.ListingPreview) -> list[Newcomer]:
    """The preview's new artists, each with the numbers of the lines that
    credit it, so the writer finds the misspelt line at once."""
    credited: dict[str, list[int]] = {}
    for line in preview.lines:
        for artist in line.track.artists if line.track else ():
            credited.setdefault(artist.name, []).append(line.line_no)
    return [
        Newcomer(choice, tuple(credited.get(choice.name, ())))
        for choice in preview.new_artists
    ]


class MusicViews:
    """The listing box's endpoint and the "Save and add the music" step, for
    a ``ModelAdmin`` of posts."""

    def music_urls(self, view) -> list[URLPattern]:
        return [
            view(
                self.listing_preview_view,
                "listing-preview/",
                "posts_post_listing_preview",
            )
        ]

    def listing_preview_view(self, request: HttpRequest) -> TemplateResponse:
        """The paste page's preview of the POSTed ``listing``; a listing the
        parser refuses (thousands of lines, not text) answers 400 with its
        reason in the same partial."""
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        preview = desk.preview_listing(request.POST.get(LISTING_FIELD, ""))
        return TemplateResponse(
            request,
            "admin/posts/post/listing_preview.html",
            {"preview": preview, "newcomers": newcomers(preview)},
            status=400 if preview.refusal else 200,
        )

    def response_add(self, request, obj, post_url_continue=None):
        if ADD_MUSIC in request.POST:
            return paste_listing_for(request, obj, self.admin_site)
        _listing_left_behind(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if ADD_MUSIC in request.POST:
            return paste_listing_for(request, obj, self.admin_site)
        _listing_left_behind(request)
        return super().response_change(request, obj)


def _listing_left_behind(request: HttpRequest) -> None:
    """A listing in the box is kept nowhere by a plain Save: say so, rather
    than let the writer believe the release was made."""
    if request.POST.get(LISTING_FIELD, "").strip():
        messages.warning(
            request,
            "The track listing was not used: the post is saved without it. "
            "Paste it again and press “Save and add the music” to make or link "
            "its release.",
        )
