"""When an event is contested: each field kind, fuzzy dates included."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.contested import account_differences, contested
from timeline.dates.syntax import Span, parse_date, parse_end
from timeline.model import Account, Event, Figure


def event(date: str = "2023-09-20", end: str | None = None, **fields: object) -> Event:
    stop, ongoing = parse_end(end) if end else (None, False)
    return Event(
        id="e",
        span=Span(parse_date(date), stop, ongoing),
        title="E",
        type="incident",
        date_text=date,
        end_text=end,
        **fields,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("reading", "end", "account_date", "account_end", "differs"),
    [
        ("2023-09-20", None, "2023-09-19", "", True),
        ("2023-09-20", None, "2023-09-20", "", False),
        ("2023-05-25", None, "late 2023-05", "", False),
        ("2023-05-25", None, "early 2023-05", "", True),
        ("2023-05-25", None, "2023-05", "", False),
        ("2023-09-20", None, "2023-09-19~", "", False),  # about the 19th: it may be the 20th
        ("2023-09-20", None, "[2023-09-18..2023-09-21]", "", False),
        ("2023-09-20", None, "2023", "", False),
        ("2023-09-18", "2023-09-22", "2023-09-21", "", False),  # a day within the period
        ("2023-09-18", "2023-09-22", "2023-09-23", "", True),
        ("2023-09-18", "..", "2024", "", False),  # ongoing: any later day can be in it
        ("2023-09-20", None, "", "2023-09-25", False),  # an end from the same start
        ("2023-09-20", None, "2023-09-10", "2023-09-19", True),
    ],
)
def test_a_date_is_contested_when_the_days_cannot_meet(
    reading: str, end: str | None, account_date: str, account_end: str, differs: bool
) -> None:
    account = Account("b", date_text=account_date, end_text=account_end)
    the_event = event(reading, end, accounts=(account,))
    assert (account_differences(the_event, account) == ("date",)) is differs
    assert contested(the_event) == (("date",) if differs else ())


def test_a_location_differs_by_its_letters_not_case_accents_or_spaces() -> None:
    same = Account("b", location="  aravús ")
    other = Account("c", location="Stepanakert")
    the_event = event(location="Aravus", accounts=(same, other))
    assert account_differences(the_event, same) == ()
    assert account_differences(the_event, other) == ("location",)
    assert contested(the_event) == ("location",)


def test_actors_differ_as_a_set() -> None:
    same = Account("b", actors=("south", "north"))
    other = Account("c", actors=("north",))
    the_event = event(actors=("north", "south"), accounts=(same, other))
    assert account_differences(the_event, same) == ()
    assert contested(the_event) == ("actors",)


def test_a_figure_differs_from_the_events_estimate() -> None:
    same = Account("a", figures=(Figure("killed", best=6),))
    fewer = Account("b", figures=(Figure("killed", best=5), Figure("injured", low=10, high=15)))
    the_event = event(
        figures=(Figure("killed", best=6), Figure("injured", low=10, high=15)),
        accounts=(same, fewer),
    )
    assert account_differences(the_event, same) == ()
    assert account_differences(the_event, fewer) == ("figures.killed",)
    assert contested(the_event) == ("figures.killed",)


def test_a_figure_the_event_lacks_is_contested_when_two_accounts_differ() -> None:
    one = Account("a", figures=(Figure("missing", best=2),))
    agreeing = Account("b", figures=(Figure("missing", best=2),))
    other = Account("c", figures=(Figure("missing", best=3),))
    assert contested(event(accounts=(one, agreeing))) == ()
    assert contested(event(accounts=(one, agreeing, other))) == ("figures.missing",)


def test_the_fields_come_in_order_each_once() -> None:
    first = Account("a", figures=(Figure("killed", best=1),), location="X")
    second = Account("b", date_text="2023-09-01", actors=("z",), location="Y")
    the_event = event(location="W", figures=(Figure("killed", best=2),), accounts=(first, second))
    assert contested(the_event) == ("date", "location", "actors", "figures.killed")


def test_an_account_that_only_adds_contests_nothing() -> None:
    account = Account("b", when="at dawn", quotes=("q",), note="n")
    assert contested(event(location="X", actors=("a",), accounts=(account,))) == ()


days = st.dates(min_value=date(2000, 1, 1))


@given(days, days)
def test_two_days_are_contested_exactly_when_they_differ(reading: date, told: date) -> None:
    account = Account("b", date_text=str(told))
    assert (contested(event(str(reading), accounts=(account,))) == ("date",)) is (reading != told)
