"""Several reports of the same events: one draft for a happening that several articles
report, with one account per source, and accounts for the store's own events.

Two drafts from different articles tell one happening when they have the same type, their
dates can mean the same day, and they share an actor, their place, or most of their words
(SAME_HAPPENING of the shorter's); or when their dates are at most DAYS_APART days apart (the
reports disagree on the day) and they share an actor or their place and many words. The first
article's draft is the reading; each source's account gives its quotes and, where it says
otherwise, its date, place and figures; the draft's note names what they disagree on (as
`check` will list it).

Against the store: a draft that the store's rule for likely duplicates finds among its events
(store.likely_duplicate: the same date and title, or a source and quote in common) and that
brings a source the event does not cite becomes an account of that event, which `add --from`
writes into it, instead of a second event. Nothing here reads files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from timeline.dates.syntax import DateSyntaxError, first_text, parse_date
from timeline.extract import DRAFT_NOTE, Draft, Extraction
from timeline.model import Actor, Event, Source, Store
from timeline.names import id_key, slug, unique

# The share of the shorter statement's words the other must have to tell the same happening
# without a shared actor or place.
SAME_HAPPENING = 0.5
# Reports of one happening may give days this far apart ("on Sunday", "on Monday").
DAYS_APART = 3
_WORD = re.compile(r"[a-z][a-z'’-]{3,}")
_ACCOUNT_FIELDS = ("date", "end", "when", "location", "figures")


def combine(extractions: list[Extraction], store: Store) -> Extraction:
    """The drafts of several articles as one extraction: a happening several of them report
    is one draft citing each, with an account per source; new sources and actors once each."""
    sources = _distinct_sources(extractions, store)
    groups: list[list[Draft]] = []
    for extraction, source in zip(extractions, sources, strict=True):
        for draft in extraction.drafts:
            draft = draft._replace(sources=(source.id,))
            group = next((g for g in groups if _same_happening(g, draft)), None)
            if group is None:
                groups.append([draft])
            else:
                group.append(draft)
    drafts = [_one_draft(group) for group in groups]
    taken = {id_key(event_id) for event_id in store.events.ids()}
    named = []
    for draft in drafts:
        event_id = unique(slug(first_text(draft.date), draft.title) or "event", taken)
        taken.add(id_key(event_id))
        named.append(draft._replace(id=event_id))
    new_sources = tuple(
        source
        for extraction, source in zip(extractions, sources, strict=True)
        if extraction.source_is_new
    )
    actors: dict[str, Actor] = {}
    for extraction in extractions:
        for actor in extraction.actors:
            actors.setdefault(actor.id, actor)
    return Extraction(
        named,
        sources[0],
        extractions[0].source_is_new,
        extractions[0].published,
        list(actors.values()),
        new_sources=new_sources,
    )


def against_store(extraction: Extraction, store: Store) -> Extraction:
    """Drafts that repeat one of the store's events (by the store's rule) and bring a source
    it does not cite, as accounts of that event; the rest as they are."""
    kept: list[Draft] = []
    accounts = list(extraction.accounts)
    events = {event.id: event for event in store.events}
    for draft in extraction.drafts:
        fields = draft.fields()
        quotes = [q for account in draft.accounts for q in account.get("quotes", [])]
        fields["quotes"] = [*quotes, *draft.quotes]
        existing = store_duplicate(store, fields)
        if existing is None or existing not in events:
            kept.append(draft)
            continue
        event = events[existing]
        new = [a for a in _accounts_of(draft) if a["source"] not in event.sources]
        if not new:
            kept.append(draft)  # filed already: add --from says so and skips it
            continue
        for account in new:
            accounts.append({"event": existing, **_differences(account, event)})
    used = {actor for draft in kept for actor in draft.actors}
    used |= {actor for account in accounts for actor in account.get("actors", [])}
    return extraction._replace(
        drafts=kept,
        accounts=tuple(accounts),
        actors=[actor for actor in extraction.actors if actor.id in used],
    )


def store_duplicate(store: Store, fields: Mapping[str, Any]) -> str | None:
    from timeline.store import likely_duplicate

    return likely_duplicate(store, fields)


def _distinct_sources(extractions: list[Extraction], store: Store) -> list[Source]:
    """Each article's source, a new one renamed when an earlier article's has its id."""
    taken = {id_key(source_id) for source_id in store.sources}
    sources = []
    for extraction in extractions:
        source = extraction.source
        if extraction.source_is_new:
            source = source._replace(id=unique(source.id, taken))
            taken.add(id_key(source.id))
        sources.append(source)
    return sources


def _same_happening(group: list[Draft], draft: Draft) -> bool:
    """Whether a draft tells the happening of a group (of other sources' drafts): the same
    type and dates that can meet, and an actor, the place or most words in common; or dates
    a few days apart (reports disagree on the day) with an actor or the place and many words
    in common."""
    first = group[0]
    if any(draft.sources[0] in member.sources for member in group):
        return False  # one account per source: its own drafts were merged already
    if first.type != draft.type:
        return False
    apart = _days_apart(first.date, draft.date)
    if apart is None or apart > DAYS_APART:
        return False
    shared = bool(set(first.actors) & set(draft.actors)) or bool(
        first.location and first.location == draft.location
    )
    words, others = _words(first.quotes), _words(draft.quotes)
    shorter = min(len(words), len(others))
    alike = len(words & others) / shorter if shorter else 0.0
    if apart == 0:
        return shared or alike >= SAME_HAPPENING
    return shared and alike >= SAME_HAPPENING / 2


def _one_draft(group: list[Draft]) -> Draft:
    """A happening's draft: the first report's reading, every source, an account each."""
    reading = group[0]
    if len(group) == 1:
        return reading
    accounts = tuple(_differences(account, reading) for account in map(_account, group))
    disputed = sorted(
        {
            key
            for account in accounts
            for key in account
            if key == "location" or (key == "date" and _days_apart(account[key], reading.date))
        }
        | {
            name
            for account in accounts
            for name in account.get("figures", {})
            if account["figures"][name] != dict(reading.figures).get(name)
        }
    )
    note = f"{DRAFT_NOTE} Told by {len(group)} sources, each in its account" + (
        f"; they disagree on: {', '.join(disputed)}." if disputed else "."
    )
    return reading._replace(
        sources=tuple(dict.fromkeys(s for d in group for s in d.sources)),
        actors=tuple(dict.fromkeys(a for d in group for a in d.actors)),
        location=reading.location or next((d.location for d in group if d.location), ""),
        quotes=(),
        note=note,
        accounts=accounts,
    )


def _account(draft: Draft) -> dict[str, Any]:
    return {
        "source": draft.sources[0],
        "date": draft.date,
        "end": draft.end or "",
        "when": draft.when,
        "location": draft.location,
        "figures": dict(draft.figures),
        "quotes": list(draft.quotes),
    }


def _accounts_of(draft: Draft) -> list[dict[str, Any]]:
    if draft.accounts:
        return [dict(account) for account in draft.accounts]
    return [_account(draft)]


def _differences(account: Mapping[str, Any], reading: Draft | Event) -> dict[str, Any]:
    """An account as the store keeps it: its source and quotes, and only what it says
    otherwise than the reading (its date, place, figures)."""
    own: dict[str, Any]
    if isinstance(reading, Event):
        own = {
            "date": reading.date_text,
            "end": reading.end_text or "",
            "location": reading.location,
            "figures": {f.name: f.best for f in reading.figures if f.best is not None},
        }
    else:
        own = {
            "date": reading.date,
            "end": reading.end or "",
            "location": reading.location,
            "figures": dict(reading.figures),
        }
    result: dict[str, Any] = {"source": account["source"]}
    if account.get("date") and account["date"] != own["date"]:
        result["date"] = account["date"]
        if account.get("when"):
            result["when"] = account["when"]
    if account.get("end") and account["end"] != own["end"]:
        result["end"] = account["end"]
    location = account.get("location", "")
    if location and location.casefold() != str(own["location"]).casefold():
        result["location"] = location
    figures = {
        name: value
        for name, value in dict(account.get("figures") or {}).items()
        if value != own["figures"].get(name)
    }
    if figures:
        result["figures"] = figures
    if account.get("quotes"):
        result["quotes"] = list(account["quotes"])
    return result


def _days_apart(first: str, second: str) -> int | None:
    """How many days lie between two dates' spans (0: they can meet); None if either is no
    date."""
    try:
        one, other = parse_date(first), parse_date(second)
    except DateSyntaxError:
        return 0 if first == second else None
    if one.earliest <= other.latest and other.earliest <= one.latest:
        return 0
    return min(abs((one.earliest - other.latest).days), abs((other.earliest - one.latest).days))


def _words(quotes: Iterable[str]) -> set[str]:
    return set(_WORD.findall(" ".join(quotes).lower()))
