"""JSON export: every field of every selected event, with its computed dates, in a stable shape.

The shape is documented in README.md ("JSON export"); `version` changes when it does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from timeline.exporters import ExportFormat, ExportOptions
from timeline.model import Event, Store

SCHEMA_VERSION = 1


def event_record(event: Event) -> dict[str, Any]:
    """An event as a JSON object: the store's fields, then what the dates mean."""
    span = event.span
    latest = span.latest
    return {
        "id": event.id,
        "date": event.date_text,
        "end": event.end_text,
        "when": event.when,
        "title": event.title,
        "summary": event.summary,
        "type": event.type,
        "actors": list(event.actors),
        "location": event.location,
        "sources": list(event.sources),
        "quotes": list(event.quotes),
        "tags": list(event.tags),
        "note": event.note,
        "label": span.label,
        "earliest": span.earliest.isoformat(),
        "latest": latest.isoformat() if latest is not None else None,
        "precision": str(span.start.precision),
        "end_precision": str(span.end_precision) if span.end_precision else None,
        "ongoing": span.ongoing,
        "approximate": span.start.approximate or bool(span.end and span.end.approximate),
        "uncertain": span.start.uncertain or bool(span.end and span.end.uncertain),
    }


def _table(records: dict[str, Any]) -> dict[str, Any]:
    return {
        key: {
            k: list(v) if isinstance(v, tuple) else v
            for k, v in value._asdict().items()
            if k != "id"
        }
        for key, value in records.items()
    }


def write(store: Store, events: list[Event], options: ExportOptions) -> Iterator[str]:
    head = {
        "format": "timeline",
        "version": SCHEMA_VERSION,
        "timeline": {"title": store.title, "description": store.description},
        "types": _table(store.types),
        "actors": _table(store.actors),
        "sources": _table(store.sources),
    }
    # Written piece by piece so a large export never holds the whole document twice; one
    # event per line, which keeps diffs readable and lets json use its C encoder (indent
    # would force its pure-Python one: five times slower, measured).
    opening = json.dumps(head, ensure_ascii=False, indent=2)[:-2]
    yield opening + ',\n  "events": ['
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    for index, event in enumerate(events):
        yield ("," if index else "") + "\n    " + encode(event_record(event))
    yield "\n  ]\n}\n" if events else "]\n}\n"


FORMAT = ExportFormat(
    name="json",
    extensions=(".json",),
    description="every field, with earliest/latest days, precision and label (documented)",
    write=write,
)
