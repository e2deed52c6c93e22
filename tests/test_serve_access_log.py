"""`linernotes serve`'s access log keeps no reader's address.

The privacy page says the address is shortened before anything stores it;
gunicorn's default access log opened every line with the full address. Here
the real command runs, a reader connects from 127.0.0.2, and the log it writes
is read back: the request is there, the address (in any form) is not.
"""

import http.client
import os
import subprocess
import sys
import tempfile
import time

import pytest

from tests.test_scale_out import ROOT, database_url, free_port, wait_until_up

pytestmark = pytest.mark.django_db(transaction=True)
READER = "127.0.0.2"


def test_the_access_log_has_the_request_but_not_the_address(tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "access-log-test-key-" + "x" * 40,
        "LINERNOTES_DATA_DIR": str(tmp_path / "app"),
        "STATIC_ROOT": str(tmp_path / "app" / "static"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "",
    }
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(  # noqa: S603 - our own command
            [sys.executable, "-m", "linernotes", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.PIPE,
        )
        try:
            wait_until_up(port, server)
            reader = http.client.HTTPConnection(
                "127.0.0.1", port, timeout=10, source_address=(READER, 0)
            )
            reader.request(
                "GET", "/robots.txt?from=reader", headers={"User-Agent": "LogProbe/1"}
            )
            assert reader.getresponse().status == 200
            reader.close()
            time.sleep(0.5)  # gunicorn writes the line after the response
        finally:
            server.terminate()
            server.wait(timeout=20)
        log.seek(0)
        lines = log.read().decode().splitlines()

    request = [line for line in lines if "/robots.txt?from=reader" in line]
    assert len(request) == 1, lines
    assert '" 200 ' in request[0]
    assert "LogProbe/1" in request[0]
    assert READER not in request[0]
    assert "127.0.0" not in request[0]  # not even shortened: gunicorn cannot
