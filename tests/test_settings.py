"""Settings come from the environment, with safe production defaults, and the
``linernotes`` command tells an operator what is wrong in one line.

Each operator-facing behaviour runs the installed ``linernotes`` script in a
subprocess, from a fresh working directory, with none of the test run's
variables: what an operator's shell would do.
"""

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINERNOTES = Path(sys.executable).with_name("linernotes")
KEY = "k" * 50


def run_linernotes(
    *args: str, cwd: Path = ROOT, **env: str
) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECRET_", "LINERNOTES_", "EMAIL_"))
        and k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}
    }
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [str(LINERNOTES), *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_without_a_secret_key_stops_with_one_line(tmp_path):
    """Before: a 58-line traceback ending in ImproperlyConfigured."""
    result = run_linernotes("check", LINERNOTES_DATA_DIR=str(tmp_path))

    assert result.returncode == 1
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_secret_key_file_in_the_data_directory_is_used(tmp_path):
    (tmp_path / "secret_key").write_text(KEY)

    result = run_linernotes("check", LINERNOTES_DATA_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("asking", [[], ["--help"], ["-h"], ["help"]])
def test_help_lists_the_blogs_commands_first_without_a_key_or_side_effects(
    tmp_path, asking
):
    """Before: Django's 25 core commands only (the settings could not load),
    or, with a key, 45 commands with ours among them."""
    result = run_linernotes(*asking, cwd=tmp_path)

    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert out.index("Liner Notes' commands:") < out.index("migrate")
    for ours in ("serve", "worker", "demo", "housekeeping", "release-from-musicbrainz"):
        assert f"\n  {ours} " in out
    assert "startproject" not in out
    assert "makemessages" not in out
    assert "linernotes help --all" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert list(tmp_path.iterdir()) == []


def test_a_settings_option_still_chooses_the_settings(tmp_path):
    """The development settings need no key: read before the settings load,
    ``--settings`` must still be honoured."""
    result = run_linernotes(
        "check", "--settings=linernotes.settings.dev", LINERNOTES_DATA_DIR=str(tmp_path)
    )

    assert result.returncode == 0, result.stderr


def test_help_on_one_command_works_without_a_key(tmp_path):
    result = run_linernotes("serve", "--help", LINERNOTES_DATA_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr
    assert "--workers" in result.stdout


def test_every_command_is_still_listed_on_request(tmp_path):
    (tmp_path / "secret_key").write_text(KEY)

    result = run_linernotes("help", "--all", LINERNOTES_DATA_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr
    assert "startproject" in result.stdout
    assert "release_from_musicbrainz" in result.stdout


def test_the_site_url_warning_comes_from_the_worker_not_every_command(tmp_path):
    """Before: W001 was printed by migrate, createsuperuser and every other
    command, even where the address does not matter."""
    env = {"LINERNOTES_DATA_DIR": str(tmp_path), "SECRET_KEY": KEY}

    migrated = run_linernotes("migrate", "-v0", **env)
    worker = run_linernotes("worker", "--batch", "--no-periodic", **env)
    deploy = run_linernotes("check", "--deploy", "--tag", "linernotes", **env)
    worker_with_url = run_linernotes(
        "worker", "--batch", LINERNOTES_SITE_URL="https://blog.example", **env
    )

    assert migrated.returncode == 0, migrated.stderr
    assert "W001" not in migrated.stderr + migrated.stdout
    assert "linernotes.W001" in worker.stderr
    assert "linernotes.W001" in deploy.stderr
    assert "W001" not in worker_with_url.stderr


def test_the_data_folder_is_var_in_the_working_directory(tmp_path):
    """Before: <package>/../var, which after pip install is in site-packages."""
    result = run_linernotes(
        "shell",
        "-v0",
        "-c",
        "from django.conf import settings; print(settings.DATA_DIR)",
        cwd=tmp_path,
        SECRET_KEY=KEY,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path.resolve() / "var")


@pytest.mark.parametrize(
    "inside",
    [
        Path(sysconfig.get_paths()["purelib"]) / "var",
        ROOT / "linernotes" / "var",
        Path(sys.prefix) / "var",
    ],
    ids=["site-packages", "package", "virtualenv"],
)
def test_production_refuses_data_inside_the_installation(inside):
    result = run_linernotes("check", LINERNOTES_DATA_DIR=str(inside), SECRET_KEY=KEY)

    assert result.returncode == 1
    assert "inside the installation" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not inside.exists()


def test_started_from_site_packages_without_a_data_folder_it_refuses():
    site_packages = Path(sysconfig.get_paths()["purelib"])

    result = run_linernotes("migrate", cwd=site_packages, SECRET_KEY=KEY)

    assert result.returncode == 1
    assert "inside the installation" in result.stderr
    assert not (site_packages / "var").exists()


def test_console_mail_is_readable_from_the_real_command(tmp_path):
    """Before: the body was quoted-printable, the link folded and its ``=``
    written ``=3D``, so it could not be copied."""
    link = "https://blog.example/accounts/confirm-email/" + "MTI:1vQ=x7e" * 8 + "/"
    send = (
        "from django.core.mail import send_mail; "
        f"send_mail('Confirm', 'Zoë, confirm:\\n{link}', None, ['z@example.net'])"
    )

    result = run_linernotes(
        "shell", "-c", send, LINERNOTES_DATA_DIR=str(tmp_path), SECRET_KEY=KEY
    )

    assert result.returncode == 0, result.stderr
    assert f"\n{link}\n" in result.stdout
    assert "Zoë, confirm:" in result.stdout


@pytest.mark.django_db
def test_the_content_security_policy_allows_no_inline_script(client):
    policy = client.get("/robots.txt")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy
