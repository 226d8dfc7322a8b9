"""The data model: a figure as a person types it; coordinates in words and on the map; events
in calendar order."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from timeline.dates.syntax import Span, parse_date
from timeline.model import (
    Coordinates,
    DayWindows,
    Event,
    Events,
    figure_value,
    in_calendar_order,
)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("killed=6", ("killed", 6)),
        ("injured=10-15", ("injured", {"low": 10, "high": 15})),
        ("injured = 10 – 15", ("injured", {"low": 10, "high": 15})),
        ("killed=5-6-8", ("killed", {"low": 5, "best": 6, "high": 8})),
        ("displaced=1,960", ("displaced", 1960)),
        ("killed=100+", ("killed", {"low": 100})),
        ("killed = 1,200 +", ("killed", {"low": 1200})),
        ("kiled=1", ("kiled", 1)),  # the store names the figures it knows
    ],
)
def test_a_figure_as_typed(written: str, value: tuple[str, object]) -> None:
    assert figure_value(written) == value


@pytest.mark.parametrize(
    "written",
    [
        "killed",
        "=6",
        "killed=",
        "killed=six",
        "killed=-3",
        "killed=1-2-3-4",
        "k=²",
        "k=1-2+",
        "k=+",
    ],
)
def test_what_is_not_a_figure(written: str) -> None:
    with pytest.raises(ValueError, match=r"NAME=COUNT|at most three|follows one count"):
        figure_value(written)


@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=3))
def test_counts_come_back_as_written(counts: list[int]) -> None:
    _, value = figure_value("killed=" + "-".join(map(str, counts)))
    parts = ("low", "high") if len(counts) == 2 else ("low", "best", "high")
    assert value == (counts[0] if len(counts) == 1 else dict(zip(parts, counts, strict=True)))


@pytest.mark.parametrize(
    ("coordinates", "label", "address"),
    [
        (
            Coordinates(48.3794, 31.1656, "near"),
            "48.3794° N, 31.1656° E (near)",
            "?mlat=48.3794&mlon=31.1656#map=11/48.3794/31.1656",
        ),
        (
            Coordinates(-12.5, -179.25),
            "12.5° S, 179.25° W",
            "?mlat=-12.5&mlon=-179.25#map=10/-12.5/-179.25",
        ),
        # Integers as the store has them; nought has no hemisphere and no sign.
        (
            Coordinates(-90, 180, "country"),
            "90° S, 180° E (country)",
            "?mlat=-90&mlon=180#map=6/-90/180",
        ),
        (
            Coordinates(0.0, -0.0, "exact"),
            "0.0°, 0.0° (exact)",
            "?mlat=0.0&mlon=0.0#map=13/0.0/0.0",
        ),
        # Never an exponent.
        (
            Coordinates(1e-05, -2.5e-07, "approximate"),
            "0.00001° N, 0.00000025° W (approximate)",
            "?mlat=0.00001&mlon=-0.00000025#map=8/0.00001/-0.00000025",
        ),
        (
            Coordinates(1.0, 2.0, "district"),
            "1.0° N, 2.0° E (district)",
            "?mlat=1.0&mlon=2.0#map=10/1.0/2.0",
        ),
        (
            Coordinates(1.0, 2.0, "province"),
            "1.0° N, 2.0° E (province)",
            "?mlat=1.0&mlon=2.0#map=8/1.0/2.0",
        ),
    ],
)
def test_coordinates_in_words_and_on_the_map(
    coordinates: Coordinates, label: str, address: str
) -> None:
    assert coordinates.label == label
    assert coordinates.map_address == "https://www.openstreetmap.org/" + address


@given(
    st.floats(min_value=-90, max_value=90, allow_nan=False),
    st.floats(min_value=-180, max_value=180, allow_nan=False),
)
def test_the_map_shows_the_very_point(latitude: float, longitude: float) -> None:
    """The address's numbers read back as the coordinates, and so do the label's."""
    coordinates = Coordinates(latitude, longitude)
    query, place = coordinates.map_address.split("?")[1].split("#map=")
    assert query == f"mlat={place.split('/')[1]}&mlon={place.split('/')[2]}"
    assert float(place.split("/")[1]) == latitude and float(place.split("/")[2]) == longitude
    words = coordinates.label.split(", ")
    for word, number, positive in zip(words, (latitude, longitude), "NE", strict=True):
        degrees, _, hemisphere = word.partition("° ")
        assert "e" not in degrees
        sign = 1 if hemisphere == positive else -1 if hemisphere else 0
        assert float(degrees.rstrip("°")) == abs(number) and (sign or number == 0)
        assert sign * float(degrees.rstrip("°")) == number


# Dates that often begin on one day with other precisions (2023, 2023-01, early 2023-01,
# 2023-01-01), at the ends of the calendar too.
years = st.sampled_from(["0001", "2023", "9999"]) | st.integers(1, 9999).map("{:04d}".format)
months = st.sampled_from([1, 12]) | st.integers(1, 12)
days = st.sampled_from([1, 31]) | st.integers(1, 28)
date_texts = st.one_of(
    years,
    st.tuples(years, months).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(years, months, days)
    .filter(lambda t: t[2] <= 28 or t[1] == 12)
    .map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    st.tuples(st.sampled_from(["early", "mid", "late"]), years).map(" ".join),
    st.tuples(st.sampled_from(["early", "mid", "late"]), years, months).map(
        lambda t: f"{t[0]} {t[1]}-{t[2]:02d}"
    ),
).flatmap(lambda text: st.sampled_from([text, text + "~", text + "?"]))


@st.composite
def spans(draw: st.DrawFn) -> Span:
    start = parse_date(draw(date_texts))
    ending = draw(st.sampled_from(["none", "ongoing", "date"]))
    if ending == "ongoing":
        return Span(start, None, True)
    end = parse_date(draw(date_texts)) if ending == "date" else None
    return Span(start, end if end is None or end.last >= start.first else None)


@st.composite
def shared_spans(draw: st.DrawFn) -> list[Span]:
    """Spans, some of them one record that several events hold (as the schema gives them)."""
    distinct = draw(st.lists(spans(), min_size=1, max_size=20))
    return draw(st.lists(st.sampled_from(distinct), max_size=40))


@given(shared_spans())
@example(  # a year, and the day before it, of an event that goes on after the year
    [Span(parse_date("2023")), Span(parse_date("2022-12-31"), parse_date("2024"))]
)
@example([Span(parse_date("9999"), None, True), Span(parse_date("9999"))])  # no day later
@example([Span(parse_date(text)) for text in ("2023-01-01", "early 2023-01", "2023-01", "2023")])
def test_events_are_in_the_order_of_their_spans_sort_keys(chosen: list[Span]) -> None:
    """in_calendar_order sorts as sorting by Span.sort_key does, ties in the order given
    (events that share a span too)."""
    events = [
        Event(f"e{n}", span, "T", "t", span.start.text, number=n + 1)
        for n, span in enumerate(chosen)
    ]
    expected = tuple(sorted(events, key=lambda event: event.span.sort_key()))
    assert in_calendar_order(events) == expected


DAYS = st.integers(min_value=1, max_value=60)  # ordinals: few, so that windows meet and touch


@given(st.lists(st.tuples(DAYS, DAYS)), st.lists(st.tuples(DAYS, DAYS), min_size=1))
@example([(3, 5), (6, 9)], [(6, 6), (5, 6), (10, 12)])  # touching windows merge
@example([(10, 12), (1, 30)], [(20, 25)])  # one window inside another
def test_day_windows_meet_what_one_of_their_windows_meets(
    windows: list[tuple[int, int]], periods: list[tuple[int, int]]
) -> None:
    windows = [(min(pair), max(pair)) for pair in windows]
    merged = DayWindows(
        (date.fromordinal(first), date.fromordinal(last)) for first, last in windows
    )
    assert bool(merged) == bool(windows)
    for first, last in ((min(pair), max(pair)) for pair in periods):
        expected = any(low <= last and first <= high for low, high in windows)
        assert merged.meets(first, last) == expected, (first, last)


@given(shared_spans(), st.lists(st.tuples(date_texts, date_texts), max_size=4))
@example(  # a period that ends before its start's last day: its start still counts
    [Span(parse_date("2021"), parse_date("2021-02-01"))], [("2021-06", "2021-06")]
)
def test_events_starting_in_windows_are_those_whose_start_can_meet_one(
    chosen: list[Span], texts: list[tuple[str, str]]
) -> None:
    events = Events(
        in_calendar_order(
            Event(f"e{n}", span, "T", "t", span.start.text, number=n + 1)
            for n, span in enumerate(chosen)
        )
    )
    windows = [(parse_date(low).earliest, parse_date(high).latest) for low, high in texts]
    expected = [
        event
        for event in events
        if any(
            event.span.start.earliest <= high and low <= event.span.start.latest
            for low, high in windows
        )
    ]
    assert events.starting(DayWindows(windows)) == expected
