"""The policy (decision 0035): what may send a comment to spam, what only holds it.

The text model is stood in for by ``StubTextModel``, a pipeline check configured
through LINERNOTES_SPAM_CHECKS like any other, which reads like the real one:
a probability, the threshold in use, and whether the site trained the model.
Every other check is the shipped one, with its default options. The same
rules through the real comment form: comments/tests/test_spam_policy.py.
"""

import pytest
from django.conf import settings as django_settings

from linernotes.spam.checks import (
    Contribution,
    Kind,
    Submission,
    Verdict,
    check_comment,
)

HERE = "linernotes.spam.tests.test_policy"
SHIPPED = list(django_settings.LINERNOTES_SPAM_CHECKS)
# The shipped checks with the real text model taken out, for tests that put a
# stub model with a chosen probability in its place.
SHIPPED_RULES = [
    entry for entry in SHIPPED if not entry["NAME"].endswith(".TextModelCheck")
]


class StubTextModel:
    """Stands in for the text model: the same reading for every comment."""

    def __init__(
        self, probability: float, threshold: float = 0.5, site_trained: bool = True
    ) -> None:
        self.contribution = Contribution.from_text_model(
            probability, threshold, site_trained=site_trained
        )

    def __call__(self, submission: Submission) -> Contribution | None:
        return self.contribution


class Says:
    def __init__(self, score: float, kind: str, certain: bool = False) -> None:
        self.contribution = Contribution(
            score, f"{kind} {score}", kind=Kind(kind), certain=certain
        )

    def __call__(self, submission: Submission) -> Contribution | None:
        return self.contribution


def text_model(probability: float, *, site_trained: bool = True) -> dict:
    return {
        "NAME": f"{HERE}.StubTextModel",
        "OPTIONS": {"probability": probability, "site_trained": site_trained},
    }


def says(score: float, kind: str = "soft", certain: bool = False) -> dict:
    return {
        "NAME": f"{HERE}.Says",
        "OPTIONS": {"score": score, "kind": kind, "certain": certain},
    }


@pytest.fixture
def verdict(configure):
    def verdict(*checks: dict) -> Verdict:
        configure(*checks)
        return check_comment(
            Submission(body="A comment.", user_agent="Mozilla/5.0")
        ).verdict

    return verdict


@pytest.fixture
def configure(settings):
    """Configure the pipeline as a site would (the settings fixture restores it
    after the test and tells the pipeline to load again)."""

    def configure(*checks: dict) -> None:
        settings.LINERNOTES_SPAM_CHECKS = list(checks)

    return configure


@pytest.mark.parametrize("total", [0.6, 1.5, 3.0, 50.0])
def test_soft_signals_alone_hold_however_many_there_are(verdict, total):
    assert verdict(says(total / 2), says(total / 2)) == Verdict.HOLD


@pytest.mark.parametrize("score", [0.1, 5.0])
def test_decisive_evidence_without_the_text_model_only_holds(verdict, score):
    assert verdict(says(score, "decisive")) == Verdict.HOLD


def test_decisive_evidence_with_the_sites_own_model_over_its_threshold_is_spam(verdict):
    assert verdict(says(1.0, "decisive"), text_model(0.9)) == Verdict.SPAM


def test_until_the_site_trained_its_own_model_the_text_model_only_holds(verdict):
    cold_start = text_model(0.99, site_trained=False)

    assert verdict(says(1.0, "decisive"), cold_start) == Verdict.HOLD
    assert verdict(cold_start) == Verdict.HOLD


def test_decisive_evidence_the_text_model_disagrees_with_is_held(verdict):
    assert verdict(says(1.0, "decisive"), text_model(0.2)) == Verdict.HOLD


def test_the_text_model_over_its_threshold_alone_only_holds(verdict):
    assert verdict(text_model(0.99)) == Verdict.HOLD


def test_the_text_model_under_its_threshold_does_not_hold_by_its_score(verdict):
    assert verdict(text_model(0.49)) == Verdict.HAM


def test_soft_signals_with_the_text_model_over_its_threshold_are_not_spam(verdict):
    assert verdict(says(5.0), text_model(0.99)) == Verdict.HOLD


def test_certain_evidence_is_spam_on_its_own_even_at_cold_start(verdict):
    certain = says(5.0, "decisive", certain=True)

    assert verdict(certain) == Verdict.SPAM
    assert verdict(certain, text_model(0.01, site_trained=False)) == Verdict.SPAM


def test_trust_cannot_wash_out_decisive_evidence(verdict):
    assert verdict(says(1.0, "decisive"), says(-10.0)) == Verdict.HOLD


class CarriesAProbability:
    """A text check whose contribution leaves the kind at its default but
    carries the model's probability, as a subclass of Contribution may."""

    def __call__(self, submission: Submission) -> Contribution | None:
        return Contribution(
            0.6, "reads like spam", probability=0.9, threshold=0.5, site_trained=True
        )


def test_a_contribution_with_a_probability_counts_as_the_text_model(verdict):
    carries = {"NAME": f"{HERE}.CarriesAProbability"}

    assert verdict(says(1.0, "decisive"), carries) == Verdict.SPAM
    assert verdict(carries) == Verdict.HOLD


def test_a_sites_own_check_is_soft_unless_it_says_otherwise():
    assert Contribution(9.0, "my rule").kind == Kind.SOFT


# Length


LONG_ON_TOPIC = " ".join(
    [
        "I bought this on the first pressing and it still sounds better than the "
        "reissue: the bass on side two has room to breathe, and the drummer's "
        "brushes on the title track are clear in a way the remaster smooths away.",
        "What strikes me most, listening again after twenty years, is how patient "
        "the arrangements are; nothing arrives before it is needed, and the strings "
        "in the last song only come in for the final chorus.",
    ]
    * 12
)


class Unknown:
    """A blog that has never approved anyone: every address is new."""

    def address_known(self, email: str) -> bool:
        return False


@pytest.mark.django_db
def test_a_long_link_free_on_topic_first_comment_is_ham(configure):
    # tried: about 4,500 characters from a first-time guest, no links, no website
    configure(*SHIPPED, text_model(0.1))

    check = check_comment(
        Submission(
            body=LONG_ON_TOPIC,
            author_name="Rae",
            author_email="rae@example.org",
            user_agent="Mozilla/5.0",
            history=Unknown(),
            record=True,
        )
    )

    assert len(LONG_ON_TOPIC) > 4000
    assert check.verdict == Verdict.HAM
    assert "first comment from this address" in check.reasons


@pytest.mark.django_db
def test_length_is_not_a_spam_signal(configure):
    configure(*SHIPPED)
    short = LONG_ON_TOPIC[:200]

    judged = [
        check_comment(
            Submission(body=body, author_email=f"{n}@example.org", user_agent="M")
        )
        for n, body in enumerate([short, LONG_ON_TOPIC])
    ]

    # With the real text model in the pipeline: the whole comment scores no
    # higher than its own first 200 characters, and both are ham.
    assert judged[1].score <= judged[0].score
    assert judged[0].verdict == judged[1].verdict == Verdict.HAM
