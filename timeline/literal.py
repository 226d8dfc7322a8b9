"""Make data safe to print: control and bidi characters are shown as visible escapes.

A title may hold an ESC sequence, a carriage return or a right-to-left override. Printed as
is, it could restyle, move, hide or rewrite what the terminal shows; printed through here it
shows as text such as `\\x1b` or `\\u202e`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Format characters that reorder or hide text. Joiners (U+200C, U+200D) stay: scripts need them.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_HAS_BIDI = re.compile("[" + "".join(sorted(_BIDI_CONTROLS)) + "]")


@lru_cache(maxsize=256)
def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _is_unsafe(char: str) -> bool:
    return char in _BIDI_CONTROLS or unicodedata.category(char) == "Cc"


def visible(text: str, *, multiline: bool = False) -> str:
    """text with every control character escaped; newlines and tabs are kept when multiline."""
    if text.isprintable() and not _HAS_BIDI.search(text):
        return text  # the common case, checked at C speed
    keep = "\n\t" if multiline else ""
    return "".join(
        _escape(char) if _is_unsafe(char) and char not in keep else char for char in text
    )
