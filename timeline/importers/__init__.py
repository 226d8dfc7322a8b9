"""Importing datasets: rows of a CSV (or TSV) file made into events, filed in one Change.

Each module in this package that defines PROFILE is one way to read a dataset's rows (ACLED,
UCDP GED, any CSV with a map of columns); the profile of a file is recognised from its header
row. Nothing else lists the profiles. A profile turns one row into an Imported record: the
event's fields as the store spells them, its dataset reference (`ref`), and the actors, types
and sources it names. plan() compares them with the store: new records become new events, a
record whose event (found by its ref) differs becomes an edit of the fields that changed, and
events of the dataset that the file no longer has are reported, and removed only when asked.
"""

from __future__ import annotations

import csv as _csv
import importlib
import math
import pkgutil
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from timeline.errors import Problem, StoreError, UnknownName
from timeline.model import Event, Store
from timeline.names import category_slug, id_key, slug, unique

# What plan() compares and edits: the fields an import gives an event.
IMPORTED_FIELDS = (
    "date",
    "end",
    "title",
    "summary",
    "type",
    "actors",
    "location",
    "coordinates",
    "sources",
    "tags",
    "note",
    "figures",
)
MAX_COLUMN_BYTES = 1 << 24  # a cell may be long (a GED source_article), not unbounded
Progress = Callable[[int, int], None]


class BadCell(Exception):
    """A cell a profile cannot read: its column, and what is wrong with it."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


class Imported(NamedTuple):
    """What one row makes: its event's fields (as the store spells them, `ref` included) and
    the declarations it names, by their names: actors (name -> kind), a type (id -> what it
    is) and sources (title -> their other fields: publisher, url)."""

    fields: dict[str, Any]
    actors: dict[str, str]
    types: dict[str, str]
    sources: dict[str, dict[str, str]]
    # A new event's id (before it is made unique) when its ref would make one nobody could
    # type (a digest); otherwise the id is made from the ref ("acled:XYZ1" is acled-xyz1).
    id_base: str = ""


class Options(NamedTuple):
    """What the command line gives a profile: the columns each field comes from (csv), and
    the dataset's name in refs."""

    mapping: Mapping[str, str] = {}
    dataset: str = ""


class Profile(NamedTuple):
    """One kind of dataset file: its name, what it is, whether a header is its, and how it
    reads a row (raising BadCell)."""

    name: str
    description: str
    recognises: Callable[[list[str]], bool]
    read_row: Callable[[Cells, Options], Imported]
    dataset: str  # the dataset's name in refs ("acled"), unless Options say otherwise
    any_case: bool = False  # its columns are named in lower case, whatever the file's header
    columns: tuple[str, ...] = ()  # the columns every file of the dataset has, that it reads


