"""Each non-text check on its own: what it looks at, what it says, when it abstains.

Counting checks go through the real cache (emptied before each test), the
block lists through the real site settings, the commenter's history through
the comments app's own look-up.
"""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from linernotes.core.models import SiteSettings
from linernotes.spam.checks import Contribution, Kind, Submission
from linernotes.spam.folding import fold
from linernotes.spam.formtime import issue_form_token, read_form_token
from linernotes.spam.rules import (
    ApprovedBefore,
    AuthorWebsite,
    BlockLists,
    Duplicate,
    FirstComment,
    Honeypot,
    RateByNetwork,
    TooFast,
    link_hosts,
)

NEW = {"record": True}  # a new comment, as the comment service submits it


def block(**lists: str) -> None:
    site = SiteSettings.load()
    for name, lines in lists.items():
        setattr(site, f"spam_blocked_{name}", lines)
    site.save()


# Honeypot


def test_the_honeypot_abstains_when_left_empty():
    assert Honeypot()(Submission(body="Hi")) is None


def test_a_filled_honeypot_is_certain_decisive_evidence():
    said = Honeypot()(Submission(body="Hi", honeypot="Cheap watches"))

    assert said == Contribution(
        5.0, "filled in the hidden field", kind=Kind.DECISIVE, certain=True
    )


# Timing


def test_timing_abstains_without_the_scripts_token():
    assert TooFast()(Submission(body="Hi", form_shown_at=None)) is None


@pytest.mark.parametrize("seconds_ago", [0.0, 1.0, 2.9])
def test_a_form_sent_sooner_than_a_person_types_is_decisive(seconds_ago):
    shown = timezone.now() - timedelta(seconds=seconds_ago)

    said = TooFast(min_seconds=3)(Submission(body="Hi", form_shown_at=shown))

    assert said.kind == Kind.DECISIVE and not said.certain
    assert said.reason.startswith("sent ") and said.reason.endswith(
        " s after the form was shown"
    )


@pytest.mark.parametrize("seconds_ago", [3.5, 60, 86400])
def test_a_form_sent_after_the_minimum_passes(seconds_ago):
    shown = timezone.now() - timedelta(seconds=seconds_ago)

    assert TooFast(min_seconds=3)(Submission(body="Hi", form_shown_at=shown)) is None


def test_the_form_token_carries_the_time_it_was_issued():
    issued = time.time() - 42

    shown = read_form_token(issue_form_token(issued))

    assert shown.timestamp() == pytest.approx(issued, abs=0.01)


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not a token",
        "x" * 5000,
        "MTc5:forged:signature",
    ],
)
def test_a_missing_or_forged_token_reads_as_no_token(token):
    assert read_form_token(token) is None


def test_a_token_with_its_time_changed_is_refused():
    token = issue_form_token(time.time())
    payload, rest = token.split(":", 1)
    older = issue_form_token(time.time() - 3600).split(":", 1)[0]

    assert read_form_token(f"{older}:{rest}") is None
    assert read_form_token(f"{payload}:{rest}") is not None


def test_a_week_old_token_proves_nothing():
    assert read_form_token(issue_form_token(time.time() - 8 * 86400)) is None


@pytest.mark.django_db
def test_the_reader_state_gives_a_fresh_token_on_a_post_page_only(client):
    url = reverse("users:reader_state")

    on_post = client.get(url, {"post": 7}).json()
    elsewhere = client.get(url).json()

    shown = read_form_token(on_post["comment_form_shown"])
    assert abs((timezone.now() - shown).total_seconds()) < 5
    assert "comment_form_shown" not in elsewhere


@pytest.mark.django_db
def test_the_cached_post_page_carries_no_token(client, make_post):
    page = client.get(make_post().get_absolute_url()).content.decode()

    assert 'name="shown" value=""' in page
    assert "comment_form_shown" not in page


# Website


