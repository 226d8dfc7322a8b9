"""A cache of parsed, validated stores, so a big store is parsed once, not on every command.

An entry is a snapshot of the store as it was when last parsed, plus a journal of the events
`add` has appended since. The snapshot holds the declarations, the ids, the tags (for shell
completion, which would otherwise build every event), and the events as rows of plain tuples
(marshal) in blocks that are decoded only when a command asks for their events, with an index
of every event's first and last possible day, and its start's last, to find them (those of a
period; those a new event may repeat). It is keyed by a digest of the file's bytes, checked on
every read, so it can never serve stale data: a file edited by hand no longer matches and is
parsed again.

An entry is read only if it is a regular file of this user's (never through a symbolic link,
never a FIFO or a device), begins with the format key (a digest of the records' definitions and
of the entry's layout, so that records of another shape never read an old entry) and ends with
the CRC-32 of all its other bytes, checked before anything is decoded; any other entry is
ignored and replaced. Entries are written as new files (0600) renamed into the cache folder
(made 0700), which must be a real folder of this user's. A folder that cannot be used is
skipped, never an error: Cache.notice says why, for the command line to show. The folder is
$TIMELINE_CACHE_DIR, else $XDG_CACHE_HOME/timeline, else ~/.cache/timeline.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import mmap
import os
import stat
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from timeline import __version__
from timeline.dates.syntax import FuzzyDate, Precision, Span
from timeline.model import (
    Account,
    Actor,
    Coordinates,
    DayWindows,
    Event,
    Events,
    EventType,
    Figure,
    Source,
    Store,
    in_calendar_order,
)

CACHE_ENV = "TIMELINE_CACHE_DIR"
# The arrangement of an entry: its header, its rows (_row), its index and its trailer. Bump it
# whenever one of them changes; changes to the records themselves change the key on their own.
LAYOUT = 6
_SNAPSHOT = b"timeline snapshot\n"  # how a snapshot begins, before the format key
_JOURNAL = b"timeline journal\n"  # how a journal begins, before the format key
_HEAD = len(_SNAPSHOT) + hashlib.sha256().digest_size  # bytes before a snapshot's first block
_LENGTH = 8  # bytes before a snapshot's checksum: the length of its index
_CHECKSUM = 4  # bytes at the end of every entry: the CRC-32 of all the bytes before them
BLOCK = 1024  # events per block of rows; a block is decoded only when one of its events is asked
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
    audited: bytes | None  # what the caller saved with the snapshot (see Cache.save)


def format_key() -> bytes:
    """What an entry must have been written under to be read: a digest of the fields (names,
    order, declared types) of every record an entry holds, of the members of Precision, of the
    entry's layout, of this package's version and of marshal's."""
    # The names are looked up on each call, not once at import, so a test can swap a record.
    records = (Event, Span, FuzzyDate, EventType, Actor, Source, Figure, Account, Coordinates)
    described = (
        LAYOUT,
        __version__,
        marshal.version,
        sys.implementation.cache_tag,
        [(r.__name__, r._fields, [str(r.__annotations__[f]) for f in r._fields]) for r in records],
        [(member.name, member.value) for member in Precision],
    )
    return hashlib.sha256(repr(described).encode()).digest()


def cache_dir() -> Path:
    """The folder the cache keeps its entries in when none is given."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "timeline"


def digest(data: bytes | memoryview) -> Any:
    """A running digest of a store's bytes (extendable with update())."""
    # SHA-256: with the SHA extensions most x86 and ARM processors have, OpenSSL's is twice
    # as fast as BLAKE2b (4.6 ms against 10.1 ms for an 8 MB store, measured), and every
    # command that reads a cached store hashes all of it.
    return hashlib.sha256(data)


def fingerprint(*parts: bytes) -> tuple[int, bytes]:
    """What a cache entry is keyed by: the length and digest of a store's bytes (given in
    parts: the bytes a write made, without joining them)."""
    running = digest(parts[0] if parts else b"")
    for part in parts[1:]:
        running.update(part)
    return sum(map(len, parts)), running.digest()


