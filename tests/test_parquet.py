"""The Parquet export, read back with pyarrow (and DuckDB where it is installed)."""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_exporters_property import PROPERTY, stores
from typer.testing import Result

from timeline.exporters import ExportOptions
from timeline.exporters import parquet as parquet_export
from timeline.exporters.json import event_record
from timeline.model import COORDINATE_PRECISIONS, FIGURE_NAMES, Coordinates, Store
from timeline.store import load


def exported(store: Store, path: Path) -> list[dict[str, object]]:
    parquet_export.save(store, list(store.events), ExportOptions(), path)
    rows: list[dict[str, object]] = pq.read_table(path).to_pylist()
    return rows


def laid_out(record: dict[str, Any]) -> dict[str, Any]:
    """The JSON export's record of an event as the Parquet export's row, as its module says:
    dates as dates, coordinates and figures spread out, accounts as JSON text."""
    where = record["coordinates"] or {}
    row = {name: list(v) if isinstance(v, tuple) else v for name, v in record.items()}
    row["earliest"] = date.fromisoformat(record["earliest"])
    row["latest"] = date.fromisoformat(record["latest"]) if record["latest"] else None
    row["latitude"], row["longitude"] = where.get("latitude"), where.get("longitude")
    row["coordinates_precision"] = where.get("precision") or None
    for figure in FIGURE_NAMES:
        for part in parquet_export.FIGURE_PARTS:
            row[f"{figure}_{part}"] = record["figures"].get(figure, {}).get(part)
    row["accounts"] = json.loads(json.dumps(record["accounts"]))  # tuples as lists
    return {name: row[name] for name in parquet_export.COLUMNS}


places = st.one_of(
    st.none(),
    st.builds(
        Coordinates,
        st.floats(-90, 90),
        st.floats(-180, 180),
        st.sampled_from(("", *COORDINATE_PRECISIONS)),
    ),
)


@PROPERTY
@given(stores(), st.data())
def test_each_row_is_the_json_record_laid_out(store: Store, data: st.DataObject) -> None:
    events = [event._replace(coordinates=data.draw(places)) for event in store.events]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "e.parquet"
        parquet_export.save(store, events, ExportOptions(), path)
        rows = pq.read_table(path).to_pylist()
    for row in rows:
        row["accounts"] = json.loads(row["accounts"])
    assert rows == [laid_out(event_record(event)) for event in events]


def test_the_store_texts_are_left_as_they_were(hostile_store: Store, tmp_path: Path) -> None:
    """Arrow reads a str's UTF-8 through the copy CPython then keeps on it: the free texts
    (titles, summaries, notes, quotes), the bulk of a store, are handed over as bytes."""
    texts = [
        text
        for event in hostile_store.events
        for text in (event.title, event.summary, event.note, *event.quotes)
    ]

    def sizes() -> list[int]:  # a str's size counts the UTF-8 copy it keeps, if any
        return [sys.getsizeof(text) for text in texts]

    uncached = [sys.getsizeof(text.encode().decode()) for text in texts]
    assert sizes() == uncached and not all(text.isascii() for text in texts)
    exported(hostile_store, tmp_path / "e.parquet")
    assert sizes() == uncached


def test_one_row_per_event_with_its_dates_read(geo_store: Store, tmp_path: Path) -> None:
    rows = exported(geo_store, tmp_path / "e.parquet")
    assert [row["id"] for row in rows] == [event.id for event in geo_store.events]
    truce = next(row for row in rows if row["id"] == "truce")
    assert {key: truce[key] for key in ("date", "earliest", "latest", "precision", "label")} == {
        "date": "2021-03-05",
        "earliest": date(2021, 3, 5),
        "latest": date(2021, 3, 5),
        "precision": "day",
        "label": "5 March 2021",
    }
    war = next(row for row in rows if row["id"] == "war")
    assert (war["latest"], war["ongoing"], war["actors"]) == (None, True, ["north", "south"])


def test_coordinates_figures_and_accounts(accounts_store_path: Path, tmp_path: Path) -> None:
    rows = {row["id"]: row for row in exported(load(accounts_store_path), tmp_path / "a.pq")}
    clash = rows["clash"]
    assert (clash["killed_low"], clash["killed_best"], clash["killed_high"]) == (None, 6, None)
    assert (clash["injured_low"], clash["injured_best"], clash["injured_high"]) == (10, None, 15)
    assert clash["contested"] == ["date", "actors", "figures.killed"]
    accounts = json.loads(str(clash["accounts"]))
    assert [a["source"] for a in accounts] == ["a", "b"]
    assert accounts[1]["figures"] == {"killed": {"low": None, "best": 5, "high": None}}
    assert rows["talks"]["killed_best"] is None and rows["talks"]["accounts"] != "[]"


def test_coordinates_are_columns(geo_store: Store, tmp_path: Path) -> None:
    rows = exported(geo_store, tmp_path / "g.parquet")
    placed = [(r["id"], r["latitude"], r["longitude"]) for r in rows if r["latitude"] is not None]
    expected = [
        (e.id, e.coordinates.latitude, e.coordinates.longitude)
        for e in geo_store.events
        if e.coordinates is not None
    ]
    assert placed == expected and placed


def test_the_command_writes_a_file_and_says_so(
    geo_store_path: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    to_stdout = run("--store", str(geo_store_path), "export", "--format", "parquet")
    assert (to_stdout.exit_code, to_stdout.stdout) == (2, "")
    result = run("--store", str(geo_store_path), "export", "-o", "events.parquet")
    assert (result.exit_code, result.stderr) == (
        0,
        "timeline: wrote 4 events to events.parquet (parquet)\n",
    )
    assert pq.read_table(tmp_path / "events.parquet").num_rows == 4


def test_without_pyarrow_the_message_says_how_to_install_it(
    geo_store_path: Path,
    run: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow fails
    result = run("--store", str(geo_store_path), "export", "-o", "events.parquet")
    assert (result.exit_code, result.stderr) == (1, f"timeline: {parquet_export.MISSING}\n")
    assert list(tmp_path.glob("*events.parquet*")) == []


def test_duckdb_reads_it(geo_store: Store, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "e.parquet"
    exported(geo_store, path)
    query = f"SELECT type, count(*) FROM '{path}' GROUP BY type ORDER BY type"
    counts = dict(duckdb.sql(query).fetchall())
    assert sum(counts.values()) == len(geo_store.events)
