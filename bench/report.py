"""Turn one bench/run.sh run (bench/results/) into tables, and write bench/README.md.

    python bench/report.py [bench/results]                   # print the README
    python bench/report.py bench/results --write bench/README.md

Reads wrk's output (requests/s, the latency distribution, errors), the PSS and
CPU samples of each server (bench/pss.py), the CPU wrk used, the fill summaries,
the saved-page checks and ceiling.sh's JSON lines. bench/analysis.md, when
present, is copied into the README under "What limits it": it is written by hand
after looking at a run.
"""

import argparse
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = ["home", "post", "post-1000", "tag", "search", "comment"]
MODES = {"cached": "normal caching", "nocache": "caching off"}
MB = 1_000_000
HZ = os.sysconf("SC_CLK_TCK")
BARE, NGINX = "bare-django-gunicorn", "static-nginx"

HOW = """\
# Benchmark

Liner Notes served as the README's *Deploying* section says, loaded with wrk, on
SQLite and on PostgreSQL. `bench/report.py` writes this file from the last run's
raw output in `bench/results/` (ignored by git); only *What limits it* comes from
`bench/analysis.md`, written by hand after a run.

## Running it

```sh
bench/run.sh     # ≈ 11 minutes on 2 cores; needs .venv (make run), PostgreSQL on
                 # 127.0.0.1:5432 as postgres and Redis on 127.0.0.1:6379
BENCH_SOURCE=HEAD bench/run.sh   # measure a commit, not the work tree
bench/report.py  # rewrite this file from bench/results/ (run.sh does it at the end)
```

`BENCH_DATABASES`, `BENCH_DURATION`, `BENCH_POSTS`, `BENCH_WORKERS` and the other
variables at the top of `run.sh` shorten or change a run. `BENCH_SOURCE=<revision>`
exports that commit to a temporary directory and puts it first on `PYTHONPATH`, so
a run measures one fixed version while the work tree changes. It installs wrk from
Debian's packages if missing, then for each database:

1. migrates an empty database: SQLite in a temporary data directory, PostgreSQL
   as `linernotes_bench`, created and dropped by the script;
2. fills it with `bench/fill.py`: 10,000 published posts (and 3 scheduled, 50
   drafts) by 4 writers, 70% of them in 200 series, each with 2–5 of 300 tags
   spread Zipf-like and ~330 words of Markdown (paragraphs, a heading, a track
   list, a bullet list, sometimes a quote and a link). Writers, series, tags,
   categories and pages go through the services; posts are bulk-created with the
   `body_html`, `body_text` (and `summary_text`) that `save_post` stores, so the
   search index fills itself (FTS5 triggers; PostgreSQL's GIN expression index),
   then `services.refresh_counts()` where it exists recounts the sidebar. Seeded;
3. serves it with `linernotes serve --host 127.0.0.1 --workers 4` (gunicorn sync
   workers and WhiteNoise; two workers per core as the README advises) in the
   README's deployment environment: `DEBUG` unset, `SECRET_KEY`,
   `ALLOWED_HOSTS=blog.example.org`, `CSRF_TRUSTED_ORIGINS`,
   `BEHIND_HTTPS_PROXY=true`, `MEDIA_ROOT`, `STATIC_ROOT`, `REDIS_URL` (Redis as
   the cache) and, for PostgreSQL, `DATABASE_URL`. The access log goes to stdout,
   as `linernotes serve` sets it, and from there to a file;
4. runs wrk (`--latency --timeout 10s`, with the `Host` and `X-Forwarded-Proto`
   headers the README's nginx sends) for 10 s at 32 connections (`-t2`) and at 1
   (`-t1`), after a 2 s warm-up, against the home page, a post page (a post from
   the middle of the archive, in a series, with tags), the busiest tag's page and
   a search for a genre; first with normal caching, then with caching off. After
   each run it waits for the server to work off the requests wrk left queued
   (sync workers answer them all), so one run's backlog never spills into the
   next;
5. samples the PSS of the gunicorn master and all its workers every 0.2 s, with
   the CPU they and the whole machine used (`bench/pss.py`).

Between SQLite's runs and PostgreSQL's, `../shared/bench/ceiling.sh` serves the
saved post page from nginx and from a bare Django view under gunicorn (4 sync
workers): the ratios below are to those. Two extra runs measure the post page with
the access log sent to /dev/null and with the local-memory cache instead of Redis.
wrk runs on the same 2 cores as the server, PostgreSQL and Redis, as the targets
say. The machine is shared: before each page the script waits (at most 10 s) for
the rest of it to go quiet, and the *CPU* columns show how many cores the server,
wrk and everything else (the database, Redis, other work) used during each run.
Read a figure whose *rest* is well above zero on SQLite as disturbed.

**Caching off** is `LINERNOTES_PAGE_CACHE_SECONDS=0`, the only switch there is:
`PageCacheMiddleware._timeout` then returns 0, so nothing is stored. The middleware
still reads the generation stamp (one query) and asks the cache for the page (a
Redis GET that misses) on every request, and each process keeps the site settings
row memoised. The templates have no fragment cache (the sidebar, with its
aggregates over every post, is computed on each render), so there is nothing else
to turn off. Django's cached template loader stays on (compiled templates, not
data), and rendered Markdown is stored with the post.
"""


