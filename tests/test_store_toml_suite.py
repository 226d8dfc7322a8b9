"""The toml-test suite (TOML 1.0.0) given as stores: clean errors, never a crash."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from timeline.errors import StoreError
from timeline.store import load

SUITE = Path(__file__).parent / "toml-test"
FILES = (SUITE / "files-toml-1.0.0").read_text(encoding="utf-8").split()
INVALID = [name for name in FILES if name.startswith("invalid/")]
VALID = [name for name in FILES if name.startswith("valid/")]


def test_the_suite_is_complete() -> None:
    assert (len(INVALID), len(VALID)) == (499, 210)


@pytest.mark.parametrize("name", INVALID)
def test_invalid_documents_get_one_located_error(name: str) -> None:
    """Every invalid document is refused with one line naming file, line and column."""
    path = SUITE / name
    with pytest.raises(StoreError) as raised:
        load(path)
    lines = raised.value.lines()
    assert len(lines) == 1
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+: \S.*", lines[0]), lines[0]


@pytest.mark.parametrize("name", VALID)
def test_valid_documents_are_refused_for_the_schema_alone(name: str) -> None:
    """No valid document of the suite is a store (none has a [timeline] table): each is
    refused for what the schema misses, with lines that name the file, never for its TOML
    syntax, and never with a crash."""
    path = SUITE / name
    with pytest.raises(StoreError) as raised:
        load(path)
    lines = raised.value.lines()
    assert f"{path}:1:1: timeline: missing [timeline] table" in lines
    for line in lines:
        assert line.startswith(f"{path}:"), line
        assert "TOML syntax" not in line, line
