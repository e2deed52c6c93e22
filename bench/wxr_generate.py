"""Write a large, realistic WordPress export (WXR 1.2) for the import benchmark.

    .venv/bin/python bench/wxr_generate.py OUT.xml [--posts 10000] [--comments 100000]
        [--pages 12] [--tags 300] [--seed 1985] [--check]

The file is written by ``linernotes.transfer.tests.wxr_generator.write_wxr``, the
same function the memory test uses, so the benchmark and the test read the same
kind of file. Seeded: the same arguments write the same bytes. Prints what the
file holds, in the import report's shape, as JSON on standard output; with
``--check`` it also runs the import's first pass (``check_wxr``) over the file
and exits 1 if the counts differ from what was written.
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linernotes.transfer.tests.wxr_generator import (  # noqa: E402
    SERIES_GLOB,
    write_wxr,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--tags", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1985)
    parser.add_argument("--check", action="store_true", help="run check_wxr over it")
    args = parser.parse_args()
    started = time.perf_counter()
    written = write_wxr(
        args.out,
        posts=args.posts,
        comments=args.comments,
        pages=args.pages,
        tags=args.tags,
        seed=args.seed,
    )
    seconds = time.perf_counter() - started
    print(
        f"{args.out}: {written.bytes / 1e6:.1f} MB in {seconds:.1f} s",
        file=sys.stderr,
    )
    result = {
        "file": str(args.out),
        "bytes": written.bytes,
        "seconds": round(seconds, 2),
        "series_glob": SERIES_GLOB,
        "zero_date_items": written.zero_date_items,
        "report": written.report(),
    }
    status = 0
    if args.check:
        from linernotes.transfer.wordpress.check import check_wxr

        started = time.perf_counter()
        found = check_wxr(args.out).as_report()
        result["check_seconds"] = round(time.perf_counter() - started, 2)
        differences = {
            key: {"written": value, "check_wxr": found[key]}
            for key, value in written.report().items()
            if found[key] != value
        }
        result["check_differences"] = differences
        result["check_warnings"] = found["warnings"]
        result["check_skipped"] = found["skipped"]
        if differences:
            print(f"check_wxr counts differ: {differences}", file=sys.stderr)
            status = 1
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main())
