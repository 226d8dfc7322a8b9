"""Dates typed on the command line ("2020", "Sept 2020", "2020-09-27"), as the days they cover."""

from __future__ import annotations

import re
from datetime import date

from timeline.dates.calendar import month_end
from timeline.dates.numeric import match_numeric, match_year_first
from timeline.dates.syntax import no_such_date


def parse_user_date(text: str) -> tuple[date, date]:
    """Parse a date typed on the command line ("2020", "Sept 2020", "2020-09-27") into the
    first and last day it names; else BadValue("date", text, why). The year must be given: a
    date is never put in this year. Month names are English whatever the locale (dateutil's);
    digits are ASCII; numeric dates follow dates.numeric, as extract reads them: day first
    unless that cannot be (10.11.2020 is 10 November, 11/30/2020 30 November), year first
    when they start with it (2020-11-10), and the year in four digits."""
    from datetime import datetime

    from dateutil import parser  # imported here: only dates typed by the user need it

    from timeline.errors import BadValue

    cleaned = text.strip()
    if any(char.isdigit() and not char.isascii() for char in cleaned):
        raise BadValue("date", text, "write it with the digits 0-9")
    if re.fullmatch(r"[0-9]{4}", cleaned):  # dateutil reads a bare "1988" as a time of day
        year = int(cleaned)
        if year == 0:
            raise BadValue("date", text, "there is no year 0")
        return date(year, 1, 1), date(year, 12, 31)
    numeric = match_numeric(cleaned) or match_year_first(cleaned)
    if numeric is not None:  # the one rule for numeric dates, never dateutil's guess
        year, month, day = numeric
        if reason := no_such_date(year, month, day):
            raise BadValue("date", text, reason)
        first = date(year, month, day or 1)
        return first, (first if day else month_end(first))
    if re.fullmatch(r"[0-9]+(?:[./\-\s]+[0-9]+)+", cleaned) and not re.match(
        r"[0-9]{4}\b", cleaned
    ):
        # Numbers alone, not in the rule's shapes (10.11.20, 10 11 2020): dateutil would guess
        # the century, the order or the year.
        raise BadValue("date", text, "write it as 2020-11-10 or 10.11.2020 (day, month, year)")
    # Parse twice with different defaults: a field that changes with the default was not given.
    try:
        # A date that starts with its year is year, month, day (2020-11-10); any other is day
        # first, as dates.numeric reads numeric dates (10 11 2020 is 10 November).
        dayfirst = re.match(r"[0-9]{4}", cleaned) is None
        one = parser.parse(cleaned, default=datetime(2000, 1, 1), dayfirst=dayfirst)
        two = parser.parse(cleaned, default=datetime(2001, 2, 2), dayfirst=dayfirst)
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
