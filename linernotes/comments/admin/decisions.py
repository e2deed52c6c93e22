"""The moderation queue's one-click decisions: what each does to a comment
and which a row offers for the comment's status (``ROW_ACTIONS``), in
WordPress's order."""

from dataclasses import dataclass

from ..models import Comment


@dataclass(frozen=True)
class Decision:
    """One of the row's one-click decisions: the status it gives the comment
    (through ``services.moderate_comment``) and what the message after it says
    ("Dee's comment …")."""

    status: str
    done: str


# The one-click decisions by the value their button posts.
DECISIONS = {
    "approve": Decision(Comment.Status.APPROVED, "approved"),
    "ham": Decision(Comment.Status.APPROVED, "approved: not spam"),
    "spam": Decision(Comment.Status.SPAM, "marked as spam"),
    "trash": Decision(
        Comment.Status.TRASH,
        "moved to the trash; restore it from the Trash filter within {days} days",
    ),
    "restore": Decision(Comment.Status.PENDING, "back in the moderation queue"),
}

# The row's actions for each status, in WordPress's order: a decision's value
# with its label, or "reply" and "edit", which are pages (links).
ROW_ACTIONS: dict[str, list[tuple[str, str]]] = {
    Comment.Status.PENDING: [
        ("approve", "Approve"),
        ("reply", "Reply"),
        ("spam", "Spam"),
        ("trash", "Trash"),
        ("edit", "Edit"),
    ],
    Comment.Status.APPROVED: [
        ("restore", "Unapprove"),
        ("reply", "Reply"),
        ("spam", "Spam"),
        ("trash", "Trash"),
        ("edit", "Edit"),
    ],
    Comment.Status.SPAM: [("ham", "Not spam"), ("trash", "Trash"), ("edit", "Edit")],
    Comment.Status.TRASH: [("restore", "Restore"), ("spam", "Spam"), ("edit", "Edit")],
    Comment.Status.REMOVED: [("edit", "Edit")],
}


def applies(decision: str, status: str) -> bool:
    """Whether the row of a comment in ``status`` offers a decision to the same
    status: "Approve" and "Not spam" both approve, so either applies where the
    other does."""
    offered = {
        DECISIONS[value].status
        for value, _ in ROW_ACTIONS.get(status, [])
        if value in DECISIONS
    }
    return DECISIONS[decision].status in offered
