"""The cache of parsed stores: invisible to correctness, never stale."""

from __future__ import annotations

import errno
import gc
import os
import random
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from typer.testing import Result

from conftest import SMALL_STORE, add
from timeline import __version__
from timeline.dates.syntax import Precision, Span
from timeline.errors import StoreError
from timeline.model import DayWindows, Events
from timeline.store import Change, StoreFile, event_table, load
from timeline.store.audit import source_texts
from timeline.store.cache import Cache, fingerprint, format_key

NEW = {"id": "new", "date": "2022-01-02", "title": "A new event", "type": "talks"}
NEWER = {**NEW, "id": "newer", "title": "A newer event"}


@pytest.fixture(autouse=True)
def cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the cache: on even when the suite runs with TIMELINE_NO_CACHE."""
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)


def test_second_read_comes_from_the_cache(
    small_store_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load(small_store_path)
    assert len(list(private_cache.iterdir())) == 1
    monkeypatch.setattr("timeline.store.toml.parse", None)  # any parse would now fail
    assert load(small_store_path) == first


def test_an_edit_by_hand_is_seen_at_once(small_store_path: Path) -> None:
    """Same size, same second: the digest of the bytes still tells them apart."""
    load(small_store_path)
    edited = SMALL_STORE.replace("The long war", "The long wax")
    assert len(edited) == len(SMALL_STORE)
    small_store_path.write_text(edited, encoding="utf-8")
    assert load(small_store_path).events[0].title == "The long wax"


def test_a_broken_edit_is_reported_not_served_from_the_cache(small_store_path: Path) -> None:
    load(small_store_path)
    small_store_path.write_text(SMALL_STORE.replace('type = "talks"', 'type = "t"', 1))
    with pytest.raises(StoreError, match="unknown type 't'"):
        load(small_store_path)


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\xe3\x00\x00\x00\x00"])
def test_an_unreadable_cache_is_rebuilt(
    small_store_path: Path, private_cache: Path, damage: bytes
) -> None:
    load(small_store_path)
    (entry,) = private_cache.iterdir()
    entry.write_bytes(damage)
    assert load(small_store_path).title == "Test timeline"
    assert entry.read_bytes() != damage


def test_a_cache_from_another_version_is_ignored(
    small_store_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("timeline.store.cache.__version__", "0.0.0")
    load(small_store_path)
    monkeypatch.setattr("timeline.store.cache.__version__", __version__)
    assert Cache().fetch(small_store_path, small_store_path.read_bytes()) is None
    load(small_store_path)
    assert Cache().fetch(small_store_path, small_store_path.read_bytes()) is not None


class Redefined:
    """Records as a later version might define them."""

    class Event(NamedTuple):  # timeline.model.Event's fields, and one more at the end
        id: str
        span: Span
        title: str
        type: str
        date_text: str
        end_text: str | None = None
        when: str = ""
        summary: str = ""
        actors: tuple[str, ...] = ()
        location: str = ""
        sources: tuple[str, ...] = ()
        quotes: tuple[str, ...] = ()
        tags: tuple[str, ...] = ()
        note: str = ""
        number: int = 0
        casualties: int = 0

    class FuzzyDate(NamedTuple):  # timeline.dates.FuzzyDate's fields, first and last swapped
        text: str
        last: date
        first: date
        precision: Precision
        part: str | None = None
        approximate: bool = False
        uncertain: bool = False
        between: bool = False

    class Source(NamedTuple):  # timeline.model.Source's fields, one of them a date
        id: str
        title: str
        publisher: str = ""
        published: date | None = None
        url: str = ""
        file: str = ""

    class Figure(NamedTuple):  # timeline.model.Figure's fields, the estimates as floats
        name: str
        low: float | None = None
        best: float | None = None
        high: float | None = None

    class Account(NamedTuple):  # timeline.model.Account's fields and one more
        source: str
        date_text: str = ""
        end_text: str = ""
        when: str = ""
        location: str = ""
        actors: tuple[str, ...] = ()
        figures: tuple[Any, ...] = ()
        quotes: tuple[str, ...] = ()
        note: str = ""
        confidence: str = ""

    Precision = StrEnum("Precision", {**{p.name: p.value for p in Precision}, "WEEK": "week"})


@pytest.mark.parametrize(
    "name",
    ["Event", "FuzzyDate", "Source", "Precision", "Figure", "Account"],
    ids=[
        "a new field",
        "two fields swapped",
        "a field's type",
        "a new precision",
        "a figure's type",
        "a new field of an account",
    ],
)
def test_records_of_another_shape_never_read_an_entry_written_before(
    small_store_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The format key is derived from the records' definitions: redefine one, and the entry
    written before is not read (nor is the one written under the new definitions read by the
    old)."""
    data = small_store_path.read_bytes()
    load(small_store_path)
    assert Cache().fetch(small_store_path, data) is not None
    key = format_key()
    with monkeypatch.context() as patch:
        patch.setattr(f"timeline.store.cache.{name}", getattr(Redefined, name))
        assert format_key() != key
        assert Cache().fetch(small_store_path, data) is None
        Cache().save(
            small_store_path,
            fingerprint(data),
            load(small_store_path, cache=False),
            appendable=True,
        )
    assert format_key() == key
    assert Cache().fetch(small_store_path, data) is None
    assert load(small_store_path) == load(small_store_path, cache=False)
    assert Cache().fetch(small_store_path, data) is not None


