"""The cache is invisible: every command, on every kind of store, gives the same output, exit
code and file bytes with the cache off, cold (empty) and warm (filled by an earlier command)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from typer.testing import CliRunner

from conftest import ACCOUNT_FILES, ACCOUNTS_STORE, REPO, SMALL_STORE
from timeline.cli import app

ARTICLE = (
    "On 3 January 2022 both sides sign. We sign a treaty today. Talks went on in March 2021.\n"
)
WITH_ARTICLE = SMALL_STORE.replace('url = "https://example.org/report"', 'file = "article.txt"')
BUNDLED = (REPO / "events.toml").read_bytes()
BUNDLED_ARTICLE = next((REPO / "sources").iterdir()).name

STORES: dict[str, bytes] = {
    "valid": SMALL_STORE.encode(),
    "valid with an article": WITH_ARTICLE.encode(),
    "the bundled store, copied": BUNDLED,
    "CRLF line ends": SMALL_STORE.replace("\n", "\r\n").encode(),
    "a byte order mark": b"\xef\xbb\xbf" + SMALL_STORE.encode(),
    "no final newline": SMALL_STORE.rstrip("\n").encode(),
    "a quote missing from its source": WITH_ARTICLE.replace(
        "We sign a treaty today.", "We sign nothing."
    ).encode(),
    "a source file missing": SMALL_STORE.replace(
        'url = "https://example.org/report"', 'file = "gone.txt"'
    ).encode(),
    "duplicate ids": SMALL_STORE.replace('id = "talks"', 'id = "TRUCE"').encode(),
    "schema errors": SMALL_STORE.replace('type = "talks"', 'type = "TALK"', 1)
    .replace('date = "late 2021-05"', 'date = "2021-02-30"')
    .replace('actors = ["north"]', 'actors = ["norht"]')
    .encode(),
    "likely duplicates": (
        SMALL_STORE
        + '\n[[events]]\nid = "truce-again"\ndate = "2021-03-05"\ntitle = "A TRUCE is signed"\n'
        'type = "talks"\nsources = ["report"]\n'
    ).encode(),
    "a TOML syntax error": SMALL_STORE.replace("[types.talks]", "[types.talks").encode(),
    "not UTF-8": SMALL_STORE.replace("Geneva", "Gen\udcffva").encode("utf-8", "surrogateescape"),
    "UTF-16": SMALL_STORE.encode("utf-16"),
    "an empty file": b"",
    "no [timeline] table": SMALL_STORE.replace('[timeline]\ntitle = "Test timeline"', "").encode(),
    "events with accounts": ACCOUNTS_STORE.encode(),
    "an account quoting another source": ACCOUNTS_STORE.replace(
        '"Six soldiers were killed near Aravus"', '"five soldiers died"'
    ).encode(),
    "events as an inline array": (
        b'events = [{ id = "a", date = "2020", title = "A", type = "talks", sources = ["r"] }]\n'
        b'[timeline]\ntitle = "Inline"\n[types.talks]\ncolor = "cyan"\n'
        b'[sources.r]\ntitle = "R"\n'
    ),
}

DRAFTS = """\
[sources.new-report]
title = "A new report"
published = "2022-01-03"

[[events]]
date = "2022-01-03"
title = "Drafted from the report"
type = "talks"
sources = ["new-report"]

