"""Extension points other apps plug into, so posts never imports them.

The comments app adds its section under each post this way: posts stays below
comments in the import order, yet the post page shows the conversation. A
``core.registry.Registry``: each section states its place with ``order``.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from linernotes.core.registry import DEFAULT_ORDER, Registry

from .models import Post

PostSection = Callable[[HttpRequest, Post], SafeString]
sections: Registry[PostSection] = Registry("sections under each post")


def register_post_section(section: PostSection, *, order: int = DEFAULT_ORDER) -> None:
    """Render ``section(request, post)`` below every post, lower ``order`` first
    (likes 10, the conversation 20, the follow-by-email form 30).

    A section must not read per-reader state (the user, the session, a CSRF
    token): the post page is shared through the page cache. The one exception
    is a request with a session cookie, which the page cache never serves or
    stores (core.middleware).
    """
    sections.register(section, order=order)


def render_post_sections(request: HttpRequest, post: Post) -> list[SafeString]:
    return [section(request, post) for section in sections]
