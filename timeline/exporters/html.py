"""HTML export: one self-contained page to publish, with no scripts and no network requests.

Every piece of data is escaped; only web addresses (citations.web_address) and an event's
point on OpenStreetMap (made of its coordinates' numbers) become links, so no control character
or space reaches an href. Each event is drawn on a track under a time axis
with a tick for each year; long stretches of years in which no event begins or ends are drawn
as a break (Axis). Sources are numbered in a list at the end, and each event points to them.
A Content-Security-Policy forbids scripts and every outside resource, should anyone add one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from datetime import date
from functools import cache
from html import escape
from itertools import groupby
from typing import NamedTuple

from timeline.citations import cite
from timeline.dates.syntax import FuzzyDate, Precision, Span
from timeline.exporters import ExportFormat, ExportOptions
from timeline.literal import visible
from timeline.model import Account, Event, Store
from timeline.paragraphs import split_paragraphs
from timeline.readings import account_facts, contested_note, figures_reading, quote_marks

# The page's colours are variables, so that the dark scheme and print only change them.
# --indent, --rail and --pad place the tracks; the axis takes the same insets to line up.
STYLE = """
:root { color-scheme: light dark; --ink: #1d2330; --muted: #5b6474; --rule: #d9dde5;
        --bg: #f7f8fa; --card: #fff; --track: #eceff3; --grid: rgba(29, 35, 48, .16);
        --indent: 1.2rem; --rail: 3px; --pad: 1rem; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e3e6eb; --muted: #a3acb9; --rule: #3a414d; --bg: #14171c; --card: #1e2229;
          --track: #2b3039; --grid: rgba(227, 230, 235, .18); }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
       color: var(--ink); background: var(--bg); overflow-wrap: anywhere; }
header, main { max-width: 56rem; margin: 0 auto; padding: 1.5rem; }
header { padding-bottom: 0; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .5rem; overflow-wrap: normal; }
.description { color: var(--muted); margin: 0 0 1rem; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; list-style: none; padding: 0;
          margin: 0; font-size: .9rem; color: var(--muted); }
.legend li::before, .type::before { content: ""; display: inline-block; width: .75rem;
    height: .75rem; border-radius: 50%; background: var(--c); margin-right: .35rem;
    vertical-align: -.05rem; }
.axis { position: sticky; top: 0; z-index: 1; height: 2.6rem; background: var(--bg);
        margin: 0 var(--pad) 0 calc(var(--indent) + var(--rail) + var(--pad));
        border-bottom: 1px solid var(--rule); font-size: .75rem; color: var(--muted); }
.axis .tick { position: absolute; top: .3rem; height: 1.2rem; padding-left: .2rem;
              border-left: 1px solid var(--grid); white-space: nowrap; line-height: 1.2rem; }
.axis .tick:empty { top: .9rem; height: .6rem; }
.axis .gap { position: absolute; bottom: 0; height: .9rem;
             border: 1px dashed var(--muted); border-width: 0 1px;
             background: repeating-linear-gradient(135deg, var(--rule) 0 2px,
                                                   transparent 2px 5px); }
.axis .gap span { position: absolute; left: 50%; bottom: .95rem; transform: translateX(-50%);
                  white-space: nowrap; font-style: italic; font-size: .7rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-bottom: .2rem;
     border-bottom: 2px solid var(--rule); }
.events { list-style: none; margin: 0; padding: 0 0 0 var(--indent);
          border-left: var(--rail) solid var(--rule); }
.event { position: relative; margin: 0 0 1.2rem; padding: .8rem var(--pad);
         background: var(--card); border-radius: .5rem; box-shadow: 0 1px 2px rgba(0, 0, 0, .08); }
.event::before { content: ""; position: absolute; top: 1.1rem;
                 left: calc(-1 * var(--indent) - var(--rail) / 2 - .45rem);
                 width: .9rem; height: .9rem; border-radius: 50%;
                 background: var(--c); border: 2px solid var(--bg); }
