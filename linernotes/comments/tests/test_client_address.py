"""What a comment keeps of the reader's address, and from where it reads it
(decision 0037): only the network (IPv4 /24, IPv6 /48) is stored or shown to
the spam checks; a keyed hash of the full address tells a double click from a
neighbour's identical comment; behind a proxy, only a trusted proxy's
forwarded address counts."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from linernotes.comments import tokens
from linernotes.comments.models import Comment
from linernotes.core import ratelimit
from linernotes.core.models import SiteSettings
from linernotes.spam.checks import Contribution, Submission

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": BROWSER}
HERE = __name__
SEEN: list[Submission] = []


class Records:
    """A spam check that only remembers what it was shown."""

    description = "what the test looks at"

    def __call__(self, submission: Submission) -> Contribution | None:
        SEEN.append(submission)
        return None


@pytest.fixture(autouse=True)
def open_blog(settings):
    settings.LINERNOTES_SPAM_CHECKS = [{"NAME": f"{HERE}.Records"}]
    SEEN.clear()
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.save()


def post_comment(post, body: str = "Side B is the one.", **headers):
    data = {
        "name": "Rae",
        "email": "rae@example.org",
        "url": "",
        "body": body,
        "parent": "",
        "key": "",  # no key: only the look-up for an earlier copy tells a repeat
    }
    return Client().post(
        reverse("comments:post", args=[post.pk]), data, **SAME_SITE, **headers
    )


def receipt_for(response) -> int:
    """The comment whose receipt the reader was sent to."""
    token = response["Location"].rstrip("/").rpartition("/")[2]
    return tokens.read_receipt(token).pk


def every_stored_value(comment: Comment) -> str:
    return " ".join(
        str(value) for value in Comment.objects.filter(pk=comment.pk).values().get()
    )


def test_a_comment_keeps_the_network_and_a_keyed_hash_never_the_address(make_post):
    response = post_comment(make_post(), REMOTE_ADDR="203.0.113.57")

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert comment.ip_address == "203.0.113.0"
    assert comment.ip_hash == ratelimit.keyed_address("203.0.113.57", "comment-repeat")
    assert "203.0.113.57" not in every_stored_value(comment)


def test_an_ipv6_comment_keeps_its_48_and_an_ipv4_mapped_one_its_24(make_post):
    post = make_post()
    post_comment(post, REMOTE_ADDR="2001:db8:abcd:12:1:2:3:4")
    post_comment(post, REMOTE_ADDR="::ffff:198.51.100.7")

    assert sorted(Comment.objects.values_list("ip_address", flat=True)) == [
        "198.51.100.0",
        "2001:db8:abcd::",
    ]


def test_the_spam_checks_see_only_the_network(make_post):
    post_comment(make_post(), REMOTE_ADDR="203.0.113.57")

    (seen,) = SEEN
    assert seen.ip_address == "203.0.113.0"
    assert seen.ip_network == "203.0.113.0/24"


def test_a_double_click_from_the_same_address_returns_the_first_comment(make_post):
    post = make_post()

    first = post_comment(post, REMOTE_ADDR="203.0.113.57")
    again = post_comment(post, REMOTE_ADDR="203.0.113.57")

    assert Comment.objects.count() == 1
    assert receipt_for(again) == receipt_for(first) == Comment.objects.get().pk


def test_a_neighbour_on_the_same_network_never_receives_someone_elses_receipt(
    make_post,
):
    # tried: a neighbour in the same /24, same browser, same name, address and
    # words, within the repeat window: everything the look-up compares except
    # the full address, which the stored network alone could not tell apart.
    post = make_post()
    rae = post_comment(post, REMOTE_ADDR="203.0.113.57")
    neighbour = post_comment(post, REMOTE_ADDR="203.0.113.99")

    first, second = Comment.objects.order_by("pk")
    assert first.ip_address == second.ip_address == "203.0.113.0"
    assert (receipt_for(rae), receipt_for(neighbour)) == (first.pk, second.pk)


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_readers(
    make_post, settings
):
    settings.LINERNOTES_TRUSTED_PROXIES = ["127.0.0.1"]
    post = make_post()
    # nginx appends the peer it saw to whatever the client sent.
    rae = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.57"}
    neighbour = {
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_X_FORWARDED_FOR": "203.0.113.57, 203.0.113.99",  # spoofed first
    }

    post_comment(post, **rae)
    post_comment(post, **neighbour)

    first, second = Comment.objects.order_by("pk")
    assert first.ip_address == second.ip_address == "203.0.113.0"
    assert first.ip_hash == ratelimit.keyed_address("203.0.113.57", "comment-repeat")
    assert second.ip_hash == ratelimit.keyed_address("203.0.113.99", "comment-repeat")


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(make_post, settings):
    # tried: with no proxy trusted, and with one trusted that is not the peer
    post = make_post()
    for trusted in ([], ["10.0.0.1"]):
        settings.LINERNOTES_TRUSTED_PROXIES = trusted
        post_comment(
            post,
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR="192.0.2.1",
            body=f"trusting {trusted}",
        )

    assert set(Comment.objects.values_list("ip_address", flat=True)) == {"198.51.100.0"}
    assert {s.ip_address for s in SEEN} == {"198.51.100.0"}


def test_the_comment_rate_counts_the_forwarded_reader_not_the_proxy(
    make_post, settings
):
    settings.LINERNOTES_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.LINERNOTES_COMMENT_RATE = "1/m"
    post = make_post()

    one = post_comment(
        post, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.57"
    )
    other = post_comment(
        post, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    same_again = post_comment(
        post,
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        body="Another thought.",
    )

    assert (one.status_code, other.status_code, same_again.status_code) == (
        302,
        302,
        429,
    )


def test_the_migration_shortens_addresses_stored_before(make_post, make_comment):
    comment = make_comment(post=make_post())
    Comment.objects.filter(pk=comment.pk).update(ip_address="2001:db8:1:2::5")
    blank = make_comment(post=comment.post, body="No address.")
    Comment.objects.filter(pk=blank.pk).update(ip_address=None)
    migration = importlib.import_module(
        "linernotes.comments.migrations.0009_truncated_ip_address"
    )

    migration.shorten_stored_addresses(apps, None)
    migration.shorten_stored_addresses(apps, None)  # and again: nothing changes

    comment.refresh_from_db()
    blank.refresh_from_db()
    assert (comment.ip_address, blank.ip_address) == ("2001:db8:1::", None)


def test_the_comment_rate_counts_the_network_not_the_address(make_post, settings):
    # tried (found by review): a new address in one IPv6 /64 for each comment
    settings.LINERNOTES_COMMENT_RATE = "2/m"
    post = make_post()

    codes = [
        post_comment(
            post, body=f"Thought {n}.", REMOTE_ADDR=f"2001:db8:aa:bb::{n}"
        ).status_code
        for n in range(1, 4)
    ]

    assert codes == [302, 302, 429]
