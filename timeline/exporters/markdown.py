"""Markdown export: a CommonMark document a person would publish, valid whatever the text holds.

Every piece of data is escaped so that it reads back as the same text: ASCII punctuation that
Markdown could take as syntax is backslash-escaped. Control and bidi-override characters are
written as visible escapes (`\\x1b`), as the terminal view shows them: a published page has no
use for them, and a numeric reference to one is replaced by U+FFFD by common renderers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from timeline.citations import cite
from timeline.exporters import ExportFormat, ExportOptions
from timeline.literal import UNSAFE_IN_LINE, escape_match, visible
from timeline.model import Event, Store
from timeline.paragraphs import split_paragraphs
from timeline.readings import account_facts, contested_note, figures_reading, quote_marks

# Characters that can open or close Markdown syntax anywhere in a line: each gets a backslash.
# The backslash comes first, for inline_all escapes them one after another.
_SPECIAL_CHARS = "\\`*_[]<>#|~&!"
_SPECIAL = re.compile(f"[{re.escape(_SPECIAL_CHARS)}]")
# Syntax only at the start of a line (lists, setext underlines): a sign, or digits and . or ).
_LINE_OPENER = r"(?:([-+=])|(\d{1,9})(?=[.)]))"
_LINE_START = re.compile("^" + _LINE_OPENER)
# Line breaks and tabs, with the spaces around them: one space. (Runs of spaces within a line
# are text to CommonMark; a tab at the start of a line could indent it into code.)
_BREAKS = re.compile(r"[ \t\r\n]*[\t\r\n][ \t\r\n]*")

# inline_all joins texts with a separator: printable, neither space, digit nor syntax, and rare.
_SEPARATOR = "\xa4"  # ¤
_PADDED_SEPARATOR = re.compile(f" *{_SEPARATOR} *")
_EDGE_SPACE = re.compile(rf"\s(?={_SEPARATOR}|\Z)|(?:(?<={_SEPARATOR})|\A)\s")
_SEPARATOR_LINE_START = re.compile(_SEPARATOR + _LINE_OPENER)
_BATCH = 256  # events whose texts are escaped together
_FIXED_TEXTS = 9  # texts each event has in a batch before its quotes and paragraphs
# An & that CommonMark could read as the start of a character reference ("&amp;", "&#38;").
_REFERENCE_START = re.compile("&(?=#?[0-9A-Za-z]+;)")


def inline(text: str) -> str:
    """text as one line of Markdown that renders as exactly that text (line breaks and tabs,
    with the spaces around them, become one space; leading and trailing spaces are dropped)."""
    if "\n" in text or "\t" in text or "\r" in text:
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


def inline_all(texts: list[str]) -> list[str]:
    """[inline(text) for text in texts], computed on all of them joined into one string: a
    few scans of one long string instead of a function call and six scans per text, which
    halves the time of a big export (measured)."""
    # Spaces are stripped first, which is what inline does unless a text has line breaks
    # (they are folded before stripping): then the stripping is done again below.
    joined = _SEPARATOR.join([text.strip(" ") for text in texts])
    if "\n" in joined or "\t" in joined or "\r" in joined:
        joined = _BREAKS.sub(" ", joined)
        joined = _PADDED_SEPARATOR.sub(_SEPARATOR, joined).strip(" ")
    # Control, format and white space characters other than " " are all unprintable: when
    # there are none, neither escapes nor references are needed.
    printable = joined.isprintable()
    if not printable:
        joined = UNSAFE_IN_LINE.sub(escape_match, joined)
    for char in _SPECIAL_CHARS:
        if char in joined:
            joined = joined.replace(char, "\\" + char)
    if not printable:
        joined = _EDGE_SPACE.sub(_reference_match, joined)
    joined = _SEPARATOR_LINE_START.sub(_line_start, _SEPARATOR + joined)
    escaped = joined.split(_SEPARATOR)[1:]
    if len(escaped) != len(texts):  # some text holds the separator itself
        return [inline(text) for text in texts]
    return escaped


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match[0]


def _reference(char: str) -> str:
    return f"&#x{ord(char):X};"


def _reference_match(match: re.Match[str]) -> str:
    return _reference(match[0])


def _line_start(match: re.Match[str]) -> str:
    sign, digits = match[1], match[2]
    return f"{_SEPARATOR}\\{sign}" if sign else f"{_SEPARATOR}{digits}\\"


def paragraphs(text: str) -> list[str]:
    """Multi-line text as Markdown paragraphs, split where the text has blank lines."""
    return [inline(block) for block in split_paragraphs(text)]


def write(store: Store, events: list[Event], options: ExportOptions) -> Iterator[str]:
    yield f"# {inline(store.title)}\n"
    for block in paragraphs(store.description):
        yield f"\n{block}\n"
    if options.mermaid and events:
        from timeline.exporters.mermaid import diagram

        # The diagram escapes backticks, so it can never close the fence early. The heading
        # above gives the title: the diagram does not repeat it.
        yield f"\n```mermaid\n{diagram(store, events, title=False)}```\n"
    # Sources are numbered in the order the events first cite them; an event cites each by
    # its number, a link to the list at the end (GitHub and most renderers give the heading
    # the anchor #sources). Most events name one of a few sets of actors: each is joined once.
    cited = dict.fromkeys(source for event in events for source in event.sources)
    numbers = {source_id: number for number, source_id in enumerate(cited, 1)}
    citations = {source_id: f"[\\[{number}\\]](#sources)" for source_id, number in numbers.items()}
    actor_names = _ActorNames(store)
    year = None
    for start in range(0, len(events), _BATCH):
        batch = events[start : start + _BATCH]
        texts: list[str] = []
        paragraph_counts: list[int] = []
        for event in batch:
            blocks = split_paragraphs(event.summary)
            paragraph_counts.append(len(blocks))
            texts += (event.span.label, event.title, event.type, actor_names[event.actors])
            where = event.coordinates.label if event.coordinates else ""
            texts += (event.location, where, event.note, event.ref, ", ".join(event.tags))
            texts += (*event.quotes, *blocks)
        escaped = inline_all(texts)
        pieces: list[str] = []
        position = 0
        for event, paragraph_count in zip(batch, paragraph_counts, strict=True):
            event_year = event.span.start.first.year
            if event_year != year:
                pieces.append(f"\n## {event_year}\n")
                year = event_year
            end = position + _FIXED_TEXTS + len(event.quotes) + paragraph_count
            _add_event(pieces, event, escaped[position:end], citations)
            if event.accounts:
                _add_accounts(pieces, store, event, citations)
            position = end
        yield "".join(pieces)
    if cited:
        yield "\n## Sources\n\n"
        for source_id, number in numbers.items():
            citation = cite(store.sources[source_id], local=False).written(inline, _link)
            yield f"{number}. {citation}\n"


class _ActorNames(dict[tuple[str, ...], str]):
    """The names of a set of actors, joined, computed once per set."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store

    def __missing__(self, actors: tuple[str, ...]) -> str:
        names = self[actors] = ", ".join(self._store.actors[actor].name for actor in actors)
        return names


