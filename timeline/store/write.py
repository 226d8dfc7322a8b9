"""What a write adds to a store, in the store's own TOML, and the ids it gives new events.

A change is appended to the file's bytes (comments, order, formatting and line endings of the
rest stay as they are). Validating and writing it is the facade's job (timeline.store).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Mapping
from typing import Any, NamedTuple

from timeline.errors import NotText
from timeline.model import Store, id_key
from timeline.store import toml
from timeline.store.schema import EVENT_FIELDS


class Change(NamedTuple):
    """What a write adds: source declarations (id, fields), then events (their fields as the
    store spells them). An event without an id is given one, made from its date and title,
    when the change is applied: under the lock, so that concurrent writers never pick the same."""

    sources: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    events: tuple[Mapping[str, Any], ...] = ()


class Outcome(NamedTuple):
    """What a change made: the store after it, the ids of its events, and the TOML it adds."""

    store: Store
    ids: tuple[str, ...]
    text: str


def derive_id(date: str, title: str, taken: Container[str]) -> str:
    """An id from the date and the first words of the title whose id_key is not in taken:
    "2023-05-17-pashinyan-recognises-azerbaijan-s"."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", title).casefold())
    date_part = "-".join(re.findall(r"\w+", date))
    base = "-".join([date_part, *words[:5]]).strip("-")[:60].rstrip("-") or "event"
    candidate, number = base, 2
    while id_key(candidate) in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def with_ids(events: tuple[Mapping[str, Any], ...], taken: set[str]) -> list[dict[str, Any]]:
    """The events, each with an id: its own, or one derived that no other event has."""
    named = []
    for event in events:
        fields = dict(event)
        if fields.get("id") is None:
            date, title = fields.get("date"), fields.get("title")
            fields = {
                "id": derive_id(
                    date if isinstance(date, str) else "",
                    title if isinstance(title, str) else "",
                    taken,
                ),
                **{key: value for key, value in fields.items() if key != "id"},
            }
        if isinstance(fields["id"], str):
            taken.add(id_key(fields["id"]))
        named.append(fields)
    return named


def tables(change: Change, events: list[dict[str, Any]]) -> list[str]:
    """The TOML tables a change appends: its sources, then its events, fields in the store's
    order (unknown fields last, for validation to report). NotText for a value that is not
    text: TOML, and the file, hold UTF-8 only."""
    for fields in (*(fields for _, fields in change.sources), *events):
        for key, value in fields.items():
            for text in value if isinstance(value, list | tuple) else [value]:
                if isinstance(text, str) and not _is_text(text):
                    raise NotText(key, text)
    declared = [toml.declaration_table("sources", key, fields) for key, fields in change.sources]
    return declared + [toml.event_table(in_store_order(event)) for event in events]


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def in_store_order(fields: Mapping[str, Any]) -> dict[str, Any]:
    """An event's fields in the order the store writes them; a field given as None is left out."""
    known = {key: fields[key] for key in EVENT_FIELDS if key in fields}
    extra = {key: value for key, value in fields.items() if key not in EVENT_FIELDS}
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in {**known, **extra}.items()
        if value is not None
    }
