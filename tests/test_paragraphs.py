"""Paragraphs: a text breaks at blank lines, the same way for every output and for articles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.paragraphs import split_paragraphs


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("one", ["one"]),
        ("  one  ", ["one"]),
        ("", []),
        (" \n\t\n ", []),
        ("one\ntwo", ["one\ntwo"]),
        ("one\n\ntwo", ["one", "two"]),
        ("one\n \ntwo", ["one", "two"]),
        ("one\n\t\xa0\u3000\ntwo", ["one", "two"]),
        ("one\r\n\r\ntwo\r\n", ["one", "two"]),
        ("one\n\n\n\ntwo", ["one", "two"]),
        ("\n\none \n\n two\nthree\n\n", ["one", "two\nthree"]),
    ],
)
def test_blank_lines_split_paragraphs(text: str, parts: list[str]) -> None:
    """A line of nothing but white space ends a paragraph, a run of them is one break, and
    each paragraph loses the white space around it; a single line break stays inside."""
    assert split_paragraphs(text) == parts


@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc"))), min_size=1
    )
)
def test_paragraphs_joined_by_blank_lines_come_back(words: list[str]) -> None:
    """Paragraphs without white space, joined by blank lines, are split back as they were."""
    kept = [word for word in words if word]
    assert split_paragraphs("\n \n".join(words)) == kept
