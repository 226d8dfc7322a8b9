"""GeoJSON export: the events that have coordinates, as an RFC 7946 FeatureCollection.

Each event is a Feature with a Point geometry, its position [longitude, latitude] as RFC 7946
orders it (WGS 84 degrees, no `crs` member: the RFC removed it), its id as the Feature's id,
and its fields as flat properties, which QGIS, Leaflet and geopandas read as columns.

Actors and sources are given by name, alike: each actor's `name` and each source's `title`,
what a map's attribute table, labels and pop-ups should show (an id such as
`tass-2023-09-21` means nothing on a map, and a FeatureCollection has no table to look it
up in). The ids, and every other field of each actor and source, are in the JSON and SQLite
exports, which the event's id joins to these features.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from timeline.contested import contested
from timeline.exporters import ExportFormat, ExportOptions, Holds
from timeline.model import Event, Store

_BATCH = 256  # features encoded and handed on together


def has_coordinates(event: Event) -> bool:
    return event.coordinates is not None


def feature(store: Store, event: Event) -> dict[str, Any]:
    """One event as a GeoJSON Feature (the event must have coordinates)."""
    where = event.coordinates
    assert where is not None
    span = event.span
    latest = span.latest
    properties: dict[str, Any] = {
        "id": event.id,
        "title": event.title,
        "date": event.date_text,
        "end": event.end_text,
        "label": span.label,
        "earliest": span.earliest.isoformat(),
        "latest": latest.isoformat() if latest is not None else None,
        "precision": str(span.start.precision),
        "type": event.type,
        "actors": [store.actors[actor].name for actor in event.actors],
        "location": event.location,
        "coordinates_precision": where.precision,
        "ref": event.ref,
        "summary": event.summary,
        "sources": [store.sources[source].title for source in event.sources],
        "tags": event.tags,
    }
    for figure in event.figures:
        properties |= {
            f"{figure.name}_low": figure.low,
            f"{figure.name}_best": figure.best,
            f"{figure.name}_high": figure.high,
        }
    properties["contested"] = contested(event) if event.accounts else ()
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [where.longitude, where.latitude]},
        "properties": properties,
    }


def write(store: Store, events: list[Event], options: ExportOptions) -> Iterator[str]:
    located = [event for event in events if event.coordinates is not None]
    yield '{"type": "FeatureCollection", "features": ['
    separator = b"\n"
    for start in range(0, len(located), _BATCH):
        batch = located[start : start + _BATCH]
        lines = [orjson.dumps(feature(store, event)) for event in batch]
        yield (separator + b",\n".join(lines)).decode()
        separator = b",\n"
    yield "\n]}\n"


FORMAT = ExportFormat(
    name="geojson",
    extensions=(".geojson",),
    description="the events that have coordinates, as an RFC 7946 FeatureCollection (QGIS)",
    write=write,
    holds=Holds(has_coordinates, "the events that have coordinates"),
)
