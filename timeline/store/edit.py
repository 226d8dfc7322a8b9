"""Changes to a store's text that keep every byte they do not change: an event's block
replaced, its fields set or dropped, the event removed, a declaration inserted among its
section or removed.

Each function returns splices (start, end, new text) on the file's text; `spliced` applies
them together. Validating the result is the facade's job (timeline.store): these functions
only find where things are written and write them in the file's own line endings.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from typing import Any, NamedTuple

from timeline.store import toml
from timeline.store.positions import Layout


class Splice(NamedTuple):
    """text[start:end] becomes new."""

    start: int
    end: int
    new: str


class CannotEdit(Exception):
    """A change that cannot be written into the file as it is laid out, and why."""


def spliced(text: str, splices: list[Splice]) -> str:
    """text with the splices applied (they must not overlap)."""
    parts = []
    done = 0
    for splice in sorted(splices, key=lambda s: (s.start, s.end)):
        if splice.start < done:
            raise CannotEdit("two changes touch the same part of the file")
        parts += [text[done : splice.start], splice.new]
        done = splice.end
    parts.append(text[done:])
    return "".join(parts)


def newline_of(text: str) -> str:
    """The file's line ending, as its first line ends."""
    first_end = text.find("\n")
    return "\r\n" if first_end > 0 and text[first_end - 1] == "\r" else "\n"


def in_file_endings(text: str, newline: str) -> str:
    """text (written with \\n, or as the user typed it) in the file's line endings."""
    text = text.replace("\r\n", "\n")
    return text.replace("\n", newline) if newline != "\n" else text


def event_block(layout: Layout, index: int) -> tuple[int, int, bool]:
    """Where the event at index is written: from the start of its `[[events]]` header's line
    to the end of its last line (its line break included), or the span of its `{...}` in an
    `events = [...]` array; and whether it is a table (not an inline element)."""
    layout.event(index)
    path = ("events", index)
    if path in layout.tables:
        start = _line_start(layout.text, layout.tables[path][0])
        end = _line_end(layout.text, max(end for _, end in layout.within(path)))
        return start, end, True
    start, end = layout.entries[path]
    return start, end, False


def block_text(layout: Layout, index: int) -> str:
    """The event's TOML as written in the file (its header included, for a table)."""
    start, end, _ = event_block(layout, index)
    return layout.text[start:end]


def remove_events(layout: Layout, indexes: list[int]) -> list[Splice]:
    """The splices that remove the events at these indexes, and a blank line beside each
    run of them. Events next to each other (blank lines or commas between) go as one."""
    text = layout.text
    runs: list[tuple[int, int, bool]] = []
    for start, end, table in sorted(event_block(layout, index) for index in set(indexes)):
        if runs and not text[runs[-1][1] : start].strip(" \t\r\n,"):
            runs[-1] = (runs[-1][0], end, table)
        else:
            runs.append((start, end, table))
    return [
        _remove_lines(text, start, end) if table else _remove_element(text, start, end)
        for start, end, table in runs
    ]


def replace_event(layout: Layout, index: int, new: str) -> Splice:
    """The splice that writes new (an event's TOML, as block_text gives it) in place of the
    event at index."""
    start, end, table = event_block(layout, index)
    newline = newline_of(layout.text)
    written = in_file_endings(new.strip("\r\n"), newline) + newline if table else new.strip()
    return Splice(start, end, written)


def set_fields(
    layout: Layout,
    index: int,
    fields: Mapping[str, Any],
    old: Mapping[str, Any],
    order: tuple[str, ...],
) -> list[Splice]:
    """The splices that give the event at index these field values (None drops the field),
    each value written in place of the old one; a new field goes after the fields that come
    before it in order. old: the event's fields as parsed."""
    start, end, table = event_block(layout, index)
    if not table:
        if "\n" in layout.text[start:end]:
            # Rewriting it would lose its comments and layout: the user edits it as it is.
            raise CannotEdit(
                "this event is an inline table over several lines: change its text instead"
            )
        merged = {**old, **fields}
        written = {key: merged[key] for key in _ordered(merged, order) if merged[key] is not None}
        return [Splice(start, end, toml.inline_table(written))]
    return _set_in_table(layout, ("events", index), fields, order)


