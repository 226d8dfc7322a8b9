"""Figures, accounts and contested fields in words, as the exports write them."""

from __future__ import annotations

from pathlib import Path

from timeline.dates.syntax import Span, parse_date
from timeline.model import Account, Event, Figure
from timeline.readings import (
    account_facts,
    contested_note,
    figure_names,
    figure_reading,
    figures_reading,
    quote_marks,
)
from timeline.store import load


def event(
    figures: tuple[Figure, ...] = (),
    accounts: tuple[Account, ...] = (),
    sources: tuple[str, ...] = ("a", "b"),
) -> Event:
    return Event(
        id="e",
        span=Span(parse_date("2023-09-20")),
        title="t",
        type="incident",
        date_text="2023-09-20",
        sources=sources,
        figures=figures,
        accounts=accounts,
    )


def test_sources_that_agree_read_as_the_figure() -> None:
    agreed = event(
        (Figure("killed", best=6),), (Account("a", figures=(Figure("killed", best=6),)),)
    )
    assert figure_reading(agreed, "killed") == "6 killed"
    assert contested_note(agreed) == ""


def test_a_disputed_figure_reads_as_its_range_then_who_says_what() -> None:
    disputed = event(
        (Figure("killed", best=6),),
        (Account("a"), Account("b", figures=(Figure("killed", best=5),))),
    )
    assert figure_reading(disputed, "killed") == "5–6 killed: 6 according to a, 5 according to b"
    assert contested_note(disputed) == "contested: figures.killed"


def test_estimates_with_bounds_and_sources_without_accounts() -> None:
    disputed = event(
        (Figure("injured", low=10, high=15),),
        (Account("c", figures=(Figure("injured", best=20),)),),
        sources=("a", "b", "c"),
    )
    assert figure_reading(disputed, "injured") == (
        "10–20 injured: 10–15 according to a and b, 20 according to c"
    )


def test_a_figure_only_accounts_give() -> None:
    one = event(accounts=(Account("b", figures=(Figure("missing", best=3),)),))
    assert figure_reading(one, "missing") == "3 missing according to b"
    two = event(
        accounts=(
            Account("a", figures=(Figure("missing", best=3),)),
            Account("b", figures=(Figure("missing", low=4, high=5),)),
        )
    )
    assert figure_reading(two, "missing") == "3–5 missing: 3 according to a, 4–5 according to b"
    assert contested_note(two) == "contested: figures.missing"


def test_figures_in_order_event_first() -> None:
    both = event(
        (Figure("injured", best=2), Figure("killed", best=1)),
        (Account("b", figures=(Figure("missing", best=3), Figure("killed", best=1))),),
    )
    assert figure_names(both) == ["injured", "killed", "missing"]
    assert figures_reading(both) == ["2 injured", "1 killed", "3 missing according to b"]


def test_account_facts_of_the_accounts_store(accounts_store_path: Path) -> None:
    store = load(accounts_store_path, cache=False)
    talks, clash = store.events
    assert [account_facts(store, clash, account) for account in clash.accounts] == [
        [],
        [
            ("date", "19 September 2023"),
            ("actors", "The army, The rebels"),
            ("figures", "5 killed"),
        ],
    ]
    assert account_facts(store, talks, talks.accounts[0]) == [
        ("date", "late May 2023"),
        ("location", "aravus"),
    ]
    assert contested_note(clash) == "contested: date, actors, figures.killed"
    assert contested_note(talks) == ""


def test_a_reading_no_source_gives_is_named_the_store_s() -> None:
    disputed = event(
        (Figure("killed", best=6),),
        (
            Account("a", figures=(Figure("killed", best=5),)),
            Account("b", figures=(Figure("killed", low=3, best=4),)),
        ),
    )
    assert figure_reading(disputed, "killed") == (
        "3–6 killed: 6 in the store's reading, 5 according to a, 4 (at least 3) according to b"
    )


def tuple_reading(event: Event) -> tuple[str, ...]:
    return tuple(figures_reading(event))


class TestFigureReadings:
    def test_a_contested_figure_reads_as_its_range_and_who_says_what(self) -> None:
        """A silent account agrees with the event's reading; one that gives another
        estimate is named with it."""
        clash = event(
            figures=(Figure("killed", best=6), Figure("injured", low=10, high=15)),
            accounts=(Account("a"), Account("b", figures=(Figure("killed", best=5),))),
        )
        assert tuple_reading(clash) == (
            "5–6 killed: 6 according to a, 5 according to b",
            "10–15 injured",
        )

    def test_estimates_widen_the_range(self) -> None:
        clash = event(
            figures=(Figure("killed", best=6),),
            accounts=(Account("b", figures=(Figure("killed", low=3, high=8),)),),
        )
        # a, which cites the event but gives no account, holds the event's reading.
        assert tuple_reading(clash) == ("3–8 killed: 6 according to a, 3–8 according to b",)

    def test_figures_only_accounts_give(self) -> None:
        """One estimate is no dispute: it reads with who gives it; two are."""
        missing = Account("b", figures=(Figure("missing", best=3),))
        agreeing = Account("c", figures=(Figure("missing", best=3),))
        assert tuple_reading(event(accounts=(missing, agreeing))) == (
            "3 missing according to b and c",
        )
        other = Account("c", figures=(Figure("missing", best=4),))
        assert tuple_reading(event(accounts=(missing, other))) == (
            "3–4 missing: 3 according to b, 4 according to c",
        )

    def test_an_agreeing_account_changes_nothing(self) -> None:
        same = Account("a", figures=(Figure("killed", best=6),))
        assert tuple_reading(event(figures=(Figure("killed", best=6),), accounts=(same,))) == (
            "6 killed",
        )
        assert tuple_reading(event()) == ()


class TestQuoteMarks:
    def test_a_quote_is_put_in_curly_marks(self) -> None:
        assert quote_marks("talks were held") == ("“", "”")

    def test_a_quote_that_opens_or_closes_with_its_own_mark_gets_none(self) -> None:
        for quote in (
            "“We will not retreat,” he said",
            '"No," she said',
            "He called it «a disgrace»",
            "He said ‘no’",
            "  „Nein“, sagte er",
        ):
            assert quote_marks(quote) == ("", ""), quote

    def test_a_mark_inside_the_quote_is_no_reason(self) -> None:
        assert quote_marks("he said “no” twice") == ("“", "”")

    def test_an_empty_quote_still_shows_as_a_quote(self) -> None:
        assert quote_marks("") == ("“", "”")
        assert quote_marks("  ") == ("“", "”")