.event.period::before { border-radius: 2px; }
.event.contested::before { border-radius: 0; transform: rotate(45deg); }
.when { font-weight: 700; }
.type { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em;
        color: var(--muted); margin-left: .6rem; white-space: nowrap; }
h3 { font-size: 1.1rem; margin: .2rem 0; }
p.contested { display: inline-block; font-weight: 700; font-size: .9rem; margin: .3rem 0;
              padding: .05rem .5rem; border: 1px dashed currentColor; border-radius: .3rem; }
p.contested::before { content: "◆ "; }
.account { margin: .5rem 0 0; padding-left: .8rem; border-left: 3px dotted var(--rule); }
.meta, .note, .sources, .tags, .ref, .figures, .according { color: var(--muted);
                                                           font-size: .9rem; margin: .3rem 0; }
.figures { color: var(--ink); }
.map { display: inline-block; }  /* to the next line whole, rather than broken, if it fits */
.track { position: relative; height: .6rem; background-color: var(--track); border-radius: .3rem;
         margin: .5rem 0; }
.track::after { content: ""; position: absolute; inset: -1px 0; pointer-events: none; }
.bar { --soft: color-mix(in srgb, var(--c) 22%, transparent); --s: var(--c); --e: var(--c);
       --a: 0%; --b: 100%; position: absolute; top: 0; bottom: 0; min-width: .6rem;
       border-radius: .3rem;
       background: linear-gradient(to right, var(--s), var(--c) var(--a), var(--c) var(--b),
                                   var(--e)); }
.bar.dot { transform: translateX(-50%); }
.bar.fs { --s: var(--soft); border-top-left-radius: 0; border-bottom-left-radius: 0; }
.bar.fe { --e: var(--soft); border-top-right-radius: 0; border-bottom-right-radius: 0; }
.bar.fs.fe { border-radius: 0; }
.bar.dot.fs.fe { border-radius: 50%; box-shadow: 0 0 .3rem .15rem var(--soft); }
.bar.ongoing { --e: transparent; border-top-right-radius: 0; border-bottom-right-radius: 0; }
.bar.uncertain { outline: 1px dashed var(--c); outline-offset: 2px; }
blockquote { margin: .5rem 0; padding-left: .8rem; border-left: 3px solid var(--rule);
             font-style: italic; }
p { margin: .4rem 0; }
a { color: inherit; }
.cite { text-decoration: none; font-weight: 600; }
.source-list { padding-left: 2rem; }
.source-list li { margin: .3rem 0; }
.source-list li:target { outline: 2px solid var(--rule); }
footer { max-width: 56rem; margin: 0 auto; padding: 0 1.5rem 2rem; color: var(--muted);
         font-size: .85rem; }
