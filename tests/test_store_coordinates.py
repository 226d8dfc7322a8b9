"""Coordinates and dataset references: read, checked, cached, shown and exported."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import Result

from conftest import GEO_STORE
from timeline.exporters import ExportOptions
from timeline.exporters import csv as csv_export
from timeline.exporters import json as json_export
from timeline.model import Coordinates
from timeline.store import Change, StoreFile, load, schema


def problems(path: Path, text: str) -> list[str]:
    path.write_text(text, encoding="utf-8")
    report = StoreFile(path, cache=False).check()
    return [str(p).replace(str(path), "STORE") for p in report.problems if p.severity != "info"]


def test_an_event_reads_its_coordinates_and_ref(geo_store_path: Path) -> None:
    store = load(geo_store_path, cache=False)
    by_id = {event.id: event for event in store.events}
    assert by_id["truce"].coordinates == Coordinates(46.2044, 6.1432, "exact")
    assert by_id["truce"].ref == "acled:CHE1"
    assert by_id["clash"].coordinates == Coordinates(-12.5, -179.25, "")
    assert by_id["war"].coordinates is None and by_id["war"].ref == ""


def test_the_cache_gives_the_same_coordinates(geo_store_path: Path) -> None:
    parsed = load(geo_store_path, cache=False)
    cold = load(geo_store_path, cache=True)
    warm = load(geo_store_path, cache=True)
    assert list(parsed.events) == list(cold.events) == list(warm.events)
    assert isinstance(warm.events[3].coordinates, Coordinates)


COORDINATES_LINE = "coordinates = { latitude = -12.5, longitude = -179.25 }"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "coordinates = { latitude = 91, longitude = 0 }",
            "coordinates: latitude 91 is out of range (-90 to 90)",
        ),
        (
            "coordinates = { latitude = 0, longitude = -180.5 }",
            "coordinates: longitude -180.5 is out of range (-180 to 180)",
        ),
        (
            "coordinates = { latitude = nan, longitude = 0 }",
            "coordinates: latitude nan is out of range (-90 to 90)",
        ),
        (
            'coordinates = { latitude = "12", longitude = 0 }',
            "coordinates: latitude must be a number of degrees, not a string",
        ),
        (
            "coordinates = { latitude = 1 }",
            "coordinates: must give longitude (latitude and longitude, in degrees)",
        ),
        (
            "coordinates = { lattitude = 1, longitude = 0 }",
            "coordinates: unknown part 'lattitude' (did you mean 'latitude'?)",
        ),
        (
            'coordinates = { latitude = 1, longitude = 0, precision = "exat" }',
            "coordinates: unknown precision 'exat' (did you mean 'exact'?)",
        ),
        ("coordinates = [1, 2]", "coordinates: must be a table, not an array"),
    ],
)
def test_wrong_coordinates_are_placed_and_named(tmp_path: Path, written: str, message: str) -> None:
    text = GEO_STORE.replace(COORDINATES_LINE, written)
    line = text.splitlines().index(written) + 1
    found = problems(tmp_path / "events.toml", text)
    assert len(found) == 1
    assert found[0].startswith(f"STORE:{line}:")
    assert found[0].endswith(f"event clash: {message}")


@pytest.mark.parametrize("ref", ["acled", "ACLED:1", "acled:", "acled: 1", ":1"])
def test_a_ref_names_a_dataset_and_its_record(tmp_path: Path, ref: str) -> None:
    text = GEO_STORE.replace('ref = "ucdp:4711"', f'ref = "{ref}"')
    found = problems(tmp_path / "events.toml", text)
    assert [p.split(": ", 1)[1] for p in found] == [
        f"event clash: ref: {ref!r} is not a dataset reference (DATASET:ID, such as 'acled:ARM123')"
    ]


def test_an_edit_sets_and_drops_coordinates(geo_store_path: Path) -> None:
    store_file = StoreFile(geo_store_path)
    where = {"latitude": 40.5, "longitude": 46.25, "precision": "near"}
    store_file.apply(Change(edits=(("war", {"coordinates": where, "ref": "acled:X1"}),)))
    war = next(e for e in store_file.read().events if e.id == "war")
    assert war.coordinates == Coordinates(40.5, 46.25, "near") and war.ref == "acled:X1"
    assert 'coordinates = { latitude = 40.5, longitude = 46.25, precision = "near" }' in (
        geo_store_path.read_text(encoding="utf-8")
    )
    store_file.apply(Change(edits=(("war", {"coordinates": None}),)))
    assert next(e for e in load(geo_store_path).events if e.id == "war").coordinates is None


def test_json_and_csv_carry_them(geo_store_path: Path) -> None:
    store = load(geo_store_path)
    events = list(store.events)
    document = json.loads("".join(json_export.write(store, events, ExportOptions())))
    clash = next(e for e in document["events"] if e["id"] == "clash")
    assert clash["coordinates"] == {"latitude": -12.5, "longitude": -179.25, "precision": ""}
    assert clash["ref"] == "ucdp:4711"
    text = "".join(csv_export.write(store, events, ExportOptions()))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    truce = rows["truce"]
    assert (truce["latitude"], truce["longitude"], truce["coordinates_precision"]) == (
        "46.2044",
        "6.1432",
        "exact",
    )
    assert truce["ref"] == "acled:CHE1"
    assert rows["clash"]["longitude"] == "'-179.25"  # a minus starts a formula: neutralised


def test_info_shows_them(geo_store_path: Path, run: Callable[..., Result]) -> None:
    result = run("--store", str(geo_store_path), "info", "truce")
    assert result.exit_code == 0
    assert "coordinates: 46.2044° N, 6.1432° E (exact)\n" in result.stdout
    assert "dataset record: acled:CHE1\n" in result.stdout


degrees = (
    st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([90.0, -90.0, 180.0, -180.0, 90.5, 180.5, 0.0])
    | st.integers(-200, 200)
    | st.booleans()
    | st.text(max_size=2)
)
precisions = st.sampled_from(["", "near", "exact", "nearby", "Near"]) | st.lists(st.text())
coordinate_tables = st.fixed_dictionaries(
    {"latitude": degrees, "longitude": degrees},
    optional={"precision": precisions | degrees, "lat": degrees},
) | st.dictionaries(st.sampled_from(["latitude", "longitude", "precision"]), degrees, max_size=3)


@given(coordinate_tables)
@example({"latitude": 1.5, "longitude": 2.5, "lat": 3.5})
@example({"latitude": 1.5, "longitude": 2.5, "precision": ["near"]})
@example({"latitude": 90.5, "longitude": 2.5})
def test_the_quick_look_at_coordinates_takes_what_the_checks_take(value: dict[str, Any]) -> None:
    """Floats in range and a known precision are taken at once; whatever they are, the
    coordinates are what checking them part by part makes of them."""
    assert schema._coordinates(value) == schema._checked_coordinates(value)
