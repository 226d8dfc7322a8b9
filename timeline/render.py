"""Build the terminal view of a timeline as rich renderables; never prints.

Every piece of data goes through `visible()` into a `Text`, never into markup, so a title that
holds `[bold]`, `:warning:` or an ESC sequence is shown as those characters. A field longer than
SHOWN_AT_MOST characters is cut there, and a line says how much more there is: the time and
memory of a view grow with what it shows, not with the store's longest text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import groupby

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text

from timeline.citations import cite
from timeline.dates.syntax import day_words
from timeline.literal import visible
from timeline.model import Account, Event, Store

POINT_MARKER = "●"
PERIOD_MARKER = "■"
# A contested event's markers: its sources disagree on its date, place, actors or a figure.
CONTESTED_POINT_MARKER = "◆"
CONTESTED_PERIOD_MARKER = "◈"
MAX_DATE_WIDTH = 28
# The characters of one field (a title, a summary, a note, a quote) a view shows at most: a few
# screens. rich's word wrapping takes seconds on a field of megabytes.
SHOWN_AT_MOST = 10_000
_LEADING_SPACE = re.compile(r"\s*")
NEWLINE = Segment.line()
SPACE = Segment(" ")


def timeline_view(
    store: Store,
    events: list[Event],
    *,
    view_start: date | None = None,
    matched: int | None = None,
    details: bool = False,
    advice: str = "",
) -> RenderableType:
    """The vertical timeline: a header, then events grouped by the year they start in.
    Events that began before view_start are grouped first, as context for the period asked.
    advice ends the line under a field cut short: where to read the whole text."""
    parts: list[RenderableType] = [Wrapped(_header(store, events, matched, advice))]
    date_width = min(max((len(e.span.label) for e in events), default=0), MAX_DATE_WIDTH)
    for heading, group in _groups(events, view_start):
        parts.append(Text(""))
        parts.append(Wrapped(heading))
        parts.append(_event_rows(store, list(group), date_width, details, advice))
    return Group(*parts)


def _cut(
    text: str, advice: str, *, multiline: bool = False, strip: bool = False
) -> tuple[str, str | None]:
    """A field as a view shows it (with strip: without the white space around it): escaped
    (`visible`), its first SHOWN_AT_MOST characters; and the line that says how many more
    there are, with advice ("… (1,234 more characters; advice)"), or None when it is shown
    whole. A huge text is not copied."""
    start, end = 0, len(text)
    if strip:
        leading = _LEADING_SPACE.match(text)
        start = leading.end() if leading else 0
        while end > start and text[end - 1].isspace():
            end -= 1
    if end - start <= SHOWN_AT_MOST:
        return visible(text[start:end], multiline=multiline), None
    hidden = end - start - SHOWN_AT_MOST
    more = f"… ({hidden:,} more character{'s' if hidden != 1 else ''}"
    more += f"; {advice})" if advice else ")"
    return visible(text[start : start + SHOWN_AT_MOST], multiline=multiline), more


def _append(
    line: Text,
    value: str,
    style: str,
    advice: str,
    *,
    before: str = "",
    after: str = "",
    multiline: bool = False,
    strip: bool = False,
) -> None:
    """Append a field, cut, between before and after, to a text; and the line that says how
    much was cut."""
    shown, more = _cut(value, advice, multiline=multiline, strip=strip)
    line.append(before + shown + after, style=style)
    if more is not None:
        line.append("\n" + more, style="dim")


class _Lines:
    """Lines of fields, each line in one style, each field cut at SHOWN_AT_MOST characters."""

    def __init__(self, advice: str) -> None:
        self.advice = advice
        self.items: list[tuple[str, str]] = []

    def add(
        self,
        value: str,
        style: str,
        *,
        before: str = "",
        after: str = "",
        multiline: bool = False,
        strip: bool = False,
    ) -> None:
        """The field between before and after: one line, or one per line of a multiline one."""
        shown, more = _cut(value, self.advice, multiline=multiline, strip=strip)
        lines = shown.split("\n") if multiline else [shown]
        lines[0] = before + lines[0]
        lines[-1] += after
        self.items += [(line, style) for line in lines]
        if more is not None:
            self.items.append((more, "dim"))

    def texts(self) -> list[Text]:
        return [_styled(text, style) for text, style in self.items]


def _header(store: Store, events: list[Event], matched: int | None, advice: str) -> Text:
    header = Text()
    _append(header, store.title, "bold", advice)
    count = len(events)
    noun = "event" if count == 1 else "events"
    summary = f"{count} {noun}"
    if matched is not None and matched > count:
        summary = f"{count} of {matched} matching events"
    header.append("\n" + summary, style="dim")
    return header


def _groups(events: list[Event], view_start: date | None) -> Iterator[tuple[Text, Iterable[Event]]]:
    def key(event: Event) -> int | None:
        if view_start is not None and event.span.earliest < view_start:
            return None  # began before the period asked about: context
        return event.span.start.first.year

    for year, group in groupby(events, key=key):
        if year is None:
            assert view_start is not None
            before = (
                str(view_start.year)
                if (view_start.month, view_start.day) == (1, 1)
                else day_words(view_start)
            )
            heading = Text(f"Began before {before}", style="bold")
            heading.append("  context: still under way or overlapping", style="not bold dim italic")
        else:
            heading = Text(str(year), style="bold underline")
        yield heading, group


def _wrap(console: Console, text: Text, width: int) -> list[Text]:
    """text in lines of at most width cells, without trailing spaces."""
    lines: list[Text] = []
    for line in text.split("\n", allow_blank=True) if "\n" in text.plain else [text]:
        if line.cell_len <= width:
            lines.append(line)  # most lines fit: skip rich's word wrapping, the costly part
            continue
        for part in line.wrap(console, width):
            part.rstrip()
            lines.append(part)
    return lines


class Wrapped:
    """Text wrapped to the width with no trailing spaces (rich keeps them at wrap points)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in _wrap(console, self.text, options.max_width):
            yield from line.render(console)
            yield NEWLINE


