"""The export registry: formats are found by name and by file extension."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SMALL_STORE
from timeline import exporters
from timeline.errors import BadValue, UnknownName
from timeline.exporters import ExportOptions
from timeline.store import load


def test_every_format_module_is_registered() -> None:
    """Each module in timeline/exporters that defines FORMAT is a format."""
    assert list(exporters.formats()) == [
        "csv",
        "geojson",
        "html",
        "ical",
        "json",
        "markdown",
        "mermaid",
        "parquet",
        "sqlite",
        "timelinejs",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("markdown", "markdown"),
        ("JSON", "json"),
        ("json", "json"),
        ("md", "markdown"),
        ("MD", "markdown"),
        ("htm", "html"),
        ("ics", "ical"),
        ("ICS", "ical"),
        ("icalendar", "ical"),
        ("mmd", "mermaid"),
    ],
)
def test_by_name(name: str, expected: str) -> None:
    """A format is found by its name or any of its aliases, in any case."""
    assert exporters.by_name(name).name == expected


def test_the_aliases() -> None:
    """Each format's other names, the usual ones for its files."""
    assert {name: f.aliases for name, f in exporters.formats().items()} == {
        "csv": (),
        "geojson": (),
        "html": ("htm",),
        "ical": ("ics", "icalendar"),
        "json": (),
        "markdown": ("md",),
        "mermaid": ("mmd",),
        "parquet": (),
        "sqlite": ("db",),
        "timelinejs": (),
    }


def test_an_unknown_name_is_answered_with_the_formats_own_names() -> None:
    """Suggestions and lists name the formats by their names, not their aliases."""
    with pytest.raises(UnknownName) as raised:
        exporters.by_name("icall")
    assert str(raised.value) == "no format 'icall' (did you mean 'ical'?)"
    assert raised.value.choices == tuple(exporters.formats())


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
        ("map.geojson", "geojson"),
        ("events.db", "sqlite"),
        ("events.sqlite3", "sqlite"),
    ],
)
def test_by_extension(path: str, expected: str) -> None:
    assert exporters.by_path(Path(path)).name == expected


def test_unknown_name_lists_the_formats() -> None:
    """A name that no format has, and none is close to, lists the formats."""
    with pytest.raises(UnknownName) as raised:
        exporters.by_name("pdf")
    assert (raised.value.kind, raised.value.value) == ("format", "pdf")
    known = "csv, geojson, html, ical, json, markdown, mermaid, parquet, sqlite, timelinejs"
    assert str(raised.value) == f"no format 'pdf'; known: {known}"


def test_a_name_close_to_a_format_suggests_it() -> None:
    """A misspelt format name is answered with the closest names."""
    with pytest.raises(UnknownName) as raised:
        exporters.by_name("JSN")
    assert str(raised.value) == "no format 'JSN' (did you mean 'json'?)"


def test_unknown_extension_is_a_bad_file_name() -> None:
    """An extension no format has is BadValue("file name", …) that lists the extensions, in
    the formats' order; it names no option."""
    with pytest.raises(BadValue) as raised:
        exporters.by_path(Path("out.txt"))
    assert (raised.value.kind, raised.value.value) == ("file name", "out.txt")
    assert raised.value.reason == (
        "cannot tell the format from '.txt' (known: .csv, .geojson, .html, .htm, .ics, .ical, "
        ".json, .md, .markdown, .mmd, .mermaid, .parquet, … (and 3 more))"
    )


def test_asking_for_a_format_by_name_imports_only_its_module() -> None:
    """`export --format json` on a big store should not pay for importing every writer."""
    code = (
        "import sys; from timeline import exporters; exporters.by_name('json'); "
        "print(sorted(m for m in sys.modules if m.startswith('timeline.exporters.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "['timeline.exporters.json']\n"


def test_a_format_named_unlike_its_module_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """by_name finds a format by its module's name, so the two must agree."""
    (tmp_path / "misnamed.py").write_text(
        "from timeline.exporters import ExportFormat\n"
        "FORMAT = ExportFormat('other', ('.x',), 'a test format', lambda *args: iter(()))\n"
    )
    monkeypatch.setattr(exporters, "__path__", [*exporters.__path__, str(tmp_path)])
    monkeypatch.syspath_prepend(str(tmp_path))
    exporters.formats.cache_clear()
    try:
        with pytest.raises(TypeError, match="defines format 'other': name it 'misnamed'"):
            exporters.formats()
    finally:
        exporters.formats.cache_clear()
        sys.modules.pop("timeline.exporters.misnamed", None)


@pytest.mark.parametrize(
    ("aliases", "taken"), [("('json',)", "json"), ("('md',)", "md"), ("('Ics',)", "Ics")]
)
def test_an_alias_taken_or_not_lower_case_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aliases: str, taken: str
) -> None:
    """An alias is one format's only (the format found second is refused), and lower case
    (names are looked up lower-cased)."""
    (tmp_path / "zzz.py").write_text(
        "from timeline.exporters import ExportFormat\n"
        f"FORMAT = ExportFormat('zzz', ('.x',), 'a test', lambda *args: iter(()), {aliases})\n"
    )
    monkeypatch.setattr(exporters, "__path__", [*exporters.__path__, str(tmp_path)])
    monkeypatch.syspath_prepend(str(tmp_path))
    exporters.formats.cache_clear()
    try:
        with pytest.raises(TypeError, match=f"format 'zzz': alias '{taken}' is taken"):
            exporters.formats()
    finally:
        exporters.formats.cache_clear()
        sys.modules.pop("timeline.exporters.zzz", None)


@pytest.mark.parametrize("name", ["html", "ical", "markdown", "timelinejs"])
def test_a_quote_with_its_own_marks_is_not_marked_twice(
    name: str, write_store: Callable[[str], Path]
) -> None:
    """A quote is written with the marks it has; marks are added only to one without."""
    store = load(
        write_store(
            SMALL_STORE.replace(
                'quotes = ["We sign a treaty today."]',
                'quotes = ["“We sign,” he said", "a treaty today"]',
            )
        )
    )
    text = "".join(exporters.by_name(name).write(store, list(store.events), ExportOptions()))
    assert "““" not in text and "””" not in text and "“a treaty today”" in text