@media (max-width: 40rem) {
  :root { --indent: .9rem; --pad: .75rem; }
  header, main { padding: 1rem .75rem; }
  footer { padding: 0 .75rem 1.5rem; }
  h1 { font-size: 1.4rem; }
  .axis .minor { display: none; }
}
@media print {
  :root { --ink: #000; --muted: #333; --rule: #bbb; --bg: #fff; --card: #fff; --track: #eee;
          --grid: rgba(0, 0, 0, .25); }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10.5pt; }
  header, main, footer { max-width: none; padding: 0 0 1rem; }
  .axis { position: static; }
  .event { box-shadow: none; border: 1px solid var(--rule); break-inside: avoid; }
  h2 { break-after: avoid; }
  .source-list a[href^="http"]::after { content: " <" attr(href) ">"; }
}
"""

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)

# The axis: a run of at least GAP_YEARS years in which no event begins or ends is drawn as one
# break BREAK_YEARS years wide; every other year is drawn to scale, one unit wide.
GAP_YEARS = 4
BREAK_YEARS = 1.0
# The least distance between two year labels, in percent of the axis: on any screen, and on a
# wide one (the labels only wide screens show are "minor").
LABEL_SPACING = 12.0
WIDE_LABEL_SPACING = 5.0
# A bar narrower than this (percent of the track) is centred on its days, so that where the
# least width a bar has (.6rem) widens it, it widens it on both sides.
DOT_WIDTH = 3.0


def text(value: str, *, multiline: bool = False) -> str:
    """Data as HTML text: control characters visible, everything else escaped."""
    return escape(visible(value, multiline=multiline), quote=True)


# The sixteen terminal colours, as a page should show them: the terminal's own values
# (bright_green is #00ff00) are too harsh on white. A #rrggbb colour is shown as it is, the
# same as in the terminal and the SVG.
PAGE_COLORS = {
    "black": "#2c3e50",
    "red": "#c0392b",
    "green": "#27ae60",
    "yellow": "#d68910",
    "blue": "#2e5cb8",
    "magenta": "#8e44ad",
    "cyan": "#1f8fa6",
    "white": "#95a5a6",
    "bright_black": "#7f8c8d",
    "bright_red": "#e74c3c",
    "bright_green": "#16a085",
    "bright_yellow": "#f1c40f",
    "bright_blue": "#3498db",
    "bright_magenta": "#c0399f",
    "bright_cyan": "#48c9b0",
    "bright_white": "#bdc3c7",
}


@cache
def css_color(name: str) -> str:
    """A store colour as a CSS #rrggbb (computed here, so never data in a style)."""
    if name in PAGE_COLORS:
        return PAGE_COLORS[name]
    from rich.color import Color

    red, green, blue = Color.parse(name).get_truecolor()
    return f"#{red:02x}{green:02x}{blue:02x}"


def link(url: str, label: str, *, css_class: str = "") -> str:
    """label (already HTML) as a link to url, a web address (citations.Citation makes only
    those links: RFC 3986, so no control character or space reaches the attribute; a map's
    address is made of numbers)."""
    attributes = f' class="{css_class}"' if css_class else ""
    href = escape(url, quote=True)
    return f'<a{attributes} href="{href}" rel="noopener noreferrer">{label}</a>'


class Segment(NamedTuple):
    """A stretch of the axis: the years first to last, drawn to scale or as one break."""

    first: int
    last: int
    start: float  # in units: a year drawn to scale is one unit wide
    is_break: bool


