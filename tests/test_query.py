"""Selecting events: years, date ranges, actors (with part_of), types, tags, text, limits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.errors import BadValue, UnknownName
from timeline.model import Store
from timeline.names import fold
from timeline.query import (
    Query,
    actor_id,
    count_uses,
    find_event,
    parse_year,
    resolve_actor,
    select,
)
from timeline.store import load


def ids(store: Store, **filters: object) -> list[str]:
    return [event.id for event in select(store, Query(**filters)).events]  # type: ignore[arg-type]


class TestYears:
    def test_a_year_is_a_range(self) -> None:
        assert parse_year("2023") == (date(2023, 1, 1), date(2023, 12, 31))

    @pytest.mark.parametrize("text", ["2020-2023", "2020–2023", "2020..2023", " 2020 - 2023 "])
    def test_a_span_of_years(self, text: str) -> None:
        assert parse_year(text) == (date(2020, 1, 1), date(2023, 12, 31))

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("23a", "expected a year such as 2023 or a span such as 2020-2023"),
            ("2023-2020", "the span ends before it starts"),
            ("0", "there is no year 0"),
            ("٢٠٢٣", "expected a year such as 2023 or a span such as 2020-2023"),
        ],
    )
    def test_bad_years_are_bad_values(self, text: str, reason: str) -> None:
        """A year that cannot be read is BadValue("year", text, reason), naming no option."""
        with pytest.raises(BadValue) as raised:
            parse_year(text)
        assert (raised.value.kind, raised.value.value, raised.value.reason) == (
            "year",
            text,
            reason,
        )
        assert str(raised.value) == f"year {text!r}: {reason}"

    def test_year_keeps_periods_that_overlap_it(self, small_store: Store) -> None:
        """The open-ended war (since 1990) overlaps 2021; the truce, talks and clash are in it."""
        assert ids(small_store, years=(parse_year("2021"),)) == ["war", "truce", "talks", "clash"]

    def test_years_are_alternatives(self, small_store: Store) -> None:
        assert ids(small_store, years=(parse_year("1990"), parse_year("1991"))) == ["war"]

    def test_view_start_is_the_first_day_asked_about(self) -> None:
        query = Query(years=(parse_year("2021"), parse_year("2019")), start=date(2020, 6, 1))
        assert query.view_start == date(2020, 6, 1)
        assert Query().view_start is None


class TestDates:
    def test_range_is_inclusive_and_keeps_overlaps(self, small_store: Store) -> None:
        """mid-March (11-20) overlaps a range that starts on the 20th; 5 March does not."""
        found = ids(small_store, start=date(2021, 3, 20), end=date(2021, 5, 21))
        assert found == ["war", "talks", "clash"]

    def test_range_end_excludes_later_starts(self, small_store: Store) -> None:
        assert ids(small_store, start=date(2021, 1, 1), end=date(2021, 3, 5)) == ["war", "truce"]


class TestActors:
    def test_actor_by_name_alias_or_id_in_any_case(self, small_store: Store) -> None:
        for name in ("south", "Southland", "SOUTHLAND"):
            assert ids(small_store, actors=(name,)) == ["war", "truce", "talks"]

    def test_actor_includes_those_that_are_part_of_it(self, small_store: Store) -> None:
        """Northland's president acts for Northland: the truce is found under Northland."""
        assert ids(small_store, actors=("Capital City",)) == ["war", "truce", "clash"]

    @pytest.mark.parametrize("store_name", ["small_store", "bundled_store"])
    def test_an_actor_counts_the_events_selecting_it_finds(
        self, store_name: str, request: pytest.FixtureRequest
    ) -> None:
        """count_uses counts for an actor the events that selecting it finds (its members'
        included), in any selection: Northland counts the truce its president signed."""
        store: Store = request.getfixturevalue(store_name)
        for years in ((), (parse_year("2021"),), (parse_year("2023"),)):
            events = select(store, Query(years=years)).events
            counts = count_uses(store, events, "actors")
            for declared in store.actors:
                found = select(store, Query(years=years, actors=(declared,))).events
                assert counts.get(declared, 0) == len(found), (declared, years)

    def test_members_events_count_for_their_group(self, small_store: Store) -> None:
        """Northland counts the war and the clash it is named in and the truce its president
        signed; its president only the truce."""
        counts = count_uses(small_store, list(small_store.events), "actors")
        assert (counts["north"], counts["leader"], counts["south"]) == (3, 1, 3)

    def test_part_of_cycles_are_counted_once(self, small_store: Store) -> None:
        """Actors part of each other count an event once each, and the count ends. (A store
        file with such a cycle is refused by check; a Store may still be built with one.)"""
        actors = dict(small_store.actors)
        actors["north"] = actors["north"]._replace(part_of=("leader",))
        store = small_store._replace(actors=actors)
        counts = count_uses(store, list(store.events), "actors")
        assert (counts["north"], counts["leader"], counts["south"]) == (3, 3, 3)

    def test_accents_do_not_matter(self, small_store: Store) -> None:
        assert resolve_actor(small_store, "jana ərəbova") == {"leader"}
        assert resolve_actor(small_store, "JANA ƏRƏBOVA") == {"leader"}
        assert fold("Ərəbova") == fold("ərəbova")

    def test_one_actor_by_id_name_or_alias(self, small_store: Store) -> None:
        """What add writes for an actor's name: the id of the one actor it names, not of
        those that are part of it."""
        for name in ("north", "NORTHLAND", " capital city "):
            assert actor_id(small_store, name) == "north"
        with pytest.raises(UnknownName):
            actor_id(small_store, "Nortland")

    def test_a_name_of_several_actors_is_refused_unless_it_is_an_id(
        self, small_store: Store
    ) -> None:
        north = small_store.actors["north"]._replace(aliases=("south", "The Land"))
        south = small_store.actors["south"]._replace(aliases=("the land",))
        store = small_store._replace(actors={**small_store.actors, "north": north, "south": south})
        assert actor_id(store, "south") == "south"
        with pytest.raises(BadValue) as raised:
            actor_id(store, "The Land")
        assert str(raised.value) == "actor 'The Land': names 2 actors (north, south); give one's id"

    def test_actors_are_alternatives(self, small_store: Store) -> None:
        assert ids(small_store, actors=("leader", "south")) == ["war", "truce", "talks"]

    def test_unknown_actor_suggests(self, small_store: Store) -> None:
        """An unknown actor is UnknownName carrying the names it was looked for among."""
        with pytest.raises(UnknownName) as raised:
            ids(small_store, actors=("Nortland",))
        error = raised.value
        assert (error.kind, error.value, error.suggestions) == ("actor", "Nortland", ["Northland"])
        assert error.choices == (
            "north", "Northland", "Capital City", "leader", "Jana Ərəbova", "south", "Southland"
        )  # fmt: skip
        assert str(error) == "no actor 'Nortland' (did you mean 'Northland'?)"

    def test_unknown_actor_without_close_match_lists_actors(self, small_store: Store) -> None:
        """With no close name, the error lists the known ones, sorted."""
        with pytest.raises(UnknownName) as raised:
            ids(small_store, actors=("zzzzzz",))
        assert str(raised.value) == (
            "no actor 'zzzzzz'; known: Capital City, Jana Ərəbova, Northland, Southland, leader, "
            "north, south"
        )


