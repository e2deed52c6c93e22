"""The README's nginx configuration, run for real in front of `linernotes serve`.

The server block is cut out of README.md and the X-Accel prefix read from its
environment lines, so the documented set-up is the tested one: change one
without the other and this fails. Debian's nginx is installed by
scripts/test.sh; without it the test is skipped (and fails under CI=true).

Seen failing with the README's old ``location /media/ { alias …; }`` put back:
nginx then hands out every file under /media/ itself, a draft's cover included.
"""

import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.storage import default_storage

from linernotes.posts.models import Post
from tests.test_scale_out import ROOT, app_server, free_port

pytestmark = pytest.mark.django_db(transaction=True)
DATA = b"0123456789abcdef" * 4096  # 64 KiB: more than one chunk anywhere


def nginx_binary() -> str:
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if binary is None:
        message = "nginx is not installed (apt-get install nginx-light; make test does)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return binary


def readme_deployment() -> tuple[str, str]:
    """The README's nginx server block and its LINERNOTES_X_ACCEL_REDIRECT value."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Deploying with PostgreSQL, gunicorn and nginx", 1)[1]
    section = section.split("\n## ", 1)[0]
    block = re.search(r"```nginx\n(.*?)```", section, re.DOTALL)[1]
    prefix = re.search(r"LINERNOTES_X_ACCEL_REDIRECT=(\S+)", section)[1]
    return block, prefix


def local_server_block(block: str, *, port: int, app: str, media: Path) -> str:
    """The README's block listening on loopback, pointing at the test's app
    server and media folder; each replaced value must be there to replace."""
    replacements = [
        (r"listen [^;]*;", f"listen 127.0.0.1:{port};"),
        (r"http://127\.0\.0\.1:8000", app),
        (r"/srv/linernotes/media/", f"{media}/"),
        (r"/var/log/nginx/", f"{media.parent}/"),  # the test's own folder
    ]
    for pattern, value in replacements:
        block, found = re.subn(pattern, value, block)
        assert found, f"README's nginx block no longer has {pattern!r}"
    return block


@contextmanager
def nginx(tmp_path: Path, server_block: str):
    """nginx in the foreground, its temp files and logs under ``tmp_path``."""
    home = tmp_path / "nginx"
    home.mkdir()
    temp_paths = "\n".join(
        f"    {kind}_temp_path {home / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, workers would drop to "nobody", who cannot read pytest's tmp_path.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (home / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {home / 'nginx.pid'};\n"
        f"error_log {home / 'error.log'};\nevents {{ worker_connections 64; }}\n"
        f"http {{\n    access_log off;\n{temp_paths}\n{server_block}\n}}\n"
    )
    binary = nginx_binary()
    conf = ["-p", str(home), "-e", str(home / "error.log"), "-c", "nginx.conf"]
    subprocess.run([binary, *conf, "-t", "-q"], check=True)  # noqa: S603
    server = subprocess.Popen(  # noqa: S603 - our own test server
        [binary, *conf, "-g", "daemon off;"], stderr=subprocess.PIPE
    )
    try:
        time.sleep(0.3)
        if server.poll() is not None:
            raise RuntimeError(server.stderr.read().decode())
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    headers.setdefault("User-Agent", "Mozilla/5.0")  # a reader: downloads count
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def through_nginx(tmp_path, settings, monkeypatch):
    """The blog served by `linernotes serve` behind the README's nginx; yields
    its address. The app server shares the test database and media folder."""
    block, prefix = readme_deployment()
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("MEDIA_ROOT", str(media))
    monkeypatch.setenv("LINERNOTES_X_ACCEL_REDIRECT", prefix)
    port = free_port()
    nginx_binary()
    with app_server(tmp_path, "app") as app:
        server_block = local_server_block(block, port=port, app=app, media=media)
        with nginx(tmp_path, server_block):
            yield f"http://127.0.0.1:{port}"


def test_files_through_the_readmes_nginx(
    through_nginx, make_post, make_attachment, make_image_file
):
    public = make_attachment(
        post=make_post(days_ago=1), name="ágætis byrjun.mp3", data=DATA
    )
    draft = make_post(status=Post.Status.DRAFT, cover=make_image_file(width=600))
    hidden = make_attachment(post=draft, name="draft.txt", data=DATA)
    covered = make_post(days_ago=1, cover=make_image_file(name="sleeve.png"))

    whole = fetch(through_nginx + public.get_absolute_url())
    part = fetch(through_nginx + public.get_absolute_url(), Range="bytes=100-199")
    past_end = fetch(through_nginx + public.get_absolute_url(), Range="bytes=99999-")
    cover = fetch(through_nginx + covered.cover.url)
    refused = [
        fetch(through_nginx + url)[0]
        for url in [
            hidden.get_absolute_url(),
            hidden.file.url,
            draft.cover.url,
            f"/_protected/{draft.cover.name}",
            f"/_protected/{quote(public.file.name)}",
        ]
    ]

    assert (whole[0], whole[2]) == (200, DATA)
    assert whole[1]["Content-Type"] == "audio/mpeg"
    assert whole[1]["Content-Disposition"].startswith("attachment")
    assert "X-Accel-Redirect" not in whole[1]
    assert (part[0], part[2]) == (206, DATA[100:200])
    assert part[1]["Content-Range"] == f"bytes 100-199/{len(DATA)}"
    assert past_end[0] == 416
    assert cover[0] == 200
    assert cover[2] == default_storage.open(covered.cover.name).read()
    assert cover[1]["Cache-Control"] == "public, max-age=86400"
    assert refused == [404] * 5
    public.refresh_from_db()
    assert public.download_count == 1  # the whole file; the range is the same one
