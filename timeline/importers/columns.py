"""Any CSV or TSV file, its columns named by --map FIELD=COLUMN; dates read at the precision
their text gives ("2023" a year, "Sept 2023" a month, "2023-09-20" a day)."""

from __future__ import annotations

import hashlib

from timeline.importers import BadCell, Cells, Imported, Options, Profile, listed, tag
from timeline.names import slug

FIELDS = (
    "ref",
    "date",
    "end",
    "title",
    "summary",
    "type",
    "actors",
    "location",
    "latitude",
    "longitude",
    "killed",
    "injured",
    "sources",
    "tags",
    "note",
)
REQUIRED = ("date", "title")


def recognises(header: list[str]) -> bool:
    return False  # asked for by name only: any file is a CSV


def _date(cells: Cells, column: str) -> str:
    """A date cell in the store's syntax, at the precision its text gives."""
    from timeline.dates.calendar import month_end
    from timeline.dates.syntax import DateSyntaxError, parse_date
    from timeline.dates.user import parse_user_date
    from timeline.errors import BadValue

    text = cells.text(column)
    try:
        return parse_date(text).text  # the store's own syntax: as written
    except DateSyntaxError:
        pass
    try:
        first, last = parse_user_date(text)
    except BadValue as error:
        raise BadCell(column, f"{text!r}: {error.reason}") from None
    if first == last:
        return first.isoformat()
    if first.month == 1 and last.month == 12 and (first.day, last.day) == (1, 31):
        return f"{first.year:04d}"
    if first.day == 1 and last == month_end(first):
        return f"{first.year:04d}-{first.month:02d}"
    return f"[{first.isoformat()}..{last.isoformat()}]"


def read_row(cells: Cells, options: Options) -> Imported:
    mapping = options.mapping

    def cell(field: str) -> str:
        column = mapping.get(field)
        return cells.text(column, required=field in REQUIRED) if column else ""

    fields: dict[str, object] = {"date": _date(cells, mapping["date"]), "title": cell("title")}
    if mapping.get("end"):
        fields["end"] = _date(cells, mapping["end"])
    for field in ("summary", "location", "note"):
        fields[field] = cell(field)
    fields["tags"] = listed(cell("tags"))
    id_base = ""  # the id comes from the ref
    if mapping.get("ref"):
        reference = cell("ref")
        if not reference:
            raise BadCell(mapping["ref"], "empty: each row needs its own reference")
    else:  # no column of references: the row's date and title make one
        made = f"{fields['date']}\n{fields['title']}".encode()
        reference = hashlib.sha256(made).hexdigest()[:16]
        # and the event's id, as `add` makes one: the digest is no id to type
        id_base = slug(str(fields["date"]), str(fields["title"]))
    fields["ref"] = f"{options.dataset}:{reference}"
    if mapping.get("latitude") and mapping.get("longitude"):
        point = cells.point(mapping["latitude"], mapping["longitude"])
        if point is not None:
            fields["coordinates"] = {"latitude": point[0], "longitude": point[1]}
    figures = {}
    for name in ("killed", "injured"):
        if mapping.get(name) and (number := cells.count(mapping[name])) is not None:
            figures[name] = number
    fields["figures"] = figures
    type_name = cell("type") or "event"
    return Imported(
        fields,
        dict.fromkeys(listed(cell("actors")), ""),
        {tag(type_name) or "event": f"Imported from {options.dataset}"},
        {title: {} for title in [options.dataset, *listed(cell("sources"))]},
        id_base,
    )


PROFILE = Profile(
    name="csv",
    description="any CSV or TSV file: --map FIELD=COLUMN for each field",
    recognises=recognises,
    read_row=read_row,
    dataset="",
)
