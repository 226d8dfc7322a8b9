"""Shared fixtures: small stores written to a temporary folder, and a command-line runner."""

from __future__ import annotations

import locale
import shlex
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from timeline.cli import app
from timeline.model import Store
from timeline.store import BUNDLED_STORE, Change, Outcome, StoreFile, load

REPO = Path(__file__).resolve().parent.parent

# A store small enough to read in a test, covering every kind of date and reference.
SMALL_STORE = """\
[timeline]
title = "Test timeline"
description = "A store for tests."

[types.battle]
color = "red"

[types.talks]
color = "cyan"

[sources.report]
title = "A report"
publisher = "Agency"
published = "2023-01-02"
url = "https://example.org/report"

[actors.north]
name = "Northland"
kind = "state"
aliases = ["Capital City"]

[actors.leader]
name = "Jana Ərəbova"
kind = "person"
role = "President of Northland"
part_of = ["north"]

[actors.south]
name = "Southland"
kind = "state"

[[events]]
id = "war"
date = "1990"
end = ".."
title = "The long war"
type = "battle"
actors = ["north", "south"]
sources = ["report"]
tags = ["background"]

[[events]]
id = "truce"
date = "2021-03-05"
title = "A truce is signed"
summary = "Both sides sign."
type = "talks"
actors = ["leader", "south"]
location = "Geneva"
sources = ["report"]
quotes = ["We sign a treaty today."]

[[events]]
id = "talks"
date = "mid 2021-03"
title = "Talks in March"
type = "talks"
actors = ["south"]
sources = ["report"]

[[events]]
id = "clash"
date = "late 2021-05"
title = "A clash at the border"
type = "battle"
actors = ["north"]
sources = ["report"]
tags = ["border"]
"""

# The small store with places on the map: the truce exactly, the clash near a town, and both
# kept by a dataset (their refs).
GEO_STORE = SMALL_STORE.replace(
    'location = "Geneva"\n',
    'location = "Geneva"\n'
    'coordinates = { latitude = 46.2044, longitude = 6.1432, precision = "exact" }\n'
    'ref = "acled:CHE1"\n',
).replace(
    'tags = ["border"]\n',
    'tags = ["border"]\ncoordinates = { latitude = -12.5, longitude = -179.25 }\n'
    'ref = "ucdp:4711"\n',
)

# The small store's truce, as the file has it: what edit shows of it and rm takes away.
_TRUCE_AT = SMALL_STORE.index('[[events]]\nid = "truce"')
TRUCE = SMALL_STORE[_TRUCE_AT : SMALL_STORE.index("\n[[events]]", _TRUCE_AT)]


def add(
    path: Path, *events: dict[str, object], cache: bool | None = None, dry_run: bool = False
) -> Outcome:
    """Add events to the store at path through its one write path (validate only: dry_run)."""
    store_file = StoreFile(path, cache=cache)
    change = Change(events=events)
    return store_file.validate(change) if dry_run else store_file.apply(change)


# The small store with a source of every kind, all cited by the clash: a file, an address that
# is no web link, and a web address (with a space) beside a file.
SOURCES_STORE = SMALL_STORE.replace(
    "[actors.north]",
    """[sources.fileonly]
title = "A file"
file = "sources/a.txt"

[sources.script]
title = "Bad link"
url = "javascript:alert(1)"

[sources.both]
title = "Both"
publisher = "P"
url = "http://example.com/x y"
file = "b.txt"

[actors.north]""",
).replace(
    'sources = ["report"]\ntags = ["border"]',
    'sources = ["report", "fileonly", "script", "both"]\ntags = ["border"]',
)


# Two reports of the same events that disagree: an account per source, figures, a source
# with neither url nor file left out (that is a warning). The files are ACCOUNT_FILES.
ACCOUNTS_STORE = """\
[timeline]
title = "Two reports"

[types.incident]
color = "red"

[sources.a]
title = "Report A"
publisher = "Agency A"
file = "a.txt"
retrieved = "2023-09-21"

[sources.b]
title = "Report B"
url = "https://example.org/b"
file = "b.txt"
archived = "https://archive.example.org/b"

[actors.army]
name = "The army"

[actors.rebels]
name = "The rebels"

[[events]]
id = "clash"
date = "2023-09-20"
title = "Soldiers killed in a clash near Aravus"
type = "incident"
actors = ["army"]
location = "Aravus"
sources = ["a", "b"]
figures = { killed = 6, injured = { low = 10, high = 15 } }

[[events.accounts]]
source = "a"
quotes = ["Six soldiers were killed near Aravus"]

[[events.accounts]]
source = "b"
date = "2023-09-19"
actors = ["army", "rebels"]
figures = { killed = 5 }
quotes = ["five soldiers died"]
note = "B counts one fewer."

[[events]]
id = "talks"
date = "2023-05-25"
title = "Talks in Aravus"
type = "incident"
actors = ["army", "rebels"]
location = "Aravus"
sources = ["a", "b"]

[[events.accounts]]
source = "b"
date = "late 2023-05"
location = "aravus"
quotes = ["talks were held late in May"]
"""
ACCOUNT_FILES = {
    "a.txt": "Six soldiers were killed near Aravus on 20 September. Talks were held on 25 May.\n",
    "b.txt": "On 19 September five soldiers died in a clash; talks were held late in May.\n",
}