class Cells:
    """One row of a dataset, its cells by column name, read with located errors."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values

    def text(self, column: str, *, required: bool = True) -> str:
        value = self.values.get(column)
        if value is None:
            if required:
                raise BadCell(column, "no such column in the file")
            return ""
        # Non-breaking spaces, as exported datasets hold them, become spaces; line breaks
        # inside a quoted cell stay (a note's paragraphs), as \n. (Most cells have neither:
        # looking costs less than replacing, on every cell of a big file.)
        if "\xa0" in value:
            value = value.replace("\xa0", " ")
        if "\r" in value:
            value = value.replace("\r\n", "\n")
        cleaned = value.strip()
        if required and not cleaned:
            raise BadCell(column, "empty")
        return cleaned

    def count(self, column: str, *, required: bool = False) -> int | None:
        """A count of people (0 or more), or None when the cell is empty."""
        text = self.text(column, required=required)
        if not text:
            return None
        number = text.replace(",", "")
        if number.endswith(".0"):
            number = number[:-2]
        if not (number.isascii() and number.isdigit()):
            raise BadCell(column, f"{text!r} is not a count (a whole number, 0 or more)")
        return int(number)

    def point(self, latitude: str, longitude: str) -> tuple[float, float] | None:
        """A point's latitude and longitude, or None when both cells are empty; half of
        one is a bad cell."""
        north, east = self.degrees(latitude, 90), self.degrees(longitude, 180)
        if north is None and east is None:
            return None
        if north is None or east is None:
            given, empty = (latitude, longitude) if east is None else (longitude, latitude)
            raise BadCell(empty, f"empty, while {given} is given")
        return north, east

    def coded(self, column: str, codes: Mapping[str, str]) -> str:
        """What a cell's code means in the dataset's codebook ("" for an empty cell)."""
        code = self.text(column, required=False)
        if not code:
            return ""
        found = codes.get(code.removesuffix(".0"))
        if found is None:
            raise BadCell(column, f"{code!r} is not one of its codes {', '.join(codes)}")
        return found

    def degrees(self, column: str, most: int) -> float | None:
        """A cell's degrees, from -most to most (90 for a latitude, 180 for a longitude,
        whatever the column's name)."""
        text = self.text(column, required=False)
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise BadCell(column, f"{text!r} is not a number of degrees") from None
        if not math.isfinite(number) or not -most <= number <= most:
            raise BadCell(column, f"{text!r} is out of range (-{most} to {most})")
        return number

    def day(self, column: str, *, required: bool = True) -> date | None:
        """A day as datasets write it: 2023-09-20 (a time after it ignored), 20-09-2023,
        20/09/2023, 20 September 2023."""
        text = self.text(column, required=required)
        if not text:
            return None
        parts = _day_parts(text)
        if parts is None:
            raise BadCell(column, f"{text!r} is not a date")
        from timeline.dates.syntax import no_such_date

        if reason := no_such_date(*parts):
            raise BadCell(column, f"{text!r}: {reason}")
        return date(*parts)


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][0-9:.]+)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_WORDS = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)\.?[ -,]*(\d{4})")


def read_day(text: str) -> date | None:
    """The day a dataset's date cell names, or None when it names none (or an impossible one)."""
    from timeline.dates.syntax import no_such_date

    parts = _day_parts(text)
    if parts is None or no_such_date(*parts):
        return None
    return date(*parts)


def _day_parts(text: str) -> tuple[int, int, int] | None:
    """The year, month and day a dataset's date cell writes (which may not exist), or None
    when it is not written as a day."""
    from timeline.dates.calendar import month_number

    if match := _ISO.fullmatch(text):
        return int(match[1]), int(match[2]), int(match[3])
    if match := _DAY_FIRST.fullmatch(text):
        return int(match[3]), int(match[2]), int(match[1])
    if (match := _WORDS.fullmatch(text)) and (month := month_number(match[2])):
        return int(match[3]), month, int(match[1])
    return None


def one_of_days(first: date, last: date) -> str:
    """A day somewhere from first to last, in the store's syntax."""
    if first == last:
        return first.isoformat()
    return f"[{first.isoformat()}..{last.isoformat()}]"


def week_around(middle: date) -> str:
    """One of the seven days of a week recorded at its middle day."""
    return one_of_days(middle - timedelta(days=3), middle + timedelta(days=3))


@lru_cache(maxsize=4096)
def tag(text: str) -> str:
    """A dataset's category as a tag or a type's id, the same for every profile:
    "Shelling/artillery/missile attack" is "shelling-artillery-missile-attack" (remembered: a
    file names a few categories over and over)."""
    return category_slug(text)


def listed(text: str) -> list[str]:
    """The names in a cell that lists several, separated by semicolons (as ACLED's do)."""
    return [name.strip() for name in text.split(";") if name.strip()]


# The profiles -------------------------------------------------------------------------------


@cache
def profiles() -> dict[str, Profile]:
    found = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        profile = getattr(module, "PROFILE", None)
        if isinstance(profile, Profile):
            found[profile.name] = profile
    return found


def by_name(name: str) -> Profile:
    """The profile called name (any case); else UnknownName("profile", …)."""
    found = profiles().get(name.lower())
    if found is None:
        raise UnknownName("profile", name, profiles())
    return found


