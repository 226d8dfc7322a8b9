"""The store's data: frozen records for the timeline, its types, actors, sources and events."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple, overload

from timeline.dates.syntax import Span
from timeline.names import id_key


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
    sha256: str = ""  # of the file's bytes when the source was declared (lowercase hex)
    retrieved: str = ""  # the day the source was read or downloaded (YYYY-MM-DD)
    archived: str = ""  # the address of an archived copy (a web link)


# The figures an event or an account may give, in the order they are shown: what conflict
# event data counts (ACLED's fatalities, UCDP's deaths with low/best/high estimates, the
# displaced, detained and abducted of human-rights monitors).
FIGURE_NAMES = (
    "killed",
    "injured",
    "missing",
    "displaced",
    "detained",
    "arrested",
    "abducted",
    "evacuated",
)


class Figure(NamedTuple):
    """A count of people an event affected: an exact number (best alone) or an estimate with
    any of low, best and high (low <= best <= high)."""

    name: str  # one of FIGURE_NAMES
    low: int | None = None
    best: int | None = None
    high: int | None = None

    @property
    def bounds(self) -> tuple[int, int]:
        """The lowest and the highest number this figure allows."""
        given = [n for n in (self.low, self.best, self.high) if n is not None]
        low = self.low if self.low is not None else min(given)
        high = self.high if self.high is not None else max(given)
        return low, high

    @property
    def open_ended(self) -> bool:
        """Whether the figure gives only a bound ("at least 100", "at most 5")."""
        return self.best is None and (self.low is None) != (self.high is None)

    @property
    def label(self) -> str:
        """The figure in words: "6 killed", "10–15 injured", "40 (30–50) displaced",
        "at least 1,200 displaced"."""
        low, best, high = self.low, self.best, self.high
        if (low is None and high is None) or low == best == high:  # a range of one is a count
            return f"{count(best)} {self.name}"
        if best is not None and (low, high) in ((best, None), (None, best)):
            best = None  # the best estimate is the bound: "at least 3", not "3 (at least 3)"
        if best is None:
            if low is not None and high is not None:
                number = count_range(low, high)
            else:
                number = f"at least {count(low)}" if low is not None else f"at most {count(high)}"
            return f"{number} {self.name}"
        bounds = "–".join(count(n) for n in (low, high) if n is not None)
        if low is not None and high is None:
            bounds = f"at least {count(low)}"
        elif low is None:
            bounds = f"at most {count(high)}"
        return f"{count(best)} ({bounds}) {self.name}"


def count(number: int | None) -> str:
    """A count as a person reads it: 120,001."""
    return f"{number:,}"


def count_range(low: int, high: int) -> str:
    """Counts from low to high as a person reads them: "5–6", or "5" when they are one."""
    return f"{count(low)}–{count(high)}" if low != high else count(low)


def figure_value(written: str) -> tuple[str, int | dict[str, int]]:
    """A figure as a person types it, "killed=6", "injured=10-15" (low-high),
    "killed=5-6-8" (low-best-high) or "killed=100+" (at least 100), as its name and its
    value in the store; ValueError says what is wrong with it. Whether the name is one of
    FIGURE_NAMES is the store's to check."""
    name, equals, numbers = written.partition("=")
    if numbers.strip().endswith("+"):
        name, least = figure_value(f"{name}={numbers.strip().removesuffix('+')}")
        if not isinstance(least, int):
            raise ValueError("'+' follows one count: killed=100+ is at least 100")
        return name, {"low": least}
    parts = [part.strip().replace(",", "") for part in numbers.replace("–", "-").split("-")]
    if not equals or not name.strip() or not all(p.isascii() and p.isdigit() for p in parts):
        raise ValueError(
            "expected NAME=COUNT: killed=6, injured=10-15, killed=5-6-8 or killed=100+"
        )
    counts = [int(part) for part in parts]
    if len(counts) == 1:
        return name.strip(), counts[0]
    if len(counts) == 2:
        return name.strip(), {"low": counts[0], "high": counts[1]}
    if len(counts) == 3:
        return name.strip(), {"low": counts[0], "best": counts[1], "high": counts[2]}
    raise ValueError("at most three counts: low-best-high, such as killed=5-6-8")


