"""Likely duplicates: events that tell what another event of the store tells already.

Two events are likely duplicates when they have the same date and the same title (folded as
names.fold folds, white space aside), or cite the same source with a quote in common (white
space aside, as check finds a quote in its source: quotes are verbatim) and have dates that
can mean the same day. The dates matter for quotes: a sentence that gives two dates makes two
events quoting it, which are not one.

`check` warns about every such pair of a store; a write refuses an event that is a likely
duplicate of one the store has, or of one the same change adds before it. Events are found
by their keys, never compared pairwise: a key is what two duplicates must share (the date and
title, or a source and quote). A write looks at the store's events whose dates can meet a new
event's only (Events.starting: a cached store builds only those), and at their keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from timeline.errors import Duplicates, Finding, LikelyDuplicate
from timeline.model import DayWindows, Event, Events, Store
from timeline.names import fold
from timeline.store.audit import normalise

Key = tuple[str, str, str]


class Filed(NamedTuple):
    """What the rule looks at of an event."""

    id: str
    date: str
    title: str
    sources: tuple[str, ...]
    quotes: tuple[str, ...]


def of_event(event: Event) -> Filed:
    return Filed(event.id, event.date_text, event.title, event.sources, event.quotes)


def of_fields(fields: Mapping[str, Any], label: str) -> Filed:
    """An event as parsed, fields of the wrong type left out (check reports those)."""

    def text(key: str) -> str:
        value = fields.get(key)
        return value if isinstance(value, str) else ""

    def texts(key: str) -> tuple[str, ...]:
        value = fields.get(key)
        items = value if isinstance(value, list) else []
        return tuple(item for item in items if isinstance(item, str))

    return Filed(label, text("date"), text("title"), texts("sources"), texts("quotes"))


def keys(filed: Filed) -> set[Key]:
    """What a likely duplicate of the event shares with it: one of these."""
    found: set[Key] = set()
    title = _folded(filed.title)
    if filed.date and title:
        found.add(("title", filed.date, title))
    for quote in filed.quotes:
        if spaced := normalise(quote):
            found.update(("quote", source, spaced) for source in filed.sources)
    return found


def reason(earlier: Filed, later: Filed) -> str | None:
    """Why later is a likely duplicate of earlier, or None when it is not."""
    if earlier.date and earlier.date == later.date:
        title = _folded(earlier.title)
        if title and title == _folded(later.title):
            return "same date and title"
    shared = set(earlier.sources).intersection(later.sources)
    if not shared or not _may_meet(earlier.date, later.date):
        return None
    quotes = {normalise(quote) for quote in earlier.quotes} - {""}
    if quotes.isdisjoint(normalise(quote) for quote in later.quotes):
        return None
    source = min(source for source in later.sources if source in shared)
    return f"same source {source} and quote"


def findings(events: list[Any]) -> list[Finding]:
    """A warning for each pair of likely duplicates among parsed events, at the later one."""
    found: list[Finding] = []
    seen: dict[Key, list[int]] = {}
    filed: list[Filed] = []
    for index, fields in enumerate(events):
        if not isinstance(fields, dict):
            filed.append(Filed("", "", "", (), ()))
            continue
        label = fields["id"] if isinstance(fields.get("id"), str) else f"#{index + 1}"
        filed.append(of_fields(fields, label))
        earlier = sorted({other for key in keys(filed[index]) for other in seen.get(key, ())})
        for other in earlier:
            why = reason(filed[other], filed[index])
            if why is not None:
                message = f"likely duplicate of event {filed[other].id} ({why})"
                found.append(Finding(("events", index), message, label, severity="warning"))
        for key in keys(filed[index]):
            seen.setdefault(key, []).append(index)
    return found


def refuse(store: Store, events: Sequence[Mapping[str, Any]]) -> None:
    """Duplicates, naming each, when one of the events a change adds (their fields) is a
    likely duplicate of an event of the store or of one the change adds before it."""
    new = [of_fields(fields, "") for fields in events]
    by_key: dict[Key, list[Filed]] = {}
    for event in _sharing(store.events, new):
        filed = of_event(event)
        for key in keys(filed):
            by_key.setdefault(key, []).append(filed)
    found: list[LikelyDuplicate] = []
    added: dict[Key, list[int]] = {}  # the places of the change's events with each key
    for place, filed in enumerate(new):
        own = keys(filed)
        for other in sorted({other for key in own for other in by_key.get(key, ())}):
            why = reason(other, filed)
            if why is not None:
                found.append(LikelyDuplicate(place, filed.title, filed.date, other.id, why))
                break
        else:
            for before in sorted({before for key in own for before in added.get(key, ())}):
                why = reason(new[before], filed)
                if why is not None:
                    label = events[before].get("id")
                    existing = label if isinstance(label, str) else f"#{before + 1}"
                    duplicate = LikelyDuplicate(place, filed.title, filed.date, existing, why)
                    found.append(duplicate._replace(added=before))
                    break
        for key in own:
            added.setdefault(key, []).append(place)
    if found:
        raise Duplicates(found)


def likely_duplicate(store: Store, fields: Mapping[str, Any]) -> str | None:
    """The id of the store's event that an event of these fields would repeat (by the rule
    above), or None."""
    try:
        refuse(store, [fields])
    except Duplicates as error:
        return error.found[0].existing
    return None


def _sharing(events: Events, new: list[Filed]) -> Iterable[Event]:
    """The events that may share a key with the new ones: those of the same date, or of a
    date that can meet a new one's and a source in common (the rest cannot be duplicates: no
    need to fold their text). Both have a start that can meet a new event's date, so only
    those are asked of the store (a cached one builds no other); a new date that is no date
    has no window, and no event of the store, whose dates are valid, has its text."""
    from timeline.dates.syntax import DateSyntaxError, parse_date

    dates = {filed.date for filed in new}
    days = []
    sources: set[str] = set()
    for filed in new:
        try:
            day = parse_date(filed.date)
        except DateSyntaxError:
            continue
        days.append((day.earliest, day.latest))
        if filed.quotes:
            sources.update(filed.sources)
    windows = DayWindows(days)
    if not windows:
        return []
    return (
        event
        for event in events.starting(windows)
        if event.date_text in dates or (event.quotes and not sources.isdisjoint(event.sources))
    )


def _folded(text: str) -> str:
    """ " ".join(fold(text).split()), a word at a time: folding never joins two words (nothing
    reorders or composes across white space), and the words of titles come again and again,
    so folding each once keeps the table of a big store's titles cheap to make."""
    # normalise: a folded word may hold white space (NFKD makes " ̈" of "¨"), set aside as well.
    if text.isascii():
        return normalise(fold(text))
    return normalise(" ".join(map(_fold_word, text.split())))


@lru_cache(maxsize=16384)
def _fold_word(word: str) -> str:
    return fold(word)


@lru_cache(maxsize=256)
def _may_meet(first: str, second: str) -> bool:
    """Whether two store dates can mean the same day (text that is no date: equal text)."""
    if first == second:
        return True
    from timeline.dates.syntax import DateSyntaxError, parse_date

    try:
        one, other = parse_date(first), parse_date(second)
    except DateSyntaxError:
        return False
    return one.earliest <= other.latest and other.earliest <= one.latest
