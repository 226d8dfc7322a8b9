"""The store's date syntax: parsing and writing, the days dates can mean, labels, order."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dates.syntax import (
    DateSyntaxError,
    Precision,
    Span,
    between_text,
    date_text,
    day_text,
    day_words,
    first_text,
    parse_date,
    parse_end,
)


class TestParse:
    @pytest.mark.parametrize(
        ("text", "first", "last", "precision"),
        [
            ("1988", date(1988, 1, 1), date(1988, 12, 31), Precision.YEAR),
            ("2020-09", date(2020, 9, 1), date(2020, 9, 30), Precision.MONTH),
            ("2020-11-09", date(2020, 11, 9), date(2020, 11, 9), Precision.DAY),
            ("early 2023-03", date(2023, 3, 1), date(2023, 3, 10), Precision.PART_OF_MONTH),
            ("mid 2023-03", date(2023, 3, 11), date(2023, 3, 20), Precision.PART_OF_MONTH),
            ("late 2023-05", date(2023, 5, 21), date(2023, 5, 31), Precision.PART_OF_MONTH),
            ("late 2023-02", date(2023, 2, 21), date(2023, 2, 28), Precision.PART_OF_MONTH),
            ("early 2021", date(2021, 1, 1), date(2021, 4, 30), Precision.PART_OF_YEAR),
            ("mid 2021", date(2021, 5, 1), date(2021, 8, 31), Precision.PART_OF_YEAR),
            ("late 2021", date(2021, 9, 1), date(2021, 12, 31), Precision.PART_OF_YEAR),
            ("[2023-09-20..2023-09-21]", date(2023, 9, 20), date(2023, 9, 21), Precision.DAY),
        ],
    )
    def test_each_form_covers_the_days_it_names(
        self, text: str, first: date, last: date, precision: Precision
    ) -> None:
        """Each date form covers exactly the days its text names, at its precision."""
        parsed = parse_date(text)
        assert (parsed.first, parsed.last, parsed.precision) == (first, last, precision)
        assert (parsed.earliest, parsed.latest) == (first, last)

    @pytest.mark.parametrize(
        ("text", "earliest", "latest"),
        [
            ("2020-09~", date(2020, 8, 1), date(2020, 10, 31)),
            ("1988~", date(1987, 1, 1), date(1989, 12, 31)),
            ("2020-11-09~", date(2020, 11, 8), date(2020, 11, 10)),
            ("late 2023-05~", date(2023, 5, 11), date(2023, 6, 10)),
            ("2020-09%", date(2020, 8, 1), date(2020, 10, 31)),
        ],
    )
    def test_approximate_widens_by_one_unit_each_side(
        self, text: str, earliest: date, latest: date
    ) -> None:
        """An approximate date can mean one unit of its precision earlier or later."""
        parsed = parse_date(text)
        assert parsed.approximate
        assert (parsed.earliest, parsed.latest) == (earliest, latest)

    def test_uncertain_keeps_its_days(self) -> None:
        """An uncertain date is flagged but covers the days it names."""
        parsed = parse_date("2020-09?")
        assert parsed.uncertain and not parsed.approximate
        assert (parsed.earliest, parsed.latest) == (date(2020, 9, 1), date(2020, 9, 30))

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("2023-02-30", "February 2023 has no day 30"),
            ("2023-13", "there is no month 13"),
            ("0000", "there is no year 0"),
            ("mid 2023-03-05", "early/mid/late go with a year or a month, not a day"),
            ("March 2023", "is not a date"),
            ("2023-3-5", "is not a date"),
            ("", "is not a date"),
            ("[2023-09-21..2023-09-20]", "the second date must come after the first"),
            ("[2023-09-20..soon]", "'soon' is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ],
    )
    def test_bad_dates_say_what_is_wrong(self, text: str, message: str) -> None:
        """An impossible or malformed date raises an error that names the problem."""
        with pytest.raises(DateSyntaxError, match=message.replace("(", r"\(")):
            parse_date(text)

    def test_open_end(self) -> None:
        """'..' as an end means the period is still going on."""
        assert parse_end("..") == (None, True)
        end, ongoing = parse_end("2022")
        assert end is not None and end.precision is Precision.YEAR and not ongoing


@pytest.mark.parametrize(
    "text",
    ["٢٠٢٣-٠٩-٢٠", "２０２３-09-20", "𝟚𝟘𝟚𝟛", "2023-1０", "late ۲۰۲۱"],
    ids=["Arabic-Indic", "full-width", "mathematical", "mixed", "Persian"],
)
def test_only_ascii_digits_make_a_date(text: str) -> None:
    """The syntax is ASCII digits: other digits, which \\d would match, are refused, saying so."""
    with pytest.raises(DateSyntaxError) as raised:
        parse_date(text)
    assert str(raised.value) == f"{text!r}: write dates with the digits 0-9"


class TestLabels:
    @pytest.mark.parametrize(
        ("text", "label"),
        [
            ("1988", "1988"),
            ("2020-09", "September 2020"),
            ("2020-11-09", "9 November 2020"),
            ("mid 2023-03", "mid-March 2023"),
            ("late 2023-05", "late May 2023"),
            ("early 2021", "early 2021"),
            ("mid 2021", "mid-2021"),
            ("2020-09~", "about September 2020"),
            ("2020-09?", "September 2020?"),
            ("1988%", "about 1988?"),
            ("[2023-09-20..2023-09-21]", "20 or 21 September 2023"),
            ("[2023-09-03..2023-09-09]", "between 3 and 9 September 2023"),
            ("[2023-04-28..2023-05-03]", "between 28 April 2023 and 3 May 2023"),
            ("[2019..2020]", "between 2019 and 2020"),
        ],
    )
    def test_date_labels_keep_the_source_precision(self, text: str, label: str) -> None:
        """A date is written in words at exactly the precision it has."""
        assert parse_date(text).label == label

    @pytest.mark.parametrize(
        ("start", "end", "label"),
        [
            ("1988", "..", "since 1988"),
            ("2020", "2022", "2020–2022"),
            ("2020-11-09", "2020-11-10", "9–10 November 2020"),
            ("2020-11-09", "2020-12-01", "9 November – 1 December 2020"),
            ("2020-09", "2020-11", "September – November 2020"),
            ("2020-09", "2021-02", "September 2020 – February 2021"),
            ("mid 2023-03", "late 2023-05", "mid-March 2023 – late May 2023"),
        ],
    )
    def test_span_labels(self, start: str, end: str, label: str) -> None:
        """Periods read as ranges, and open ones as 'since'."""
        end_date, ongoing = parse_end(end)
        assert Span(parse_date(start), end_date, ongoing).label == label


def span(text: str, end: str | None = None) -> Span:
    if end is None:
        return Span(parse_date(text))
    end_date, ongoing = parse_end(end)
    return Span(parse_date(text), end_date, ongoing)


class TestOrder:
    def test_late_may_sorts_after_17_may(self) -> None:
        assert span("late 2023-05").sort_key() > span("2023-05-17").sort_key()

    def test_mid_march_sorts_before_20_march(self) -> None:
        assert span("mid 2023-03").sort_key() < span("2023-03-20").sort_key()

    def test_a_year_heads_its_year(self) -> None:
        """A year-only date comes before every month and day of that year."""
        year = span("2023").sort_key()
        for inside in ("2023-01", "2023-01-01", "early 2023", "early 2023-01"):
            assert year < span(inside).sort_key(), inside

    def test_a_day_sorts_before_a_guess_that_starts_on_it(self) -> None:
        assert span("2023-09-20").sort_key() < span("[2023-09-20..2023-09-21]").sort_key()

    def test_overlap_is_inclusive_and_open_ended(self) -> None:
        """A period overlaps a window when any of its days fall in it; an open one never ends."""
        assert span("1988", "..").overlaps(date(2023, 1, 1), date(2023, 12, 31))
        assert span("2020", "2022").overlaps(date(2022, 12, 31), date(2023, 1, 1))
        assert not span("2020", "2022").overlaps(date(2023, 1, 1), date(2023, 12, 31))
        assert span("late 2023-05").overlaps(date(2023, 5, 31), date(2023, 5, 31))
        assert not span("late 2023-05").overlaps(date(2023, 5, 1), date(2023, 5, 20))


years = st.integers(min_value=2, max_value=9998)
date_texts = st.one_of(
    years.map(lambda y: f"{y:04d}"),
    st.tuples(years, st.integers(1, 12)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}"),
    st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)).map(date.isoformat),
    st.tuples(st.sampled_from(["early", "mid", "late"]), years, st.integers(1, 12)).map(
        lambda t: f"{t[0]} {t[1]:04d}-{t[2]:02d}"
    ),
    st.tuples(st.sampled_from(["early", "mid", "late"]), years).map(lambda t: f"{t[0]} {t[1]:04d}"),
)
qualified = st.tuples(date_texts, st.sampled_from(["", "~", "?", "%"])).map("".join)


@given(qualified)
def test_every_date_has_ordered_bounds(text: str) -> None:
    """earliest <= first <= last <= latest for every date the syntax allows."""
    parsed = parse_date(text)
    assert parsed.earliest <= parsed.first <= parsed.last <= parsed.latest
    assert parsed.text == text


@given(qualified)
def test_labels_are_never_empty_and_name_the_year(text: str) -> None:
    """A label always states the year the date is in."""
    parsed = parse_date(text)
    assert str(parsed.first.year) in parsed.label


@given(st.lists(date_texts, min_size=2, max_size=6))
def test_sorting_never_puts_a_date_before_one_that_ended_earlier(texts: list[str]) -> None:
    """Sorted by sort_key, no date comes after one that lies wholly later in the calendar."""
    spans = sorted((span(t) for t in texts), key=Span.sort_key)
    for before, after in itertools.pairwise(spans):
        assert not after.start.last < before.start.first


class TestWrite:
    @pytest.mark.parametrize(
        ("args", "options", "text"),
        [
            ((1988,), {}, "1988"),
            ((2020, 9), {}, "2020-09"),
            ((2020, 11, 9), {}, "2020-11-09"),
            ((2023, 5), {"part": "late"}, "late 2023-05"),
            ((2021,), {"part": "mid"}, "mid 2021"),
            ((2020, 9), {"approximate": True}, "2020-09~"),
            ((2020, 9), {"uncertain": True}, "2020-09?"),
            ((2020, 9), {"approximate": True, "uncertain": True}, "2020-09%"),
            ((33,), {}, "0033"),
        ],
    )
    def test_each_form_is_written_in_the_syntax(
        self, args: tuple[int, ...], options: dict[str, object], text: str
    ) -> None:
        """date_text writes every form of a single date the syntax has."""
        assert date_text(*args, **options) == text  # type: ignore[arg-type]

    def test_days_and_betweens(self) -> None:
        """A day is written YYYY-MM-DD; one day between two is [LOW..HIGH]; first_text reads
        the low one back, and gives any other date as it is."""
        assert day_text(date(812, 3, 4)) == "0812-03-04"
        assert between_text("2023-09-20", "2023-09-21") == "[2023-09-20..2023-09-21]"
        assert first_text("[2023-09-20..2023-09-21]") == "2023-09-20"
        assert first_text("late 2023-05") == "late 2023-05"

    def test_a_day_in_words(self) -> None:
        """day_words writes a day as labels do, with the English month name."""
        assert day_words(date(2021, 3, 15)) == "15 March 2021"

    @given(
        st.integers(1, 9999),
        st.one_of(st.none(), st.integers(1, 12)),
        st.one_of(st.none(), st.integers(1, 28)),
        st.sampled_from([None, "early", "mid", "late"]),
        st.booleans(),
        st.booleans(),
    )
    def test_what_is_written_reads_back(
        self,
        year: int,
        month: int | None,
        day: int | None,
        part: str | None,
        approximate: bool,
        uncertain: bool,
    ) -> None:
        """parse_date reads back what date_text writes: the same text, days and qualifiers."""
        if month is None:
            day = None
        if day is not None:
            part = None  # early/mid/late go with a year or a month
        text = date_text(year, month, day, part=part, approximate=approximate, uncertain=uncertain)
        parsed = parse_date(text)
        assert parsed.text == text
        assert (parsed.first.year, parsed.part) == (year, part)
        assert (parsed.approximate, parsed.uncertain) == (approximate, uncertain)
        if month is not None:
            assert parsed.first.month == month
        if day is not None:
            assert parsed.first == date(year, month or 1, day)
