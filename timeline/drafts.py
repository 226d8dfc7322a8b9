"""The draft file: what `extract` writes (TOML for people to review, or JSON for programs) and
what `add --from` reads back as blocks to append to the store."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from timeline.errors import Problem, StoreError, UsageError
from timeline.extract import Extraction
from timeline.model import Actor, Source, Store
from timeline.store import (
    SOURCE_FIELDS,
    Change,
    account_table,
    declaration_table,
    event_table,
)


def to_toml(extraction: Extraction, name: str, review: Sequence[str] = ()) -> str:
    """The drafts as a TOML file: where they come from and the review lines as comments, the
    articles' sources the store lacks, the actors it lacks, one [[events]] table per draft,
    then one [[accounts]] table for each account of an event the store has."""
    count = len(extraction.drafts)
    lines = [
        f"# Drafted by timeline extract from {_comment(name)} (published "
        f"{extraction.published.isoformat()}): {count} event{'s' if count != 1 else ''}.",
        *(f"# {_comment(line)}" for line in review),
    ]
    parts = ["\n".join(lines) + "\n"]
    if extraction.drafts or extraction.accounts:
        for number, source in enumerate(extraction.sources_to_declare()):
            fields = {key: getattr(source, key) for key in SOURCE_FIELDS if getattr(source, key)}
            head = "# The article as a source: the store has no source for it yet.\n"
            parts.append(("" if number else head) + declaration_table("sources", source.id, fields))
    for number, actor in enumerate(extraction.actors):
        head = ""
        if number == 0:
            head = (
                "# Actors the store does not have, named by the drafts: check each name and "
                "kind;\n# delete one that is wrong, and its id from the events' actors.\n"
            )
        parts.append(head + declaration_table("actors", actor.id, actor_fields(actor)))
    for draft in extraction.drafts:
        parts.append(event_table(draft.fields()))
    for number, account in enumerate(extraction.accounts):
        head = ""
        if number == 0:
            head = (
                "# Accounts of events the store has: add --from adds each to its event (and\n"
                "# the source to the event's sources).\n"
            )
        parts.append(head + account_table(account, "accounts"))
    return "\n".join(parts)


def actor_fields(actor: Actor) -> dict[str, Any]:
    """An actor's declaration, without its id or empty fields."""
    fields: dict[str, Any] = {
        "name": actor.name,
        "kind": actor.kind,
        "role": actor.role,
        "aliases": list(actor.aliases),
    }
    return {key: value for key, value in fields.items() if value}