# How exactly an event's coordinates place it, from the most exact: the place itself; near
# it (within about 25 km); the centre of a district (a second-order administrative area), of a
# province or region (first-order), of a country; or roughly (along a line, in waters or
# airspace). ACLED's geo_precision and UCDP's where_prec map onto these (see importers).
COORDINATE_PRECISIONS = ("exact", "near", "district", "province", "country", "approximate")
# The zoom of OpenStreetMap's map at an event's point: enough of the map to hold what the
# precision leaves open (13 a town, 11 some 60 km across, 10 a district, 8 a province or a
# stretch of road or sea, 6 a country); without a precision, a district's.
MAP_ZOOMS = {"exact": 13, "near": 11, "district": 10, "province": 8, "approximate": 8, "country": 6}
DEFAULT_MAP_ZOOM = 10


class Coordinates(NamedTuple):
    """Where an event happened on the map: WGS 84 degrees (latitude -90 to 90, north
    positive; longitude -180 to 180, east positive), and how exactly they place it (one of
    COORDINATE_PRECISIONS, or empty when not said)."""

    latitude: float
    longitude: float
    precision: str = ""

    @property
    def label(self) -> str:
        """The coordinates in words, as the terminal and every page shows them: the degrees
        as written, with their hemispheres ("40.1° N, 46.2° E (near)", "12.5° S, 179.25° W")."""
        latitude = _degrees(self.latitude, "N", "S")
        place = f"{latitude}, {_degrees(self.longitude, 'E', 'W')}"
        return f"{place} ({self.precision})" if self.precision else place

    @property
    def map_address(self) -> str:
        """The point on OpenStreetMap's map, marked, at a zoom that fits the precision."""
        latitude, longitude = _decimal(self.latitude), _decimal(self.longitude)
        zoom = MAP_ZOOMS.get(self.precision, DEFAULT_MAP_ZOOM)
        return (
            f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
            f"#map={zoom}/{latitude}/{longitude}"
        )


def _decimal(number: float) -> str:
    """A number of degrees as decimal digits, never an exponent (1e-05 is 0.00001), and no
    sign on nought."""
    # repr: the fewest digits that read back as the number.
    written = repr(abs(number) if number == 0 else number)
    if "e" in written:
        from decimal import Decimal

        written = format(Decimal(written), "f")
    return written


def _degrees(number: float, positive: str, negative: str) -> str:
    """Degrees with their hemisphere instead of a sign ("12.5° S"); none on 0."""
    hemisphere = positive if number > 0 else negative if number < 0 else ""
    return f"{_decimal(abs(number))}° {hemisphere}".rstrip()


class Account(NamedTuple):
    """What one source says of an event, where it differs from or adds to the store's reading
    (an empty field says nothing: the account agrees or is silent)."""

    source: str
    date_text: str = ""
    end_text: str = ""
    when: str = ""
    location: str = ""
    actors: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[str, ...] = ()
    note: str = ""


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
    coordinates: Coordinates | None = None  # where it happened on the map, when known
    ref: str = ""  # the record a dataset keeps it as ("acled:ARM123"), when imported
    number: int = 0  # its place among the file's events, 1 for the first; 0 if not from a file
    figures: tuple[Figure, ...] = ()  # the store's reading, in the order written
    accounts: tuple[Account, ...] = ()  # what each source says, in the order written


class Store(NamedTuple):
    """A whole event store, validated: every reference in it resolves. Its events are in
    calendar order (see in_calendar_order)."""

    path: Path
    title: str
    description: str
    types: dict[str, EventType]
    actors: dict[str, Actor]
    sources: dict[str, Source]
    events: Events

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


