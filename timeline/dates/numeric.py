"""Numeric dates ("10.11.2020"): the one rule that reads them, for dates typed on the command
line (dates.user) and dates in articles (dates.phrases).

Day first, as most of the world writes dates: 10.11.2020 is 10 November 2020. Only when the
second number cannot be a month is the first one the month: 11/30/2020 is 30 November. The
year has four digits and comes last; a date that starts with its year is year, month, day
(2020-11-10), the store's own order.
"""

from __future__ import annotations

import re

# Day, month and year with one separator between them (10.11.2020, 10/11/2020, 10-11-2020).
DAY_MONTH_YEAR = (
    r"(?P<first>[0-9]{1,2})(?P<separator>[./-])(?P<second>[0-9]{1,2})(?P=separator)"
    r"(?P<year>[0-9]{4})"
)
_DAY_MONTH_YEAR = re.compile(DAY_MONTH_YEAR)
_MONTH_YEAR = re.compile(r"(?P<month>[0-9]{1,2})[./-](?P<year>[0-9]{4})")
# Year, month and day (2020-11-10, 2020/11/10), or year and month (2020-11).
_YEAR_FIRST = re.compile(
    r"(?P<year>[0-9]{4})(?P<separator>[./-])(?P<month>[0-9]{1,2})"
    r"(?:(?P=separator)(?P<day>[0-9]{1,2}))?"
)


def month_and_day(first: int, second: int) -> tuple[int, int]:
    """The month and the day of a numeric date whose first two numbers are first and second:
    day first, unless the second cannot be a month. The numbers are not checked otherwise
    (13.13 gives month 13: the caller's date() refuses it)."""
    if second > 12 >= first:
        return first, second
    return second, first


def match_numeric(text: str) -> tuple[int, int, int | None] | None:
    """The year, month and day of text if it is a whole numeric date with the year last
    ("10.11.2020"; "10.2020" has no day), else None. The month and day may not exist
    (31.02.2020): the caller's date() tells."""
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match is not None:
        month, day = month_and_day(int(match["first"]), int(match["second"]))
        return int(match["year"]), month, day
    match = _MONTH_YEAR.fullmatch(text)
    if match is not None:
        return int(match["year"]), int(match["month"]), None
    return None


def match_year_first(text: str) -> tuple[int, int, int | None] | None:
    """The year, month and day of text if it is a whole numeric date that starts with its
    year ("2020-11-10"; "2020-11" has no day), else None. The month and day may not exist
    (2020-02-30): the caller tells."""
    match = _YEAR_FIRST.fullmatch(text)
    if match is None:
        return None
    day = match["day"]
    return int(match["year"]), int(match["month"]), None if day is None else int(day)
