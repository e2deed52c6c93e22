"""What the spam check said about a comment, as writers read it: in the
moderation queue, on a comment's own admin page and in the moderation digest.

The words come from ``spam.reasons``, the one place that phrases the checks'
reasons; this module adds what the comment itself knows (its verdict and
score), so the admin and the digest (in notifications, which may not import
spam) say the same thing.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.db.models import QuerySet

from linernotes.spam.moderation import ReasonCount
from linernotes.spam.reasons import describe, describe_all, kind_of

from .models import Comment

VERDICT_LABELS = {
    "ham": "Looks fine",
    "hold": "Held for a look",
    "spam": "Looks like spam",
}
NOT_CHECKED = "Not checked (imported)"


@dataclass(frozen=True)
class SpamSummary:
    verdict: str  # "ham", "hold", "spam", or "" when no check ran (imported)
    label: str
    score: float
    reasons: list[str]

    @property
    def checked(self) -> bool:
        return bool(self.verdict)

    def as_text(self) -> str:
        """One line for plain-text mail: "Held for a look, score 1.3:
        Posted 0.8 s after the form was shown; 3 links"."""
        if not self.checked:
            return self.label
        reasons = "; ".join(self.reasons) or "no reasons given"
        return f"{self.label}, score {self.score:.1f}: {reasons}"


def spam_summary(comment: Comment) -> SpamSummary:
    """The stored verdict, score and reasons of ``comment`` in words."""
    verdict = comment.spam_verdict or ""
    return SpamSummary(
        verdict=verdict,
        label=VERDICT_LABELS.get(verdict, verdict.capitalize() or NOT_CHECKED),
        score=comment.spam_score or 0.0,
        reasons=describe_all(comment.spam_reasons),
    )


OTHER = "Other (a reason no kind above covers)"
# What the checks say when they found nothing to flag: not a reason of any
# kind, so not "Other" either (in a writer's words, as ``describe`` gives them).
_NOT_FLAGS = ("Nothing suspicious", "Words read fine")


def _unknown(reason: object) -> bool:
    return isinstance(reason, str) and _unknown_text(reason)


# Most reasons repeat word for word ("3 links", "no rule matched"), so each
# distinct one is sorted once per process.
@lru_cache(maxsize=4096)
def _unknown_text(reason: str) -> bool:
    if kind_of(reason) is not None:
        return False
    return not describe(reason).startswith(_NOT_FLAGS)


def other_reason_count(comments: QuerySet, *, since: datetime) -> ReasonCount:
    """The spam report's "Other" row: among ``comments`` (already limited to
    what the reader may moderate) written since ``since``, those given at
    least one reason that no kind in ``spam.reasons.KINDS`` words (a site's
    own check, or a shipped check's new wording), counted once each.

    ``spam.moderation.reason_counts`` counts the known kinds in the database;
    "no known kind" is not a fragment a query can match, so this reads the
    period's reason lists (two columns, streamed) and sorts them here.
    """
    counted = {"all": 0, Comment.Status.APPROVED: 0, Comment.Status.SPAM: 0}
    rows = (
        comments.filter(created_at__gte=since)
        .order_by()
        .values_list("status", "spam_reasons")
    )
    for status, reasons in rows.iterator(chunk_size=2000):
        if isinstance(reasons, list) and any(_unknown(r) for r in reasons):
            counted["all"] += 1
            if status in counted:
                counted[status] += 1
    return ReasonCount(
        OTHER,
        counted["all"],
        counted[Comment.Status.APPROVED],
        counted[Comment.Status.SPAM],
    )
