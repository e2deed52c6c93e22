"""Extension point for apps above comments: a small piece under each comment.

Likes adds its "Liked by N people" button this way, so comments never imports
likes. A registered template is included once per shown comment with
``comment`` in its context; it must not read per-reader state (the page is
shared through the page cache) and must not query the database per comment
(use fields stored on Comment, such as ``like_count``).
"""

_comment_footers: list[str] = []


def register_comment_footer(template_name: str) -> None:
    """Include ``template_name`` at the foot of every comment shown under a post."""
    if template_name not in _comment_footers:
        _comment_footers.append(template_name)


def comment_footers() -> list[str]:
    return list(_comment_footers)