@pytest.fixture
def accounts_store_path(tmp_path: Path) -> Path:
    """ACCOUNTS_STORE written with its sources' files beside it."""
    for name, text in ACCOUNT_FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "accounts.toml"
    path.write_text(ACCOUNTS_STORE, encoding="utf-8")
    return path


# Text that breaks naive exporters: separators of every format, markup, control characters,
# right-to-left and non-Latin scripts.
HOSTILE_TEXT = (
    "a, b; c \"q\" 's' | # <script>alert(1)</script> & =1+2 \\ END:VEVENT\n"
    "BEGIN:VEVENT line two: x\r\n`code` *em* [l](javascript:x) {} %% \u202eevil \u0007 "
    "Ղարաբաղ Qarabağ İlham Əliyev Карабах قره‌باغ"
)


def toml_string(text: str) -> str:
    """text as a TOML basic string."""
    escaped = "".join(c if c.isprintable() and c not in '\\"' else f"\\u{ord(c):04x}" for c in text)
    return f'"{escaped}"'


@pytest.fixture
def hostile_store(write_store: Callable[[str], Path]) -> Store:
    """The small store with HOSTILE_TEXT as the truce's title, summary, quote and location."""
    value = toml_string(HOSTILE_TEXT)
    text = (
        SMALL_STORE.replace('"A truce is signed"', value)
        .replace('"Both sides sign."', value)
        .replace('"We sign a treaty today."', value)
        .replace('location = "Geneva"', f"location = {value}")
    )
    return load(write_store(text, "hostile.toml"))


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test caches into a folder of its own, never the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def write_store(tmp_path: Path) -> Callable[[str], Path]:
    """Write TOML text as a store file and return its path."""

    def write(text: str, name: str = "events.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def sources_store(write_store: Callable[[str], Path]) -> Store:
    """SOURCES_STORE, loaded."""
    return load(write_store(SOURCES_STORE, "sources.toml"))


@pytest.fixture
def small_store_path(write_store: Callable[[str], Path]) -> Path:
    return write_store(SMALL_STORE)


@pytest.fixture
def small_store(small_store_path: Path) -> Store:
    return load(small_store_path)


@pytest.fixture
def geo_store_path(write_store: Callable[[str], Path]) -> Path:
    return write_store(GEO_STORE)


@pytest.fixture
def geo_store(geo_store_path: Path) -> Store:
    return load(geo_store_path)


@pytest.fixture
def bundled_store() -> Store:
    return load(BUNDLED_STORE)


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the command line in an empty folder, 100 columns wide, without colour."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIMELINE_STORE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")

    def invoke(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        return CliRunner().invoke(app, list(args), env=env, input=input, catch_exceptions=False)

    return invoke


Complete = Callable[..., Result]


@pytest.fixture
def complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Complete:
    """Ask the command line for completions as bash's completion script does (Click's
    _TIMELINE_COMPLETE protocol), in an empty folder: complete("show --actor Pu") answers what
    TAB offers after `timeline show --actor Pu` (a trailing space: after a finished word)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIMELINE_STORE", raising=False)

    def invoke(line: str, env: dict[str, str] | None = None) -> Result:
        words = f"timeline {line}"
        count = len(shlex.split(words)) - (0 if words.endswith(" ") else 1)
        variables = {
            "_TIMELINE_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(count),
            **(env or {}),
        }
        return CliRunner().invoke(app, [], env=variables, prog_name="timeline")

    return invoke


OTHER_LOCALES = (
    "de_DE.UTF-8",
    "de_DE.utf8",
    "fr_FR.UTF-8",
    "fr_FR.utf8",
    "ru_RU.UTF-8",
    "tr_TR.UTF-8",
)


@pytest.fixture
def other_locale() -> Iterator[str]:
    """The name of an installed locale whose month names are not English (the test is skipped
    when there is none: `locale -a`); the locale's time settings are restored afterwards."""
    saved = locale.setlocale(locale.LC_TIME)
    try:
        for name in OTHER_LOCALES:
            try:
                locale.setlocale(locale.LC_TIME, name)
            except locale.Error:
                continue
            if date(2000, 3, 1).strftime("%B") != "March":
                yield name
                return
        pytest.skip(f"no non-English locale is installed (tried {', '.join(OTHER_LOCALES)})")
    finally:
        locale.setlocale(locale.LC_TIME, saved)