class Cache:
    """The cache entries of one folder, as one command uses them. It keeps no state between
    commands but the files in its folder, and prints nothing: the first problem that made it
    skip the folder is its notice, for the command line to show."""

    def __init__(self, folder: Path | None = None) -> None:
        """A cache in folder; None means $TIMELINE_CACHE_DIR, else $XDG_CACHE_HOME/timeline,
        else ~/.cache/timeline. Nothing is looked at before it is used."""
        self.notice: str | None = None  # the first problem met, in one line, if any
        self._key = format_key()
        self._checked = False  # whether the folder was found to be a folder of this user's
        self.folder: Path | None = folder
        if folder is None:
            try:
                self.folder = cache_dir()
            except RuntimeError as error:  # no home folder to put it in
                self._give_up(f"no cache folder ({error})")

    def fetch(self, path: Path, data: bytes) -> Cached | None:
        """The cached store for the file at path whose bytes are data, or None: there is no
        entry for them, or none that can be used (stale, damaged, another version's, or not a
        regular file of this user's), or the cache folder cannot be used."""
        folder = self._folder(create=False)
        if folder is None:
            return None
        try:
            snapshot_name, journal_name = _names(path)
            snapshot = _mapped(folder / snapshot_name)
            if len(snapshot) < _HEAD + _LENGTH + _CHECKSUM:
                return None
            if snapshot[:_HEAD] != _SNAPSHOT + self._key:
                return None  # another version's, or not a snapshot at all
            if not _intact(snapshot):
                return None
            index_end = len(snapshot) - _CHECKSUM - _LENGTH
            index_start = index_end - int.from_bytes(snapshot[index_end:-_CHECKSUM], "little")
            if index_start < _HEAD:
                return None
            with _no_gc():
                entry = marshal.loads(snapshot[index_start:index_end])
            (
                length,
                expected,
                header,
                ids,
                tags,
                earliest,
                latest,
                start_latest,
                ends,
                appendable,
                audited,
            ) = entry
            if (ends[-1] if ends else _HEAD) != index_start:
                return None
            starts = [_HEAD, *ends]
            blocks = [snapshot[start:end] for start, end in zip(starts, ends, strict=False)]
            view = memoryview(data)
            running = digest(view[:length])
            if len(data) < length or running.digest() != expected:
                return None
            added: list[Event] = []
            entries: list[Any] = []
            if len(data) > length:
                journal = _journal(folder / journal_name, self._key)
                entries = _replay(journal, expected, view, length, running, added)
            days = _Days(_ordinals(earliest), _ordinals(latest), _ordinals(start_latest))
            count = len(ids)
            if not (
                len(days.earliest) == len(days.latest) == len(days.start_latest) == count
                and -(-count // BLOCK) == len(blocks)
            ):
                return None  # blocks of another size than BLOCK: not to be indexed with it
            events = _SnapshotEvents(ids, tags, days, blocks, added)
            store = _store(path, header, events)
            return Cached(store, appendable, running, len(data), expected, entries, audited)
        except (OSError, RuntimeError, ValueError, EOFError, TypeError, IndexError, _Unusable):
            return None

    def save(
        self,
        path: Path,
        mark: tuple[int, bytes],
        store: Store,
        *,
        appendable: bool,
        audited: bytes | None = None,
    ) -> None:
        """Cache the store parsed from the bytes with this fingerprint (replacing the file's
        entry); a cache that cannot be written is skipped, with a notice. audited is kept
        with the snapshot, unread, and given back by fetch (a digest of the source files the
        events' quotes were checked against, say)."""
        # marshal writes built-in types only: records go in as plain tuples.
        header = (
            store.title,
            store.description,
            tuple(tuple(t) for t in store.types.values()),
            tuple(tuple(a) for a in store.actors.values()),
            tuple(tuple(s) for s in store.sources.values()),
        )
        events = store.events.all()

        def chunks() -> Iterator[bytes]:
            # The header; the blocks, written as they are made, so that neither all the rows
            # nor all the blocks are ever in memory at once; the index; the index's length.
            # (_write adds the checksum.)
            yield _SNAPSHOT + self._key
            ends = []
            position = _HEAD
            rows = _Rows()
            for start in range(0, len(events), BLOCK):
                block = marshal.dumps([rows.row(event) for event in events[start : start + BLOCK]])
                position += len(block)
                ends.append(position)
                yield block
            index = (
                *mark,
                header,
                store.events.ids(),
                store.events.tags(),
                *rows.days(events),
                ends,
                appendable,
                audited,
            )
            packed = marshal.dumps(index)  # type: ignore[arg-type]
            yield packed
            yield len(packed).to_bytes(_LENGTH, "little")

        try:
            snapshot_name, journal_name = _names(path)
        except (OSError, RuntimeError):
            return
        folder = self._write(snapshot_name, chunks())
        if folder is not None:
            with suppress(OSError):  # say, a folder in its place: it will not be read anyway
                (folder / journal_name).unlink()

    def extend(self, path: Path, cached: Cached, added: bytes, events: list[Event]) -> None:
        """Record events appended, as the bytes added, to a file whose old bytes were just
        read through fetch (which gave cached); the snapshot's audited value stays as it is.
        The journal names the snapshot it extends, and each entry the byte range it covers, so
        a journal can only ever be read on top of the very bytes it was written for, whatever
        other processes wrote to the cache meanwhile."""
        try:
            _, journal_name = _names(path)
        except (OSError, RuntimeError):
            return
        running = cached.running.copy()
        running.update(added)
        last = cached.length + len(added)
        entry = (cached.length, last, running.digest(), [_row(e) for e in events])
        journal = marshal.dumps((cached.base, [*cached.journal, entry]))
        self._write(journal_name, [_JOURNAL + self._key, journal])

    def report(self, notices: list[str] | None) -> None:
        """Add the notice, if there is one, to notices (the caller's list of things to tell
        the user), unless it is there already."""
        if self.notice is not None and notices is not None and self.notice not in notices:
            notices.append(self.notice)

    def _folder(self, *, create: bool) -> Path | None:
        """The cache folder, if it can be used: a real folder (not a symbolic link) of this
        user's. When there is none yet, it is made if create is true (and each missing folder
        above it), readable by this user only; else None. None too, with a notice, when
        there is something else in its place."""
        if self.notice is not None or self.folder is None:
            return None
        folder = self.folder
        if self._checked:
            return folder
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            if not create:
                return None
            try:
                _make_folder(folder)
                info = os.lstat(folder)
            except OSError as error:
                self._give_up(f"cannot make cache folder {folder}: {error.strerror}")
                return None
        except OSError as error:
            self._give_up(f"cannot use cache folder {folder}: {error.strerror}")
            return None
        problem = _folder_problem(info)
        if problem is not None:
            self._give_up(f"cache folder {folder} {problem}")
            return None
        self._checked = True
        return folder

    def _write(self, name: str, chunks: Iterable[bytes]) -> Path | None:
        """Make the entry called name in the cache folder, from chunks and their checksum:
        written to a new file of the cache's own, readable by this user only, then renamed
        over whatever had that name (a symbolic link is replaced, never followed). Return the
        folder, or None if the entry could not be written."""
        folder = self._folder(create=True)
        if folder is None:
            return None
        import tempfile  # here: with shutil, bz2, lzma and random, 10-20 ms that reads never need

        try:
            # mkstemp makes a new file (O_EXCL), mode 0600 at most, whatever the umask.
            descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        except OSError as error:
            self._give_up(f"cannot write in cache folder {folder}: {error.strerror}")
            return None
        try:
            # No fsync: an entry that a crash leaves incomplete fails its checksum.
            with os.fdopen(descriptor, "wb") as file:
                for chunk in _with_checksum(chunks):
                    file.write(chunk)
            Path(temporary).replace(folder / name)  # a rename: replaces a link, never follows
        except BaseException as error:
            with suppress(OSError):
                Path(temporary).unlink()
            if not isinstance(error, OSError):
                raise
            self._give_up(f"cannot write in cache folder {folder}: {error.strerror}")
            return None
        return folder

    def _give_up(self, problem: str) -> None:
        """Use the cache no more in this command, and say why (the first problem only)."""
        if self.notice is None:
            self.notice = f"{problem}; reading without the cache"


def _mapped(snapshot_file: Path) -> memoryview:
    """The snapshot's bytes, mapped rather than read: the checksum runs over the mapped pages,
    and no copy of them is ever made (reading the 7.5 MB of a 10,000-event snapshot into memory
    cost 5 ms, measured). Snapshots are only ever replaced by renaming, never truncated, so the
    mapped file cannot shrink under us."""
    descriptor = _open_entry(snapshot_file)
    try:
        return memoryview(mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ))
    finally:
        os.close(descriptor)  # the map keeps its own reference to the file


