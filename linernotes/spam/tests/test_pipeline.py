"""The spam pipeline: the checks named in LINERNOTES_SPAM_CHECKS, in order, add
up to a score; the policy (test_policy.py, decision 0035) turns it into a verdict.

Seen failing before the pipeline existed: the plain rules ignored the setting
(custom checks, order, thresholds and the broken check had no effect, and a bad
dotted path loaded nothing), and the queue showed the verdict without reasons.
The table of the first two rules passed before and after the pipeline; with the
policy of decision 0035 their scores are unchanged, but links alone only hold.
"""

import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from linernotes.spam.checks import (
    Contribution,
    Kind,
    LinkCount,
    NoUserAgent,
    SpamCheck,
    Submission,
    Verdict,
    check_comment,
    load_pipeline,
)

BROWSER = "Mozilla/5.0 (X11; Linux x86_64)"
HERE = "linernotes.spam.tests.test_pipeline"
FIRST_RULES = [
    {"NAME": "linernotes.spam.checks.LinkCount", "OPTIONS": {"minimum": 3}},
    {"NAME": "linernotes.spam.checks.NoUserAgent"},
]


class Says:
    """A check configured through settings: always the same contribution."""

    def __init__(self, score: float, reason: str) -> None:
        self.contribution = Contribution(score, reason)

    def __call__(self, submission: Submission) -> Contribution | None:
        return self.contribution


class Abstains:
    def __call__(self, submission: Submission) -> Contribution | None:
        return None


class Breaks:
    def __call__(self, submission: Submission) -> Contribution | None:
        raise RuntimeError("the check's own bug")


class MentionsCasino:
    """A site's own rule, to show a check reads the submission; it claims to
    be certain, so it alone may send a comment to spam."""

    def __call__(self, submission: Submission) -> Contribution | None:
        if "casino" in submission.body.lower():
            return Contribution(
                2.0, "mentions a casino", kind=Kind.DECISIVE, certain=True
            )
        return None


def says(score: float, reason: str) -> dict:
    return {"NAME": f"{HERE}.Says", "OPTIONS": {"score": score, "reason": reason}}


def judge(body: str = "Lovely record.", **fields) -> SpamCheck:
    return check_comment(Submission(body=body, **{"user_agent": BROWSER, **fields}))


def test_checks_run_in_the_configured_order_and_their_scores_add_up(settings):
    settings.LINERNOTES_SPAM_CHECKS = [
        says(0.25, "first"),
        {"NAME": f"{HERE}.Abstains"},
        says(0.5, "second"),
    ]

    check = judge()

    assert check.reasons == ["first", "second"]
    assert check.score == 0.75
    assert check.verdict == Verdict.HOLD

    settings.LINERNOTES_SPAM_CHECKS = [says(0.5, "second"), says(0.25, "first")]
    assert judge().reasons == ["second", "first"]


def test_a_site_adds_its_own_check_through_the_settings(settings):
    settings.LINERNOTES_SPAM_CHECKS = [*FIRST_RULES, {"NAME": f"{HERE}.MentionsCasino"}]

    assert judge("Best CASINO bonus here").verdict == Verdict.SPAM
    assert judge("Best CASINO bonus here").reasons == ["mentions a casino"]
    assert judge("The horns on side two").verdict == Verdict.HAM


def test_a_negative_score_is_evidence_of_a_person(settings):
    settings.LINERNOTES_SPAM_CHECKS = [
        says(0.9, "3 links"),
        says(-0.5, "approved before"),
    ]

    check = judge()

    assert check.verdict == Verdict.HAM
    assert check.score == pytest.approx(0.4)
    assert check.reasons == ["3 links", "approved before"]


@pytest.mark.parametrize(
    ("score", "verdict"),
    [(0.59, Verdict.HAM), (0.6, Verdict.HOLD), (1.5, "hold"), (100.0, "hold")],
)
def test_the_total_against_the_hold_threshold_gives_ham_or_hold(
    settings, score, verdict
):
    settings.LINERNOTES_SPAM_CHECKS = [says(score, "something")]

    assert judge().verdict == verdict


def test_the_hold_threshold_is_a_setting(settings):
    settings.LINERNOTES_SPAM_CHECKS = [says(1.0, "something")]
    settings.LINERNOTES_SPAM_HOLD_SCORE = 2.0
    assert judge().verdict == Verdict.HAM

    settings.LINERNOTES_SPAM_HOLD_SCORE = 1.0
    assert judge().verdict == Verdict.HOLD


@pytest.mark.parametrize(
    "body", ["no links at all", "one http://a.example and www.b.example"]
)
def test_link_count_abstains_below_the_minimum(body):
    assert LinkCount()(Submission(body=body)) is None


@pytest.mark.parametrize(
    ("body", "url", "score", "reason"),
    [
        ("http://a.example https://b.example www.c.example", "", 0.9, "3 links"),
        ("http://a.example HTTPS://b.example", "https://me.example", 0.9, "3 links"),
        (" ".join(["http://x.example"] * 1000), "", 300.0, "1000 links"),
    ],
)
def test_link_count_scores_each_link_from_the_minimum_on(body, url, score, reason):
    said = LinkCount()(Submission(body=body, author_url=url))

    assert (said.score, said.reason) == (pytest.approx(score), reason)