def test_a_website_given_is_a_soft_signal():
    assert AuthorWebsite()(Submission(body="Hi", author_url="https://me.example")) == (
        Contribution(0.2, "gave a website", kind=Kind.SOFT)
    )
    assert AuthorWebsite()(Submission(body="Hi")) is None


# Duplicates


TEXT = "Great article, visit my page for more great articles!"


def test_the_same_text_again_is_a_duplicate_whoever_posts_it():
    check = Duplicate()

    first = check(Submission(body=TEXT, author_email="a@example.org", **NEW))
    again = check(Submission(body=TEXT, author_email="b@example.org", **NEW))

    assert first is None
    assert again == Contribution(1.0, "same text posted recently", Kind.DECISIVE)


@pytest.mark.parametrize(
    "disguised",
    [
        TEXT.upper(),
        TEXT.replace(" ", "  \n "),
        TEXT.replace("visit", "vi\u200bsit"),
        TEXT.replace("a", "\u0430"),  # Cyrillic a
    ],
    ids=["case", "spacing", "zero-width", "look-alike"],
)
def test_a_disguised_copy_is_still_a_duplicate(disguised):
    check = Duplicate()
    check(Submission(body=TEXT, **NEW))

    assert check(Submission(body=disguised, **NEW)) is not None


def test_short_texts_and_other_texts_are_not_duplicates():
    check = Duplicate(min_length=20)

    for _ in range(3):
        assert check(Submission(body="Thanks!", **NEW)) is None
    check(Submission(body=TEXT, **NEW))
    assert check(Submission(body=TEXT + " Really.", **NEW)) is None


def test_an_edit_or_an_evaluation_is_neither_counted_nor_judged_as_a_copy():
    check = Duplicate()

    assert check(Submission(body=TEXT)) is None
    assert check(Submission(body=TEXT)) is None
    assert check(Submission(body=TEXT, **NEW)) is None  # the first one counted


def test_the_duplicate_window_ends(monkeypatch):
    check = Duplicate(minutes=1)
    check(Submission(body=TEXT, **NEW))
    later = time.time() + 61
    monkeypatch.setattr("linernotes.core.ratelimit.time.time", lambda: later)

    assert check(Submission(body=TEXT, **NEW)) is None


# Rates


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("203.0.113.77", "203.0.113.0/24"),
        ("2001:db8:abcd:12:1::9", "2001:db8:abcd::/48"),
        ("::ffff:203.0.113.5", "203.0.113.0/24"),  # IPv4 on a dual-stack socket
        ("not an address", None),
        (None, None),
    ],
)
def test_the_network_is_the_ipv4_24_or_the_ipv6_48(address, network):
    submission = Submission(body="Hi", ip_address=address)

    assert submission.ip_network == network


def test_many_comments_from_one_ipv4_network_are_decisive():
    check = RateByNetwork(network_rate="3/10m", email_rate="100/m")
    said = [
        check(Submission(body=f"Hi {n}", ip_address=f"203.0.113.{n}", **NEW))
        for n in range(1, 5)
    ]

    assert said[:3] == [None, None, None]
    assert said[3] == Contribution(
        1.0, "many comments from this network", Kind.DECISIVE
    )
    other = Submission(body="Hi", ip_address="203.0.114.1", **NEW)
    assert check(other) is None


def test_the_same_submission_again_at_once_is_not_counted_again():
    """A form sent from many tabs at once, or a double click: the copy the
    comment service keeps must not be held for its own repeats (found when
    32 identical clicks at once held the one stored comment)."""
    check = RateByNetwork(network_rate="3/10m", email_rate="3/10m")
    same = Submission(body="Only once.", ip_address="203.0.113.9", **NEW)

    assert [check(same) for _ in range(10)] == [None] * 10
    for n in range(3):
        check(Submission(body=f"New {n}", ip_address="203.0.113.9", **NEW))
    assert check(Submission(body="New 3", ip_address="203.0.113.9", **NEW))


