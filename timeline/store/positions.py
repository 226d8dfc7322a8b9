"""Where each key of a TOML document stands (line, column), for error messages.

tomllib returns values without positions, so this scans the text once more. It is only run
when a problem must be reported, and it expects text that tomllib has already accepted.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left

Path = tuple[str | int, ...]
Position = tuple[int, int]

_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line = 1
        self.line_start = 0
        self.positions: dict[Path, Position] = {}
        self.table: Path = ()
        self.array_counts: dict[Path, int] = {}
        # For each array written as a value: where its closing bracket stands, and whether a
        # value comes last (not a comma), so that one more can be written after it.
        self.array_ends: dict[Path, tuple[int, bool]] = {}
        # Where each table's header starts and its last key-value ends (indexes into text),
        # and where each key-value (or element of an array value) starts and ends.
        self.table_spans: dict[Path, tuple[int, int]] = {}
        self.entry_spans: dict[Path, tuple[int, int]] = {}
        self.value_starts: dict[Path, int] = {}

    @property
    def here(self) -> Position:
        return self.line, self.i - self.line_start + 1

    def peek(self, offset: int = 0) -> str:
        index = self.i + offset
        return self.text[index] if index < len(self.text) else ""

    def advance(self) -> None:
        if self.text[self.i] == "\n":
            self.line += 1
            self.line_start = self.i + 1
        self.i += 1

    def skip_blank(self, newlines: bool) -> None:
        while self.i < len(self.text):
            char = self.text[self.i]
            if char in " \t" or (newlines and char in "\r\n"):
                self.advance()
            elif char == "#":
                while self.i < len(self.text) and self.text[self.i] != "\n":
                    self.i += 1
            else:
                return

    def scan(self) -> dict[Path, Position]:
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.text):
                return self.positions
            if self.peek() == "[":
                self.header()
            else:
                self.key_value()

    def header(self) -> None:
        start = self.here
        start_index = self.i
        double = self.peek(1) == "["
        self.i += 2 if double else 1
        keys = self.keys()
        self.i += 2 if double else 1
        path = (*self.resolve(keys[:-1]), keys[-1])
        if double:
            self.positions.setdefault(path, start)
            index = self.array_counts.get(path, -1) + 1
            self.array_counts[path] = index
            path = (*path, index)
        self.table = path
        self.positions.setdefault(path, start)
        self.table_spans[path] = (start_index, self.i)

    def resolve(self, keys: list[str]) -> Path:
        # [[a]] then [a.b]: b belongs to the last element of the array of tables a.
        path: Path = ()
        for key in keys:
            path = (*path, key)
            if path in self.array_counts:
                path = (*path, self.array_counts[path])
        return path

    def keys(self) -> list[str]:
        keys = []
        while True:
            self.skip_blank(newlines=False)
            keys.append(self.key())
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return keys
            self.i += 1

    def key(self) -> str:
        char = self.peek()
        if char in "\"'":
            start = self.i
            self.skip_string()
            raw = self.text[start : self.i]
            value = tomllib.loads(f"k = {raw}")["k"]
            return str(value)
        start = self.i
        while self.peek() in _BARE_KEY_CHARS and self.peek():
            self.i += 1
        return self.text[start : self.i]

    def key_value(self) -> None:
        start = self.here
        start_index = self.i
        keys = self.keys()
        path = (*self.table, *keys)
        self.positions.setdefault(path, start)
        self.skip_blank(newlines=False)
        self.i += 1  # "="
        self.skip_blank(newlines=False)
        self.value_starts[path] = self.i
        self.value(path)
        end = self.value_end()
        self.entry_spans[path] = (start_index, end)
        if self.table in self.table_spans:
            self.table_spans[self.table] = (self.table_spans[self.table][0], end)

    def value_end(self) -> int:
        """Where the value just scanned ends: a bare value stops before trailing blanks."""
        end = min(self.i, len(self.text))
        while end > 0 and self.text[end - 1] in " \t":
            end -= 1
        return end

    def value(self, path: Path | None) -> None:
        char = self.peek()
        if char in "\"'":
            self.skip_string()
        elif char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table()
        else:
            while self.peek() and self.peek() not in ",]}#\r\n":
                self.i += 1

    def array(self, path: Path | None) -> None:
        self.i += 1
        index = 0
        value_last = False
        while True:
            self.skip_blank(newlines=True)
            char = self.peek()
            if char in ("]", ""):
                if path is not None:
                    self.array_ends[path] = (self.i, value_last)
                self.i += 1
                return
            if char == ",":
                self.i += 1
                value_last = False
                continue
            if path is not None:
                self.positions.setdefault((*path, index), self.here)
            start_index = self.i
            self.value(None)
            if path is not None:
                self.entry_spans[(*path, index)] = (start_index, self.value_end())
            value_last = True
            index += 1

    def inline_table(self) -> None:
        self.i += 1
        while True:
            self.skip_blank(newlines=True)
            char = self.peek()
            if char in ("}", ""):
                self.i += 1
                return
            if char == ",":
                self.i += 1
                continue
            self.keys()
            self.skip_blank(newlines=False)
            self.i += 1
            self.skip_blank(newlines=False)
            self.value(None)

    def skip_string(self) -> None:
        quote = self.peek()
        if self.text.startswith(quote * 3, self.i):
            self.i += 3
            while self.i < len(self.text):
                if quote == '"' and self.peek() == "\\":
                    self.advance()
                    self.advance()
                elif self.text.startswith(quote * 3, self.i):
                    self.i += 3
                    while self.peek() == quote:  # up to two quotes may close the content
                        self.i += 1
                    return
                else:
                    self.advance()
            return
        self.i += 1
        while self.i < len(self.text) and self.peek() != quote:
            if quote == '"' and self.peek() == "\\":
                self.i += 1
            self.i += 1
        self.i += 1


def key_positions(text: str) -> dict[Path, Position]:
    """Map each key path, such as ("events", 3, "date") or ("events", 3, "quotes", 0), to the
    line and column where it is written. Table headers map to the header's position."""
    return _Scanner(text).scan()


