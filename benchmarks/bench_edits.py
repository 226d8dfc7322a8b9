"""Time the writes that change a store in place: edit with options, an account, rm, and a
declaration.

    python benchmarks/bench_edits.py [--runs N] [--sizes 10000 100000]

For each size a seeded store is generated into a temporary folder and read once (the cache is
warm, as it is for someone who keeps a store). Each run edits or removes a different event,
so every run changes the file; each write leaves the cache warm for the next, as in daily use.
Prints the median wall time and the peak memory of each command.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate_store
from timing import installed_timeline


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one run of command, which must succeed."""
    start = time.perf_counter()
    finished = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    return seconds, int(finished.stderr.strip().splitlines()[-1])


def commands(base: list[str], ids: list[str]) -> dict[str, Callable[[int], list[str]]]:
    """The writes timed, each as the command line of its n-th run."""
    return {
        "edit ID --title TEXT": lambda n: [*base, "edit", ids[n], "--title", f"T{n}"],
        "edit ID --account S --figure F": lambda n: [
            *[*base, "edit", ids[n]],
            *["--account", "feed", "--figure", f"killed={n}"],
        ],
        "rm ID --yes": lambda n: [*base, "rm", ids[-1 - n], "--yes"],
        "actors add ID --name NAME": lambda n: [*base, "actors", "add", f"a{n}", "--name", "A"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000])
    args = parser.parse_args()
    timeline = installed_timeline()
    print(f"{'store':<24} {'command':<32} {'median':>9} {'peak':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            store = Path(folder) / f"events-{size}.toml"
            store.write_text(generate_store(size), encoding="utf-8")
            ids = re.findall(r'^id = "([^"]+)"', store.read_text(encoding="utf-8"), re.M)
            base = [timeline, "--store", str(store)]
            subprocess.run([*base, "show", "--year", "1900"], check=True, capture_output=True)
            label = f"{size:,} events ({store.stat().st_size / 1e6:.0f} MB)"
            for name, command in commands(base, ids).items():
                samples = [timed(command(n)) for n in range(args.runs)]
                seconds = statistics.median(s for s, _ in samples)
                peak = max(kib for _, kib in samples) / 1024
                print(f"{label:<24} {name:<32} {seconds:8.2f}s {peak:7.0f} MB")


if __name__ == "__main__":
    main()