def missing_columns(profile: Profile, header: list[str]) -> list[str]:
    """The columns every file of the profile's dataset has that this header lacks."""
    names = {name.lower() for name in header} if profile.any_case else set(header)
    return [column for column in profile.columns if column not in names]


def recognise(header: list[str]) -> Profile | None:
    """The dataset profile whose columns the header has, if any (never the generic csv)."""
    return next((p for p in profiles().values() if p.recognises(header)), None)


# Reading a file -----------------------------------------------------------------------------


class Table(NamedTuple):
    """A dataset file opened: its header, and its rows as (row number, line, cells) under
    the column names given (the header's own, or them in lower case)."""

    header: list[str]
    # (row number, line, cells), or the number of cells of a row with more or fewer than
    # the header has
    rows: Callable[[list[str]], Iterator[tuple[int, int, dict[str, str] | int]]]


def open_table(path: Path, progress: Progress | None = None) -> Table:
    """Open a CSV or TSV file (UTF-8, with or without a byte order mark; any line ends;
    quoted cells over several lines). Rows are numbered as a spreadsheet numbers them: the
    header is row 1. OSError when it cannot be read; StoreError when it is not text."""
    total = path.stat().st_size
    with path.open("rb") as start:
        if start.read(4) in _WORKBOOKS:
            message = "a spreadsheet workbook, not a CSV file: save it as CSV (UTF-8) first"
            raise StoreError([Problem(str(path), None, message)])
    handle = path.open(encoding="utf-8-sig", newline="")
    read = 0

    def lines() -> Iterator[str]:
        nonlocal read
        try:
            for number, line in enumerate(handle):
                read += len(line)
                if progress is not None and number % 4096 == 0:
                    progress(read, total)
                yield line
        except UnicodeDecodeError:
            raise StoreError([_not_text(path)]) from None
        finally:
            handle.close()

    source = lines()
    first = next(source, "")
    dialect = "excel-tab" if path.suffix.lower() == ".tsv" or "\t" in first else "excel"
    _csv.field_size_limit(MAX_COLUMN_BYTES)
    header_rows = list(_csv.reader([first], dialect=dialect))
    header = [name.strip() for name in header_rows[0]] if header_rows else []

    def rows(names: list[str]) -> Iterator[tuple[int, int, dict[str, str] | int]]:
        reader = _csv.reader(source, dialect=dialect)
        line = 2
        wanted = len(names)
        for number, values in enumerate(reader, 2):
            if len(values) == wanted:
                yield number, line, dict(zip(names, values, strict=True))
            elif values:  # a row cut short or run on: its cells cannot be told apart
                yield number, line, len(values)
            line = reader.line_num + 2

    return Table(header, rows)