def set_account(
    layout: Layout,
    index: int,
    source: str,
    fields: Mapping[str, Any] | None,
    order: tuple[str, ...],
) -> list[Splice]:
    """The splices that give the event's account of source these field values (None drops a
    field), or remove the account (fields None). An event without an account of source gets
    one: a `[[events.accounts]]` table after the event's last line."""
    _, end, table = event_block(layout, index)
    # Rewriting an inline table would lose its comments and layout.
    if not table:
        raise CannotEdit("it is an inline table: add the account to its text instead")
    if ("events", index, "accounts") in layout.entries:
        raise CannotEdit("its accounts are written inline: change its text instead")
    path = _account_path(layout, index, source)
    text = layout.text
    if path is None:
        if fields is None:
            raise CannotEdit(f"it has no account of source {source!r}")
        newline = newline_of(text)
        written = {"source": source, **{k: v for k, v in fields.items() if v is not None}}
        # Written as a new event's accounts are (add, add --from).
        added = newline + in_file_endings(toml.account_table(written), newline)
        lead = "" if text[:end].endswith("\n") else newline
        return [Splice(end, end, lead + added)]
    account_start = _line_start(text, layout.tables[path][0])
    account_end = _line_end(text, max(end for _, end in layout.within(path)))
    if fields is None:
        return [_remove_lines(text, account_start, account_end)]
    if "source" in fields:
        raise CannotEdit("an account's source is what it is found by: it cannot be changed")
    return _set_in_table(layout, path, fields, order)


def _account_path(layout: Layout, index: int, source: str) -> tuple[str | int, ...] | None:
    """The path of the event's account of source (its first), if it has one."""
    number = 0
    while (path := ("events", index, "accounts", number)) in layout.tables:
        entry = (*path, "source")
        if entry in layout.entries:
            raw = layout.text[layout.value_starts[entry] : layout.entries[entry][1]]
            if tomllib.loads(f"v = {raw}")["v"] == source:
                return path
        number += 1
    return None


def _set_in_table(
    layout: Layout, table: tuple[str | int, ...], fields: Mapping[str, Any], order: tuple[str, ...]
) -> list[Splice]:
    """The splices that set fields in a table written with a header ([[events]], or an
    event's [[events.accounts]]), each value in place of the old one."""
    text = layout.text
    newline = newline_of(text)
    splices = []
    for key, value in fields.items():
        path = (*table, key)
        if path in layout.entries:
            if value is None:
                entry_start, entry_end = layout.entries[path]
                splices.append(
                    _remove_lines(text, _line_start(text, entry_start), _line_end(text, entry_end))
                )
            else:
                value_start, value_end = layout.value_starts[path], layout.entries[path][1]
                splices.append(Splice(value_start, value_end, toml.inline_value(value)))
        elif value is not None:
            at = _after_fields_before(layout, table, key, order)
            line = f"{toml.written_key(key)} = {toml.inline_value(value)}"
            # At the end of a file without a final line break, the line break goes first.
            added = line + newline if text[:at].endswith("\n") else newline + line
            splices.append(Splice(at, at, added))
    return splices


def _after_fields_before(
    layout: Layout, table: tuple[str | int, ...], key: str, order: tuple[str, ...]
) -> int:
    """Where a new field goes in a table: after the last of its fields that comes before key
    in order, else just after the header."""
    text = layout.text
    before = order[: order.index(key)] if key in order else order
    ends = [
        layout.entries[(*table, name)][1] for name in before if (*table, name) in layout.entries
    ]
    if not ends:
        return _line_end(text, layout.tables[table][0])
    return _line_end(text, max(ends))


def _ordered(fields: Mapping[str, Any], order: tuple[str, ...]) -> list[str]:
    return [key for key in order if key in fields] + [key for key in fields if key not in order]


def insert_declaration(
    layout: Layout, section: str, item_id: str, fields: Mapping[str, Any]
) -> Splice:
    """The splice that declares item_id in section (`[section.id]`): after the section's last
    declaration, else after a commented-out one (`# [section.id]`, as `timeline init` writes
    an example of each section) and the comment lines that follow it, else before the first
    event, else at the end of the file."""
    text = layout.text
    newline = newline_of(text)
    table = in_file_endings(toml.declaration_table(section, item_id, fields), newline)
    headed = [span for path, span in layout.tables.items() if path[:1] == (section,)]
    if headed:
        last = max(end for _, end in layout.within((section,)))
        at = _line_end(text, last)
        lead = "" if at == 0 or text[:at].endswith(newline) else newline
        return Splice(at, at, lead + newline + table.removesuffix(newline) + newline)
    first_event = layout.first_event()
    example = _commented_example(layout, section, first_event)
    if example is not None:
        lead = "" if text[:example].endswith("\n") else newline
        return Splice(example, example, lead + newline + table)
    if first_event is not None:
        at = _comments_above(text, _line_start(text, first_event))
        return Splice(at, at, table + newline)
    lead = "" if not text or text.endswith(newline) else newline
    return Splice(len(text), len(text), lead + (newline if text else "") + table)