def _add_event(
    pieces: list[str], event: Event, texts: list[str], citations: dict[str, str]
) -> None:
    """Add an event's section to pieces (joined once per batch: cheaper than a string per
    event), from its texts as write listed them, escaped: label, title, type, actors,
    location, coordinates, note, ref, tags, quotes, paragraphs of the summary."""
    label, title, type_, names, location, where, note, ref, tags = texts[:_FIXED_TEXTS]
    pieces += ("\n### ", label, " — ", title, "\n\n*Type:* ", type_)
    if event.actors:
        pieces += (" · *Actors:* ", names)
    if event.location:
        pieces += (" · *Location:* ", location)
    if event.coordinates:
        pieces += (" · *Coordinates:* ", _link(event.coordinates.map_address, where))
    if event.span.ongoing:
        pieces.append(" · *Ongoing*")
    if event.accounts and (disputed := contested_note(event)):
        pieces += (" · **", inline(disputed), "**")
    pieces.append("\n")
    paragraphs_start = _FIXED_TEXTS + len(event.quotes)
    for paragraph in texts[paragraphs_start:]:
        pieces += ("\n", paragraph, "\n")
    for raw, quoted in zip(event.quotes, texts[_FIXED_TEXTS:paragraphs_start], strict=True):
        opening, closing = quote_marks(raw)
        pieces += ("\n> ", opening, quoted, closing, "\n")
    if event.note:
        pieces += ("\n*Note:* ", note, "\n")
    if (event.figures or event.accounts) and (figures := figures_reading(event)):
        pieces += ("\n*Figures:* ", "; ".join([inline(f) for f in figures]), "\n")
    if event.sources:
        label = "\n*Sources:* " if len(event.sources) > 1 else "\n*Source:* "
        pieces += (label, ", ".join([citations[s] for s in event.sources]), "\n")
    if event.tags:
        pieces += ("\n*Tags:* ", tags, "\n")
    if event.ref:
        pieces += ("\n*Dataset record:* ", ref, "\n")


def _add_accounts(pieces: list[str], store: Store, event: Event, citations: dict[str, str]) -> None:
    """Add what each of the event's sources says: a heading citing it, the fields it gives
    of its own, its quotes and its note (few events have any: escaped one by one)."""
    for account in event.accounts:
        title = inline(store.sources[account.source].title)
        pieces += ("\n#### According to “", title, "” ", citations[account.source], "\n")
        facts = account_facts(store, event, account)
        if facts:
            written = [f"*{name.capitalize()}:* {inline(value)}" for name, value in facts]
            pieces += ("\n", " · ".join(written), "\n")
        for quoted in account.quotes:
            opening, closing = quote_marks(quoted)
            pieces += ("\n> ", opening, inline(quoted), closing, "\n")
        if account.note:
            pieces += ("\n*Note:* ", inline(account.note), "\n")


def _link(url: str, label: str) -> str:
    """A link to a web address (citations.Citation makes only those links, percent-encoded,
    and a map's address is made of numbers: no space, angle bracket or backslash can end the
    <destination> early). CommonMark reads
    character references in a destination, so an & that would start one is escaped."""
    return f"[{label}](<{_REFERENCE_START.sub(_backslash, url)}>)"


FORMAT = ExportFormat(
    name="markdown",
    extensions=(".md", ".markdown"),
    description="a document to publish: events by year with summaries, quotes and sources",
    write=write,
    aliases=("md",),
)
