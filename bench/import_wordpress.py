"""Benchmark `linernotes import-wordpress` on a large generated export (issue 10, #11).

    .venv/bin/python bench/import_wordpress.py [--posts 10000] [--comments 100000]
        [--databases sqlite postgres] [--out bench/results/import-wordpress]
        [--profile] [--file EXISTING.xml]

Writes one WXR file with ``bench/wxr_generate.py``'s generator (seeded), then for
each database: migrates a fresh, empty one (SQLite in its own temporary data
directory; PostgreSQL as ``BENCH_PG_DB``, dropped and created by the script),
runs ``linernotes import-wordpress FILE --json --series-from-categories
"Great Soundtracks*"`` as a separate process under ``/usr/bin/time``, and then
the very same command again. For each run it records the wall time, the peak
resident set size of the whole command process (``/usr/bin/time``'s maximum
RSS), the report's ``created`` and ``already_present``, and whether the report's
file part matches what the generator wrote.

Targets (issue 10): the first import ≤ 120 s and ≤ 300 MB on each database; the
re-run ≤ 20% of the first run's time and creating nothing.

``--profile [sqlite|postgres]`` also runs a first import once more under
cProfile (on a fresh database of that kind) and keeps the 25 functions with the
most cumulative time and the 25 with the most own time: run it at a small size
(``--posts 1000 --comments 10000``), since profiling slows Python code down
about twofold.

The command runs in the README's deployment environment: ``DEBUG`` unset,
``SECRET_KEY``, its own ``LINERNOTES_DATA_DIR`` and ``MEDIA_ROOT``,
``REDIS_URL`` (``BENCH_REDIS_URL``, default ``redis://127.0.0.1:6379/13``) as
the cache, and for PostgreSQL ``DATABASE_URL`` (``BENCH_PG_ADMIN_URL``, default
``postgres://postgres@127.0.0.1:5432/postgres``, names the server). Results go
to ``--out`` as ``results.json`` and ``summary.md`` (the table that
``bench/analysis.md`` quotes); nothing under ``bench/`` is rewritten.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linernotes.transfer.tests.wxr_generator import (  # noqa: E402
    SERIES_GLOB,
    write_wxr,
)

PY = ROOT / ".venv" / "bin" / "python"
LN = ROOT / ".venv" / "bin" / "linernotes"
TIME = "/usr/bin/time"
FIRST_SECONDS = 120
PEAK_MB = 300
RERUN_SHARE = 0.20
MB = 1_000_000
CLEAN = (
    "DEBUG",
    "DATABASE_URL",
    "REDIS_URL",
    "LINERNOTES_PAGE_CACHE_SECONDS",
    "DJANGO_SETTINGS_MODULE",
    "LOG_LEVEL",
    "PYTHONPATH",
    "LINERNOTES_DATA_DIR",
    "MEDIA_ROOT",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1985)
    parser.add_argument(
        "--databases", nargs="+", default=["sqlite", "postgres"], metavar="DB"
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results" / "import-wordpress"
    )
    parser.add_argument("--file", type=Path, help="import this file, generate none")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="sqlite",
        choices=["sqlite", "postgres"],
        help="also profile a first import on a fresh database of this kind",
    )
    args = parser.parse_args()
    if not LN.exists() or not Path(TIME).exists():
        print(f"needs {LN} (pip install -e .) and {TIME} (GNU time)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="linernotes-import-bench."))
    try:
        results = run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (args.out / "results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False)
    )
    summary = render(results)
    (args.out / "summary.md").write_text(summary)
    print(summary)
    return 0 if all(t["ok"] for t in results["targets"]) else 1


def run(args: argparse.Namespace, work: Path) -> dict:
    results: dict = {"machine": machine(), "runs": [], "targets": []}
    if args.file:
        wxr, expected = args.file, None
        results["file"] = {"path": str(wxr), "bytes": wxr.stat().st_size}
    else:
        wxr = work / "export.xml"
        log(f"generating {args.posts:,} posts and {args.comments:,} comments")
        started = time.perf_counter()
        written = write_wxr(
            wxr, posts=args.posts, comments=args.comments, seed=args.seed
        )
        expected = written.report()
        results["file"] = {
            "posts": args.posts,
            "comments": args.comments,
            "seed": args.seed,
            "bytes": written.bytes,
            "generated_seconds": round(time.perf_counter() - started, 1),
            "holds": expected,
        }
        log(f"{written.bytes / MB:.0f} MB written")
    for db in args.databases:
        env = database(db, work)
        if env is None:
            log(f"{db}: skipped")
            continue
        try:
            for attempt in ("first", "again"):
                outcome = import_once(db, attempt, wxr, env, work, args.out)
                outcome["file_matches"] = matches(outcome.get("report"), expected)
                results["runs"].append(outcome)
                log(
                    f"{db} {attempt}: {outcome['seconds']:.1f} s "
                    f"({outcome['cpu_seconds']:.1f} s of processor), "
                    f"{outcome['peak_mb']:.0f} MB, exit {outcome['exit']}, "
                    f"created {outcome.get('created')}"
                )
        finally:
            drop(db, env)
    if args.profile:
        env = database(args.profile, work / "profile")
        if env is not None:
            try:
                results["profile"] = profile(wxr, env, args.out) | {
                    "database": args.profile
                }
            finally:
                drop(args.profile, env)
    results["targets"] = targets(results["runs"])
    return results


def database(db: str, work: Path) -> dict[str, str] | None:
    """A fresh, migrated database of kind ``db`` and the environment that uses it."""
    data = work / f"data-{db}"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    env = {key: value for key, value in os.environ.items() if key not in CLEAN}
    env |= {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "blog.example.org",
        "LINERNOTES_DATA_DIR": str(data),
        "MEDIA_ROOT": str(data / "media"),
        "CACHE_KEY_PREFIX": f"linernotes-import-bench-{os.getpid()}",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
    }
    if db == "postgres":
        admin = os.environ.get(
            "BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        )
        name = os.environ.get("BENCH_PG_DB", "linernotes_import_bench")
        if not psql(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"):
            return None
        psql(admin, f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = admin.rsplit("/", 1)[0] + "/" + name
        env["BENCH_DROP"] = f"{admin}\t{name}"
    elif db != "sqlite":
        raise SystemExit(f"unknown database {db!r}: sqlite or postgres")
    log(f"{db}: migrate")
    subprocess.run([str(LN), "migrate", "-v0"], env=env, cwd=work, check=True)
    return env


def drop(db: str, env: dict[str, str]) -> None:
    if db == "postgres" and "BENCH_DROP" in env:
        admin, name = env["BENCH_DROP"].split("\t")
        psql(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def psql(url: str, statement: str) -> bool:
    done = subprocess.run(
        ["psql", url, "-q", "-c", statement], capture_output=True, text=True
    )
    if done.returncode:
        log(f"psql: {done.stderr.strip()}")
    return done.returncode == 0


def import_once(
    db: str, attempt: str, wxr: Path, env: dict[str, str], work: Path, out: Path
) -> dict:
    """One ``import-wordpress --json`` process: its time, peak memory and report."""
    measured = work / "time.txt"
    stdout, stderr = out / f"{db}-{attempt}.json", out / f"{db}-{attempt}.stderr"
    command = [
        TIME,
        "-f",
        "%e %M %U %S",
        "-o",
        str(measured),
        str(LN),
        "import-wordpress",
        str(wxr),
        "--json",
        "--series-from-categories",
        SERIES_GLOB,
    ]
    started = time.perf_counter()
    with stdout.open("w") as to_out, stderr.open("w") as to_err:
        done = subprocess.run(command, env=env, cwd=work, stdout=to_out, stderr=to_err)
    seconds = time.perf_counter() - started
    elapsed, peak_kib, user, system = measured.read_text().split()[-4:]
    outcome = {
        "database": db,
        "run": attempt,
        "exit": done.returncode,
        "seconds": round(seconds, 2),
        "time_elapsed": float(elapsed),
        "peak_mb": round(int(peak_kib) * 1024 / MB, 1),
        # The command's own processor time: on a busy machine a steadier
        # figure than the wall time (SQLite's work is in it; PostgreSQL's
        # server's is not).
        "cpu_seconds": round(float(user) + float(system), 1),
        "loadavg_after": loadavg(),
    }
    try:
        report = json.loads(stdout.read_text())
    except ValueError:
        return outcome | {"error": stderr.read_text()[-2000:]}
    return outcome | {
        "report": report,
        "created": report.get("created"),
        "already_present": report.get("already_present"),
        "warnings": len(report.get("warnings", [])),
        "skipped": len(report.get("skipped", [])),
    }


def matches(report: dict | None, expected: dict | None) -> bool | None:
    """Whether the report's file part says what the generator wrote."""
    if report is None or expected is None:
        return None
    return all(report.get(key) == value for key, value in expected.items())


