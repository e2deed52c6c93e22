"""Sample a server's memory and CPU: PSS summed over a process and its descendants.

    python bench/pss.py PID OUT.tsv [--interval 0.2] [--max-seconds 900]

Every interval, reads /proc/<pid>/smaps_rollup of PID (the gunicorn master) and
of every descendant (its workers) and appends one line to OUT.tsv:

    epoch_seconds  pss_kib  processes  tree_cpu_ticks  machine_busy_ticks

PSS counts each shared page once across the processes sharing it, so the sum is
what the server really costs the machine. The two tick counters (user + system,
in clock ticks) let a report tell how much of the machine the server used during
a run and how much went to everything else. Stops when PID is gone or after
--max-seconds, whichever comes first.
"""

import argparse
import time
from pathlib import Path


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def tree(pid: int) -> list[int]:
    pids, frontier = [pid], [pid]
    for _ in range(4):  # master → workers (→ their children); bounded depth
        frontier = [c for p in frontier for c in children(p)]
        if not frontier:
            break
        pids += frontier
    return pids


def pss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_ticks(pid: int) -> int:
    try:
        # Fields after the command name, which is in parentheses and may hold spaces.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime


def machine_busy_ticks() -> int:
    values = [
        int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    ]
    return sum(values) - values[3] - values[4]  # all but idle and iowait


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pid", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--interval", type=float, default=0.2)
    parser.add_argument("--max-seconds", type=float, default=900)
    args = parser.parse_args()
    deadline = time.monotonic() + args.max_seconds
    with args.out.open("a") as out:
        while time.monotonic() < deadline:
            pids = tree(args.pid)
            sizes = [s for p in pids if (s := pss_kib(p)) is not None]
            if not sizes:  # the master is gone
                break
            ticks = sum(cpu_ticks(p) for p in pids)
            out.write(
                f"{time.time():.3f}\t{sum(sizes)}\t{len(sizes)}\t{ticks}"
                f"\t{machine_busy_ticks()}\n"
            )
            out.flush()
            time.sleep(args.interval)


if __name__ == "__main__":
    main()