def array_end(text: str, path: Path) -> tuple[int, bool] | None:
    """Where the closing bracket of the array at path stands in text (an index), and whether
    a value comes last in it (so that one more needs a comma first); None for no such array."""
    scanner = _Scanner(text)
    scanner.scan()
    return scanner.array_ends.get(path)


# A line that starts a table: its header. A line of a multi-line string or array can look
# like one too; Layout checks what it finds before trusting it.
_HEADER_LINE = re.compile(r"^[ \t]*\[", re.MULTILINE)
_EVENTS_HEADER = re.compile(r"[ \t]*\[\[[ \t]*(?:events|\"events\"|'events')[ \t]*\]\]")
# A table inside the current event: [events.x] or [[events.accounts]], never a new event.
_EVENTS_SUBTABLE = re.compile(r"[ \t]*\[\[?[ \t]*(?:events|\"events\"|'events')[ \t]*\.")


class Layout:
    """Where the tables, key-values and array elements of a store's text start and end, as
    indexes into the text: what a write needs to change one part and keep the rest.

    A big store is not scanned whole: its header lines are found with a pattern, and only the
    parts a change touches are scanned. When the `[[events]]` headers found are not as many
    as the store's events (a header-like line inside a string, or events written as an
    inline array), the whole text is scanned instead.
    """

    def __init__(self, text: str, events: int) -> None:
        self.text = text
        starts = [match.start() for match in _HEADER_LINE.finditer(text)]
        self._bounds = [*starts, len(text)]
        self._event_segments = [
            k for k, start in enumerate(starts) if _EVENTS_HEADER.match(text, start)
        ]
        self.tables: dict[Path, tuple[int, int]] = {}
        self.entries: dict[Path, tuple[int, int]] = {}
        self.value_starts: dict[Path, int] = {}
        self.array_ends: dict[Path, tuple[int, bool]] = {}
        self.positions: dict[Path, Position] = {}  # as key_positions gives them
        self._line_breaks: list[int] | None = None
        self.whole = False
        if len(self._event_segments) != events:
            self._scan_whole()
            return
        # Everything but the events: the top-level keys and the declarations' tables. Each
        # part must be TOML on its own: a part cut where a string or an array goes on over a
        # header-like line is not, and then the whole text is scanned.
        in_events = set(self._event_segments)
        parts = [(0, self._bounds[0])]
        for k in range(len(starts)):
            if k not in in_events and not _EVENTS_SUBTABLE.match(text, starts[k]):
                parts.append((starts[k], self._bounds[k + 1]))
        if not all(_is_toml(text[start:end]) for start, end in parts):
            self._scan_whole()
            return
        for start, end in parts:
            self._add(_scanned(text[start:end]), start, {})

    def event(self, index: int) -> None:
        """Scan the event at index (its table, and tables inside it) if not yet done."""
        if self.whole or ("events", index) in self.tables:
            return
        k = self._event_segments[index]
        start = self._bounds[k]
        end = self._bounds[k + 1]
        while k + 1 < len(self._bounds) - 1 and _EVENTS_SUBTABLE.match(self.text, end):
            k += 1
            end = self._bounds[k + 1]
        part = self.text[start:end]
        if not _is_toml(part, events=1):
            self._scan_whole()  # the event goes on past a header-like line in a string
            return
        self._add(_scanned(part), start, {("events", 0): ("events", index)})

    def _scan_whole(self) -> None:
        self.whole = True
        for spans in (self.tables, self.entries, self.value_starts, self.array_ends):
            spans.clear()
        self.positions.clear()
        self._add(_scanned(self.text), 0, {})

    def first_event(self) -> int | None:
        """Where the first `[[events]]` header starts, if events are written as tables."""
        path = ("events", 0)
        if not self.whole and self._event_segments:
            return self._bounds[self._event_segments[0]]
        return self.tables[path][0] if path in self.tables else None

    def within(self, prefix: Path) -> list[tuple[int, int]]:
        """The spans of every table and entry at or under prefix."""
        size = len(prefix)
        return [
            span
            for spans in (self.tables, self.entries)
            for path, span in spans.items()
            if path[:size] == prefix
        ]

    def _add(self, scanner: _Scanner, offset: int, renamed: dict[Path, Path]) -> None:
        def moved(path: Path) -> Path:
            for old, new in renamed.items():
                if path[: len(old)] == old:
                    return (*new, *path[len(old) :])
            return path

        for path, (start, end) in scanner.table_spans.items():
            self.tables[moved(path)] = (start + offset, end + offset)
        for path, (start, end) in scanner.entry_spans.items():
            self.entries[moved(path)] = (start + offset, end + offset)
        for path, start in scanner.value_starts.items():
            self.value_starts[moved(path)] = start + offset
        for path, (end, value_last) in scanner.array_ends.items():
            self.array_ends[moved(path)] = (end + offset, value_last)
        lines = self._lines_before(offset)
        for path, (line, column) in scanner.positions.items():
            self.positions.setdefault(moved(path), (line + lines, column))

    def _lines_before(self, offset: int) -> int:
        """How many line breaks the text has before offset (found once, then by bisection)."""
        if offset == 0:
            return 0
        if self._line_breaks is None:
            self._line_breaks = [m.start() for m in re.finditer("\n", self.text)]
        return bisect_left(self._line_breaks, offset)


def _is_toml(text: str, *, events: int = 0) -> bool:
    """Whether text is TOML on its own (with this many [[events]] tables)."""
    from timeline.store.toml import parser as toml_parser

    parser = toml_parser()
    try:
        document = parser.loads(text)
    except parser.TOMLDecodeError:
        return False
    found = document.get("events", [])
    return not events or (isinstance(found, list) and len(found) == events)


def _scanned(text: str) -> _Scanner:
    scanner = _Scanner(text)
    scanner.scan()
    return scanner


def locate(positions: dict[Path, Position], path: Path) -> Position | None:
    """The position of path, or of its nearest ancestor that has one."""
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return None
