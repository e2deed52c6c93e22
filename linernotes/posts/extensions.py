"""Extension points other apps plug into, so posts never imports them.

The comments app adds its section under each post this way: posts stays below
comments in the import order, yet the post page shows the conversation.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from .models import Post

PostSection = Callable[[HttpRequest, Post], SafeString]
_post_sections: list[PostSection] = []


def register_post_section(section: PostSection) -> None:
    """Render ``section(request, post)`` below every post, in registration order.

    A section must not read per-reader state (the user, the session, a CSRF
    token): the post page is shared through the page cache. The one exception
    is a request with a session cookie, which the page cache never serves or
    stores (core.middleware).
    """
    if section not in _post_sections:
        _post_sections.append(section)


def render_post_sections(request: HttpRequest, post: Post) -> list[SafeString]:
    return [section(request, post) for section in _post_sections]
