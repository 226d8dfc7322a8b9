"""Time `timeline import` of generated ACLED-shaped rows, and the SQLite export of the result.

    python benchmarks/bench_import.py [--sizes 10000 100000]

For each size: writes a seeded CSV in ACLED's columns to a temporary folder, imports it into a
new store (wall time and the command's peak memory, its maximum resident set size), then
exports the store to SQLite twice (the first read parses the store; the second is served from
the cache) and reports the second. Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import installed_timeline, run

EVENT_TYPES = {
    "Battles": ["Armed clash", "Government regains territory"],
    "Explosions/Remote violence": ["Shelling/artillery/missile attack", "Air/drone strike"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
}
COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def write_rows(path: Path, count: int) -> None:
    rng = random.Random(17)
    actors = [f"Armed group {n}" for n in range(200)]
    places = [(f"Town {n}", rng.uniform(44, 52), rng.uniform(22, 40)) for n in range(2000)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n in range(count):
            event_type = rng.choice(list(EVENT_TYPES))
            place, lat, lon = rng.choice(places)
            day = f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(2014, 2024)}"
            notes = f"On that day, event {n} was reported near {place}.\nA second line."
            writer.writerow(
                [
                    f"BEN{n}",
                    day,
                    "",
                    rng.choice("1112223"),
                    "Political violence",
                    event_type,
                    rng.choice(EVENT_TYPES[event_type]),
                    rng.choice(actors),
                    "",
                    "State forces",
                    rng.choice(actors),
                    "",
                    "Rebel group",
                    "",
                    "",
                    "999",
                    "Europe",
                    "Benchland",
                    f"Province {n % 24}",
                    "",
                    "",
                    place,
                    f"{lat:.4f}",
                    f"{lon:.4f}",
                    rng.choice("123"),
                    "Agency One; Local Radio",
                    "National",
                    notes,
                    rng.choice(["", "0", "1", "3", "12"]),
                    "",
                    "0",
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    args = parser.parse_args()
    timeline = installed_timeline()
    print(f"{'rows':>8}  {'import':>9}  {'peak MB':>8}  {'sqlite export':>13}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            data = root / "acled.csv"
            write_rows(data, size)
            store = root / "s.toml"
            subprocess.run(
                [timeline, "init", str(store), "--title", "Bench"],
                check=True,
                stderr=subprocess.DEVNULL,
            )
            seconds, _, peak = run([timeline, "--store", str(store), "import", str(data)])
            export = [timeline, "--store", str(store), "export", "-o", str(root / "e.db")]
            run(export)  # the first read parses the store and caches it
            exported = run(export).wall
            print(f"{size:>8,}  {seconds:>8.1f}s  {peak:>8.0f}  {exported:>12.1f}s")


if __name__ == "__main__":
    main()
