"""Mermaid export: a `timeline` diagram with a section per year, as GitHub renders it.

In Mermaid's timeline syntax a colon separates events and `#` starts an entity code, so data is
written with entity codes (`#58;` for a colon) for every character that could be syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby

from timeline.exporters import ExportFormat, ExportOptions
from timeline.literal import visible
from timeline.model import Event, Store
from timeline.readings import contested_note

_ENTITIES = {
    "#": "#35;",
    ":": "#58;",
    ";": "#59;",
    "%": "#37;",
    "<": "#lt;",
    ">": "#gt;",
    "{": "#123;",
    "}": "#125;",
    "`": "#96;",
    '"': "#quot;",
}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
_SPACE = re.compile(r"\s+")


def text(value: str) -> str:
    """Data as one line of Mermaid text: white space folded, syntax characters as entities."""
    folded = _SPACE.sub(" ", visible(value, multiline=True)).strip()
    return _SPECIAL.sub(lambda m: _ENTITIES[m[0]], folded) or "…"


def diagram(store: Store, events: list[Event], *, title: bool = True) -> str:
    """The diagram, headed by the store's title unless title is False (a document that
    embeds it has its own heading)."""
    lines = ["timeline"]
    if title:
        # The title runs to the end of its line: a colon in it is no syntax, and is written
        # as itself (a renderer that does not decode entity codes there would show "#58;").
        lines.append(f"    title {text(store.title).replace(_ENTITIES[':'], ':')}")
    for year, group in groupby(events, key=lambda e: e.span.start.first.year):
        lines.append(f"    section {year}")
        for event in group:
            label = event.title
            if event.accounts and (disputed := contested_note(event)):
                label = f"{label} ({disputed})"
            lines.append(f"        {text(event.span.label)} : {text(label)}")
    return "\n".join(lines) + "\n"


def write(store: Store, events: list[Event], options: ExportOptions) -> Iterator[str]:
    yield diagram(store, events)


FORMAT = ExportFormat(
    name="mermaid",
    extensions=(".mmd", ".mermaid"),
    description="a Mermaid timeline diagram (sections by year), as GitHub renders it",
    write=write,
    aliases=("mmd",),
)
