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
    table: dict[str, list[Any]] = {name: [] for name in names}
    figure_columns = [(f, p, f"{f}_{p}") for f in FIGURE_NAMES for p in FIGURE_PARTS]
    table |= {column: [] for _, _, column in figure_columns}
    table["accounts"] = []
    for event in events:
        record = event_record(event)
        where = record["coordinates"] or {}
        record |= {
            "earliest": date.fromisoformat(record["earliest"]),
            "latest": date.fromisoformat(record["latest"]) if record["latest"] else None,
            "latitude": where.get("latitude"),
            "longitude": where.get("longitude"),
            "coordinates_precision": where.get("precision") or None,
        }
        for name in names:
            value = record[name]
            table[name].append(list(value) if isinstance(value, tuple) else value)
        figures = record["figures"]
        for figure, part, column in figure_columns:
            table[column].append(figures.get(figure, {}).get(part))
        table["accounts"].append(orjson.dumps(record["accounts"]).decode())
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
    data = columns(events)
    schema = pa.schema(
        [(name, types.get(name, pa.int64() if name != "accounts" else text)) for name in data],
        metadata={"timeline.title": store.title},
    )
    table = pa.table(data, schema=schema)
    pq.write_table(table, path, compression="zstd")
    return []


FORMAT = ExportFormat(
    name="parquet",
    extensions=(".parquet",),
    description="one row per event in typed columns, for DuckDB, pandas and Polars (pyarrow)",
    write=file_only,
    save=save,
)