class TestOtherFilters:
    def test_type(self, small_store: Store) -> None:
        assert ids(small_store, types=("battle",)) == ["war", "clash"]

    def test_type_in_any_case(self, small_store: Store) -> None:
        """A type matches whatever its case, as a tag or an actor does."""
        assert ids(small_store, types=("BATTLE",)) == ["war", "clash"]
        assert ids(small_store, types=("Talks", "battle")) == ["war", "truce", "talks", "clash"]

    def test_unknown_type_suggests(self, small_store: Store) -> None:
        """A type is suggested whatever the case of the name asked for."""
        for name in ("talk", "TALK", "Talk"):
            with pytest.raises(UnknownName) as raised:
                ids(small_store, types=(name,))
            assert str(raised.value) == f"no type {name!r} (did you mean 'talks'?)"

    def test_unknown_event_suggests_the_closest_ids(self, small_store: Store) -> None:
        """find_event finds an id in any case; an unknown one is UnknownName("event", …)."""
        assert find_event(small_store, "TRUCE").id == "truce"
        with pytest.raises(UnknownName) as raised:
            find_event(small_store, "truse")
        assert str(raised.value) == "no event 'truse' (did you mean 'truce'?)"

    def test_tag_in_any_case(self, small_store: Store) -> None:
        assert ids(small_store, tags=("BORDER",)) == ["clash"]

    def test_unknown_tag_suggests(self, small_store: Store) -> None:
        """A tag no event has is UnknownName("tag", …) with the closest tags, as an unknown
        type or actor is; not an empty selection."""
        with pytest.raises(UnknownName) as raised:
            ids(small_store, tags=("bordr",))
        assert str(raised.value) == "no tag 'bordr' (did you mean 'border'?)"
        with pytest.raises(UnknownName) as raised:
            ids(small_store, tags=("border", "zzz"))
        assert str(raised.value) == "no tag 'zzz'; known: background, border"

    def test_a_tag_outside_the_window_is_known(self, small_store: Store) -> None:
        """A tag is known when any event of the store has it, not only the events in view:
        the clash's tag in 1990 matches nothing, and is no error."""
        assert ids(small_store, tags=("border",), years=(parse_year("1990"),)) == []

    def test_search_looks_in_title_summary_and_quotes(self, small_store: Store) -> None:
        assert ids(small_store, texts=("TREATY",)) == ["truce"]  # in a quote
        assert ids(small_store, texts=("both sides",)) == ["truce"]  # in the summary
        assert ids(small_store, texts=("border",)) == ["clash"]  # in the title
        assert ids(small_store, texts=("nothing like this",)) == []

    def test_texts_are_alternatives(self, small_store: Store) -> None:
        """An event matches if it contains any of the texts, as for actors, types and tags."""
        assert ids(small_store, texts=("treaty", "border")) == ["truce", "clash"]
        assert ids(small_store, texts=("nothing like this", "MARCH")) == ["talks"]

    def test_filters_combine(self, small_store: Store) -> None:
        assert ids(small_store, types=("talks",), actors=("leader",)) == ["truce"]


