"""The README's nginx logs requests without the reader's address.

nginx's default ``combined`` format starts with ``$remote_addr``; the privacy
page promises the blog keeps only a reader's network. The README's block is run
for real (tests.test_nginx_files) in front of `linernotes serve`, a reader
connects from 127.0.0.2, and the access log nginx wrote is read back.
"""

import http.client
import time
from pathlib import Path

import pytest

from tests.test_nginx_files import (
    local_server_block,
    nginx,
    nginx_binary,
    readme_deployment,
)
from tests.test_scale_out import app_server, free_port

pytestmark = pytest.mark.django_db(transaction=True)
READER = "127.0.0.2"


def test_the_readmes_nginx_logs_the_request_but_not_the_address(
    tmp_path, settings, monkeypatch
):
    block, _ = readme_deployment()
    directives = [line for line in block.splitlines() if "#" not in line]
    assert not [line for line in directives if "$remote_addr" in line]
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("MEDIA_ROOT", str(media))
    port = free_port()
    nginx_binary()
    with app_server(tmp_path, "app") as app:
        server_block = local_server_block(block, port=port, app=app, media=media)
        with nginx(tmp_path, server_block):
            reader = http.client.HTTPConnection(
                "127.0.0.1", port, timeout=20, source_address=(READER, 0)
            )
            reader.request(
                "GET", "/robots.txt?from=reader", headers={"User-Agent": "LogProbe/1"}
            )
            assert reader.getresponse().status == 200
            reader.close()
            time.sleep(0.3)
    logged = (media.parent / "linernotes.access.log").read_text().splitlines()

    assert len(logged) == 1, logged
    assert '"GET /robots.txt?from=reader HTTP/1.1" 200 ' in logged[0]
    assert "LogProbe/1" in logged[0]
    assert READER not in logged[0]
    assert "127.0.0" not in logged[0]
