"""Build the terminal view of a timeline as rich renderables; never prints.

Every piece of data goes through `visible()` into a `Text`, never into markup, so a title that
holds `[bold]`, `:warning:` or an ESC sequence is shown as those characters. A field longer than
SHOWN_AT_MOST characters is cut there, and a line says how much more there is: the time and
memory of a view grow with what it shows, not with the store's longest text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
# The rail the events hang on: thin beside a day, heavy (in the type's colour) beside a period,
# dotted where a long time passes between two events.
RAIL = "│"
PERIOD_RAIL = "┃"
GAP_RAIL = "┆"
RULE = "─"
# The columns before a date: the rail's space, its marker and a space (" ● ").
GUTTER = 3
# Lines are at most this wide, however wide the terminal: longer ones are hard to read.
READABLE_WIDTH = 100
# The date stands beside the text only when the text keeps at least this many columns and
# the date column takes at most a third of the line; otherwise it stands above the title.
MIN_TEXT_BESIDE_DATE = 50
# The text beside a date column of a third of READABLE_WIDTH: on a terminal wider than
# READABLE_WIDTH, a wider date column takes spare columns instead of wrapping.
TEXT_BESIDE_WIDE_DATE = READABLE_WIDTH - READABLE_WIDTH // 3
# A date column narrower than the longest date, its dates wrapped, when the whole date does
# not fit beside the text: a view's one long date ("between 30 September and 6 October
# 2023") does not put every other date above its title.
MAX_DATE_WIDTH = 28
# A gap line ("32 years later") goes between two events that start this many months apart
# or more.
GAP_MONTHS = 12
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
    """The vertical timeline: a header, then events grouped by the year they start in, on a
    rail, with a line that says how long it was where a year or more passes between two.
    Events that began before view_start are grouped first, as context for the period asked.
    advice ends the line under a field cut short: where to read the whole text."""
    parts: list[RenderableType] = [Wrapped(_header(store, events, matched, advice))]
    date_width = max((len(e.span.label) for e in events), default=0)
    previous: Event | None = None
    for heading, group in _groups(events, view_start):
        for index, event in enumerate(group):
            gap = _gap(previous, event) if previous is not None else None
            if gap is not None:
                parts.append(_gap_lines(gap))
            elif previous is None:
                parts.append(Text(""))
            elif index == 0 or details:
                parts.append(_styled(" " + RAIL, "dim"))  # the rail goes on
            if index == 0:
                parts.append(Heading(heading, date_width))
            parts.append(_event_row(store, event, date_width, details, advice))
            previous = event
    return Group(*parts)


def _gap(previous: Event, event: Event) -> str | None:
    """How long it was from one event's start to the next's ("32 years later", "14 months
    earlier" in a view in reverse), when it was GAP_MONTHS or more; else None."""
    from timeline.dates.calendar import months_between

    months = months_between(previous.span.start.first, event.span.start.first)
    word = "later" if months >= 0 else "earlier"
    months = abs(months)
    if months < GAP_MONTHS:
        return None
    if months < 24:
        return f"{months} months {word}"
    return f"{months // 12} years {word}"


def _gap_lines(gap: str) -> Text:
    lines = Text(f" {GAP_RAIL}\n {GAP_RAIL}", style="dim")
    lines.append(" " + gap, style="italic")
    lines.append(f"\n {GAP_RAIL}")
    return lines


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


def _groups(events: list[Event], view_start: date | None) -> Iterator[tuple[Text, list[Event]]]:
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
            heading = _styled(f" Began before {before} ", "bold reverse")
            heading.append(" context: still under way or overlapping", style="dim italic")
        else:
            heading = _styled(f" {year} ", "bold reverse")
        yield heading, list(group)


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


def _balanced(console: Console, text: Text, width: int) -> list[Text]:
    """text in as few lines of at most width cells as _wrap makes, each as narrow as that
    allows: a date too long for its column breaks into even lines ("between 17 and 23" /
    "September 2023"), not a line and a word ("between 17 and 23 September" / "2023")."""
    lines = _wrap(console, text, width)
    if len(lines) < 2:
        return lines
    low, high = 1, width  # the narrowest width that keeps as few lines, by bisection
    while low < high:
        middle = (low + high) // 2
        if len(_wrap(console, text, middle)) <= len(lines):
            high = middle
        else:
            low = middle + 1
    return _wrap(console, text, low)


def _hanging(console: Console, line: Text, width: int, hang: int = 0) -> list[Text]:
    """line wrapped to width, its wrapped lines as indented as its first (an account's lines
    under its source's citation stay under it); or, given hang, under the line's hang-th
    character (a heading's title under its start, beside its marker and date)."""
    if hang:
        indent, lead = hang, line[:hang]
        after = Text(" " * lead.cell_len)
    else:
        indent = len(line.plain) - len(line.plain.lstrip(" "))
        lead = after = line[:indent]
    if not indent or line.cell_len <= width or lead.cell_len * 2 >= width:
        return _wrap(console, line, width)
    parts = _wrap(console, line[indent:], width - lead.cell_len)
    return [lead + parts[0], *(after + part for part in parts[1:])]


class Wrapped:
    """Text wrapped to the width, READABLE_WIDTH at most, with no trailing spaces (rich keeps
    them at wrap points). hang: where the first line's wrapped lines start (a heading's title),
    in characters of it; by default, as far in as it starts."""

    def __init__(self, text: Text, hang: int = 0) -> None:
        self.text = text
        self.hang = hang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = min(options.max_width, READABLE_WIDTH)
        text = self.text
        hang = self.hang
        for line in text.split("\n", allow_blank=True) if "\n" in text.plain else [text]:
            for part in _hanging(console, line, width, hang):  # an indented line stays indented
                yield from part.render(console)
                yield NEWLINE
            hang = 0


def date_layout(available: int, date_width: int) -> tuple[int, int | None]:
    """How wide the lines of a timeline are on a terminal of available columns, and how wide
    its date column beside the text is (None: each date stands above its title), for dates
    of at most date_width columns. The date stands beside the text when its column takes at
    most a third of the line and leaves the text MIN_TEXT_BESIDE_DATE columns; on a terminal
    wider than READABLE_WIDTH, a wider column goes on into the spare columns, the text
    keeping the columns it has beside a third. Failing both, a column of MAX_DATE_WIDTH, its
    longer dates wrapped, when that fits."""
    line = min(available, READABLE_WIDTH)
    for width in (date_width, min(date_width, MAX_DATE_WIDTH)):
        column = GUTTER + width + 1  # and a space after the date
        if column * 3 <= line and line - column >= MIN_TEXT_BESIDE_DATE:
            return line, width
        if width == date_width and available >= column + TEXT_BESIDE_WIDE_DATE:
            return column + TEXT_BESIDE_WIDE_DATE, width
    return line, None


class Heading:
    """A heading of the timeline (a year): its text, then a rule to the end of the line, as
    wide as the events' lines (date_width: their longest date)."""

    def __init__(self, text: Text, date_width: int = 0) -> None:
        self.text = text
        self.date_width = date_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width, _ = date_layout(options.max_width, self.date_width)
        rule = width - self.text.cell_len - 1
        if rule < 3:  # no room for a rule: the text alone, wrapped
            yield Wrapped(self.text)
            return
        yield from self.text.render(console)
        yield SPACE
        yield from _styled(RULE * rule, "dim").render(console)
        yield NEWLINE


class EventRow:
    """One event on the rail: its marker, its date, and its lines with the rail beside them.
    The date stands in a column beside the lines when the line is wide enough for both (the
    lines hang beside it), else above the title. Drawn straight as segments: no table cells,
    and no Text that rich would wrap a second time; it leaves no trailing spaces in piped
    output."""

    def __init__(
        self, marker: Text, rail: Text, when: Text, lines: list[Text], date_width: int
    ) -> None:
        self.marker = marker
        self.rail = rail
        self.when = when
        self.lines = lines
        self.date_width = date_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width, date_width = date_layout(options.max_width, self.date_width)
        gutter = self.marker.cell_len + 1
        beside = date_width is not None
        column = gutter + (date_width or 0) + 1  # the marker, the date and a space after it
        if date_width is not None:
            dates = _balanced(console, self.when, date_width)
            text_width = width - column
        else:
            text_width = max(width - gutter, 1)
            dates = _balanced(console, self.when, text_width)
        bodies = [part for line in self.lines for part in _hanging(console, line, text_width)]
        rows: list[tuple[Text | None, Text | None]]
        if beside:
            count = max(len(dates), len(bodies))
            rows = [
                (dates[i] if i < len(dates) else None, bodies[i] if i < len(bodies) else None)
                for i in range(count)
            ]
        else:
            rows = [(line, None) for line in dates] + [(None, line) for line in bodies]
        for index, (when, body) in enumerate(rows):
            yield from (self.marker if index == 0 else self.rail).render(console)
            used = 0
            if when is not None:
                yield SPACE
                yield from when.render(console)
                used = when.cell_len + 1
            if body is not None:
                yield Segment(" " * (column - gutter - used + 1 if beside else 1))
                yield from body.render(console)
            yield NEWLINE


def _event_row(store: Store, event: Event, date_width: int, details: bool, advice: str) -> EventRow:
    color = store.types[event.type].color
    disputed: tuple[str, ...] = ()
    if event.accounts:  # only then: most stores have none, and show starts without it
        from timeline.contested import contested

        disputed = contested(event)
    period = event.span.is_period
    if disputed:
        marker = CONTESTED_PERIOD_MARKER if period else CONTESTED_POINT_MARKER
    else:
        marker = PERIOD_MARKER if period else POINT_MARKER
    return EventRow(
        _styled(" " + marker, color),
        _styled(" " + PERIOD_RAIL, color) if period else _styled(" " + RAIL, "dim"),
        _styled(visible(event.span.label), f"bold {color}"),
        _event_lines(store, event, disputed, details, advice),
        date_width,
    )


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
    title_start = len(lines.plain)  # the title's wrapped lines go under its start
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
    return Wrapped(lines, hang=title_start)


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
    rows: list[list[Text]] = []
    if kind == "actors":
        headers = ["id", "name", "kind", "role", "part of"]
        for actor in store.actors.values():
            part_of = ", ".join(store.actors[p].name for p in actor.part_of)
            cells = (actor.id, actor.name, actor.kind, actor.role, part_of)
            rows.append([Text(visible(cell)) for cell in cells])
        used = [counts.get(actor_id, 0) for actor_id in store.actors]
    elif kind == "types":
        headers = ["type", "description"]
        for event_type in store.types.values():
            name = _styled(POINT_MARKER, event_type.color)
            name.append(" " + visible(event_type.id))
            rows.append([name, Text(visible(event_type.description))])
        used = [counts.get(type_id, 0) for type_id in store.types]
    else:
        headers = ["id", "title", "publisher", "published", "url or file"]
        for source in store.sources.values():
            cells = (
                source.id,
                source.title,
                source.publisher,
                source.published,
                source.url or source.file,
            )
            rows.append([Text(visible(cell)) for cell in cells])
        used = [counts.get(source_id, 0) for source_id in store.sources]
    return Listing(headers, rows, used)


def tag_list(counts: list[tuple[str, int]]) -> RenderableType:
    """Tags with how many events have each, drawn as the declarations are."""
    return Listing(["tag"], [[Text(visible(tag))] for tag, _ in counts], [n for _, n in counts])


COLUMN_GAP = 2


class Listing:
    """Rows of fields, each with how many events use it (the last column, "events"). A table
    when every column can be as wide as its longest word: each column gets that much, and
    the room left is shared out as their longest lines ask. Otherwise each row is a block:
    its first field and its count, then each other field beside its label (or under it, when
    a word of it is too long to stand beside it). No word is split unless it is longer than
    the line."""

    def __init__(self, headers: list[str], rows: list[list[Text]], counts: list[int]) -> None:
        self.headers = [*headers, "events"]
        self.rows = [[*row, Text(str(count))] for row, count in zip(rows, counts, strict=True)]
        self.counts = counts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        widths = self._widths(width)
        if widths is None:
            yield from self._blocks(console, width)
            return
        header = [_styled(name, "bold") for name in self.headers]
        for row in [header, *self.rows]:
            yield from self._table_row(console, row, widths)

    def _widths(self, width: int) -> list[int] | None:
        """Each column's width in the table, or None when the table does not fit."""
        columns = list(zip(self.headers, *self.rows, strict=True))
        most = [max([len(name), *(cell.cell_len for cell in cells)]) for name, *cells in columns]
        # The first column (an id, a tag, a type with its marker) is never wrapped.
        least = most[:1] + [
            max([len(name), *(_longest_word(cell) for cell in cells)])
            for name, *cells in columns[1:]
        ]
        room = width - COLUMN_GAP * (len(columns) - 1)
        if sum(most) <= room:
            return most
        if sum(least) > room:
            return None
        spare, wanted = room - sum(least), sum(most) - sum(least)
        widths = [
            low + spare * (high - low) // wanted for low, high in zip(least, most, strict=True)
        ]
        for index in sorted(range(len(widths)), key=lambda i: least[i] - most[i]):
            if sum(widths) == room:
                break
            if widths[index] < most[index]:
                widths[index] += 1  # what rounding down left, to the widest wishes first
        return widths

    def _table_row(self, console: Console, row: list[Text], widths: list[int]) -> RenderResult:
        cells = [_wrap(console, cell, width) for cell, width in zip(row, widths, strict=True)]
        for index in range(max(len(lines) for lines in cells)):
            pending = 0  # columns of padding owed before the next text
            for column, lines in enumerate(cells):
                line = lines[index] if index < len(lines) else None
                last = column == len(cells) - 1
                if last and line is not None:  # the count, right-aligned
                    pending += widths[column] - line.cell_len
                if line is not None and line.plain:
                    yield Segment(" " * pending)
                    yield from line.render(console)
                    pending = 0 if last else widths[column] - line.cell_len
                elif not last:
                    pending += widths[column]
                pending += COLUMN_GAP
            yield NEWLINE

    def _blocks(self, console: Console, width: int) -> RenderResult:
        labels = self.headers[1:-1]
        label_width = max((len(label) for label in labels), default=0)
        beside = 2 + label_width + COLUMN_GAP  # where a value starts beside its label
        for row, count in zip(self.rows, self.counts, strict=True):
            first = row[0].copy()
            first.stylize("bold")
            first.append(f" · {count} event{'s' if count != 1 else ''}", style="dim")
            for line in _wrap(console, first, width):
                yield from line.render(console)
                yield NEWLINE
            for label, cell in zip(labels, row[1:-1], strict=True):
                if not cell.plain:
                    continue
                name = _styled(f"  {label}", "dim")
                if _longest_word(cell) <= width - beside:
                    lines = _wrap(console, cell, width - beside)
                    indent = beside
                else:  # a long word (an address): under the label, as far in as it fits
                    yield from name.render(console)
                    yield NEWLINE
                    name = Text("")
                    indent = max(min(beside, width - _longest_word(cell)), 2)
                    lines = _wrap(console, cell, max(width - indent, 1))
                for line in lines:
                    if name.plain:
                        yield from name.render(console)
                        yield Segment(" " * (indent - name.cell_len))
                        name = Text("")
                    else:
                        yield Segment(" " * indent)
                    yield from line.render(console)
                    yield NEWLINE


def _longest_word(text: Text) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in text.plain.split()), default=0)
