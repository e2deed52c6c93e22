"""`make run`'s script on a fresh data directory, twice: it serves the demo blog,
and a second start reuses the database, the demo content and the secret key."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.test_scale_out import free_port

ROOT = Path(__file__).resolve().parent.parent


def start(data_dir: Path, port: int) -> subprocess.Popen:
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
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def get_home(port: int, server: subprocess.Popen) -> str:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stdout.read()
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/", timeout=3
            ) as response:  # noqa: S310
                return response.read().decode()
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("make run did not serve the blog")


def stop(server: subprocess.Popen) -> str:
    os.killpg(server.pid, signal.SIGTERM)
    output, _ = server.communicate(timeout=30)
    return output


def test_make_run_serves_the_demo_and_reuses_everything_the_second_time(tmp_path):
    port = free_port()
    first = start(tmp_path, port)
    home = get_home(port, first)
    first_output = stop(first)
    key = (tmp_path / "secret_key").read_text()

    second = start(tmp_path, port)
    home_again = get_home(port, second)
    second_output = stop(second)

    assert "Rocky IV: Original Motion Picture Soundtrack (1985)" in home
    assert "Demo content loaded" in first_output
    assert "Generated a secret key" in first_output
    assert "demo content not loaded" in second_output
    assert "Generated a secret key" not in second_output
    assert (tmp_path / "secret_key").read_text() == key
    assert home_again.count("Rocky IV: Original Motion Picture") == home.count(
        "Rocky IV: Original Motion Picture"
    )
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
