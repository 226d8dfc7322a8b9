"""The errors the user sees: one base class that carries an exit code, and its subclasses."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from pathlib import Path
from typing import NamedTuple


class ExitStatus(IntEnum):
    """Every exit code the command line uses."""

    OK = 0
    ERROR = 1
    USAGE = 2


class TimelineError(Exception):
    """An error meant for the user: its message is shown as is, without a traceback."""

    exit_status: ExitStatus = ExitStatus.ERROR

    def lines(self) -> list[str]:
        """The lines to print, one per problem."""
        return [str(self)]


class UsageError(TimelineError):
    """The command line asked for something that cannot be done (a bad option value)."""

    exit_status = ExitStatus.USAGE


class ReadOnlyStore(UsageError):
    """A write to a store that is not the user's to change: the one bundled with timeline."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path}: the bundled store is not changed; start your own with `timeline init`"
        )


class NotText(UsageError):
    """A value given for a field holds bytes that are not UTF-8 (the command line passes
    them on as lone surrogates)."""

    def __init__(self, field: str, value: str) -> None:
        self.field = field
        self.value = value
        byte = next((ord(c) - 0xDC00 for c in value if 0xDC80 <= ord(c) <= 0xDCFF), None)
        self.reason = "not UTF-8 text" + (f" (byte 0x{byte:02x})" if byte is not None else "")
        super().__init__(f"{field}: {self.reason}")


class UnknownName(UsageError):
    """A name that none of the known ones is: a type, an actor, an event's id, a format. It
    carries the names it was looked for among, and the closest of them."""

    def __init__(self, kind: str, value: str, choices: Iterable[str]) -> None:
        from timeline.names import hint, suggest

        self.kind = kind
        self.value = value
        self.choices = tuple(choices)
        self.suggestions = suggest(value, self.choices)
        self.hint = hint(self.suggestions, self.choices)  # " (did you mean 'x'?)", "; known: …"
        super().__init__(f"no {kind} {value!r}{self.hint}")


class BadValue(UsageError):
    """A value that cannot be used, and why: a year "20x3", a date without a year."""

    def __init__(self, kind: str, value: str, reason: str) -> None:
        self.kind = kind
        self.value = value
        self.reason = reason
        super().__init__(f"{kind} {value!r}: {reason}")


class NoDateline(UsageError):
    """An article that does not say when it was published, and no date given for it."""

    def __init__(self, article: str) -> None:
        self.article = article
        super().__init__(f"{article}: no dateline found to tell when the article was published")


class ArticleTooBig(TimelineError):
    """An article longer than extract reads (bad data: exit 1): its size in bytes (None when
    it was not read to its end, being over the limit) and the limit in bytes."""

    def __init__(self, article: str, size: int | None, limit: int) -> None:
        self.article = article
        self.size = size
        self.limit = limit
        given = "" if size is None else f" ({size:,} bytes)"
        super().__init__(f"{article}: the article{given} is over the limit of {limit:,} bytes")


class Problem(NamedTuple):
    """One problem found in a store, located as precisely as we can."""

    file: str
    line: int | None
    message: str
    column: int | None = None
    event: str | None = None
    field: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.what}"

    @property
    def what(self) -> str:
        """The problem without its place in the file: event, field, severity, message."""
        parts = []
        if self.event is not None:
            parts.append(f"event {self.event}")
        if self.field is not None:
            parts.append(self.field)
        if self.severity != "error":
            parts.append(self.severity)
        parts.append(self.message)
        return ": ".join(parts)


class Finding(NamedTuple):
    """A problem found in a parsed store, located by its key path, such as
    ("events", 3, "date"), until it is placed at a line and column."""

    path: tuple[str | int, ...]
    message: str
    event: str | None = None
    field: str | None = None
    severity: str = "error"


class StoreError(TimelineError):
    """The store cannot be used: it is missing, unreadable, not TOML, or breaks the schema."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class LikelyDuplicate(NamedTuple):
    """An event a change adds that the store has already (see store/duplicates.py)."""

    place: int  # its place among the change's events, from 0
    title: str
    date: str
    existing: str  # the id of the event it repeats
    reason: str  # "same date and title", "same source tass and quote"
    added: int | None = None  # when that event is added by the same change: its place there


class Duplicates(TimelineError):
    """A change that would file again what the store has: nothing is written."""

    def __init__(self, found: list[LikelyDuplicate]) -> None:
        self.found = found
        super().__init__("\n".join(describe(duplicate) for duplicate in found))

    def lines(self) -> list[str]:
        return [describe(duplicate) for duplicate in self.found]


def describe(duplicate: LikelyDuplicate) -> str:
    """A likely duplicate in words, naming the event it repeats."""
    what = f"event {duplicate.title!r} ({duplicate.date})"
    if duplicate.added is not None:
        return (
            f"{what} repeats event {duplicate.added + 1} of the same change, "
            f"{duplicate.existing} ({duplicate.reason})"
        )
    return f"{what} is already in the store as {duplicate.existing} ({duplicate.reason})"
