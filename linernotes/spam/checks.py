"""The spam-check seam: one function, a verdict with a score and reasons.

``check_comment`` runs the checks named in ``LINERNOTES_SPAM_CHECKS`` (shaped
like Django's ``AUTH_PASSWORD_VALIDATORS``) and weighs what they contribute
(decisions 0029 and 0035). Each contribution has a kind: decisive evidence
(a honeypot, a blocked word, a duplicate...), a soft signal (links, a first
comment...) or the text model's reading. Soft signals and the total score only
move a comment between ham and hold; spam needs decisive evidence that is
certain on its own, or decisive evidence the site's own trained text model
agrees with. The checks are loaded once per process and again when a test
overrides the settings, so a comment pays only for calling them.
"""

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from linernotes.core import ratelimit

logger = logging.getLogger(__name__)

_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
_PIPELINE_SETTINGS = {
    "LINERNOTES_SPAM_CHECKS",
    "LINERNOTES_SPAM_HOLD_SCORE",
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


class CommenterHistory(Protocol):
    """What the blog remembers of earlier comments, asked only by the checks
    that need it. The comments app provides it (spam imports only core)."""

    def address_known(self, email: str) -> bool:
        """Whether a comment under ``email`` was ever approved."""
        ...


@dataclass(frozen=True)
class Submission:
    """What a check may look at: the text and what came with it, nothing more.

    ``ip_address`` is the client's network address only (203.0.113.0 for
    203.0.113.57; decision 0037): no check, and no outside service, sees more.
    ``form_shown_at`` is when the reader's browser was given the form, read
    from a signed token the script fetched (never from the cached page); None
    without the script. ``honeypot`` is what came in the field people never
    see. ``trusted``: an approved comment was written from this browser or
    account (``comments.trust``). ``record`` is set by the comment service for
    a new comment only: rate and duplicate checks count it, while an edit or
    an evaluation run is judged without leaving a trace.
    """

    body: str
    author_name: str = ""
    author_email: str = ""
    author_url: str = ""
    ip_address: str | None = None
    user_agent: str = ""
    signed_in: bool = False
    form_shown_at: datetime | None = None
    honeypot: str = ""
    trusted: bool = False
    history: CommenterHistory | None = None
    record: bool = False

    @property
    def ip_network(self) -> str | None:
        """The client's network: IPv4 /24 or IPv6 /48, as rate limits count it
        (a neighbour's address is as good as a new one to a spammer)."""
        network = ratelimit.client_network(self.ip_address)
        return str(network) if network else None


class Kind(StrEnum):
    """How much a contribution may decide (decision 0035)."""

    DECISIVE = "decisive"  # may confirm spam, with the site's text model
    SOFT = "soft"  # moves a comment between ham and hold only
    TEXT = "text"  # the text model's reading of the words


@dataclass(frozen=True)
class Contribution:
    """One check's say: a score (negative for evidence of a person) and why,
    in words a writer reads in the moderation queue.

    A check that says nothing about its kind is soft: a site's own rule cannot
    send comments to spam unless it claims to be decisive. ``certain`` marks
    decisive evidence that is spam on its own (the honeypot). A text
    contribution carries the model's ``probability``, the ``threshold`` in use
    and whether the model was trained on this site's own moderation.
    """

    score: float
    reason: str
    kind: Kind = Kind.SOFT
    certain: bool = False
    probability: float | None = None
    threshold: float | None = None
    site_trained: bool = False

    @classmethod
    def from_text_model(
        cls, probability: float, threshold: float, *, site_trained: bool
    ) -> "Contribution":
        """The text model's say, as the policy reads it: the probability
        that the words are spam against the threshold in use, and whether
        the model learnt from this site's own moderation."""
        model = "this site's model" if site_trained else "the starting model"
        verdict = "reads like spam" if probability >= threshold else "reads fine"
        return cls(
            round(probability, 3),
            f"text {verdict} to {model} ({probability:.2f}, threshold {threshold:.2f})",
            kind=Kind.TEXT,
            probability=probability,
            threshold=threshold,
            site_trained=site_trained,
        )

    @property
    def is_text(self) -> bool:
        """The text model's reading: of kind text, or carrying a probability
        (a text check's own subclass that leaves the kind at its default)."""
        return self.kind == Kind.TEXT or self.probability is not None

    @property
    def over_threshold(self) -> bool:
        return (
            self.probability is not None
            and self.threshold is not None
            and self.probability >= self.threshold
        )


Check = Callable[[Submission], Contribution | None]


class LinkCount:
    """Many links are what most comment spam is for; a few are ordinary.

    The author's website counts as one more link. Below ``minimum`` the check
    abstains; from it on, each link adds ``score_per_link``.
    """

    description = "how many links the comment holds, your website included"

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

    description = "whether your browser said what it is (its user agent), for guests"

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

    def judge(self, submission: Submission) -> SpamCheck:
        said = []
        for name, check in self.checks:
            try:
                contribution = check(submission)
            except Exception:
                logger.exception("Spam check %s failed; it abstains", name)
                continue
            if contribution is not None:
                said.append(contribution)
        score = sum(c.score for c in said)
        reasons = [c.reason for c in said] or ["no rule matched"]
        return SpamCheck(self.verdict(said), score, reasons)

    def verdict(self, said: list[Contribution]) -> Verdict:
        """The policy of decision 0035, the one place it is written.

        Spam: decisive evidence that is certain on its own, or decisive
        evidence together with a text model trained on this site that reads
        the words as spam. Hold: any decisive evidence, a text model over its
        threshold (a cold-start model can do no more), or decisive and soft
        scores adding up to ``hold_score``. Ham otherwise. The text model's
        score is shown in the total but decides only through its threshold.
        """
        decisive = [c for c in said if c.kind == Kind.DECISIVE]
        text = [c for c in said if c.is_text]
        if any(c.certain for c in decisive):
            return Verdict.SPAM
        if decisive and any(c.over_threshold and c.site_trained for c in text):
            return Verdict.SPAM
        weighed = sum(c.score for c in said if not c.is_text)
        if (
            decisive
            or any(c.over_threshold for c in text)
            or weighed >= self.hold_score
        ):
            return Verdict.HOLD
        return Verdict.HAM


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
        except (TypeError, ValueError) as error:
            raise ImproperlyConfigured(
                f"LINERNOTES_SPAM_CHECKS: bad OPTIONS for {name}: {error}"
            ) from error
    return Pipeline(
        tuple(checks),
        hold_score=float(settings.LINERNOTES_SPAM_HOLD_SCORE),
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
