"""App server memory with the spam text model loaded (issue 11, item 6).

    .venv/bin/python bench/spam_memory.py [--workers 4] [--comments 40]

A fresh SQLite site in a temporary folder, migrated (which trains and stores the
starting text model) and given the demo content, is served by
``linernotes serve --workers N`` in the README's deployment environment with
the local-memory cache. The PSS of the gunicorn master and all its workers is
summed (``bench/pss.py``'s reading of ``/proc/<pid>/smaps_rollup``) after the
workers have booted, after each has answered a few page views, and again
after guest comments posted through the real form (from addresses of their own,
through ``LINERNOTES_TRUSTED_PROXIES``) have made the workers load the model.
It checks the comments were read by the text model (their stored reasons say
so) and how many workers saw one. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from pss import pss_kib, tree  # noqa: E402

LN = [sys.executable, "-m", "linernotes"]
HOST = "blog.example.org"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(data_dir: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DEBUG"}
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(40),
        LINERNOTES_DATA_DIR=str(data_dir),
        MEDIA_ROOT=str(data_dir / "media"),
        STATIC_ROOT=str(data_dir / "static"),
        ALLOWED_HOSTS=HOST,
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        BEHIND_HTTPS_PROXY="true",
        LINERNOTES_TRUSTED_PROXIES="127.0.0.1",
    )
    return env


def shell(env: dict, code: str) -> str:
    done = subprocess.run(
        [*LN, "shell", "-v", "0", "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def tree_pss(pid: int) -> tuple[float, int]:
    pids = tree(pid)
    total = sum(pss_kib(p) or 0 for p in pids)
    return round(total / 1024, 1), len(pids)


def request(url: str, *, data: bytes | None = None, address: str = "") -> int:
    headers = {
        "Host": HOST,
        "X-Forwarded-Proto": "https",
        "User-Agent": BROWSER,
    }
    if address:
        headers["X-Forwarded-For"] = address
    if data is not None:
        headers |= {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}",
            "Sec-Fetch-Site": "same-origin",
        }

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(
            urllib.request.Request(url, data=data, headers=headers), timeout=30
        ) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--comments", type=int, default=40)
    args = parser.parse_args()
    results: dict = {"workers": args.workers, "load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="spam-memory-") as folder:
        env = site_env(Path(folder))
        subprocess.run([*LN, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run(
            [*LN, "demo"], env=env, cwd=ROOT, check=True, capture_output=True
        )
        subprocess.run(
            [*LN, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
        )
        post = json.loads(
            shell(
                env,
                "import json; from linernotes.posts.models import Post; "
                "p = Post.objects.filter(status='published').order_by('pk').first(); "
                "print(json.dumps([p.pk, p.get_absolute_url()]))",
            )
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [*LN, "serve", "--host", "127.0.0.1", "--port", str(port)]
            + ["--workers", str(args.workers)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(300):
                try:
                    if request(f"{base}/") == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.2)
            time.sleep(2)
            results["booted"] = tree_pss(server.pid)
            for _ in range(8 * args.workers):
                request(f"{base}{post[1]}")
                request(f"{base}/")
            results["after_pages"] = tree_pss(server.pid)
            token = json.loads(
                urllib.request.urlopen(
                    urllib.request.Request(
                        f"{base}/account/me.json?post={post[0]}",
                        headers={"Host": HOST, "X-Forwarded-Proto": "https"},
                    ),
                    timeout=30,
                ).read()
            ).get("comment_form_shown", "")
            time.sleep(3.5)  # a reader takes longer than the timing check's 3 s
            statuses = []
            for n in range(args.comments):
                body = urllib.parse.urlencode(
                    {
                        "name": f"Reader {n}",
                        "email": f"reader{n}@example.org",
                        "url": "",
                        "subject": "",
                        "body": f"Comment {n}: the second side is where it opens up.",
                        "parent": "",
                        "key": f"memory-{n}",
                        "shown": token,
                    }
                ).encode()
                statuses.append(
                    request(
                        f"{base}/comments/post/{post[0]}/",
                        data=body,
                        address=f"198.18.{n}.7",
                    )
                )
            results["comment_statuses"] = {
                str(s): statuses.count(s) for s in sorted(set(statuses))
            }
            time.sleep(1)
            results["after_model"] = tree_pss(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        results["comments_read_by_the_model"] = json.loads(
            shell(
                env,
                "import json; from linernotes.comments.models import Comment; "
                "c = Comment.objects.filter(author_name__startswith='Reader '); "
                "print(json.dumps([c.count(), sum(any('text reads' in r "
                "for r in x.spam_reasons) for x in c), "
                "sorted({x.spam_verdict for x in c})]))",
            )
        )
    results["load_after"] = os.getloadavg()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
