"""The store's date syntax, read and written here only: partial and approximate dates, the
days they can mean, their labels in words, their order and overlap.

A store date says exactly what a source says and nothing more:

    1988              a year                       2020-09           a month
    2020-11-09        a day                        mid 2023-03       a part of a month
    late 2021         a part of a year             [2023-09-20..2023-09-21]  one day between two
    2020-09~          approximate (about)          2020-09?          uncertain
    2020-09%          approximate and uncertain

Every date has a nominal first and last day (the days its text covers), an earliest and latest
day it can mean (wider than the nominal ones when it is approximate), and a precision.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from timeline.dates.calendar import MONTH_NAMES, add_months, month_end


class Precision(StrEnum):
    """How finely a date is known, finest first."""

    DAY = "day"
    PART_OF_MONTH = "part-of-month"
    MONTH = "month"
    PART_OF_YEAR = "part-of-year"
    YEAR = "year"


_FINENESS = {precision: rank for rank, precision in enumerate(Precision)}
PARTS = ("early", "mid", "late")
OPEN_END = ".."
# The qualifiers after a date, by (approximate, uncertain).
_QUALIFIERS = {(False, False): "", (True, False): "~", (False, True): "?", (True, True): "%"}

# A third of a month: early 1-10, mid 11-20, late 21-end. A third of a year: four months each.
_MONTH_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
YEAR_PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

_CORE = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?"  # ASCII digits only
_SINGLE = re.compile(rf"(?:(early|mid|late) )?{_CORE}([~?%])?")
_BETWEEN = re.compile(r"\[([^\]]*?)\.\.([^\]]*)\]([~?%])?")

SYNTAX_HELP = (
    "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally after early/mid/late "
    '("mid 2023-03") or followed by ~ (about), ? (uncertain) or % (both), '
    "or [FIRST..LAST] for one day between two dates"
)


class DateSyntaxError(ValueError):
    """A date string that is not in the store's date syntax, or names an impossible day."""


class FuzzyDate(NamedTuple):
    """A date as a source gives it: a day, a month, a year, a part of one, or a bounded guess."""

    text: str
    first: date
    last: date
    precision: Precision
    part: str | None = None
    approximate: bool = False
    uncertain: bool = False
    between: bool = False

    @property
    def earliest(self) -> date:
        """The earliest day this date can mean."""
        return self._widened()[0]

    @property
    def latest(self) -> date:
        """The latest day this date can mean."""
        return self._widened()[1]

    def _widened(self) -> tuple[date, date]:
        # "About" a date widens it by one unit of its own precision on each side.
        if not self.approximate:
            return self.first, self.last
        if self.precision is Precision.MONTH:
            return add_months(self.first, -1), month_end(add_months(self.first, 1))
        if self.precision is Precision.YEAR:
            return _safe_year(self.first, -1), _safe_year(self.last, +1)
        days = {Precision.DAY: 1, Precision.PART_OF_MONTH: 10, Precision.PART_OF_YEAR: 122}
        step = timedelta(days=days[self.precision])
        return _shift(self.first, -step), _shift(self.last, step)

    @property
    def label(self) -> str:
        """The date in words, at the precision it has: "late May 2023", "about 1988?"."""
        text = _between_label(self) if self.between else _plain_label(self)
        if self.approximate:
            text = "about " + text
        if self.uncertain:
            text += "?"
        return text


