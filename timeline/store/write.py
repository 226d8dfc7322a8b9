"""What a write adds to a store, in the store's own TOML, and the ids it gives new events.

A change is appended to the file's bytes (comments, order, formatting and line endings of the
rest stay as they are). Validating and writing it is the facade's job (timeline.store).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from timeline.errors import NotText
from timeline.model import Store
from timeline.names import derive_event_id, id_key
from timeline.store import toml


class Change(NamedTuple):
    """What a write does to a store. Every part is optional:

    - declarations: (section, id, fields) declared: a source, an actor or a type;
    - events: new events (their fields as the store spells them). An event without an id is
      given one, made from its date and title, when the change is applied: under the lock,
      so that concurrent writers never pick the same;
    - edits: (event id, fields) set on an event; a field given as None is dropped;
    - account_edits: (event id, source id, fields) set on the event's account of that source
      (one is added when the event has none); a field given as None is dropped, and fields
      given as None remove the account;
    - rewrites: (event id, TOML) written in place of the event's TOML (as event_text gives it);
    - removals: the ids of events removed;
    - retractions: (section, id) declarations removed;
    - expected: the mark of the file's bytes the change was made from (event_text gives it):
      the change is refused when the file no longer has them;
    - allow_duplicate: file new events that are likely duplicates of the store's, or of each
      other; otherwise such an event is refused (errors.Duplicates).
    """

    declarations: tuple[tuple[str, str, Mapping[str, Any]], ...] = ()
    events: tuple[Mapping[str, Any], ...] = ()
    edits: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    account_edits: tuple[tuple[str, str, Mapping[str, Any] | None], ...] = ()
    rewrites: tuple[tuple[str, str], ...] = ()
    removals: tuple[str, ...] = ()
    retractions: tuple[tuple[str, str], ...] = ()
    expected: tuple[int, bytes] | None = None
    allow_duplicate: bool = False

    @property
    def appends_only(self) -> bool:
        """Whether the change only adds events: the file's bytes stay and more follow."""
        return not (
            self.declarations
            or self.edits
            or self.account_edits
            or self.rewrites
            or self.removals
            or self.retractions
        )


class Shown(NamedTuple):
    """The TOML a change adds or changes, to show: the tables it appends, kept as the bytes
    it writes (a big import's tables are not held twice), then the other tables it writes
    (edited events, new declarations)."""

    appended: bytes = b""
    tables: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        # The appended bytes are the tables joined as toml.addition joins them, in the file's
        # line ends; no raw line break is in a value written, so these are all separators.
        added = self.appended.decode("utf-8").replace("\r\n", "\n").lstrip("\n")
        return "\n".join([added, *self.tables] if added else self.tables)


class Outcome(NamedTuple):
    """What a change made: the store after it, the ids of its new events, the TOML it adds
    or changes (edited events, new events, new declarations), the ids the edited events have
    after it, and whether the file's bytes stay as they were (then nothing is written)."""

    store: Store
    ids: tuple[str, ...]
    shown: Shown
    edited: tuple[str, ...] = ()
    unchanged: bool = False

    @property
    def text(self) -> str:
        return self.shown.text


def with_ids(
    events: tuple[Mapping[str, Any], ...],
    taken: set[str],
    provisional: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The events, each with an id: its own, or one derived that no other event has. An id
    derived from a date that cannot be read is no id the event will have: provisional gets
    it, with the event's name for problems instead ("titled 'x'")."""
    named = []
    for event in events:
        # Not copied unless it needs an id: a big import's events would be held twice.
        fields = event if isinstance(event, dict) else dict(event)
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
            if provisional is not None and not _readable_date(date):
                provisional[fields["id"]] = f"titled {title!r}" if title else "the new event"
        if isinstance(fields["id"], str):
            taken.add(id_key(fields["id"]))
        named.append(fields)
    return named


def _readable_date(date: object) -> bool:
    from timeline.dates.syntax import DateSyntaxError, parse_date

    if not isinstance(date, str):
        return False
    try:
        parse_date(date)
    except DateSyntaxError:
        return False
    return True


def check_text(change: Change, events: list[dict[str, Any]]) -> None:
    """NotText for a value that is not text: TOML, and the file, hold UTF-8 only."""
    for _, item_id, _ in change.declarations:
        if not is_text(item_id):
            raise NotText("id", item_id)
    edited = [fields for _, fields in change.edits]
    edited += [fields for _, _, fields in change.account_edits if fields is not None]
    edited += [{"source": source} for _, source, _ in change.account_edits]
    for fields in (*(fields for _, _, fields in change.declarations), *edited, *events):
        for key, value in fields.items():
            if (found := _not_text(value)) is not None:
                raise NotText(key, found)


def _not_text(value: Any) -> str | None:
    """The first string in a value, in lists and tables at any depth (an event's accounts),
    that is not text, if any. (A function, not a generator of every string: a big import
    checks millions.)"""
    if isinstance(value, str):
        return None if is_text(value) else value
    if isinstance(value, list | tuple):
        items: Iterable[Any] = value
    elif isinstance(value, Mapping):
        items = (*value.keys(), *value.values())
    else:
        return None
    for item in items:
        if (found := _not_text(item)) is not None:
            return found
    return None


def event_tables(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The `[[events]]` tables of events, one at a time, fields in the store's order
    (unknown fields last, for validation to report)."""
    return (toml.event_table(in_store_order(event)) for event in events)


def into_inline_array(text: str, events: list[dict[str, Any]]) -> tuple[str, list[str], int] | None:
    """text with the events written into its top-level `events = [...]` array, just before
    the closing bracket, the inline tables written, and where they were written; None when
    there is no such array."""
    from timeline.store.positions import array_end

    found = array_end(text, ("events",))
    if found is None:
        return None
    index, value_last = found
    entries = [toml.inline_table(in_store_order(event)) for event in events]
    insertion = (", " if value_last and entries else "") + ", ".join(entries)
    return text[:index] + insertion + text[index:], entries, index


def is_text(value: str) -> bool:
    if value.isascii():
        return True
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
