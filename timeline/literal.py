"""Make data safe to print: control and bidi characters are shown as visible escapes.

A title may hold an ESC sequence, a carriage return or a right-to-left override. Printed as
is, it could restyle, move, hide or rewrite what the terminal shows; printed through here it
shows as text such as `\\x1b` or `\\u202e`.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Control characters (Unicode category Cc: C0, DEL, C1), and the format characters that
# reorder or hide text. Joiners (U+200C, U+200D) stay: scripts need them.
UNSAFE_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_MULTILINE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


@lru_cache(maxsize=256)
def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_match(match: re.Match[str]) -> str:
    """The visible escape of the character a pattern matched (for re.sub)."""
    return _escape(match[0])


def visible(text: str, *, multiline: bool = False) -> str:
    """text with every control character escaped; newlines and tabs are kept when multiline."""
    pattern = _UNSAFE_MULTILINE if multiline else UNSAFE_IN_LINE
    if pattern.search(text) is None:
        return text  # the common case, found at C speed
    return pattern.sub(escape_match, text)
