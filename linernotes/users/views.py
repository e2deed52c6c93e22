"""The reader's own state, fetched by pages that are otherwise shared by everyone.

Cached pages carry nothing about the reader; this small uncached request tells
the page's script who is signed in, so the header can greet them.
"""

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
