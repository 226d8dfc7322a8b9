"""The store's schema: check a parsed document field by field and build its records."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from itertools import chain, pairwise
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from timeline.dates.syntax import (
    DateSyntaxError,
    FuzzyDate,
    Span,
    day_text,
    parse_date,
    parse_end,
)
from timeline.errors import Finding, Problem
from timeline.model import (
    COORDINATE_PRECISIONS,
    FIGURE_NAMES,
    Account,
    Actor,
    Coordinates,
    Event,
    Events,
    EventType,
    Figure,
    Source,
    Store,
    in_calendar_order,
)
from timeline.names import did_you_mean, hint, id_key, suggest

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
    "retrieved": str,
    "archived": str,
}
RETRIEVED = re.compile(r"\d{4}-\d{2}-\d{2}")  # a source's `retrieved`: a day, YYYY-MM-DD


class _Tables:
    """The spec of a field that holds an array of tables ([[events.accounts]])."""


TABLES: type = _Tables
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
    "coordinates": dict,
    "sources": list,
    "quotes": list,
    "tags": list,
    "note": str,
    "ref": str,
    "figures": dict,
    "accounts": TABLES,
}
# An event's coordinates: { latitude = 40.1, longitude = 46.2, precision = "near" }.
COORDINATE_PARTS = ("latitude", "longitude", "precision")
COORDINATE_RANGES = {"latitude": 90, "longitude": 180}  # degrees either side of 0
# A dataset reference: the dataset's name, a colon, its own id of the record ("acled:ARM123").
REF = re.compile(r"[a-z][a-z0-9_-]*:\S(?:.*\S)?")
# What one source says of an event ([[events.accounts]]): only where it differs or adds.
ACCOUNT_FIELDS: dict[str, type] = {
    "source": str,
    "date": str,
    "end": str,
    "when": str,
    "location": str,
    "actors": list,
    "figures": dict,
    "quotes": list,
    "note": str,
}
FIGURE_PARTS = ("low", "best", "high")
REQUIRED = {
    "timeline": ("title",),
    "types": ("color",),
    "actors": ("name",),
    "sources": ("title",),
    "events": ("id", "date", "title", "type"),
    "accounts": ("source",),
}
# What an event needs besides a span to be a record (a set made once, not for each event).
_NAMED = frozenset(("id", "title", "type"))
# The fields an event may leave out.
OPTIONAL_EVENT_FIELDS = tuple(key for key in EVENT_FIELDS if key not in REQUIRED["events"])


def analyse(document: dict[str, Any], path: Path) -> tuple[Store | None, list[Finding]]:
    """Validate a parsed document against the schema; the store is None when there are errors."""
    return _verdict(_Checker(document), path)


def analyse_blocks(
    document: dict[str, Any], blocks: Iterable[list[Any]], path: Path
) -> tuple[Store | None, list[Finding]]:
    """analyse() of the document with the blocks' tables, one after the other, as its
    `events` (which it has not): each block is checked as it comes, and can be let go before
    the next (a big store's [[events]] tables, parsed a block at a time: toml.in_blocks)."""
    checker = _Checker(document)
    checker.blocks = blocks
    return _verdict(checker, path)


def _verdict(checker: _Checker, path: Path) -> tuple[Store | None, list[Finding]]:
    store = checker.run(path)
    if any(finding.severity == "error" for finding in checker.findings):
        return None, checker.findings
    return store, checker.findings


class Addition(NamedTuple):
    """Events (and declarations) to add to a valid store, checked: the store's declarations
    with the new ones (and only the new events), the new events, and their findings."""

    declared: Store
    events: list[Event]
    findings: list[Finding]


def analyse_addition(
    store: Store,
    events: Any,
    path: Path,
    *,
    known: dict[str, int] | None = None,
    first: int | None = None,
    declarations: Mapping[str, Mapping[str, Any]] | None = None,
) -> Addition:
    """Validate events to be appended to a valid store as validating the whole store would,
    without its text: against its declarations and its ids (known: the id keys the events
    must not take, if not all of the store's; first: the index the first event will have, if
    not the store's count). declarations: new tables of types, actors and sources (by
    section, then id), validated with the store's own and beside them in the result."""
    new = declarations or {}
    document = {
        "timeline": {"title": store.title, "description": store.description},
        **{
            section: {
                **{item.id: _fields_of(item) for item in getattr(store, section).values()},
                **new.get(section, {}),
            }
            for section in ("types", "actors", "sources")
        },
        "events": events,
    }
    known = store.events.id_keys() if known is None else known
    first = len(store.events) if first is None else first
    checker = _Checker(document, known_ids=known, first_index=first)
    added = checker.run(path)
    declared = {(section, item_id) for section, items in new.items() for item_id in items}
    findings = [f for f in checker.findings if f.path[:1] == ("events",) or f.path[:2] in declared]
    return Addition(added, list(added.events), findings)


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


# The order in which event() gives a record its fields: Event's own (a test holds them to it).
EVENT_ORDER = (
    "id",
    "span",
    "title",
    "type",
    "date_text",
    "end_text",
    "when",
    "summary",
    "actors",
    "location",
    "sources",
    "quotes",
    "tags",
    "note",
    "coordinates",
    "ref",
    "number",
    "figures",
    "accounts",
)
_new_record = tuple.__new__
_PRECISION_OR_NONE = frozenset(("", *COORDINATE_PRECISIONS))
_MOST_LATITUDE, _MOST_LONGITUDE = COORDINATE_RANGES["latitude"], COORDINATE_RANGES["longitude"]


class _Shared(dict[str, str]):
    """One object for each text met: events repeat their types, dates, actors, sources, tags
    and places, and one object for each takes less memory, and the cache writes it, and
    reads it back, once for each block of events (measured: a third less time and size)."""

    def __missing__(self, text: str) -> str:
        self[text] = text
        return text


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
        # The events' tables, when they come in blocks and not in the document (analyse_blocks).
        self.blocks: Iterable[list[Any]] | None = None
        # Each date's text parsed, each span made (by its date's and end's text), once.
        self.dates: dict[str, FuzzyDate] = {}
        self.ends: dict[str, tuple[FuzzyDate | None, bool]] = {}
        self.spans: dict[tuple[Any, Any], Span] = {}
        self.shared = _Shared()

    def date(self, text: str) -> FuzzyDate:
        """parse_date(text), once for each text (DateSyntaxError every time)."""
        parsed = self.dates.get(text)
        if parsed is None:
            parsed = self.dates[text] = parse_date(text)
        return parsed

    def end(self, text: str) -> tuple[FuzzyDate | None, bool]:
        """parse_end(text), once for each text (DateSyntaxError every time)."""
        parsed = self.ends.get(text)
        if parsed is None:
            parsed = self.ends[text] = parse_end(text)
        return parsed

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
            if source.retrieved and not _is_day(source.retrieved):
                self.problem(
                    ("sources", source.id, "retrieved"),
                    f"{source.retrieved!r} is not a day (YYYY-MM-DD)",
                    field=f"sources.{source.id}.retrieved",
                )
            if source.archived and not _is_web_link(source.archived):
                self.problem(
                    ("sources", source.id, "archived"),
                    f"{source.archived!r} is not a web address (http:// or https://)",
                    field=f"sources.{source.id}.archived",
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
        # Most values of a big store are of the kind their spec wants (_fits): taken at once,
        # as they are, and a table of nothing else is taken whole (copied only if a required
        # field is to be dropped).
        accepted: dict[str, Any]
        if _plain(table, spec):
            accepted = table
        else:
            accepted = {}
            for key, value in table.items():
                if _fits(value, spec.get(key)):
                    accepted[key] = value
                else:
                    self.field(path, key, value, spec, accepted, event)
        for key in required:
            if key not in table:
                self.problem(path, "missing", event=event, field=_field_prefix(path) + key)
            elif isinstance(given := accepted.get(key), str) and not given.strip():
                field = _field_prefix(path) + key
                self.problem((*path, key), "must not be empty", event=event, field=field)
                accepted = dict(accepted)
                del accepted[key]
        return accepted

    def field(
        self,
        path: tuple[str | int, ...],
        key: str,
        value: Any,
        spec: Mapping[str, type],
        accepted: dict[str, Any],
        event: str | None,
    ) -> None:
        """Check one field of a table against its spec: into accepted when it passes."""
        field = _field_prefix(path) + key
        if key not in spec:
            self.problem(
                (*path, key), f"unknown field{_suggest(key, spec)}", event=event, field=field
            )
            return
        if spec[key] in (dict, TABLES):
            message = _table_type_problem(value, spec[key])
            if message:
                self.problem((*path, key), message, event=event, field=field)
            else:
                accepted[key] = value
            return
        checked = _check_type(value, spec[key])
        if isinstance(checked, str) and spec[key] is not str:
            self.problem((*path, key), checked, event=event, field=field)
        elif checked is None:
            self.problem(
                (*path, key), f"must be a string, not {_kind(value)}", event=event, field=field
            )
        else:
            accepted[key] = checked

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
        tables = raw if self.blocks is None else chain.from_iterable(self.blocks)
        for index, table in enumerate(tables):
            path = ("events", index)
            if not isinstance(table, dict):
                number = f"#{self.first_index + index + 1}"
                self.problem(path, f"each event must be a table, not {_kind(table)}", event=number)
                continue
            raw_id = table.get("id")
            if isinstance(raw_id, str) and raw_id.strip():
                label = raw_id
            else:
                label = f"#{self.first_index + index + 1}"
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

        # Events share dates: each date's text is parsed once, each span made once.
        when = (fields.get("date"), fields.get("end"))
        span = self.spans.get(when)
        if span is None:
            try:
                start = self.date(fields["date"]) if "date" in fields else None
            except DateSyntaxError as error:
                bad("date", str(error))
                start = None
            try:
                end, ongoing = self.end(fields["end"]) if "end" in fields else (None, False)
            except DateSyntaxError as error:
                bad("end", str(error))
                end, ongoing = None, False
            if start is not None:
                if end is not None and end.last < start.first:
                    bad("end", f"{end.text!r} is before the start {start.text!r}")
                span = Span(start, end, ongoing)
                if ok:
                    self.spans[when] = span
        if "type" in fields and fields["type"] not in types:
            bad("type", f"unknown type {fields['type']!r}{_suggest(fields['type'], types)}")
        for item, ref in enumerate(fields.get("actors", ())):
            if ref not in actors:
                bad("actors", f"unknown actor {ref!r}{_suggest(ref, actors)}", item)
        for item, ref in enumerate(fields.get("sources", ())):
            if ref not in sources:
                bad("sources", f"unknown source {ref!r}{_suggest(ref, sources)}", item)
        figures: tuple[Figure, ...] | None = ()
        if "figures" in fields:
            figures = self.figures((*path, "figures"), label, "figures", fields["figures"])
        coordinates = None
        if "coordinates" in fields:
            message, coordinates = _coordinates(fields["coordinates"])
            if coordinates is None:
                bad("coordinates", message)
        if "ref" in fields and not REF.fullmatch(fields["ref"]):
            bad(
                "ref",
                f"{fields['ref']!r} is not a dataset reference "
                "(DATASET:ID, such as 'acled:ARM123')",
            )
        accounts = []
        for number, table in enumerate(fields.get("accounts", ())):
            account = self.account(
                (*path, "accounts", number), label, table, fields.get("sources", ()), declared
            )
            if account is not None:
                accounts.append(account)
        if figures is None or len(accounts) != len(fields.get("accounts", ())):
            ok = False
        if not ok or span is None or not fields.keys() >= _NAMED:
            return None
        one = self.shared.__getitem__
        get = fields.get
        # The fields in EVENT_ORDER, made a record with tuple.__new__: keywords go through
        # the record's own __new__, Python code that costs as much again for each event.
        return _new_record(
            Event,
            (
                fields["id"],
                span,
                fields["title"],
                one(fields["type"]),
                one(fields["date"]),
                get("end"),
                get("when", ""),
                get("summary", ""),
                tuple(map(one, get("actors", ()))),
                one(get("location", "")),
                tuple(map(one, get("sources", ()))),
                tuple(get("quotes", ())),
                tuple(map(one, get("tags", ()))),
                get("note", ""),
                coordinates,
                get("ref", ""),
                self.first_index + int(path[1]) + 1,
                figures or (),
                tuple(accounts),
            ),
        )

    def figures(
        self, path: tuple[str | int, ...], label: str, field: str, table: dict[str, Any] | None
    ) -> tuple[Figure, ...] | None:
        """The figures of an event or an account (a table: name -> count or { low, best,
        high }); None when one is wrong (each problem reported)."""
        figures = []
        ok = True
        for name, value in (table or {}).items():
            if name not in FIGURE_NAMES:
                message = f"unknown figure{did_you_mean(name, FIGURE_NAMES)}"
                self.problem((*path, name), message, event=label, field=f"{field}.{name}")
                ok = False
                continue
            message, figure = _figure(name, value)
            if figure is None:
                self.problem((*path, name), message, event=label, field=f"{field}.{name}")
                ok = False
            else:
                figures.append(figure)
        return tuple(figures) if ok else None

    def account(
        self,
        path: tuple[str | int, ...],
        label: str,
        table: dict[str, Any],
        cited: tuple[str, ...] | list[str],
        declared: tuple[dict[str, EventType], dict[str, Actor], dict[str, Source]],
    ) -> Account | None:
        """One [[events.accounts]] table of an event, checked; None when it has an error."""
        _, actors, sources = declared
        number = int(path[-1])
        fields = self.fields(path, table, ACCOUNT_FIELDS, REQUIRED["accounts"], event=label)
        ok = len(fields) == len(table)  # an unknown or mistyped field was reported

        def bad(key: str, message: str, item: int | None = None) -> None:
            nonlocal ok
            ok = False
            where = (*path, key) if item is None else (*path, key, item)
            self.problem(where, message, event=label, field=_account_field(number, key))

        source = fields.get("source")
        if source is None:
            ok = False
        elif source not in sources:
            bad("source", f"unknown source {source!r}{_suggest(source, sources)}")
        elif source not in cited:
            bad("source", f"source {source!r} is not one of the event's sources")
        start = end = None
        for key in ("date", "end"):
            if key not in fields:
                continue
            try:
                if key == "date":
                    start = self.date(fields[key])
                else:
                    end, _ = self.end(fields[key])
            except DateSyntaxError as error:
                bad(key, str(error))
        if start is not None and end is not None and end.last < start.first:
            bad("end", f"{end.text!r} is before the start {start.text!r}")
        for item, ref in enumerate(fields.get("actors", ())):
            if ref not in actors:
                bad("actors", f"unknown actor {ref!r}{_suggest(ref, actors)}", item)
        figures = self.figures(
            (*path, "figures"), label, _account_field(number, "figures"), fields.get("figures")
        )
        if figures is None or not ok or source is None:
            return None
        return Account(
            source=source,
            date_text=fields.get("date", ""),
            end_text=fields.get("end", ""),
            when=fields.get("when", ""),
            location=fields.get("location", ""),
            actors=tuple(fields.get("actors", ())),
            figures=figures,
            quotes=tuple(fields.get("quotes", ())),
            note=fields.get("note", ""),
        )


def _field_prefix(path: tuple[str | int, ...]) -> str:
    """What a problem's field name begins with in the table at path: "types.war." for a
    declaration's, "accounts[2]." for an event's second account's, nothing for an event's."""
    if path[0] != "events":
        return ".".join(str(p) for p in path) + "."
    if len(path) > 2:  # an account: ("events", 3, "accounts", 0)
        return _account_field(path[3], "")
    return ""


def _plain(table: dict[str, Any], spec: Mapping[str, type]) -> bool:
    """Whether every value of the table is of the kind spec wants it, as _fits says."""
    for key, value in table.items():
        kind = type(value)
        if kind is str:
            if spec.get(key) is str:
                continue
        elif kind is list:
            expected = spec.get(key)
            if (expected is list and _strings(value)) or (expected is TABLES and _tables(value)):
                continue
        elif kind is dict and spec.get(key) is dict:
            continue
        return False
    return True


def _fits(value: Any, expected: type | None) -> bool:
    """Whether a value is of the kind its spec wants, as it is (nothing else can be wrong with
    it here): a string, a list of strings, a table, an array of tables. Only the parser's own
    types are looked at: anything else is checked the long way."""
    kind = type(value)
    if kind is list:
        return (expected is list and _strings(value)) or (expected is TABLES and _tables(value))
    return kind is expected and (kind is str or kind is dict)


def _strings(items: list[Any]) -> bool:
    """Whether every item is a string (a str itself: anything else is checked the long way)."""
    # A loop, not all() over a generator: two and a half times as fast (measured).
    for item in items:  # noqa: SIM110
        if type(item) is not str:
            return False
    return True


def _tables(items: list[Any]) -> bool:
    """Whether every item is a table (a dict itself: anything else is checked the long way)."""
    for item in items:  # noqa: SIM110
        if type(item) is not dict:
            return False
    return True


def _account_field(number: str | int, key: str) -> str:
    """How a problem names a field of an event's account: "accounts[2].source" for the second
    account's source (counted from 1, as the file shows them)."""
    return f"accounts[{int(number) + 1}].{key}"


def _table_type_problem(value: Any, expected: type) -> str:
    """What is wrong with the value of a table field (figures) or an array-of-tables field
    (accounts), or nothing."""
    if expected is dict:
        return "" if isinstance(value, dict) else f"must be a table, not {_kind(value)}"
    if not isinstance(value, list):
        return f"must be an array of tables ([[events.accounts]]), not {_kind(value)}"
    wrong = next((item for item in value if not isinstance(item, dict)), None)
    if wrong is not None:
        return f"must be an array of tables ([[events.accounts]]); it holds {_kind(wrong)}"
    return ""


def _figure(name: str, value: Any) -> tuple[str, Figure | None]:
    """A figure from its TOML value (a count, or a table of low, best and high), or what is
    wrong with it."""
    if _is_count(value):
        return "", _new_record(Figure, (name, None, value, None))  # best alone
    if not isinstance(value, dict):
        return (
            f"must be a count (an integer 0 or more) or {{ low, best, high }}, not {_kind(value)}",
            None,
        )
    for part in value:
        if part not in FIGURE_PARTS:
            return f"unknown part {part!r}{did_you_mean(part, FIGURE_PARTS)}", None
    if not value:
        return "must give at least one of low, best and high", None
    for part in FIGURE_PARTS:
        if part in value and not _is_count(value[part]):
            return f"{part} must be an integer 0 or more, not {_describe(value[part])}", None
    given = [(part, value[part]) for part in FIGURE_PARTS if part in value]
    for (lower, low), (higher, high) in pairwise(given):
        if low > high:
            return f"{lower} ({low}) is more than {higher} ({high})", None
    return "", Figure(name, value.get("low"), value.get("best"), value.get("high"))


def _coordinates(value: dict[str, Any]) -> tuple[str, Coordinates | None]:
    """An event's coordinates from their TOML table, or what is wrong with them."""
    # Most of an imported store's: two floats in range, and a known precision or none.
    latitude, longitude = value.get("latitude"), value.get("longitude")
    if (
        type(latitude) is float
        and type(longitude) is float
        and -_MOST_LATITUDE <= latitude <= _MOST_LATITUDE
        and -_MOST_LONGITUDE <= longitude <= _MOST_LONGITUDE
        and len(value) == 2 + ("precision" in value)
        and type(precision := value.get("precision", "")) is str
        and precision in _PRECISION_OR_NONE
    ):
        return "", _new_record(Coordinates, (latitude, longitude, precision))
    return _checked_coordinates(value)


def _checked_coordinates(value: dict[str, Any]) -> tuple[str, Coordinates | None]:
    """_coordinates, part by part: what is wrong, in the order a reader would look."""
    for part in value:
        if part not in COORDINATE_PARTS:
            return f"unknown part {part!r}{did_you_mean(part, COORDINATE_PARTS)}", None
    degrees: dict[str, float] = {}
    for part, most in COORDINATE_RANGES.items():
        if part not in value:
            return f"must give {part} (latitude and longitude, in degrees)", None
        number = value[part]
        if not isinstance(number, int | float) or isinstance(number, bool):
            return f"{part} must be a number of degrees, not {_kind(number)}", None
        if not -most <= number <= most:  # also refuses nan
            return f"{part} {number} is out of range (-{most} to {most})", None
        degrees[part] = number
    precision = value.get("precision", "")
    if not isinstance(precision, str):
        return f"precision must be a string, not {_kind(precision)}", None
    if precision and precision not in COORDINATE_PRECISIONS:
        suggestion = did_you_mean(precision, COORDINATE_PRECISIONS)
        return f"unknown precision {precision!r}{suggestion}", None
    return "", Coordinates(degrees["latitude"], degrees["longitude"], precision)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _describe(value: Any) -> str:
    """A wrong count in words: a negative number as itself, anything else by its kind."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _kind(value)


def _is_day(text: str) -> bool:
    if not RETRIEVED.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_web_link(url: str) -> bool:
    from timeline.citations import is_web_link

    return is_web_link(url)


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
