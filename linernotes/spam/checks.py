"""The spam-check seam: one function, a verdict with a score and reasons.

``check_comment`` runs the checks named in ``LINERNOTES_SPAM_CHECKS`` (shaped
like Django's ``AUTH_PASSWORD_VALIDATORS``) and adds up what they contribute;
the total against two thresholds gives ham, hold or spam (decision 0029). The
checks are loaded once per process and again when a test overrides the
settings, so a comment pays only for calling them.
"""

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
_PIPELINE_SETTINGS = {
    "LINERNOTES_SPAM_CHECKS",
    "LINERNOTES_SPAM_HOLD_SCORE",
    "LINERNOTES_SPAM_SCORE",
}


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


@dataclass(frozen=True)
class Contribution:
    """One check's say: a score (negative for evidence of a person) and why,
    in words a writer reads in the moderation queue."""

    score: float
    reason: str


Check = Callable[[Submission], Contribution | None]


class LinkCount:
    """Many links are what most comment spam is for; a few are ordinary.

    The author's website counts as one more link. Below ``minimum`` the check
    abstains; from it on, each link adds ``score_per_link``.
    """

    def __init__(self, minimum: int = 3, score_per_link: float = 0.3) -> None:
        self.minimum, self.score_per_link = minimum, score_per_link

    def __call__(self, submission: Submission) -> Contribution | None:
        links = len(_LINK.findall(submission.body)) + bool(submission.author_url)
        if links < self.minimum:
            return None
        return Contribution(self.score_per_link * links, f"{links} links")


class NoUserAgent:
    """Every browser names itself; a guest's post without a user agent came
    from a script. Signed-in writers are not judged on it."""

    def __init__(self, score: float = 0.3) -> None:
        self.score = score

    def __call__(self, submission: Submission) -> Contribution | None:
        if submission.user_agent or submission.signed_in:
            return None
        return Contribution(self.score, "no user agent")


@dataclass(frozen=True)
class Pipeline:
    checks: tuple[tuple[str, Check], ...]
    hold_score: float
    spam_score: float

    def judge(self, submission: Submission) -> SpamCheck:
        reasons, score = [], 0.0
        for name, check in self.checks:
            try:
                said = check(submission)
            except Exception:
                logger.exception("Spam check %s failed; it abstains", name)
                continue
            if said is not None:
                score += said.score
                reasons.append(said.reason)
        if score >= self.spam_score:
            return SpamCheck(Verdict.SPAM, score, reasons)
        if score >= self.hold_score:
            return SpamCheck(Verdict.HOLD, score, reasons)
        return SpamCheck(Verdict.HAM, score, reasons or ["no rule matched"])


def load_pipeline() -> Pipeline:
    """Build the checks from the settings; a name that does not import, or
    options the class refuses, stop here with ImproperlyConfigured rather than
    at the first comment."""
    checks = []
    for entry in settings.LINERNOTES_SPAM_CHECKS:
        name = entry.get("NAME", "") if isinstance(entry, dict) else ""
        try:
            cls = import_string(name)
        except ImportError as error:
            raise ImproperlyConfigured(
                f"LINERNOTES_SPAM_CHECKS names {name!r}, which cannot be "
                f"imported: {error}"
            ) from error
        try:
            checks.append((name, cls(**entry.get("OPTIONS", {}))))
        except TypeError as error:
            raise ImproperlyConfigured(
                f"LINERNOTES_SPAM_CHECKS: bad OPTIONS for {name}: {error}"
            ) from error
    return Pipeline(
        tuple(checks),
        hold_score=float(settings.LINERNOTES_SPAM_HOLD_SCORE),
        spam_score=float(settings.LINERNOTES_SPAM_SCORE),
    )


@functools.cache
def pipeline() -> Pipeline:
    """The configured pipeline, built once per process."""
    return load_pipeline()


def reload_pipeline(*, setting: str, **kwargs) -> None:
    """Build the pipeline again when a test overrides one of its settings
    (connected to ``setting_changed`` by the app's ``ready``)."""
    if setting in _PIPELINE_SETTINGS:
        pipeline.cache_clear()


def check_comment(submission: Submission) -> SpamCheck:
    """Judge one submission. The checks shipped are pure (no database, no
    network); one that fails is logged and abstains, so the comment is kept."""
    return pipeline().judge(submission)