def parse_date(text: str) -> FuzzyDate:
    """Parse a store date string; raise DateSyntaxError saying what is wrong."""
    if single := _SINGLE.fullmatch(text):
        part, year, month, day, qualifier = single.groups()
        first, last, precision = _core_range(year, month, day, text)
        if part is not None:
            if precision is Precision.DAY:
                raise DateSyntaxError(
                    f"{text!r}: early/mid/late go with a year or a month, not a day"
                )
            first, last, precision = _part_range(part, first, precision)
        return FuzzyDate(
            text,
            first,
            last,
            precision,
            part,
            approximate=qualifier in ("~", "%"),
            uncertain=qualifier in ("?", "%"),
        )
    if between := _BETWEEN.fullmatch(text):
        low, high, qualifier = between.groups()
        low_first, _, low_precision = _core_of(low, text)
        _, high_last, high_precision = _core_of(high, text)
        if high_last <= low_first:
            raise DateSyntaxError(f"{text!r}: the second date must come after the first")
        return FuzzyDate(
            text,
            low_first,
            high_last,
            min(low_precision, high_precision, key=_fineness),
            approximate=qualifier in ("~", "%"),
            uncertain=qualifier in ("?", "%"),
            between=True,
        )
    if any(char.isdigit() and not char.isascii() for char in text):
        raise DateSyntaxError(f"{text!r}: write dates with the digits 0-9")
    raise DateSyntaxError(f"{text!r} is not a date: {SYNTAX_HELP}")


