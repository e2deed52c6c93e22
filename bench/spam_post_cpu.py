"""CPU time of posting one guest comment, with and without the text model.

    .venv/bin/python bench/spam_post_cpu.py [--comments 400] [--rounds 3] [--profile]

A fresh SQLite site in a temporary folder (migrated, so it holds the starting
text model, and given the demo content) in the README's deployment settings
with the local-memory cache, as ``bench/run.sh`` serves it. In this one
process, Django's test client posts guest comments through the real form, the
way ``bench/comment.lua`` does (signed form token older than 3 s, empty
honeypot, a browser, each comment from its own network through the trusted
proxy). Each request's CPU time is ``time.thread_time`` around it, so other
processes on a loaded machine do not count. Rounds alternate the pipeline
with the text model and without it (the same checks otherwise), so both see
the same machine; the difference of the medians is what the model costs a
comment. ``--profile`` prints cProfile's top entries for a run with the model.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # spam_memory, beside this file

from spam_memory import BROWSER, HOST, LN  # noqa: E402
from spam_memory import site_env as served_site_env  # noqa: E402

TEXT_CHECK = "linernotes.spam.text_check.TextModelCheck"


def site_env(data_dir: Path) -> dict:
    """``bench/spam_memory.py``'s deployment environment, with Django's test
    client's own host (``testserver``) allowed beside HOST."""
    env = served_site_env(data_dir)
    env["ALLOWED_HOSTS"] = f"{HOST},testserver"
    return env


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spam-post-") as folder:
        env = site_env(Path(folder))
        subprocess.run([*LN, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run(
            [*LN, "demo"], env=env, cwd=ROOT, check=True, capture_output=True
        )
        os.environ.clear()
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "linernotes.settings.base"
        import django

        django.setup()
        print(json.dumps(measure(args)))
    return 0


def measure(args) -> dict:
    from django.conf import settings
    from django.test import Client

    from linernotes.comments.models import Comment
    from linernotes.posts.models import Post
    from linernotes.spam.checks import pipeline

    post = Post.objects.filter(status="published").order_by("pk").first()
    client = Client(
        HTTP_HOST=HOST,
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_USER_AGENT=BROWSER,
        REMOTE_ADDR="127.0.0.1",
    )
    token = json.loads(client.get(f"/account/me.json?post={post.pk}").content).get(
        "comment_form_shown", ""
    )
    time.sleep(3.2)  # a reader takes longer than the timing check's 3 s
    with_model = list(settings.LINERNOTES_SPAM_CHECKS)
    without = [c for c in with_model if c.get("NAME") != TEXT_CHECK]
    counter = 0

    def post_comments(n: int, profile: cProfile.Profile | None = None) -> list[float]:
        nonlocal counter
        times = []
        for _ in range(n):
            counter += 1
            data = {
                "name": f"Bench reader {counter}",
                "email": f"reader-{counter}@example.org",
                "url": "",
                "subject": "",
                "body": "The second side is where this record really opens up "
                f"(reader {counter}).",
                "parent": "",
                "key": f"cpu-{counter}",
                "shown": token,
            }
            address = (
                f"{11 + counter // 65536}.{counter // 256 % 256}.{counter % 256}.20"
            )
            started = time.thread_time()
            if profile:
                profile.enable()
            answer = client.post(
                f"/comments/post/{post.pk}/",
                data,
                HTTP_ORIGIN=f"https://{HOST}",
                HTTP_SEC_FETCH_SITE="same-origin",
                HTTP_X_FORWARDED_FOR=address,
            )
            if profile:
                profile.disable()
            times.append((time.thread_time() - started) * 1000)
            assert answer.status_code == 302, answer.status_code
        return times

    results: dict = {"load_before": os.getloadavg(), "rounds": []}
    post_comments(50)  # warm-up: the model loaded, caches filled
    for _ in range(args.rounds):
        for label, checks in (("with_model", with_model), ("without_model", without)):
            settings.LINERNOTES_SPAM_CHECKS = checks
            pipeline.cache_clear()
            times = post_comments(args.comments)
            results["rounds"].append(
                {
                    "pipeline": label,
                    "p50_cpu_ms": round(percentile(times, 50), 3),
                    "p99_cpu_ms": round(percentile(times, 99), 3),
                    "mean_cpu_ms": round(sum(times) / len(times), 3),
                }
            )
    settings.LINERNOTES_SPAM_CHECKS = with_model
    pipeline.cache_clear()
    for label in ("with_model", "without_model"):
        rows = [r for r in results["rounds"] if r["pipeline"] == label]
        results[label + "_p50_cpu_ms"] = sorted(r["p50_cpu_ms"] for r in rows)[
            len(rows) // 2
        ]
    if args.profile:
        profile = cProfile.Profile()
        post_comments(args.comments, profile)
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(45)
        results["profile"] = out.getvalue()
    results["verdicts"] = dict(
        Counter(Comment.objects.values_list("spam_verdict", flat=True))
    )
    results["load_after"] = os.getloadavg()
    return results


if __name__ == "__main__":
    raise SystemExit(main())
