"""`timeline check`: every problem of a store, beyond what loading it needs.

Loading refuses what would make the store unusable. Checking also finds what makes it less
trustworthy: declarations nothing uses, events that cite no source, and quotes that are not
in the source file they cite.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from timeline.errors import Finding, Problem, StoreError
from timeline.store import analyse, parse_toml, place, read_text

_SPACE = re.compile(r"\s+")


class Report(NamedTuple):
    """What checking a store found."""

    path: Path
    problems: list[Problem]
    events: int

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    @property
    def summary(self) -> str:
        def count(number: int, noun: str) -> str:
            return f"{number} {noun}{'' if number == 1 else 's'}"

        return (
            f"{self.path}: {count(self.events, 'event')}, {count(self.errors, 'error')}, "
            f"{count(self.warnings, 'warning')}"
        )


def check(path: Path) -> Report:
    """Check the store at path. A file that cannot be read or parsed is one error."""
    try:
        text = read_text(path)
        document = parse_toml(text, path)
    except StoreError as error:
        return Report(path, error.problems, 0)
    _, findings = analyse(document, path)
    findings += audit(document, path.parent)
    events = document.get("events")
    count = len(events) if isinstance(events, list) else 0
    return Report(path, place(findings, text, path), count)


def audit(document: dict[str, Any], folder: Path) -> list[Finding]:
    """Findings beyond the schema: unused declarations, events without sources, and quotes
    missing from their sources' files (white space aside)."""
    events = [
        (index, event)
        for index, event in enumerate(_list(document.get("events")))
        if isinstance(event, dict)
    ]
    findings: list[Finding] = []
    used: dict[str, set[str]] = {"types": set(), "actors": set(), "sources": set()}
    for _, event in events:
        if isinstance(event.get("type"), str):
            used["types"].add(event["type"])
        used["actors"].update(_strings(event.get("actors")))
        used["sources"].update(_strings(event.get("sources")))
    for actor in _table(document.get("actors")).values():
        if isinstance(actor, dict):
            used["actors"].update(_strings(actor.get("part_of")))
    for section, noun in (("types", "type"), ("actors", "actor"), ("sources", "source")):
        for item_id in _table(document.get(section)):
            if item_id not in used[section]:
                findings.append(
                    Finding(
                        (section, item_id),
                        f"{noun} {item_id!r} is declared but no event uses it",
                        field=f"{section}.{item_id}",
                        severity="warning",
                    )
                )
    texts = _source_texts(_table(document.get("sources")), folder, findings)
    for index, event in events:
        label = event["id"] if isinstance(event.get("id"), str) else f"#{index + 1}"
        cited = list(_strings(event.get("sources")))
        if not cited:
            findings.append(
                Finding(("events", index), "cites no source", label, "sources", "warning")
            )
        files = [text for source in cited if (text := texts.get(source)) is not None]
        if not files:
            continue
        for number, quote in enumerate(_strings(event.get("quotes"))):
            wanted = _normalise(quote)
            if not any(wanted in text for text in files):
                findings.append(
                    Finding(
                        ("events", index, "quotes", number),
                        f"quote {number + 1} is not in the text of its source "
                        f"({', '.join(s for s in cited if texts.get(s) is not None)})",
                        label,
                        "quotes",
                    )
                )
    return findings


def _source_texts(
    sources: dict[str, Any], folder: Path, findings: list[Finding]
) -> dict[str, str | None]:
    """The white-space-normalised text of each source that names a readable file."""
    texts: dict[str, str | None] = {}
    for source_id, source in sources.items():
        name = source.get("file") if isinstance(source, dict) else None
        if not isinstance(name, str) or not name:
            continue
        file = folder / name
        try:
            texts[source_id] = _normalise(read_text(file))
        except StoreError as error:
            reason = error.problems[0].message
            findings.append(
                Finding(
                    ("sources", source_id, "file"),
                    f"{name!r} {reason}",
                    field=f"sources.{source_id}.file",
                )
            )
            texts[source_id] = None
    return texts


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _strings(value: Any) -> Iterator[str]:
    return (item for item in _list(value) if isinstance(item, str))