class Axis:
    """Where a day falls across the page, in percent of the width: whole years side by side,
    from the first year an event can begin in to the last year one can end in; but a run of
    GAP_YEARS or more years in which no event begins or ends is one break, BREAK_YEARS wide."""

    def __init__(self, events: list[Event]) -> None:
        marked: set[int] = set()
        for event in events:
            marked.add(event.span.earliest.year)
            latest = event.span.latest
            if latest is not None:
                marked.add(latest.year)
        years = sorted(marked)
        self.segments: list[Segment] = []
        units = 0.0
        for year, following in zip(years, [*years[1:], None], strict=True):
            self.segments.append(Segment(year, year, units, False))
            units += 1
            if following is None:
                break
            if following - year - 1 >= GAP_YEARS:
                self.segments.append(Segment(year + 1, following - 1, units, True))
                units += BREAK_YEARS
            else:
                for between in range(year + 1, following):
                    self.segments.append(Segment(between, between, units, False))
                    units += 1
        self.units = units or 1.0
        self._firsts = [segment.first for segment in self.segments]

    def at(self, day: date, *, end: bool = False) -> float:
        """Where day begins (or ends, when end is true), in percent of the axis."""
        segment = self.segments[max(bisect_right(self._firsts, day.year) - 1, 0)]
        if segment.is_break:
            years = segment.last - segment.first + 1
            done = day.year - segment.first + self._year_fraction(day, end=end)
            units = segment.start + BREAK_YEARS * done / years
        else:
            units = segment.start + self._year_fraction(day, end=end)
        return units / self.units * 100

    @staticmethod
    def _year_fraction(day: date, *, end: bool) -> float:
        length = date(day.year, 12, 31).timetuple().tm_yday
        return (day.timetuple().tm_yday - (0 if end else 1)) / length

    def left(self, segment: Segment) -> float:
        return segment.start / self.units * 100

    def width(self, segment: Segment) -> float:
        return (BREAK_YEARS if segment.is_break else 1.0) / self.units * 100

    def labels(self) -> dict[int, bool]:
        """The years to label, each with whether every screen shows it (else only wide ones):
        the first year and each year after a break before the others, then round years
        first, each far enough from those already taken."""
        years = [s.first for s in self.segments if not s.is_break]
        after_break = {
            self.segments[i + 1].first for i, s in enumerate(self.segments[:-1]) if s.is_break
        }

        def priority(year: int) -> tuple[int, int]:
            if year == years[0] or year in after_break:
                return 0, year
            roundness = next(n for n, step in enumerate((100, 50, 10, 5, 2, 1)) if year % step == 0)
            return 1 + roundness, year

        ordered = sorted(years, key=priority)
        position = {year: self.at(date(year, 1, 1)) for year in years}
        taken: dict[int, bool] = {}
        for spacing, everywhere in ((LABEL_SPACING, True), (WIDE_LABEL_SPACING, False)):
            for year in ordered:
                if year in taken or position[year] > 100 - spacing:  # room for the label
                    if year not in taken and year == years[0]:
                        taken[year] = everywhere  # the only year: always named
                    continue
                if all(abs(position[year] - position[other]) >= spacing for other in taken):
                    taken[year] = everywhere
        return taken

    def html(self) -> str:
        """The axis: a tick for each year drawn, labelled where there is room, and each
        break marked with the number of years it leaves out."""
        labels = self.labels()
        parts = ['<div class="axis" aria-hidden="true">\n']
        for segment in self.segments:
            left = self.left(segment)
            if segment.is_break:
                years = segment.last - segment.first + 1
                parts.append(
                    f'<span class="gap" style="left:{left:.3f}%;width:{self.width(segment):.3f}%" '
                    f'title="{segment.first}–{segment.last}: no event begins or ends">'
                    f"<span>{years} years</span></span>\n"
                )
                continue
            year = segment.first
            if year in labels:
                minor = "" if labels[year] else " minor"
                parts.append(f'<span class="tick{minor}" style="left:{left:.3f}%">{year}</span>\n')
            else:
                parts.append(f'<span class="tick" style="left:{left:.3f}%"></span>\n')
        parts.append("</div>\n")
        return "".join(parts)

    def style(self) -> str:
        """The rules that draw the axis on every track: a line at each labelled year, and
        each break hatched over the bars that cross it (values computed here, never data)."""
        labels = self.labels()
        ticks = [self.at(date(year, 1, 1)) for year in sorted(labels)]
        rules = []
        if ticks:
            layers = ", ".join(["linear-gradient(var(--grid), var(--grid))"] * len(ticks))
            positions = ", ".join(f"{tick:.3f}% 0" for tick in ticks)
            rules.append(
                f".track {{ background-image: {layers}; background-size: 1px 100%; "
                f"background-repeat: no-repeat; background-position: {positions}; }}"
            )
        breaks = [s for s in self.segments if s.is_break]
        if breaks:
            hatch = "repeating-linear-gradient(135deg, var(--card) 0 2px, transparent 2px 5px)"
            layers = ", ".join([hatch] * len(breaks))
            sizes = ", ".join(f"{self.width(s):.3f}% 100%" for s in breaks)
            # A layer w% wide at p% of the free space stands at p * (100 - w) / 100 percent.
            positions = ", ".join(
                f"{self.left(s) / (100 - self.width(s)) * 100:.3f}% 0" for s in breaks
            )
            rules.append(
                f".track::after {{ background-image: {layers}; background-size: {sizes}; "
                f"background-repeat: no-repeat; background-position: {positions}; }}"
            )
        return "\n".join(rules) + "\n"


