"""Showing data literally: control and bidi characters become visible escapes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline.literal import visible


def test_plain_text_is_unchanged() -> None:
    assert visible("Qarabağ, İlham Əliyev, Карабах, [bold] :warning:") == (
        "Qarabağ, İlham Əliyev, Карабах, [bold] :warning:"
    )


def test_control_characters_are_escaped() -> None:
    assert visible("a\x1b[31mb\rc\x08d\x9be\x7f") == "a\\x1b[31mb\\x0dc\\x08d\\x9be\\x7f"


def test_bidi_overrides_are_escaped_but_joiners_kept() -> None:
    assert visible("x\u202ey\u2066z\u200d") == "x\\u202ey\\u2066z\u200d"


def test_newlines_and_tabs_kept_only_when_multiline() -> None:
    assert visible("a\nb\tc") == "a\\x0ab\\x09c"
    assert visible("a\nb\tc", multiline=True) == "a\nb\tc"


@given(st.text())
def test_output_never_holds_a_control_character(text: str) -> None:
    shown = visible(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert "\u202e" not in shown
