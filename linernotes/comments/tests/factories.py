"""Builders for comments, through the comments service."""

from linernotes.comments import services
from linernotes.comments.models import Comment


def make_comment(
    *,
    post,
    body: str = "Great pick.",
    name: str = "Rae",
    email: str = "rae@example.org",
    parent: Comment | None = None,
    approved: bool = True,
    **fields,
) -> Comment:
    comment = services.submit_comment(
        post=post,
        author=services.Author(name=name, email=email, trusted=approved),
        body=body,
        parent=parent,
        user_agent="Mozilla/5.0 (tests)",
        **fields,
    )
    if approved and comment.status != Comment.Status.APPROVED:
        comment = services.moderate_comment(
            comment=comment, status=Comment.Status.APPROVED
        )
    return comment
