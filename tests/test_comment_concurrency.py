"""Many readers comment at once, through real HTTP, on SQLite and PostgreSQL.

pytest-django's live server answers each request on its own thread with its own
database connection, so these requests really race: on SQLite they queue for the
write lock, on PostgreSQL they contend for the post's row.
"""

import http.client
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest

from linernotes.comments.models import Comment
from linernotes.core.models import SiteSettings

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 8
PER_THREAD = 25


@pytest.fixture
def open_blog(settings):
    settings.LINERNOTES_COMMENT_RATE = "100000/m"  # one address sends them all
    site = SiteSettings.load()
    site.comment_moderation = SiteSettings.Moderation.HOLD_NONE
    site.save()


def send(base: str, post_pk: int, **fields) -> tuple[int, str]:
    """POST the comment form once, as a browser on this site would; no redirects."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    data = {"name": "Rae", "email": "rae@example.org", "body": "Hi.", **fields}
    try:
        connection.request(
            "POST",
            f"/comments/post/{post_pk}/",
            body=urlencode(data),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Sec-Fetch-Site": "same-origin",
                "User-Agent": "Mozilla/5.0 (concurrency test)",
            },
        )
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


def test_every_acknowledged_comment_is_stored_once(
    live_server, make_post, make_comment, open_blog
):
    post = make_post()
    parent = make_comment(post=post, body="Start here.")

    def one_reader(reader: int) -> list[tuple[str, int, str]]:
        sent = []
        for n in range(PER_THREAD):
            body = f"Reader {reader}, comment {n}."
            reply_to = str(parent.pk) if n % 2 else ""
            status, text = send(live_server.url, post.pk, body=body, parent=reply_to)
            sent.append((body, status, text))
        return sent

    with ThreadPoolExecutor(THREADS) as pool:
        results = [row for rows in pool.map(one_reader, range(THREADS)) for row in rows]

    acknowledged = [body for body, status, _ in results if status == 302]
    assert [status for _, status, _ in results if status >= 500] == []
    assert not any("database is locked" in text for _, _, text in results)
    assert len(acknowledged) == THREADS * PER_THREAD
    stored = list(Comment.objects.filter(post=post).values_list("body", flat=True))
    assert sorted(stored) == sorted([*acknowledged, "Start here."])
    post.refresh_from_db()
    assert post.comment_count == Comment.objects.approved().filter(post=post).count()
    assert not Comment.objects.filter(thread_path="").exists()


@pytest.mark.parametrize(
    "key",
    ["click-123", ""],
    ids=["with the script's key", "without a key (no JavaScript)"],
)
def test_one_submission_fired_from_many_threads_at_once_is_stored_once(
    live_server, make_post, open_blog, key
):
    post = make_post()

    def same_click(_: int) -> int:
        return send(live_server.url, post.pk, body="Only once.", key=key)[0]

    with ThreadPoolExecutor(THREADS) as pool:
        statuses = list(pool.map(same_click, range(THREADS * 2)))

    assert statuses == [302] * (THREADS * 2)
    assert Comment.objects.filter(body="Only once.").count() == 1
    post.refresh_from_db()
    assert post.comment_count == 1