def profile(wxr: Path, env: dict[str, str], out: Path) -> dict:
    """The first import under cProfile: the top 25 by cumulative and by own time."""
    stats_file = out / "profile.pstats"
    log("profiling a first import on a fresh database")
    started = time.perf_counter()
    subprocess.run(
        [str(PY), "-m", "cProfile", "-o", str(stats_file), str(LN)]
        + ["import-wordpress", str(wxr), "--json"]
        + ["--series-from-categories", SERIES_GLOB],
        env=env,
        cwd=stats_file.parent,
        stdout=subprocess.DEVNULL,
        stderr=(out / "profile.stderr").open("w"),
        check=True,
    )
    return summarise_profile(stats_file) | {
        "seconds": round(time.perf_counter() - started, 1)
    }


def summarise_profile(stats_file: Path) -> dict:
    """How many queries a profiled run sent, and the functions that took longest."""
    stats = pstats.Stats(str(stats_file))
    queries = sum(
        stats.stats[func][1]
        for func in stats.stats
        if func[0].endswith("django/db/backends/utils.py")
        and func[2] in ("execute", "executemany")
    )
    result: dict = {
        "total": stats.total_tt,
        "queries": queries,
    }
    # The chain from the script down to the command's handle() holds everything;
    # leave it out so the rows say where the time goes.
    below = [f for f in stats.stats if stats.stats[f][3] < 0.95 * stats.total_tt]
    for order in ("cumulative", "tottime"):
        rows = []
        for func in sorted(
            below,
            key=lambda f: stats.stats[f][3 if order == "cumulative" else 2],
            reverse=True,
        )[:25]:
            calls, primitive, own, cumulative, _callers = stats.stats[func]
            rows.append(
                {
                    "function": f"{short(func[0])}:{func[1]}({func[2]})",
                    "calls": primitive
                    if calls == primitive
                    else f"{calls}/{primitive}",
                    "own": round(own, 2),
                    "cumulative": round(cumulative, 2),
                }
            )
        result[order] = rows
    return result