def test_ipv6_addresses_in_one_48_share_their_count():
    check = RateByNetwork(network_rate="2/10m", email_rate="100/m")
    check(Submission(body="Hi 1", ip_address="2001:db8:1::1", **NEW))
    check(Submission(body="Hi 2", ip_address="2001:db8:1:ffff::2", **NEW))

    assert check(Submission(body="Hi 3", ip_address="2001:db8:1:7::3", **NEW))
    assert check(Submission(body="Hi", ip_address="2001:db8:2::1", **NEW)) is None


def test_many_comments_under_one_address_are_decisive_whatever_the_network():
    check = RateByNetwork(network_rate="100/m", email_rate="2/10m")
    for n in range(2):
        check(
            Submission(
                body=f"Hi {n}",
                author_email="Rae@Example.org",
                ip_address=f"10.{n}.0.1",
                **NEW,
            )
        )

    said = check(
        Submission(
            body="Hi", author_email="rae@example.org", ip_address="10.9.0.1", **NEW
        )
    )

    assert said.reason == "many comments from this address"


def test_rates_are_not_counted_for_an_edit():
    check = RateByNetwork(network_rate="1/10m", email_rate="1/10m")

    for _ in range(3):
        assert check(Submission(body="Hi", ip_address="203.0.113.1")) is None
    assert check(Submission(body="Hi", ip_address="203.0.113.1", **NEW)) is None


def test_a_malformed_rate_is_refused_when_the_checks_load(settings):
    from django.core.exceptions import ImproperlyConfigured

    from linernotes.spam.checks import load_pipeline

    settings.LINERNOTES_SPAM_CHECKS = [
        {
            "NAME": "linernotes.spam.rules.RateByNetwork",
            "OPTIONS": {"network_rate": "5 a minute"},
        }
    ]

    with pytest.raises(ImproperlyConfigured, match="bad OPTIONS"):
        load_pipeline()


# Folding and block lists


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("CASINO", "casino"),
        ("ca\u200bsi\u200dno", "casino"),  # zero-width space and joiner
        ("\ufeffcasino\u2060", "casino"),  # byte-order mark, word joiner
        ("\u0441\u0430sino", "casino"),  # Cyrillic es and a
        ("\u03ba\u03b1sino", "kasino"),  # Greek kappa and alpha
        ("\uff43\uff41\uff53\uff49\uff4e\uff4f", "casino"),  # fullwidth
        ("\U0001d41c\U0001d41a\U0001d42c\U0001d422\U0001d427\U0001d428", "casino"),
        ("cásíñó", "casino"),  # accents
        ("  two\n\t words ", "two words"),
    ],
)
def test_folding_sees_through_disguises(written, folded):
    assert fold(written) == folded


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "Play at our casino tonight",
        "Play at our CASINO tonight",
        "Play at our ca\u200bsi\u200bno tonight",
        "Play at our \u0441\u0430sin\u043e tonight",  # Cyrillic c, a, o
        "Play at our \uff43\uff41\uff53\uff49\uff4e\uff4f tonight",
        "Play at our online casino",
    ],
)
def test_a_blocked_word_matches_however_it_is_written(body):
    block(words="Casino\nfree money")

    said = BlockLists()(Submission(body=body))

    assert said == Contribution(1.5, "blocked word “casino”", Kind.DECISIVE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "The casino scene in the film uses this song",  # not blocked: no list
    ],
)
def test_nothing_is_blocked_until_the_writer_lists_it(body):
    assert BlockLists()(Submission(body=body)) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "Occasionally the bass is too loud",  # "casino" is not inside a word
        "A free moneyless life",  # a phrase matches as a whole
        "Freedom, money",
    ],
)
def test_a_blocked_word_matches_whole_words_only(body):
    block(words="casino\nfree money")

    assert BlockLists()(Submission(body=body)) is None


