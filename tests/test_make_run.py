"""`make run`'s script on a fresh data directory, twice: it serves the demo blog
with the worker beside it (a subscription's confirmation mail gets printed,
readable, and its link copied from the terminal confirms), and a second start
reuses the database, the demo content and the secret key."""

import os
import re
import signal
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.test_scale_out import free_port

ROOT = Path(__file__).resolve().parent.parent


def start(data_dir: Path, port: int, log: Path) -> subprocess.Popen:
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "SECRET_"))
        },
        "LINERNOTES_DATA_DIR": str(data_dir),
        "STATIC_ROOT": str(data_dir / "static"),
        "PORT": str(port),
        "DATABASE_URL": "",
        "REDIS_URL": "",
    }
    return subprocess.Popen(  # noqa: S603 - our own script
        [str(ROOT / "scripts" / "run.sh")],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def get_home(port: int, server: subprocess.Popen) -> str:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, "make run stopped"
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/", timeout=3
            ) as response:  # noqa: S310
                return response.read().decode()
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("make run did not serve the blog")


def subscribe(port: int, email: str) -> int:
    """The follow-by-email form, posted as the blog's own page would post it."""
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"http://127.0.0.1:{port}/subscribe/",
        data=urllib.parse.urlencode({"email": email, "kind": "posts"}).encode(),
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status


def confirm_from_terminal(log: Path, port: int) -> str:
    """Copy the confirmation link from the printed mail and press its button.

    Printed quoted-printable, as Django's console backend did, the link was
    folded with ``=`` and carried ``=3D``: copied, it answered 400."""
    link = re.search(
        rf"http://127\.0\.0\.1:{port}/subscribe/confirm/\S+/", log.read_text()
    )
    assert link, "no confirmation link in the printed mail"
    request = urllib.request.Request(link[0], data=b"", method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read().decode()


def wait_for(log: Path, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace"):
            return True
        time.sleep(0.5)
    return False


def stop(server: subprocess.Popen, log: Path) -> str:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)
    return log.read_text(errors="replace")


def test_make_run_serves_the_demo_and_reuses_everything_the_second_time(tmp_path):
    port = free_port()
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = start(tmp_path, port, first_log)
    home = get_home(port, first)
    subscribed = subscribe(port, "reader@example.org")
    mailed = wait_for(first_log, "Subject: Confirm your subscription")
    confirmed = confirm_from_terminal(first_log, port)
    first_output = stop(first, first_log)
    key = (tmp_path / "secret_key").read_text()

    second = start(tmp_path, port, second_log)
    home_again = get_home(port, second)
    second_output = stop(second, second_log)

    assert "Rocky IV: Original Motion Picture Soundtrack (1985)" in home
    assert subscribed == 200
    assert mailed, "the worker beside the server sent no mail"
    assert "Subscribed: you will get mail for" in confirmed
    assert "=3D" not in first_output
    assert "W001" not in first_output
    assert "Demo content loaded" in first_output
    assert "Generated a secret key" in first_output
    assert "demo content not loaded" in second_output
    assert "Generated a secret key" not in second_output
    assert (tmp_path / "secret_key").read_text() == key
    assert home_again.count("Rocky IV: Original Motion Picture") == home.count(
        "Rocky IV: Original Motion Picture"
    )
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
