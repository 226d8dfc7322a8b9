"""The user's editor: which one runs, and the errors shown above the text it reopens."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.editor import editor_command, is_empty, with_errors, without_errors
from timeline.errors import UsageError


@pytest.mark.parametrize(
    ("environ", "command"),
    [
        ({"VISUAL": "code --wait", "EDITOR": "nano"}, ["code", "--wait"]),
        ({"VISUAL": " ", "EDITOR": "emacs -nw"}, ["emacs", "-nw"]),
        ({"EDITOR": "'my editor' -x"}, ["my editor", "-x"]),
    ],
)
def test_the_editor_is_visual_else_editor(environ: dict[str, str], command: list[str]) -> None:
    assert editor_command(environ) == command


def test_an_editor_that_cannot_be_split_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="\\$EDITOR 'vim \"x': No closing quotation"):
        editor_command({"EDITOR": 'vim "x'})


def test_errors_go_above_the_text_and_come_off_again() -> None:
    text = '[[events]]\nid = "a"\n'
    shown = with_errors(text, ["date: bad", "type: unknown\nsecond line"])
    assert shown.splitlines()[1:4] == [
        "# timeline: date: bad",
        "# timeline: type: unknown",
        "# timeline: second line",
    ]
    assert without_errors(shown) == text
    assert without_errors(with_errors(shown, ["again"])) == text


@given(st.text())
def test_taking_the_errors_off_keeps_any_text_that_has_none(text: str) -> None:
    if not text.startswith("# timeline: "):
        assert without_errors(with_errors(text, ["e"])) == text


@pytest.mark.parametrize(
    ("text", "empty"),
    [("", True), ("\n  \n# only a comment\n", True), ("# c\nid = 1\n", False)],
)
def test_a_text_of_comments_only_is_empty(text: str, empty: bool) -> None:
    assert is_empty(text) is empty
