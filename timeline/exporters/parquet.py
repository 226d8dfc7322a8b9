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


class MissingPyarrow(TimelineError):
    """pyarrow is not installed: the Parquet export cannot be written."""


def columns(events: list[Event]) -> dict[str, list[Any]]:
    """The table's columns, each a list of one value per event, in the events' order."""
    names = (
        "id", "date", "end", "earliest", "latest", "precision", "end_precision", "label",
        "ongoing", "approximate", "uncertain", "title", "summary", "type", "actors",
        "location", "latitude", "longitude", "coordinates_precision", "sources", "tags",
        "quotes", "when", "note", "ref", "contested",
    )  # fmt: skip
    records = [event_record(event) for event in events]
    table: dict[str, list[Any]] = {name: [] for name in names}  # the columns' order
    placed = ("latitude", "longitude", "coordinates_precision")  # from "coordinates", below
    for name in names:  # a column at a time: one pass over the records each
        if name not in placed:
            column = [record[name] for record in records]
            table[name] = [list(v) if isinstance(v, tuple) else v for v in column]
    table["earliest"] = [date.fromisoformat(value) for value in table["earliest"]]
    table["latest"] = [date.fromisoformat(value) if value else None for value in table["latest"]]
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
    text, number, day, flag = pa.string(), pa.float64(), pa.date32(), pa.bool_()
    texts = pa.list_(pa.string())
    types: dict[str, Any] = {
        "id": text, "date": text, "end": text, "earliest": day, "latest": day,
        "precision": text, "end_precision": text, "label": text, "ongoing": flag,
        "approximate": flag, "uncertain": flag, "title": text, "summary": text, "type": text,
        "actors": texts, "location": text, "latitude": number, "longitude": number,
        "coordinates_precision": text, "sources": texts, "tags": texts, "quotes": texts,
        "when": text, "note": text, "ref": text, "contested": texts,
    }  # fmt: skip
    names = list(columns([]))
    schema = pa.schema(
        [(name, types.get(name, pa.int64() if name != "accounts" else text)) for name in names],
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
