"""The checks' reasons in a writer's words, and each moderation decision kept
as training text (spam.reasons, spam.moderation).

The reasons are produced by the real checks, so a check that changes its
wording without ``spam.reasons`` following fails here, not in the queue.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from linernotes.spam.checks import Contribution, LinkCount, NoUserAgent, Submission
from linernotes.spam.models import TrainingExample
from linernotes.spam.moderation import remember_decision
from linernotes.spam.reasons import KINDS, describe, describe_all, kind_of
from linernotes.spam.rules import (
    ApprovedBefore,
    AuthorWebsite,
    FirstComment,
    Honeypot,
    TooFast,
)


class NeverSeen:
    def address_known(self, email: str) -> bool:
        return False


def reason(check, **fields) -> str:
    return check(Submission(body=fields.pop("body", "Hello."), **fields)).reason


@pytest.mark.parametrize(
    ("given", "words", "kind"),
    [
        (reason(Honeypot(), honeypot="x"), "Filled in the hidden field", "honeypot"),
        (
            reason(LinkCount(), body="http://a.example http://b.example www.c.example"),
            "3 links",
            "links",
        ),
        (
            reason(AuthorWebsite(), author_url="https://a.example"),
            "Gave a website",
            "website",
        ),
        (
            reason(FirstComment(), author_email="new@example.org", history=NeverSeen()),
            "First comment from this address",
            "first_comment",
        ),
        (reason(ApprovedBefore(), trusted=True), "Approved before", "approved_before"),
        (reason(NoUserAgent()), "No browser name (user agent) sent", "no_user_agent"),
    ],
)
def test_each_checks_reason_reads_as_words_and_has_its_kind(given, words, kind):
    assert describe(given) == words
    assert kind_of(given).key == kind


def test_a_fast_submission_says_how_fast_it_was_posted():
    given = reason(TooFast(), form_shown_at=timezone.now() - timedelta(seconds=1))

    assert re.fullmatch(r"Posted 1\.\d s after the form was shown", describe(given))
    assert kind_of(given).key == "too_fast"


@pytest.mark.parametrize(
    ("probability", "site_trained", "words", "kind"),
    [
        (
            0.91,
            True,
            "Words read like spam (91%; site's model flags from 70%)",
            "text_spam",
        ),
        (0.12, False, "Words read fine (12%; starting model flags from 70%)", None),
    ],
)
def test_the_text_models_reading_is_a_percentage(
    probability, site_trained, words, kind
):
    given = Contribution.from_text_model(probability, 0.7, site_trained=site_trained)

    found = kind_of(given.reason)
    assert describe(given.reason) == words
    assert (found.key if found else None) == kind


@pytest.mark.parametrize(
    ("given", "kind"),
    [
        ("blocked word “casino”", "blocked_word"),
        ("blocked name “Cheap Pills”", "blocked_name"),
        ("blocked email domain “spam.example”", "blocked_email"),
        ("blocked link to “spam.example”", "blocked_link"),
        ("same text posted recently", "duplicate"),
        ("many comments from this network and this address", "rate"),
        ("Akismet says spam", "akismet"),
        ("Akismet says blatant spam", "akismet_blatant"),
        ("Akismet did not answer, so it is held", "akismet_down"),
        ("the text model is unavailable, so it is held", "no_model"),
    ],
)
def test_every_decisive_reason_has_a_kind_of_its_own(given, kind):
    assert kind_of(given).key == kind
    assert describe(given)[0].isupper()


def test_a_blocked_word_called_links_is_not_counted_as_links():
    assert kind_of("blocked word “links”").key == "blocked_word"


def test_a_reason_no_kind_knows_still_shows_capitalised():
    assert describe("the site's own rule matched") == "The site's own rule matched"
    assert kind_of("the site's own rule matched") is None


def test_no_rule_matched_reads_as_nothing_suspicious():
    assert describe_all(["no rule matched"]) == ["Nothing suspicious"]


@pytest.mark.parametrize("stored", [None, {"a": 1}, "3 links", [3, None]])
def test_hand_edited_reasons_that_are_not_a_list_of_words_show_none(stored):
    assert describe_all(stored) == []


def test_every_kind_has_a_distinct_key_and_an_ascii_fragment():
    assert len({kind.key for kind in KINDS}) == len(KINDS)
    assert all(kind.fragment.isascii() for kind in KINDS)


# Decisions as training text


@pytest.mark.django_db
def test_a_decision_is_kept_with_its_label_and_nothing_else():
    remember_decision(comment_id=7, text="Cheap pills here", spam=True)

    example = TrainingExample.objects.get()
    assert (example.comment_id, example.text, example.spam) == (
        7,
        "Cheap pills here",
        True,
    )
    assert {f.name for f in TrainingExample._meta.fields} == {
        "id",
        "comment_id",
        "text",
        "spam",
        "source",
        "created_at",
    }


@pytest.mark.django_db
def test_a_changed_decision_relabels_and_restarts_the_keeping_period():
    remember_decision(comment_id=7, text="Fine words", spam=True)
    TrainingExample.objects.update(created_at=timezone.now() - timedelta(days=100))

    remember_decision(comment_id=7, text="Fine words", spam=False)

    example = TrainingExample.objects.get()
    assert example.spam is False
    assert example.created_at > timezone.now() - timedelta(minutes=1)


@pytest.mark.django_db
def test_undoing_a_decision_drops_its_example():
    remember_decision(comment_id=7, text="Fine words", spam=False)

    remember_decision(comment_id=7, text="Fine words", spam=None)

    assert not TrainingExample.objects.exists()
