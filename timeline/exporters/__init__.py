"""The export formats: every module in this package that defines FORMAT is one.

Adding a format is adding one module with a FORMAT = ExportFormat(...) named like the module,
and its test; nothing else lists the formats. Modules are found without importing the rest of
the program, and asking for a format by its name imports only its module (by one of its other
names, the aliases its FORMAT gives, imports them all).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from timeline.errors import BadValue, UnknownName
from timeline.model import Event, Store
from timeline.names import known


class ExportOptions(NamedTuple):
    """Choices that some formats honour and the others ignore."""

    mermaid: bool = False  # Markdown: embed a Mermaid timeline diagram


Writer = Callable[[Store, list[Event], ExportOptions], Iterator[str]]
# A format that is a file rather than a text (a database) writes it itself, to the path it is
# given (an empty file), and returns what it could not do (notes for the user).
Saver = Callable[[Store, list[Event], ExportOptions, Path], list[str]]


def file_only(store: Store, events: list[Event], options: ExportOptions) -> Iterator[str]:
    """The writer of a format that is a file: it has no text to give (its save writes it)."""
    raise TypeError("this format writes a file: call its save with a path")


class Holds(NamedTuple):
    """The events a format can hold, when not every one: which, and what they are in words."""

    test: Callable[[Event], bool]
    what: str  # "the events that have coordinates"


class ExportFormat(NamedTuple):
    """One output format: its name, the file extensions that select it, and its writer,
    which yields the document in pieces so that large exports stream."""

    name: str
    extensions: tuple[str, ...]
    description: str
    write: Writer
    aliases: tuple[str, ...] = ()  # the other names it goes by (md for markdown), lower case
    save: Saver | None = None  # a format that is a file (a database): writes it to a path
    holds: Holds | None = None  # the events it can hold, if not every one


@cache
def formats() -> dict[str, ExportFormat]:
    """Every format, by name."""
    found = {name: _format_in(name) for name in _module_names()}
    every = {name: found_format for name, found_format in found.items() if found_format}
    taken = set(every)
    for export_format in every.values():
        for alias in export_format.aliases:
            if alias in taken or alias != alias.lower():
                raise TypeError(
                    f"format {export_format.name!r}: alias {alias!r} is taken or not lower case"
                )
            taken.add(alias)
    return every


def by_name(name: str) -> ExportFormat:
    """The format called name, or one of its aliases (in any case); else
    UnknownName("format", …)."""
    wanted = name.lower()
    found = _format_in(wanted) if wanted in _module_names() else None
    if found is None:
        found = next((f for f in formats().values() if wanted in f.aliases), None)
    if found is None:
        raise UnknownName("format", name, formats())
    return found


def _module_names() -> list[str]:
    return sorted(module_info.name for module_info in pkgutil.iter_modules(__path__))


def _format_in(module_name: str) -> ExportFormat | None:
    """The format a module of this package defines, if it defines one."""
    module = importlib.import_module(f"{__name__}.{module_name}")
    found = getattr(module, "FORMAT", None)
    if not isinstance(found, ExportFormat):
        return None
    if found.name != module_name:  # by_name finds a format by its module's name
        raise TypeError(f"{module.__name__} defines format {found.name!r}: name it {module_name!r}")
    return found


def by_path(path: Path) -> ExportFormat:
    """The format a file name asks for, by its extension; else BadValue("file name", …)."""
    suffix = path.suffix.lower()
    for export_format in formats().values():
        if suffix in export_format.extensions:
            return export_format
    extensions = known(e for f in formats().values() for e in f.extensions)
    what = suffix or "a name without extension"
    reason = f"cannot tell the format from {what!r} (known: {extensions})"
    raise BadValue("file name", str(path), reason)
