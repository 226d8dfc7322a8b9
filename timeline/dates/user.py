"""Dates typed on the command line ("2020", "Sept 2020", "2020-09-27"), as the days they cover."""

from __future__ import annotations

import re
from datetime import date

from timeline.dates.calendar import month_end


def parse_user_date(text: str) -> tuple[date, date]:
    """Parse a date typed on the command line ("2020", "Sept 2020", "2020-09-27") into the
    first and last day it names; else BadValue("date", text, why). The year must be given: a
    date is never put in this year. Month names are English whatever the locale (dateutil's);
    digits are ASCII; numeric dates are day first unless that cannot be (10.11.2020 is
    10 November, 11/30/2020 30 November)."""
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
    # Parse twice with different defaults: a field that changes with the default was not given.
    try:
        # Numeric dates are read day first, as extract reads them: 10.11.2020 is 10 November;
        # one that starts with its year is year, month, day (2020-11-10).
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