class TestSourcesAndContested:
    def test_source_keeps_the_events_that_cite_it(self, sources_store: Store) -> None:
        assert ids(sources_store, sources=("both",)) == ["clash"]
        assert ids(sources_store, sources=("report",)) == ["war", "truce", "talks", "clash"]

    def test_sources_are_alternatives_and_ids_match_in_any_case(self, sources_store: Store) -> None:
        assert ids(sources_store, sources=("BOTH", "fileonly")) == ["clash"]

    def test_source_combines_with_other_filters(self, sources_store: Store) -> None:
        assert ids(sources_store, sources=("report",), types=("talks",)) == ["truce", "talks"]
        assert ids(sources_store, sources=("both",), types=("talks",)) == []

    def test_unknown_source_suggests_the_closest_ids(self, sources_store: Store) -> None:
        with pytest.raises(UnknownName) as raised:
            select(sources_store, Query(sources=("reprot",)))
        assert (raised.value.kind, raised.value.value) == ("source", "reprot")
        assert raised.value.suggestions == ["report"]

    def test_unknown_source_is_refused_even_when_nothing_else_matches(
        self, sources_store: Store
    ) -> None:
        with pytest.raises(UnknownName):
            select(sources_store, Query(years=(parse_year("1800"),), sources=("nope",)))

    def test_contested_keeps_only_events_whose_accounts_disagree(
        self, accounts_store_path: Path
    ) -> None:
        """The clash's second report gives another day, actors and toll; the talks' "late
        May" can be the event's 25 May, so the talks are not contested."""
        store = load(accounts_store_path)
        assert ids(store) == ["talks", "clash"]
        assert ids(store, contested=True) == ["clash"]
        assert ids(store, contested=True, sources=("a",)) == ["clash"]
        assert ids(store, contested=True, reverse=True, limit=1) == ["clash"]

    def test_contested_in_a_store_without_accounts_is_empty(self, small_store: Store) -> None:
        assert ids(small_store, contested=True) == []


class TestOrderAndLimit:
    def test_calendar_order(self, small_store: Store) -> None:
        assert ids(small_store) == ["war", "truce", "talks", "clash"]

    def test_reverse(self, small_store: Store) -> None:
        assert ids(small_store, reverse=True) == ["clash", "talks", "truce", "war"]

    def test_limit_counts_what_matched(self, small_store: Store) -> None:
        selection = select(small_store, Query(limit=2, reverse=True))
        assert [e.id for e in selection.events] == ["clash", "talks"]
        assert selection.matched == 4
