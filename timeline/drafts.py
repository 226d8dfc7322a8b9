"""The draft file: what `extract` writes (TOML for people to review, or JSON for programs) and
what `add --from` reads back as blocks to append to the store."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from timeline.errors import Problem, StoreError, UsageError
from timeline.extract import Extraction
from timeline.model import Source, Store
from timeline.store import SOURCE_FIELDS, Change, declaration_table, event_table


def to_toml(extraction: Extraction, name: str, review: Sequence[str] = ()) -> str:
    """The drafts as a TOML file: where they come from and the review lines as comments, the
    article's source when the store lacks it, then one [[events]] table per draft."""
    count = len(extraction.drafts)
    lines = [
        f"# Drafted by timeline extract from {_comment(name)} (published "
        f"{extraction.published.isoformat()}): {count} event{'s' if count != 1 else ''}.",
        *(f"# {_comment(line)}" for line in review),
    ]
    if extraction.suggestions:
        names = ", ".join(_comment(name) for name, _ in extraction.suggestions)
        lines.append(f"# Names that look like actors but are not in the store: {names}")
    parts = ["\n".join(lines) + "\n"]
    if extraction.source_is_new and extraction.drafts:
        source = extraction.source
        fields = {key: getattr(source, key) for key in SOURCE_FIELDS if getattr(source, key)}
        parts.append(
            "# The article as a source: the store has no source for it yet.\n"
            + declaration_table("sources", source.id, fields)
        )
    for draft in extraction.drafts:
        comment = ""
        if draft.suggestions:
            comment = f"# not in the store: {_comment(', '.join(draft.suggestions))}\n"
        parts.append(comment + event_table(draft.fields()))
    return "\n".join(parts)


def to_json(extraction: Extraction) -> str:
    """The drafts as JSON: the source, the events with their suggestions, all suggestions."""
    document = {
        "published": extraction.published.isoformat(),
        "source": {"id": extraction.source.id, **extraction.source._asdict()},
        "source_is_new": extraction.source_is_new,
        "events": [{**d.fields(), "suggestions": list(d.suggestions)} for d in extraction.drafts],
        "suggestions": [{"name": n, "drafts": c} for n, c in extraction.suggestions],
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
    document: dict[str, Any] = {
        "events": [{k: v for k, v in e.items() if k != "suggestions"} for e in events]
    }
    if data.get("source_is_new") and isinstance(source, dict) and isinstance(source.get("id"), str):
        fields = {key: source[key] for key in SOURCE_FIELDS if source.get(key)}
        document["sources"] = {source["id"]: fields}
    return document


def change_of(document: dict[str, Any], store: Store, path: Path) -> Change:
    """What a parsed draft file adds to the store: its sources, actors and types the store does
    not have (`timeline import -o` writes the last two), then its events. The events are
    validated when the change is."""
    sections = ("events", "sources", "actors", "types")
    unknown = [key for key in document if key not in sections]
    if unknown:
        message = (
            f"{', '.join(unknown)}: a draft file holds only [[events]], [sources.*], "
            "[actors.*] and [types.*]"
        )
        raise StoreError([Problem(str(path), None, message)])
    events = document.get("events", [])
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise StoreError([Problem(str(path), None, "events: must be [[events]] tables")])
    for section in sections[1:]:
        tables = document.get(section, {})
        if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
            message = f"{section}: must be [{section}.ID] tables"
            raise StoreError([Problem(str(path), None, message)])
    if not events:
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
    return Change(declarations=tuple(added), events=tuple(events))


def _differs(source: Source, fields: dict[str, Any]) -> bool:
    return any(fields.get(key, "") != getattr(source, key) for key in SOURCE_FIELDS)


def _comment(text: str) -> str:
    # A comment ends at the line's end: keep a name with a line break on one line.
    return " ".join(text.split())
