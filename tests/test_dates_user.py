"""Dates typed on the command line: the days they cover, and the ones refused."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dates.user import parse_user_date
from timeline.errors import BadValue


class TestUserDates:
    @pytest.mark.parametrize(
        ("text", "first", "last"),
        [
            ("2020", date(2020, 1, 1), date(2020, 12, 31)),
            ("Sept 2020", date(2020, 9, 1), date(2020, 9, 30)),
            ("September 2020", date(2020, 9, 1), date(2020, 9, 30)),
            ("2020-09", date(2020, 9, 1), date(2020, 9, 30)),
            ("2020-09-27", date(2020, 9, 27), date(2020, 9, 27)),
            ("27 September 2020", date(2020, 9, 27), date(2020, 9, 27)),
            ("Feb 2024", date(2024, 2, 1), date(2024, 2, 29)),
            ("10.11.2020", date(2020, 11, 10), date(2020, 11, 10)),  # day first, as extract
            ("10/11/2020", date(2020, 11, 10), date(2020, 11, 10)),
            ("11/30/2020", date(2020, 11, 30), date(2020, 11, 30)),  # 30 cannot be a month
            ("10-11-2020", date(2020, 11, 10), date(2020, 11, 10)),
            ("2020/11/10", date(2020, 11, 10), date(2020, 11, 10)),  # year first: y, m, d
            ("10.2020", date(2020, 10, 1), date(2020, 10, 31)),  # a month
            ("2/2024", date(2024, 2, 1), date(2024, 2, 29)),
        ],
    )
    def test_user_dates_cover_what_they_name(self, text: str, first: date, last: date) -> None:
        """A date typed on the command line covers the whole year, month or day it names."""
        assert parse_user_date(text) == (first, last)

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("Sept 27", "it has no year; write it with one, such as 'Sept 2020'"),
            ("yesterday-ish", "cannot read it as a date"),
            # An impossible date says why, as the store's date syntax does.
            ("2020-13-01", "there is no month 13"),
            ("2020-02-30", "February 2020 has no day 30"),
            ("2020-13", "there is no month 13"),
            ("31.02.2020", "February 2020 has no day 31"),
            ("13.2020", "there is no month 13"),
            # Numbers alone that the rule does not read are refused, not guessed at.
            ("10.11.20", "write it as 2020-11-10 or 10.11.2020 (day, month, year)"),
            ("10 11 2020", "write it as 2020-11-10 or 10.11.2020 (day, month, year)"),
            ("10.11", "write it as 2020-11-10 or 10.11.2020 (day, month, year)"),
            ("0", "cannot read it as a date"),
            ("0000", "there is no year 0"),
            ("٢٠٢٣", "write it with the digits 0-9"),
            ("２０２３-09-20", "write it with the digits 0-9"),
        ],
    )
    def test_user_dates_need_a_year_and_sense(self, text: str, reason: str) -> None:
        """A date without a year, or that is not a date, is refused (never put in this year)
        with BadValue("date", text, reason)."""
        with pytest.raises(BadValue) as raised:
            parse_user_date(text)
        assert (raised.value.kind, raised.value.value, raised.value.reason) == (
            "date",
            text,
            reason,
        )
