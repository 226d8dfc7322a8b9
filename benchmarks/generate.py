"""Generate a realistic event store of any size, seeded, for benchmarks.

python benchmarks/generate.py 10000 > big.toml
python benchmarks/generate.py 10000 --accounts > disputed.toml
python benchmarks/generate.py 100000 --accounts --long-quotes > quoted.toml

With --accounts, one event in ten gives figures and a second source's account of it, which
gives its own figures and, for half of them, another date: what a store of disputed reports
holds. With --long-quotes, each event quotes one or two passages of 20 to 40 words (a
sentence or two), not one of 15 words.
"""

from __future__ import annotations

import argparse
import random
import sys

TYPES = {  # as `timeline init` declares them: Okabe and Ito's colours
    "conflict": "#d55e00",
    "ceasefire": "#009e73",
    "agreement": "#56b4e9",
    "deployment": "#e69f00",
    "diplomacy": "#0072b2",
    "statement": "#f0e442",
    "incident": "#cc79a7",
}
ACTORS = [
    ("russia", "Russia", "state", []),
    ("azerbaijan", "Azerbaijan", "state", []),
    ("armenia", "Armenia", "state", []),
    ("turkey", "Türkiye", "state", []),
    ("putin", "Vladimir Putin", "person", ["russia"]),
    ("aliyev", "İlham Əliyev", "person", ["azerbaijan"]),
    ("pashinyan", "Nikol Pashinyan", "person", ["armenia"]),
    ("peacekeepers", "Russian peacekeeping contingent", "force", ["russia"]),
    ("osce", "OSCE Minsk Group", "organisation", []),
    ("eu", "European Union", "organisation", []),
]
WORDS = [
    "talks",
    "border",
    "ceasefire",
    "shelling",
    "corridor",
    "humanitarian",
    "treaty",
    "delegation",
    "statement",
    "village",
    "checkpoint",
    "mediation",
    "prisoners",
    "exchange",
    "convoy",
    "region",
    "Lachin",
    "Stepanakert",
    "Shusha",
    "Yerevan",
    "Baku",
    "Moscow",
    "agreement",
    "violation",
    "casualties",
    "negotiations",
    "Ղարաբաղ",
    "Qarabağ",
    "Карабах",
]
LOCATIONS = ["Nagorno-Karabakh", "Lachin corridor", "Stepanakert", "Baku", "Yerevan", "Moscow", ""]


def _date(rng: random.Random) -> tuple[str, str | None]:
    year = rng.randint(1988, 2024)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.55:
        text = f"{year:04d}-{month:02d}-{day:02d}"
    elif roll < 0.75:
        text = f"{year:04d}-{month:02d}"
    elif roll < 0.85:
        text = f"{rng.choice(['early', 'mid', 'late'])} {year:04d}-{month:02d}"
    elif roll < 0.92:
        text = f"{year:04d}"
    else:
        text = f"{year:04d}-{month:02d}-{day:02d}{rng.choice('~?')}"
    end = None
    if rng.random() < 0.08:
        end = ".." if rng.random() < 0.3 else f"{min(year + rng.randint(0, 3), 2024):04d}"
        if end != ".." and int(end) < year:
            end = None
        if end is not None and end != ".." and int(end) == year and len(text) > 4:
            end = None
    return text, end


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quotes(rng: random.Random, long_quotes: bool) -> list[str]:
    """An event's quotes: one of 15 words; with long_quotes, one or two of 20 to 40 words
    (150 to 300 characters), as a sentence or two quoted from an article reads."""
    if not long_quotes:
        return [" ".join(rng.choices(WORDS, k=15))]
    count = rng.randint(1, 2)
    return [" ".join(rng.choices(WORDS, k=rng.randint(20, 40))) for _ in range(count)]


def generate_store(
    count: int, seed: int = 1, *, accounts: bool = False, long_quotes: bool = False
) -> str:
    rng = random.Random(seed)
    out = ['[timeline]\ntitle = "Generated timeline"\n']
    for type_id, color in TYPES.items():
        out.append(f"\n[types.{type_id}]\ncolor = {_quote(color)}\n")
    out.append('\n[sources.feed]\ntitle = "Generated feed"\npublisher = "Bench"\n')
    if accounts:
        out.append('\n[sources.wire]\ntitle = "Generated wire"\npublisher = "Bench"\n')
    for actor_id, name, kind, part_of in ACTORS:
        parts = ", ".join(_quote(p) for p in part_of)
        out.append(
            f"\n[actors.{actor_id}]\nname = {_quote(name)}\nkind = {_quote(kind)}\n"
            f"part_of = [{parts}]\n"
        )
    for index in range(count):
        date, end = _date(rng)
        words = rng.choices(WORDS, k=rng.randint(5, 12))
        summary = " ".join(rng.choices(WORDS, k=rng.randint(20, 60)))
        actors = ", ".join(_quote(a[0]) for a in rng.sample(ACTORS, rng.randint(1, 3)))
        out.append(
            f'\n[[events]]\nid = "e{index:06d}"\ndate = {_quote(date)}\n'
            + (f"end = {_quote(end)}\n" if end else "")
            + f"title = {_quote(' '.join(words).capitalize())}\n"
            f"summary = {_quote(summary)}\n"
            f"type = {_quote(rng.choice(list(TYPES)))}\n"
            f"actors = [{actors}]\n"
            f"location = {_quote(rng.choice(LOCATIONS))}\n"
            'sources = ["feed"]\n'
            f"quotes = [{', '.join(_quote(q) for q in _quotes(rng, long_quotes))}]\n"
            f"tags = [{_quote(rng.choice(WORDS))}]\n"
        )
        if accounts and index % 10 == 0:
            out[-1] = out[-1].replace('sources = ["feed"]', 'sources = ["feed", "wire"]')
            killed = rng.randint(0, 40)
            out.append(
                f"figures = {{ killed = {killed}, injured = {{ low = {killed}, "
                f'high = {killed * 2 + 5} }} }}\n\n[[events.accounts]]\nsource = "wire"\n'
                + (f"date = {_quote(_date(rng)[0])}\n" if rng.random() < 0.5 else "")
                + f"figures = {{ killed = {killed + rng.randint(0, 3)} }}\n"
                f"note = {_quote(' '.join(rng.choices(WORDS, k=8)))}\n"
            )
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=1000, help="how many events")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--accounts",
        action="store_true",
        help="one event in ten with figures and a second source's account",
    )
    parser.add_argument(
        "--long-quotes",
        action="store_true",
        help="each event quotes one or two passages of 20 to 40 words (not one of 15)",
    )
    args = parser.parse_args()
    store = generate_store(
        args.count, args.seed, accounts=args.accounts, long_quotes=args.long_quotes
    )
    sys.stdout.write(store)


if __name__ == "__main__":
    main()
