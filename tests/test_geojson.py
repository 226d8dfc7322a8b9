"""The GeoJSON export, read back with json and checked against RFC 7946's rules."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import Result

from timeline.exporters import ExportOptions
from timeline.exporters.geojson import write
from timeline.model import Store
from timeline.store import load


def _no_constants(name: str) -> Any:
    raise ValueError(f"not JSON: {name}")  # NaN and Infinity are not JSON (RFC 8259)


def check_rfc_7946(document: dict[str, Any]) -> None:
    """The rules of RFC 7946 that a FeatureCollection of Points must follow."""
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document  # section 4: removed
    assert isinstance(document["features"], list)
    for feature in document["features"]:
        assert feature["type"] == "Feature"  # 3.2
        assert set(feature) >= {"type", "geometry", "properties"}
        assert isinstance(feature.get("id", ""), str | int | float)
        assert feature["properties"] is None or isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and "crs" not in geometry
        position = geometry["coordinates"]  # 3.1.1: longitude, latitude
        assert len(position) == 2 and all(isinstance(n, int | float) for n in position)
        longitude, latitude = position
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
        assert all(math.isfinite(n) for n in position)


def exported(store: Store) -> dict[str, Any]:
    text = "".join(write(store, list(store.events), ExportOptions()))
    return json.loads(text, parse_constant=_no_constants)  # type: ignore[no-any-return]


def test_the_events_with_coordinates_as_points(geo_store: Store) -> None:
    document = exported(geo_store)
    check_rfc_7946(document)
    assert [f["id"] for f in document["features"]] == ["truce", "clash"]
    truce, clash = document["features"]
    assert truce["geometry"] == {"type": "Point", "coordinates": [6.1432, 46.2044]}
    assert clash["geometry"]["coordinates"] == [-179.25, -12.5]
    assert truce["properties"] == {
        "id": "truce",
        "title": "A truce is signed",
        "date": "2021-03-05",
        "end": None,
        "label": "5 March 2021",
        "earliest": "2021-03-05",
        "latest": "2021-03-05",
        "precision": "day",
        "type": "talks",
        "actors": ["Jana Ərəbova", "Southland"],
        "location": "Geneva",
        "coordinates_precision": "exact",
        "ref": "acled:CHE1",
        "summary": "Both sides sign.",
        "sources": ["A report"],  # by title, as actors are by name
        "tags": [],
        "contested": [],
    }


def test_actors_and_sources_by_name(sources_store: Store, tmp_path: Path) -> None:
    """Every actor by its name and every source by its title, in the event's order, whatever
    the id: the clash cites four sources."""
    text = sources_store.path.read_text(encoding="utf-8").replace(
        'id = "clash"\n', 'id = "clash"\ncoordinates = { latitude = 40, longitude = 46 }\n'
    )
    path = tmp_path / "sources-geo.toml"
    path.write_text(text, encoding="utf-8")
    store = load(path)
    (clash,) = exported(store)["features"]
    event = store.events[-1]
    assert event.id == "clash" and len(event.sources) == 4
    assert clash["properties"]["sources"] == [store.sources[s].title for s in event.sources]
    assert clash["properties"]["sources"] == ["A report", "A file", "Bad link", "Both"]
    assert clash["properties"]["actors"] == ["Northland"]


def test_figures_are_flat_properties(accounts_store_path: Path, tmp_path: Path) -> None:
    text = accounts_store_path.read_text(encoding="utf-8").replace(
        'id = "clash"\n', 'id = "clash"\ncoordinates = { latitude = 40, longitude = 46 }\n'
    )
    path = tmp_path / "accounts-geo.toml"
    path.write_text(text, encoding="utf-8")
    document = exported(load(path))
    check_rfc_7946(document)
    (clash,) = document["features"]
    properties = clash["properties"]
    assert (properties["killed_low"], properties["killed_best"], properties["killed_high"]) == (
        None,
        6,
        None,
    )
    assert (properties["injured_low"], properties["injured_high"]) == (10, 15)
    assert properties["contested"] == ["date", "actors", "figures.killed"]


def test_no_coordinates_no_features(small_store: Store) -> None:
    document = exported(small_store)
    check_rfc_7946(document)
    assert document["features"] == []


def test_the_command_says_what_it_left_out(
    geo_store_path: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    result = run("--store", str(geo_store_path), "export", "-o", "map.geojson")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "timeline: left out 2 of the 4 events: geojson holds the events that have coordinates",
        "timeline: wrote 2 events to map.geojson (geojson)",
    ]
    check_rfc_7946(json.loads((tmp_path / "map.geojson").read_text(encoding="utf-8")))


def test_a_store_without_coordinates_is_not_said_to_have_no_matches(
    small_store_path: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    result = run("--store", str(small_store_path), "export", "-o", "map.geojson")
    assert (result.exit_code, result.stderr.splitlines()) == (
        0,
        [
            "timeline: left out 4 of the 4 events: geojson holds the events that have coordinates",
            "timeline: writing an empty document",
            "timeline: wrote 0 events to map.geojson (geojson)",
        ],
    )