def _core_of(text: str, whole: str) -> tuple[date, date, Precision]:
    match = re.fullmatch(_CORE, text)
    if match is None:
        raise DateSyntaxError(f"{whole!r}: {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    return _core_range(year, month, day, whole)


def _core_range(
    year_text: str, month_text: str | None, day_text: str | None, whole: str
) -> tuple[date, date, Precision]:
    year = int(year_text)
    month = None if month_text is None else int(month_text)
    day = None if day_text is None else int(day_text)
    if reason := no_such_date(year, month, day):
        raise DateSyntaxError(f"{whole!r}: {reason}")
    if month is None:
        return date(year, 1, 1), date(year, 12, 31), Precision.YEAR
    if day is None:
        return date(year, month, 1), month_end(date(year, month, 1)), Precision.MONTH
    return date(year, month, day), date(year, month, day), Precision.DAY


def no_such_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """Why a year (a month of it, a day of that) does not exist: "there is no month 13",
    "February 2023 has no day 30"; None when it does. The one wording of an impossible date,
    wherever one is read (the store, the command line, a dataset's cells)."""
    if year == 0:  # years have four digits: 0 is the only one the calendar lacks
        return "there is no year 0"
    if month is None:
        return None
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day is not None and not 1 <= day <= month_end(date(year, month, 1)).day:
        return f"{MONTH_NAMES[month]} {year} has no day {day}"
    return None


def _part_range(part: str, first: date, precision: Precision) -> tuple[date, date, Precision]:
    if precision is Precision.MONTH:
        low, high = _MONTH_PART_DAYS[part]
        end = min(high, month_end(first).day)
        return first.replace(day=low), first.replace(day=end), Precision.PART_OF_MONTH
    low, high = YEAR_PART_MONTHS[part]
    start = first.replace(month=low)
    return start, month_end(first.replace(month=high)), Precision.PART_OF_YEAR


def _fineness(precision: Precision) -> int:
    return _FINENESS[precision]


def _safe_year(day: date, years: int) -> date:
    year = min(max(day.year + years, 1), 9999)
    return day.replace(year=year)


def _shift(day: date, step: timedelta) -> date:
    try:
        return day + step
    except OverflowError:
        return date.max if step > timedelta(0) else date.min


def date_text(
    year: int,
    month: int | None = None,
    day: int | None = None,
    *,
    part: str | None = None,
    approximate: bool = False,
    uncertain: bool = False,
) -> str:
    """A date in the store's syntax, which parse_date reads back: "2023", "2023-05",
    "2023-05-17", "late 2023-05", "mid 2021", then ~ (about), ? (uncertain) or % (both)."""
    body = f"{year:04d}"
    if month is not None:
        body += f"-{month:02d}"
        if day is not None:
            body += f"-{day:02d}"
    if part is not None:
        body = f"{part} {body}"
    return body + _QUALIFIERS[approximate, uncertain]


def day_text(day: date) -> str:
    """A day in the store's syntax: "2023-05-17"."""
    return date_text(day.year, day.month, day.day)


def between_text(low: str, high: str) -> str:
    """One day between two dates, in the store's syntax: "[2023-09-20..2023-09-21]"."""
    return f"[{low}..{high}]"


def first_text(text: str) -> str:
    """The first date that a date's text writes: the low one of "[LOW..HIGH]", else the text
    itself."""
    if between := _BETWEEN.fullmatch(text):
        return between[1]
    return text


def day_words(day: date) -> str:
    """A day in words, as labels write it: "17 May 2023"."""
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


def _plain_label(fuzzy: FuzzyDate) -> str:
    first = fuzzy.first
    month = MONTH_NAMES[first.month]
    match fuzzy.precision:
        case Precision.DAY:
            return day_words(first)
        case Precision.MONTH:
            return f"{month} {first.year}"
        case Precision.YEAR:
            return str(first.year)
        case Precision.PART_OF_MONTH:
            return f"{_part_word(fuzzy.part)}{month} {first.year}"
        case Precision.PART_OF_YEAR:
            return f"{_part_word(fuzzy.part)}{first.year}"


def _part_word(part: str | None) -> str:
    # English writes "mid-March" but "late May".
    return "mid-" if part == "mid" else f"{part} "


def _between_label(fuzzy: FuzzyDate) -> str:
    first, last = fuzzy.first, fuzzy.last
    if fuzzy.precision is Precision.DAY and (first.year, first.month) == (last.year, last.month):
        month = f"{MONTH_NAMES[first.month]} {first.year}"
        joiner = "or" if (last - first).days == 1 else "and"
        prefix = "" if joiner == "or" else "between "
        return f"{prefix}{first.day} {joiner} {last.day} {month}"
    low, high = fuzzy.text[1:].split("]")[0].split("..")
    return f"between {parse_date(low).label} and {parse_date(high).label}"


class Span(NamedTuple):
    """When an event happened: a start, and an end that is absent, a date, or still open."""

    start: FuzzyDate
    end: FuzzyDate | None = None
    ongoing: bool = False

    @property
    def earliest(self) -> date:
        return self.start.earliest

    @property
    def latest(self) -> date | None:
        """The latest day the event can cover; None while it is ongoing."""
        if self.ongoing:
            return None
        return (self.end or self.start).latest

    @property
    def is_period(self) -> bool:
        """True for an interval (with an end, or ongoing) rather than a single date."""
        return self.ongoing or self.end is not None

    @property
    def end_precision(self) -> Precision | None:
        return self.end.precision if self.end is not None else None

    @property
    def label(self) -> str:
        """The span in words: "since 1988", "2020–2022", "9–10 November 2020"."""
        if self.ongoing:
            return f"since {self.start.label}"
        if self.end is None:
            return self.start.label
        return _range_label(self.start, self.end)

    def sort_key(self) -> tuple[date, int, int]:
        """Calendar order: by first possible day; at a tie the coarser date first, so that a
        year-only date heads its year instead of falling inside one of its months; then the
        one that ends first."""
        last = date.max if self.ongoing else (self.end or self.start).last
        return self.start.first, -_fineness(self.start.precision), last.toordinal()

    def overlaps(self, low: date, high: date) -> bool:
        """True when the span can fall on any day from low to high, both included."""
        latest = self.latest
        return self.earliest <= high and (latest is None or latest >= low)


def parse_end(text: str) -> tuple[FuzzyDate | None, bool]:
    """Parse an `end` value: a date, or ".." for a period still going on."""
    if text == OPEN_END:
        return None, True
    return parse_date(text), False


def _range_label(start: FuzzyDate, end: FuzzyDate) -> str:
    plain = not (start.approximate or start.uncertain or end.approximate or end.uncertain)
    same_kind = start.precision is end.precision and not (start.between or end.between)
    if plain and same_kind and start.first.year == end.first.year:
        if start.precision is Precision.DAY and start.first.month == end.first.month:
            month = MONTH_NAMES[start.first.month]
            return f"{start.first.day}–{end.first.day} {month} {start.first.year}"
        if start.precision is Precision.DAY:
            return f"{start.first.day} {MONTH_NAMES[start.first.month]} – {end.label}"
        if start.precision is Precision.MONTH:
            return f"{MONTH_NAMES[start.first.month]} – {end.label}"
    low, high = start.label, end.label
    if " " in low or " " in high:
        return f"{low} – {high}"
    return f"{low}–{high}"
