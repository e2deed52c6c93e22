"""Wire likes into the pages of apps below it, without them importing likes."""

from linernotes.posts.extensions import register_post_section
from linernotes.users.reader_state import register_reader_state

from .reader_state import liked_on_page
from .sections import likes_section


def connect_handlers() -> None:
    register_post_section(likes_section, order=10)
    register_reader_state(liked_on_page)