[[events]]
date = "2022-01-04"
title = "A draft quoting what the article does not say"
type = "talks"
sources = ["report"]
quotes = ["Not in the article."]
"""

NEW = ("--date", "2022-01-02", "--title", "A new event", "--type", "talks")
QUOTING = ("--source", "report", "--quote", "We sign a treaty today.")
COMMANDS: list[tuple[str, ...]] = [
    ("show",),
    ("show", "--details", "--all"),
    ("show", "--year", "2021"),
    ("show", "--actor", "Northland", "--reverse"),
    ("show", "--contested", "--details", "--all"),
    ("show", "--source", "report", "--source", "b", "--year", "2021"),
    ("show", "--source", "no-such-source"),
    ("sources", "--contested"),
    ("info", "truce"),
    ("actors",),
    ("types",),
    ("sources",),
    ("check",),
    *(
        ("export", "--format", name)
        for name in ("markdown", "json", "csv", "ical", "html", "timelinejs", "mermaid")
    ),
    ("add", *NEW),
    ("add", "--dry-run", *NEW),
    ("add", "--id", "truce", *NEW),
    ("add", *NEW, "--source", "report", "--quote", "Not in the article"),
    ("add", *NEW, "--source", "report", "--quote", "We  sign a treaty\ntoday."),
    ("add", "--date", "2021-03-05", "--title", "A truce is  SIGNED", "--type", "talks"),
    ("add", "--date", "2021-03", "--title", "Signed", "--type", "talks", *QUOTING),
    ("add", "--from", "drafts.toml"),
    ("add", "--dry-run", "--from", "drafts.toml"),
    ("extract", "article.txt", "--published", "2022-01-05"),
    ("tags",),
    ("actors", "add", "east", "--name", "Eastland", "--part-of", "north"),
    ("actors", "rm", "south"),
    ("types", "add", "riot", "--color", "#cc79a7", "--dry-run"),
    ("sources", "add", "article", "--title", "The article", "--file", "article.txt"),
    ("sources", "rm", "report"),
    ("edit", "truce", "--title", "Truce", "--drop", "summary"),
    ("edit", "truce", "--date", "2021-02-30", "--actor", "nobody"),
    ("edit", "truce", "--id", "TALKS"),
    ("edit", "truce", "--quote", "Not in the article"),
    ("rm", "talks", "--yes"),
    ("rm", "truce", "war", "--yes"),
]
# Several writes in a row: the second add is checked against a journal of the first.
SEQUENCES: dict[str, list[tuple[str, ...]]] = {
    "add, show, add, check": [
        ("add", *NEW),
        ("show",),
        ("add", "--date", "2022-02", "--title", "Later", "--type", "battle"),
        ("add", "--id", "A-NEW-EVENT", "--date", "2023", "--title", "Clash", "--type", "talks"),
        ("check",),
        ("export", "--format", "json"),
    ],
    "declare, add, remove": [
        ("types", "add", "riot", "--color", "red"),
        ("actors", "add", "east", "--name", "Eastland"),
        ("add", "--id", "riot-1", "--date", "2022", "--title", "Riot", "--type", "riot"),
        ("types", "rm", "riot"),
        ("actors", "rm", "east"),
        ("check",),
    ],
    "rm, show, edit, export, check": [
        ("rm", "war", "--yes"),
        ("show", "--all"),
        ("edit", "clash", "--title", "A clash", "--id", "border-clash"),
        ("export", "--format", "json"),
        ("edit", "border-clash", "--date", "2021-05-20"),
        ("info", "border-clash"),
        ("check",),
    ],
    "events of one date, one edited": [
        ("add", "--id", "first", "--date", "2022-02-02", "--title", "First", "--type", "talks"),
        ("add", "--id", "second", "--date", "2022-02-02", "--title", "Second", "--type", "talks"),
        ("show", "--all"),
        ("edit", "first", "--title", "First, edited"),
        ("show", "--all"),
        ("rm", "second", "--yes"),
        ("export", "--format", "json"),
    ],
    "the same add twice, the same drafts twice": [
        ("add", *NEW),
        ("add", *NEW),
        ("add", "--from", "drafts.toml"),
        ("add", "--from", "drafts.toml"),
        ("check",),
    ],
}


class Outcome(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str
    store: bytes


MODES = ("off", "cold", "warm")


def run_case(
    folder: Path, store: bytes, commands: list[tuple[str, ...]], mode: str
) -> list[Outcome]:
    """Lay the files out afresh in folder, then run each command in the given cache mode."""
    for name in list(folder.iterdir()):
        if name.is_file():
            name.unlink()
    path = folder / "events.toml"
    path.write_bytes(store)
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / BUNDLED_ARTICLE).write_bytes((REPO / "sources" / BUNDLED_ARTICLE).read_bytes())
    (folder / "drafts.toml").write_text(DRAFTS, encoding="utf-8")
    for name, text in ACCOUNT_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    cache = folder.parent / f"cache-{mode}"
    env = {
        "TIMELINE_CACHE_DIR": str(cache),
        "TIMELINE_NO_CACHE": "1" if mode == "off" else None,
        "COLUMNS": "100",
    }
    runner = CliRunner()

    def invoke(command: tuple[str, ...]) -> Outcome:
        result = runner.invoke(app, ["--store", str(path), *command], env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit), result
        # A calendar is stamped with the time it was made.
        stdout = re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:…", result.stdout)
        return Outcome(result.exit_code, stdout, result.stderr, path.read_bytes())

    with contextlib.chdir(folder):  # drafts.toml and article.txt are named as a user would
        if mode == "warm":
            invoke(("show",))  # fills the cache (or fails as the others will)
        return [invoke(command) for command in commands]


def cases() -> Iterator[tuple[str, bytes, list[tuple[str, ...]]]]:
    for store_name, store in STORES.items():
        for command in COMMANDS:
            yield f"{store_name}: {' '.join(command)}", store, [command]
    for sequence_name, commands in SEQUENCES.items():
        for store_name in ("valid", "valid with an article", "CRLF line ends"):
            yield f"{store_name}: {sequence_name}", STORES[store_name], commands
    yield "events with accounts: edit, info, rm", STORES["events with accounts"], ACCOUNT_SEQUENCE


# Events with accounts, edited and removed: the accounts go with their event.
ACCOUNT_SEQUENCE: list[tuple[str, ...]] = [
    ("info", "clash"),
    ("show", "--contested", "--details"),
    ("export", "--format", "json", "--contested", "--source", "b"),
    ("edit", "clash", "--title", "A clash", "--date", "2023-09-21"),
    ("info", "clash"),
    ("check",),
    ("show", "--contested", "--details"),
    ("rm", "talks", "--yes"),
    ("export", "--format", "json"),
    ("show", "--source", "a", "--details"),
    ("rm", "clash", "--yes"),
    ("show", "--contested"),
    ("check",),
]


CASES = list(cases())


@pytest.mark.parametrize(("store", "commands"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_same_with_the_cache_off_cold_and_warm(
    tmp_path: Path, store: bytes, commands: list[tuple[str, ...]]
) -> None:
    """Same stdout, stderr, exit code and store bytes, whatever the state of the cache."""
    folder = tmp_path / "store"
    folder.mkdir()
    off, cold, warm = (run_case(folder, store, commands, mode) for mode in MODES)
    assert cold == off
    assert warm == off


def outcomes(tmp_path: Path, store: str, *commands: tuple[str, ...]) -> list[Outcome]:
    """What the commands give in every cache mode, checked to be the same."""
    folder = tmp_path / "store"
    folder.mkdir(exist_ok=True)
    off, cold, warm = (run_case(folder, STORES[store], list(commands), mode) for mode in MODES)
    assert cold == off and warm == off
    return off


def test_a_quote_not_in_its_source_is_refused_whatever_the_cache(tmp_path: Path) -> None:
    """The bug that started it: an invented quote was added with the cache on."""
    add = ("add", *NEW, "--source", "report", "--quote", "Not in the article")
    added, dry_run = outcomes(
        tmp_path, "valid with an article", add, ("add", "--dry-run", *add[1:])
    )
    path = tmp_path / "store" / "events.toml"
    error = (
        f"timeline: {path}: event 2022-01-02-a-new-event: quotes: "
        "quote 1 is not in the text of its source (report)\n"
    )
    assert (added.exit_code, added.stderr, added.store) == (1, error, WITH_ARTICLE.encode())
    assert (dry_run.exit_code, dry_run.stderr, dry_run.stdout) == (1, error, "")


def test_a_write_is_refused_with_what_check_reports(tmp_path: Path) -> None:
    """A store whose own quote is not in its source takes no new event, however good: the
    refusal is check's error line, word for word."""
    checked, added = outcomes(
        tmp_path, "a quote missing from its source", ("check",), ("add", *NEW)
    )
    assert checked.exit_code == added.exit_code == 1
    error = checked.stdout.splitlines()[0]
    assert error.endswith("event truce: quotes: quote 1 is not in the text of its source (report)")
    assert added.stderr == f"timeline: {error}\n"


