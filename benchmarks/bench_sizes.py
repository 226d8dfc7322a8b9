"""Time timeline on generated stores of 1,000, 10,000 and 100,000 events, cold and warm.

    python benchmarks/bench_sizes.py [--sizes 1000 10000 100000] [--runs 5] [--accounts]

For each size and command: the median wall time over the runs, its ratio to the median of
`python -c "import rich.console"` run just before each of them, and the peak memory (max
RSS) of the largest run. "cold" is the first read of an unseen store (an empty cache); "warm"
reads it again. Stores are generated with benchmarks/generate.py (seeded) into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_store
from timing import installed_timeline


def run(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int]:
    """Wall time in seconds and peak memory in MB of one run."""
    report = cwd / "time.txt"
    start = time.perf_counter()
    subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(report), *command],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    seconds = time.perf_counter() - start
    return seconds, int(report.read_text().split()[-1]) // 1024


class Row(NamedTuple):
    store: str
    command: str
    seconds: float  # median
    memory: int  # MB, the largest of the runs
    reference: float  # median of the reference runs made between this command's runs


def measure(
    command: list[str], runs: int, env: dict[str, str], work: Path, before: Callable[[], None]
) -> tuple[float, int, float]:
    """Median seconds and peak MB of command, and the median of the reference run just
    before each of its runs: the machine's speed drifts, and a ratio to a reference measured
    minutes earlier drifts with it."""
    reference = [sys.executable, "-c", "import rich.console"]
    times, memories, references = [], [], []
    for _ in range(runs):
        references.append(run(reference, env, work)[0])
        before()
        seconds, memory = run(command, env, work)
        times.append(seconds)
        memories.append(memory)
    return statistics.median(times), max(memories), statistics.median(references)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=1, help="runs of the first read")
    parser.add_argument(
        "--accounts",
        action="store_true",
        help="one event in ten with figures and a second source's account (generate.py)",
    )
    args = parser.parse_args()
    timeline = installed_timeline()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = dict(os.environ, TIMELINE_CACHE_DIR=str(work / "cache"))
        env.pop("TIMELINE_NO_CACHE", None)

        def empty_cache() -> None:
            shutil.rmtree(work / "cache", ignore_errors=True)

        for size in args.sizes:
            store = work / f"events-{size}.toml"
            store.write_text(generate_store(size, accounts=args.accounts), encoding="utf-8")
            label = f"{size:,} events ({store.stat().st_size / 1e6:.0f} MB)"
            base = [timeline, "--store", str(store)]
            cold = [*base, "show", "--year", "2015"]
            measured = measure(cold, args.cold_runs, env, work, empty_cache)
            rows.append(Row(label, "cold: show --year 2015 (first read)", *measured))
            commands = {
                "show --year 2015": ["show", "--year", "2015"],
                "show (the latest 200)": ["show"],
                "export --format json": ["export", "--format", "json"],
                "export --format markdown": ["export", "--format", "markdown"],
            }
            for name, extra in commands.items():
                measured = measure([*base, *extra], args.runs, env, work, lambda: None)
                rows.append(Row(label, f"warm: {name}", *measured))
            # Each add appends a new event: one run per command, each with its reference.
            event = ["--date", "2024-01-01", "--type", "diplomacy"]
            adds = [
                measure(
                    [*base, "add", *event, "--id", f"bench-{size}-{n}", "--title", f"Bench {n}"],
                    1,
                    env,
                    work,
                    lambda: None,
                )
                for n in range(args.runs)
            ]
            rows.append(
                Row(
                    label,
                    "warm: add",
                    statistics.median(seconds for seconds, _, _ in adds),
                    max(memory for _, memory, _ in adds),
                    statistics.median(reference for _, _, reference in adds),
                )
            )
    references = statistics.median(row.reference for row in rows)
    print(
        f'python -c "import rich.console": {references * 1000:.0f} ms (median); each ratio is\n'
        "to the reference runs made between that command's runs\n"
    )
    print(f"{'store':<22} {'command':<38} {'median':>9} {'ratio':>7} {'peak MB':>8}")
    for row in rows:
        print(
            f"{row.store:<22} {row.command:<38} {row.seconds:8.2f}s "
            f"{row.seconds / row.reference:6.2f}x {row.memory:8d}"
        )


if __name__ == "__main__":
    main()