@dataclass
class Run:
    label: str
    page: str
    conns: int
    rps: float | None
    p50_ms: float | None
    p99_ms: float | None
    requests: int
    errors: str
    peak_kib: int | None = None
    server_cores: float | None = None
    wrk_cores: float | None = None
    other_cores: float | None = None


def to_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    value, unit = float(match[1]), match[2]
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def parse_wrk(text: str) -> dict:
    found: dict = {"rps": None, "p50": None, "p99": None, "requests": 0, "errors": []}
    for line in text.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            found["rps"] = float(words[1])
        elif len(words) == 2 and words[0] in ("50%", "99%"):
            found["p" + words[0][:2]] = to_ms(words[1])
        elif "requests in" in line:
            found["requests"] = int(words[0])
        elif line.strip().startswith("Socket errors:"):
            counts = re.findall(r"(\w+) (\d+)", line.split(":", 1)[1])
            found["errors"] += [f"{k} {v}" for k, v in counts if v != "0"]
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            found["errors"].append(f"non-2xx {words[-1]}")
    if found["requests"] == 0:
        found["rps"] = found["p50"] = found["p99"] = None
        found["errors"].append("no request completed")
    return found


def parse_times(text: str) -> float | None:
    """CPU seconds of the children, the last line of bash's `times`: "0m1.2s 0m0.5s"."""
    lines = text.strip().splitlines()
    parts = re.findall(r"(\d+)m([\d.]+)s", lines[-1]) if lines else []
    return sum(int(m) * 60 + float(s) for m, s in parts) if parts else None


