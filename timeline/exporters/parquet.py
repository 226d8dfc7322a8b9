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

from datetime import date
from pathlib import Path
from typing import Any

import orjson

from timeline.errors import TimelineError
from timeline.exporters import ExportFormat, ExportOptions, file_only
from timeline.exporters.json import event_record
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
# The columns that are a field of the JSON export's record as they stand (the others are
# read from it: dates parsed, coordinates and figures spread out, accounts as JSON text).
_AS_RECORDED = [
    name
    for name in COLUMNS
    if name not in ("earliest", "latest", "latitude", "longitude", "coordinates_precision")
    and COLUMNS[name] != "count"
    and name != "accounts"
]


class MissingPyarrow(TimelineError):
    """pyarrow is not installed: the Parquet export cannot be written."""


def columns(events: list[Event]) -> dict[str, list[Any]]:
    """The table's columns, each a list of one value per event, in the events' order."""
    records = [event_record(event) for event in events]
    table: dict[str, list[Any]] = {name: [] for name in COLUMNS}  # the columns' order
    for name in _AS_RECORDED:  # a column at a time: one pass over the records each
        column = [record[name] for record in records]
        table[name] = [list(v) if isinstance(v, tuple) else v for v in column]
    table["earliest"] = [date.fromisoformat(record["earliest"]) for record in records]
    table["latest"] = [
        date.fromisoformat(record["latest"]) if record["latest"] else None for record in records
    ]
    places = [record["coordinates"] or {} for record in records]
    table["latitude"] = [where.get("latitude") for where in places]
    table["longitude"] = [where.get("longitude") for where in places]
    table["coordinates_precision"] = [where.get("precision") or None for where in places]
    for figure in FIGURE_NAMES:
        given = [record["figures"].get(figure, {}) for record in records]
        for part in FIGURE_PARTS:
            table[f"{figure}_{part}"] = [value.get(part) for value in given]
    table["accounts"] = [orjson.dumps(record["accounts"]).decode() for record in records]
    return table


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
    # Written a batch of events at a time: a row group each, and only one batch's records
    # held at once.
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for start in range(0, len(events), BATCH):
            batch = columns(events[start : start + BATCH])
            writer.write_table(pa.table(batch, schema=schema))
    return []


FORMAT = ExportFormat(
    name="parquet",
    extensions=(".parquet",),
    description="one row per event in typed columns, for DuckDB, pandas and Polars (pyarrow)",
    write=file_only,
    save=save,
)
