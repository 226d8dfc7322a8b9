"""A cache of parsed, validated stores, so a big store is parsed once, not on every command.

An entry is a snapshot of the store as it was when last parsed (marshal, plain tuples), plus
a journal of the events `add` has appended since. It is keyed by a digest of the file's bytes,
checked on every read, so it can never serve stale data: a file edited by hand no longer
matches and is parsed again. An entry that is unreadable, truncated or from another version is
ignored and replaced. Entries live in $TIMELINE_CACHE_DIR, else $XDG_CACHE_HOME/timeline, else
~/.cache/timeline.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from timeline import __version__
from timeline.dates import FuzzyDate, Precision, Span
from timeline.model import Actor, Event, EventType, Source, Store, in_calendar_order

CACHE_ENV = "TIMELINE_CACHE_DIR"
FORMAT = 2  # the layout of an entry; changes whenever the tuples below do
_PRECISIONS = tuple(Precision)
_PRECISION_INDEX = {precision: index for index, precision in enumerate(_PRECISIONS)}


class Cached(NamedTuple):
    """A store served from the cache, and whether events can be appended to its file as
    [[events]] tables (false when the file defines `events` as an inline array)."""

    store: Store
    appendable: bool
    running: Any  # the digest of the bytes read, to extend when bytes are appended
    length: int  # how many bytes were read
    base: bytes  # the digest of the snapshot this was read from
    journal: list[Any]  # the journal entries read on top of it


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "timeline"


def digest(data: bytes | memoryview) -> Any:
    """A running digest of a store's bytes (extendable with update())."""
    return hashlib.blake2b(data, digest_size=20)


_last: dict[Path, Cached] = {}  # the last store fetched for each file, in this process


def fetch(path: Path, data: bytes) -> Cached | None:
    """The cached store for a file whose bytes are data, or None."""
    last = _last.get(path.resolve())
    # Read again in the same process (add reads the store, then reads it under the lock):
    # the digest alone tells whether the store built last time still holds.
    if (
        last is not None
        and last.length == len(data)
        and digest(data).digest() == last.running.digest()
    ):
        return last._replace(running=last.running.copy())
    found = _fetch(path, data)
    if found is not None:
        _last[path.resolve()] = found._replace(running=found.running.copy())
    return found


def _fetch(path: Path, data: bytes) -> Cached | None:
    snapshot_file, journal_file = _files(path)
    try:
        with _no_gc():
            entry = marshal.loads(snapshot_file.read_bytes())
            if not (isinstance(entry, tuple) and entry[:2] == (FORMAT, __version__)):
                return None
            _, _, length, expected, header, event_rows, appendable = entry
            view = memoryview(data)
            running = digest(view[:length])
            if len(data) < length or running.digest() != expected:
                return None
            events = [_event(row) for row in event_rows]
            entries: list[Any] = []
            if len(data) > length:
                entries = _journal(journal_file, expected, view, length, running, events)
                events = list(in_calendar_order(events))  # the snapshot is sorted: fast
            store = _store(path, header, events)
            return Cached(store, appendable, running, len(data), expected, entries)
    except (OSError, ValueError, EOFError, TypeError, IndexError, _Stale):
        return None


def fingerprint(data: bytes) -> tuple[int, bytes]:
    """What a cache entry is keyed by: the length and digest of a store's bytes."""
    return len(data), digest(data).digest()


def save(path: Path, mark: tuple[int, bytes], store: Store, *, appendable: bool) -> None:
    """Cache the store parsed from the bytes with this fingerprint; a cache that cannot be
    written is no error."""
    snapshot_file, journal_file = _files(path)
    # marshal writes built-in types only: records go in as plain tuples.
    header = (
        store.title,
        store.description,
        tuple(tuple(t) for t in store.types.values()),
        tuple(tuple(a) for a in store.actors.values()),
        tuple(tuple(s) for s in store.sources.values()),
    )
    entry = (
        FORMAT,
        __version__,
        *mark,
        header,
        [_row(event) for event in store.events],
        appendable,
    )
    _write(snapshot_file, marshal.dumps(entry))  # type: ignore[arg-type]
    journal_file.unlink(missing_ok=True)