def test_a_journal_from_another_version_is_ignored(
    small_store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A journal carries the format key too: one written by another version is not applied
    to this version's snapshot."""
    old = small_store_path.read_bytes()
    load(small_store_path)
    cached = Cache().fetch(small_store_path, old)
    assert cached is not None
    added = b"\n" + event_table(NEW).encode()
    small_store_path.write_bytes(old + added)
    new = load(small_store_path, cache=False).events[-1]
    with monkeypatch.context() as patch:
        patch.setattr("timeline.store.cache.__version__", "0.0.0")
        Cache().extend(small_store_path, cached, added, [new])
    assert Cache().fetch(small_store_path, old + added) is None
    Cache().extend(small_store_path, cached, added, [new])
    found = Cache().fetch(small_store_path, old + added)
    assert found is not None and found.store.events[-1].id == "new"


def test_no_cache_writes_nothing(small_store_path: Path, private_cache: Path) -> None:
    load(small_store_path, cache=False)
    assert list(private_cache.iterdir()) == []


def test_add_extends_the_cache_without_parsing(
    small_store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(small_store_path)
    # Only this patch is undone: monkeypatch.undo() would also undo the private cache folder.
    with monkeypatch.context() as patch:
        patch.setattr("timeline.store.schema.analyse", None)  # the whole store is never rebuilt
        add(small_store_path, NEW)
        add(small_store_path, NEWER)
        ids = [event.id for event in load(small_store_path).events]
        assert ids[-2:] == ["new", "newer"]
    assert load(small_store_path, cache=False) == load(small_store_path)


def test_tags_come_from_the_snapshot_and_the_journal_without_building_events(
    small_store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached store lists its events' tags without building its snapshot's events; the same
    tags, sorted, as the parsed store, also after events were appended."""
    assert load(small_store_path, cache=False).events.tags() == ["background", "border"]
    load(small_store_path)  # the snapshot
    add(small_store_path, {**NEW, "tags": ["ceasefire", "border"]})
    add(small_store_path, {**NEW, "id": "newer", "title": "Newer", "tags": ["Accord"]})
    expected = ["Accord", "background", "border", "ceasefire"]
    with monkeypatch.context() as patch:
        # The snapshot's events are never built (the journal's are records already).
        patch.setattr("timeline.store.cache._SnapshotEvents.all", None)
        cached = load(small_store_path).events
        assert type(cached) is not Events
        assert cached.tags() == expected
    assert load(small_store_path, cache=False).events.tags() == expected


BAD = [
    {**NEW, "type": "nope"},
    {**NEW, "id": "TRUCE"},
    {**NEW, "date": "2022-02-30", "end": "2020"},
    {**NEW, "actors": ["ghost"], "sources": ["report", "rumour"]},
    {"id": "", "date": "2022", "title": "empty id", "type": "talks"},
]


@pytest.mark.parametrize("bad", BAD)
def test_add_refuses_the_same_way_with_and_without_the_cache(
    write_store: Callable[..., Path], bad: dict[str, object]
) -> None:
    """Checked against the cache or against the whole parsed file, the same error lines."""
    cold = write_store(SMALL_STORE, "cold.toml")
    with pytest.raises(StoreError) as without_cache:
        add(cold, bad, cache=False)
    warm = write_store(SMALL_STORE, "warm.toml")
    load(warm)
    with pytest.raises(StoreError) as with_cache:
        add(warm, bad)
    assert [line.replace("warm.toml", "cold.toml") for line in with_cache.value.lines()] == (
        without_cache.value.lines()
    )
    assert warm.read_text(encoding="utf-8") == SMALL_STORE


def test_a_journal_is_never_read_on_top_of_another_snapshot(small_store_path: Path) -> None:
    """Another process may write a new snapshot between a read and an append: the journal
    written for the old snapshot is then ignored, never applied to the new one."""
    load(small_store_path)
    add(small_store_path, NEW)
    first = small_store_path.read_bytes()
    cached = Cache().fetch(small_store_path, first)
    assert cached is not None
    Cache().save(small_store_path, fingerprint(first), cached.store, appendable=True)
    added = b"\n" + event_table(NEWER).encode()
    small_store_path.write_bytes(first + added)
    newer = load(small_store_path, cache=False).events[-1]
    Cache().extend(small_store_path, cached, added, [newer])
    assert Cache().fetch(small_store_path, first + added) is None
    assert [e.id for e in load(small_store_path).events][-2:] == ["new", "newer"]


def test_a_duplicate_id_is_numbered_by_its_place_in_the_file_either_way(
    write_store: Callable[..., Path],
) -> None:
    """The file's fifth event is the calendar's first: "#5" is the file's count."""
    text = SMALL_STORE
    later = event_table({"id": "early", "date": "1900", "title": "Early", "type": "talks"})
    cold = write_store(text + "\n" + later, "cold.toml")
    with pytest.raises(StoreError) as without_cache:
        add(cold, {**NEW, "id": "EARLY"}, cache=False)
    warm = write_store(text + "\n" + later, "warm.toml")
    load(warm)
    with pytest.raises(StoreError) as with_cache:
        add(warm, {**NEW, "id": "EARLY"})
    assert "duplicate id (event #5 has it)" in without_cache.value.lines()[0]
    assert [line.replace("warm.toml", "cold.toml") for line in with_cache.value.lines()] == (
        without_cache.value.lines()
    )


DATES = ["1990", "1991~", "2020-09", "mid 2021-03", "2021-03-05", "[2021-05-01..2021-05-03]",
         "late 2021", "2022?", "2023-09-20", "early 2019", "1988"]  # fmt: skip


@pytest.fixture
def many_events_path(write_store: Callable[..., Path]) -> Path:
    """A store of 44 events at varied precisions, some periods, in no particular order."""
    blocks = []
    for number in range(44):
        fields = {
            "id": f"e{number}",
            "date": DATES[number * 7 % len(DATES)],
            "title": f"Event {number}",
            "type": "talks",
        }
        if number % 5 == 0:
            fields["end"] = ".." if number % 10 == 0 else "2024"
        blocks.append(event_table(fields))
    return write_store(SMALL_STORE + "\n" + "\n".join(blocks))


def test_a_snapshot_in_small_blocks_answers_as_the_parsed_store(
    many_events_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("timeline.store.cache.BLOCK", 3)  # many blocks, the last one short
    load(many_events_path)
    add(many_events_path, {**NEW, "id": "late", "date": "2030"})
    add(many_events_path, {**NEW, "id": "old", "date": "1950"})
    parsed = load(many_events_path, cache=False).events
    windows = [(1989, 1990), (2019, 2021), (2021, 2021), (2024, 2029), (1900, 2100), (1, 1949)]
    for first, last in windows:
        low, high = date(first, 1, 1), date(last, 12, 31)
        expected = [event.id for event in parsed.overlapping(low, high)]
        cached = load(many_events_path).events  # a fresh read: nothing built yet
        assert type(cached) is not type(parsed)
        assert [event.id for event in cached.overlapping(low, high)] == expected
    starts = [[(1990, 1990)], [(2021, 2021), (1988, 1988)], [(2024, 2030)], [(1, 1949)], []]
    for years in starts:
        windows = DayWindows((date(first, 6, 1), date(last, 6, 1)) for first, last in years)
        expected = [event.id for event in parsed.starting(windows)]
        cached = load(many_events_path).events
        assert [event.id for event in cached.starting(windows)] == expected
    cached = load(many_events_path).events
    assert cached.ids() == parsed.ids() == [
        "war", "truce", "talks", "clash", *(f"e{n}" for n in range(44)), "late", "old"
    ]  # fmt: skip
    assert len(cached) == len(parsed) == 50
    assert cached == parsed and list(cached) == list(parsed)
    journal_only = load(many_events_path, cache=True).events.overlapping(
        date(2030, 1, 1), date(2030, 1, 1)
    )
    assert journal_only[-1].id == "late"


def test_events_of_one_date_share_its_span_from_the_cache_as_from_the_file(
    many_events_path: Path,
) -> None:
    """Exports read a span's dates once for each run of events sharing it."""

    def spans(events: Events) -> dict[str, set[int]]:
        found: dict[str, set[int]] = {}
        for event in events:
            found.setdefault(event.date_text + (event.end_text or ""), set()).add(id(event.span))
        return found

    parsed = load(many_events_path).events  # the first read: parsed, then cached
    cached = load(many_events_path).events
    assert type(cached) is not type(parsed)
    single = {text for text, shared in spans(parsed).items() if len(shared) == 1}
    assert len(single) >= 8  # dates that several events have, one span each
    assert {text for text, shared in spans(cached).items() if len(shared) == 1} >= single
    assert cached == parsed


def test_a_snapshot_that_does_not_add_up_is_ignored(
    many_events_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("timeline.store.cache.BLOCK", 4)
    load(many_events_path)
    assert Cache().fetch(many_events_path, many_events_path.read_bytes()) is not None
    monkeypatch.setattr("timeline.store.cache.BLOCK", 100)  # 48 events cannot be in 12 blocks
    assert Cache().fetch(many_events_path, many_events_path.read_bytes()) is None


def test_reading_leaves_the_cycle_collector_as_it_was(many_events_path: Path) -> None:
    """Decoding turns the collector off for a while; afterwards it is on again, and no
    object has been frozen out of its sight for the rest of the process."""
    frozen = gc.get_freeze_count()
    load(many_events_path)
    events = load(many_events_path).events
    assert type(events) is not Events
    events.overlapping(date(2021, 1, 1), date(2021, 12, 31))
    assert len(list(events)) == 48
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_nothing_is_remembered_between_reads_but_the_files(
    small_store_path: Path, private_cache: Path
) -> None:
    """A read in the same process finds what is in the cache folder, not a copy kept in
    memory from an earlier read."""
    data = small_store_path.read_bytes()
    load(small_store_path)
    assert Cache().fetch(small_store_path, data) is not None
    for entry in private_cache.iterdir():
        entry.unlink()
    assert Cache().fetch(small_store_path, data) is None


def _damaged(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """data with one random kind of damage, and what it was."""
    kind = rng.choice(["flip", "zero", "truncate"])
    if kind == "flip":
        damaged = bytearray(data)
        bits = rng.sample(range(len(data) * 8), rng.randint(1, 3))
        for bit in bits:
            damaged[bit // 8] ^= 1 << (bit % 8)
        return bytes(damaged), f"bits {bits} flipped"
    if kind == "zero":
        start = rng.randrange(len(data))
        return data[:start] + bytes(len(data[start : start + 16])) + data[start + 16 :], (
            f"16 bytes zeroed at {start}"
        )
    length = rng.randrange(len(data))
    return data[:length], f"truncated to {length} bytes"


def test_a_damaged_entry_is_never_served(
    many_events_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Flipped bits, zeroed bytes or a truncation anywhere in the snapshot or the journal:
    the store read back is always the store parsed without the cache, never wrong data nor
    an error."""
    monkeypatch.setattr("timeline.store.cache.BLOCK", 8)  # six blocks, the last one short
    load(many_events_path)
    add(many_events_path, {**NEW, "id": "late", "date": "2030"})
    add(many_events_path, {**NEW, "id": "old", "date": "1950"})
    expected = load(many_events_path, cache=False)
    in_2021 = [e.id for e in expected.events.overlapping(date(2021, 1, 1), date(2021, 12, 31))]
    pristine = {entry: entry.read_bytes() for entry in private_cache.iterdir()}
    assert sorted(entry.suffix for entry in pristine) == [".journal", ".store"]
    rng = random.Random(1729)
    for case in range(300):
        for entry, data in pristine.items():
            entry.write_bytes(data)
        target = rng.choice(sorted(pristine))
        damaged, damage = _damaged(pristine[target], rng)
        target.write_bytes(damaged)
        where = f"case {case}: {target.suffix} {damage}"
        found = load(many_events_path)  # one read: the events not built before overlapping()
        in_window = found.events.overlapping(date(2021, 1, 1), date(2021, 12, 31))
        assert [event.id for event in in_window] == in_2021, where
        assert found == expected, where
        assert found.events.ids() == expected.events.ids(), where


READ_IN_A_CHILD = """
import sys
from pathlib import Path
from timeline.store import load
path = Path(sys.argv[1])
print(load(path) == load(path, cache=False))
"""


@pytest.mark.parametrize("suffix", [".store", ".journal"], ids=["snapshot", "journal"])
@pytest.mark.parametrize("make", [os.mkfifo, os.mkdir], ids=["a FIFO", "a folder"])
def test_what_is_not_a_regular_file_is_no_entry(
    small_store_path: Path, private_cache: Path, suffix: str, make: Callable[[Path], None]
) -> None:
    """A FIFO or a folder in place of the snapshot or the journal is passed over, without
    waiting for a writer that never comes: the store is parsed and read right. (Read in a
    child process, so that a read that hangs fails the test instead of hanging the suite.)"""
    load(small_store_path)
    add(small_store_path, NEW)  # a journal, read on the next load
    (entry,) = private_cache.glob(f"*{suffix}")
    entry.unlink()
    make(entry)
    child = subprocess.run(
        [sys.executable, "-c", READ_IN_A_CHILD, str(small_store_path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert (child.returncode, child.stdout, child.stderr) == (0, "True\n", "")
    assert load(small_store_path) == load(small_store_path, cache=False)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
@pytest.mark.parametrize("suffix", [".store", ".journal"], ids=["snapshot", "journal"])
def test_an_entry_of_another_users_is_not_read(
    small_store_path: Path, private_cache: Path, suffix: str
) -> None:
    """A snapshot or journal that another user owns is passed over, however right it looks:
    the cache reads only what it wrote itself."""
    load(small_store_path)
    add(small_store_path, NEW)
    data = small_store_path.read_bytes()
    assert Cache().fetch(small_store_path, data) is not None
    (entry,) = private_cache.glob(f"*{suffix}")
    os.chown(entry, 65534, 65534)
    assert Cache().fetch(small_store_path, data) is None
    assert load(small_store_path) == load(small_store_path, cache=False)
    if suffix == ".store":  # written anew, by this user
        assert entry.stat().st_uid == os.geteuid()
    else:  # the new snapshot needs no journal
        assert not entry.exists()


def test_the_cache_is_private(
    small_store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the umask, the folders the cache makes are for its user only (0700), and so
    are its entries (0600)."""
    folder = tmp_path / "home" / ".cache" / "timeline"
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(folder))
    small_store_path.chmod(0o600)
    umask = os.umask(0)
    try:
        load(small_store_path)
        add(small_store_path, NEW)
    finally:
        os.umask(umask)
    made = [folder.parent.parent, folder.parent, folder, *sorted(folder.iterdir())]
    modes = [
        (path.relative_to(tmp_path).suffix, stat.S_IMODE(path.stat().st_mode)) for path in made
    ]
    assert modes == [("", 0o700), ("", 0o700), ("", 0o700), (".journal", 0o600), (".store", 0o600)]


@pytest.mark.parametrize("suffix", [".store", ".journal"], ids=["snapshot", "journal"])
def test_an_entry_replaced_by_a_symbolic_link_is_never_followed(
    small_store_path: Path, private_cache: Path, tmp_path: Path, suffix: str
) -> None:
    """A symbolic link in place of an entry is not read, even to a good copy of the entry,
    and not written through: the file it points to keeps its bytes, and the entry becomes a
    regular file of the cache's own again."""
    load(small_store_path)
    add(small_store_path, NEW)
    (entry,) = private_cache.glob(f"*{suffix}")
    copy = tmp_path / "copy"
    copy.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(copy)
    assert Cache().fetch(small_store_path, small_store_path.read_bytes()) is None
    precious = tmp_path / "precious"
    precious.write_bytes(b"the test's own bytes\n")
    entry.unlink()
    entry.symlink_to(precious)
    assert load(small_store_path) == load(small_store_path, cache=False)
    assert precious.read_bytes() == b"the test's own bytes\n"
    assert not entry.is_symlink()  # replaced by a new snapshot, or removed with the journal
    entry.unlink(missing_ok=True)
    entry.symlink_to(precious)
    # Writes this entry again: the snapshot after a miss, or the journal after a hit.
    add(small_store_path, NEWER)
    assert precious.read_bytes() == b"the test's own bytes\n"
    assert stat.S_ISREG(entry.lstat().st_mode)
    assert load(small_store_path) == load(small_store_path, cache=False)


def _regular_file(base: Path) -> tuple[Path, str]:
    (base / "timeline").write_bytes(b"not a folder\n")
    return base / "timeline", f"cache folder {base / 'timeline'} is not a folder"


def _symbolic_link(base: Path) -> tuple[Path, str]:
    (base / "elsewhere").mkdir()
    (base / "timeline").symlink_to(base / "elsewhere")
    return base / "timeline", f"cache folder {base / 'timeline'} is a symbolic link"


def _under_a_file(base: Path) -> tuple[Path, str]:
    (base / "file").write_bytes(b"not a folder\n")
    folder = base / "file" / "timeline"
    return folder, f"cannot use cache folder {folder}: Not a directory"


@pytest.mark.parametrize(
    "make", [_regular_file, _symbolic_link, _under_a_file], ids=lambda make: make.__name__
)
def test_a_cache_folder_that_is_not_a_folder_is_skipped_with_a_notice(
    small_store_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], tuple[Path, str]],
) -> None:
    """A regular file, a symbolic link, or a path through a file: the store is read right,
    nothing is written anywhere, and the cache says, in one line, why it was skipped."""
    (tmp_path / "caches").mkdir()
    folder, problem = make(tmp_path / "caches")  # the folder, and what the notice says
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(folder))
    before = _tree(tmp_path)
    data = small_store_path.read_bytes()
    cache = Cache()
    assert cache.fetch(small_store_path, data) is None
    store = load(small_store_path, cache=False)
    cache.save(small_store_path, fingerprint(data), store, appendable=True)
    assert cache.notice == f"{problem}; reading without the cache"
    assert load(small_store_path) == store
    assert _tree(tmp_path) == before


def test_a_cache_folder_of_another_users_is_skipped_with_a_notice(
    small_store_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that belongs to someone else is neither read nor written."""
    load(small_store_path)
    before = _tree(private_cache)
    data = small_store_path.read_bytes()
    monkeypatch.setattr("os.geteuid", lambda: private_cache.stat().st_uid + 1)
    cache = Cache()
    assert cache.fetch(small_store_path, data) is None
    cache.save(small_store_path, fingerprint(data), load(small_store_path), appendable=True)
    expected = f"cache folder {private_cache} belongs to another user; reading without the cache"
    assert cache.notice == expected
    assert _tree(private_cache) == before


def test_a_cache_folder_that_cannot_be_written_is_skipped_with_a_notice(
    small_store_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only file system: the entry is not written, no temporary file is left, and the
    first failure is the notice; the cache is not tried again in the same command."""
    calls = []

    def read_only(**_: object) -> None:
        calls.append("mkstemp")
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("tempfile.mkstemp", read_only)
    data = small_store_path.read_bytes()
    cache = Cache()
    store = load(small_store_path, cache=False)
    cache.save(small_store_path, fingerprint(data), store, appendable=True)
    cache.save(small_store_path, fingerprint(data), store, appendable=True)
    expected = (
        f"cannot write in cache folder {private_cache}: Read-only file system; "
        "reading without the cache"
    )
    assert (cache.notice, calls) == (expected, ["mkstemp"])
    assert list(private_cache.iterdir()) == []
    assert load(small_store_path) == store


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write in a read-only folder")
def test_a_read_only_cache_folder_is_skipped_with_a_notice(
    small_store_path: Path, private_cache: Path
) -> None:
    """A folder its user may not write in: read right, nothing written, one notice."""
    private_cache.chmod(0o500)
    try:
        data = small_store_path.read_bytes()
        cache = Cache()
        store = load(small_store_path, cache=False)
        cache.save(small_store_path, fingerprint(data), store, appendable=True)
        assert cache.notice == (
            f"cannot write in cache folder {private_cache}: Permission denied; "
            "reading without the cache"
        )
        assert list(private_cache.iterdir()) == []
        assert load(small_store_path) == store
    finally:
        private_cache.chmod(0o700)


def _tree(folder: Path) -> dict[str, bytes | str]:
    """Every path under folder, with a file's bytes, a link's target or "folder"."""
    tree: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            tree[name] = f"-> {path.readlink()}"
        elif path.is_dir():
            tree[name] = "folder"
        else:
            tree[name] = path.read_bytes()
    return tree


def test_the_command_line_says_once_why_the_cache_was_skipped(
    run: Callable[..., Result],
    small_store_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One line on standard error per command, even when the command reads the store
    twice (add reads it, then reads it again under its lock); the output is as without the
    cache."""
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_bytes(b"mine\n")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(not_a_folder))
    notice = f"timeline: cache folder {not_a_folder} is not a folder; reading without the cache"
    store = str(small_store_path)
    shown = run("--store", store, "show")
    assert (shown.exit_code, shown.stderr) == (0, notice + "\n")
    without = run("--no-cache", "--store", store, "show")
    assert (shown.stdout, without.stderr) == (without.stdout, "")  # no cache, nothing to say
    added = run(
        "--store", store, "add", "--date", "2022-01-02", "--title", "New", "--type", "talks"
    )
    assert (added.exit_code, added.stderr.splitlines()) == (
        0,
        [notice, f"timeline: added event 2022-01-02-new to {store}"],
    )
    assert not_a_folder.read_bytes() == b"mine\n"


def test_the_store_file_gives_the_notice_to_its_caller(
    small_store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The core prints nothing: a StoreFile holds the cache's notice for the command line,
    once, even when the same problem is met again by a read and a write."""
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_bytes(b"mine\n")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(not_a_folder))
    store_file = StoreFile(small_store_path)
    assert store_file.read() == load(small_store_path, cache=False)
    added = store_file.apply(Change(events=(NEW,))).store
    assert store_file.notices == [
        f"cache folder {not_a_folder} is not a folder; reading without the cache"
    ]
    assert added == load(small_store_path, cache=False)
    assert added.events.ids()[-1] == "new"


def test_the_audited_value_is_kept_with_the_snapshot(small_store_path: Path) -> None:
    """What the caller saves as audited, fetch gives back, also once add has journalled
    events on top of the snapshot; a snapshot saved without one gives None."""
    data = small_store_path.read_bytes()
    store = load(small_store_path, cache=False)
    # The value the store package keeps: the digest of the source files (here, none).
    audited = source_texts({}, small_store_path).digest()
    Cache().save(small_store_path, fingerprint(data), store, appendable=True, audited=audited)
    cached = Cache().fetch(small_store_path, data)
    assert cached is not None and cached.audited == audited
    add(small_store_path, NEW)
    longer = small_store_path.read_bytes()
    cached = Cache().fetch(small_store_path, longer)
    assert cached is not None and cached.journal != []
    assert (cached.audited, cached.store.events.ids()[-1]) == (audited, "new")
    Cache().save(small_store_path, fingerprint(longer), cached.store, appendable=True)
    cached = Cache().fetch(small_store_path, longer)
    assert cached is not None and cached.audited is None


def test_an_event_with_figures_and_accounts_comes_back_from_the_cache_as_it_was(
    accounts_store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load(accounts_store_path, cache=False)
    assert any(event.accounts and event.figures for event in first.events)
    assert load(accounts_store_path) == first  # cold: parsed, then saved
    monkeypatch.setattr("timeline.store.toml.parse", None)  # any parse would now fail
    warm = load(accounts_store_path)
    assert warm == first
    clash = next(event for event in warm.events if event.id == "clash")
    assert type(clash.figures[0]).__name__ == "Figure"
    assert type(clash.accounts[1].figures[0]).__name__ == "Figure"
    assert clash.accounts[1].figures[0].label == "5 killed"


@pytest.mark.parametrize("declares", [False, True], ids=["appended", "declared"])
def test_events_added_out_of_calendar_order_are_found_at_their_place_in_the_file(
    small_store_path: Path, private_cache: Path, declares: bool
) -> None:
    """A cached store's new events come from the check in calendar order; the file has them
    in the order written, and a later edit must find each where the file has it."""
    StoreFile(small_store_path).read()  # the cache holds the store before the write
    late = {"id": "late", "date": "2024-05-01", "title": "Late", "type": "talks"}
    early = {"id": "early", "date": "2000-01-01", "title": "Early", "type": "talks"}
    declarations = (("types", "riot", {"color": "#cc79a7"}),) if declares else ()
    StoreFile(small_store_path).apply(Change(events=(late, early), declarations=declarations))
    cached = StoreFile(small_store_path).read()
    assert cached.events.ids() == StoreFile(small_store_path, cache=False).read().events.ids()
    assert cached.events.ids()[-2:] == ["late", "early"]
    edited = StoreFile(small_store_path).apply(Change(edits=(("late", {"title": "Later"}),)))
    assert edited.edited == ("late",)
    titles = {event.id: event.title for event in load(small_store_path, cache=False).events}
    assert (titles["late"], titles["early"]) == ("Later", "Early")
