#!/usr/bin/env python3
"""Lighthouse scores of the reader pages, as the README's deployment serves them.

Loads the demo blog into a fresh SQLite data folder, serves it with
``linernotes serve`` (gunicorn, WhiteNoise, DEBUG off), and runs Lighthouse
12.2.3 (``bench/lighthouse/``, from the npm registry; newer versions need a newer
Node) with its default mobile configuration and simulated throttling against
Debian's Chromium, three times per page. The median of each category goes to
``bench/lighthouse.md``, which ``bench/report.py`` appends to ``bench/README.md``.

    bench/lighthouse.py [--runs 3] [--port 8791] [--keep] [--source DIR]

``--source DIR`` measures another version: ``git archive REV | tar -x -C DIR``
and the script puts DIR first on PYTHONPATH (the "before" figures were taken so).

The pages: the front page, a post with comments and an embed (the demo's Rocky IV
review: 18 comments, a YouTube placeholder), a series and an artist. Targets
(issue 14): performance ≥ 95, accessibility 100, best practices ≥ 95, SEO ≥ 95.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIGHTHOUSE = HERE / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
PAGES = {
    "home": "/",
    "post with comments and embeds": "/2026/12/rocky-iv-soundtrack-1985/",
    "series": "/series/great-soundtracks-of-1985/",
    "artist": "/music/artists/survivor/",
}
CHROME_FLAGS = " ".join(
    [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
)


def lighthouse_command(url: str, output: Path) -> list[str]:
    return [
        str(LIGHTHOUSE),
        url,
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={output}",
        "--quiet",
    ]


def install_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund"],
        cwd=HERE / "lighthouse",
        check=True,
    )


def serve(data_dir: Path, port: int, source: Path | None) -> subprocess.Popen:
    env = {
        **os.environ,
        **({"PYTHONPATH": str(source)} if source else {}),
        "LINERNOTES_DATA_DIR": str(data_dir),
        "SECRET_KEY": "lighthouse-bench-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(data_dir / "static"),
        "LINERNOTES_SITE_URL": f"http://127.0.0.1:{port}",
    }
    for name in ("DEBUG", "DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    command = ROOT / ".venv" / "bin" / "linernotes"
    # Run from the data folder: gunicorn puts its working directory first on
    # sys.path, which from the work tree would shadow ``--source``.
    quiet = {"env": env, "check": True, "stdout": subprocess.DEVNULL, "cwd": data_dir}
    subprocess.run([command, "migrate", "-v0"], **quiet)
    subprocess.run([command, "demo", "--if-empty"], **quiet)
    server = subprocess.Popen(
        [
            command,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        env=env,
        cwd=data_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(360):  # collectstatic first; slow on a busy machine
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except urllib.error.HTTPError as error:
            server.terminate()
            sys.exit(f"the blog answered {error.code}")
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit("the blog did not start")


def measure(
    base: str, runs: int, out: Path, only: str = ""
) -> dict[str, dict[str, list[int]]]:
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    scores: dict[str, dict[str, list[int]]] = {}
    for name, path in PAGES.items():
        if only and not name.startswith(only):
            continue
        scores[name] = {category: [] for category in CATEGORIES}
        for run in range(runs):
            report = out / f"{name.split()[0]}-{run + 1}.json"
            for _attempt in range(3):  # a busy machine sometimes loses the trace
                done = subprocess.run(lighthouse_command(base + path, report), env=env)
                if done.returncode == 0:
                    break
            else:
                sys.exit(f"Lighthouse failed three times on {path}")
            result = json.loads(report.read_text())
            for category in CATEGORIES:
                score = result["categories"][category]["score"]
                scores[name][category].append(round(score * 100))
            print(
                name, run + 1, {c: scores[name][c][-1] for c in CATEGORIES}, flush=True
            )
    return scores


def write_report(scores: dict, runs: int, target: Path, load: float) -> str:
    names = {"best-practices": "Best practices", "seo": "SEO"}
    header = [names.get(c, c.capitalize()) for c in CATEGORIES]
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%dT%H:%MZ} by "
        f"`bench/lighthouse.py --runs {runs}`:",
        "Lighthouse 12.2.3, mobile configuration (simulated throttling), Debian's",
        "Chromium, against the demo blog served by `linernotes serve` with DEBUG off.",
        f"Median of {runs} runs per page (each run's scores in brackets); targets:",
        "performance ≥ 95, accessibility 100, best practices ≥ 95, SEO ≥ 95.",
        f"The machine's 1-minute load average at the end was {load:.1f}: Lighthouse",
        "scales the main thread's observed work by four, so a busy machine lowers",
        "the performance score (total blocking time) more than the page does.",
        "",
        "| page | " + " | ".join(header) + " |",
        "|---|" + "---|" * len(CATEGORIES),
    ]
    for name, by_category in scores.items():
        cells = []
        for category in CATEGORIES:
            values = by_category[category]
            median = int(statistics.median(values))
            mark = "" if median >= TARGETS[category] else " ✗"
            cells.append(f"{median}{mark} ({', '.join(map(str, values))})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "One run's command (the script adds the URL and an output path):",
        "",
        "```sh",
        "CHROME_PATH=/usr/bin/chromium \\",
        "  bench/lighthouse/node_modules/.bin/lighthouse URL \\",
        f'  --chrome-flags="{CHROME_FLAGS}" \\',
        f"  --only-categories={','.join(CATEGORIES)} --output=json --output-path=FILE",
        "```",
    ]
    text = "\n".join(lines) + "\n"
    target.write_text(text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--keep", action="store_true", help="keep the JSON reports")
    parser.add_argument("--only", default="", help="only pages whose name starts so")
    parser.add_argument("--write", type=Path, default=HERE / "lighthouse.md")
    parser.add_argument(
        "--source", type=Path, help="measure the package in this folder (git archive)"
    )
    args = parser.parse_args()
    install_lighthouse()
    work = Path(tempfile.mkdtemp(prefix="linernotes-lighthouse-"))
    (work / "data").mkdir()
    server = serve(work / "data", args.port, args.source)
    try:
        scores = measure(f"http://127.0.0.1:{args.port}", args.runs, work, args.only)
    finally:
        server.terminate()
        server.wait()
    print(write_report(scores, args.runs, args.write, os.getloadavg()[0]))
    if args.keep:
        print(f"reports kept in {work}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
