"""Which events to show: a Query value built from the options, and apply() to select them."""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from timeline.errors import BadValue, UnknownName
from timeline.model import Event, Store
from timeline.names import fold, id_key

Window = tuple[date, date]


class Query(NamedTuple):
    """Filters shared by every command that lists events. Empty filters match everything;
    values of one filter are alternatives (any matches), different filters all apply."""

    years: tuple[Window, ...] = ()
    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()  # text to find in the title, summary or quotes
    sources: tuple[str, ...] = ()  # ids of sources: events that cite any of them
    contested: bool = False  # only events whose accounts contest their reading
    limit: int | None = None
    reverse: bool = False

    @property
    def view_start(self) -> date | None:
        """The first day the query asks about; events that began earlier are context."""
        lows = [low for low, _ in self.years]
        candidates = [min(lows)] if lows else []
        if self.start is not None:
            candidates.append(self.start)
        return max(candidates) if candidates else None


_YEAR_SPAN = re.compile(r"\s*([0-9]{1,4})\s*(?:(?:-|–|\.\.)\s*([0-9]{1,4})\s*)?")


def parse_year(text: str) -> Window:
    """A year, "2023", or a span of years, "2020-2023", as the first and last day it covers;
    else BadValue("year", text, why)."""
    match = _YEAR_SPAN.fullmatch(text)
    if match is None:
        raise BadValue("year", text, "expected a year such as 2023 or a span such as 2020-2023")
    first = int(match[1])
    last = int(match[2]) if match[2] else first
    if first == 0 or last == 0:
        raise BadValue("year", text, "there is no year 0")
    if last < first:
        raise BadValue("year", text, "the span ends before it starts")
    return date(first, 1, 1), date(last, 12, 31)


def resolve_actor(store: Store, name: str) -> set[str]:
    """The ids an actor's name stands for: the actors whose id, name or alias it matches, and
    every actor that is part of them. An unknown name is UnknownName("actor", …)."""
    members: set[str] = set()
    for actor_id in named_actors(store, name):
        members |= store.members_of(actor_id)
    return members


def named_actors(store: Store, name: str) -> set[str]:
    """The ids of the actors whose id, name or alias the name matches (case and accents
    aside); an unknown name is UnknownName("actor", …)."""
    wanted = fold(name.strip())
    found = {
        actor.id
        for actor in store.actors.values()
        if wanted in {fold(actor.id), fold(actor.name), *map(fold, actor.aliases)}
    }
    if not found:
        names = [n for a in store.actors.values() for n in (a.id, a.name, *a.aliases)]
        raise UnknownName("actor", name, names)
    return found


def actor_id(store: Store, name: str) -> str:
    """The id of the one actor the name (an id, name or alias) stands for; UnknownName when
    none, BadValue when it names several (and is none's id)."""
    return name if name in store.actors else _the_one("actor", name, named_actors(store, name))


def _the_one(kind: str, name: str, found: set[str]) -> str:
    """The one id of found (what name stands for); BadValue when it names several."""
    if len(found) > 1:
        reason = f"names {len(found)} {kind}s ({', '.join(sorted(found))}); give one's id"
        raise BadValue(kind, name, reason)
    return found.pop()


def resolve_type(store: Store, name: str) -> set[str]:
    """The ids of the types a name stands for, in any case and with or without accents, as
    tags and actors are matched. An unknown name is UnknownName("type", …)."""
    wanted = fold(name.strip())
    found = {type_id for type_id in store.types if fold(type_id) == wanted}
    if not found:
        raise UnknownName("type", name, store.types)
    return found


def type_id(store: Store, name: str) -> str:
    """The id of the one type a name stands for (as show --type finds it): what add and edit
    write. UnknownName when none, BadValue when it names several (and is none's id)."""
    return name if name in store.types else _the_one("type", name, resolve_type(store, name))


def resolve_source(store: Store, source_id: str) -> str:
    """The id of the source an id names (case and Unicode normalisation aside); an unknown
    id is UnknownName("source", …), which suggests the closest ids."""
    if source_id in store.sources:
        return source_id
    wanted = id_key(source_id)
    for known in store.sources:
        if id_key(known) == wanted:
            return known
    raise UnknownName("source", source_id, store.sources)


def _check_tags(store: Store, tags: tuple[str, ...], candidates: list[Event]) -> None:
    """Refuse a tag no event has with UnknownName("tag", …). The candidates are looked at
    first: the whole store only for a tag none of them has (a cached big store builds every
    event for that)."""
    seen = {fold(tag) for event in candidates for tag in event.tags}
    missing = [tag for tag in tags if fold(tag) not in seen]
    if not missing:
        return
    known: dict[str, str] = {}
    for event in store.events:
        for tag in event.tags:
            known.setdefault(fold(tag), tag)
    for tag in missing:
        if fold(tag) not in known:
            raise UnknownName("tag", tag, known.values())