def short(path: str) -> str:
    for prefix in (str(ROOT) + "/", "site-packages/"):
        if prefix in path:
            return path.split(prefix, 1)[1]
    return path


def targets(runs: list[dict]) -> list[dict]:
    found = []
    by = {(r["database"], r["run"]): r for r in runs}
    for db in dict.fromkeys(r["database"] for r in runs):
        first, again = by.get((db, "first")), by.get((db, "again"))
        if first:
            found.append(
                target(
                    db,
                    f"first import ≤ {FIRST_SECONDS} s",
                    f"{first['seconds']:.1f} s",
                    first["exit"] == 0 and first["seconds"] <= FIRST_SECONDS,
                )
            )
            found.append(
                target(
                    db,
                    f"peak memory of the import process ≤ {PEAK_MB} MB",
                    f"{first['peak_mb']:.0f} MB (re-run {again['peak_mb']:.0f} MB)"
                    if again
                    else f"{first['peak_mb']:.0f} MB",
                    max(r["peak_mb"] for r in (first, again) if r) <= PEAK_MB,
                )
            )
            found.append(
                target(
                    db,
                    "the report's file counts match what was generated",
                    str(first.get("file_matches")),
                    first.get("file_matches") is not False,
                )
            )
        if first and again:
            share = again["seconds"] / first["seconds"]
            found.append(
                target(
                    db,
                    f"re-run ≤ {RERUN_SHARE:.0%} of the first",
                    f"{again['seconds']:.1f} s ({share:.0%})",
                    again["exit"] == 0 and share <= RERUN_SHARE,
                )
            )
            created = again.get("created") or {}
            found.append(
                target(
                    db,
                    "re-run creates nothing",
                    ", ".join(f"{k} {v}" for k, v in created.items() if v)
                    or "created all zero",
                    again["exit"] == 0
                    and "created" in again
                    and not any(created.values()),
                )
            )
    return found


