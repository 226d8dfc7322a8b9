"""The schema of figures, accounts and the sources' new fields: each problem placed at its
file, line and column, with its event and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ACCOUNTS_STORE
from timeline.model import FIGURE_NAMES, Account, Coordinates, Event, Figure
from timeline.store import StoreFile
from timeline.store.schema import EVENT_ORDER, _figure


def problems(path: Path, text: str) -> list[str]:
    path.write_text(text, encoding="utf-8")
    report = StoreFile(path, cache=False).check()
    return [str(p).replace(str(path), "STORE") for p in report.problems if p.severity != "info"]


def test_an_event_reads_its_figures_and_accounts(accounts_store_path: Path) -> None:
    store = StoreFile(accounts_store_path).read()
    clash = next(event for event in store.events if event.id == "clash")
    assert clash.figures == (Figure("killed", best=6), Figure("injured", low=10, high=15))
    assert clash.accounts == (
        Account("a", quotes=("Six soldiers were killed near Aravus",)),
        Account(
            "b",
            date_text="2023-09-19",
            actors=("army", "rebels"),
            figures=(Figure("killed", best=5),),
            quotes=("five soldiers died",),
            note="B counts one fewer.",
        ),
    )
    assert store.sources["a"].retrieved == "2023-09-21"
    assert store.sources["b"].archived == "https://archive.example.org/b"


FIGURES_LINE = "figures = { killed = 6, injured = { low = 10, high = 15 } }"


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        (
            "figures = { kiled = 6 }",
            "event clash: figures.kiled: unknown figure (did you mean 'killed'?)",
        ),
        (
            "figures = { wounded = 6 }",
            "event clash: figures.wounded: unknown figure; known: abducted, arrested, "
            "detained, displaced, evacuated, injured, killed, missing",
        ),
        (
            "figures = { killed = -1 }",
            "event clash: figures.killed: must be a count (an integer 0 or more) or "
            "{ low, best, high }, not an integer",
        ),
        (
            'figures = { killed = "six" }',
            "event clash: figures.killed: must be a count (an integer 0 or more) or "
            "{ low, best, high }, not a string",
        ),
        (
            "figures = { killed = { low = 7, best = 6 } }",
            "event clash: figures.killed: low (7) is more than best (6)",
        ),
        (
            "figures = { killed = { low = 7, high = 6 } }",
            "event clash: figures.killed: low (7) is more than high (6)",
        ),
        (
            "figures = { killed = { best = -2 } }",
            "event clash: figures.killed: best must be an integer 0 or more, not -2",
        ),
        (
            "figures = { killed = { best = 2.5 } }",
            "event clash: figures.killed: best must be an integer 0 or more, not a float",
        ),
        (
            "figures = { killed = { } }",
            "event clash: figures.killed: must give at least one of low, best and high",
        ),
        (
            "figures = { killed = { most = 3 } }",
            "event clash: figures.killed: unknown part 'most'; known: best, high, low",
        ),
        ("figures = 6", "event clash: figures: must be a table, not an integer"),
    ],
)
def test_a_wrong_figure_is_an_error_at_its_line(
    accounts_store_path: Path, figures: str, message: str
) -> None:
    line = ACCOUNTS_STORE.splitlines().index(FIGURES_LINE) + 1
    text = ACCOUNTS_STORE.replace(FIGURES_LINE, figures)
    assert problems(accounts_store_path, text) == [f"STORE:{line}:1: {message}"]


ACCOUNT_B = ACCOUNTS_STORE[ACCOUNTS_STORE.index('source = "b"') : ACCOUNTS_STORE.index("note = ")]


@pytest.mark.parametrize(
    ("old", "new", "column", "message"),
    [
        (
            'source = "b"',
            'source = "c"',
            1,
            "event clash: accounts[2].source: unknown source 'c'",
        ),
        (
            'source = "b"',
            'source = "B"',
            1,
            "event clash: accounts[2].source: unknown source 'B' (did you mean 'b'?)",
        ),
        (
            'date = "2023-09-19"',
            'date = "19 September"',
            1,
            "event clash: accounts[2].date: '19 September' is not a date: expected YYYY, "
            'YYYY-MM or YYYY-MM-DD, optionally after early/mid/late ("mid 2023-03") or '
            "followed by ~ (about), ? (uncertain) or % (both), or [FIRST..LAST] for one day "
            "between two dates",
        ),
        (
            'date = "2023-09-19"',
            'date = "2023-09-19"\nend = "2023-09-18"',
            1,
            "event clash: accounts[2].end: '2023-09-18' is before the start '2023-09-19'",
        ),
        (
            'actors = ["army", "rebels"]',
            'actors = ["army", "rebel"]',
            19,
            "event clash: accounts[2].actors: unknown actor 'rebel' (did you mean 'rebels'?)",
        ),
        (
            'date = "2023-09-19"',
            'date = "2023-09-19"\nsourc = "b"',
            1,
            "event clash: accounts[2].sourc: unknown field (did you mean 'source'?)",
        ),
        (
            "figures = { killed = 5 }",
            "figures = { killed = { low = 6, best = 5 } }",
            1,
            "event clash: accounts[2].figures.killed: low (6) is more than best (5)",
        ),
        (
            'quotes = ["five soldiers died"]',
            'quotes = "one"',
            1,
            "event clash: accounts[2].quotes: must be a list of strings, such as ['one'], "
            "not a string",
        ),
    ],
)
def test_a_wrong_account_is_an_error_at_its_line(
    accounts_store_path: Path, old: str, new: str, column: int, message: str
) -> None:
    text = ACCOUNTS_STORE.replace(ACCOUNT_B, ACCOUNT_B.replace(old, new))
    wrong = new.splitlines()[-1]
    line = text.splitlines().index(wrong) + 1
    assert problems(accounts_store_path, text) == [f"STORE:{line}:{column}: {message}"]


def test_an_account_of_a_source_the_event_does_not_cite_is_an_error(
    accounts_store_path: Path,
) -> None:
    text = ACCOUNTS_STORE.replace('sources = ["a", "b"]\nfigures', 'sources = ["a"]\nfigures')
    line = text.splitlines().index('source = "b"') + 1
    assert problems(accounts_store_path, text) == [
        f"STORE:{line}:1: event clash: accounts[2].source: "
        "source 'b' is not one of the event's sources"
    ]


def test_an_account_without_a_source_is_an_error(accounts_store_path: Path) -> None:
    text = ACCOUNTS_STORE.replace('source = "a"\n', "", 1)
    line = text.splitlines().index("[[events.accounts]]") + 1
    assert problems(accounts_store_path, text) == [
        f"STORE:{line}:1: event clash: accounts[1].source: missing"
    ]


def test_accounts_must_be_tables(accounts_store_path: Path) -> None:
    text = ACCOUNTS_STORE[: ACCOUNTS_STORE.rindex("\n[[events.accounts]]")] + 'accounts = ["a"]\n'
    line = text.splitlines().index('accounts = ["a"]') + 1
    assert problems(accounts_store_path, text) == [
        f"STORE:{line}:1: event talks: accounts: must be an array of tables "
        "([[events.accounts]]); it holds a string"
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("retrieved", '"21 September 2023"', "'21 September 2023' is not a day (YYYY-MM-DD)"),
        ("retrieved", '"2023-02-30"', "'2023-02-30' is not a day (YYYY-MM-DD)"),
        (
            "archived",
            '"archive.example.org/b"',
            "'archive.example.org/b' is not a web address (http:// or https://)",
        ),
    ],
)
def test_a_sources_retrieved_and_archived_are_checked(
    accounts_store_path: Path, field: str, value: str, message: str
) -> None:
    old = (
        'retrieved = "2023-09-21"'
        if field == "retrieved"
        else 'archived = "https://archive.example.org/b"'
    )
    text = ACCOUNTS_STORE.replace(old, f"{field} = {value}")
    line = text.splitlines().index(f"{field} = {value}") + 1
    source = "a" if field == "retrieved" else "b"
    assert problems(accounts_store_path, text) == [
        f"STORE:{line}:1: sources.{source}.{field}: {message}"
    ]


def test_retrieved_may_be_a_toml_date(accounts_store_path: Path) -> None:
    text = ACCOUNTS_STORE.replace('retrieved = "2023-09-21"', "retrieved = 2023-09-21")
    assert problems(accounts_store_path, text) == []
    assert StoreFile(accounts_store_path).read().sources["a"].retrieved == "2023-09-21"


counts = st.integers(min_value=0, max_value=10**6)


@given(st.sampled_from(FIGURE_NAMES), st.lists(st.none() | counts, min_size=3, max_size=3))
def test_a_figure_is_accepted_exactly_when_low_best_high_are_in_order(
    name: str, numbers: list[int | None]
) -> None:
    value = {
        part: n for part, n in zip(("low", "best", "high"), numbers, strict=True) if n is not None
    }
    message, figure = _figure(name, value)
    given_numbers = [n for n in numbers if n is not None]
    if given_numbers and given_numbers == sorted(given_numbers):
        assert message == ""
        assert figure == Figure(name, *numbers)
        low, high = figure.bounds
        assert low == min(given_numbers) and high == max(given_numbers)
    else:
        assert figure is None and message


@given(st.sampled_from(FIGURE_NAMES), st.integers(min_value=-(10**6), max_value=10**6))
def test_a_count_is_a_figure_when_it_is_not_negative(name: str, count: int) -> None:
    message, figure = _figure(name, count)
    assert (figure == Figure(name, best=count)) if count >= 0 else (figure is None and message)


@pytest.mark.parametrize(
    ("figure", "label"),
    [
        (Figure("killed", best=6), "6 killed"),
        (Figure("injured", low=10, high=15), "10–15 injured"),
        (Figure("injured", low=10), "at least 10 injured"),
        (Figure("injured", high=15), "at most 15 injured"),
        (Figure("displaced", 30, 40, 50), "40 (30–50) displaced"),
        (Figure("displaced", low=30, best=40), "40 (at least 30) displaced"),
        (Figure("displaced", best=40, high=50), "40 (at most 50) displaced"),
        (Figure("killed", 3, 3, 3), "3 killed"),  # as UCDP's low, best and high often are
        (Figure("killed", 3, 3, 5), "3 (3–5) killed"),
        # A best that is the one bound given says no more than the bound.
        (Figure("killed", low=3, best=3), "at least 3 killed"),
        (Figure("killed", best=3, high=3), "at most 3 killed"),
        (Figure("killed", 3, 5, 5), "5 (3–5) killed"),
    ],
)
def test_a_figure_in_words(figure: Figure, label: str) -> None:
    assert figure.label == label


EVERY_FIELD = """\
[timeline]
title = "T"