def to_json(extraction: Extraction) -> str:
    """The drafts as JSON: the source, the actors the store lacks, the events."""
    document = {
        "published": extraction.published.isoformat(),
        "source": {"id": extraction.source.id, **extraction.source._asdict()},
        "source_is_new": extraction.source_is_new,
        "sources": [{"id": s.id, **s._asdict()} for s in extraction.new_sources],
        "actors": [{"id": a.id, **actor_fields(a)} for a in extraction.actors],
        "events": [d.fields() for d in extraction.drafts],
        "accounts": list(extraction.accounts),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read_drafts(path: Path) -> dict[str, Any]:
    """A draft file as a document of [[events]] and [sources.*]: TOML as to_toml writes it,
    or JSON as to_json does (a name ending in .json)."""
    from timeline.store import read_document, read_json

    if path.suffix.lower() != ".json":
        return read_document(path)
    data = read_json(path)
    events = data.get("events") if isinstance(data, dict) else None
    source = data.get("source") if isinstance(data, dict) else None
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        message = "not the JSON of timeline extract: no list of events"
        raise StoreError([Problem(str(path), None, message)])
    document: dict[str, Any] = {"events": events}
    actors = data.get("actors") or []
    if not isinstance(actors, list) or not all(
        isinstance(a, dict) and isinstance(a.get("id"), str) for a in actors
    ):
        raise StoreError([Problem(str(path), None, "actors: must be a list of actors with ids")])
    if actors:
        document["actors"] = {a["id"]: {k: v for k, v in a.items() if k != "id"} for a in actors}
    declared = [source] if data.get("source_is_new") else []
    more = data.get("sources")
    if isinstance(more, list) and more:
        declared = more
    for item in declared:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            fields = {key: item[key] for key in SOURCE_FIELDS if item.get(key)}
            document.setdefault("sources", {})[item["id"]] = fields
    accounts = data.get("accounts")
    if accounts:
        document["accounts"] = accounts
    return document


def change_of(document: dict[str, Any], store: Store, path: Path) -> Change:
    """What a parsed draft file adds to the store: its sources, actors and types the store does
    not have (`timeline import -o` writes types, `extract` actors), its events, and its
    accounts written into the events they tell of. The events and accounts are validated when
    the change is."""
    sections = ("events", "sources", "actors", "types", "accounts")
    unknown = [key for key in document if key not in sections]
    if unknown:
        message = (
            f"{', '.join(unknown)}: a draft file holds only [[events]], [sources.*], "
            "[actors.*], [types.*] and [[accounts]]"
        )
        raise StoreError([Problem(str(path), None, message)])
    events = document.get("events", [])
    accounts = document.get("accounts", [])
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise StoreError([Problem(str(path), None, "events: must be [[events]] tables")])
    for section in ("sources", "actors", "types"):
        tables = document.get(section, {})
        if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
            message = f"{section}: must be [{section}.ID] tables"
            raise StoreError([Problem(str(path), None, message)])
    if not isinstance(accounts, list) or not all(
        isinstance(a, dict) and isinstance(a.get("event"), str) and isinstance(a.get("source"), str)
        for a in accounts
    ):
        message = "accounts: must be [[accounts]] tables, each with an event and a source"
        raise StoreError([Problem(str(path), None, message)])
    if not events and not accounts:
        raise UsageError(f"{path}: no [[events]] to add")
    added = []
    for source_id, fields in document.get("sources", {}).items():
        if source_id in store.sources:
            if _differs(store.sources[source_id], fields):
                message = f"source {source_id}: the store has a different source of this id"
                raise StoreError([Problem(str(path), None, message)])
            continue
        added.append(("sources", source_id, fields))
    for section, declared in (("actors", store.actors), ("types", store.types)):
        for item_id, fields in document.get(section, {}).items():
            if item_id not in declared:  # one the store has already is the store's
                added.append((section, item_id, fields))
    change = Change(declarations=tuple(added), events=tuple(events))
    if accounts:
        change = _with_accounts(change, accounts, store, path)
    return change


def _with_accounts(
    change: Change, accounts: list[dict[str, Any]], store: Store, path: Path
) -> Change:
    """The change with each account added to its event, the event citing the account's
    source too. An account of a source the event cites already is left out: it was filed
    before."""
    known = {event.id: event for event in store.events}
    missing = sorted({a["event"] for a in accounts if a["event"] not in known})
    if missing:
        message = f"accounts: no event {', '.join(missing)} in the store"
        raise StoreError([Problem(str(path), None, message)])
    wanted = [
        account
        for account in accounts
        if account["source"] not in {a.source for a in known[account["event"]].accounts}
        and account["source"] not in known[account["event"]].sources
    ]
    if not wanted:
        return change
    cited: dict[str, list[str]] = {}  # the sources of each event that gains an account
    account_edits = []
    for account in wanted:
        event_id, source = account["event"], account["source"]
        cited.setdefault(event_id, list(known[event_id].sources)).append(source)
        fields = {k: v for k, v in account.items() if k not in ("event", "source")}
        account_edits.append((event_id, source, fields))
    edits = tuple((event_id, {"sources": sources}) for event_id, sources in cited.items())
    return change._replace(edits=edits, account_edits=tuple(account_edits))


def _differs(source: Source, fields: dict[str, Any]) -> bool:
    return any(fields.get(key, "") != getattr(source, key) for key in SOURCE_FIELDS)


def _comment(text: str) -> str:
    # A comment ends at the line's end: keep a name with a line break on one line.
    return " ".join(text.split())
