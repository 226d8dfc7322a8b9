"""The one validation of a store's text: its schema, then its quotes and declarations.

`timeline check` reports all of it; every write refuses a result with any error in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from timeline.errors import Finding, Problem, StoreError
from timeline.model import Store
from timeline.store import audit, schema, toml
from timeline.store.files import decode


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
    def contested(self) -> int:
        """How many events are contested (information, neither error nor warning)."""
        return sum(1 for p in self.problems if p.severity == "info")

    @property
    def summary(self) -> str:
        def count(number: int, noun: str) -> str:
            return f"{number} {noun}{'' if number == 1 else 's'}"

        contested = f", {count(self.contested, 'contested event')}" if self.contested else ""
        return (
            f"{self.path}: {count(self.events, 'event')}, {count(self.errors, 'error')}, "
            f"{count(self.warnings, 'warning')}{contested}"
        )


class Checked(NamedTuple):
    """A store's text, checked: the store (None when there are errors) and the report."""

    store: Store | None
    report: Report


def check_bytes(data: bytes, path: Path, *, errors_only: bool = False) -> Checked:
    """Check a store whose file holds data. A file that cannot be decoded or parsed is one
    error. errors_only: leave the warnings out (a write needs only the errors, and placing a
    problem at its line costs a scan of the text)."""
    try:
        text = decode(data, str(path))
        document = toml.parse(text, path)
    except StoreError as error:
        return Checked(None, Report(path, error.problems, 0))
    store, findings = schema.analyse(document, path)
    findings += audit.audit(document, path)
    if store is not None and not errors_only:
        findings += contested_events(store)
    if errors_only:
        findings = [finding for finding in findings if finding.severity == "error"]
    events = document.get("events")
    count = len(events) if isinstance(events, list) else 0
    report = Report(path, schema.place(findings, text, path, events=count), count)
    return Checked(store if report.errors == 0 else None, report)


def contested_events(store: Store) -> list[Finding]:
    """Information, not a problem: each event whose accounts disagree, and on what."""
    if not any(event.accounts for event in store.events):
        return []
    from timeline.contested import contested

    return [
        Finding(
            ("events", event.number - 1), f"contested: {', '.join(fields)}", event.id, None, "info"
        )
        for event in store.events
        if event.accounts and (fields := contested(event))
    ]


def errors_of(report: Report) -> StoreError:
    """The error a write raises for a report with errors: exactly its error lines."""
    return StoreError([problem for problem in report.problems if problem.severity == "error"])
