"""Time the binary exports (SQLite, Parquet) of generated stores, the store read from the cache.

    python benchmarks/bench_exports.py [--sizes 10000 100000] [--runs 3] [--accounts]

For each size: generates a seeded store (benchmarks/generate.py) in a temporary folder, reads
it once (which fills the cache), then runs in turn, --runs times each: `info` of one event
(reading the store from the cache and building every event, to find that one: the
floor of every export), the JSON
export (for comparison) and the SQLite and Parquet exports to a file. Prints the median wall
time of each, that time less the read's (what the export takes once the store is read), and
the peak memory (maximum resident set size). The Parquet export needs pyarrow
(pip install '.[parquet]'); without it, its row says so.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_store
from timing import Run, installed_timeline, run

# The floor of every export: start-up, reading the store from the cache, and building every
# event (info finds its event among them all).
READ = "info e000000 (the read)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--accounts",
        action="store_true",
        help="one event in ten with figures and a second source's account (generate.py)",
    )
    args = parser.parse_args()
    timeline = installed_timeline()
    has_pyarrow = importlib.util.find_spec("pyarrow") is not None
    print(f"{'store':<24} {'command':<34} {'median':>8} {'after read':>10} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = dict(os.environ, TIMELINE_CACHE_DIR=str(work / "cache"))
        env.pop("TIMELINE_NO_CACHE", None)
        for size in args.sizes:
            store = work / f"events-{size}.toml"
            store.write_text(generate_store(size, accounts=args.accounts), encoding="utf-8")
            label = f"{size:,} events ({store.stat().st_size / 1e6:.0f} MB)"
            base = [timeline, "--store", str(store)]
            run([*base, "info", "e000000"], env)  # the first read fills the cache
            commands = {
                READ: ["info", "e000000"],
                "export --format json": ["export", "--format", "json"],
                "export -o events.db": ["export", "-o", str(work / "events.db")],
            }
            if has_pyarrow:
                commands["export -o events.parquet"] = ["export", "-o", str(work / "e.parquet")]
            measured: dict[str, list[Run]] = {name: [] for name in commands}
            for _ in range(args.runs):  # in turn: the machine's speed drifts alike for each
                for name, extra in commands.items():
                    measured[name].append(run([*base, *extra], env))
            read = statistics.median(result.wall for result in measured[READ])
            for name, results in measured.items():
                median = statistics.median(result.wall for result in results)
                peak = max(result.peak for result in results)
                after = "" if name == READ else f"{median - read:9.2f}s"
                print(f"{label:<24} {name:<34} {median:7.2f}s {after:>10} {peak:8.0f}")
            if not has_pyarrow:
                print(f"{label:<24} {'export -o events.parquet':<34} (needs pyarrow)")


if __name__ == "__main__":
    main()
