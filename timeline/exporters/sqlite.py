"""SQLite export: the selected events as a database, for Datasette, sqlite3, pandas and DuckDB.

Tables: `events` (one row per event: its fields, its dates read, its coordinates), `actors`,
`event_actors`, `sources`, `event_sources`, `accounts` (what each source says), `figures`
(the store's reading, and each account's), and `events_fts`, a full-text index of the events'
titles, summaries and quotes (when the sqlite3 library has FTS5), which Datasette finds and
offers as a search box. The events' rows are in calendar order (their rowids); `event_actors`,
`event_sources` and `accounts` are keyed by the event's id and a position (tables without a
rowid, in that key's order). Lists inside a cell (an actor's aliases, an account's quotes) are JSON
arrays, which SQLite's json functions read. The standard library writes it: sqlite3 is
imported only by this format.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import suppress
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from timeline.contested import account_differences, contested
from timeline.exporters import ExportFormat, ExportOptions, file_only
from timeline.exporters.json import dates_read
from timeline.model import Event, Figure, Store

if TYPE_CHECKING:
    import sqlite3

SCHEMA = """
CREATE TABLE timeline (title TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE types (id TEXT PRIMARY KEY, color TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, role TEXT NOT NULL,
    aliases TEXT NOT NULL, part_of TEXT NOT NULL
);
CREATE TABLE sources (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT NOT NULL, published TEXT NOT NULL,
    url TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL, retrieved TEXT NOT NULL,
    archived TEXT NOT NULL
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    end_date TEXT,
    earliest TEXT NOT NULL,
    latest TEXT,
    precision TEXT NOT NULL,
    label TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    type TEXT NOT NULL REFERENCES types (id),
    location TEXT NOT NULL,
    latitude REAL,
    longitude REAL,
    coordinates_precision TEXT,
    when_written TEXT NOT NULL,
    note TEXT NOT NULL,
    quotes TEXT NOT NULL,
    tags TEXT NOT NULL,
    ref TEXT NOT NULL,
    contested TEXT NOT NULL
);
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events (id),
    actor_id TEXT NOT NULL REFERENCES actors (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, position)
) WITHOUT ROWID;
CREATE TABLE event_sources (
    event_id TEXT NOT NULL REFERENCES events (id),
    source_id TEXT NOT NULL REFERENCES sources (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, position)
) WITHOUT ROWID;
CREATE TABLE accounts (
    event_id TEXT NOT NULL REFERENCES events (id),
    position INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources (id),
    date TEXT,
    end_date TEXT,
    when_written TEXT NOT NULL,
    location TEXT NOT NULL,
    actors TEXT NOT NULL,
    quotes TEXT NOT NULL,
    note TEXT NOT NULL,
    differs TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
) WITHOUT ROWID;
CREATE TABLE figures (
    event_id TEXT NOT NULL REFERENCES events (id),
    account INTEGER,
    name TEXT NOT NULL,
    low INTEGER,
    best INTEGER,
    high INTEGER
);
"""
INDEXES = """
CREATE INDEX events_earliest ON events (earliest);
CREATE INDEX events_type ON events (type);
CREATE INDEX event_actors_actor ON event_actors (actor_id);
CREATE INDEX event_sources_source ON event_sources (source_id);
CREATE INDEX figures_event ON figures (event_id, name);
"""
# An external-content FTS5 table over the events table: Datasette detects it by its content=.
# Made in a schema ("main", or "temp" while it is built), then filled from the events.
FULL_TEXT = """
CREATE VIRTUAL TABLE {schema}.events_fts USING fts5(
    title, summary, quotes, content="events", content_rowid="rowid"
)
"""
# FTS5 writes its index to the table each time its terms in memory pass hashsize (1 MB by
# default): 16 MB makes fewer, bigger segments to merge (100,000 events: 1.2 to 0.85 s).
INDEX_IN_MEMORY = "INSERT INTO {schema}.events_fts (events_fts, rank) VALUES ('hashsize', 16777216)"
NO_FTS5 = "this sqlite3 library has no FTS5: the database has no full-text index (events_fts)"


def _json(values: Any) -> str:
    return orjson.dumps(values).decode() if values else _EMPTY


_EMPTY = orjson.dumps([]).decode()

# Python's sqlite3 binds None through its adaptation protocol: two attribute lookups that
# fail, each raising an exception that it then clears (17% of the machine instructions of
# inserting 100,000 events, with four Nones in each row). A column that can have no value
# is bound through NULLIF(?, ''), and a row gives MISSING there: none of them has '' as a value.
MISSING = ""


def _insert(table: str, columns: int, nullable: tuple[int, ...] = ()) -> str:
    """The INSERT statement of a table's rows; the columns nullable (by index) take MISSING
    for NULL."""
    marks = ("NULLIF(?, '')" if index in nullable else "?" for index in range(columns))
    return f"INSERT INTO {table} VALUES ({', '.join(marks)})"


_EVENTS = _insert("events", 20, nullable=(2, 4, 11, 12, 13))
_ACCOUNTS = _insert("accounts", 11, nullable=(3, 4))
_FIGURES = _insert("figures", 6, nullable=(1, 3, 4, 5))


def _event_rows(events: list[Event]) -> Iterator[tuple[Any, ...]]:
    """The events table's rows. A span's columns (dates_read's, the days as ISO text) are
    made once for each run of events that share the span: in calendar order the events of
    one span come together (an imported dataset's events share most), and dates_read's own
    memory would still hash the span and leave the days to be written out for each event
    (0.08-0.15 s against 0.29-0.38 s for 100,000 events)."""
    last_span: object = None
    dates: tuple[str, str, str, str] = ("", "", "", "")
    for event in events:
        span = event.span
        if span is not last_span:
            label, earliest, latest, precision, *_ = dates_read(span)
            last = latest.isoformat() if latest is not None else MISSING
            dates = (earliest.isoformat(), last, precision, label)
            last_span = span
        where = event.coordinates
        yield (
            event.id,
            event.date_text,
            event.end_text or MISSING,
            *dates,
            event.title,
            event.summary,
            event.type,
            event.location,
            where.latitude if where else MISSING,
            where.longitude if where else MISSING,
            where.precision if where else MISSING,
            event.when,
            event.note,
            _json(event.quotes),
            _json(event.tags),
            event.ref,
            _json(contested(event)) if event.accounts else _EMPTY,
        )


def _figure_rows(
    event_id: str, account: int | str, figures: tuple[Figure, ...]
) -> Iterator[tuple[Any, ...]]:
    for figure in figures:
        low, best, high = (MISSING if n is None else n for n in figure[1:])
        yield (event_id, account, figure.name, low, best, high)


def _fill(db: sqlite3.Connection, store: Store, events: list[Event]) -> None:
    """The store's own tables and the events: what the full-text index is built from."""
    db.execute("INSERT INTO timeline VALUES (?, ?)", (store.title, store.description))
    db.executemany("INSERT INTO types VALUES (?, ?, ?)", store.types.values())
    db.executemany(
        "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?)",
        (
            (a.id, a.name, a.kind, a.role, _json(a.aliases), _json(a.part_of))
            for a in store.actors.values()
        ),
    )
    db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", store.sources.values())
    db.executemany(_EVENTS, _event_rows(events))


def _fill_links(db: sqlite3.Connection, events: list[Event]) -> None:
    """The tables that link the events to their actors and sources, accounts and figures."""
    # In the order of their keys (the event's id first): each row goes at the end of its
    # table's tree, not into the middle of one (100,000 events: 1.3 to 0.6 s).
    events = sorted(events, key=attrgetter("id"))
    db.executemany(
        "INSERT INTO event_actors VALUES (?, ?, ?)",
        ((e.id, actor, n) for e in events for n, actor in enumerate(e.actors, 1)),
    )
    db.executemany(
        "INSERT INTO event_sources VALUES (?, ?, ?)",
        ((e.id, source, n) for e in events for n, source in enumerate(e.sources, 1)),
    )
    db.executemany(
        _ACCOUNTS,
        (
            (
                e.id,
                n,
                a.source,
                a.date_text or MISSING,
                a.end_text or MISSING,
                a.when,
                a.location,
                _json(a.actors),
                _json(a.quotes),
                a.note,
                _json(account_differences(e, a)),
            )
            for e in events
            for n, a in enumerate(e.accounts, 1)
        ),
    )
    db.executemany(
        _FIGURES,
        (
            row
            for e in events
            for row in (
                *_figure_rows(e.id, MISSING, e.figures),
                *(
                    row
                    for n, a in enumerate(e.accounts, 1)
                    for row in _figure_rows(e.id, n, a.figures)
                ),
            )
        ),
    )


def save(store: Store, events: list[Event], options: ExportOptions, path: Path) -> list[str]:
    """Write the database to path (an empty file); the notes say what it could not hold."""
    db = _connect(path)
    full_text: _FullText | None = None
    flushing: threading.Thread | None = None
    try:
        # Pages of 64 KiB, not 4: a quarter less of SQLite's work for 100,000 events, in a file
        # a few per cent smaller (big rows are split over fewer pages).
        db.execute("PRAGMA page_size = 65536")
        db.executescript(SCHEMA)
        db.execute("BEGIN")
        _fill(db, store, events)
        db.execute("COMMIT")
        flushing = _flush_in_background(path)
        full_text = _FullText(path) if events else None  # built while the rest is written
        # The rest is held in memory until the index is built: written to the file now, it
        # would wait for the index's connection to stop reading the events.
        db.execute("PRAGMA cache_spill = OFF")
        db.execute("BEGIN")
        _fill_links(db, events)
        for index in INDEXES.strip().splitlines():
            db.execute(index)
        if full_text is not None:
            full_text.wait()
        db.execute("COMMIT")
        return full_text.write() if full_text is not None else _index_in_place(db)
    finally:
        if full_text is not None:
            full_text.close()
        db.close()
        if flushing is not None:
            flushing.join()


def _flush_in_background(path: Path) -> threading.Thread:
    """Send what the file holds so far (the events, most of its bytes) to the disk in a thread,
    while the rest is built: the caller's flush of the whole file, before it takes the old
    one's place, then has only the rest to wait for (100,000 events: 0.25 s)."""

    def flush() -> None:
        with suppress(OSError), path.open("rb+") as handle:  # the caller's flush will say
            os.fsync(handle.fileno())

    thread = threading.Thread(target=flush, name="flush", daemon=True)
    thread.start()
    return thread


def _connect(path: Path, **options: Any) -> sqlite3.Connection:
    import sqlite3

    db: sqlite3.Connection = sqlite3.connect(path, isolation_level=None, **options)
    # The file is written whole and renamed into place by the caller: no journal needed.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    return db


def _index_in_place(db: sqlite3.Connection) -> list[str]:
    """Build the full-text index in the file, from the events written ('rebuild'); the note
    that the library has no FTS5 if it has none."""
    import sqlite3

    try:
        db.execute(FULL_TEXT.format(schema="main"))
    except sqlite3.OperationalError as error:
        if "fts5" not in str(error):
            raise
        return [NO_FTS5]
    db.execute(INDEX_IN_MEMORY.format(schema="main"))
    db.execute("INSERT INTO main.events_fts (events_fts) VALUES ('rebuild')")
    return []


class _FullText:
    """The full-text index of the events written to path (committed), built from a
    connection of its own into that connection's temporary schema, in a thread: SQLite
    builds it without holding Python's lock, while the calling thread writes the rest
    (100,000 events: 1.2 s of the export's 4.9 s of work, measured). Then copied into the
    file table by table: the same rows as the index built in place ('rebuild') has."""

    def __init__(self, path: Path) -> None:
        import sqlite3

        self.db = _connect(path, check_same_thread=False)
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._build, name="events_fts", daemon=True)
        if sqlite3.threadsafety == 0:  # a library built for one thread: build it now
            self._build()
        else:
            self.thread.start()

    def _build(self) -> None:
        try:
            self.db.execute(FULL_TEXT.format(schema="temp"))
            self.db.execute(INDEX_IN_MEMORY.format(schema="temp"))
            self.db.execute(
                "INSERT INTO temp.events_fts (rowid, title, summary, quotes) "
                "SELECT rowid, title, summary, quotes FROM main.events ORDER BY rowid"
            )
        except BaseException as error:  # handed to the thread that writes it
            self.failure = error

    def wait(self) -> None:
        """Return once the index is built (or its building failed)."""
        if self.thread.ident is not None:
            self.thread.join()

    def write(self) -> list[str]:
        """Put the index into the file, once built and the rest written; the note that the
        library has no FTS5 if it has none."""
        import sqlite3

        self.wait()
        if self.failure is not None:
            if isinstance(self.failure, sqlite3.OperationalError) and "fts5" in str(self.failure):
                return [NO_FTS5]
            raise self.failure
        self.db.execute("BEGIN")
        self.db.execute(FULL_TEXT.format(schema="main"))
        try:
            self._copy()
        except sqlite3.OperationalError:
            # A library that keeps FTS5's own tables from being written (its defensive
            # mode): the index is built again, in place.
            self.db.execute("ROLLBACK")
            return _index_in_place(self.db)
        self.db.execute("COMMIT")
        return []

    def _copy(self) -> None:
        tables = self.db.execute(
            "SELECT name FROM sqlite_temp_master WHERE type = 'table' "
            "AND name GLOB 'events_fts_*' ORDER BY rowid"
        ).fetchall()
        for (table,) in tables:  # FTS5's own: its data, terms, sizes and settings
            self.db.execute(f'DELETE FROM main."{table}"')
            self.db.execute(f'INSERT INTO main."{table}" SELECT * FROM temp."{table}"')

    def close(self) -> None:
        if self.thread.is_alive():  # the rest failed: stop building
            self.db.interrupt()
            self.thread.join()
        self.db.close()


FORMAT = ExportFormat(
    name="sqlite",
    extensions=(".db", ".sqlite", ".sqlite3"),
    description="a SQLite database with full-text search, for Datasette, sqlite3 and pandas",
    write=file_only,
    aliases=("db",),
    save=save,
)
