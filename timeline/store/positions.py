"""Where each key of a TOML document stands (line, column), for error messages.

tomllib returns values without positions, so this scans the text once more. It is only run
when a problem must be reported, and it expects text that tomllib has already accepted.
"""

from __future__ import annotations

import tomllib

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
        keys = self.keys()
        path = (*self.table, *keys)
        self.positions.setdefault(path, start)
        self.skip_blank(newlines=False)
        self.i += 1  # "="
        self.skip_blank(newlines=False)
        self.value(path)

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
            self.value(None)
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


def locate(positions: dict[Path, Position], path: Path) -> Position | None:
    """The position of path, or of its nearest ancestor that has one."""
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return None
