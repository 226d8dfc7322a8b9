"""Paragraphs: where a text breaks into them, one rule for every output and for articles."""

from __future__ import annotations

import re

# A blank line: a line that holds nothing but white space (spaces, tabs, a carriage return,
# no-break spaces), between two line breaks. Several in a row are one break.
_BLANK_LINES = re.compile(r"\n\s*\n")


def split_paragraphs(text: str) -> list[str]:
    """text's paragraphs: the parts between blank lines, without the white space around each.
    Line breaks within a paragraph stay; a blank text has none."""
    text = text.strip()
    if "\n" not in text:  # most texts are one line: no need to search
        return [text] if text else []
    return [part.strip() for part in _BLANK_LINES.split(text)]
