"""UCDP's Georeferenced Event Dataset (GED), as its codebook describes it.

date_start and date_end are the earliest and the latest day the event can have happened on,
not a duration: one day when they are equal, otherwise one of the days between them.
README.md ("Importing datasets") quotes the codebook's lines this follows.
"""

from __future__ import annotations

import itertools

from timeline.importers import (
    BadCell,
    Cells,
    Imported,
    Options,
    Profile,
    listed,
    one_of_days,
    tag,
)

# type_of_violence
VIOLENCE = {"1": "state-based conflict", "2": "non-state conflict", "3": "one-sided violence"}
# where_prec: 1 the place; 2 within 25 km of it; 3 a second-order administrative area (its
# centre); 4 a first-order one; 5 parts of a country, a line between places; 6 the country;
# 7 international waters or airspace.
WHERE_PRECISION = {
    "1": "exact",
    "2": "near",
    "3": "district",
    "4": "province",
    "5": "approximate",
    "6": "country",
    "7": "approximate",
}
# The dataset itself, cited by every event it gives, and where a reader finds it.
DATASET_SOURCE = {
    "publisher": "Uppsala Conflict Data Program",
    "url": "https://ucdp.uu.se/downloads/",
}
COLUMNS = ("id", "date_start", "date_end", "side_a", "side_b", "best", "where_prec")
# What every GED file has that a row is read from.
READ = (
    *COLUMNS,
    "date_prec",
    "type_of_violence",
    "conflict_name",
    "low",
    "high",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "country",
    "latitude",
    "longitude",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
)
DEATHS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")


def recognises(header: list[str]) -> bool:
    return set(COLUMNS) <= {name.lower() for name in header}


def read_row(cells: Cells, options: Options) -> Imported:
    ref = f"{options.dataset or 'ucdp'}:{cells.text('id')}"
    first, last = cells.day("date_start"), cells.day("date_end")
    assert first is not None and last is not None
    if last < first:
        raise BadCell("date_end", f"{last.isoformat()} is before date_start {first.isoformat()}")
    low, best, high = (cells.count(column) for column in ("low", "best", "high"))
    if best is None:
        raise BadCell("best", "empty")
    given = [
        (name, n) for name, n in (("low", low), ("best", best), ("high", high)) if n is not None
    ]
    for (lower, a), (higher, b) in itertools.pairwise(given):
        if a > b:
            raise BadCell(higher, f"{higher} ({b}) is less than {lower} ({a})")
    killed: object = best if low is None and high is None else dict(given)
    violence = cells.text("type_of_violence", required=False)
    kind = VIOLENCE.get(violence, "organised violence")
    place = cells.text("where_coordinates", required=False)
    areas = [cells.text(column, required=False) for column in ("adm_2", "adm_1", "country")]
    described = cells.text("where_description", required=False)
    location = ", ".join(dict.fromkeys(p for p in (described or place, *areas) if p))
    side_a, side_b = cells.text("side_a"), cells.text("side_b")
    fields: dict[str, object] = {
        "ref": ref,
        "date": one_of_days(first, last),
        "title": f"{side_a} – {side_b}: {kind} in {place or location or 'an unnamed place'}",
        "summary": cells.text("source_headline", required=False),
        "location": location,
        "figures": {"killed": killed},
        "tags": [name for name in (tag(cells.text("conflict_name", required=False)),) if name],
    }
    point = cells.point("latitude", "longitude")
    if point is not None:
        coordinates: dict[str, object] = {"latitude": point[0], "longitude": point[1]}
        precision = cells.coded("where_prec", WHERE_PRECISION)
        if precision:
            coordinates["precision"] = precision
        fields["coordinates"] = coordinates
    deaths = [(column, cells.count(column)) for column in DEATHS]
    notes = [f"UCDP GED date_prec: {cells.text('date_prec', required=False) or 'not given'}"]
    notes += [f"{column}: {n}" for column, n in deaths if n is not None]
    for column in ("source_article", "source_date", "source_office"):
        if value := cells.text(column, required=False):
            # A note is one line: a cell's line breaks (GED's articles have some) are spaces.
            notes.append(f"{column}: {' '.join(value.split())}")
    fields["note"] = "; ".join(notes)
    sources = {"UCDP Georeferenced Event Dataset": DATASET_SOURCE}
    sources |= {office: {} for office in listed(cells.text("source_office", required=False))}
    type_id = tag(kind)
    return Imported(
        fields,
        {side_a: "", side_b: ""},
        {type_id: f"UCDP type of violence: {kind}"},
        sources,
    )


PROFILE = Profile(
    name="ged",
    description="UCDP's Georeferenced Event Dataset (id, date_start, date_end, side_a, …)",
    recognises=recognises,
    read_row=read_row,
    dataset="ucdp",
    any_case=True,
    columns=READ,
)