def _read(journal_file: Path) -> bytes:
    """The journal's bytes."""
    with os.fdopen(_open_entry(journal_file), "rb") as file:
        return file.read()


# Never follow a symbolic link, never wait for the writer of a FIFO or for a device.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _open_entry(file: Path) -> int:
    """A descriptor of file, open for reading, if it is a regular file of this user's; raise
    _Unusable if it is anything else, such as a FIFO, a device, a folder or a symbolic link."""
    try:
        descriptor = os.open(file, _OPEN_FLAGS)
    except OSError:
        raise _Unusable from None  # missing, a symbolic link (ELOOP), unreadable
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != _user():
            raise _Unusable
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _user() -> int:
    """The user the cache works for: the owner its folder and entries must have."""
    return os.geteuid() if hasattr(os, "geteuid") else 0


class _Unusable(Exception):
    """There is no entry to use here: no regular file of this user's, an entry of another
    version or with damaged bytes, or a journal that does not describe these bytes."""


def _journal(journal_file: Path, key: bytes) -> tuple[bytes, list[Any]]:
    """The journal's base (the digest of the snapshot's bytes it extends) and entries."""
    data = memoryview(_read(journal_file))
    head = _JOURNAL + key
    if len(data) < len(head) + _CHECKSUM or data[: len(head)] != head:
        raise _Unusable  # another version's, or not a journal at all
    if not _intact(data):
        raise _Unusable
    base, entries = marshal.loads(data[len(head) : -_CHECKSUM])
    return base, entries


