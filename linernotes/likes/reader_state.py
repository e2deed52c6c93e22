"""The reader's likes on the current page, for /account/me.json."""

from typing import Any

from django.http import HttpRequest

from linernotes.comments.selectors import post_readable_by

from .guests import guest_id_from_request
from .selectors import likes_on_page
from .services import Liker


def liked_on_page(request: HttpRequest) -> dict[str, Any]:
    """``{"likes": {"post": bool, "comments": [ids]}}`` for ``?post=<pk>``;
    nothing for a post this reader may not read (posts.access).

    No query at all for a reader who has neither an account nor a guest cookie:
    they have liked nothing, whatever the post.
    """
    post_pk = request.GET.get("post", "")
    if not post_pk.isdigit():
        return {}
    liker = _liker(request)
    if liker is None:
        return {"likes": {"post": False, "comments": []}}
    if post_readable_by(request, int(post_pk)) is None:
        return {}
    return {"likes": likes_on_page(int(post_pk), liker)}


def _liker(request: HttpRequest) -> Liker | None:
    if request.user.is_authenticated:
        return Liker.account(request.user)
    guest_id = guest_id_from_request(request)
    return Liker.guest(guest_id) if guest_id else None
