"""The store's TOML: a syntax error is placed at a line and column the file has."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.errors import StoreError
from timeline.store.toml import parse

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
