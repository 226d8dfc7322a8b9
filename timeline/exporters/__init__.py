"""The export formats: every module in this package that defines FORMAT is one.

Adding a format is adding one module with a FORMAT = ExportFormat(...) and its test; nothing
else lists the formats. Modules are found without importing the rest of the program.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from timeline.errors import UsageError
from timeline.model import Event, Store


class ExportOptions(NamedTuple):
    """Choices that some formats honour and the others ignore."""

    mermaid: bool = False  # Markdown: embed a Mermaid timeline diagram


Writer = Callable[[Store, list[Event], ExportOptions], Iterator[str]]


class ExportFormat(NamedTuple):
    """One output format: its name, the file extensions that select it, and its writer,
    which yields the document in pieces so that large exports stream."""

    name: str
    extensions: tuple[str, ...]
    description: str
    write: Writer


@cache
def formats() -> dict[str, ExportFormat]:
    """Every format, by name."""
    found: dict[str, ExportFormat] = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        export_format = getattr(module, "FORMAT", None)
        if isinstance(export_format, ExportFormat):
            found[export_format.name] = export_format
    return dict(sorted(found.items()))


def by_name(name: str) -> ExportFormat:
    known = formats()
    if name.lower() in known:
        return known[name.lower()]
    raise UsageError(f"--format {name!r}: no such format; known: {', '.join(known)}")


def by_path(path: Path) -> ExportFormat:
    """The format a file name asks for, by its extension."""
    suffix = path.suffix.lower()
    for export_format in formats().values():
        if suffix in export_format.extensions:
            return export_format
    extensions = ", ".join(e for f in formats().values() for e in f.extensions)
    raise UsageError(
        f"-o {str(path)!r}: cannot tell the format from {suffix or 'a name without extension'!r} "
        f"(known: {extensions}); give --format"
    )