def test_link_count_options_change_the_minimum_and_the_weight():
    said = LinkCount(minimum=1, score_per_link=0.5)(Submission(body="www.a.example"))

    assert said == Contribution(0.5, "1 links")


@pytest.mark.parametrize(
    ("agent", "signed_in", "contribution"),
    [
        ("", False, Contribution(0.3, "no user agent")),
        ("", True, None),
        (BROWSER, False, None),
    ],
)
def test_no_user_agent_counts_against_guests_only(agent, signed_in, contribution):
    submission = Submission(body="Hi", user_agent=agent, signed_in=signed_in)

    assert NoUserAgent()(submission) == contribution


@pytest.mark.parametrize(
    ("body", "agent", "signed_in", "url", "verdict", "score", "reasons"),
    [
        ("Lovely record.", BROWSER, False, "", "ham", 0.0, ["no rule matched"]),
        ("Lovely record.", "", False, "", "ham", 0.3, ["no user agent"]),
        ("Lovely record.", "", True, "", "ham", 0.0, ["no rule matched"]),
        ("http://a http://b", BROWSER, False, "http://c", "hold", 0.9, ["3 links"]),
        (
            "http://a http://b http://c",
            "",
            False,
            "",
            "hold",
            1.2,
            ["3 links", "no user agent"],
        ),
        (
            "http://a http://b http://c http://d",
            "",
            False,
            "",
            "hold",
            1.5,
            ["4 links", "no user agent"],
        ),
        (
            " ".join(f"buy http://{n}.example" for n in "abcde"),
            BROWSER,
            False,
            "",
            "hold",
            1.5,
            ["5 links"],
        ),
    ],
)
def test_the_first_two_rules_score_as_before_but_only_hold(
    settings, body, agent, signed_in, url, verdict, score, reasons
):
    settings.LINERNOTES_SPAM_CHECKS = FIRST_RULES

    check = judge(body, user_agent=agent, signed_in=signed_in, author_url=url)

    assert (check.verdict, check.score, check.reasons) == (
        verdict,
        pytest.approx(score),
        reasons,
    )


def test_the_default_setting_names_the_shipped_checks():
    names = [name for name, _ in load_pipeline().checks]

    assert names == [
        "linernotes.spam.rules.Honeypot",
        "linernotes.spam.rules.TooFast",
        "linernotes.spam.rules.BlockLists",
        "linernotes.spam.rules.Duplicate",
        "linernotes.spam.rules.RateByNetwork",
        "linernotes.spam.akismet.Akismet",
        "linernotes.spam.checks.LinkCount",
        "linernotes.spam.rules.AuthorWebsite",
        "linernotes.spam.checks.NoUserAgent",
        "linernotes.spam.rules.FirstComment",
        "linernotes.spam.rules.ApprovedBefore",
        "linernotes.spam.text_check.TextModelCheck",
    ]


def test_a_check_that_raises_is_logged_and_abstains(settings, caplog):
    settings.LINERNOTES_SPAM_CHECKS = [{"NAME": f"{HERE}.Breaks"}, says(0.7, "kept")]

    with caplog.at_level(logging.ERROR, logger="linernotes.spam.checks"):
        check = judge()

    assert (check.verdict, check.reasons) == (Verdict.HOLD, ["kept"])
    assert f"{HERE}.Breaks failed" in caplog.text
    assert "the check's own bug" in caplog.text


@pytest.mark.django_db
def test_a_broken_check_does_not_lose_the_comment(settings, make_post, make_comment):
    settings.LINERNOTES_SPAM_CHECKS = [{"NAME": f"{HERE}.Breaks"}]

    comment = make_comment(post=make_post(), body="Still here.", approved=False)

    comment.refresh_from_db()
    assert comment.body == "Still here."
    assert comment.spam_verdict == "ham"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"NAME": "linernotes.spam.checks.NoSuchCheck"}, "'linernotes.spam.checks.No"),
        ({"NAME": "nowhere.at_all.Check"}, "'nowhere.at_all.Check', which cannot"),
        ({"NAME": ""}, "names '', which cannot be imported"),
        ({"NAME": f"{HERE}.Abstains", "OPTIONS": {"x": 1}}, "bad OPTIONS for"),
    ],
)
def test_a_bad_entry_is_a_clear_error_when_the_checks_load(settings, entry, message):
    settings.LINERNOTES_SPAM_CHECKS = [entry]

    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(")):
        load_pipeline()
    with pytest.raises(ImproperlyConfigured):
        judge()


@pytest.mark.django_db
def test_the_moderation_queue_shows_the_reasons_in_words(
    client, make_writer, make_post, make_comment
):
    body = "See http://a.example and http://b.example and http://c.example"
    make_comment(post=make_post(), body=body, approved=False)
    client.force_login(make_writer(role="Editor"))

    response = client.get(reverse("admin:comments_comment_changelist"))

    # Each reason on its own line, in words; never the stored JSON list.
    assertContains(response, "<li>3 links</li>", html=False)
    assertContains(response, "<li>First comment from this address</li>", html=False)
    assertContains(response, '<span class="spam-verdict spam-hold">Held for a look')
    assertNotContains(response, '["')
