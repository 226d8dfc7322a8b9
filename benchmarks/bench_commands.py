"""Time real timeline commands side by side with Python's own start-up, in one run.

    python benchmarks/bench_commands.py [--runs N] [--sizes 10000]

Prints the median wall time of each command over N runs, and its ratio to
`python -c "import rich.console"` measured in the same run. Stores are generated (seeded) into
a temporary folder, and read once before the timing starts (the cache is warm); nothing is
written to the repository. "complete: WORDS" is what TAB costs after `timeline WORDS`: the
command run as bash's completion script runs it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_store
from timing import installed_timeline


def measure(cases: list[tuple[str, list[str], int]], cwd: Path) -> list[float]:
    """Median wall time of each command. Commands run in turns (one run of each, then the
    next round), so that a change in the machine's load affects them all alike."""
    times: list[list[float]] = [[] for _ in cases]
    for round_number in range(max(runs for _, _, runs in cases)):
        for index, (name, command, runs) in enumerate(cases):
            if round_number >= runs:
                continue
            env = None
            if name.startswith("complete: "):
                words = " ".join(command)  # timeline and the words typed, the last one partly
                env = {
                    **os.environ,
                    "_TIMELINE_COMPLETE": "complete_bash",
                    "COMP_WORDS": words,
                    "COMP_CWORD": str(len(command) - 1),
                }
                command = command[:1]
            start = time.perf_counter()
            subprocess.run(
                command,
                cwd=cwd,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
            times[index].append(time.perf_counter() - start)
    return [statistics.median(samples) for samples in times]


def completions(timeline: str, before: list[str], label: str, runs: int) -> list[Any]:
    """Cases that time TAB after the words: event ids (all of them, and those beginning with
    one letter), actors, tags, types and formats."""
    return [
        (f"complete: {' '.join(words)} ({label})", [timeline, *before, *words], runs)
        for words in (
            ["info", ""],
            ["info", "p"],
            ["show", "--actor", ""],
            ["show", "--tag", ""],
            ["show", "--type", ""],
            ["export", "--format", ""],
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000])
    args = parser.parse_args()
    timeline = installed_timeline()
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        cases: list[tuple[str, list[str], int]] = [
            ("python -c pass", [python, "-c", "pass"], args.runs),
            ('python -c "import rich.console"', [python, "-c", "import rich.console"], args.runs),
            ("timeline show (bundled)", [timeline, "show"], args.runs),
            (
                "timeline show --year 2023 (bundled)",
                [timeline, "show", "--year", "2023"],
                args.runs,
            ),
            (
                "timeline export --format markdown (bundled)",
                [timeline, "export", "--format", "markdown"],
                args.runs,
            ),
            (
                "timeline export --format json (bundled)",
                [timeline, "export", "--format", "json"],
                args.runs,
            ),
            *completions(timeline, [], "bundled", args.runs),
        ]
        for size in args.sizes:
            store = work / f"events-{size}.toml"
            store.write_text(generate_store(size), encoding="utf-8")
            megabytes = store.stat().st_size / 1e6
            label = f"{size:,} events, {megabytes:.1f} MB"
            runs = max(3, args.runs // 3)
            # One read makes the cache: every case is timed warm.
            warm = [timeline, "--store", str(store), "show", "--year", "1900"]
            subprocess.run(warm, check=True, stdout=subprocess.DEVNULL)
            for name, extra in (
                ("show --year 2015", ["show", "--year", "2015"]),
                ("show", ["show"]),
                ("export --format markdown", ["export", "--format", "markdown"]),
                ("export --format json", ["export", "--format", "json"]),
            ):
                cases.append(
                    (f"timeline {name} ({label})", [timeline, "--store", str(store), *extra], runs)
                )
            cases += completions(timeline, ["--store", str(store)], label, runs)
        medians = measure(cases, work)
        results = [
            (name, seconds, runs) for (name, _, runs), seconds in zip(cases, medians, strict=True)
        ]
    reference = results[1][1]
    width = max(len(name) for name, _, _ in results)
    print(f"{'command':<{width}}  median     x rich.console  runs")
    for name, seconds, runs in results:
        print(f"{name:<{width}}  {seconds * 1000:7.1f} ms  {seconds / reference:6.2f}x      {runs}")


if __name__ == "__main__":
    main()
