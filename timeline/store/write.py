"""What a write adds to a store, in the store's own TOML, and the ids it gives new events.

A change is appended to the file's bytes (comments, order, formatting and line endings of the
rest stay as they are). Validating and writing it is the facade's job (timeline.store).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from timeline.errors import NotText
from timeline.model import Store
from timeline.names import derive_event_id, id_key
from timeline.store import toml


class Change(NamedTuple):
    """What a write adds: source declarations (id, fields), then events (their fields as the
    store spells them). An event without an id is given one, made from its date and title,
    when the change is applied: under the lock, so that concurrent writers never pick the same.
    An event that is a likely duplicate of one in the store, or of one added before it, is
    refused (errors.Duplicates) unless allow_duplicate is true."""

    sources: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    events: tuple[Mapping[str, Any], ...] = ()
    allow_duplicate: bool = False


class Outcome(NamedTuple):
    """What a change made: the store after it, the ids of its events, and the TOML it adds."""

    store: Store
    ids: tuple[str, ...]
    text: str


def with_ids(events: tuple[Mapping[str, Any], ...], taken: set[str]) -> list[dict[str, Any]]:
    """The events, each with an id: its own, or one derived that no other event has."""
    named = []
    for event in events:
        fields = dict(event)
        if fields.get("id") is None:
            date, title = fields.get("date"), fields.get("title")
            fields = {
                "id": derive_event_id(
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


def check_text(change: Change, events: list[dict[str, Any]]) -> None:
    """NotText for a value that is not text: TOML, and the file, hold UTF-8 only."""
    for fields in (*(fields for _, fields in change.sources), *events):
        for key, value in fields.items():
            for text in value if isinstance(value, list | tuple) else [value]:
                if isinstance(text, str) and not _is_text(text):
                    raise NotText(key, text)


def source_tables(change: Change) -> list[str]:
    """The `[sources.ID]` tables of a change's declarations."""
    return [toml.declaration_table("sources", key, fields) for key, fields in change.sources]


def event_tables(events: list[dict[str, Any]]) -> list[str]:
    """The `[[events]]` tables of events, fields in the store's order (unknown fields last,
    for validation to report)."""
    return [toml.event_table(in_store_order(event)) for event in events]


def into_inline_array(text: str, events: list[dict[str, Any]]) -> tuple[str, list[str]] | None:
    """text with the events written into its top-level `events = [...]` array, just before
    the closing bracket, and the inline tables written; None when there is no such array."""
    from timeline.store.positions import array_end

    found = array_end(text, ("events",))
    if found is None:
        return None
    index, value_last = found
    entries = [toml.inline_table(in_store_order(event)) for event in events]
    insertion = (", " if value_last and entries else "") + ", ".join(entries)
    return text[:index] + insertion + text[index:], entries


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def in_store_order(fields: Mapping[str, Any]) -> dict[str, Any]:
    """An event's fields in the order the store writes them; a field given as None is left out."""
    from timeline.store.schema import EVENT_FIELDS

    known = {key: fields[key] for key in EVENT_FIELDS if key in fields}
    extra = {key: value for key, value in fields.items() if key not in EVENT_FIELDS}
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in {**known, **extra}.items()
        if value is not None
    }
