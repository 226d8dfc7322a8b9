"""Find the store, read its TOML, and turn it into a validated Store, or report every problem."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

from timeline.dates import DateSyntaxError, Span, parse_date, parse_end
from timeline.errors import Finding, Problem, StoreError
from timeline.model import (
    Actor,
    Event,
    Events,
    EventType,
    Source,
    Store,
    id_key,
    in_calendar_order,
)

R = TypeVar("R")

STORE_ENV = "TIMELINE_STORE"
NO_CACHE_ENV = "TIMELINE_NO_CACHE"
DEFAULT_NAME = "events.toml"
BUNDLED_STORE = Path(__file__).parent.parent / "data" / DEFAULT_NAME
MAX_STORE_BYTES = 256 * 1024 * 1024  # room for ~350,000 events; more is not a hand-kept store

TOP_LEVEL_KEYS = ("timeline", "types", "actors", "sources", "events")
TIMELINE_FIELDS: dict[str, type] = {"title": str, "description": str}
TYPE_FIELDS: dict[str, type] = {"color": str, "description": str}
ACTOR_FIELDS: dict[str, type] = {
    "name": str,
    "kind": str,
    "role": str,
    "aliases": list,
    "part_of": list,
}
SOURCE_FIELDS: dict[str, type] = {
    "title": str,
    "publisher": str,
    "published": str,
    "url": str,
    "file": str,
}
EVENT_FIELDS: dict[str, type] = {
    "id": str,
    "date": str,
    "end": str,
    "when": str,
    "title": str,
    "summary": str,
    "type": str,
    "actors": list,
    "location": str,
    "sources": list,
    "quotes": list,
    "tags": list,
    "note": str,
}
REQUIRED = {
    "timeline": ("title",),
    "types": ("color",),
    "actors": ("name",),
    "sources": ("title",),
    "events": ("id", "date", "title", "type"),
}


def locate_store(explicit: Path | None, environ: Mapping[str, str], cwd: Path) -> Path:
    """The store to use: --store, else $TIMELINE_STORE, else ./events.toml, else the bundled one."""
    if explicit is not None:
        return explicit
    if environ.get(STORE_ENV):
        return Path(environ[STORE_ENV])
    local = cwd / DEFAULT_NAME
    if local.exists():
        return Path(DEFAULT_NAME)
    return BUNDLED_STORE


def load(path: Path, *, use_cache: bool | None = None, notices: list[str] | None = None) -> Store:
    """Read and validate the store at path; raise StoreError listing every problem. A store
    parsed before is served from the cache when its bytes have not changed (unless use_cache
    is false, or None and $TIMELINE_NO_CACHE is set). Why the cache could not be used, if
    it could not, is added to notices."""
    use_cache = cache_enabled(use_cache)
    data = read_bytes(path)
    if use_cache:
        from timeline.store.cache import Cache, fingerprint

        cache = Cache()
        cached = cache.fetch(path, data)
        cache.report(notices)
        if cached is not None:
            return cached.store
        mark = fingerprint(data)
    text = decode(data, str(path))
    del data  # a big store's text is already up to twice its bytes: keep one copy
    document = parse_toml(text, path)
    can_append = appendable(text)
    # The text is needed again only to place problems; without it, memory peaks lower.
    del text
    store, findings = analyse(document, path)
    if store is None:
        text = decode(read_bytes(path), str(path))  # what the user sees now, to point into
        problems = place(findings, text, path)
        raise StoreError([p for p in problems if p.severity == "error"])
    if use_cache:
        del document  # free it before the cache entry is made
        cache.save(path, mark, store, appendable=can_append)
        cache.report(notices)
    return store


def _toml_parser() -> ModuleType:
    """The TOML parser, imported only when a store is parsed (a cached store is not)."""
    try:  # the compiled parser, about 1.8x faster than tomllib on big stores (measured)
        import tomli
    except ImportError:  # pragma: no cover - tomli is a dependency; tomllib is the same parser
        import tomllib

        return tomllib
    return tomli


def cache_enabled(use_cache: bool | None) -> bool:
    """use_cache, or when it is None, whether $TIMELINE_NO_CACHE leaves the cache on."""
    return not os.environ.get(NO_CACHE_ENV) if use_cache is None else use_cache


def appendable(text: str) -> bool:
    """Whether [[events]] tables can be appended to this (valid) store's text. Only a
    top-level `events = [...]` forbids it, and top-level keys all come before the first
    table header, so parsing the text before that header tells."""
    first_header = re.search(r"^[ \t]*\[", text, re.MULTILINE)
    head = text[: first_header.start()] if first_header else text
    parser = _toml_parser()
    try:
        return "events" not in parser.loads(head)
    except parser.TOMLDecodeError:
        return False  # a header-like line inside a string: do not guess


def read_text(path: Path) -> str:
    """The store's text, refusing anything that is not a readable regular UTF-8 file."""
    return decode(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a missing file, a folder, a FIFO or device (which could
    block or never end), and a file over the size limit."""
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise StoreError([Problem(name, None, "no such file")]) from None
    except OSError as error:
        raise StoreError([Problem(name, None, f"cannot read: {error.strerror}")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError([Problem(name, None, "is a directory, not a store file")])
    if not stat.S_ISREG(info.st_mode):
        raise StoreError([Problem(name, None, "is not a regular file")])
    if info.st_size > MAX_STORE_BYTES:
        limit = MAX_STORE_BYTES // (1024 * 1024)
        raise StoreError([Problem(name, None, f"is larger than the {limit} MiB limit")])
    try:
        return path.read_bytes()
    except OSError as error:
        raise StoreError([Problem(name, None, f"cannot read: {error.strerror}")]) from None


def decode(data: bytes, name: str) -> str:
    """UTF-8 text without a byte order mark; a bad byte is reported at its line and column."""
    head = data[:200]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(0) * 4 >= len(head) > 1:
        # A byte order mark, or NUL in every other byte: UTF-16 text.
        raise StoreError([Problem(name, 1, "is UTF-16; save it as UTF-8", column=1)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        message = f"is not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded"
        raise StoreError([Problem(name, line, message, column=column)]) from None
    return text.removeprefix("\ufeff")


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    """Parse TOML; a syntax error becomes one problem at the line and column tomllib names."""
    parser = _toml_parser()
    try:
        return parser.loads(text)  # type: ignore[no-any-return]
    except parser.TOMLDecodeError as error:
        message = str(error)
        line = column = None
        if match := _TOML_POSITION.search(message):
            line, column = int(match[1]), int(match[2])
            message = message[: match.start()]
        elif message.endswith("(at end of document)"):
            line = text.count("\n") + 1
            column = len(text) - (text.rfind("\n") + 1) + 1
            message = message.removesuffix(" (at end of document)") + " at the end of the file"
        problem = Problem(
            str(path), line, f"TOML syntax: {message[:1].lower()}{message[1:]}", column=column
        )
        raise StoreError([problem]) from None
    except RecursionError:
        problem = Problem(str(path), None, "TOML syntax: values are nested too deeply")
        raise StoreError([problem]) from None


def build(document: dict[str, Any], path: Path, text: str) -> tuple[Store | None, list[Problem]]:
    """Validate a parsed document and build the Store; return every problem found, placed at
    its line in text. The store is None when there are errors."""
    store, findings = analyse(document, path)
    return store, place(findings, text, path)


def analyse(document: dict[str, Any], path: Path) -> tuple[Store | None, list[Finding]]:
    """Validate a parsed document against the schema; the store is None when there are errors."""
    checker = _Checker(document)
    store = checker.run(path)
    if any(finding.severity == "error" for finding in checker.findings):
        return None, checker.findings
    return store, checker.findings


def analyse_addition(store: Store, events: Any, path: Path) -> tuple[list[Event], list[Finding]]:
    """Validate events to be appended to a valid store as validating the whole store would,
    without its text: against its declarations and its ids."""
    document = {
        "timeline": {"title": store.title, "description": store.description},
        "types": {t.id: _fields_of(t) for t in store.types.values()},
        "actors": {a.id: _fields_of(a) for a in store.actors.values()},
        "sources": {s.id: _fields_of(s) for s in store.sources.values()},
        "events": events,
    }
    known = store.events.id_keys()
    checker = _Checker(document, known_ids=known, first_index=len(store.events))
    added = checker.run(path)
    findings = [f for f in checker.findings if f.path[:1] == ("events",)]
    return list(added.events), findings


def _fields_of(record: Any) -> dict[str, Any]:
    fields = record._asdict()
    del fields["id"]
    return {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items() if v != ""}


def place(findings: list[Finding], text: str, path: Path) -> list[Problem]:
    """Findings as problems at the line and column of their key in text, in file order."""
    if not findings:
        return []
    # Positions cost a second pass over the text: only worth it when there is a problem.
    from timeline.positions import key_positions, locate

    positions = key_positions(text)
    problems = []
    for finding in findings:
        where = locate(positions, finding.path)
        line, column = where if where else (None, None)
        problems.append(
            Problem(
                str(path),
                line,
                finding.message,
                column=column,
                event=finding.event,
                field=finding.field,
                severity=finding.severity,
            )
        )
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems


class _Checker:
    """Walks a parsed document once, building records and collecting findings."""

    def __init__(
        self,
        document: dict[str, Any],
        *,
        known_ids: dict[str, int] | None = None,
        first_index: int = 0,
    ) -> None:
        self.document = document
        self.findings: list[Finding] = []
        # When checking events to append: the ids already in the store (folded, with their
        # index) and the index the first new event will have.
        self.known_ids = known_ids or {}
        self.first_index = first_index

    def problem(
        self,
        path: tuple[str | int, ...],
        message: str,
        *,
        event: str | None = None,
        field: str | None = None,
        severity: str = "error",
    ) -> None:
        self.findings.append(Finding(path, message, event, field, severity))

    def run(self, path: Path) -> Store:
        for key in self.document:
            if key not in TOP_LEVEL_KEYS:
                self.problem((key,), f"unknown section{_suggest(key, TOP_LEVEL_KEYS)}", field=key)
        timeline = self.table(("timeline",), TIMELINE_FIELDS, required=True)
        types = self.records("types", TYPE_FIELDS, EventType, fallback=("color", "default"))
        for type_id, event_type in types.items():
            if not _is_color(event_type.color):
                self.problem(
                    ("types", type_id, "color"),
                    f"{event_type.color!r} is not a colour name or #rrggbb",
                    field=f"types.{type_id}.color",
                )
        actors = self.records("actors", ACTOR_FIELDS, Actor, fallback=("name", None))
        for actor in actors.values():
            for index, parent in enumerate(actor.part_of):
                if parent not in actors:
                    self.problem(
                        ("actors", actor.id, "part_of", index),
                        f"unknown actor {parent!r}{_suggest(parent, actors)}",
                        field=f"actors.{actor.id}.part_of",
                    )
        sources = self.records("sources", SOURCE_FIELDS, Source, fallback=("title", None))
        events = in_calendar_order(self.events(types, actors, sources))
        return Store(
            path,
            timeline.get("title", path.stem),
            timeline.get("description", ""),
            types,
            actors,
            sources,
            Events(events),
        )

    def table(
        self,
        path: tuple[str, ...],
        spec: Mapping[str, type],
        *,
        required: bool,
        event: str | None = None,
    ) -> dict[str, Any]:
        """Check one table against its field spec; return the fields that passed."""
        value: Any = self.document
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        name = ".".join(path)
        if value is None:
            if required:
                self.problem(path, f"missing [{name}] table", field=name)
            return {}
        if not isinstance(value, dict):
            self.problem(path, f"must be a table, not {_kind(value)}", field=name)
            return {}
        return self.fields(path, value, spec, REQUIRED[path[0]], event=event)

    def fields(
        self,
        path: tuple[str | int, ...],
        table: dict[str, Any],
        spec: Mapping[str, type],
        required: tuple[str, ...],
        *,
        event: str | None = None,
    ) -> dict[str, Any]:
        accepted: dict[str, Any] = {}
        prefix = "" if path[0] == "events" else ".".join(str(p) for p in path) + "."
        for key, value in table.items():
            field = prefix + key
            if key not in spec:
                self.problem(
                    (*path, key), f"unknown field{_suggest(key, spec)}", event=event, field=field
                )
                continue
            checked = _check_type(value, spec[key])
            if isinstance(checked, str) and spec[key] is not str:
                self.problem((*path, key), checked, event=event, field=field)
            elif checked is None:
                self.problem(
                    (*path, key), f"must be a string, not {_kind(value)}", event=event, field=field
                )
            else:
                accepted[key] = checked
        for key in required:
            if key not in table:
                self.problem(path, "missing", event=event, field=prefix + key)
            elif key in accepted and isinstance(accepted[key], str) and not accepted[key].strip():
                self.problem((*path, key), "must not be empty", event=event, field=prefix + key)
                del accepted[key]
        return accepted

    def records(
        self,
        section: str,
        spec: Mapping[str, type],
        record: Callable[..., R],
        *,
        fallback: tuple[str, str | None],
    ) -> dict[str, R]:
        """Build the records of a [section.<id>] table. The required field, when missing (and
        already reported), takes the fallback value (None: the id) so that checking goes on."""
        built = {}
        key, value = fallback
        for item_id, fields in self.tables(section, spec):
            values = {k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}
            values.setdefault(key, item_id if value is None else value)
            built[item_id] = record(item_id, **values)
        return built

    def tables(self, section: str, spec: Mapping[str, type]) -> list[tuple[str, dict[str, Any]]]:
        value = self.document.get(section, {})
        if not isinstance(value, dict):
            self.problem(
                (section,), f"must be a table of tables, not {_kind(value)}", field=section
            )
            return []
        found = []
        for item_id, fields in value.items():
            if not isinstance(fields, dict):
                self.problem(
                    (section, item_id),
                    f"must be a table, not {_kind(fields)}",
                    field=f"{section}.{item_id}",
                )
                continue
            found.append(
                (item_id, self.fields((section, item_id), fields, spec, REQUIRED[section]))
            )
        return found

    def events(
        self, types: dict[str, EventType], actors: dict[str, Actor], sources: dict[str, Source]
    ) -> list[Event]:
        raw = self.document.get("events", [])
        if not isinstance(raw, list):
            self.problem(
                ("events",),
                f"must be an array of tables ([[events]]), not {_kind(raw)}",
                field="events",
            )
            return []
        events = []
        seen = dict(self.known_ids)
        for index, table in enumerate(raw):
            path = ("events", index)
            number = f"#{self.first_index + index + 1}"
            if not isinstance(table, dict):
                self.problem(path, f"each event must be a table, not {_kind(table)}", event=number)
                continue
            raw_id = table.get("id")
            label = raw_id if isinstance(raw_id, str) and raw_id.strip() else number
            fields = self.fields(path, table, EVENT_FIELDS, REQUIRED["events"], event=label)
            if "id" in fields:
                key = id_key(fields["id"])
                if key in seen:
                    message = f"duplicate id (event #{seen[key] + 1} has it)"
                    self.problem((*path, "id"), message, event=label, field="id")
                else:
                    seen[key] = self.first_index + index
            event = self.event(path, label, fields, (types, actors, sources))
            if event is not None:
                events.append(event)
        return events

    def event(
        self,
        path: tuple[str | int, ...],
        label: str,
        fields: dict[str, Any],
        declared: tuple[dict[str, EventType], dict[str, Actor], dict[str, Source]],
    ) -> Event | None:
        types, actors, sources = declared
        ok = True

        def bad(key: str, message: str, item: int | None = None) -> None:
            nonlocal ok
            ok = False
            where = (*path, key) if item is None else (*path, key, item)
            self.problem(where, message, event=label, field=key)

        span = None
        try:
            start = parse_date(fields["date"]) if "date" in fields else None
        except DateSyntaxError as error:
            bad("date", str(error))
            start = None
        try:
            end, ongoing = parse_end(fields["end"]) if "end" in fields else (None, False)
        except DateSyntaxError as error:
            bad("end", str(error))
            end, ongoing = None, False
        if start is not None:
            if end is not None and end.last < start.first:
                bad("end", f"{end.text!r} is before the start {start.text!r}")
            span = Span(start, end, ongoing)
        if "type" in fields and fields["type"] not in types:
            bad("type", f"unknown type {fields['type']!r}{_suggest(fields['type'], types)}")
        for key, known, what in (("actors", actors, "actor"), ("sources", sources, "source")):
            for item, ref in enumerate(fields.get(key, ())):
                if ref not in known:
                    bad(key, f"unknown {what} {ref!r}{_suggest(ref, known)}", item)
        if not ok or span is None or not {"id", "title", "type"} <= fields.keys():
            return None
        return Event(
            id=fields["id"],
            span=span,
            title=fields["title"],
            type=fields["type"],
            date_text=fields["date"],
            end_text=fields.get("end"),
            when=fields.get("when", ""),
            summary=fields.get("summary", ""),
            actors=tuple(fields.get("actors", ())),
            location=fields.get("location", ""),
            sources=tuple(fields.get("sources", ())),
            quotes=tuple(fields.get("quotes", ())),
            tags=tuple(fields.get("tags", ())),
            note=fields.get("note", ""),
            number=self.first_index + int(path[1]) + 1,
        )


def _check_type(value: Any, expected: type) -> Any:
    """The value if it has the expected type (TOML dates become ISO strings); for a list field,
    an error message when it is not a list of strings; None for a wrong scalar."""
    if expected is str:
        if isinstance(value, str):
            return value
        if isinstance(value, date) and not isinstance(value, datetime):
            return value.isoformat()
        return None
    if isinstance(value, str):
        return f"must be a list of strings, such as [{value!r}], not a string"
    if not isinstance(value, list):
        return f"must be a list of strings, not {_kind(value)}"
    if not all(isinstance(item, str) for item in value):
        wrong = next(item for item in value if not isinstance(item, str))
        return f"must be a list of strings; it holds {_kind(wrong)}"
    return list(value)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    names = {
        str: "a string",
        int: "an integer",
        float: "a float",
        list: "an array",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def _suggest(word: str, choices: Mapping[str, Any] | tuple[str, ...]) -> str:
    import difflib  # only when there is a problem to report

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def _is_color(name: str) -> bool:
    from rich.color import Color, ColorParseError  # rich is loaded anyway when showing

    try:
        Color.parse(name)
    except ColorParseError:
        return False
    return True


def environ() -> Mapping[str, str]:
    """The process environment (a seam for tests)."""
    return os.environ
