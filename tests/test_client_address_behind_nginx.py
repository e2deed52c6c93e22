"""The reader's address through the README's own nginx and `linernotes serve`
(decision 0037): with the README's LINERNOTES_TRUSTED_PROXIES, a comment sent
through nginx is kept under the reader's address, not nginx's and not the one a
client wrote in X-Forwarded-For; sent straight to gunicorn, a forged header is
ignored. The reader connects from 127.0.0.2, nginx from 127.0.0.1: both on
loopback, told apart by the comment's keyed hash (one /24 holds both)."""

import http.client
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse

from linernotes.comments.models import Comment
from linernotes.core import ratelimit
from tests.test_nginx_files import local_server_block, nginx, readme_deployment
from tests.test_scale_out import ROOT, app_server, free_port

pytestmark = pytest.mark.django_db(transaction=True)
APP_SECRET = "scale-out-test-key-" + "x" * 40  # tests.test_scale_out.app_server's
READER = "127.0.0.2"
FORGED = "192.0.2.1"


def readme_trusted_proxies() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Deploying with PostgreSQL, gunicorn and nginx", 1)[1]
    return re.search(r"LINERNOTES_TRUSTED_PROXIES=(\S+)", section)[1]


def send_comment(base: str, post, body: str) -> int:
    """POST the comment form from the reader's address, with a forged
    X-Forwarded-For naming someone else."""
    url = urlsplit(base)
    connection = http.client.HTTPConnection(
        url.hostname, url.port, timeout=20, source_address=(READER, 0)
    )
    form = {"name": "Rae", "email": "rae@example.org", "url": "", "body": body}
    connection.request(
        "POST",
        reverse("comments:post", args=[post.pk]),
        body=urlencode({**form, "parent": "", "key": ""}),
        headers={
            "Host": "127.0.0.1",
            "Content-Type": "application/x-www-form-urlencoded",
            "Sec-Fetch-Site": "same-origin",
            "User-Agent": "Mozilla/5.0",
            "X-Forwarded-For": FORGED,
        },
    )
    return connection.getresponse().status


def test_the_readers_address_comes_through_nginx_and_a_forged_one_never_does(
    tmp_path, settings, monkeypatch, make_post
):
    block, _ = readme_deployment()
    monkeypatch.setenv("LINERNOTES_TRUSTED_PROXIES", readme_trusted_proxies())
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    post = make_post(days_ago=1)
    port = free_port()

    with app_server(tmp_path, "app") as app:
        server_block = local_server_block(block, port=port, app=app, media=media)
        with nginx(tmp_path, server_block):
            through_nginx = send_comment(f"http://127.0.0.1:{port}", post, "Proxied.")
        direct = send_comment(app, post, "Straight to gunicorn.")

    settings.SECRET_KEY = APP_SECRET
    reader = ratelimit.keyed_address(READER, "comment-repeat")
    stored = {c.body: (c.ip_address, c.ip_hash) for c in Comment.objects.all()}
    assert (through_nginx, direct) == (302, 302)
    assert stored == {
        "Proxied.": ("127.0.0.0", reader),
        "Straight to gunicorn.": ("127.0.0.0", reader),
    }