def extend(path: Path, cached: Cached, added: bytes, events: list[Event]) -> None:
    """Record events appended, as the bytes added, to a file whose old bytes were just read
    through fetch (which gave cached). The journal names the snapshot it extends, and each
    entry the byte range it covers, so a journal can only ever be read on top of the very
    bytes it was written for, whatever other processes wrote to the cache meanwhile."""
    _, journal_file = _files(path)
    running = cached.running.copy()
    running.update(added)
    entry = (cached.length, cached.length + len(added), running.digest(), [_row(e) for e in events])
    _write(journal_file, marshal.dumps((cached.base, [*cached.journal, entry])))


class _Stale(Exception):
    """The journal does not describe these bytes."""


def _journal(
    journal_file: Path,
    base: bytes,
    view: memoryview,
    start: int,
    running: Any,
    events: list[Event],
) -> list[Any]:
    """Apply the journal entries that lead from the snapshot's bytes to all of view."""
    journal_base, entries = marshal.loads(journal_file.read_bytes())
    if journal_base != base:
        raise _Stale
    position = start
    for index, (first, last, expected, rows) in enumerate(entries):
        if first != position or last > len(view):
            raise _Stale
        running.update(view[first:last])
        position = last
        if running.digest() != expected:
            raise _Stale
        events += [_event(row) for row in rows]
        if last == len(view):
            return list(entries[: index + 1])
    raise _Stale


def _files(path: Path) -> tuple[Path, Path]:
    key = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    folder = cache_dir()
    return folder / f"{key}.store", folder / f"{key}.journal"


def _write(target: Path, payload: bytes) -> None:
    from timeline.atomic import write_atomic

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, [payload])
    except OSError:
        pass  # no cache: slower, never wrong


@contextmanager
def _no_gc() -> Iterator[None]:
    # Hundreds of thousands of new tuples would start the cycle collector again and again;
    # none of them can be part of a cycle.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # and the collector need never look at them again
        if enabled:
            gc.enable()


def _fuzzy_row(fuzzy: FuzzyDate | None) -> tuple[Any, ...] | None:
    if fuzzy is None:
        return None
    return (
        fuzzy.text,
        fuzzy.first.toordinal(),
        fuzzy.last.toordinal(),
        _PRECISION_INDEX[fuzzy.precision],
        fuzzy.part,
        fuzzy.approximate,
        fuzzy.uncertain,
        fuzzy.between,
    )


def _row(event: Event) -> tuple[Any, ...]:
    # The span's dates as plain values, then the event's own fields but the span, in order.
    span = event.span
    return (_fuzzy_row(span.start), _fuzzy_row(span.end), span.ongoing, event[0], *event[2:])


_from_ordinal = date.fromordinal
_new_fuzzy = FuzzyDate.__new__


def _fuzzy(row: tuple[Any, ...] | None) -> FuzzyDate | None:
    if row is None:
        return None
    text, first, last, precision, part, approximate, uncertain, between = row
    return _new_fuzzy(
        FuzzyDate,
        text,
        _from_ordinal(first),
        _from_ordinal(last),
        _PRECISIONS[precision],
        part,
        approximate,
        uncertain,
        between,
    )


def _event(row: tuple[Any, ...]) -> Event:
    span = Span(_fuzzy(row[0]), _fuzzy(row[1]), row[2])  # type: ignore[arg-type]
    return Event(row[3], span, *row[4:])


def _store(path: Path, header: tuple[Any, ...], events: list[Event]) -> Store:
    title, description, types, actors, sources = header
    return Store(
        path,
        title,
        description,
        {row[0]: EventType(*row) for row in types},
        {row[0]: Actor(*row) for row in actors},
        {row[0]: Source(*row) for row in sources},
        tuple(events),
    )