[types.talks]
color = "red"

[actors.a]
name = "A"

[actors.b]
name = "B"

[sources.s]
title = "S"

[sources.r]
title = "R"

[[events]]
id = "every-field"
date = "2021-03"
end = "2021-04-02"
when = "in the spring"
title = "Every field"
summary = "All of them."
type = "talks"
actors = ["a", "b"]
location = "Geneva"
coordinates = { latitude = 46.2, longitude = 6.1, precision = "near" }
sources = ["s", "r"]
quotes = ["One.", "Two."]
tags = ["x", "y"]
note = "A note."
ref = "acled:X1"
figures = { killed = 2 }

[[events.accounts]]
source = "r"
note = "R's."
"""


def test_an_event_has_each_field_where_the_record_wants_it(tmp_path: Path) -> None:
    """Events are made from their fields in the record's order, not by name (schema's
    EVENT_ORDER): each value lands in its own field."""
    path = tmp_path / "events.toml"
    path.write_text(EVERY_FIELD, encoding="utf-8")
    [event] = StoreFile(path, cache=False).read().events
    assert Event._fields == EVENT_ORDER
    assert {name: value for name, value in event._asdict().items() if name != "span"} == {
        "id": "every-field",
        "title": "Every field",
        "type": "talks",
        "date_text": "2021-03",
        "end_text": "2021-04-02",
        "when": "in the spring",
        "summary": "All of them.",
        "actors": ("a", "b"),
        "location": "Geneva",
        "sources": ("s", "r"),
        "quotes": ("One.", "Two."),
        "tags": ("x", "y"),
        "note": "A note.",
        "coordinates": Coordinates(46.2, 6.1, "near"),
        "ref": "acled:X1",
        "number": 1,
        "figures": (Figure("killed", best=2),),
        "accounts": (Account("r", note="R's."),),
    }
    assert (event.span.start.text, event.span.end and event.span.end.text) == (
        "2021-03",
        "2021-04-02",
    )
