"""CSV export: one row per event, RFC 4180 quoting, safe to open in a spreadsheet.

A cell that starts with =, +, -, @, a tab or a carriage return could run as a formula in a
spreadsheet (OWASP's "CSV injection"); such a cell is written with a leading apostrophe, which
spreadsheets show as text and do not evaluate.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from timeline.contested import contested
from timeline.exporters import ExportFormat, ExportOptions
from timeline.model import FIGURE_NAMES, Event, Store

_ESTIMATES = ("low", "best", "high")
FIGURE_COLUMNS = tuple(f"{name}_{part}" for name in FIGURE_NAMES for part in _ESTIMATES)
COLUMNS = (
    "id",
    "date",
    "end",
    "earliest",
    "latest",
    "precision",
    "label",
    "title",
    "summary",
    "type",
    "actors",
    "location",
    "sources",
    "tags",
    "when",
    "note",
    "quotes",
    *FIGURE_COLUMNS,
    "contested",
    "latitude",
    "longitude",
    "coordinates_precision",
    "ref",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet will show it as text, never run it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def row(event: Event) -> list[str]:
    span = event.span
    latest = span.latest
    values = (
        event.id,
        event.date_text,
        event.end_text or "",
        span.earliest.isoformat(),
        latest.isoformat() if latest else "",
        str(span.start.precision),
        span.label,
        event.title,
        event.summary,
        event.type,
        LIST_SEPARATOR.join(event.actors),
        event.location,
        LIST_SEPARATOR.join(event.sources),
        LIST_SEPARATOR.join(event.tags),
        event.when,
        event.note,
        LIST_SEPARATOR.join(_quotes(event)),
        *_figures(event),
        LIST_SEPARATOR.join(contested(event)) if event.accounts else "",
        *_coordinates(event),
        event.ref,
    )
    return [neutralise(value) for value in values]


def _quotes(event: Event) -> list[str]:
    """The event's quotes, then each account's, in the store's order."""
    return [*event.quotes, *(quote for account in event.accounts for quote in account.quotes)]


def _coordinates(event: Event) -> tuple[str, str, str]:
    where = event.coordinates
    if where is None:
        return "", "", ""
    return str(where.latitude), str(where.longitude), where.precision


def _figures(event: Event) -> list[str]:
    """The store's reading of each figure, three cells each (empty where it gives none)."""
    if not event.figures:
        return [""] * len(FIGURE_COLUMNS)
    given = {figure.name: figure for figure in event.figures}
    cells = []
    for name in FIGURE_NAMES:
        figure = given.get(name)
        numbers = (figure.low, figure.best, figure.high) if figure else (None, None, None)
        cells += ["" if number is None else str(number) for number in numbers]
    return cells


def write(store: Store, events: list[Event], options: ExportOptions) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: CRLF, quotes doubled
    writer.writerow(COLUMNS)
    for event in events:
        writer.writerow(row(event))
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


FORMAT = ExportFormat(
    name="csv",
    extensions=(".csv",),
    description="one row per event, for spreadsheets (formula injection neutralised)",
    write=write,
)
