"""The calendar in English, one copy: month and weekday names, and month arithmetic.

The names are written out here, never taken from the standard `calendar` module or strftime's
%B: those follow the machine's locale, and the store, its labels and the articles it is drafted
from are in English whatever the machine's language.
"""

from __future__ import annotations

from datetime import date, timedelta

# Index 1..12, as date.month; index 0 is empty.
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBREVIATIONS = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
# Index 0..6, as date.weekday().
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Every English way to name a month, in lower case: its name, its abbreviation, and "sept".
MONTH_NUMBERS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (MONTH_NAMES[number], MONTH_ABBREVIATIONS[number])
} | {"sept": 9}
WEEKDAY_NUMBERS = {name.lower(): number for number, name in enumerate(WEEKDAY_NAMES)}


def month_number(name: str) -> int | None:
    """The month an English name or abbreviation names, in any case, with or without a full
    stop ("Sept." is 9); None for any other word."""
    return MONTH_NUMBERS.get(name.lower().removesuffix("."))


def weekday_number(name: str) -> int | None:
    """The weekday an English name names, in any case, 0 for Monday; None for any other word."""
    return WEEKDAY_NUMBERS.get(name.lower())


def month_end(day: date) -> date:
    """The last day of day's month."""
    if day.month == 12:
        return day.replace(day=31)
    return day.replace(month=day.month + 1, day=1) - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month that is months after day's (before it when negative), held
    within the calendar: the first month of year 1 at the earliest, the last of 9999 at the
    latest."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year < 1:
        return date.min
    if year > 9999:
        return date.max.replace(day=1)
    return date(year, month + 1, 1)


def months_between(earlier: date, later: date) -> int:
    """The whole months from one day to another, negative when later comes first: from
    31 January to 28 February is 0, to 1 March is 1."""
    if later < earlier:
        return -months_between(later, earlier)
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months
