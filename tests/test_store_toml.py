"""The store's TOML: a syntax error is placed at a line and column the file has."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from timeline.errors import StoreError
from timeline.store.toml import event_table, parse

TOML_PIECES = st.sampled_from(
    ['a = "', '"""', "'", "[", "]]", "=", " ", "\n", "\r\n", "x", "1", "#", "{", "}", ","]
)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('title = "x"\nsummary = """abc\n', (2, 17)),
        ('title = "x"\r\nsummary = """abc\r\n', (2, 17)),
        ("a = [1,\n\n", (2, 1)),
        ("a = ", (1, 5)),
    ],
)
def test_an_error_at_the_end_is_placed_on_the_last_line(text: str, where: tuple[int, int]) -> None:
    with pytest.raises(StoreError) as error:
        parse(text, Path("s.toml"))
    [problem] = error.value.problems
    assert (problem.line, problem.column) == where


@given(st.lists(TOML_PIECES, max_size=12).map("".join))
def test_an_error_never_points_past_the_end_of_the_file(text: str) -> None:
    try:
        parse(text, Path("s.toml"))
    except StoreError as error:
        [problem] = error.problems
        lines = text.replace("\r\n", "\n").split("\n")
        if text.endswith("\n"):
            lines.pop()  # a final line break starts no line
        assert problem.line is not None and problem.column is not None
        assert 1 <= problem.line <= max(len(lines), 1)
        assert problem.column <= len((lines or [""])[problem.line - 1]) + 1


# Values a store's tables hold: text (any character TOML can hold), numbers, booleans, and
# arrays of them at any depth.
SCALARS = (
    st.text(st.characters(exclude_categories=("Cs",)))
    | st.integers()
    | st.floats(allow_nan=False)
    | st.booleans()
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4), max_leaves=12)
KEYS = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=8)


@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_tables_are_written_as_tomli_w_writes_them(fields: dict[str, object]) -> None:
    """The store writes a new event's fields itself (tomli-w is several times slower on a
    big import), byte for byte as tomli-w would, and they read back as they were."""
    written = event_table(fields)
    assert written == "[[events]]\n" + tomli_w.dumps(fields)
    assert tomllib.loads(written)["events"] == [fields]


@given(st.dictionaries(KEYS, st.dictionaries(KEYS, SCALARS, max_size=3), max_size=3))
def test_a_table_inside_is_written_inline_and_reads_back(fields: dict[str, object]) -> None:
    assert tomllib.loads(event_table(fields))["events"] == [fields]
