"""Parquet export: one row per event, typed columns, for DuckDB, pandas, Polars and Arrow.

Each row holds what the JSON export says of the event (exporters.json.event_record), laid out
for analysis: its dates read (earliest and latest as dates, precision, label), its lists as
lists (actors, sources, tags, quotes, contested fields), its coordinates as latitude,
longitude and their precision, and each figure as three integer columns (killed_low,
killed_best, killed_high, ...). What each source says is the `accounts` column, a JSON array
as the JSON export writes it. Arrow's own writer does the work (pyarrow, an optional extra:
`pip install 'conflict-timeline[parquet]'`), imported only by this format.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from pathlib import Path
from typing import Any

import orjson

from timeline.contested import contested
from timeline.errors import TimelineError
from timeline.exporters import ExportFormat, ExportOptions, file_only
from timeline.exporters.json import DATES_READ, accounts_record, dates_read
from timeline.model import FIGURE_NAMES, Event, Store

MISSING = (
    "the Parquet export needs pyarrow, which is not installed: "
    "pip install 'conflict-timeline[parquet]' (or pip install pyarrow)"
)
FIGURE_PARTS = ("low", "best", "high")
BATCH = 16_384  # events a row group holds

# The table's columns, in order, and the kind of value each holds (its Arrow type in save).
COLUMNS: dict[str, str] = {
    "id": "text", "date": "text", "end": "text", "earliest": "day", "latest": "day",
    "precision": "text", "end_precision": "text", "label": "text", "ongoing": "flag",
    "approximate": "flag", "uncertain": "flag", "title": "text", "summary": "text",
    "type": "text", "actors": "texts", "location": "text", "latitude": "number",
    "longitude": "number", "coordinates_precision": "text", "sources": "texts",
    "tags": "texts", "quotes": "texts", "when": "text", "note": "text", "ref": "text",
    "contested": "texts",
    **{f"{figure}_{part}": "count" for figure in FIGURE_NAMES for part in FIGURE_PARTS},
    "accounts": "text",
}  # fmt: skip
# The columns that hold a field of the event as it stands, and the field.
_AS_STORED = {
    "id": "id", "date": "date_text", "end": "end_text", "title": "title",
    "summary": "summary", "type": "type", "actors": "actors", "location": "location",
    "sources": "sources", "tags": "tags", "quotes": "quotes", "when": "when", "note": "note",
    "ref": "ref",
}  # fmt: skip
_FIGURE_COLUMNS = {
    figure: tuple(f"{figure}_{part}" for part in FIGURE_PARTS) for figure in FIGURE_NAMES
}
_NO_ACCOUNTS = orjson.dumps([]).decode()


class MissingPyarrow(TimelineError):
    """pyarrow is not installed: the Parquet export cannot be written."""


def columns(events: list[Event]) -> dict[str, Sequence[Any]]:
    """The table's columns, each a sequence of one value per event, in the events' order:
    what the JSON export's record of each event says (event_record), built a column at a
    time rather than a record at a time (a dict per event costs more than the rest)."""
    table: dict[str, Sequence[Any]] = dict.fromkeys(COLUMNS, ())  # the columns' order
    for name, field in _AS_STORED.items():
        table[name] = list(map(attrgetter(field), events))
    dates = [dates_read(event.span) for event in events]
    if dates:  # a column of each of their fields
        table.update(zip(DATES_READ, zip(*dates, strict=True), strict=True))
    places = [event.coordinates for event in events]
    table["latitude"] = [where.latitude if where else None for where in places]
    table["longitude"] = [where.longitude if where else None for where in places]
    table["coordinates_precision"] = [
        where.precision or None if where else None for where in places
    ]
    counts: dict[str, list[int | None]] = {}
    for names in _FIGURE_COLUMNS.values():
        counts.update((name, [None] * len(events)) for name in names)
    for row, event in enumerate(events):
        for figure in event.figures:  # a figure given twice: the last, as the record has it
            low, best, high = _FIGURE_COLUMNS[figure.name]
            counts[low][row], counts[best][row], counts[high][row] = (
                figure.low,
                figure.best,
                figure.high,
            )
    table.update(counts)
    table["contested"] = [contested(event) if event.accounts else () for event in events]
    table["accounts"] = [
        orjson.dumps(accounts_record(event)).decode() if event.accounts else _NO_ACCOUNTS
        for event in events
    ]
    return table


def _for_arrow(name: str, values: Sequence[Any]) -> Sequence[Any]:
    """A column as Arrow is given it: free texts (titles, summaries, notes, quotes) as UTF-8
    bytes, other values as they are. Arrow reads a str through CPython's cache of its UTF-8
    form, which then stays on the str (the store's own) as long as the process lasts: 50 MB
    more at the peak for the texts of 100,000 events. Bytes that Arrow reads and drops leave
    nothing behind."""
    if name in ("title", "summary", "note"):
        return [text.encode() for text in values]
    if name == "quotes":
        return [[quote.encode() for quote in quotes] for quotes in values]
    return values


def save(store: Store, events: list[Event], options: ExportOptions, path: Path) -> list[str]:
    """Write the events to path as a Parquet file (zstd-compressed)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingPyarrow(MISSING) from None
    arrow_types = {
        "text": pa.string(),
        "texts": pa.list_(pa.string()),
        "day": pa.date32(),
        "flag": pa.bool_(),
        "number": pa.float64(),
        "count": pa.int64(),
    }
    schema = pa.schema(
        [(name, arrow_types[kind]) for name, kind in COLUMNS.items()],
        metadata={"timeline.title": store.title},
    )
    # Arrow's default allocator (mimalloc) keeps what it frees: 10 MB more at the peak.
    pool = pa.system_memory_pool()
    # Written a batch of events at a time: a row group each, and only one batch's columns
    # held at once.
    with pq.ParquetWriter(path, schema, compression="zstd", memory_pool=pool) as writer:
        for start in range(0, len(events), BATCH):
            batch = columns(events[start : start + BATCH])
            arrays = [  # each column's values dropped as soon as Arrow has them
                pa.array(_for_arrow(name, batch.pop(name)), type=field.type, memory_pool=pool)
                for name, field in zip(COLUMNS, schema, strict=True)
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            del arrays  # not held while the next batch is read
    return []


FORMAT = ExportFormat(
    name="parquet",
    extensions=(".parquet",),
    description="one row per event in typed columns, for DuckDB, pandas and Polars (pyarrow)",
    write=file_only,
    save=save,
)