def read_tsv(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    return [line.split("\t") for line in path.read_text().splitlines() if line]


def cpu_in(samples: list[tuple], window: list[float]) -> tuple[float, float] | None:
    """(server cores, machine busy cores) between the first and last samples in it."""
    inside = [s for s in samples if len(window) == 2 and window[0] <= s[0] <= window[1]]
    if len(inside) < 2:
        return None
    (t0, _, tree0, busy0), (t1, _, tree1, busy1) = inside[0][:4], inside[-1][:4]
    seconds = t1 - t0
    return (tree1 - tree0) / HZ / seconds, (busy1 - busy0) / HZ / seconds


def load(results: Path) -> dict:
    machine = dict(
        line.split("=", 1)
        for line in (results / "machine.txt").read_text().splitlines()
        if "=" in line
    )
    servers = {row[0]: row for row in read_tsv(results / "servers.tsv")}
    samples = {
        path.stem: [
            (float(row[0]), int(row[1]), int(row[3]), int(row[4]))
            for row in read_tsv(path)
        ]
        for path in sorted((results / "pss").glob("*.tsv"))
    }
    windows: dict[tuple[str, str, int], list[float]] = {}
    for label, page, conns, _edge, when in read_tsv(results / "phases.tsv"):
        windows.setdefault((label, page, int(conns)), []).append(float(when))
    runs = []
    for path in sorted((results / "wrk").glob("*.txt")):
        label, page, conns = path.name.removesuffix(".txt").split(".")
        key = (label, page, int(conns.removeprefix("c")))
        found = parse_wrk(path.read_text())
        window = windows.get(key, [])
        series = samples.get(label, [])
        in_window = [
            s[1] for s in series if len(window) == 2 and window[0] <= s[0] <= window[1]
        ]
        run = Run(
            *key,
            rps=found["rps"],
            p50_ms=found["p50"],
            p99_ms=found["p99"],
            requests=found["requests"],
            errors=", ".join(found["errors"]),
            peak_kib=max(in_window, default=None),
        )
        cpu = cpu_in(series, window)
        cpu_file = path.with_suffix(".txt.cpu")
        wrk_seconds = parse_times(cpu_file.read_text()) if cpu_file.exists() else None
        if cpu and len(window) == 2:
            run.server_cores = cpu[0]
            if wrk_seconds is not None:
                run.wrk_cores = wrk_seconds / (window[1] - window[0])
                run.other_cores = max(0.0, cpu[1] - cpu[0] - run.wrk_cores)
        runs.append(run)
    ceiling_file = results / "ceiling.jsonl"
    ceilings = (
        [json.loads(line) for line in ceiling_file.read_text().splitlines() if line]
        if ceiling_file.exists()
        else []
    )
    fills = {
        path.stem.removeprefix("fill-"): json.loads(path.read_text())
        for path in sorted(results.glob("fill-*.json"), reverse=True)  # sqlite first
        if path.stat().st_size
    }
    return {
        "machine": machine,
        "servers": servers,
        "peaks": {
            label: max(s[1] for s in rows) for label, rows in samples.items() if rows
        },
        "runs": runs,
        "ceilings": ceilings,
        "fills": fills,
        "checks": read_tsv(results / "checks.tsv"),
        "comments": read_tsv(results / "comments.tsv"),
        "accesslog": {
            row[0]: (int(row[1]), int(row[2]))
            for row in read_tsv(results / "accesslog.tsv")
        },
    }


def fmt_rps(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def fmt_mb(kib: int | None) -> str:
    return "–" if kib is None else f"{kib * 1024 / MB:.0f}"


def fmt_cores(*values: float | None) -> str:
    return " / ".join("–" if v is None else f"{v:.2f}" for v in values)


def ceiling_for(data: dict, name: str, conns: int) -> dict | None:
    return next(
        (
            c
            for c in data["ceilings"]
            if (c["ceiling"], c["connections"]) == (name, conns)
        ),
        None,
    )


def ratio(value: float | None, ceiling: dict | None) -> str:
    if value is None or not ceiling or not float(ceiling.get("requests_per_s") or 0):
        return "–"
    share = value / float(ceiling["requests_per_s"])
    if share >= 0.1:
        return f"{share:.0%}"
    return f"{share:.1%}" if share >= 0.001 else f"{share:.2%}"


def find(data: dict, label: str, page: str, conns: int) -> Run | None:
    return next(
        (r for r in data["runs"] if (r.label, r.page, r.conns) == (label, page, conns)),
        None,
    )


def main_servers(data: dict) -> list[tuple[str, str, str]]:
    """(label, database, mode) of the servers every page was measured on."""
    return [
        (label, row[1], row[2])
        for label, row in data["servers"].items()
        if label == f"{row[1]}-{row[2]}"
    ]


def results_table(data: dict) -> list[str]:
    rows = [
        "| database | caching | page | conns | req/s | p50 ms | p99 ms "
        "| ÷ bare Django | ÷ nginx | peak PSS MB | CPU cores: server / wrk / rest "
        "| errors |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for label, db, mode in main_servers(data):
        for page in PAGES:
            for conns in (32, 1):
                run = find(data, label, page, conns)
                if run is None:
                    continue
                rows.append(
                    f"| {db} | {MODES[mode]} | {page} | {conns} | {fmt_rps(run.rps)} "
                    f"| {fmt_ms(run.p50_ms)} | {fmt_ms(run.p99_ms)} "
                    f"| {ratio(run.rps, ceiling_for(data, BARE, conns))} "
                    f"| {ratio(run.rps, ceiling_for(data, NGINX, conns))} "
                    f"| {fmt_mb(run.peak_kib)} "
                    f"| {fmt_cores(run.server_cores, run.wrk_cores, run.other_cores)} "
                    f"| {run.errors or 'none'} |"
                )
    return rows


# (mode, page, connections, what, limit, text): issue 3's post page targets, then
# the conversation's (issue 5). The "post" page carries 18 threaded comments and
# likes (bench/fill_conversation.py).
TARGETS = [
    ("cached", "post", 32, "rps", 1000,
     "post page, normal caching, 32 connections: ≥ 1,000 req/s"),
    ("cached", "post", 1, "p50", 5,
     "post page, normal caching, 1 client: p50 ≤ 5 ms"),
    ("nocache", "post", 32, "rps", 150,
     "post page, caching off, 32 connections: ≥ 150 req/s"),
    ("nocache", "post", 1, "p50", 15,
     "post page, caching off, 1 client: p50 ≤ 15 ms"),
    ("nocache", "post-1000", 32, "rps", 100,
     "post with 1,000 comments, caching off, 32 connections: ≥ 100 req/s"),
    ("cached", "comment", 32, "rps", 400,
     "guest comment through the form, 32 connections: ≥ 400 comments/s"),
    ("cached", "comment", 1, "p50", 5,
     "guest comment through the form, 1 client: p50 ≤ 5 ms"),
]  # fmt: skip


def targets(data: dict) -> list[tuple[str, str, str, bool | None]]:
    """(database, target, measured, passed) for every target and database."""
    out = []
    for db in dict.fromkeys(db for _, db, _ in main_servers(data)):
        for mode, page, conns, what, limit, text in TARGETS:
            run = find(data, f"{db}-{mode}", page, conns)
            if run is None or run.rps is None:
                out.append((db, text, run.errors if run else "not measured", None))
            elif run.errors:
                out.append((db, text, f"errors: {run.errors}", False))
            else:
                passed = run.rps >= limit if what == "rps" else run.p50_ms <= limit
                measured = (
                    f"{run.rps:,.0f} req/s"
                    if what == "rps"
                    else f"p50 {fmt_ms(run.p50_ms)} ms"
                )
                if run.other_cores is not None:
                    measured += f" (rest of machine busy {run.other_cores:.2f} cores)"
                out.append((db, text, measured, passed))
        for label, conns, acked, stored in data["comments"]:
            if data["servers"].get(label, [None, None])[1] != db:
                continue
            text = f"every acknowledged comment stored ({conns} connections)"
            measured = f"{int(acked):,} acknowledged, {int(stored):,} stored"
            out.append((db, text, measured, int(stored) >= int(acked) > 0))
        peaks = [
            kib
            for label, kib in data["peaks"].items()
            if data["servers"][label][1] == db
        ]
        if peaks:
            text = (
                "app server memory ≤ 250 MB (peak PSS of master + workers, every run)"
            )
            out.append(
                (db, text, f"{fmt_mb(max(peaks))} MB", max(peaks) * 1024 <= 250 * MB)
            )
    return out


def verdict(passed: bool | None) -> str:
    return {True: "pass", False: "**FAIL**", None: "not measured"}[passed]


def machine_lines(data: dict) -> list[str]:
    m = data["machine"]
    memory = int(m.get("memory_mib", 0)) // 1024
    lines = [
        f"## Last run: {m.get('date', '?')}",
        "",
        f"Code: {m.get('source', '?')}. "
        f"{m.get('cpu', '?')}, {m.get('cores', '?')} cores, {memory} GiB, "
        f"{m.get('os', '?')}, kernel {m.get('kernel', '?')}; Python "
        f"{m.get('python', '?')}, Django {m.get('django', '?')}, gunicorn "
        f"{m.get('gunicorn', '?')}, SQLite {m.get('sqlite', '?')}, PostgreSQL "
        f"{m.get('postgresql', '?')}, Redis {m.get('redis', '?')}, "
        f"{m.get('wrk', 'wrk ?').split(' Copyright')[0]}. "
        f"{m.get('workers', '?')} gunicorn workers; "
        f"{m.get('duration', '?')} per measurement after a {m.get('warmup', '?')} "
        f"warm-up. Load average {m.get('loadavg_start', '?')} at the start and "
        f"{m.get('loadavg_end', '?')} at the end; the run took "
        f"{m.get('total_seconds', '?')} s.",
        "",
    ]
    for db, fill in data["fills"].items():
        urls, seconds = fill.get("urls", {}), fill.get("seconds", {})
        lines.append(
            f"- {db}: {fill['posts_published']:,} published posts "
            f"({fill['posts_total']:,} in all), {fill['series']} series, "
            f"{fill['tags']} tags, {fill['tag_links']:,} tag links, filled in "
            f"{sum(seconds.values()):.0f} s. Post `{urls.get('post')}`, tag "
            f"`{urls.get('tag')}` ({urls.get('tag_posts'):,} posts), search "
            f"`{urls.get('search')}` ({urls.get('search_results')} results)."
        )
    sizes = {(row[0], row[1]): int(row[4]) for row in data["checks"]}
    page_sizes = ", ".join(
        f"{page} {sizes[('sqlite-cached', page)]:,}"
        for page in PAGES
        if ("sqlite-cached", page) in sizes
    )
    if page_sizes:
        lines.append(f"- Bytes of HTML per page: {page_sizes}.")
    return lines


def ceiling_lines(data: dict) -> list[str]:
    lines = [
        "### Ceilings, same run (`../shared/bench/ceiling.sh` on the saved post page)",
        "",
        "| server | conns | req/s | p50 | p99 |",
        "|---|--:|--:|--:|--:|",
    ]
    rows = [
        f"| {c['ceiling']} | {c['connections']} | {float(c['requests_per_s']):,.0f} "
        f"| {c['p50']} | {c['p99']} |"
        for c in data["ceilings"]
    ]
    return lines + (rows or ["| not measured | | | | |"])


def extra_lines(data: dict) -> list[str]:
    labels = [
        label
        for label, row in data["servers"].items()
        if row[2] == "cached" and find(data, label, "post", 32)
    ]
    main = {label for label, _, _ in main_servers(data)}
    if all(label in main for label in labels):
        return []
    lines = [
        "### The post page with normal caching: access log and cache backend",
        "",
        "| server | cache | access log | conns | req/s | p50 ms | p99 ms "
        "| CPU cores: server / wrk / rest | errors |",
        "|---|---|---|--:|--:|--:|--:|--:|---|",
    ]
    for label in labels:
        row = data["servers"][label]
        log = "stdout → file" if row[4] == "file" else "stdout → /dev/null"
        for conns in (32, 1):
            if run := find(data, label, "post", conns):
                lines.append(
                    f"| {label} | {row[3]} | {log} | {conns} | {fmt_rps(run.rps)} "
                    f"| {fmt_ms(run.p50_ms)} | {fmt_ms(run.p99_ms)} "
                    f"| {fmt_cores(run.server_cores, run.wrk_cores, run.other_cores)} "
                    f"| {run.errors or 'none'} |"
                )
    if data["accesslog"]:
        written = ", ".join(
            f"{label} {lines_:,} lines ({size / MB:.1f} MB)"
            for label, (lines_, size) in data["accesslog"].items()
        )
        lines += ["", f"Access log written per server: {written}."]
    return lines


def render(data: dict, analysis: str) -> str:
    lines = [HOW, *machine_lines(data), ""]
    lines += ["### Targets", "", "| database | target | measured | result |"]
    lines += ["|---|---|---|---|"]
    lines += [f"| {db} | {t} | {m} | {verdict(ok)} |" for db, t, m, ok in targets(data)]
    lifetimes = ", ".join(
        f"{label} {fmt_mb(kib)}" for label, kib in data["peaks"].items()
    )
    lines += [
        "",
        "### Every figure",
        "",
        "`÷ bare Django` and `÷ nginx`: requests/s as a share of the ceiling at the",
        "same number of connections. Peak PSS: the highest sum over master and workers",
        "sampled during that run. CPU: cores used during the run by the server (master",
        "and workers), by wrk, and by everything else (PostgreSQL, Redis, other work).",
        "",
        *results_table(data),
        "",
        f"Peak PSS over each server's whole life, MB: {lifetimes}.",
        "",
        *ceiling_lines(data),
        "",
        *extra_lines(data),
    ]
    if analysis.strip():
        lines += ["", "## What limits it", "", analysis.strip()]
    lighthouse = HERE / "lighthouse.md"  # written by bench/lighthouse.py
    if lighthouse.exists():
        lines += ["", "## Lighthouse", "", lighthouse.read_text().strip()]
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, nargs="?", default=HERE / "results")
    parser.add_argument("--write", type=Path, help="write the README here")
    parser.add_argument("--analysis", type=Path, default=HERE / "analysis.md")
    args = parser.parse_args()
    data = load(args.results)
    analysis = args.analysis.read_text() if args.analysis.exists() else ""
    text = render(data, analysis)
    if args.write:
        args.write.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
