"""The calendar in English: month and weekday names, lookups, and month arithmetic."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from timeline.dates.calendar import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    WEEKDAY_NAMES,
    add_months,
    month_end,
    month_number,
    months_between,
    weekday_number,
)

PACKAGE = Path(__file__).resolve().parent.parent / "timeline"


class TestNames:
    def test_the_tables_are_english(self) -> None:
        """Month names index from 1, weekdays from Monday = 0, as date does."""
        assert MONTH_NAMES[1:4] == ("January", "February", "March")
        assert MONTH_NAMES[12] == "December" and len(MONTH_NAMES) == 13
        assert MONTH_ABBREVIATIONS[9] == "Sep"
        assert WEEKDAY_NAMES[date(2023, 9, 21).weekday()] == "Thursday"

    @pytest.mark.parametrize(
        ("name", "number"),
        [("March", 3), ("march", 3), ("MAR", 3), ("Mar.", 3), ("Sept.", 9), ("sep", 9), ("May", 5)],
    )
    def test_a_month_by_name_or_abbreviation(self, name: str, number: int) -> None:
        """A month is found by its English name or abbreviation, in any case, with a full stop."""
        assert month_number(name) == number

    @pytest.mark.parametrize("name", ["März", "Marz", "Ma", "", "Sept.."])
    def test_other_words_are_no_month(self, name: str) -> None:
        """Other words, another language's names among them, are no month."""
        assert month_number(name) is None

    def test_a_weekday_by_name(self) -> None:
        """A weekday is found by its English name in any case; other words are none."""
        assert (weekday_number("Monday"), weekday_number("SUNDAY")) == (0, 6)
        assert weekday_number("Montag") is None

    def test_no_module_takes_names_from_the_locale(self) -> None:
        """No module of the package uses the standard calendar module's names or strftime's
        names of months and days (%B, %b, %A, %a), which follow the machine's locale."""
        uses = re.compile(
            r"^\s*(?:import calendar|from calendar import)"  # the standard module
            r"|\bcalendar\.(?:month_name|month_abbr|day_name|day_abbr)"
            r"|strftime\([^)]*%[aAbB]"  # a name through strftime
            r"|\{[^{}\n]*:[^{}\n]*%[aAbB][^{}\n]*\}",  # or through an f-string's format
            re.MULTILINE,
        )
        found = [
            f"{path.relative_to(PACKAGE)}: {match[0].strip()}"
            for path in sorted(PACKAGE.rglob("*.py"))
            for match in uses.finditer(path.read_text(encoding="utf-8"))
        ]
        assert found == []

    def test_the_guard_finds_what_it_looks_for(self) -> None:
        """The guard above would see the uses it forbids (render.py used {day:%B})."""
        assert re.search(r"\{[^{}\n]*:[^{}\n]*%[aAbB][^{}\n]*\}", "f'{day.day} {day:%B}'")
        assert re.search(r"strftime\([^)]*%[aAbB]", 'day.strftime("%B")')


class TestArithmetic:
    @pytest.mark.parametrize(
        ("day", "end"),
        [
            (date(2024, 2, 10), date(2024, 2, 29)),
            (date(2023, 2, 1), date(2023, 2, 28)),
            (date(2023, 12, 5), date(2023, 12, 31)),
            (date(2023, 4, 30), date(2023, 4, 30)),
        ],
    )
    def test_month_end(self, day: date, end: date) -> None:
        """month_end is the last day of the day's month, leap years included."""
        assert month_end(day) == end

    @pytest.mark.parametrize(
        ("day", "months", "first"),
        [
            (date(2023, 9, 21), -1, date(2023, 8, 1)),
            (date(2023, 1, 31), -1, date(2022, 12, 1)),
            (date(2023, 11, 30), 3, date(2024, 2, 1)),
            (date(1, 3, 1), -5, date(1, 1, 1)),
            (date(9999, 11, 1), 5, date(9999, 12, 1)),
        ],
    )
    def test_add_months(self, day: date, months: int, first: date) -> None:
        """add_months gives the first day of the month so far away, within years 1 to 9999."""
        assert add_months(day, months) == first

    @pytest.mark.parametrize(
        ("earlier", "later", "months"),
        [
            (date(1988, 1, 1), date(2020, 1, 1), 384),
            (date(2020, 11, 9), date(2023, 3, 11), 28),
            (date(2023, 1, 31), date(2023, 2, 28), 0),
            (date(2023, 1, 31), date(2023, 3, 1), 1),
            (date(2020, 2, 29), date(2021, 2, 28), 11),
            (date(2021, 5, 21), date(2021, 5, 21), 0),
            (date(2023, 3, 11), date(2020, 11, 9), -28),
        ],
    )
    def test_months_between(self, earlier: date, later: date, months: int) -> None:
        """Whole months from one day to another: a month has passed on the same day number of
        the next month; backwards, the count is negative."""
        assert months_between(earlier, later) == months
