"""The text model as a pipeline check (``LINERNOTES_SPAM_CHECKS``).

It says how much a comment's words read like spam. The pipeline's policy needs
more than a score from it, so its contribution is a ``TextContribution``
carrying the raw probability, the threshold in use and whether the site has
trained its own model: spam may need "decisive evidence and text over
threshold", and until the site trained its own model the text may only hold
(issue 11, item 4; decision 0034).
"""

import logging
from dataclasses import dataclass

from django.conf import settings

from .checks import Contribution, Submission
from .model import LoadedModel, ModelError, current_model

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TextContribution(Contribution):
    """A ``Contribution`` with what the policy needs to weigh the text model."""

    probability: float | None = None  # None: no usable model
    threshold: float | None = None
    site_trained: bool = False

    @property
    def over_threshold(self) -> bool:
        return (
            self.probability is not None
            and self.threshold is not None
            and self.probability >= self.threshold
        )


@dataclass(frozen=True)
class TextJudgement:
    probability: float
    threshold: float
    site_trained: bool
    version: int


def judge_text(body: str) -> TextJudgement:
    """The current model's view of ``body``; ``ModelError`` when none is usable."""
    model: LoadedModel = current_model()
    return TextJudgement(
        model.scorer.probability(body),
        model.threshold,
        model.site_trained,
        model.version,
    )


class TextModelCheck:
    """Adds ``score`` when the text is over the model's threshold, or only
    ``cold_start_score`` (by default enough to hold, never to reach spam on
    its own) while the model knows nothing of this site. Below the threshold
    it abstains. With no usable model it adds ``unavailable_score`` (hold by
    default) and the problem is logged; ``linernotes spam train`` rebuilds it.
    """

    def __init__(
        self,
        score: float = 1.0,
        cold_start_score: float | None = None,
        unavailable_score: float | None = None,
    ) -> None:
        hold = float(settings.LINERNOTES_SPAM_HOLD_SCORE)
        self.score = score
        self.cold_start_score = hold if cold_start_score is None else cold_start_score
        self.unavailable_score = (
            hold if unavailable_score is None else unavailable_score
        )

    def __call__(self, submission: Submission) -> TextContribution | None:
        try:
            text = judge_text(submission.body)
        except ModelError as error:
            logger.warning("Spam text model unavailable, comment held: %s", error)
            return TextContribution(
                self.unavailable_score, "the text model is unavailable, so it is held"
            )
        said = TextContribution(
            self.score if text.site_trained else self.cold_start_score,
            f"the text reads like spam ({text.probability:.2f})",
            probability=text.probability,
            threshold=text.threshold,
            site_trained=text.site_trained,
        )
        return said if said.over_threshold else None