def target(db: str, what: str, measured: str, ok: bool) -> dict:
    return {"database": db, "target": what, "measured": measured, "ok": bool(ok)}


def render(results: dict) -> str:
    file = results["file"]
    lines = [
        f"Import benchmark, {results['machine']['date']}: "
        f"{results['machine']['description']}.",
        "",
    ]
    if "posts" in file:
        holds = file["holds"]
        lines.append(
            f"File: {file['bytes'] / MB:.0f} MB, {holds['posts']:,} posts, "
            f"{holds['pages']} pages, {holds['attachments']:,} attachments, "
            f"{holds['comments']['total']:,} comments (max depth "
            f"{holds['comments']['max_depth']}), {holds['categories']} categories, "
            f"{holds['tags']} tags; generated in {file['generated_seconds']} s "
            f"(seed {file['seed']})."
        )
    else:
        lines.append(f"File: {file['path']}, {file['bytes'] / MB:.0f} MB.")
    lines += [
        "",
        "| database | target | measured | result |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {t['database']} | {t['target']} | {t['measured']} | "
        f"{'pass' if t['ok'] else '**miss**'} |"
        for t in results["targets"]
    ]
    lines += [
        "",
        "| database | run | exit | seconds | processor s | peak MB | load after "
        "| created | already present |",
        "|---|---|--:|--:|--:|--:|--:|---|---|",
    ]
    for r in results["runs"]:
        lines.append(
            f"| {r['database']} | {r['run']} | {r['exit']} | {r['seconds']:.1f} | "
            f"{r.get('cpu_seconds', 0):.1f} | {r['peak_mb']:.0f} | "
            f"{' '.join(r.get('loadavg_after') or [])} | "
            f"{counts(r.get('created'))} | {counts(r.get('already_present'))} |"
        )
    if "profile" in results:
        prof = results["profile"]
        lines += [
            "",
            f"cProfile of a first import on {prof['database']} ({prof['seconds']} s "
            f"under the profiler, {prof['queries']:,} queries), top 25 by cumulative "
            "time below the command's own call chain:",
            "",
            "| function | calls | own s | cumulative s |",
            "|---|--:|--:|--:|",
        ]
        lines += [
            f"| `{row['function']}` | {row['calls']} | {row['own']} | "
            f"{row['cumulative']} |"
            for row in prof["cumulative"]
        ]
    return "\n".join(lines) + "\n"


def counts(found: dict | None) -> str:
    if not found:
        return "–" if found is None else "nothing"
    return ", ".join(f"{key} {value:,}" for key, value in found.items() if value) or (
        "nothing"
    )


def machine() -> dict:
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(
                line.split(": ", 1)[1].strip()
                for line in info
                if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "diff", "--quiet", "HEAD", "--", "linernotes"], cwd=ROOT
    ).returncode
    return {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "description": f"work tree at {commit}"
        + (" with uncommitted changes under linernotes/" if dirty else "")
        + f", {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "loadavg": loadavg(),
    }


def loadavg() -> list[str] | None:
    """The machine's load: it is shared, so a slow run may be a busy machine."""
    found = Path("/proc/loadavg")
    return found.read_text().split()[:3] if found.exists() else None


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
