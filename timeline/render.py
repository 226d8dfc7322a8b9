"""Build the terminal view of a timeline as rich renderables; never prints.

Every piece of data goes through `visible()` into a `Text`, never into markup, so a title that
holds `[bold]`, `:warning:` or an ESC sequence is shown as those characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import groupby

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text

from timeline.citations import cite
from timeline.dates.syntax import day_words
from timeline.literal import visible
from timeline.model import Event, Store

POINT_MARKER = "●"
PERIOD_MARKER = "■"
MAX_DATE_WIDTH = 28
NEWLINE = Segment.line()
SPACE = Segment(" ")


def timeline_view(
    store: Store,
    events: list[Event],
    *,
    view_start: date | None = None,
    matched: int | None = None,
    details: bool = False,
) -> RenderableType:
    """The vertical timeline: a header, then events grouped by the year they start in.
    Events that began before view_start are grouped first, as context for the period asked."""
    parts: list[RenderableType] = [Wrapped(_header(store, events, matched))]
    date_width = min(max((len(e.span.label) for e in events), default=0), MAX_DATE_WIDTH)
    for heading, group in _groups(events, view_start):
        parts.append(Text(""))
        parts.append(Wrapped(heading))
        parts.append(_event_rows(store, list(group), date_width, details))
    return Group(*parts)


def _header(store: Store, events: list[Event], matched: int | None) -> Text:
    header = Text()
    header.append(visible(store.title), style="bold")
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


def _event_rows(store: Store, events: list[Event], date_width: int, details: bool) -> Group:
    rows = []
    for event in events:
        color = store.types[event.type].color
        marker = PERIOD_MARKER if event.span.is_period else POINT_MARKER
        rows.append(
            EventRow(
                _styled(" " + marker, color),
                _styled(visible(event.span.label), f"bold {color}"),
                _event_lines(store, event, details),
                date_width,
            )
        )
    return Group(*rows)


def _event_lines(store: Store, event: Event, details: bool) -> list[Text]:
    """The lines beside the date: title, then type, actors and place; with details, the
    rest. Each is one line of text (a multi-line field gives several)."""
    meta = [event.type]
    if event.span.ongoing:
        meta.append("ongoing")
    names = [store.actors[a].name for a in event.actors]
    if names:
        meta.append(", ".join(names))
    if event.location:
        meta.append(event.location)
    lines = [_styled(visible(event.title), "bold"), _styled(visible(" · ".join(meta)), "dim")]
    if details:
        lines += _detail_lines(store, event)
    return lines


def _detail_lines(store: Store, event: Event) -> list[Text]:
    lines: list[tuple[str, str]] = []
    if event.summary:
        lines += [(line, "") for line in visible(event.summary.strip(), multiline=True).split("\n")]
    lines += [(f"“{visible(quote)}”", "italic") for quote in event.quotes]
    if event.when:
        lines.append((f"As written: {visible(event.when)}", "dim"))
    if event.note:
        note = visible(event.note, multiline=True).split("\n")
        lines += [(f"Note: {note[0]}", "dim"), *((line, "dim") for line in note[1:])]
    lines += [
        (f"Source: {visible(cite(store.sources[source_id]).written())}", "dim")
        for source_id in event.sources
    ]
    if event.tags:
        lines.append(("Tags: " + visible(", ".join(event.tags)), "dim"))
    lines.append((f"id: {visible(event.id)}", "dim"))
    return [_styled(text, style) for text, style in lines]


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


def event_view(store: Store, event: Event) -> RenderableType:
    """One event in full: every field, actors with their roles, sources cited in full."""
    color = store.types[event.type].color
    marker = PERIOD_MARKER if event.span.is_period else POINT_MARKER
    lines = Text()
    lines.append(f"{marker} ", style=color)
    lines.append(visible(event.span.label), style=f"bold {color}")
    lines.append("  ")
    lines.append(visible(event.title), style="bold")
    facts = [("id", event.id), ("type", event.type), ("date", event.date_text)]
    if event.end_text:
        facts.append(("end", event.end_text))
    facts += [("as written", event.when), ("location", event.location)]
    facts.append(("tags", ", ".join(event.tags)))
    for name, value in facts:
        if value:
            lines.append(f"\n{name}: ", style="dim")
            lines.append(visible(value))
    if event.summary:
        lines.append("\n\n" + visible(event.summary.strip(), multiline=True))
    for quote in event.quotes:
        lines.append(f"\n\n“{visible(quote)}”", style="italic")
    if event.actors:
        lines.append("\n\nActors", style="bold")
        for actor_id in event.actors:
            actor = store.actors[actor_id]
            lines.append("\n  " + visible(actor.name))
            about = [actor.role or actor.kind]
            about += [f"part of {store.actors[p].name}" for p in actor.part_of]
            if any(about):
                lines.append(" — " + visible(", ".join(a for a in about if a)), style="dim")
    if event.sources:
        lines.append("\n\nSources", style="bold")
        for source_id in event.sources:
            lines.append("\n  " + visible(cite(store.sources[source_id]).written()))
    if event.note:
        lines.append("\n\nNote: ", style="bold")
        lines.append(visible(event.note, multiline=True))
    return Wrapped(lines)


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