# How spreadsheet workbooks begin (a zip: .xlsx, .ods; an OLE file: .xls), which people
# export from and may give instead of the CSV.
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def _not_text(path: Path) -> Problem:
    """The problem of a file that is not UTF-8 text: at the first line that is not."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as error:
                message = (
                    f"not UTF-8 text (byte {error.start + 1} of the line): "
                    "save the file as CSV (UTF-8)"
                )
                return Problem(str(path), number, message, column=error.start + 1)
    return Problem(str(path), None, "not UTF-8 text: save the file as CSV (UTF-8)")


class Records:
    """A file's rows read by a profile, one at a time (a big file's records are never all in
    memory: each becomes its event, or an edit of one, as it is read). Iterating yields the
    record of each good row; then `bad` holds a problem of each bad row, at its line, naming
    its row number and column, and `rows` counts the rows read."""

    def __init__(self, table: Table, profile: Profile, options: Options, path: Path) -> None:
        self.table = table
        self.profile = profile
        self.options = options
        self.path = path
        self.bad: list[Problem] = []
        self.rows = 0

    def __iter__(self) -> Iterator[Imported]:
        header = self.table.header
        names = [name.lower() for name in header] if self.profile.any_case else header
        read_row = self.profile.read_row
        path = str(self.path)
        refs: dict[str, int] = {}  # the row number of each ref
        for number, line, cells in self.table.rows(names):
            self.rows += 1
            if isinstance(cells, int):
                message = f"has {cells} cells, the header {len(names)}"
                self.bad.append(Problem(path, line, message, field=f"row {number}"))
                continue
            try:
                record = read_row(Cells(cells), self.options)
            except BadCell as error:
                where = f"row {number}, column {error.column}"
                self.bad.append(Problem(path, line, error.message, field=where))
                continue
            ref = record.fields["ref"]
            if ref in refs:
                message = f"ref {ref!r} is row {refs[ref]}'s too: one row a record"
                self.bad.append(Problem(path, line, message, field=f"row {number}"))
                continue
            refs[ref] = number
            yield record


# Comparing with the store -------------------------------------------------------------------


class Plan(NamedTuple):
    """What an import does to the store: the change, and what it counts."""

    declarations: list[tuple[str, str, dict[str, Any]]]
    added: list[dict[str, Any]]
    edits: list[tuple[str, dict[str, Any]]]
    unchanged: int
    gone: list[str]  # ids of the dataset's events the file no longer has


def plan(store: Store, records: Iterable[Imported], dataset: str, path: Path) -> Plan:
    """Compare the records with the store's events of the dataset (found by ref), taking
    each once, in turn."""
    by_ref: dict[str, Event] = {}
    problems = []
    for event in store.events:
        if event.ref:
            if event.ref in by_ref:
                message = (
                    f"events {by_ref[event.ref].id} and {event.id} have the same ref "
                    f"{event.ref!r}: an import cannot tell which one a row updates"
                )
                problems.append(Problem(str(store.path), None, message))
            by_ref[event.ref] = event
    if problems:
        raise StoreError(problems)
    names = _Names(store)
    declarations: list[tuple[str, str, dict[str, Any]]] = []
    added: list[dict[str, Any]] = []
    edits: list[tuple[str, dict[str, Any]]] = []
    unchanged = 0
    seen: set[str] = set()
    taken = set(store.events.id_keys())
    shared = _Shared()
    for record in records:
        fields = dict(record.fields)
        fields["actors"] = [names.actor(n, k, declarations) for n, k in record.actors.items()]
        fields["sources"] = [names.source(t, p, declarations) for t, p in record.sources.items()]
        (type_id, about), *_ = record.types.items()
        fields["type"] = names.type(type_id, about, declarations)
        ref = fields["ref"]
        if ref in seen:  # Records leaves a second row of a ref out: records of another kind
            message = f"ref {ref!r} comes twice: nothing imported"
            raise StoreError([Problem(str(path), None, message)])
        seen.add(ref)
        existing = by_ref.get(ref)
        if existing is None:
            event_id = unique(record.id_base or slug("", ref) or "event", taken)
            taken.add(id_key(event_id))
            given = {k: v if k in _UNIQUE else shared(v) for k, v in fields.items() if _given(v)}
            added.append({"id": event_id, **given})
            continue
        current = _fields_of(existing)
        changed = {
            key: (fields.get(key) if _given(fields.get(key)) else None)
            for key in IMPORTED_FIELDS
            if _normal(fields.get(key)) != _normal(current.get(key))
        }
        if changed:
            edits.append((existing.id, changed))
        else:
            unchanged += 1
    prefix = f"{dataset}:"
    gone = [e.id for ref, e in by_ref.items() if ref.startswith(prefix) and ref not in seen]
    return Plan(declarations, added, edits, unchanged, gone)


_UNIQUE = ("ref", "summary")  # fields rarely the same in two rows: not worth sharing


class _Shared:
    """One object for each value that rows repeat (a place, its coordinates, the actors, a
    note in a dataset's words): a big import holds each once, not once a row. Values are
    told apart by their types too (1 and 1.0 are written differently)."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.lists: dict[tuple[str, ...], list[str]] = {}
        self.tables: dict[tuple[Any, ...], dict[str, Any]] = {}

    def __call__(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return self.texts.setdefault(value, value)
        if kind is list and all(type(item) is str for item in value):
            return self.lists.setdefault(tuple(value), value)
        if kind is dict:
            key = tuple((k, type(v), v) for k, v in value.items())
            try:
                return self.tables.setdefault(key, value)
            except TypeError:  # a table inside (a figure's low and high): kept as it is
                return value
        return value


def _given(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _normal(value: Any) -> Any:
    if not _given(value):
        return None
    if isinstance(value, tuple):
        return list(value)
    return value


def _fields_of(event: Event) -> dict[str, Any]:
    """An event's imported fields as the store spells them."""
    figures: dict[str, Any] = {}
    for figure in event.figures:
        parts = {"low": figure.low, "best": figure.best, "high": figure.high}
        given = {k: v for k, v in parts.items() if v is not None}
        figures[figure.name] = figure.best if given.keys() == {"best"} else given
    where = event.coordinates
    coordinates: dict[str, Any] | None = None
    if where is not None:
        coordinates = {"latitude": where.latitude, "longitude": where.longitude}
        if where.precision:
            coordinates["precision"] = where.precision
    return {
        "date": event.date_text,
        "end": event.end_text,
        "title": event.title,
        "summary": event.summary,
        "type": event.type,
        "actors": list(event.actors),
        "location": event.location,
        "coordinates": coordinates,
        "sources": list(event.sources),
        "tags": list(event.tags),
        "note": event.note,
        "figures": figures,
    }


class _Names:
    """The ids of the actors, sources and types records name: the store's own when it has
    one of that name, else a new declaration (made once)."""

    def __init__(self, store: Store) -> None:
        from timeline.store import color_key

        self.actors = {actor.name: actor.id for actor in store.actors.values()}
        self.sources = {source.title: source.id for source in store.sources.values()}
        self.types = {type_id: type_id for type_id in store.types}
        self.colours = {color_key(t.color) for t in store.types.values()}  # taken
        self.reused = 0
        self.taken = {
            "actors": {id_key(i) for i in store.actors},
            "sources": {id_key(i) for i in store.sources},
            "types": {id_key(i) for i in store.types},
        }

    def _declare(
        self,
        section: str,
        known: dict[str, str],
        name: str,
        fields: dict[str, Any],
        declarations: list[tuple[str, str, dict[str, Any]]],
    ) -> str:
        found = known.get(name)
        if found is not None:
            return found
        new_id = unique(slug("", name) or section[:-1], self.taken[section])
        self.taken[section].add(id_key(new_id))
        known[name] = new_id
        declarations.append((section, new_id, fields))
        return new_id

    def actor(self, name: str, kind: str, declarations: list[Any]) -> str:
        if found := self.actors.get(name):  # most rows name actors declared already
            return found
        fields = {"name": name, **({"kind": kind} if kind else {})}
        return self._declare("actors", self.actors, name, fields, declarations)

    def source(self, title: str, about: dict[str, str], declarations: list[Any]) -> str:
        if found := self.sources.get(title):
            return found
        fields = {"title": title, **{key: value for key, value in about.items() if value}}
        return self._declare("sources", self.sources, title, fields, declarations)

    def type(self, type_id: str, about: str, declarations: list[Any]) -> str:
        if type_id in self.types:  # most rows: a colour is chosen only for a new type
            return self.types[type_id]
        fields = {"color": self._colour(), "description": about}
        return self._declare("types", self.types, type_id, fields, declarations)

    def _colour(self) -> str:
        """The palette's first colour that no type of the store (nor one declared already)
        has; when every one is taken, the palette again from its start (check then warns
        that two types share a colour)."""
        from timeline.store import TYPE_PALETTE, color_key

        free = [c for c in TYPE_PALETTE if color_key(c) not in self.colours]
        if free:
            self.colours.add(color_key(free[0]))
            return free[0]
        self.reused += 1
        return TYPE_PALETTE[(self.reused - 1) % len(TYPE_PALETTE)]
