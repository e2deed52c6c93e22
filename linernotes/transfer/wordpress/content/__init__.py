"""A WordPress post body (``content:encoded``) as a Liner Notes Markdown body.

Decision 0030: the HTML is kept, not turned into Markdown. What WordPress added
when it showed a post is made explicit instead: wpautop's paragraphs and line
breaks, what its block comments and shortcodes stood for, and its embeds. Every
top-level HTML element is then laid out as its own CommonMark HTML block (it
starts a line with a block-level tag and ends at a blank line, with no blank
line inside), so markdown-it passes it through untouched and the writer can
still type Markdown between blocks. The result goes through
``core.markup.render_markdown`` like any body; nothing here sanitises.

An embed becomes its public URL alone in a Markdown paragraph (an autolink):
``markup`` turns a YouTube or Vimeo URL there into its click-to-load player and
shows any other as a plain link, so when the blog learns more players, imported
posts get them without being imported again.

Regular expressions, not a DOM: the importer converts thousands of bodies, and
nh3 repairs whatever HTML a regex leaves imperfect.

The steps live in a module each: ``blocks`` (the conversion, over
``shortcodes`` and ``embeds``, with ``tags`` for attributes), ``autop``,
``layout``, ``listings``, and ``comments`` for comment bodies.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from .autop import wpautop
from .blocks import _BLOCK_COMMENT, _Job
from .comments import comment_markdown
from .layout import _layout
from .listings import _listings

__all__ = ["ConvertedBody", "comment_markdown", "convert_content", "wpautop"]

# Characters this package uses as markers; XML cannot carry them anyway.
_MARKERS = re.compile(r"[\x00-\x04]")


@dataclass(frozen=True)
class ConvertedBody:
    body: str  # what goes into Post.body
    warnings: list[str]  # things not carried over exactly, for the import report
    listings: list[str]  # plain-text blocks that look like track listings


def convert_content(
    html: str,
    *,
    new_url: Callable[[str], str | None] = lambda url: None,
    attachment_url: Callable[[int], str | None] = lambda wp_id: None,
) -> ConvertedBody:
    """``html`` (a post's content as WordPress stored it) as a Markdown body.

    ``new_url(old)`` is the new address of a file the import stored (an image,
    a download), or None to keep the old one; it applies to image sources, links
    and audio or video files, so a link to an attached file becomes whatever
    address the importer gives (the counted download). ``attachment_url(wp_id)``
    resolves attachment ids: gallery ``ids``, a block's ``id`` and an image's
    ``wp-image-N`` class, the last two only when ``new_url`` does not know the
    source (WordPress links resized copies, the import stores the original).
    Never raises on odd markup: what cannot be carried over exactly is kept as
    text or a link and named in ``warnings``.
    """
    job = _Job(new_url, attachment_url)
    text = _MARKERS.sub("", html.replace("\r\n", "\n").replace("\r", "\n"))
    if _BLOCK_COMMENT.search(text):
        text = job.blocks(text)
    else:
        text = job.classic(text)
    text = job.finish(text)
    listings = _listings(text)
    return ConvertedBody(
        body=_layout(text, job.embeds), warnings=job.warnings, listings=listings
    )
