"""Time timeline on generated stores of 1,000, 10,000 and 100,000 events, cold and warm.

    python benchmarks/bench_sizes.py [--sizes 1000 10000 100000] [--runs 5]

For each size and command: the median wall time over the runs, its ratio to
`python -c "import rich.console"` measured in the same run, and the peak memory (max RSS) of
the slowest run. "cold" is the first read of an unseen store (an empty cache); "warm" reads it
again. Stores are generated with benchmarks/generate.py (seeded) into a temporary folder.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_store


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    timeline = shutil.which("timeline")
    if timeline is None:
        sys.exit("install the project first: pip install .")
    rows: list[tuple[str, str, float, int]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = dict(os.environ, TIMELINE_CACHE_DIR=str(work / "cache"))
        env.pop("TIMELINE_NO_CACHE", None)
        reference = statistics.median(
            run([sys.executable, "-c", "import rich.console"], env, work)[0]
            for _ in range(args.runs * 2)
        )
        for size in args.sizes:
            store = work / f"events-{size}.toml"
            store.write_text(generate_store(size), encoding="utf-8")
            label = f"{size:,} events ({store.stat().st_size / 1e6:.0f} MB)"
            base = [timeline, "--store", str(store)]
            shutil.rmtree(work / "cache", ignore_errors=True)
            seconds, memory = run([*base, "show", "--year", "2015"], env, work)
            rows.append((label, "cold: show --year 2015 (first read)", seconds, memory))
            commands = {
                "show --year 2015": ["show", "--year", "2015"],
                "show (the latest 200)": ["show"],
                "export --format json": ["export", "--format", "json"],
                "export --format markdown": ["export", "--format", "markdown"],
            }
            for name, extra in commands.items():
                results = [run([*base, *extra], env, work) for _ in range(args.runs)]
                rows.append(
                    (
                        label,
                        f"warm: {name}",
                        statistics.median(r[0] for r in results),
                        max(r[1] for r in results),
                    )
                )
            adds = [
                run(
                    [
                        *base,
                        "add",
                        "--id",
                        f"bench-{size}-{n}",
                        "--date",
                        "2024-01-01",
                        "--title",
                        f"Bench {n}",
                        "--type",
                        "diplomacy",
                    ],
                    env,
                    work,
                )
                for n in range(args.runs)
            ]
            rows.append(
                (label, "warm: add", statistics.median(r[0] for r in adds), max(r[1] for r in adds))
            )
    print(f'python -c "import rich.console": {reference * 1000:.0f} ms (the 1.00x reference)\n')
    print(f"{'store':<22} {'command':<38} {'median':>9} {'ratio':>7} {'peak MB':>8}")
    for label, name, seconds, memory in rows:
        print(f"{label:<22} {name:<38} {seconds:8.2f}s {seconds / reference:6.1f}x {memory:8d}")


if __name__ == "__main__":
    main()
