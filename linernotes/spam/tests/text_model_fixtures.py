"""Shared by the text-model tests: the starting model (trained once per test
process, and stored in every test database by ``migrate``), a site with no
model, and a site's worth of realistic moderation decisions."""

import itertools

import pytest

from linernotes.spam.model import forget_current_model

# What a test module takes with ``import *``: the fixtures.
__all__ = ["cold_start", "stored_cold_start", "no_stored_model"]

LONG_ON_TOPIC = (
    "I have been listening to the 1978 pressing of this record all week, and what "
    "strikes me is how the drummer holds back in the second verse, letting the bass "
    "carry the song until the chorus opens up. The production is warmer than the "
    "remaster, and the harmonies in the bridge finally make sense on a good pair of "
    "speakers. Thanks for writing about the b-side as well; I never knew it was "
    "recorded in a single take at the end of the sessions. Your point about the "
    "string arrangement borrowing from the earlier album is spot on, and I would "
    "love to read more about the producer and the studio they used."
)

_HAM_OPENINGS = [
    "Lovely write-up on",
    "I saw them play",
    "My favourite track on",
    "Thanks for reminding me of",
    "The bass line in",
    "I bought the vinyl of",
]
_HAM_SUBJECTS = [
    "the second album",
    "the live record from 1979",
    "that B-side",
    "the reissue",
    "the title track",
]
_HAM_ENDINGS = [
    "and the harmonies still get me.",
    "it sounds better on a good stereo.",
    "the drummer is underrated.",
    "I had forgotten how good the strings are.",
    "looking forward to the next post in the series.",
]
_SPAM = [
    "Cheap {x} pills online, no prescription, order now at pharma-{n}.example",
    "Earn ${n}00 a day working from home, click my profile for the secret",
    "Best online casino bonus {n} free spins, visit lucky-{n}.example today",
    "Buy followers and likes for your channel, {n}% discount, fast delivery",
    "Hot singles in your area want to meet you {n}, sign up free",
    "Get a payday loan in {n} minutes, bad credit ok, apply at cash{n}.example",
]
_DRUGS = ["viagra", "cialis", "diet", "weight loss", "sleeping"]


def site_decisions(ham: int, spam: int) -> tuple[list[str], list[str]]:
    """``ham`` on-topic comments and ``spam`` spam texts, all different."""
    hams = [
        f"{opening} {subject}, {ending}"
        for opening, subject, ending in itertools.product(
            _HAM_OPENINGS, _HAM_SUBJECTS, _HAM_ENDINGS
        )
    ]
    spams = [
        template.format(x=_DRUGS[n % len(_DRUGS)], n=n)
        for n, template in zip(range(spam), itertools.cycle(_SPAM), strict=False)
    ]
    return hams[:ham], spams


@pytest.fixture(scope="session")
def cold_start():
    """The starting model as trained (once per process: ``migrate`` trained the
    same one for the test database)."""
    from linernotes.spam.services import cold_start_trained

    return cold_start_trained()


@pytest.fixture
def stored_cold_start(cold_start, db):
    """The stored starting model every test database holds from ``migrate``."""
    from linernotes.spam.services import ensure_model

    return ensure_model()


@pytest.fixture
def no_stored_model(db):
    """A site whose stored model is gone (deleted by hand, or never trained)."""
    from linernotes.spam.models import SpamModel

    SpamModel.objects.all().delete()
    forget_current_model()
