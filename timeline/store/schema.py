"""The store's schema: check a parsed document field by field and build its records."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from timeline.dates.syntax import DateSyntaxError, Span, day_text, parse_date, parse_end
from timeline.errors import Finding, Problem
from timeline.model import (
    Actor,
    Event,
    Events,
    EventType,
    Source,
    Store,
    in_calendar_order,
)
from timeline.names import hint, id_key, suggest

R = TypeVar("R")

SHA256 = re.compile(r"[0-9a-f]{64}")  # a source's `sha256`: the digest of its file, in hex

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
    "sha256": str,
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
# The fields an event may leave out.
OPTIONAL_EVENT_FIELDS = tuple(key for key in EVENT_FIELDS if key not in REQUIRED["events"])


def analyse(document: dict[str, Any], path: Path) -> tuple[Store | None, list[Finding]]:
    """Validate a parsed document against the schema; the store is None when there are errors."""
    checker = _Checker(document)
    store = checker.run(path)
    if any(finding.severity == "error" for finding in checker.findings):
        return None, checker.findings
    return store, checker.findings


def analyse_addition(
    store: Store, events: Any, path: Path, *, known: dict[str, int] | None = None
) -> tuple[list[Event], list[Finding]]:
    """Validate events to be appended to a valid store as validating the whole store would,
    without its text: against its declarations and its ids (known: the id keys the events
    must not take, if not all of the store's)."""
    document = {
        "timeline": {"title": store.title, "description": store.description},
        "types": {t.id: _fields_of(t) for t in store.types.values()},
        "actors": {a.id: _fields_of(a) for a in store.actors.values()},
        "sources": {s.id: _fields_of(s) for s in store.sources.values()},
        "events": events,
    }
    known = store.events.id_keys() if known is None else known
    checker = _Checker(document, known_ids=known, first_index=len(store.events))
    added = checker.run(path)
    findings = [f for f in checker.findings if f.path[:1] == ("events",)]
    return list(added.events), findings


def _fields_of(record: Any) -> dict[str, Any]:
    fields = record._asdict()
    del fields["id"]
    return {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items() if v != ""}


def place(
    findings: list[Finding], text: str, path: Path, *, events: int | None = None
) -> list[Problem]:
    """Findings as problems at the line and column of their key in text, in file order.
    events: how many events the text's document has, when known: then only the parts of the
    text that hold a finding are scanned (positions.Layout), not all of it."""
    if not findings:
        return []
    # Positions cost a second pass over the text: only worth it when there is a problem.
    from timeline.store.positions import Layout, key_positions, locate

    if events is None:
        positions = key_positions(text)
    else:
        layout = Layout(text, events)
        for finding in findings:
            where = finding.path
            index = where[1] if len(where) > 1 and where[0] == "events" else None
            if isinstance(index, int) and 0 <= index < events:
                layout.event(index)
        positions = layout.positions
    problems = []
    for finding in findings:
        # A problem of the whole file (a missing table) is placed at its start.
        line, column = locate(positions, finding.path) or (1, 1)
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
        self.part_of_cycles(actors)
        sources = self.records("sources", SOURCE_FIELDS, Source, fallback=("title", None))
        for source in sources.values():
            if source.sha256 and not SHA256.fullmatch(source.sha256):
                self.problem(
                    ("sources", source.id, "sha256"),
                    f"{source.sha256!r} is not a sha256 digest (64 hexadecimal digits, 0-9 a-f)",
                    field=f"sources.{source.id}.sha256",
                )
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

    def part_of_cycles(self, actors: dict[str, Actor]) -> None:
        """Report each cycle of part_of (an actor part of itself, through others) once, at
        the entry that closes it."""
        done: set[str] = set()
        for first in actors:
            if first in done:
                continue
            # A depth-first walk without recursion (a long chain of actors is no error):
            # the actors on the path being walked, each with the next of its parents to visit.
            path: list[str] = [first]
            on_path = {first}
            next_parent = [0]
            while path:
                actor_id = path[-1]
                parents = actors[actor_id].part_of
                index = next_parent[-1]
                if index == len(parents):
                    path.pop()
                    next_parent.pop()
                    on_path.discard(actor_id)
                    done.add(actor_id)
                    continue
                next_parent[-1] += 1
                parent = parents[index]
                if parent in on_path:
                    cycle = [actor_id, *path[path.index(parent) :]]
                    self.problem(
                        ("actors", actor_id, "part_of", index),
                        f"makes a cycle: {' → '.join(cycle)}",
                        field=f"actors.{actor_id}.part_of",
                    )
                elif parent in actors and parent not in done:  # an unknown one is reported
                    path.append(parent)
                    on_path.add(parent)
                    next_parent.append(0)

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
        seen: dict[str, str] = {}  # id_key -> the id that has it first
        for item_id, fields in value.items():
            key = id_key(item_id)
            if key in seen:
                # --type, --actor and the references match in any case: two would be one.
                self.problem(
                    (section, item_id),
                    f"differs from {seen[key]!r} only in case",
                    field=f"{section}.{item_id}",
                )
            seen.setdefault(key, item_id)
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
            return day_text(value)
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


def _suggest(word: str, choices: Iterable[str]) -> str:
    """ " (did you mean 'x'?)" after an unknown name, or nothing: a store's problems do not list
    every known name."""
    return hint(suggest(word, choices), ())


def _is_color(name: str) -> bool:
    from rich.color import Color, ColorParseError  # rich is loaded anyway when showing

    try:
        Color.parse(name)
    except ColorParseError:
        return False
    return True
