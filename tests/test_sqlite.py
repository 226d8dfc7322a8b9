"""The SQLite export, read back with the sqlite3 module."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import SMALL_STORE
from timeline.exporters import ExportOptions
from timeline.exporters import sqlite as sqlite_export
from timeline.model import Store
from timeline.store import load


@contextmanager
def exported(store: Store, path: Path) -> Iterator[sqlite3.Connection]:
    path.write_bytes(b"")  # as the command gives it: an empty file
    notes = sqlite_export.save(store, list(store.events), ExportOptions(), path)
    assert notes == []
    with closing(sqlite3.connect(path)) as db:
        yield db


def test_events_and_their_dates(geo_store: Store, tmp_path: Path) -> None:
    with exported(geo_store, tmp_path / "out.db") as db:
        db.row_factory = sqlite3.Row
        rows = {row["id"]: dict(row) for row in db.execute("SELECT * FROM events")}
    assert list(rows) == ["war", "truce", "talks", "clash"]
    assert rows["truce"] == {
        "id": "truce",
        "date": "2021-03-05",
        "end_date": None,
        "earliest": "2021-03-05",
        "latest": "2021-03-05",
        "precision": "day",
        "label": "5 March 2021",
        "title": "A truce is signed",
        "summary": "Both sides sign.",
        "type": "talks",
        "location": "Geneva",
        "latitude": 46.2044,
        "longitude": 6.1432,
        "coordinates_precision": "exact",
        "when_written": "",
        "note": "",
        "quotes": '["We sign a treaty today."]',
        "tags": "[]",
        "ref": "acled:CHE1",
        "contested": "[]",
    }
    assert (rows["war"]["end_date"], rows["war"]["latest"]) == ("..", None)
    assert rows["war"]["latitude"] is None


def test_events_sharing_a_date_each_read_it(
    write_store: Callable[[str], Path], tmp_path: Path
) -> None:
    # The store's events on one date share its span; the exporter reads a span once for each
    # run of events sharing it: every row must still have its own event's dates.
    more = "".join(
        f'\n[[events]]\nid = "{name}"\ndate = "{date}"\ntitle = "{name}"\ntype = "talks"\n'
        'sources = ["report"]\n'
        for name, date in [
            ("a", "2021-03-05"),
            ("b", "2021-03~"),
            ("c", "2021-03-05"),
            ("d", "2021-03~"),
            ("e", "2021-03-05"),
        ]
    )
    store = load(write_store(SMALL_STORE + more))
    with exported(store, tmp_path / "out.db") as db:
        rows = db.execute("SELECT id, earliest, latest, precision, label FROM events").fetchall()
    assert [row for row in rows if row[0] in "abcde"] == [
        ("b", "2021-02-01", "2021-04-30", "month", "about March 2021"),
        ("d", "2021-02-01", "2021-04-30", "month", "about March 2021"),
        ("a", "2021-03-05", "2021-03-05", "day", "5 March 2021"),
        ("c", "2021-03-05", "2021-03-05", "day", "5 March 2021"),
        ("e", "2021-03-05", "2021-03-05", "day", "5 March 2021"),
    ]


def test_actors_and_sources_are_joined(geo_store: Store, tmp_path: Path) -> None:
    with exported(geo_store, tmp_path / "out.db") as db:
        named = db.execute(
            "SELECT actors.name FROM event_actors JOIN actors ON actors.id = actor_id "
            "WHERE event_id = 'truce' ORDER BY position"
        ).fetchall()
        assert named == [("Jana Ərəbova",), ("Southland",)]
        assert db.execute("SELECT aliases, part_of FROM actors WHERE id = 'leader'").fetchone() == (
            "[]",
            '["north"]',
        )
        assert db.execute(
            "SELECT COUNT(*) FROM event_sources WHERE source_id = 'report'"
        ).fetchone() == (4,)
        assert db.execute("SELECT title, url FROM sources").fetchall() == [
            ("A report", "https://example.org/report")
        ]
        assert db.execute("SELECT title FROM timeline").fetchone() == ("Test timeline",)


def test_accounts_and_figures(accounts_store_path: Path, tmp_path: Path) -> None:
    store = load(accounts_store_path)
    with exported(store, tmp_path / "out.db") as db:
        figures = db.execute(
            "SELECT account, name, low, best, high FROM figures WHERE event_id = 'clash' "
            "ORDER BY account IS NOT NULL, account, name"
        ).fetchall()
        assert figures == [
            (None, "injured", 10, None, 15),
            (None, "killed", None, 6, None),
            (2, "killed", None, 5, None),
        ]
        account = db.execute(
            "SELECT source_id, date, actors, quotes, note, differs FROM accounts "
            "WHERE event_id = 'clash' AND position = 2"
        ).fetchone()
        assert account[:2] == ("b", "2023-09-19")
        assert json.loads(account[2]) == ["army", "rebels"]
        assert json.loads(account[3]) == ["five soldiers died"]
        assert json.loads(account[5]) == ["date", "actors", "figures.killed"]
        contested = db.execute("SELECT contested FROM events WHERE id = 'clash'").fetchone()
        assert json.loads(contested[0]) == ["date", "actors", "figures.killed"]


def test_full_text_search(geo_store: Store, tmp_path: Path) -> None:
    with exported(geo_store, tmp_path / "out.db") as db:
        try:
            found = db.execute(
                "SELECT events.id FROM events_fts JOIN events ON events.rowid = events_fts.rowid "
                "WHERE events_fts MATCH 'treaty'"
            ).fetchall()
        except sqlite3.OperationalError:
            pytest.skip("this sqlite3 library has no FTS5")
    assert found == [("truce",)]


FTS_TABLES = ("events_fts_data", "events_fts_idx", "events_fts_docsize", "events_fts_config")


def full_text_rows(db: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """The rows of FTS5's own tables: the index as stored."""
    return {
        table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in FTS_TABLES
    }


