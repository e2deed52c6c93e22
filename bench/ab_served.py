"""Processor time per request of served versions of the blog, side by side.

    .venv/bin/python bench/ab_served.py --page post [--requests 60] [--rounds 8] \
        [--workers 1] [--env NAME=VALUE ...] REVISION=DATA_DIR [REVISION=DATA_DIR ...]

Each REVISION (``worktree`` or anything ``git archive`` takes) is exported to a
temporary directory and served by ``linernotes serve`` over DATA_DIR, a data
directory that ``bench/fill.py --urls DATA_DIR/urls.json`` (and
``fill_conversation.py``) filled with that revision's schema. All servers run at
once; each round sends ``--requests`` sequential GETs of the page to each in turn
and reads the user + system time of its master and workers from /proc. The
median of the rounds is printed with the PSS at the end.

Why not wrk: on a machine other work is loading, requests per second and
latency measure the neighbours as much as the code; processor time per request,
taken in the same minute and alternated, compares two versions of the code (it
still rises a little under load, for both alike). Caching is off
(``LINERNOTES_PAGE_CACHE_SECONDS=0``) unless ``--env`` says otherwise; add
``--env REDIS_URL=redis://...`` to measure with Redis as the README deploys.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pss import cpu_ticks, pss_kib, tree  # noqa: E402
from spam_memory import HOST, free_port, site_env  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)
TICK = os.sysconf("SC_CLK_TCK")


def export(revision: str, into: Path) -> Path:
    if revision == "worktree":
        return ROOT
    target = into / revision.replace("/", "_")
    target.mkdir()
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def get(port: int, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(
        "GET",
        path,
        headers={"Host": HOST, "X-Forwarded-Proto": "https", "User-Agent": BROWSER},
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def serve(source: Path, data: Path, workers: int, extra: dict, log) -> tuple:
    env = site_env(data)
    env.update(
        SECRET_KEY="ab-served-" + "x" * 50,  # the same in every run and version
        STATIC_ROOT=str(data / "static-ab"),
        LINERNOTES_PAGE_CACHE_SECONDS="0",
        CACHE_KEY_PREFIX=f"ab-{os.getpid()}-{source.name}",
        PYTHONPATH=str(source),
        **extra,
    )
    port = free_port()
    command = [str(ROOT / ".venv/bin/linernotes"), "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(  # noqa: S603 - our own command
        command,
        cwd=source,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if get(port, "/robots.txt") == 200:
                return server, port
        except OSError:
            time.sleep(0.5)
        if server.poll() is not None:
            break
    server.kill()
    tail = Path(log.name).read_text()[-2000:]
    raise SystemExit(f"{source}: the server did not start:\n{tail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("versions", nargs="+", metavar="REVISION=DATA_DIR")
    parser.add_argument("--page", default="post", help="a key of urls.json")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    extra = dict(item.split("=", 1) for item in args.env)
    with tempfile.TemporaryDirectory(prefix="ab-served-") as tmp:
        servers = {}
        try:
            for spec in args.versions:
                revision, data = spec.split("=", 1)
                data_dir = Path(data)
                path = json.loads((data_dir / "urls.json").read_text())[args.page]
                source = export(revision, Path(tmp))
                log = (Path(tmp) / f"{source.name}.log").open("w")
                server, port = serve(source, data_dir, args.workers, extra, log)
                servers[revision] = (server, port, path)
                for _ in range(3 * args.workers):  # warm every worker
                    status = get(port, path)
                print(f"{revision}: {path} answers {status}", flush=True)
            taken = {revision: [] for revision in servers}
            for _ in range(args.rounds):
                for revision, (server, port, path) in servers.items():
                    before = sum(cpu_ticks(pid) for pid in tree(server.pid))
                    for _ in range(args.requests):
                        get(port, path)
                    after = sum(cpu_ticks(pid) for pid in tree(server.pid))
                    taken[revision].append((after - before) / TICK / args.requests)
            for revision, (server, _, _) in servers.items():
                ms = [1000 * seconds for seconds in taken[revision]]
                pss = sum(pss_kib(pid) or 0 for pid in tree(server.pid)) / 1024
                print(
                    f"{revision}: {statistics.median(ms):.2f} ms of CPU a request "
                    f"(median of {args.rounds} rounds; min {min(ms):.2f}, "
                    f"max {max(ms):.2f}), PSS {pss:.0f} MB",
                    flush=True,
                )
        finally:
            for server, _, _ in servers.values():
                server.terminate()
                server.wait(60)


if __name__ == "__main__":
    main()
