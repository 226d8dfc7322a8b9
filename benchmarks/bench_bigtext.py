"""Time timeline on big texts: `extract` on generated articles, `info` and `show --details` on
a store whose event has a huge note or summary.

    python benchmarks/bench_bigtext.py [--extract-kb 10 20 40 80 1024] [--field-mb 1 4 16]
                                       [--shapes article paragraph base64 dated] [--timeout 600]

Each line: the input (KB: 1,024 bytes of UTF-8), the command, its wall time and peak memory
(max RSS, /usr/bin/time) and its exit status if not 0, or "did not finish" after --timeout
seconds (the command is then stopped). Inputs are generated (seeded) into a temporary folder;
the store is read once first, so the times are those of a warm cache.

Article shapes: "article" is the bundled article's paragraphs repeated (repetitive text);
"paragraph" the same sentences as one paragraph without a break; "base64" random bytes in
base64 (76-character lines, no sentence ends); "dated" distinct sentences that each name a
date, in paragraphs of five (a draft for every sentence).
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import installed_timeline

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "sources" / "2023-09-21-aliyev-apology-russian-peacekeepers.txt"
SHAPES = ("article", "paragraph", "base64", "dated")
WORDS = (
    *("talks", "border", "ceasefire", "shelling", "corridor", "humanitarian", "treaty"),
    *("delegation", "village", "officials", "river", "Lachin", "Goris", "Ղարաբաղ"),
    *("Qarabağ", "Карабах", "said", "met", "signed", "announced"),
)


def article_text(shape: str, size: int) -> str:
    """size bytes (UTF-8) of text of the given shape, dated by its dateline (21 September
    2023)."""
    return _text(shape, size).encode("utf-8")[:size].decode("utf-8", errors="ignore")


def _text(shape: str, size: int) -> str:
    source = ARTICLE.read_text(encoding="utf-8")
    head, _, body = source.partition("\n\n")
    dateline = "21 September 2023\n\n"
    if shape == "article":
        unit = body + "\n\n"
    elif shape == "paragraph":
        unit = " ".join(body.split()) + " "
    elif shape == "base64":
        data = random.Random(1).randbytes(size * 3 // 4 + 3)
        return head + "\n\n" + dateline + base64.encodebytes(data).decode("ascii")[:size]
    else:
        pick = random.Random(2)
        sentences = []
        for number in range(size // 60 + 1):
            words = " ".join(pick.choice(WORDS) for _ in range(8))
            day = number % 28 + 1
            sentences.append(f"Delegate {number} {words} on {day} May 2021 in Goris.")
        text = "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))
        return head + "\n\n" + dateline + text[:size]
    out = [head, "\n\n", dateline]
    length = sum(map(len, out))
    while length < size:
        out.append(unit)
        length += len(unit)
    return "".join(out)[:size]


def field_store(field: str, size: int) -> str:
    """A small store whose one event has a size-character note or summary of prose: words in
    three scripts, a line break every 40 words, a blank line every 200."""
    pick = random.Random(3)
    parts: list[str] = []
    length = 0
    while length < size:
        word = pick.choice(WORDS)
        count = len(parts) + 1
        sep = "\\n\\n" if count % 200 == 0 else "\\n" if count % 40 == 0 else " "
        parts.append(word + sep)
        length += len(word) + 1
    value = "".join(parts)
    return (
        '[timeline]\ntitle = "Big text"\n\n[types.talks]\ncolor = "cyan"\n\n'
        '[sources.report]\ntitle = "A report"\n\n'
        '[[events]]\nid = "big"\ndate = "2021-03-05"\ntitle = "An event with a long text"\n'
        f'type = "talks"\nsources = ["report"]\n{field} = "{value}"\n'
    )


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: float) -> str:
    """'12.34 s  56 MB' (and the exit status if not 0), or 'did not finish in N s' (and the
    command is stopped)."""
    report = cwd / "time.txt"
    start = time.perf_counter()
    process = subprocess.Popen(
        ["/usr/bin/time", "-f", "%M", "-o", str(report), *command],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped with everything it started
    )
    try:
        status = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return f"did not finish in {timeout:.0f} s"
    seconds = time.perf_counter() - start
    memory = int(report.read_text().split()[-1]) // 1024
    exit_status = f"  (exit {status})" if status else ""
    return f"{seconds:7.2f} s {memory:6d} MB{exit_status}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract-kb", type=int, nargs="*", default=[10, 20, 40, 80, 1024])
    parser.add_argument("--shapes", nargs="*", default=list(SHAPES), choices=SHAPES)
    parser.add_argument("--field-mb", type=int, nargs="*", default=[1, 4, 16])
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    timeline = installed_timeline()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = dict(os.environ, TIMELINE_CACHE_DIR=str(work / "cache"))
        env.pop("TIMELINE_NO_CACHE", None)
        for shape in args.shapes:
            for kb in args.extract_kb:
                path = work / f"{shape}-{kb}.txt"
                path.write_text(article_text(shape, kb * 1024), encoding="utf-8")
                command = [timeline, "extract", str(path), "-o", str(work / "drafts.toml")]
                print(f"extract {shape:<9} {kb:>6} KB  {run(command, work, env, args.timeout)}")
                sys.stdout.flush()
        for field, words in (("note", ["info", "big"]), ("summary", ["show", "--details"])):
            for mb in args.field_mb:
                store = work / f"{field}-{mb}.toml"
                store.write_text(field_store(field, mb * 1024 * 1024), encoding="utf-8")
                command = [timeline, "--store", str(store), *words]
                run(command, work, env, args.timeout)  # the first read fills the cache
                label = f"{' '.join(words[:2]):<16} {mb:>3} MB {field}"
                print(f"{label:<30} {run(command, work, env, args.timeout)}")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
