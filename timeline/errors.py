"""The errors the user sees: one base class that carries an exit code, and its subclasses."""

from __future__ import annotations

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
        super().__init__(f"{path}: the bundled store is not changed")


class NotText(UsageError):
    """A value given for a field holds bytes that are not UTF-8 (the command line passes
    them on as lone surrogates)."""

    def __init__(self, field: str, value: str) -> None:
        self.field = field
        self.value = value
        byte = next((ord(c) - 0xDC00 for c in value if 0xDC80 <= ord(c) <= 0xDCFF), None)
        self.reason = "not UTF-8 text" + (f" (byte 0x{byte:02x})" if byte is not None else "")
        super().__init__(f"{field}: {self.reason}")


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
        parts = [where]
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
