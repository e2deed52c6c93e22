"""The text model as a pipeline check (``LINERNOTES_SPAM_CHECKS``).

It says how much a comment's words read like spam. The policy needs more than
a score from it, so its contribution carries the raw probability, the
threshold in use and whether the site has trained its own model: spam needs
decisive evidence and text over threshold, and until the site trained its own
model the text may only hold (decisions 0034 and 0035).
"""

import logging
from dataclasses import dataclass

from django.conf import settings

from .checks import Contribution, Submission
from .model import LoadedModel, ModelError, current_model

logger = logging.getLogger(__name__)


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
    """The model's probability against its threshold, as the policy reads it
    (``Contribution.from_text_model``, decision 0035): over the threshold it
    holds a comment, and with decisive evidence it confirms spam only once the
    model was trained on this site. Below the threshold it still reports, so
    the queue shows how the words read.

    With no usable model it adds ``unavailable_score`` as a soft contribution
    (enough to hold, by default) and logs the problem; ``linernotes spam
    train`` rebuilds the model.
    """

    # What the privacy page says this check looks at, like every other check's.
    description = (
        "the words of your comment, read by a text model that runs on this "
        "blog’s server and learns from the writers’ own moderation"
    )

    def __init__(self, unavailable_score: float | None = None) -> None:
        hold = float(settings.LINERNOTES_SPAM_HOLD_SCORE)
        self.unavailable_score = (
            hold if unavailable_score is None else unavailable_score
        )

    def __call__(self, submission: Submission) -> Contribution:
        try:
            text = judge_text(submission.body)
        except ModelError as error:
            logger.warning("Spam text model unavailable, comment held: %s", error)
            return Contribution(
                self.unavailable_score, "the text model is unavailable, so it is held"
            )
        return Contribution.from_text_model(
            text.probability, text.threshold, site_trained=text.site_trained
        )
