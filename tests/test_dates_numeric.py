"""Numeric dates: one rule, day first, for the command line and for extract alike."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dates.numeric import match_numeric, month_and_day
from timeline.dates.phrases import Context, find_dates
from timeline.dates.user import parse_user_date
from timeline.errors import BadValue


@pytest.mark.parametrize(
    ("first", "second", "month_day"),
    [
        (10, 11, (11, 10)),  # day first: 10 November
        (1, 2, (2, 1)),
        (12, 12, (12, 12)),
        (11, 30, (11, 30)),  # 30 cannot be a month: 30 November
        (30, 11, (11, 30)),
        (13, 13, (13, 13)),  # no reading: date() refuses month 13
    ],
)
def test_day_first_unless_that_cannot_be(
    first: int, second: int, month_day: tuple[int, int]
) -> None:
    assert month_and_day(first, second) == month_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.11.2020", (2020, 11, 10)),
        ("10/11/2020", (2020, 11, 10)),
        ("10-11-2020", (2020, 11, 10)),
        ("1.2.2020", (2020, 2, 1)),
        ("11/30/2020", (2020, 11, 30)),
        ("10.2020", (2020, 10, None)),
        ("10.11/2020", None),  # one separator, not two kinds
        ("10.11.20", None),  # the year in four digits
        ("2020-11-10", None),  # year first: not this rule's
        ("10.11.2020x", None),
    ],
)
def test_whole_numeric_dates(text: str, expected: tuple[int, int, int | None] | None) -> None:
    assert match_numeric(text) == expected


def extract_reads(text: str) -> date | None:
    """The day extract reads text as, in a sentence of an article."""
    mentions = find_dates(f"It happened on {text}.", Context(date(2024, 1, 1)))
    return mentions[0].day if mentions else None


def command_line_reads(text: str) -> date | None:
    """The day the command line (--from, --to, --published) reads text as."""
    try:
        first, last = parse_user_date(text)
    except BadValue:
        return None
    assert first == last
    return first


@given(
    st.integers(1, 31),
    st.integers(1, 31),
    st.integers(1900, 2100),
    st.sampled_from("./-"),
)
def test_the_command_line_and_extract_read_numeric_dates_alike(
    first: int, second: int, year: int, separator: str
) -> None:
    """Every numeric date is the same day (or no day) for extract and on the command line."""
    for text in (
        f"{first}{separator}{second}{separator}{year}",
        f"{first:02}{separator}{second:02}{separator}{year}",
    ):
        assert extract_reads(text) == command_line_reads(text)
