"""What the spam check said about a comment, as writers read it: in the
moderation queue, on a comment's own admin page and in the moderation digest.

The words come from ``spam.reasons``, the one place that phrases the checks'
reasons; this module adds what the comment itself knows (its verdict and
score), so the admin and the digest (in notifications, which may not import
spam) say the same thing.
"""

from dataclasses import dataclass

from linernotes.spam.reasons import describe_all

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