@pytest.mark.django_db
def test_a_blocked_phrase_matches_across_odd_spacing():
    block(words="free money")

    said = BlockLists()(Submission(body="Get FREE\n\u200b  money now"))

    assert said.reason == "blocked word “free money”"


@pytest.mark.django_db
def test_a_blocked_name_matches_the_commenters_name():
    block(names="Best Replica Watches")

    said = BlockLists()(Submission(body="Hi", author_name="best r\u0435plica watches"))

    assert said.reason == "blocked name “best replica watches”"
    assert BlockLists()(Submission(body="Hi", author_name="Rae")) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "blocked"),
    [
        ("x@spam.example", True),
        ("x@MAIL.Spam.Example", True),  # a subdomain, any case
        ("x@notspam.example", False),
        ("x@spam.example.org", False),
        ("no address", False),
    ],
)
def test_a_blocked_email_domain_covers_its_subdomains(email, blocked):
    block(email_domains="@spam.example\n\n")

    said = BlockLists()(Submission(body="Hi", author_email=email))

    assert (said is not None) == blocked
    if blocked:
        assert said.reason == "blocked email domain “spam.example”"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "url", "blocked"),
    [
        ("See https://pills.example/buy", "", True),
        ("See http://www.shop.pills.example?x=1", "", True),
        ("See www.pills.example today", "", True),
        ("See https://user@pills.example/", "", True),
        ("See https://\u0440ills.example/", "", True),  # Cyrillic er
        ("Nice record", "https://pills.example/me", True),
        ("See https://pills.example.org/", "", False),
        ("pills.example without a scheme is not a link", "", False),
    ],
)
def test_a_blocked_link_domain_matches_links_and_the_website(body, url, blocked):
    block(link_domains="https://pills.example/")

    said = BlockLists()(Submission(body=body, author_url=url))

    assert (said is not None) == blocked
    if blocked:
        assert said.reason == "blocked link to “pills.example”"


@pytest.mark.django_db
def test_a_malformed_address_in_a_list_is_skipped_not_an_error():
    block(link_domains="https://[broken\npills.example")

    said = BlockLists()(Submission(body="See https://pills.example/"))

    assert said.reason == "blocked link to “pills.example”"


def test_link_hosts_lists_every_linked_host():
    submission = Submission(
        body="a https://A.example/x b http://b.example:8080 c www.c.example",
        author_url="https://me.example",
    )

    assert link_hosts(submission) == [
        "a.example",
        "b.example",
        "c.example",
        "me.example",
    ]


@pytest.mark.django_db
def test_every_list_that_matches_is_named():
    block(words="casino", email_domains="spam.example")

    said = BlockLists()(Submission(body="casino", author_email="a@spam.example"))

    assert said.reason == "blocked word “casino”, blocked email domain “spam.example”"


# Trust and first comments


def test_an_earlier_approved_comment_lowers_the_score():
    said = ApprovedBefore()(Submission(body="Hi", trusted=True))

    assert said == Contribution(-0.5, "approved before")
    assert ApprovedBefore()(Submission(body="Hi", trusted=False)) is None


class Remembers:
    """A blog's history as the comments app answers it: these addresses had a
    comment approved (the real look-up: comments/tests/test_spam_signals.py)."""

    def __init__(self, *known: str) -> None:
        self.known = {email.lower() for email in known}

    def address_known(self, email: str) -> bool:
        return email.lower() in self.known


def test_the_first_comment_of_an_unknown_address_raises_the_score():
    history = Remembers("regular@example.org")
    check = FirstComment()

    def said(email: str, **fields):
        return check(
            Submission(body="Hi", author_email=email, history=history, **fields)
        )

    assert said("new@example.org") == Contribution(
        0.3, "first comment from this address"
    )
    assert said("regular@example.org") is None
    assert said("new@example.org", trusted=True) is None
    assert said("") is None


def test_the_first_comment_check_abstains_without_the_blogs_history():
    assert FirstComment()(Submission(body="Hi", author_email="a@example.org")) is None
