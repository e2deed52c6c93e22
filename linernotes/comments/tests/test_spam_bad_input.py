"""Bad input through the real comment form: a verdict in bounded time or a clear
form error, never a server error, and nothing the reader wrote is lost silently.

Every shipped check runs (the default LINERNOTES_SPAM_CHECKS); "bounded" is a
generous ceiling per request, far above the milliseconds these take, so that a
check gone quadratic on a pathological text fails here rather than in a
reader's browser.
"""

import os
import time

import pytest
from django.urls import reverse

from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings
from linernotes.spam.formtime import issue_form_token

pytestmark = pytest.mark.django_db
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0"}
BOUND_SECONDS = 5.0


@pytest.fixture
def post(make_post):
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.spam_blocked_words = "casino\nviagra"
    site.spam_blocked_link_domains = "pills.example"
    site.save()
    return make_post()


def form(**fields) -> dict:
    return {
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


def send(client, post, data, **extra):
    """POST the form and time it; the page asks for JSON so errors are listed."""
    started = time.thread_time()  # processor time, not the machine's load
    response = client.post(
        reverse("comments:post", args=[post.pk]),
        data,
        HTTP_ACCEPT="application/json",
        **SAME_SITE,
        **extra,
    )
    elapsed = time.thread_time() - started
    assert elapsed < BOUND_SECONDS, f"took {elapsed:.1f} s"
    assert response.status_code < 500
    return response


def only_comment() -> Comment:
    (comment,) = Comment.objects.all()
    return comment


def test_a_100_kb_comment_is_a_clear_form_error(client, post):
    body = "All the words of a very long comment. " * 2700  # tried: 102,600 chars

    response = send(client, post, form(body=body))

    assert response.status_code == 400
    assert "at most 10,000 characters" in response.json()["errors"]["body"][0]
    assert not Comment.objects.exists()


def test_a_100_kb_comment_gets_a_verdict_where_the_limit_allows_it(
    client, post, settings
):
    settings.LINERNOTES_COMMENT_MAX_LENGTH = 200_000
    body = ("I keep coming back to the second side of this record. " * 1900)[
        :102_400
    ]  # tried: exactly 100 KB, no links

    response = send(client, post, form(body=body))

    assert response.status_code == 201
    assert only_comment().spam_verdict == "ham"


def test_binary_garbage_gets_a_verdict(client, post):
    # tried: every byte value, 16 times over, read as Latin-1 text
    garbage = (bytes(range(256)) * 16).decode("latin-1")

    response = send(client, post, form(body=garbage, name=garbage[:100]))

    assert response.status_code in (201, 400)
    if response.status_code == 201:
        comment = only_comment()
        assert "\x00" not in comment.body
        assert comment.spam_verdict in ("ham", "hold")


def test_invalid_utf8_bytes_get_a_verdict_or_a_form_error(client, post):
    raw = (
        b"name=R%FFae&email=rae%40example.org&url=&parent=&key=&subject=&shown="
        b"&body=" + b"%C3%28%A0%A1+" * 40 + b"Side+B+%ED%A0%80+is+the+one."
    )

    response = send(client, post, raw, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 201
    comment = only_comment()
    assert "Side B" in comment.body and "\ufffd" in comment.body


def test_invalid_utf8_in_a_multipart_body_is_not_a_server_error(client, post):
    boundary = "xyzzy"
    parts = b"".join(
        b'--xyzzy\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
        % (name, value)
        for name, value in [
            (b"name", b"Rae"),
            (b"email", b"rae@example.org"),
            (b"body", os.urandom(64) + b"\xff\xfe\xc3("),
        ]
    )

    response = send(
        client,
        post,
        parts + b"--xyzzy--\r\n",
        content_type=f"multipart/form-data; boundary={boundary}",
    )

    assert response.status_code in (201, 400)


def test_a_comment_of_emoji_only_gets_a_verdict(client, post):
    body = "🎸🔥🎶👏" * 20

    response = send(client, post, form(body=body))

    assert response.status_code == 201
    assert only_comment().spam_verdict == "ham"


def test_a_thousand_links_are_held_not_a_server_error(client, post, settings):
    settings.LINERNOTES_COMMENT_MAX_LENGTH = 100_000
    body = " ".join(f"http://site{n}.example/page" for n in range(1000))

    response = send(client, post, form(body=body))

    assert response.status_code == 201
    comment = only_comment()
    assert (comment.status, comment.spam_verdict) == ("pending", "hold")
    assert "1000 links" in comment.spam_reasons


def test_a_thousand_links_past_the_length_limit_are_a_form_error(client, post):
    body = " ".join(f"http://site{n}.example/page" for n in range(1000))

    response = send(client, post, form(body=body))

    assert response.status_code == 400
    assert "at most 10,000 characters" in response.json()["errors"]["body"][0]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "This field is required."),
        ("   \n\t ", "This field is required."),
        ("\u200b\u200c\u200d\ufeff", "Write something first."),
        ("\x00\x01\x02", "This field is required."),
    ],
    ids=["empty", "white space", "zero-width only", "control characters"],
)
def test_an_empty_body_is_a_clear_form_error(client, post, body, message):
    response = send(client, post, form(body=body))

    assert response.status_code == 400
    assert response.json()["errors"]["body"] == [message]
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "Win big at the ca\u200bsi\u200cno tonight",
        "Win big at the \u0441\u0430sino tonight",
        "Win big at the \uff43\uff41\uff53\uff49\uff4e\uff4f tonight",
        "Cheap V\u0399\u0410GR\u0410 here",  # Greek iota, Cyrillic a
        "Order from https://\u0440ills.example/cheap",
    ],
    ids=["zero-width", "cyrillic", "fullwidth", "mixed scripts", "look-alike domain"],
)
def test_blocked_words_in_disguise_are_caught(client, post, body):
    response = send(client, post, form(body=body))

    assert response.status_code == 201
    comment = only_comment()
    assert (comment.status, comment.spam_verdict) == ("pending", "hold")
    assert comment.spam_reasons[0].startswith("blocked ")


def test_a_huge_honeypot_value_is_spam_not_a_form_error(client, post):
    response = send(client, post, form(subject="x\x00" * 50_000))

    assert response.status_code == 201
    assert only_comment().status == "spam"


@pytest.mark.parametrize("shown", ["garbage", "a:b:c", "\x00" * 10, "é" * 5000])
def test_a_malformed_form_token_is_ignored(client, post, shown):
    response = send(client, post, form(shown=shown))

    assert response.status_code == 201
    comment = only_comment()
    assert comment.status == "approved"
    assert not any("form was shown" in r for r in comment.spam_reasons)


@pytest.mark.parametrize(
    "body",
    [
        "http://" * 1400,
        "www." * 2400,
        "https://" + "a" * 9900,
        "a" * 10_000,
        "(" * 5000 + ")" * 5000,
    ],
    ids=["schemes", "www", "one long host", "one long word", "brackets"],
)
def test_pathological_texts_get_a_verdict_in_bounded_time(client, post, body):
    response = send(client, post, form(body=body))

    assert response.status_code == 201
    assert only_comment().spam_verdict in ("ham", "hold")
