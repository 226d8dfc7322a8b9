"""ACLED (Armed Conflict Location & Event Data) exports, as their codebook describes them.

Older exports (data_id, iso3, numeric inter codes) and current ones (disorder_type,
civilian_targeting, tags, inter codes in words) are read alike. README.md ("Importing
datasets") quotes the codebook's lines this follows.
"""

from __future__ import annotations

from timeline.dates.calendar import month_end
from timeline.dates.syntax import date_text
from timeline.importers import (
    BadCell,
    Cells,
    Imported,
    Options,
    Profile,
    listed,
    tag,
    week_around,
)

# The actor types of inter1 and inter2, by their old numeric codes.
INTER_CODES = {
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}
# geo_precision: 1 the town itself, 2 near a town or part of a region, 3 a larger region.
GEO_PRECISION = {"1": "exact", "2": "near", "3": "province"}
# The dataset itself, cited by every event it gives, and where a reader finds it.
DATASET_SOURCE = {
    "publisher": "Armed Conflict Location & Event Data",
    "url": "https://acleddata.com/",
}
COLUMNS = ("event_id_cnty", "event_date", "time_precision", "event_type", "actor1")
# What every export has, old and new, that a row is read from (disorder_type,
# civilian_targeting and tags came later: read when there).
READ = (
    *COLUMNS,
    "sub_event_type",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
)


def recognises(header: list[str]) -> bool:
    return set(COLUMNS) <= {name.lower() for name in header}


def _date(cells: Cells) -> str:
    day = cells.day("event_date")
    assert day is not None
    precision = cells.text("time_precision")
    if precision == "1":
        return day.isoformat()
    if precision == "2":  # a week or weekend, recorded at its middle: one of those days
        return week_around(day)
    if precision == "3":
        # A month, recorded at its middle: a marker, never a day it happened on; but at its
        # first or last day when the source says the beginning or the end of the month.
        part = "early" if day.day == 1 else "late" if day == month_end(day) else None
        return date_text(day.year, day.month, part=part)
    raise BadCell("time_precision", f"{precision!r} is not one of ACLED's codes 1, 2, 3")


def _kind(cells: Cells, column: str) -> str:
    code = cells.text(column, required=False)
    return INTER_CODES.get(code, code)


def read_row(cells: Cells, options: Options) -> Imported:
    ref = f"{options.dataset or 'acled'}:{cells.text('event_id_cnty')}"
    date = _date(cells)
    event_type = cells.text("event_type")
    sub_event_type = cells.text("sub_event_type", required=False)
    actors: dict[str, str] = {}
    for actor, associated, inter in (
        ("actor1", "assoc_actor_1", "inter1"),
        ("actor2", "assoc_actor_2", "inter2"),
    ):
        name = cells.text(actor, required=actor == "actor1")
        if name:
            actors.setdefault(name, _kind(cells, inter))
        for other in listed(cells.text(associated, required=False)):
            actors.setdefault(other, "")
    place = cells.text("location", required=False)
    areas = [
        cells.text(column, required=False) for column in ("admin3", "admin2", "admin1", "country")
    ]
    location = ", ".join(dict.fromkeys(part for part in (place, *areas) if part))
    point = cells.point("latitude", "longitude")
    fields: dict[str, object] = {
        "ref": ref,
        "date": date,
        "title": f"{sub_event_type or event_type} in {place or location or 'an unnamed place'}",
        "summary": cells.text("notes", required=False),
        "location": location,
        "tags": list(
            dict.fromkeys(
                tag
                for tag in (
                    tag(sub_event_type),
                    tag(cells.text("disorder_type", required=False)),
                    "civilian-targeting"
                    if cells.text("civilian_targeting", required=False)
                    else "",
                )
                if tag
            )
        ),
    }
    if point is not None:
        precision = cells.coded("geo_precision", GEO_PRECISION)
        coordinates: dict[str, object] = {"latitude": point[0], "longitude": point[1]}
        if precision:
            coordinates["precision"] = precision
        fields["coordinates"] = coordinates
    killed = cells.count("fatalities")
    if killed is not None:
        fields["figures"] = {"killed": killed}
    notes = [
        f"ACLED {name}: {value}"
        for name, value in (
            ("time_precision", cells.text("time_precision")),
            ("source_scale", cells.text("source_scale", required=False)),
            ("tags", cells.text("tags", required=False)),
        )
        if value
    ]
    fields["note"] = "; ".join(notes)
    sources = {"ACLED": DATASET_SOURCE}
    sources |= {outlet: {} for outlet in listed(cells.text("source", required=False))}
    return Imported(
        fields,
        actors,
        {tag(event_type) or "event": f"ACLED event type: {event_type}"},
        sources,
    )


PROFILE = Profile(
    name="acled",
    description="an ACLED export (event_id_cnty, event_date, time_precision, …)",
    recognises=recognises,
    read_row=read_row,
    dataset="acled",
    any_case=True,
    columns=READ,
)