def test_drafts_are_added_all_or_none(tmp_path: Path) -> None:
    """A draft file with one invented quote adds nothing, and says which draft is wrong."""
    [result] = outcomes(tmp_path, "valid with an article", ("add", "--from", "drafts.toml"))
    path = tmp_path / "store" / "events.toml"
    assert result.exit_code == 1
    assert result.stderr == (
        f"timeline: {path}: event 2022-01-04-a-draft-quoting-what-the: quotes: "
        "quote 1 is not in the text of its source (report)\n"
    )
    assert result.store == WITH_ARTICLE.encode()


def test_a_good_add_writes_the_same_bytes_whatever_the_cache(tmp_path: Path) -> None:
    """Two adds in a row (the second checked against the cache's journal of the first)."""
    first, second = outcomes(
        tmp_path,
        "CRLF line ends",
        ("add", *NEW),
        ("add", "--date", "2023", "--title", "B", "--type", "talks"),
    )
    assert (first.exit_code, second.exit_code) == (0, 0)
    expected = SMALL_STORE + (
        '\n[[events]]\nid = "2022-01-02-a-new-event"\ndate = "2022-01-02"\n'
        'title = "A new event"\ntype = "talks"\n'
        '\n[[events]]\nid = "2023-b"\ndate = "2023"\ntitle = "B"\ntype = "talks"\n'
    )
    assert second.store == expected.replace("\n", "\r\n").encode()
