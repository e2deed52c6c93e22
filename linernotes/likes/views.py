"""The like endpoints: one URL each for posts and comments, JSON or plain form.

A form POST from the cached page (no JavaScript) is redirected back to what was
liked; a request that accepts JSON gets ``{"liked": ..., "count": ...}``. Both
pass the same cross-site check (decision 0010) and per-address rate limit.
Who may like follows posts.access: a post the reader may not see answers 404,
a locked one 403 until this session has unlocked it.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from linernotes.comments.models import Comment
from linernotes.core import ratelimit
from linernotes.core.csrf import same_origin_post
from linernotes.core.exceptions import RateLimited
from linernotes.posts import access
from linernotes.posts.models import Post

from . import guests, services

Setter = Callable[[services.Liker, bool], services.LikeState]


@never_cache
@same_origin_post
@require_POST
def like_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.published(), pk=pk)
    if refused := _refuse(request, post):
        return refused

    def set_like(liker: services.Liker, liked: bool) -> services.LikeState:
        return services.set_post_like(post=post, liker=liker, liked=liked)

    return _answer(request, set_like, post.get_absolute_url() + "#likes")


@never_cache
@same_origin_post
@require_POST
def like_comment(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(
        Comment.objects.approved().select_related("post"), pk=pk
    )
    if refused := _refuse(request, comment.post):
        return refused

    def set_like(liker: services.Liker, liked: bool) -> services.LikeState:
        return services.set_comment_like(comment=comment, liker=liker, liked=liked)

    return _answer(request, set_like, comment.get_absolute_url())


def _refuse(request: HttpRequest, post: Post) -> HttpResponse | None:
    """None when this reader may like on ``post``, else a 404 for a post they
    may not see and a 403 for a locked one."""
    allowed = access.access_post(request, post)  # may_like's answer, read once
    if allowed is access.Access.CONTENT:
        return None
    if allowed is access.Access.NONE:
        raise Http404("No such post.")
    message = "This post is protected: enter its password on its page to like it."
    return _error(request, _wants_json(request), message, status=403)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _answer(request: HttpRequest, set_like: Setter, back_to: str) -> HttpResponse:
    wants_json = _wants_json(request)
    liked = {"1": True, "0": False}.get(request.POST.get("liked", ""))
    if liked is None:
        return _error(request, wants_json, "Say liked=1 or liked=0.", status=400)
    try:
        ratelimit.enforce(
            "likes", ratelimit.client_key(request), settings.LINERNOTES_LIKE_RATE
        )
        liker, new_guest_id = _liker(request)
        state = set_like(liker, liked)
    except services.NotLikeable:
        return _error(request, wants_json, "There is nothing here to like.", status=404)
    except services.LikeRefused as refusal:
        return _error(request, wants_json, str(refusal), status=403)
    except RateLimited as limited:
        return _error(request, wants_json, str(limited), status=429)
    if wants_json:
        response = JsonResponse({"liked": state.liked, "count": state.count})
    else:
        response = redirect(back_to)
    if new_guest_id:
        guests.remember_guest(response, new_guest_id)
    return response


def _liker(request: HttpRequest) -> tuple[services.Liker, str | None]:
    """The account, or this browser's guest id (a new one if it has none yet)."""
    if request.user.is_authenticated:
        return services.Liker.account(request.user), None
    guest_id = guests.guest_id_from_request(request)
    if guest_id is not None:
        return services.Liker.guest(guest_id), None
    guest_id = guests.new_guest_id()
    return services.Liker.guest(guest_id), guest_id


def _error(
    request: HttpRequest, wants_json: bool, message: str, *, status: int
) -> HttpResponse:
    if wants_json:
        return JsonResponse({"error": message}, status=status)
    context = {"message": message}
    return render(request, "likes/like_refused.html", context, status=status)
