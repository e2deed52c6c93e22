"""The spam-check seam: one function, a verdict with a score and reasons.

The trained classifier arrives with the spam issue; until then a few plain
rules stand in, so the seam, the stored verdicts and the moderation flow are
real from the start.
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum

_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


class Verdict(StrEnum):
    HAM = "ham"
    HOLD = "hold"
    SPAM = "spam"


@dataclass(frozen=True)
class SpamCheck:
    verdict: Verdict
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Submission:
    """What a check may look at: the text and what came with it, nothing more."""

    body: str
    author_name: str = ""
    author_email: str = ""
    author_url: str = ""
    ip_address: str | None = None
    user_agent: str = ""
    signed_in: bool = False


def check_comment(submission: Submission) -> SpamCheck:
    """Judge one submission. Pure: no database, no network."""
    reasons, score = [], 0.0
    links = len(_LINK.findall(submission.body)) + (1 if submission.author_url else 0)
    if links >= 3:
        reasons.append(f"{links} links")
        score += 0.3 * links
    if not submission.user_agent and not submission.signed_in:
        reasons.append("no user agent")
        score += 0.3
    if score >= 1.5:
        return SpamCheck(Verdict.SPAM, score, reasons)
    if score >= 0.6:
        return SpamCheck(Verdict.HOLD, score, reasons)
    return SpamCheck(Verdict.HAM, score, reasons or ["no rule matched"])