class EventRow:
    """One event: its marker and date in fixed columns, and its lines wrapped beside them with
    a hanging indent. Drawn straight as segments: no table cells, and no Text that rich would
    wrap a second time; it leaves no trailing spaces in piped output."""

    def __init__(self, marker: Text, when: Text, lines: list[Text], date_width: int) -> None:
        self.marker = marker
        self.when = when
        self.lines = lines
        self.date_width = date_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        marker_width = self.marker.cell_len
        # On a narrow terminal the date column gives way before the body does.
        date_width = max(1, min(self.date_width, options.max_width // 3))
        body_width = max(options.max_width - marker_width - date_width - 2, 1)
        dates = _wrap(console, self.when, date_width)
        bodies = [part for line in self.lines for part in _wrap(console, line, body_width)]
        blank = Segment(" " * marker_width)
        for index in range(max(len(dates), len(bodies))):
            if index == 0:
                yield from self.marker.render(console)
            else:
                yield blank
            yield SPACE
            used = 0
            if index < len(dates):
                yield from dates[index].render(console)
                used = dates[index].cell_len
            if index < len(bodies):
                yield Segment(" " * (date_width - used + 1))
                yield from bodies[index].render(console)
            yield NEWLINE


def _event_rows(
    store: Store, events: list[Event], date_width: int, details: bool, advice: str
) -> Group:
    from timeline.contested import contested

    rows = []
    for event in events:
        color = store.types[event.type].color
        disputed = contested(event) if event.accounts else ()
        if disputed:
            marker = CONTESTED_PERIOD_MARKER if event.span.is_period else CONTESTED_POINT_MARKER
        else:
            marker = PERIOD_MARKER if event.span.is_period else POINT_MARKER
        rows.append(
            EventRow(
                _styled(" " + marker, color),
                _styled(visible(event.span.label), f"bold {color}"),
                _event_lines(store, event, disputed, details, advice),
                date_width,
            )
        )
    return Group(*rows)


def _event_lines(
    store: Store, event: Event, disputed: tuple[str, ...], details: bool, advice: str
) -> list[Text]:
    """The lines beside the date: title, then type, what is contested, actors and place;
    with details, the rest. Each is one line of text (a multi-line field gives several)."""
    meta = [event.type]
    if disputed:
        fields = (field.removeprefix("figures.") for field in disputed)
        meta.append(f"contested: {', '.join(fields)}")
    if event.span.ongoing:
        meta.append("ongoing")
    names = [store.actors[a].name for a in event.actors]
    if names:
        meta.append(", ".join(names))
    if event.location:
        meta.append(event.location)
    lines = _Lines(advice)
    lines.add(event.title, "bold")
    lines.add(" · ".join(meta), "dim")
    if details:
        _detail_lines(store, event, lines)
    return lines.texts()


def _detail_lines(store: Store, event: Event, lines: _Lines) -> None:
    from timeline.readings import quote_marks

    if event.summary:
        lines.add(event.summary, "", multiline=True, strip=True)
    for quote in event.quotes:
        opening, closing = quote_marks(quote)
        lines.add(quote, "italic", before=opening, after=closing)
    if event.when:
        lines.add(event.when, "dim", before="As written: ")
    if event.note:
        lines.add(event.note, "dim", before="Note: ", multiline=True)
    if event.figures or event.accounts:
        from timeline.readings import figures_reading

        readings = figures_reading(event)
        if readings:
            lines.add("; ".join(readings), "dim", before="Figures: ")
    for source_id in event.sources:
        lines.add(cite(store.sources[source_id]).written(), "dim", before="Source: ")
        for account in event.accounts:
            if account.source == source_id:
                _account_detail_lines(store, event, account, lines)
    if event.tags:
        lines.add(", ".join(event.tags), "dim", before="Tags: ")
    lines.add(event.id, "dim", before="id: ")


def _account_detail_lines(store: Store, event: Event, account: Account, lines: _Lines) -> None:
    """What one source says, under its citation: the fields it gives where they differ from
    the event's reading (a place or actors that are the same, a figure the event gives
    alike, say nothing new), its quotes and its note, indented."""
    from timeline.contested import account_differences, account_span
    from timeline.readings import quote_marks

    differing = account_differences(event, account)
    span = account_span(event, account) if account.date_text or account.end_text else None
    own = set(event.figures)
    facts = [
        ("Date", span.label if span is not None and span.label != event.span.label else ""),
        ("As written", account.when),
        ("Location", account.location if "location" in differing else ""),
        (
            "Actors",
            ", ".join(store.actors[a].name for a in account.actors if "actors" in differing),
        ),
        ("Figures", ", ".join(figure.label for figure in account.figures if figure not in own)),
    ]
    for name, value in facts:
        if value:
            lines.add(value, "dim", before=f"  {name}: ")
    for quote in account.quotes:
        opening, closing = quote_marks(quote)
        lines.add(quote, "italic", before="  " + opening, after=closing)
    if account.note:
        lines.add(account.note, "dim", before="  Note: ", multiline=True)


def _styled(text: str, style: str) -> Text:
    """One line of text in one style. The style is a span, not the Text's base style: Text
    .render(), which EventRow uses, draws spans only."""
    line = Text(text, overflow="fold")
    if style:
        line.stylize(style)
    return line


class Progress:
    """How far a long piece of work has got, as the line a spinner shows: "label 45%". Call it
    with the work done and the work in all; each time it is drawn it shows the latest."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.percent: int | None = None

    def __call__(self, done: int, total: int) -> None:
        self.percent = min(done * 100 // total, 100) if total > 0 else 100

    def __rich__(self) -> Text:
        return Text(self.label if self.percent is None else f"{self.label} {self.percent}%")


def not_shown(hidden: int, *, older: bool, advice: str) -> RenderableType:
    """The line under a view cut short: how many events are missing, then advice on how to
    see them."""
    which = "older" if older else "more"
    return Wrapped(Text(f"… and {hidden:,} {which} events not shown: {advice}", style="dim"))


def no_events() -> Text:
    return Text("No events match these filters.")


def no_events_yet(store: Store, command: str, advice: str) -> RenderableType:
    """What a store without a single event shows instead of a view: that it has none yet, the
    command that adds one (on a line of its own, never broken, to be copied), then advice."""
    return Group(
        Wrapped(Text(f"{visible(str(store.path))} has no events yet. Add one with:")),
        Text(f"  {visible(command)}", no_wrap=True, overflow="ignore"),
        Wrapped(Text(advice)),
    )


def event_view(store: Store, event: Event, *, advice: str = "") -> RenderableType:
    """One event in full: every field, actors with their roles, sources cited in full. advice
    ends the line under a field cut short: where to read the whole text."""
    from timeline.readings import quote_marks

    color = store.types[event.type].color
    marker = PERIOD_MARKER if event.span.is_period else POINT_MARKER
    lines = Text()
    lines.append(f"{marker} ", style=color)
    lines.append(visible(event.span.label), style=f"bold {color}")
    lines.append("  ")
    _append(lines, event.title, "bold", advice)
    facts = [("id", event.id), ("type", event.type), ("date", event.date_text)]
    if event.end_text:
        facts.append(("end", event.end_text))
    facts += [("as written", event.when), ("location", event.location)]
    facts += [("coordinates", event.coordinates.label if event.coordinates else "")]
    facts += [("dataset record", event.ref)]
    facts.append(("figures", ", ".join(figure.label for figure in event.figures)))
    facts.append(("tags", ", ".join(event.tags)))
    if event.accounts:
        from timeline.contested import contested

        facts.append(("contested", ", ".join(contested(event))))
    for name, value in facts:
        if value:
            lines.append(f"\n{name}: ", style="dim")
            _append(lines, value, "", advice)
    if event.summary:
        lines.append("\n\n")
        _append(lines, event.summary, "", advice, multiline=True, strip=True)
    for quote in event.quotes:
        lines.append("\n\n")
        opening, closing = quote_marks(quote)
        _append(lines, quote, "italic", advice, before=opening, after=closing)
    if event.actors:
        lines.append("\n\nActors", style="bold")
        for actor_id in event.actors:
            actor = store.actors[actor_id]
            lines.append("\n  ")
            _append(lines, actor.name, "", advice)
            about = [actor.role or actor.kind]
            about += [f"part of {store.actors[p].name}" for p in actor.part_of]
            if any(about):
                _append(lines, ", ".join(a for a in about if a), "dim", advice, before=" — ")
    if event.sources:
        lines.append("\n\nSources", style="bold")
        for source_id in event.sources:
            lines.append("\n  ")
            _append(lines, cite(store.sources[source_id]).written(), "", advice)
    if event.accounts:
        lines.append("\n\nAccounts", style="bold")
        for account in event.accounts:
            _account_lines(store, event, account, lines, advice)
    if event.note:
        lines.append("\n\nNote: ", style="bold")
        _append(lines, event.note, "", advice, multiline=True)
    return Wrapped(lines)


def _account_lines(store: Store, event: Event, account: Account, lines: Text, advice: str) -> None:
    """What one source says of the event: the fields it gives (where it differs or adds),
    then its quotes and its note, under the source's citation."""
    from timeline.readings import account_facts, quote_marks

    lines.append("\n  ")
    _append(lines, cite(store.sources[account.source]).written(), "", advice)
    for name, value in account_facts(store, event, account):
        lines.append(f"\n    {name}: ", style="dim")
        _append(lines, value, "", advice)
    for quote in account.quotes:
        lines.append("\n    ")
        opening, closing = quote_marks(quote)
        _append(lines, quote, "italic", advice, before=opening, after=closing)
    if account.note:
        lines.append("\n    Note: ", style="dim")
        _append(lines, account.note, "", advice, multiline=True)


def declarations(store: Store, kind: str, counts: dict[str, int]) -> RenderableType:
    """The actors, types or sources a store declares, with how many events use each."""
    from rich.table import Table  # only the listings draw a table

    table = Table(box=None, pad_edge=False, header_style="bold")
    if kind == "actors":
        table.add_column("id", no_wrap=True)
        for column in ("name", "kind", "role", "part of"):
            table.add_column(column, overflow="fold")
        table.add_column("events", justify="right")
        for actor in store.actors.values():
            part_of = ", ".join(store.actors[p].name for p in actor.part_of)
            cells = (actor.id, actor.name, actor.kind, actor.role, part_of)
            table.add_row(*(Text(visible(c)) for c in cells), str(counts.get(actor.id, 0)))
    elif kind == "types":
        table.add_column("type", no_wrap=True)
        table.add_column("description", overflow="fold")
        table.add_column("events", justify="right")
        for event_type in store.types.values():
            name = Text(f"{POINT_MARKER} ", style=event_type.color)
            name.append(visible(event_type.id))
            table.add_row(
                name, Text(visible(event_type.description)), str(counts.get(event_type.id, 0))
            )
    else:
        table.add_column("id", no_wrap=True)
        for column in ("title", "publisher", "published", "url or file"):
            table.add_column(column, overflow="fold")
        table.add_column("events", justify="right")
        for source in store.sources.values():
            cells = (
                source.id,
                source.title,
                source.publisher,
                source.published,
                source.url or source.file,
            )
            table.add_row(*(Text(visible(c)) for c in cells), str(counts.get(source.id, 0)))
    return table


def tag_list(counts: list[tuple[str, int]]) -> RenderableType:
    """Tags with how many events have each, drawn as the declarations are."""
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("tag", overflow="fold")
    table.add_column("events", justify="right")
    for tag, count in counts:
        table.add_row(Text(visible(tag)), str(count))
    return table
