"""The store's TOML: parse text (errors placed at their line and column) and write new tables."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from timeline.errors import Problem, StoreError
from timeline.store.files import utf16

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def parser() -> ModuleType:
    """The TOML parser, imported only when a store is parsed (a cached store is not)."""
    try:  # the compiled parser, about 1.8x faster than tomllib on big stores (measured)
        import tomli
    except ImportError:  # pragma: no cover - tomli is a dependency; tomllib is the same parser
        import tomllib

        return tomllib
    return tomli


def parse(text: str, path: Path) -> dict[str, Any]:
    """Parse TOML; a syntax error becomes one problem at the line and column the parser names."""
    reader = parser()
    try:
        return reader.loads(text)  # type: ignore[no-any-return]
    except reader.TOMLDecodeError as error:
        message = str(error)
        line = column = None
        if match := _TOML_POSITION.search(message):
            line, column = int(match[1]), int(match[2])
            message = message[: match.start()]
        elif message.endswith("(at end of document)"):
            line, column = _end_of(text)
            message = message.removesuffix(" (at end of document)") + " at the end of the file"
        if line is not None and (line, column or 1) > _end_of(text):
            line, column = _end_of(text)  # never past the end of the file
        problem = Problem(
            str(path), line, f"TOML syntax: {message[:1].lower()}{message[1:]}", column=column
        )
        raise StoreError([problem]) from None
    except RecursionError:
        problem = Problem(str(path), 1, "TOML syntax: values are nested too deeply", column=1)
        raise StoreError([problem]) from None


# A big store is parsed a block of [[events]] tables at a time (see in_blocks): about this
# many bytes each.
BLOCK_BYTES = 1 << 20
_EVENTS_HEADER = b"\n[[events]]"  # an [[events]] table's header, at the start of a line


class Unsplit(Exception):
    """The bytes cannot be parsed a block at a time as they would be whole: they are to be
    decoded and parsed whole, which also says what is wrong with them, if anything."""


class Blocks(NamedTuple):
    """A store's bytes parsed a block at a time (in_blocks)."""

    head: dict[str, Any]  # the document the bytes before the first [[events]] table make
    tables: Iterator[list[Any]]  # the [[events]] tables, a block's worth at a time
    appendable: bool  # as appendable() says of the whole text


def in_blocks(data: bytes) -> Blocks | None:
    """A store's bytes as the document before its first [[events]] table (its declarations),
    then its [[events]] tables, decoded and parsed a block at a time as they are asked for,
    so that neither the whole text nor all the tables need ever be in memory at once; None
    when there is no [[events]] table to start a block at. Once every block is parsed, head
    with the tables as its `events` is the document parse() gives the whole text; tables
    raises Unsplit when a block is not UTF-8, not TOML on its own, or holds anything else
    than [[events]] tables (say, a [types.x] table after the events), and in_blocks raises it
    when the head is not UTF-8 or TOML, or holds `events`: then parse the whole text."""
    # Why the blocks parse as the whole does: each begins at an [[events]] header, which
    # starts a new table of the array, with none of the previous one's keys (tomli forgets
    # the flags under `events` there, as the specification says). A block that holds only
    # that table (and tables under it) parses alone to what the whole text makes of it. A
    # header found inside a multi-line string or array leaves the block before it
    # unterminated, and so not TOML: Unsplit.
    if utf16(data):
        raise Unsplit
    first = data.find(_EVENTS_HEADER)
    if first < 0:
        return None
    head_text = _decoded(data, 0, first + 1).removeprefix("\ufeff")
    head = _parsed(head_text)
    if "events" in head:
        raise Unsplit
    tables = (tables for _, tables in _blocks(data, first + 1))
    return Blocks(head, tables, appendable(head_text))


