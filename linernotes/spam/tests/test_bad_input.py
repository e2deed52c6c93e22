"""Bad input straight into the pipeline, every shipped check on: a verdict in
bounded time, never an exception, and no check giving up on it.

The same inputs through the real comment form (where the form also refuses
some of them with a clear error): comments/tests/test_spam_bad_input.py.
"""

import logging
import time

import pytest

from linernotes.core.models import SiteSettings
from linernotes.spam.checks import Submission, Verdict, check_comment
from linernotes.spam.folding import fold

pytestmark = pytest.mark.django_db
# A guard against runaway (quadratic) work on hostile input, not a speed target
# (those live in bench/): processor time of this thread, so a loaded machine
# does not fail it, and far above the milliseconds a verdict takes.
BOUND_SECONDS = 5.0

BAD_BODIES = {
    "100 KB": "All the words of a very long comment. " * 2700,
    "binary garbage": (bytes(range(256)) * 16).decode("latin-1"),
    "decoded invalid UTF-8": b"\xc3(\xa0\xa1 \xed\xa0\x80 side B".decode(
        "utf-8", "replace"
    ),
    "lone surrogates": "side \ud800 B \udfff",
    "emoji only": "🎸🔥🎶👏" * 500,
    "a thousand links": " ".join(f"http://site{n}.example/p" for n in range(1000)),
    "empty": "",
    "zero-width only": "\u200b\u200c\u200d\ufeff" * 1000,
    "many schemes": "http://" * 20_000,
    "one long host": "https://" + "a" * 100_000,
    "brackets": "(" * 50_000 + ")" * 50_000,
    "combining marks": "a" + "\u0301" * 50_000,
}


@pytest.fixture(autouse=True)
def block_lists():
    site = SiteSettings.load()
    site.spam_blocked_words = "\n".join(f"word{n}" for n in range(500)) + "\ncasino"
    site.spam_blocked_link_domains = "pills.example"
    site.save()


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_bad_input_gets_a_verdict_in_bounded_time(body, caplog):
    submission = Submission(
        body=body,
        author_name=body[:100],
        author_email="rae@example.org",
        author_url="https://" + body[:50],
        ip_address="203.0.113.9",
        user_agent=body[:300],
        honeypot="",
        record=True,
    )

    started = time.thread_time()
    with caplog.at_level(logging.ERROR, logger="linernotes.spam.checks"):
        check = check_comment(submission)
    elapsed = time.thread_time() - started

    assert check.verdict in (Verdict.HAM, Verdict.HOLD)
    assert elapsed < BOUND_SECONDS, f"took {elapsed:.2f} s"
    assert caplog.records == []  # no check failed and abstained


@pytest.mark.parametrize(
    "disguised",
    [
        "ca\u200bsi\u200cno",
        "\u0441\u0430sino",
        "\uff43\uff41\uff53\uff49\uff4e\uff4f",
        "\U0001d41c\U0001d41a\U0001d42c\U0001d422\U0001d427\U0001d428",
        "C\u0410SIN\u041e",
        "c\u00adasino",  # a soft hyphen
    ],
)
def test_blocked_words_hidden_in_disguise_are_held(disguised):
    check = check_comment(Submission(body=f"Play at the {disguised} tonight"))

    assert check.verdict == Verdict.HOLD
    assert check.reasons[0] == "blocked word “casino”"


def test_folding_drops_surrogates_rather_than_failing():
    assert fold("ca\ud800sino") == "casino"
