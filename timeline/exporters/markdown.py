"""Markdown export: a CommonMark document a person would publish, valid whatever the text holds.

Every piece of data is escaped so that it reads back as the same text: ASCII punctuation that
Markdown could take as syntax is backslash-escaped. Control and bidi-override characters are
written as visible escapes (`\\x1b`), as the terminal view shows them: a published page has no
use for them, and a numeric reference to one is replaced by U+FFFD by common renderers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby
from urllib.parse import quote

from timeline.exporters import ExportFormat, ExportOptions
from timeline.literal import visible
from timeline.model import Event, Store

# Characters that can open or close Markdown syntax anywhere in a line: each gets a backslash.
_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~&!]")
# Characters that are syntax only at the start of a line: lists, setext underlines, quotes.
_LINE_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")
_BREAKS = re.compile(r"[ \t\r\n]+")


def inline(text: str) -> str:
    """text as one line of Markdown that renders as exactly that text (white space runs,
    line breaks included, become one space; leading and trailing space is dropped)."""
    if "\n" in text or "\t" in text or "\r" in text or "  " in text:
        text = _BREAKS.sub(" ", text)
    escaped = visible(text.strip(" "))
    if _SPECIAL.search(escaped):  # most text has none: skip the substitution
        escaped = _SPECIAL.sub(_backslash, escaped)
    # Renderers trim other white space (no-break, ideographic) at the ends of a paragraph:
    # a character reference keeps it.
    if escaped[-1:].isspace():
        escaped = escaped[:-1] + _reference(escaped[-1])
    if escaped[:1].isspace():
        escaped = _reference(escaped[0]) + escaped[1:]
    match = _LINE_START.match(escaped)
    if match is None:
        return escaped
    if match[0][0].isdigit():  # "1." would start an ordered list: escape the dot
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match[0]


def _reference(char: str) -> str:
    return f"&#x{ord(char):X};"


def paragraphs(text: str) -> list[str]:
    """Multi-line text as Markdown paragraphs, split where the text has blank lines."""
    blocks = re.split(r"\n[ \t\r]*\n", text.strip())
    return [inline(block) for block in blocks if block.strip()]


def write(store: Store, events: list[Event], options: ExportOptions) -> Iterator[str]:
    yield f"# {inline(store.title)}\n"
    for block in paragraphs(store.description):
        yield f"\n{block}\n"
    if options.mermaid and events:
        from timeline.exporters.mermaid import diagram

        # The diagram escapes backticks, so it can never close the fence early.
        yield f"\n```mermaid\n{diagram(store, events)}```\n"
    # Each source is cited by every event that uses it: format each once.
    citations = {source_id: _source(store, source_id) for source_id in store.sources}
    cited: dict[str, None] = {}
    for year, group in groupby(events, key=lambda e: e.span.start.first.year):
        yield f"\n## {year}\n"
        for event in group:
            cited.update(dict.fromkeys(event.sources))
            yield _event(store, event, citations)
    if cited:
        yield "\n## Sources\n\n"
        for source_id in cited:
            yield f"- {citations[source_id]}\n"


def _event(store: Store, event: Event, citations: dict[str, str]) -> str:
    lines = [f"\n### {inline(event.span.label)} — {inline(event.title)}\n"]
    facts = [f"*Type:* {inline(event.type)}"]
    if event.actors:
        names = ", ".join(store.actors[a].name for a in event.actors)
        facts.append(f"*Actors:* {inline(names)}")
    if event.location:
        facts.append(f"*Location:* {inline(event.location)}")
    if event.span.ongoing:
        facts.append("*Ongoing*")
    lines.append("\n" + " · ".join(facts) + "\n")
    lines += [f"\n{block}\n" for block in paragraphs(event.summary)]
    lines += [f"\n> “{inline(quote)}”\n" for quote in event.quotes]
    if event.note:
        lines.append(f"\n*Note:* {inline(event.note)}\n")
    if event.sources:
        cited = "; ".join(citations[s] for s in event.sources)
        lines.append(f"\n*Source:* {cited}\n")
    return "".join(lines)


def _source(store: Store, source_id: str) -> str:
    source = store.sources[source_id]
    title = f"“{inline(source.title)}”"
    if source.url.startswith(("https://", "http://")):
        # Only web links become links. Percent-encoding leaves no space, bracket or backslash
        # that could end the <destination> early.
        url = quote(source.url, safe=":/?#[]@!$&'()*+,;=%-._~")
        title = f"[{title}](<{url}>)"
    details = [inline(p) for p in (source.publisher, source.published) if p]
    if source.file and not source.url:
        details.append(inline(source.file))
    return ", ".join([title, *details])


FORMAT = ExportFormat(
    name="markdown",
    extensions=(".md", ".markdown"),
    description="a document to publish: events by year with summaries, quotes and sources",
    write=write,
)