def find_event(store: Store, event_id: str) -> Event:
    """The event with this id (case and Unicode normalisation aside); else
    UnknownName("event", …), which suggests the closest ids."""
    wanted = id_key(event_id)
    for event in store.events:
        if id_key(event.id) == wanted:
            return event
    raise UnknownName("event", event_id, [event.id for event in store.events])


def count_uses(store: Store, events: list[Event], kind: str) -> dict[str, int]:
    """How many of the events use each actor, type or source (one pass over the events). An
    actor is counted as `select` finds events for it: an event counts for the actors it names
    and for every actor they are part of, so an actor's count is what selecting it gives."""
    from collections import Counter

    counts: Counter[str] = Counter()
    if kind == "actors":
        counted_for = _counted_for(store)
        for event in events:
            counts.update(set().union(*(counted_for[actor_id] for actor_id in event.actors)))
        return dict(counts)
    for event in events:
        if kind == "types":
            counts[event.type] += 1
        else:
            counts.update(set(event.sources))
    return dict(counts)


def tag_counts(store: Store, events: list[Event]) -> list[tuple[str, int]]:
    """Every tag the store's events use, with how many of the events given have it, by
    name. Tags that differ only in case or accents are one (--tag finds them all), written
    as most events write it."""
    from collections import Counter

    spellings: Counter[str] = Counter(tag for event in store.events for tag in set(event.tags))
    written: dict[str, str] = {}
    for spelling, _ in sorted(spellings.items(), key=lambda item: (-item[1], item[0])):
        written.setdefault(fold(spelling), spelling)
    counts: Counter[str] = Counter()
    for event in events:
        counts.update({fold(tag) for tag in event.tags})
    return [(written[key], counts[key]) for key in sorted(written, key=lambda k: (k, written[k]))]


def _counted_for(store: Store) -> dict[str, frozenset[str]]:
    """Each actor's id, to the actors an event naming it is counted for: itself and every
    actor it is part of, directly or through others (the reverse of Store.members_of)."""
    counted_for = {}
    for actor_id in store.actors:
        found, todo = {actor_id}, [actor_id]
        while todo:
            for parent in store.actors[todo.pop()].part_of:
                if parent not in found and parent in store.actors:
                    found.add(parent)
                    todo.append(parent)
        counted_for[actor_id] = frozenset(found)
    return counted_for


class Selection(NamedTuple):
    """The events a query selects, and how many matched before the limit cut them."""

    events: list[Event]
    matched: int


def select(store: Store, query: Query) -> Selection:
    """The events that match every filter, in calendar order (or reversed), up to the limit."""
    actor_ids: set[str] | None = None
    if query.actors:
        actor_ids = set().union(*(resolve_actor(store, name) for name in query.actors))
    types = set().union(*(resolve_type(store, name) for name in query.types))
    tags = {fold(tag) for tag in query.tags}
    texts = [fold(text) for text in query.texts]
    sources = {resolve_source(store, source_id) for source_id in query.sources}
    low = query.start or date.min
    high = query.end or date.max
    if query.years:  # only events within the years can match: the store finds those fast
        low = max(low, min(first for first, _ in query.years))
        high = min(high, max(last for _, last in query.years))

    if query.contested:
        from timeline.contested import contested  # only then: show starts without it

    def matches(event: Event) -> bool:
        """Whether the event passes the filters other than the window (the store's job)."""
        span = event.span
        if query.years and not any(span.overlaps(a, b) for a, b in query.years):
            return False
        if types and event.type not in types:
            return False
        if actor_ids is not None and actor_ids.isdisjoint(event.actors):
            return False
        if tags and tags.isdisjoint(fold(tag) for tag in event.tags):
            return False
        if sources and sources.isdisjoint(event.sources):
            return False
        if query.contested and not (event.accounts and contested(event)):
            return False
        if not texts:
            return True
        parts = [fold(part) for part in (event.title, event.summary, *event.quotes)]
        return any(text in part for text in texts for part in parts)

    candidates = store.events.overlapping(low, high) if low <= high else []
    if query.tags:
        _check_tags(store, query.tags, candidates)
    filtered = (
        query.years or types or actor_ids is not None or tags or texts or sources or query.contested
    )
    selected = [event for event in candidates if matches(event)] if filtered else candidates
    matched = len(selected)
    if query.reverse:
        selected.reverse()
    if query.limit is not None:
        selected = selected[: query.limit]
    return Selection(selected, matched)