def appended_blocks(added: bytes) -> Iterator[tuple[str, list[Any]]]:
    """The [[events]] tables that bytes appended to a store hold (as addition() writes
    them), a block at a time, each with its text (to place a problem in); Unsplit as in
    in_blocks, and when anything but blank lines comes before the first table."""
    first = added.find(_EVENTS_HEADER)
    if added[: len(added) if first < 0 else first].strip():
        raise Unsplit
    return _blocks(added, first + 1) if first >= 0 else iter(())


def _blocks(data: bytes, first: int) -> Iterator[tuple[str, list[Any]]]:
    """The [[events]] tables from the one that starts at first, about BLOCK_BYTES of them at
    a time, each block with its text."""
    start = first
    while start < len(data):
        found = data.find(_EVENTS_HEADER, start + BLOCK_BYTES)
        end = len(data) if found < 0 else found + 1
        text = _decoded(data, start, end)
        block = _parsed(text)
        tables = block.get("events")
        if len(block) != 1 or not isinstance(tables, list):
            raise Unsplit
        del block
        yield text, tables
        start = end


def _decoded(data: bytes, start: int, end: int) -> str:
    try:
        return str(memoryview(data)[start:end], "utf-8")
    except UnicodeDecodeError:
        raise Unsplit from None  # decoding the whole says where


def _parsed(text: str) -> dict[str, Any]:
    reader = parser()
    try:
        return reader.loads(text)  # type: ignore[no-any-return]
    except (reader.TOMLDecodeError, RecursionError):
        raise Unsplit from None  # parsing the whole says where


def _end_of(text: str) -> tuple[int, int]:
    """The line and column just after the last character of the text: on its last line
    (a final line break does not start a line an editor shows)."""
    body = text[:-1] if text.endswith("\n") else text
    body = body.removesuffix("\r") if text.endswith("\r\n") else body
    start = body.rfind("\n") + 1
    return body.count("\n") + 1, len(body) - start + 1


def appendable(text: str) -> bool:
    """Whether [[events]] tables can be appended to this (valid) store's text. Only a
    top-level `events = [...]` forbids it, and top-level keys all come before the first
    table header, so parsing the text before that header tells."""
    first_header = re.search(r"^[ \t]*\[", text, re.MULTILINE)
    head = text[: first_header.start()] if first_header else text
    reader = parser()
    try:
        return "events" not in reader.loads(head)
    except reader.TOMLDecodeError:
        return False  # a header-like line inside a string: do not guess


def event_table(fields: Mapping[str, Any]) -> str:
    """One event as a TOML `[[events]]` table: its figures as an inline table, its accounts
    as `[[events.accounts]]` tables after it."""
    fields = dict(fields)
    accounts = fields.get("accounts")
    if isinstance(accounts, list | tuple) and all(isinstance(a, Mapping) for a in accounts):
        del fields["accounts"]
    else:
        accounts = ()  # not tables: written as given, for validation to report
    # The header is written here: tomli-w would write a short event as an inline table
    # (`events = [{...}]`), which cannot follow the store's own [[events]] tables, and a
    # table inside it as a table of the file's top level.
    text = "[[events]]\n" + _table_body(fields)
    for account in accounts:
        text += "\n" + account_table(account)
    return text


def account_table(account: Mapping[str, Any], header: str = "events.accounts") -> str:
    """One account as a TOML `[[events.accounts]]` table, to follow its event's table (or
    under another header: a draft file's `[[accounts]]`)."""
    return f"[[{header}]]\n" + _table_body(account)


def _table_body(fields: Mapping[str, Any]) -> str:
    """The key-values of a table: tables and arrays holding tables written inline, last."""

    plain: list[str] = []
    inline: list[str] = []
    for key, value in fields.items():
        kind = type(value)
        if kind is str:  # most values, and lists of texts: decided at once
            plain.append(f"{written_key(key)} = {_text(value)}\n")
        elif (kind is list or kind is tuple) and all(type(item) is str for item in value):
            plain.append(f"{written_key(key)} = {_texts(value)}\n")
        elif _nested(value):
            inline.append(f"{written_key(key)} = {inline_value(value)}\n")
        else:
            plain.append(f"{written_key(key)} = {_literal(value)}\n")
    return "".join(plain + inline)


