"""Builders for the privacy tests: comments from accounts, and aged comments."""

from datetime import timedelta

from django.utils import timezone

from linernotes.comments import services
from linernotes.comments.models import Comment


def make_account_comment(*, post, user, body: str = "From my account.", **fields):
    comment = services.submit_comment(
        post=post,
        author=services.Author(
            name=user.public_name, email=user.email, user=user, trusted=True
        ),
        body=body,
        user_agent="Mozilla/5.0 (tests)",
        **fields,
    )
    if comment.status != Comment.Status.APPROVED:
        comment = services.moderate_comment(
            comment=comment, status=Comment.Status.APPROVED
        )
    return comment


def age_comment(comment: Comment, *, days: float) -> Comment:
    """Move a comment's creation time into the past, as if written ``days`` ago."""
    created = timezone.now() - timedelta(days=days)
    Comment.objects.filter(pk=comment.pk).update(created_at=created)
    comment.refresh_from_db()
    return comment


def make_guest_comment(
    *, post, name: str, email: str, url: str = "", body: str, **fields
) -> Comment:
    """A guest's comment with every field filled, approved as a trusted guest."""
    return services.submit_comment(
        post=post,
        author=services.Author(name=name, email=email, url=url, trusted=True),
        body=body,
        user_agent="Mozilla/5.0 (tests)",
        **fields,
    )
