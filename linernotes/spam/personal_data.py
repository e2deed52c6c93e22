"""A reader's comment text kept to train the spam filter (decision 0034).

Listed in ``privacy.sources`` before the comments, so an erasure finds the
reader's comments while they still exist and forgets their training text with
them. Text kept from spam that has since been purged names nobody and cannot
be found by address; it expires after LINERNOTES_SPAM_TRAINING_DAYS.
"""

from django.apps import apps
from django.db.models import Q

from .models import TrainingExample


def _comment_ids(*, user=None, email: str | None = None) -> list[int]:
    """The reader's comments, matched as ``comments.personal_data`` matches
    them (the account's, or a guest's by address); reached through the app
    registry because spam imports only core."""
    comment = apps.get_model("comments", "Comment")
    match = Q(pk__in=[])
    if user is not None:
        match |= Q(user=user)
    if email:
        match |= Q(user__isnull=True, author_email__iexact=email)
    return list(comment.objects.filter(match).values_list("pk", flat=True))


def export_personal_data(*, user=None, email: str | None = None) -> list[dict]:
    """The training text kept from the reader's comments, with its label."""
    examples = TrainingExample.objects.filter(
        comment_id__in=_comment_ids(user=user, email=email)
    ).order_by("pk")
    return [
        {
            "comment_id": example.comment_id,
            "text": example.text,
            "label": "spam" if example.spam else "ham",
            "kept_since": example.created_at.isoformat(),
        }
        for example in examples
    ]


def erase_personal_data(*, user=None, email: str | None = None) -> int:
    """Forget the training text of the reader's comments."""
    ids = _comment_ids(user=user, email=email)
    return TrainingExample.objects.filter(comment_id__in=ids).delete()[0]
