"""Dates typed on the command line ("2020", "Sept 2020", "2020-09-27"), as the days they cover."""

from __future__ import annotations

import re
from datetime import date

from timeline.dates.calendar import month_end


def parse_user_date(text: str) -> tuple[date, date]:
    """Parse a date typed on the command line ("2020", "Sept 2020", "2020-09-27") into the
    first and last day it names; else BadValue("date", text, why). The year must be given: a
    date is never put in this year. Month names are English whatever the locale (dateutil's)."""
    from datetime import datetime

    from dateutil import parser  # imported here: only dates typed by the user need it

    from timeline.errors import BadValue

    cleaned = text.strip()
    if re.fullmatch(r"\d{4}", cleaned):  # dateutil reads a bare "1988" as a time of day
        year = int(cleaned)
        if year == 0:
            raise BadValue("date", text, "there is no year 0")
        return date(year, 1, 1), date(year, 12, 31)
    # Parse twice with different defaults: a field that changes with the default was not given.
    try:
        one = parser.parse(cleaned, default=datetime(2000, 1, 1))
        two = parser.parse(cleaned, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError, parser.ParserError):
        raise BadValue("date", text, "cannot read it as a date") from None
    if one.year != two.year:
        raise BadValue("date", text, "it has no year; write it with one, such as 'Sept 2020'")
    if one.month != two.month:
        return date(one.year, 1, 1), date(one.year, 12, 31)
    if one.day != two.day:
        first = date(one.year, one.month, 1)
        return first, month_end(first)
    return one.date(), one.date()
