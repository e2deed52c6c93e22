"""The reader's own pages: their state for cached pages, their profile, identicons.

Cached pages carry nothing about the reader; the small uncached ``me.json``
request tells the page's script who is signed in. Sign-up, sign-in, email and
password pages are allauth's, under ``/accounts/``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from linernotes.core.middleware import mark_private

from . import services
from .forms import AvatarForm, ProfileForm
from .identicons import identicon_svg
from .reader_state import contributed_state


@never_cache
@require_GET
def reader_state(request: HttpRequest) -> JsonResponse:
    user = request.user
    state = {"signed_in": user.is_authenticated}
    if user.is_authenticated:
        state["name"] = user.public_name
        if user.is_staff:
            state["admin_url"] = reverse("admin:index")
    state.update(contributed_state(request))
    return JsonResponse(state)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """One page, three forms told apart by the ``action`` field of the POST."""
    user = request.user
    profile_form = ProfileForm(
        initial={"display_name": user.display_name, "bio": user.bio}
    )
    avatar_form = AvatarForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "profile":
            profile_form = ProfileForm(request.POST)
            if profile_form.is_valid():
                services.update_profile(user=user, **profile_form.cleaned_data)
                return _saved(request, "Your profile is saved.")
        elif action == "avatar":
            avatar_form = AvatarForm(request.POST, request.FILES)
            if avatar_form.is_valid():
                services.set_avatar(
                    user=user, upload=avatar_form.cleaned_data["avatar"]
                )
                return _saved(request, "Your new picture is in place.")
        elif action == "remove-avatar":
            services.remove_avatar(user=user)
            return _saved(request, "Your picture is removed; a pattern shows instead.")
        status = 400
    context = {"profile_form": profile_form, "avatar_form": avatar_form}
    return mark_private(render(request, "users/profile.html", context, status=status))


def _saved(request: HttpRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("users:profile")


@require_GET
@cache_control(public=True, max_age=60 * 60 * 24 * 365, immutable=True)
def identicon(request: HttpRequest, digest: str) -> HttpResponse:
    """The same digest always draws the same picture, so browsers keep it a year."""
    try:
        svg = identicon_svg(digest)
    except ValueError as error:
        raise Http404 from error
    return HttpResponse(svg, content_type="image/svg+xml")
