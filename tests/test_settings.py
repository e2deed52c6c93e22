"""Settings come from the environment, with safe production defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_linernotes(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_"))
    }
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "linernotes", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_without_a_secret_key_stops_with_a_clear_message(tmp_path):
    result = run_linernotes("check", LINERNOTES_DATA_DIR=str(tmp_path), DEBUG="")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_secret_key_file_in_the_data_directory_is_used(tmp_path):
    (tmp_path / "secret_key").write_text("k" * 50)

    result = run_linernotes("check", LINERNOTES_DATA_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_the_content_security_policy_allows_no_inline_script(client):
    policy = client.get("/robots.txt")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy
