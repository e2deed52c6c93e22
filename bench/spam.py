"""Benchmark the spam filter's text model against issue 11's targets (item 6).

    .venv/bin/python bench/spam.py [--out bench/results/spam]

Trained on the shared data only (the copies shipped in linernotes/spam/data/):

1. stratified 5-fold cross-validation over the four YouTube files pooled,
   folds grouped by normalised text (the files repeat texts); each fold's
   threshold is picked the way the cold start picks it, from out-of-fold
   predictions on its training part grouped by video. Target F1 ≥ 0.95 at ham
   FPR ≤ 3%;
2. leaving one video out at a time (the rest train, with their own threshold;
   texts of the held-out video are dropped from training). Target mean F1 ≥
   0.93 at mean ham FPR ≤ 2%;
3. ``linernotes spam evaluate VIDEO --train-exclude VIDEO`` for each video, as
   a separate process on a fresh, migrated SQLite site. Target F1 ≥ 0.93 and
   ham FPR ≤ 1%; the pipeline's p99 per comment ≤ 10 ms;
4. real blog comments (the approved comments of the real WordPress exports in
   linernotes/transfer/tests/data/wxr/real/ and the demo's Rocky IV thread)
   through ``spam evaluate`` at cold start: the pipeline may hold them but
   must send at most 1% to spam;
5. retraining (``training.train_for_site``) on 10,000 site comments ≤ 10 s,
   and the stored model ≤ 10 MB; the memory one process adds to hold it.

The pipeline is the settings' default checks plus ``TextModelCheck`` (which
``spam evaluate`` adds); what the policy of item 4 changes is not measured
here yet. Results go to ``--out`` as ``results.json`` and ``summary.md``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linernotes.settings.test")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from sklearn.model_selection import StratifiedGroupKFold  # noqa: E402

from linernotes.spam.model import normalise  # noqa: E402
from linernotes.spam.training import (  # noqa: E402
    SMS_FILE,
    YOUTUBE_FILES,
    Example,
    measure,
    probabilities,
    read_labelled,
    threshold_for_fpr,
    train_for_site,
    train_public,
)
from linernotes.transfer.demo.content import ROCKY_IV_THREAD  # noqa: E402
from linernotes.transfer.wordpress.reader import WxrItem, read_wxr  # noqa: E402

# The command from this tree (``python -m linernotes`` in ROOT), so a copy of
# the repository measures its own code.
LN = [sys.executable, "-m", "linernotes"]
REAL_WXR = ROOT / "linernotes" / "transfer" / "tests" / "data" / "wxr" / "real"
MB = 1024 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/spam")
    parser.add_argument(
        "--cv-only", action="store_true", help="Only the pooled 5-fold CV."
    )
    parser.add_argument(
        "--cpu-only",
        action="store_true",
        help="Only the CPU time of the pipeline per comment and of retraining "
        "(what a busy machine does not distort).",
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.cpu_only:
        cpu = cpu_times()
        (args.out / "cpu.json").write_text(json.dumps(cpu, indent=2))
        print(json.dumps(cpu))
        return 0
    results: dict = {"load_before": os.getloadavg()}
    videos = {path.stem: read_labelled(path) for path in YOUTUBE_FILES}

    say("5-fold CV over the four videos pooled…")
    results["cv5"] = pooled_cv(videos)
    say(json.dumps(results["cv5"]))
    if args.cv_only:
        (args.out / "cv5.json").write_text(json.dumps(results, indent=2))
        return 0
    say("Leave one video out…")
    results["lovo"] = leave_one_video_out(videos)
    say(json.dumps(results["lovo"]))
    with tempfile.TemporaryDirectory(prefix="spam-bench-") as data_dir:
        env = site_env(Path(data_dir))
        subprocess.run([*LN, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        results["evaluate"] = {
            path.stem: evaluate(env, path, exclude=path) for path in YOUTUBE_FILES
        }
        say(json.dumps(results["evaluate"]))
        blog = Path(data_dir) / "blog-comments.csv"
        results["blog_comments"] = write_blog_comments(blog)
        results["blog"] = evaluate(env, blog)
        say(json.dumps(results["blog"]))
    say("Retraining on 10,000 site comments…")
    results["retrain"] = retrain_10k(videos)
    say(json.dumps(results["retrain"]))
    results["load_after"] = os.getloadavg()
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    (args.out / "summary.md").write_text(summary(results))
    print(summary(results))
    return 0


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def pooled_cv(videos: dict[str, list[Example]]) -> dict:
    examples = [example for rows in videos.values() for example in rows]
    labels = np.asarray([example.spam for example in examples])
    groups = [normalise(example.text) for example in examples]
    folds = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0)
    scores = np.zeros(len(examples))
    thresholds = np.zeros(len(examples))
    thresholds_3 = np.zeros(len(examples))
    fold_figures = []
    for train_rows, test_rows in folds.split(np.zeros(len(examples)), labels, groups):
        trained = train_public([examples[i] for i in train_rows])
        test = [examples[i] for i in test_rows]
        scores[test_rows] = probabilities(trained.scorer, (e.text for e in test))
        thresholds[test_rows] = trained.threshold
        # The target's own operating point: the threshold that keeps the
        # training part's out-of-fold ham FPR at 3% (chosen without the fold).
        train_ham = np.asarray([not examples[i].spam for i in train_rows])
        thresholds_3[test_rows] = threshold_for_fpr(
            trained.out_of_fold[train_ham], 0.03
        )
        fold_figures.append(
            measure([e.spam for e in test], scores[test_rows], trained.threshold)
        )
    flagged = scores >= thresholds
    pooled = measure(labels, flagged.astype(float), 0.5)
    pooled["auc"] = measure(labels, scores, 0.5)["auc"]
    flagged_3 = scores >= thresholds_3
    at_3 = measure(labels, flagged_3.astype(float), 0.5)
    return {
        "pooled": pooled,
        "folds": fold_figures,
        "thresholds": sorted({round(float(t), 3) for t in thresholds}),
        "pooled_at_3pct": at_3,
        "thresholds_3pct": sorted({round(float(t), 3) for t in thresholds_3}),
    }


def leave_one_video_out(videos: dict[str, list[Example]]) -> dict:
    per_video = {}
    for held, test in videos.items():
        unseen = {normalise(example.text) for example in test}
        train = [
            example
            for name, rows in videos.items()
            if name != held
            for example in rows
            if normalise(example.text) not in unseen
        ]
        trained = train_public(train)
        scores = probabilities(trained.scorer, (e.text for e in test))
        per_video[held] = {
            **measure([e.spam for e in test], scores, trained.threshold),
            "threshold": round(trained.threshold, 3),
        }
    return {
        "videos": per_video,
        "mean_f1": round(float(np.mean([v["spam_f1"] for v in per_video.values()])), 4),
        "mean_ham_fpr": round(
            float(np.mean([v["ham_fpr"] for v in per_video.values()])), 4
        ),
    }


def site_env(data_dir: Path) -> dict:
    """The README's deployment environment, with a fresh SQLite site."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DEBUG"}
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(40),
        LINERNOTES_DATA_DIR=str(data_dir),
        MEDIA_ROOT=str(data_dir / "media"),
        ALLOWED_HOSTS="blog.example.org",
    )
    return env


def evaluate(env: dict, path: Path, exclude: Path | None = None) -> dict:
    command = [*LN, "spam", "evaluate", str(path)]
    if exclude is not None:
        command += ["--train-exclude", str(exclude)]
    started = time.monotonic()
    done = subprocess.run(
        command, env=env, check=True, capture_output=True, text=True, cwd=ROOT
    )
    figures = json.loads(done.stdout)
    figures["wall_s"] = round(time.monotonic() - started, 1)
    return figures


def blog_comment_texts() -> dict[str, list[str]]:
    """Legitimate blog comments: approved, ordinary comments (no pingbacks) of
    the real exports, and the demo thread."""
    texts: dict[str, list[str]] = {}
    for path in sorted(REAL_WXR.glob("*.xml")):
        with path.open("rb") as handle:
            for record in read_wxr(handle):
                if not isinstance(record, WxrItem):
                    continue
                for comment in record.comments:
                    if comment.approved == "1" and comment.type in {"", "comment"}:
                        texts.setdefault(path.name, []).append(comment.content)
    texts["demo: Rocky IV thread"] = [entry[3] for entry in ROCKY_IV_THREAD]
    return texts


def write_blog_comments(path: Path) -> dict[str, int]:
    texts = blog_comment_texts()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["CONTENT", "CLASS"])
        for rows in texts.values():
            writer.writerows([text, 0] for text in rows)
    return {name: len(rows) for name, rows in texts.items()}


def cpu_times() -> dict:
    """CPU, not wall, time: the pipeline per comment (``time.thread_time``,
    in this process, on a migrated test database, every shipped check and the
    model trained without the held-out video) and retraining on 10,000."""
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    from linernotes.spam.evaluation import evaluate as evaluate_in_process

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        per_video = {}
        for path in YOUTUBE_FILES:
            figures = evaluate_in_process(path, (path,), clock=time.thread_time)
            per_video[path.stem] = {
                "p50_cpu_ms": figures["p50_ms"],
                "p99_cpu_ms": figures["p99_ms"],
            }
    finally:
        teardown_databases(databases, verbosity=0)
        teardown_test_environment()
    videos = {path.stem: read_labelled(path) for path in YOUTUBE_FILES}
    started = time.process_time()
    retrained = retrain_10k(videos, memory=False)
    return {
        "pipeline": per_video,
        "retrain_cpu_s": round(time.process_time() - started, 2),
        "retrain_wall_s": retrained["seconds"],
        "load": os.getloadavg(),
    }


def retrain_10k(videos: dict[str, list[Example]], memory: bool = True) -> dict:
    """10,000 'site' comments: the SMS collection, the YouTube files and the
    blog comments, repeated with a counter to reach the size."""
    pool = read_labelled(SMS_FILE) + [e for rows in videos.values() for e in rows]
    pool += [
        Example(text, False, "blog")
        for rows in blog_comment_texts().values()
        for text in rows
    ]
    site = [
        Example(
            f"{pool[i % len(pool)].text} {i // len(pool) or ''}".strip(),
            pool[i % len(pool)].spam,
            "site",
        )
        for i in range(10_000)
    ]
    started = time.monotonic()
    trained = train_for_site(site, minimum=200)
    seconds = time.monotonic() - started
    vocabulary, weights = trained.scorer.to_data()
    return {
        "seconds": round(seconds, 2),
        "site_examples": len(site),
        "model_mb": round((len(vocabulary.encode()) + len(weights)) / MB, 2),
        "held_out": trained.metrics,
        "process_pss_mb": model_memory(vocabulary, weights) if memory else None,
    }


def model_memory(vocabulary: str, weights: bytes) -> dict:
    """PSS of a fresh process before and after it loads this model."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "v.json").write_text(vocabulary, encoding="utf-8")
        (Path(folder) / "w.bin").write_bytes(weights)
        code = f"""
import gc, json
from pathlib import Path
def pss():
    for line in open("/proc/self/smaps_rollup"):
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
from linernotes.spam.model import Scorer
before = pss()
v = Path({folder!r}, "v.json").read_text(encoding="utf-8")
w = Path({folder!r}, "w.bin").read_bytes()
scorer = Scorer.from_data(v, w)
del v, w; gc.collect()
print(json.dumps({{"before": round(before, 1), "after": round(pss(), 1)}}))
"""
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "linernotes.settings.test"},
        )
    return json.loads(done.stdout)


def summary(results: dict) -> str:
    cv, lovo = results["cv5"]["pooled"], results["lovo"]
    rows = [
        "| measure | figure | target |",
        "|---|--:|---|",
        f"| 5-fold CV, 4 videos pooled: spam F1 / ham FPR | {cv['spam_f1']:.3f} / "
        f"{100 * cv['ham_fpr']:.1f}% | ≥ 0.95 at ≤ 3% |",
        f"| same, threshold for ≤ 3% ham FPR of the training part: F1 / ham FPR | "
        f"{results['cv5']['pooled_at_3pct']['spam_f1']:.3f} / "
        f"{100 * results['cv5']['pooled_at_3pct']['ham_fpr']:.1f}% | ≥ 0.95 at ≤ 3% |",
        f"| leave one video out: mean F1 / mean ham FPR | {lovo['mean_f1']:.3f} / "
        f"{100 * lovo['mean_ham_fpr']:.1f}% | ≥ 0.93 at ≤ 2% |",
    ]
    for name, figures in results["evaluate"].items():
        rows.append(
            f"| `spam evaluate {name}.csv --train-exclude` it: F1 / ham FPR / p99 | "
            f"{figures['spam_f1']:.3f} / {100 * figures['ham_fpr']:.1f}% / "
            f"{figures['p99_ms']:.1f} ms | ≥ 0.93, ≤ 1%, ≤ 10 ms |"
        )
    blog = results["blog"]
    legit = blog["n"]
    verdicts = blog["verdicts"]
    to_spam, held = verdicts["spam"]["ham"], verdicts["hold"]["ham"]
    retrain = results["retrain"]
    memory = retrain["process_pss_mb"]
    added = memory["after"] - memory["before"]
    rows += [
        f"| {legit} real blog comments at cold start: to spam / held / text over "
        f"threshold | {to_spam} ({100 * to_spam / legit:.1f}%) / {held} / "
        f"{100 * blog['ham_fpr']:.1f}% | ≤ 1% to spam |",
        f"| retrain on 10,000 comments | {retrain['seconds']:.1f} s | ≤ 10 s |",
        f"| stored model (10,000-comment site) | {retrain['model_mb']:.1f} MB "
        "| ≤ 10 MB |",
        f"| one process's PSS to load it | +{added:.0f} MB "
        f"({memory['before']:.0f} → {memory['after']:.0f}) | within 250 MB for all |",
    ]
    load = results["load_before"], results["load_after"]
    rows.append(
        f"\nLoad average before / after: {load[0][0]:.2f} / {load[1][0]:.2f} (1 min)."
    )
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
