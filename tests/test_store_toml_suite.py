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
def test_valid_documents_load_or_get_schema_errors(name: str) -> None:
    """A valid TOML document is not a store, mostly: it must be refused for what is missing
    or wrong in it (located where possible), never crash."""
    path = SUITE / name
    try:
        load(path)
    except StoreError as error:
        for line in error.lines():
            assert line.startswith(f"{path}"), line
            assert "TOML syntax" not in line, line
