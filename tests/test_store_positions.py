"""Key positions in TOML text, for error messages."""

from __future__ import annotations

from timeline.store.positions import key_positions, locate

TEXT = '''\
# comment
[timeline]
title = "t"  # trailing
description = """
[[not a header]]
id = "x"
"""

[[events]]
id = "a"
quotes = [
  "one",  # a comment inside
  'two',
]
'dotted'."key" = 1

[[events]]
  id = 'b'
inline = { x = [1, 2], y = "}" }
after = 2

[actors."quoted key"]
name = "Q"
'''


def test_headers_keys_and_array_items() -> None:
    positions = key_positions(TEXT)
    assert positions[("timeline",)] == (2, 1)
    assert positions[("timeline", "title")] == (3, 1)
    assert positions[("events",)] == (9, 1)
    assert positions[("events", 0)] == (9, 1)
    assert positions[("events", 0, "id")] == (10, 1)
    assert positions[("events", 0, "quotes", 0)] == (12, 3)
    assert positions[("events", 0, "quotes", 1)] == (13, 3)
    assert positions[("events", 0, "dotted", "key")] == (15, 1)
    assert positions[("events", 1, "id")] == (18, 3)
    assert positions[("events", 1, "after")] == (20, 1)
    assert positions[("actors", "quoted key", "name")] == (23, 1)


def test_multiline_strings_hide_what_looks_like_headers() -> None:
    positions = key_positions(TEXT)
    assert ("not a header",) not in positions
    assert ("timeline", "id") not in positions


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    positions = key_positions(TEXT)
    assert locate(positions, ("events", 1, "missing")) == (17, 1)
    assert locate(positions, ("nowhere",)) is None
