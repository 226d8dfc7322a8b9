"""The store's data: frozen records for the timeline, its types, actors, sources and events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from timeline.dates import Span


class EventType(NamedTuple):
    """A kind of event the store declares, with the colour its marker is drawn in."""

    id: str
    color: str
    description: str = ""


class Actor(NamedTuple):
    """A state, person, organisation or force that takes part in events."""

    id: str
    name: str
    kind: str = ""
    role: str = ""
    aliases: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()


class Source(NamedTuple):
    """Where events come from: an article, a statement, a report."""

    id: str
    title: str
    publisher: str = ""
    published: str = ""
    url: str = ""
    file: str = ""

    @property
    def citation(self) -> str:
        """The source in one line: title, publisher, date, and where to find it."""
        parts = [f"“{self.title}”", *(p for p in (self.publisher, self.published) if p)]
        if self.url or self.file:
            parts.append(self.url or self.file)
        return ", ".join(parts)


class Event(NamedTuple):
    """One thing that happened, as its sources tell it."""

    id: str
    span: Span
    title: str
    type: str
    date_text: str
    end_text: str | None = None
    when: str = ""
    summary: str = ""
    actors: tuple[str, ...] = ()
    location: str = ""
    sources: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    note: str = ""
    line: int | None = None


class Store(NamedTuple):
    """A whole event store, validated: every reference in it resolves. Its events are in
    calendar order (see in_calendar_order)."""

    path: Path
    title: str
    description: str
    types: dict[str, EventType]
    actors: dict[str, Actor]
    sources: dict[str, Source]
    events: tuple[Event, ...]

    def members_of(self, actor_id: str) -> set[str]:
        """The actor and every actor that is part of it, directly or through others."""
        members = {actor_id}
        changed = True
        while changed:
            changed = False
            for actor in self.actors.values():
                if actor.id not in members and members.intersection(actor.part_of):
                    members.add(actor.id)
                    changed = True
        return members

    def in_order(self) -> Iterator[Event]:
        """Events in calendar order."""
        return iter(self.events)


def in_calendar_order(events: Iterable[Event]) -> tuple[Event, ...]:
    """Events sorted by the calendar; events with equal dates keep their order (the store's)."""
    return tuple(sorted(events, key=lambda event: event.span.sort_key()))
