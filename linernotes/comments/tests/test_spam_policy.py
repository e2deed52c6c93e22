"""The spam policy (decision 0035) through the real comment form, with every
shipped check and, where a test says so, a stand-in text model configured
through LINERNOTES_SPAM_CHECKS (linernotes/spam/tests/test_policy.py has the
rules one by one)."""

import time

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.spam.formtime import issue_form_token
from linernotes.spam.tests.test_policy import (
    LONG_ON_TOPIC,
    SHIPPED,
    SHIPPED_RULES,
    text_model,
)

SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0"}


@pytest.fixture
def configure(settings):
    def configure(*checks: dict) -> None:
        settings.LINERNOTES_SPAM_CHECKS = list(checks)

    return configure


def post_comment(client, post, **fields):
    data = {
        "name": "Rae",
        "email": "rae@example.org",
        "url": "",
        "body": "Side B is the one.",
        "parent": "",
        "key": "",
        "subject": "",
        "shown": issue_form_token(time.time() - 60),
        **fields,
    }
    return client.post(reverse("comments:post", args=[post.pk]), data, **SAME_SITE)


@pytest.fixture
def open_blog(db):
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.spam_blocked_words = "casino"
    site.save()


def stored(body: str) -> Comment:
    return Comment.objects.get(body=body)


@pytest.mark.django_db
def test_a_long_link_free_on_topic_comment_is_ham(
    client, make_post, open_blog, configure
):
    # tried: about 4,500 characters from a first-time guest, no links, no website
    assert len(LONG_ON_TOPIC) > 4000
    configure(*SHIPPED_RULES, text_model(0.1))

    response = post_comment(client, make_post(), body=LONG_ON_TOPIC)

    comment = stored(LONG_ON_TOPIC)
    assert response.status_code == 302
    assert (comment.spam_verdict, comment.status) == ("ham", "approved")


@pytest.mark.django_db
def test_the_honeypot_sends_a_comment_to_spam(client, make_post, open_blog, configure):
    configure(*SHIPPED)

    post_comment(client, make_post(), subject="Cheap watches")

    comment = stored("Side B is the one.")
    assert (comment.status, comment.spam_verdict) == ("spam", "spam")
    assert comment.spam_reasons[0] == "filled in the hidden field"


@pytest.mark.django_db
def test_a_form_sent_in_a_second_is_held_not_lost(
    client, make_post, open_blog, configure
):
    configure(*SHIPPED)

    post_comment(client, make_post(), shown=issue_form_token(time.time() - 1))

    comment = stored("Side B is the one.")
    assert (comment.status, comment.spam_verdict) == ("pending", "hold")
    assert comment.spam_reasons[0].endswith("s after the form was shown")


@pytest.mark.django_db
def test_without_the_script_the_timing_check_abstains(
    client, make_post, open_blog, configure
):
    configure(*SHIPPED)

    post_comment(client, make_post(), shown="")

    comment = stored("Side B is the one.")
    assert comment.status == "approved"
    assert not any("form was shown" in reason for reason in comment.spam_reasons)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("site_trained", "status"), [(True, "spam"), (False, "pending")]
)
def test_a_blocked_word_is_spam_only_when_the_sites_own_model_agrees(
    client, make_post, open_blog, configure, site_trained, status
):
    body = "Best c\u0430sino bonus, play now"  # a Cyrillic a inside
    configure(*SHIPPED_RULES, text_model(0.95, site_trained=site_trained))

    post_comment(client, make_post(), body=body)

    comment = stored(body)
    assert comment.status == status
    assert comment.spam_reasons[0] == "blocked word “casino”"


@pytest.mark.django_db
def test_a_text_copied_to_another_post_is_held(client, make_post, open_blog, configure):
    configure(*SHIPPED)
    body = "Wonderful post, I learnt so much from your writing here."

    post_comment(client, make_post(title="One"), body=body)
    post_comment(client, make_post(title="Two"), body=body, email="other@example.org")

    first, copy = Comment.objects.filter(body=body).order_by("pk")
    assert first.status == "approved"
    assert (copy.status, copy.spam_verdict) == ("pending", "hold")
    assert "same text posted recently" in copy.spam_reasons


@pytest.mark.django_db
def test_a_commenter_approved_before_weighs_against_soft_signals(
    client, make_post, make_comment, open_blog, configure
):
    # The soft signals' arithmetic, without the words: to the starting text
    # model two bare links read like spam, which holds (the next test).
    configure(*SHIPPED_RULES)
    post = make_post()
    body = "More at http://a.example http://b.example"
    post_comment(client, post, body="First words here.")
    Comment.objects.filter(body="First words here.").update(status="approved")

    post_comment(client, post, body=body, url="https://rae.example")

    comment = stored(body)
    assert comment.spam_reasons == ["3 links", "gave a website", "approved before"]
    assert comment.spam_verdict == "ham"


@pytest.mark.django_db
def test_the_starting_text_model_holds_link_drops_even_from_a_known_commenter(
    client, make_post, open_blog, configure
):
    configure(*SHIPPED)
    post = make_post()
    body = "More at http://a.example http://b.example"
    post_comment(client, post, body="First words here.")
    Comment.objects.filter(body="First words here.").update(status="approved")

    post_comment(client, post, body=body, url="https://rae.example")

    comment = stored(body)
    assert comment.spam_reasons[:3] == ["3 links", "gave a website", "approved before"]
    assert comment.spam_reasons[3].startswith(
        "text reads like spam to the starting model"
    )
    assert (comment.spam_verdict, comment.status) == ("hold", Comment.Status.PENDING)


@pytest.mark.django_db
def test_the_moderation_list_says_why_in_words(
    client, make_post, open_blog, configure, make_writer
):
    configure(*SHIPPED)
    post_comment(client, make_post(), body="Play at the casino tonight")
    client.force_login(make_writer(role="Editor"))

    response = client.get(reverse("admin:comments_comment_changelist"))

    assertContains(response, "<li>Blocked word “casino”</li>", html=True)
    assertContains(response, "<li>First comment from this address</li>", html=True)