def _commented_example(layout: Layout, section: str, before: int | None) -> int | None:
    """The end of the last commented-out declaration of section (`# [section.id]` and the
    comment lines after it) before the first event, if there is one; not in a string."""
    text = layout.text
    pattern = re.compile(rf"^[ \t]*#[ \t]*\[{re.escape(section)}\.", re.MULTILINE)
    found = [
        match.start()
        for match in pattern.finditer(text, 0, len(text) if before is None else before)
        if not any(start <= match.start() < end for start, end in layout.entries.values())
    ]
    if not found:
        return None
    at = _line_end(text, found[-1])
    while at < len(text) and text[at : _line_end(text, at)].lstrip().startswith("#"):
        at = _line_end(text, at)
    return at


def declaration_text(layout: Layout, section: str, item_id: str) -> str:
    """The declaration of item_id in section as the file writes it (its whole lines)."""
    text = layout.text
    path = (section, item_id)
    if path in layout.tables:
        start = _line_start(text, layout.tables[path][0])
        return text[start : _line_end(text, max(end for _, end in layout.within(path)))]
    if path in layout.entries:
        start, end = layout.entries[path]
        return text[_line_start(text, start) : _line_end(text, end)]
    raise CannotEdit(f"{section}.{item_id} is written in a way timeline cannot show by itself")


def remove_declaration(layout: Layout, section: str, item_id: str) -> list[Splice]:
    """The splices that remove the declaration of item_id from section."""
    text = layout.text
    path = (section, item_id)
    if path in layout.tables:
        start = _line_start(text, layout.tables[path][0])
        end = _line_end(text, max(end for _, end in layout.within(path)))
        return [_remove_lines(text, start, end)]
    if path in layout.entries:
        start, end = layout.entries[path]
        line_start, line_end = _line_start(text, start), _line_end(text, end)
        if text[line_start:start].strip() or not _only_comment(text[end:line_end]):
            raise CannotEdit(
                f"{section}.{item_id} shares its line with other declarations: remove it by hand"
            )
        return [_remove_lines(text, line_start, line_end)]
    raise CannotEdit(f"{section}.{item_id} is written in a way timeline cannot remove by itself")


def _only_comment(rest: str) -> bool:
    rest = rest.strip()
    return not rest or rest.startswith("#")


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """The index just after the line break that ends the line holding index (or the end)."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _comments_above(text: str, line_start: int) -> int:
    """The start of the comment lines just above a line (none: the line's own start)."""
    at = line_start
    while at > 0:
        previous = _line_start(text, at - 1)
        if not text[previous:at].lstrip().startswith("#"):
            break
        at = previous
    return at


def _is_blank_line(text: str, start: int) -> int:
    """The length of the blank line starting at start, or 0 when it is not blank."""
    end = _line_end(text, start)
    return end - start if end > start and not text[start:end].strip() else 0


def _remove_lines(text: str, start: int, end: int) -> Splice:
    """Remove whole lines [start, end), and a blank line beside them so that no two blank
    lines are left where one was."""
    blank_after = _is_blank_line(text, end)
    before = text[:start]
    blank_before = start == 0 or before.endswith(("\n\n", "\n\r\n"))
    if blank_after and blank_before:
        return Splice(start, end + blank_after, "")
    if end >= len(text) and start > 0 and before.endswith(("\n\n", "\n\r\n")):
        # The last lines of the file: drop the blank line that led to them.
        return Splice(_line_start(text, start - 1), end, "")
    return Splice(start, end, "")


def _remove_element(text: str, start: int, end: int) -> Splice:
    """Remove one element of an inline array and the comma that separates it."""
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if after < len(text) and text[after] == ",":
        after += 1
        line_start = _line_start(text, start)
        line_end = _line_end(text, after)
        if not text[line_start:start].strip() and not text[after:line_end].strip():
            return Splice(line_start, line_end, "")  # the element had its own line
        while after < len(text) and text[after] in " \t":
            after += 1
        return Splice(start, after, "")
    # The last element: take the comma before it.
    before = start
    while before > 0 and text[before - 1] in " \t\r\n":
        before -= 1
    if before > 0 and text[before - 1] == ",":
        return Splice(before - 1, end, "")
    return Splice(start, end, "")
