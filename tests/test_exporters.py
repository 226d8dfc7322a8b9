"""The export registry: formats are found by name and by file extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import exporters
from timeline.errors import UsageError


def test_every_format_module_is_registered() -> None:
    """Each module in timeline/exporters that defines FORMAT is a format."""
    assert list(exporters.formats()) == [
        "csv",
        "html",
        "ical",
        "json",
        "markdown",
        "mermaid",
        "timelinejs",
    ]


@pytest.mark.parametrize(
    ("name", "expected"), [("markdown", "markdown"), ("JSON", "json"), ("json", "json")]
)
def test_by_name(name: str, expected: str) -> None:
    assert exporters.by_name(name).name == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("out.md", "markdown"),
        ("x/out.markdown", "markdown"),
        ("OUT.JSON", "json"),
        ("a.csv", "csv"),
        ("a.ics", "ical"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.mmd", "mermaid"),
    ],
)
def test_by_extension(path: str, expected: str) -> None:
    assert exporters.by_path(Path(path)).name == expected


def test_unknown_name_lists_the_formats() -> None:
    known = "csv, html, ical, json, markdown, mermaid, timelinejs"
    with pytest.raises(UsageError, match=f"--format 'pdf': no such format; known: {known}"):
        exporters.by_name("pdf")


def test_unknown_extension_asks_for_format() -> None:
    with pytest.raises(UsageError, match=r"cannot tell the format from '\.txt'.*give --format"):
        exporters.by_path(Path("out.txt"))