def _nested(value: Any) -> bool:
    """Whether a value is or holds a table (written inline, after the other values)."""
    if isinstance(value, Mapping):
        return True
    if isinstance(value, list | tuple):
        return any(not isinstance(item, str) and _nested(item) for item in value)
    return False


# TOML's escapes in a basic string (tomli-w's: short ones where TOML has them, else \uXXXX):
# what a quote, a backslash and a control character other than tab become.
_ESCAPES = {
    **{code: f"\\u{code:04x}" for code in [*range(32), 127] if code != 9},
    **{ord(c): e for c, e in {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r"}.items()},
    ord('"'): '\\"',
    ord("\\"): "\\\\",
}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _literal(value: Any, nesting: int = 0) -> str:
    """A value as tomli-w writes it in a table (an array one item a line), byte for byte;
    written here because a big import writes hundreds of thousands of them, and tomli-w's
    general writer takes several times as long (measured)."""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        indent = "    " * (nesting + 1)
        items = ",\n".join(indent + _literal(item, nesting + 1) for item in value)
        return f"[\n{items},\n{'    ' * nesting}]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        pairs = ", ".join(f"{written_key(k)} = {_literal(v, nesting)}" for k, v in value.items())
        return "{ " + pairs + " }"
    import tomli_w  # anything else (a date): as tomli-w writes it

    return tomli_w.dumps({"x": value})[len("x = ") : -1]


def _text(value: str) -> str:
    """A text as a TOML basic string."""
    # A printable text has no control character; most have no quote or backslash either,
    # and need no escape (translating each costs a fifth of a big import's writing).
    if value.isprintable() and '"' not in value and "\\" not in value:
        return '"' + value + '"'
    return '"' + value.translate(_ESCAPES) + '"'


def _texts(values: list[str] | tuple[str, ...]) -> str:
    """A list of texts as _literal writes it in a table (one a line), without its walk."""
    if not values:
        return "[]"
    return "[\n" + "".join([f"    {_text(value)},\n" for value in values]) + "]"


def inline_table(fields: Mapping[str, Any]) -> str:
    """A table as one line of TOML, `{ key = value, ... }`: an element of an inline array."""
    return (
        "{ "
        + ", ".join(
            f"{written_key(name)} = {inline_value(value)}" for name, value in fields.items()
        )
        + " }"
    )


@lru_cache(maxsize=4096)
def written_key(name: str) -> str:
    """A key as TOML writes it: bare when it can be, quoted otherwise (remembered: a store's
    keys are a few names written over and over)."""
    return name if _BARE_KEY.fullmatch(name) else _literal(name)


def inline_value(value: Any) -> str:
    """A value as TOML on one line."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(inline_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return inline_table(value)
    # A scalar: strings are written on one line, their line breaks escaped.
    return _literal(value)


def declaration_table(section: str, item_id: str, fields: Mapping[str, Any]) -> str:
    """One declaration (a source, an actor, a type) as a `[section.id]` table."""
    import tomli_w

    return tomli_w.dumps({section: {item_id: dict(fields)}})


def addition(old: bytes, tables: Iterable[str]) -> bytes:
    """The bytes that append tables to a file whose bytes are old, each after a blank line,
    in the file's own line endings (a CRLF file stays CRLF, as its first line ends)."""
    first_end = old.find(b"\n")
    newline = b"\r\n" if first_end > 0 and old[first_end - 1 : first_end] == b"\r" else b"\n"
    # Written into one buffer as the tables come: adding to bytes in a loop copies them each
    # time, and a list of parts to join would hold a big import's tables twice.
    written = io.BytesIO()
    if old and not old.endswith(b"\n"):
        written.write(newline)
    for table in tables:
        written.write(newline)
        written.write(table.encode("utf-8").replace(b"\n", newline))
    return written.getvalue()