def _replay(
    journal: tuple[bytes, list[Any]],
    base: bytes,
    view: memoryview,
    start: int,
    running: Any,
    added: list[Event],
) -> list[Any]:
    """Collect, into added, the events of the journal entries that lead from the snapshot's
    bytes to all of view; return those entries."""
    journal_base, entries = journal
    if journal_base != base:
        raise _Unusable
    position = start
    for index, (first, last, expected, rows) in enumerate(entries):
        if first != position or last > len(view):
            raise _Unusable
        running.update(view[first:last])
        position = last
        if running.digest() != expected:
            raise _Unusable
        added += _events(rows)
        if last == len(view):
            return list(entries[: index + 1])
    raise _Unusable


def _intact(entry: memoryview) -> bool:
    """Whether the entry's bytes are those it was written with: its last bytes are the CRC-32
    of all the others."""
    # CRC-32 runs at 2.4 GB/s here (3 ms for a 10,000-event snapshot), and finds every burst
    # of up to 32 damaged bits and all but one in 2**32 of any other damage.
    expected = int.from_bytes(entry[-_CHECKSUM:], "little")
    return zlib.crc32(entry[:-_CHECKSUM]) == expected


def _with_checksum(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The chunks, then the CRC-32 of them all."""
    checksum = 0
    for chunk in chunks:
        checksum = zlib.crc32(chunk, checksum)
        yield chunk
    yield checksum.to_bytes(_CHECKSUM, "little")


def _names(path: Path) -> tuple[str, str]:
    """The names of the snapshot and the journal of the store at path."""
    key = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{key[:32]}.store", f"{key[:32]}.journal"


def _make_folder(folder: Path) -> None:
    """Make folder, and every missing folder above it, readable by this user only."""
    try:
        folder.mkdir(0o700)
    except FileNotFoundError:
        _make_folder(folder.parent)
        folder.mkdir(0o700, exist_ok=True)
    except FileExistsError:
        pass  # made meanwhile by another command, or something else: the caller looks


def _folder_problem(info: os.stat_result) -> str | None:
    """What makes the folder with this lstat() unfit to keep entries in, if anything."""
    if stat.S_ISLNK(info.st_mode):
        # Its target could be anywhere, and be changed to anywhere else at any time.
        return "is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    if info.st_uid != _user():
        return "belongs to another user"
    return None


@contextmanager
def _no_gc() -> Iterator[None]:
    """Keep the cycle collector off while rows are decoded in bulk, then as it was."""
    # Hundreds of thousands of new tuples would start the cycle collector again and again;
    # none of them can be part of a cycle.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fuzzy_row(fuzzy: FuzzyDate | None) -> tuple[Any, ...] | None:
    """A date as a row of plain values: days as ordinals, the precision as its index."""
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


# Where a row holds an event's coordinates: the span's three values stand for the event's span,
# so the row's fields after the id are the event's, one place further on.
_COORDINATES = Event._fields.index("coordinates") + 2


def _row(
    event: Event,
    fuzzy_row: Callable[[FuzzyDate | None], tuple[Any, ...] | None] = _fuzzy_row,
) -> tuple[Any, ...]:
    """An event as a row of plain values, for marshal (its dates' rows made by fuzzy_row)."""
    # The span's dates as plain values, then the event's own fields but the span, in order;
    # its coordinates as a plain tuple, its figures and accounts (the last two) as plain
    # tuples, of plain tuples.
    span = event.span
    row = (fuzzy_row(span.start), fuzzy_row(span.end), span.ongoing, event[0], *event[2:])
    if not (event.figures or event.accounts or event.coordinates):
        return row
    coordinates = tuple(event.coordinates) if event.coordinates else None
    figures = tuple(tuple(figure) for figure in event.figures)
    accounts = tuple(
        (*account[:6], tuple(tuple(figure) for figure in account.figures), *account[7:])
        for account in event.accounts
    )
    return (*row[:_COORDINATES], coordinates, *row[_COORDINATES + 1 : -2], figures, accounts)


class _Rows:
    """Events as rows (_row), and their spans' first and last possible days, made once for
    each date and span that events share (the schema gives events of one date one record),
    not once for each event."""

    def __init__(self) -> None:
        # By the identity of each record: the events that hold them keep them alive meanwhile.
        self._dates: dict[int, tuple[Any, ...] | None] = {}
        self._days: dict[int, tuple[int, int, int]] = {}

    def row(self, event: Event) -> tuple[Any, ...]:
        return _row(event, self._date)

    def _date(self, fuzzy: FuzzyDate | None) -> tuple[Any, ...] | None:
        if id(fuzzy) not in self._dates:
            self._dates[id(fuzzy)] = _fuzzy_row(fuzzy)
        return self._dates[id(fuzzy)]

    def days(self, events: tuple[Event, ...]) -> tuple[bytes, bytes, bytes]:
        """The ordinals of the events' earliest and latest possible days (an ongoing event's
        latest is date.max), and of the latest day their starts can mean, as arrays' bytes
        (see _Days)."""
        found = self._days
        for event in events:
            span = event.span
            if id(span) not in found:
                latest = span.latest or date.max
                start = span.start.latest
                found[id(span)] = (span.earliest.toordinal(), latest.toordinal(), start.toordinal())
        each = [found[id(event.span)] for event in events]
        return (
            array("i", [first for first, _, _ in each]).tobytes(),
            array("i", [last for _, last, _ in each]).tobytes(),
            array("i", [start for _, _, start in each]).tobytes(),
        )


_from_ordinal = date.fromordinal
# Records are made with tuple.__new__: a NamedTuple's own __new__ is Python code that costs
# as much again per call, and the rows hold every field already, in order.
_new_record = tuple.__new__


def _fuzzy(row: tuple[Any, ...] | None) -> FuzzyDate | None:
    """The date _fuzzy_row made the row of."""
    if row is None:
        return None
    text, first, last, precision, part, approximate, uncertain, between = row
    days = (_from_ordinal(first), _from_ordinal(last))
    fields = (text, *days, _PRECISIONS[precision], part, approximate, uncertain, between)
    return _new_record(FuzzyDate, fields)


def _events(rows: list[tuple[Any, ...]]) -> list[Event]:
    """The events _row made the rows of. A date the rows share is one object in them
    (marshal keeps it one), and is made once, as is each span: the events of a day share
    them, as the store's read gave them."""
    # By the identities of the dates' rows, which the rows hold meanwhile.
    dates: dict[int, FuzzyDate | None] = {}
    spans: dict[tuple[int, int, bool], Span] = {}

    def date_of(row: tuple[Any, ...] | None) -> FuzzyDate | None:
        made = dates.get(id(row))
        if made is None:
            made = dates[id(row)] = _fuzzy(row)
        return made

    events = []
    for row in rows:
        key = id(row[0]), id(row[1]), row[2]
        span = spans.get(key)
        if span is None:
            span = spans[key] = _new_record(Span, (date_of(row[0]), date_of(row[1]), row[2]))
        events.append(_event(row, span))
    return events


def _event(row: tuple[Any, ...], span: Span) -> Event:
    """The event _row made the row of, with its span."""
    coordinates = row[_COORDINATES]
    if not (row[-1] or row[-2] or coordinates):
        return _new_record(Event, (row[3], span, *row[4:]))
    if coordinates:
        row = (*row[:_COORDINATES], _new_record(Coordinates, coordinates), *row[_COORDINATES + 1 :])
    figures = tuple(_new_record(Figure, figure) for figure in row[-2])
    accounts = tuple(
        _new_record(
            Account,
            (*account[:6], tuple(_new_record(Figure, f) for f in account[6]), *account[7:]),
        )
        for account in row[-1]
    )
    return _new_record(Event, (row[3], span, *row[4:-2], figures, accounts))


def _store(path: Path, header: tuple[Any, ...], events: Events) -> Store:
    """The store at path, from a snapshot's header (title, description, declarations)."""
    title, description, types, actors, sources = header
    return Store(
        path,
        title,
        description,
        {row[0]: EventType(*row) for row in types},
        {row[0]: Actor(*row) for row in actors},
        {row[0]: Source(*row) for row in sources},
        events,
    )


class _Days(NamedTuple):
    """A snapshot's index of its events' days, as ordinals, an array of each in the events'
    order: the earliest day each can fall on (its start's earliest), the latest (date.max
    while ongoing), and the latest its start can mean (a period may end before that)."""

    earliest: array[int]
    latest: array[int]
    start_latest: array[int]


def _ordinals(data: bytes) -> array[int]:
    """An index's days (as ordinals) back from its bytes."""
    ordinals = array("i")
    ordinals.frombytes(data)
    return ordinals


class _SnapshotEvents(Events):
    """A cached store's events. Building 100,000 records costs more than a command that shows
    one year needs: the rows stay marshalled in blocks, and the days every event can fall on
    are kept in arrays (_Days), so that overlapping() and starting() decode only the blocks
    and build only the records of the events they return. Events added since the snapshot
    (the journal's) are records already."""

    def __init__(
        self,
        ids: list[str],
        tags: list[str],
        days: _Days,
        blocks: list[memoryview],
        added: list[Event],
    ) -> None:
        super().__init__()
        self._ids = ids
        self._tags = tags
        self._days = days
        self._blocks = blocks
        self._added = added
        self._built: tuple[Event, ...] | None = None

    def all(self) -> tuple[Event, ...]:
        """Every event, built once, in calendar order."""
        if self._built is None:
            with _no_gc():
                events = [
                    event for block in self._blocks for event in _events(marshal.loads(block))
                ]
                self._built = (
                    in_calendar_order(events + self._added) if self._added else tuple(events)
                )
        return self._built

    def __len__(self) -> int:
        """How many events, without building them."""
        return len(self._ids) + len(self._added)

    def overlapping(self, low: date, high: date) -> list[Event]:
        """The events that can fall from low to high, building only those."""
        if self._built is not None or (low == date.min and high == date.max):
            return super().overlapping(low, high)
        first, last = low.toordinal(), high.toordinal()
        wanted = [
            index
            for index, (earliest, latest) in enumerate(
                zip(self._days.earliest, self._days.latest, strict=True)
            )
            if earliest <= last and latest >= first
        ]
        added = [event for event in self._added if event.span.overlaps(low, high)]
        return self._snapshot_events(wanted, added)

    def starting(self, windows: DayWindows) -> list[Event]:
        """The events whose start can fall in one of the windows, building only those."""
        if self._built is not None:
            return super().starting(windows)
        meets = windows.meets
        days = zip(self._days.earliest, self._days.start_latest, strict=True)
        wanted = [index for index, (first, last) in enumerate(days) if meets(first, last)]
        added = Events(self._added).starting(windows)
        return self._snapshot_events(wanted, added)

    def _snapshot_events(self, wanted: list[int], added: list[Event]) -> list[Event]:
        """The snapshot's events at the places wanted (in order), built alone, and the added
        events given, in calendar order."""
        events: list[Event] = []
        with _no_gc():
            # Each block's rows are dropped once its events are built: kept, they would be
            # tens of thousands of objects for the collector to go through once it is back on
            # (24 ms after a year's events were built from ten blocks, measured).
            for block, indices in groupby(wanted, lambda index: index // BLOCK):
                rows = marshal.loads(self._blocks[block])
                events += _events([rows[index % BLOCK] for index in indices])
        return list(in_calendar_order(events + added)) if added else events

    def ids(self) -> list[str]:
        """The ids in the file's order, without building the events. (The events added are
        in calendar order, as a check gives them: their numbers say the file's.)"""
        added = sorted(self._added, key=attrgetter("number"))
        return [*self._ids, *(event.id for event in added)]

    def tags(self) -> list[str]:
        """The tags, from the snapshot's list of them, without building the events."""
        if not self._added:
            return list(self._tags)
        return sorted({*self._tags, *(tag for event in self._added for tag in event.tags)})

    def plus(self, added: Iterable[Event]) -> Events:
        """These events and the added ones, the snapshot's still undecoded."""
        return _SnapshotEvents(
            self._ids, self._tags, self._days, self._blocks, [*self._added, *added]
        )