def assert_index_is_rebuilds(db: sqlite3.Connection) -> None:
    """The full-text index has the rows that building it in place ('rebuild') gives, and
    FTS5 finds it true to the events."""
    stored = full_text_rows(db)
    assert stored["events_fts_docsize"] and stored["events_fts_data"]
    db.execute("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')")
    db.execute("INSERT INTO events_fts (events_fts) VALUES ('rebuild')")
    db.commit()  # FTS5 writes what it holds at the commit
    assert full_text_rows(db) == stored


@pytest.fixture
def fts5() -> None:
    with closing(sqlite3.connect(":memory:")) as db:
        try:
            db.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        except sqlite3.OperationalError:
            pytest.skip("this sqlite3 library has no FTS5")


def test_the_index_built_aside_is_the_one_built_in_place(
    fts5: None, accounts_store_path: Path, hostile_store: Store, tmp_path: Path
) -> None:
    for n, store in enumerate((load(accounts_store_path), hostile_store)):
        with exported(store, tmp_path / f"{n}.db") as db:
            assert_index_is_rebuilds(db)


def test_without_events_the_index_is_built_in_place(
    fts5: None, geo_store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "out.db"
    path.write_bytes(b"")
    assert sqlite_export.save(geo_store, [], ExportOptions(), path) == []
    with closing(sqlite3.connect(path)) as db:
        stored = full_text_rows(db)
        assert stored["events_fts_data"] and not stored["events_fts_docsize"]
        db.execute("INSERT INTO events_fts (events_fts) VALUES ('rebuild')")
        db.commit()
        assert full_text_rows(db) == stored


def test_a_library_that_keeps_fts5_tables_unwritable_builds_it_in_place(
    fts5: None, geo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(self: object) -> None:  # as SQLite's defensive mode refuses the copy
        raise sqlite3.OperationalError("table events_fts_data may not be modified")

    monkeypatch.setattr(sqlite_export._FullText, "_copy", refused)
    with exported(geo_store, tmp_path / "out.db") as db:
        assert_index_is_rebuilds(db)
        found = db.execute("SELECT rowid FROM events_fts WHERE events_fts MATCH 'treaty'")
        assert found.fetchall() == [(2,)]


def test_a_library_for_one_thread_builds_the_index_in_it(
    fts5: None, geo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite3, "threadsafety", 0)
    started = threading.Thread.start

    def start(thread: threading.Thread) -> None:
        if thread.name == "events_fts":  # a thread that uses the library
            pytest.fail("the index's thread started")
        started(thread)

    monkeypatch.setattr(threading.Thread, "start", start)
    with exported(geo_store, tmp_path / "out.db") as db:
        assert_index_is_rebuilds(db)
    monkeypatch.setattr(threading.Thread, "start", started)


def test_the_events_are_flushed_to_disk_before_the_export_returns(
    geo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[int] = []
    monkeypatch.setattr(os, "fsync", lambda descriptor: flushed.append(descriptor))
    with exported(geo_store, tmp_path / "out.db"):
        assert len(flushed) == 1
        assert not [thread for thread in threading.enumerate() if thread.name == "flush"]


def test_a_flush_that_fails_leaves_it_to_the_callers(
    geo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with exported(geo_store, tmp_path / "out.db") as db:
        assert db.execute("SELECT COUNT(*) FROM events").fetchone() == (4,)


def test_a_failure_while_the_index_is_built_stops_its_thread(
    geo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*arguments: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sqlite_export, "_fill_links", broken)
    path = tmp_path / "out.db"
    path.write_bytes(b"")
    with pytest.raises(OSError, match="No space left"):
        sqlite_export.save(geo_store, list(geo_store.events), ExportOptions(), path)
    assert [t for t in threading.enumerate() if t.name == "events_fts"] == []


def test_without_fts5_a_note_says_so(
    geo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A module that does not exist fails as FTS5 does in a build without it: "no such module".
    monkeypatch.setattr(
        sqlite_export, "FULL_TEXT", "CREATE VIRTUAL TABLE {schema}.events_fts USING fts5nope(title)"
    )
    path = tmp_path / "out.db"
    path.write_bytes(b"")
    notes = sqlite_export.save(geo_store, list(geo_store.events), ExportOptions(), path)
    assert notes == [
        "this sqlite3 library has no FTS5: the database has no full-text index (events_fts)"
    ]
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT COUNT(*) FROM events").fetchone() == (4,)


def test_the_command_needs_a_file(
    geo_store_path: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    for arguments in (("--format", "sqlite"), ("--format", "db", "-o", "-")):
        result = run("--store", str(geo_store_path), "export", *arguments)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == (
            "timeline: sqlite is a file, not a text: give -o FILE (such as -o events.db)\n"
            "Try 'timeline export --help' for help.\n"
        )
    result = run("--store", str(geo_store_path), "export", "-o", "events.db")
    assert (result.exit_code, result.stderr) == (
        0,
        "timeline: wrote 4 events to events.db (sqlite)\n",
    )
    with closing(sqlite3.connect(tmp_path / "events.db")) as db:
        assert db.execute("SELECT COUNT(*) FROM events").fetchone() == (4,)
    # Written again over the old one, whole: the same rows, not twice as many.
    result = run("--store", str(geo_store_path), "export", "-o", "events.db", "--year", "2021")
    with closing(sqlite3.connect(tmp_path / "events.db")) as db:
        assert db.execute("SELECT COUNT(*) FROM events").fetchone() == (4,)
    assert list(tmp_path.glob(".events.db*")) == []  # no temporary file left


def test_a_failed_export_leaves_the_old_file(
    geo_store_path: Path,
    run: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "events.db").write_bytes(b"old")

    def broken(*arguments: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sqlite_export, "_fill", broken)
    result = run("--store", str(geo_store_path), "export", "-o", "events.db")
    assert (result.exit_code, result.stderr) == (
        1,
        "timeline: events.db: cannot write: No space left on device\n",
    )
    assert (tmp_path / "events.db").read_bytes() == b"old"
    assert list(tmp_path.glob(".events.db*")) == []
