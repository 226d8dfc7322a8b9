"""JSON export: every field of every selected event, with its computed dates, in a stable shape.

The shape is documented in README.md ("JSON export"); `version` changes when it does.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import Any

import orjson

from timeline.contested import account_differences, contested
from timeline.dates.syntax import Precision, Span
from timeline.exporters import ExportFormat, ExportOptions
from timeline.model import Account, Event, Figure, Store

# 2: figures, accounts and contested; sources' retrieved and archived. 3: coordinates, ref.
SCHEMA_VERSION = 3
_PRECISION_NAMES = {precision: str(precision) for precision in Precision}
_BATCH = 128  # events encoded and handed on together (more holds more memory, no faster)


# What an event's dates mean, as the exports give it: the span in words, the first and last
# days it can cover (the last None while ongoing), its precisions and qualifiers; a plain
# tuple, which costs the JSON export less than a named one (measured).
DATES_READ = (
    "label", "earliest", "latest", "precision", "end_precision", "ongoing", "approximate",
    "uncertain",
)  # fmt: skip
DatesRead = tuple[str, date, date | None, str, str | None, bool, bool, bool]


@lru_cache(maxsize=4096)  # events in calendar order: those of a day side by side
def dates_read(span: Span) -> DatesRead:
    """What the span's dates mean: the values of DATES_READ."""
    start, end = span.start, span.end
    return (
        span.label,
        start.earliest,
        span.latest,
        _PRECISION_NAMES[start.precision],
        _PRECISION_NAMES[end.precision] if end is not None else None,
        span.ongoing,
        start.approximate or (end is not None and end.approximate),
        start.uncertain or (end is not None and end.uncertain),
    )


def event_record(event: Event) -> dict[str, Any]:
    """An event as a JSON object: the store's fields, then what the dates mean."""
    label, earliest, latest, precision, end_precision, ongoing, approximate, uncertain = dates_read(
        event.span
    )
    return {
        "id": event.id,
        "date": event.date_text,
        "end": event.end_text,
        "when": event.when,
        "title": event.title,
        "summary": event.summary,
        "type": event.type,
        "actors": event.actors,  # tuples: JSON arrays
        "location": event.location,
        "coordinates": event.coordinates._asdict() if event.coordinates else None,
        "sources": event.sources,
        "quotes": event.quotes,
        "tags": event.tags,
        "note": event.note,
        "ref": event.ref,
        "figures": figures_record(event.figures),
        "accounts": accounts_record(event),
        "contested": contested(event) if event.accounts else (),
        "label": label,
        "earliest": earliest.isoformat(),
        "latest": latest.isoformat() if latest is not None else None,
        "precision": precision,
        "end_precision": end_precision,
        "ongoing": ongoing,
        "approximate": approximate,
        "uncertain": uncertain,
    }


def figures_record(figures: tuple[Figure, ...]) -> dict[str, dict[str, int | None]]:
    """Figures as the record gives them: by name, each its low, best and high."""
    return {f.name: {"low": f.low, "best": f.best, "high": f.high} for f in figures}


def accounts_record(event: Event) -> list[dict[str, Any]]:
    """What each source says of the event, as the record gives it."""
    return [_account(event, account) for account in event.accounts]


def _account(event: Event, account: Account) -> dict[str, Any]:
    """What one source says: its own fields (null or empty where it gives none), and the
    fields on which it differs from the event."""
    return {
        "source": account.source,
        "date": account.date_text or None,
        "end": account.end_text or None,
        "when": account.when,
        "location": account.location,
        "actors": account.actors,
        "figures": figures_record(account.figures),
        "quotes": account.quotes,
        "note": account.note,
        "differs": account_differences(event, account),
    }


def _table(records: dict[str, Any]) -> dict[str, Any]:
    return {
        key: {field: v for field, v in value._asdict().items() if field != "id"}
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
    # orjson, not json: it encodes the 10,000-event store's 10 MB in 14 ms against json's 70
    # (measured). Written a batch of events at a time so that a large export is never held
    # whole; one event per line keeps diffs readable.
    opening = orjson.dumps(head, option=orjson.OPT_INDENT_2).decode()[:-2]
    yield opening + ',\n  "events": ['
    separator = b""
    for start in range(0, len(events), _BATCH):
        lines = [orjson.dumps(event_record(event)) for event in events[start : start + _BATCH]]
        yield (separator + b"\n    " + b",\n    ".join(lines)).decode()
        separator = b","
    yield "\n  ]\n}\n" if events else "]\n}\n"


FORMAT = ExportFormat(
    name="json",
    extensions=(".json",),
    description="every field, with earliest/latest days, precision and label (documented)",
    write=write,
)