def write(store: Store, events: list[Event], options: ExportOptions) -> Iterator[str]:
    axis = Axis(events) if events else None
    style = STYLE + (axis.style() if axis is not None else "")
    yield (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(store.title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{text(store.title)}</h1>\n"
    )
    for paragraph in split_paragraphs(store.description):
        yield f'<p class="description">{text(paragraph, multiline=True)}</p>\n'
    used = [t for t in store.types.values() if any(e.type == t.id for e in events)]
    yield '<ul class="legend" aria-label="Event types">\n'
    for event_type in used:
        yield (f'<li style="--c:{css_color(event_type.color)}">{text(event_type.id)}</li>\n')
    yield "</ul>\n</header>\n<main>\n"
    # Sources are numbered in the order the events first cite them.
    cited = dict.fromkeys(source for event in events for source in event.sources)
    numbers = {source_id: number for number, source_id in enumerate(cited, 1)}
    if axis is not None:
        yield axis.html()
    for year, group in groupby(events, key=lambda e: e.span.start.first.year):
        yield f'<section>\n<h2>{year}</h2>\n<ol class="events">\n'
        for event in group:
            assert axis is not None
            yield _event(store, event, axis, numbers)
        yield "</ol>\n</section>\n"
    if not events:
        yield "<p>No events.</p>\n"
    if numbers:
        yield '<section>\n<h2 id="sources">Sources</h2>\n<ol class="source-list">\n'
        for source_id, number in numbers.items():
            citation = cite(store.sources[source_id], local=False).written(text, link)
            yield f'<li id="source-{number}">{citation}</li>\n'
        yield "</ol>\n</section>\n"
    yield (
        "</main>\n<footer>Made with timeline. Dates are shown as the sources give them; "
        "each bar spans the days an event can cover, with soft ends where a date is not "
        "known to the day, and a dashed outline where the source is unsure. Hatching marks "
        "years left out of the axis.</footer>\n</body>\n</html>\n"
    )


def _fuzzy(fuzzy: FuzzyDate) -> bool:
    """Whether a date covers more than one day it could be (a month, "about", one of two)."""
    return fuzzy.precision is not Precision.DAY or fuzzy.approximate or fuzzy.between


def _bar(span: Span, axis: Axis) -> str:
    """The bar of a span on its track: from the first day it can begin to the last it can
    end (the axis's end while it goes on), its ends soft over the days a fuzzy date leaves
    open."""
    start = axis.at(span.earliest)
    latest = span.latest
    end = 100.0 if latest is None else axis.at(latest, end=True)
    width = max(end - start, 0.0)
    classes = ["bar"]
    style = f"left:{start:.3f}%;width:{width:.3f}%"
    if width < DOT_WIDTH:
        classes.append("dot")
        style = f"left:{(start + end) / 2:.3f}%;width:{width:.3f}%"
    fuzzy_start = _fuzzy(span.start)
    # A single date is one stretch of days the event is somewhere in: soft at both ends.
    fuzzy_end = _fuzzy(span.end) if span.end is not None else fuzzy_start and not span.ongoing
    stops = []
    if fuzzy_start and width:
        solid = axis.at(span.start.latest, end=True) if span.is_period else (start + end) / 2
        stops.append(f"--a:{min((solid - start) / width * 100, 100):.1f}%")
        classes.append("fs")
    if span.ongoing:
        classes.append("ongoing")
        stops.append("--b:85%")
    elif fuzzy_end and width:
        soft_from = axis.at(span.end.earliest) if span.end is not None else (start + end) / 2
        stops.append(f"--b:{max((soft_from - start) / width * 100, 0):.1f}%")
        classes.append("fe")
    if span.start.uncertain or (span.end is not None and span.end.uncertain):
        classes.append("uncertain")
    style = ";".join([style, *stops])
    return f'<span class="{" ".join(classes)}" style="{style}"></span>'


def _cited(store: Store, source_id: str, numbers: dict[str, int]) -> str:
    """A source as an event cites it: its number, a link to the list, then its title."""
    number = numbers[source_id]
    title = text(store.sources[source_id].title)
    return f'<a class="cite" href="#source-{number}">[{number}]</a> “{title}”'


def _event(store: Store, event: Event, axis: Axis, numbers: dict[str, int]) -> str:
    span = event.span
    color = css_color(store.types[event.type].color)
    kind = "event period" if span.is_period else "event"
    contested_text = contested_note(event) if event.accounts else ""
    if contested_text:
        kind += " contested"
    parts = [
        f'<li class="{kind}" style="--c:{color}" id="event-{_anchor(event.id)}">\n',
        f'<span class="when">{text(span.label)}</span>'
        f'<span class="type">{text(event.type)}</span>\n',
        f"<h3>{text(event.title)}</h3>\n",
        f'<div class="track" title="{text(span.label)}">{_bar(span, axis)}</div>\n',
    ]
    meta = [text(store.actors[a].name) for a in event.actors]
    if event.location:
        meta.append(text(event.location))
    if event.coordinates:
        where = event.coordinates
        meta.append(link(where.map_address, text(where.label), css_class="map"))
    if span.ongoing:
        meta.append("ongoing")
    if meta:
        parts.append(f'<p class="meta">{" · ".join(meta)}</p>\n')
    if contested_text:
        parts.append(f'<p class="contested">{text(contested_text)}</p>\n')
    for paragraph in split_paragraphs(event.summary):
        parts.append(f"<p>{text(paragraph, multiline=True)}</p>\n")
    parts += [_blockquote(quote) for quote in event.quotes]
    if event.note:
        parts.append(f'<p class="note">Note: {text(event.note)}</p>\n')
    if (event.figures or event.accounts) and (figures := figures_reading(event)):
        written = "; ".join(text(reading) for reading in figures)
        parts.append(f'<p class="figures">Figures: {written}</p>\n')
    if event.sources:
        label = "Sources" if len(event.sources) > 1 else "Source"
        cited = "; ".join(_cited(store, s, numbers) for s in event.sources)
        parts.append(f'<p class="sources">{label}: {cited}</p>\n')
    if event.tags:
        parts.append(f'<p class="tags">Tags: {text(", ".join(event.tags))}</p>\n')
    if event.ref:
        parts.append(f'<p class="ref">Dataset record: {text(event.ref)}</p>\n')
    for account in event.accounts:
        parts.append(_account(store, event, account, numbers))
    parts.append("</li>\n")
    return "".join(parts)


def _account(store: Store, event: Event, account: Account, numbers: dict[str, int]) -> str:
    """What one source says: its citation, the fields it gives of its own, its quotes and
    its note."""
    cited = _cited(store, account.source, numbers)
    parts = ['<div class="account">\n', f'<p class="according">According to {cited}</p>\n']
    facts = account_facts(store, event, account)
    if facts:
        written = " · ".join(f"{text(name.capitalize())}: {text(value)}" for name, value in facts)
        parts.append(f'<p class="meta">{written}</p>\n')
    parts += [_blockquote(quote) for quote in account.quotes]
    if account.note:
        parts.append(f'<p class="note">Note: {text(account.note)}</p>\n')
    parts.append("</div>\n")
    return "".join(parts)


def _blockquote(quote: str) -> str:
    opening, closing = quote_marks(quote)
    return f"<blockquote>{opening}{text(quote)}{closing}</blockquote>\n"


def _anchor(event_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in event_id)


FORMAT = ExportFormat(
    name="html",
    extensions=(".html", ".htm"),
    description="one self-contained page to publish: a vertical timeline with type colours",
    write=write,
    aliases=("htm",),
)