class Events(Sequence[Event]):
    """A store's events in calendar order, and the questions asked of all of them. This one
    holds them in a tuple; the cache's subclass builds them only when they are needed."""

    def __init__(self, events: Iterable[Event] = ()) -> None:
        self._events = tuple(events)
        self._id_keys: dict[str, int] | None = None

    def all(self) -> tuple[Event, ...]:
        return self._events

    def __len__(self) -> int:
        return len(self.all())

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Event, ...]: ...
    def __getitem__(self, index: int | slice) -> Event | tuple[Event, ...]:
        return self.all()[index]

    def __iter__(self) -> Iterator[Event]:
        return iter(self.all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Events):
            return self.all() == other.all()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.all())

    def __repr__(self) -> str:
        return f"Events({self.all()!r})"

    def overlapping(self, low: date, high: date) -> list[Event]:
        """The events whose span can fall on a day from low to high, in calendar order."""
        if low == date.min and high == date.max:  # no window: every event
            return list(self.all())
        return [event for event in self.all() if event.span.overlaps(low, high)]

    def starting(self, windows: DayWindows) -> list[Event]:
        """The events whose start can fall on a day of one of the windows, in calendar
        order (their ends aside: a period may end before its start's latest day)."""
        meets = windows.meets
        return [
            event
            for event in self.all()
            if meets(event.span.start.earliest.toordinal(), event.span.start.latest.toordinal())
        ]

    def ids(self) -> list[str]:
        """The events' ids in the file's order."""
        return [event.id for event in sorted(self.all(), key=attrgetter("number"))]

    def tags(self) -> list[str]:
        """Every tag the events carry, once, sorted."""
        return sorted({tag for event in self.all() for tag in event.tags})

    def id_keys(self) -> dict[str, int]:
        """The id_key of every event, to its index in the file's order (computed once)."""
        if self._id_keys is None:
            self._id_keys = {id_key(event_id): index for index, event_id in enumerate(self.ids())}
        return self._id_keys

    def plus(self, added: Iterable[Event]) -> Events:
        """These events and the added ones, in calendar order."""
        return Events(in_calendar_order((*self.all(), *added)))


class DayWindows:
    """Periods of days, each from a first to a last day (as ordinals), merged where they
    meet, so that many events can be asked at once whether a period of theirs meets one."""

    def __init__(self, windows: Iterable[tuple[date, date]]) -> None:
        self.firsts: list[int] = []
        self.lasts: list[int] = []
        for first, last in sorted((low.toordinal(), high.toordinal()) for low, high in windows):
            if self.lasts and first <= self.lasts[-1] + 1:
                self.lasts[-1] = max(self.lasts[-1], last)
            else:
                self.firsts.append(first)
                self.lasts.append(last)

    def __bool__(self) -> bool:
        return bool(self.firsts)

    def meets(self, first: int, last: int) -> bool:
        """Whether the days from first to last (ordinals) meet a window."""
        # The windows are apart and in order: only the last one to begin by `last` can meet.
        at = bisect_right(self.firsts, last) - 1
        return at >= 0 and self.lasts[at] >= first


def in_calendar_order(events: Iterable[Event]) -> tuple[Event, ...]:
    """Events sorted by the calendar (Span.sort_key); events with equal dates keep their order
    (the store's)."""
    # Each span's key as one number, in the order of its sort_key (first day, coarseness,
    # last day), made once for each span events share: numbers compare several times as fast
    # as tuples of dates, and 100,000 events make a million and a half comparisons.
    numbers: dict[int, int] = {}

    def number(event: Event) -> int:
        span = event.span
        found = numbers.get(id(span))  # the events hold their spans meanwhile
        if found is None:
            first, coarseness, last = span.sort_key()  # coarseness: -4 (a year) to 0 (a day)
            found = numbers[id(span)] = (first.toordinal() << 3 | coarseness + 4) << 22 | last
        return found

    return tuple(sorted(events, key=number))
