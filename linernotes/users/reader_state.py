"""The reader's own state, contributed by several apps to one uncached request.

Cached pages are the same for everyone; `/account/me.json` fills in who the reader
is. Apps above users (likes, comments, notifications) add their part by
registering a function that takes the request and returns a dict to merge, so
users never imports them. Contributors read ``request.GET`` for page context
(for example ``?post=<pk>``) and must return quickly: the call is on every page.
They sit in a ``core.registry.Registry``; a later one (higher ``order``) wins a
key two of them set.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from linernotes.core.registry import DEFAULT_ORDER, Registry

Contributor = Callable[[HttpRequest], dict[str, Any]]
contributors: Registry[Contributor] = Registry("parts of /account/me.json")


def register_reader_state(
    contributor: Contributor, *, order: int = DEFAULT_ORDER
) -> None:
    contributors.register(contributor, order=order)


def contributed_state(request: HttpRequest) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for contributor in contributors:
        state.update(contributor(request))
    return state
