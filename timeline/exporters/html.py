"""HTML export: one self-contained page to publish, with no scripts and no network requests.

Every piece of data is escaped; only web addresses (citations.web_address) become links, so no
control character or space reaches an href. The page draws each event on a track that spans the
whole timeline, so that periods show as bars and open ones run to the end.
A Content-Security-Policy forbids scripts and every outside resource, should anyone add one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cache
from html import escape
from itertools import groupby

from timeline.citations import cite
from timeline.exporters import ExportFormat, ExportOptions
from timeline.literal import visible
from timeline.model import Account, Event, Store
from timeline.paragraphs import split_paragraphs
from timeline.readings import account_facts, contested_note, figures_reading, quote_marks

STYLE = """
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6474; --rule: #d9dde5; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
       color: var(--ink); background: #f7f8fa; }
header, main { max-width: 56rem; margin: 0 auto; padding: 1.5rem; }
header { padding-bottom: 0; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .5rem; }
.description { color: var(--muted); margin: 0 0 1rem; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; list-style: none; padding: 0;
          margin: 0; font-size: .9rem; color: var(--muted); }
.legend li::before { content: ""; display: inline-block; width: .8rem; height: .8rem;
                     border-radius: 50%; background: var(--c); margin-right: .4rem;
                     vertical-align: -.05rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-bottom: .2rem;
     border-bottom: 2px solid var(--rule); }
.events { list-style: none; margin: 0; padding: 0 0 0 1.2rem;
          border-left: 3px solid var(--rule); }
.event { position: relative; margin: 0 0 1.2rem; padding: .8rem 1rem; background: #fff;
         border-radius: .5rem; box-shadow: 0 1px 2px rgba(0, 0, 0, .08); }
.event::before { content: ""; position: absolute; left: -1.95rem; top: 1.1rem; width: .9rem;
                 height: .9rem; border-radius: 50%; background: var(--c);
                 border: 2px solid #f7f8fa; }
.event.period::before { border-radius: 2px; }
.when { font-weight: 700; color: var(--c); }
.type { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em;
        color: var(--muted); margin-left: .5rem; }
h3 { font-size: 1.1rem; margin: .2rem 0; }
.event.contested::before { box-shadow: 0 0 0 2px #c0392b; }
.contested { font-weight: 700; color: #c0392b; }
.account { margin: .5rem 0 0; padding-left: .8rem; border-left: 3px dotted var(--rule); }
.meta, .note, .sources, .figures, .according { color: var(--muted); font-size: .9rem;
                                               margin: .3rem 0; }
.track { position: relative; height: .35rem; background: #eef0f4; border-radius: .2rem;
         margin: .5rem 0; }
.track span { position: absolute; top: 0; bottom: 0; min-width: .35rem; border-radius: .2rem;
              background: var(--c); }
.track span.ongoing { border-top-right-radius: 0; border-bottom-right-radius: 0; }
blockquote { margin: .5rem 0; padding-left: .8rem; border-left: 3px solid var(--rule);
             font-style: italic; }
p { margin: .4rem 0; }
a { color: inherit; }
footer { max-width: 56rem; margin: 0 auto; padding: 0 1.5rem 2rem; color: var(--muted);
         font-size: .85rem; }
"""

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)


def text(value: str, *, multiline: bool = False) -> str:
    """Data as HTML text: control characters visible, everything else escaped."""
    return escape(visible(value, multiline=multiline), quote=True)


# The sixteen terminal colours, as a page should show them: the terminal's own values
# (bright_green is #00ff00) are too harsh on white.
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


def link(url: str, label: str) -> str:
    """label (already HTML) as a link to url, a web address (citations.Citation makes only
    those links: RFC 3986, so no control character or space reaches the attribute)."""
    return f'<a href="{escape(url, quote=True)}" rel="noopener noreferrer">{label}</a>'


def write(store: Store, events: list[Event], options: ExportOptions) -> Iterator[str]:
    yield (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(store.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{text(store.title)}</h1>\n"
    )
    for paragraph in split_paragraphs(store.description):
        yield f'<p class="description">{text(paragraph, multiline=True)}</p>\n'
    used = [t for t in store.types.values() if any(e.type == t.id for e in events)]
    yield '<ul class="legend" aria-label="Event types">\n'
    for event_type in used:
        yield (f'<li style="--c:{css_color(event_type.color)}">{text(event_type.id)}</li>\n')
    yield "</ul>\n</header>\n<main>\n"
    low, high = _range(events)
    for year, group in groupby(events, key=lambda e: e.span.start.first.year):
        yield f'<section>\n<h2>{year}</h2>\n<ol class="events">\n'
        for event in group:
            yield _event(store, event, low, high)
        yield "</ol>\n</section>\n"
    if not events:
        yield "<p>No events.</p>\n"
    yield (
        "</main>\n<footer>Made with timeline. Dates are shown as the sources give them; "
        "each bar spans the days an event can cover.</footer>\n</body>\n</html>\n"
    )


def _range(events: list[Event]) -> tuple[date, date]:
    if not events:
        return date.today(), date.today()
    low = min(e.span.earliest for e in events)
    high = max((e.span.latest or e.span.earliest) for e in events)
    return low, max(high, low)


def _event(store: Store, event: Event, low: date, high: date) -> str:
    span = event.span
    color = css_color(store.types[event.type].color)
    kind = "event period" if span.is_period else "event"
    contested_text = contested_note(event) if event.accounts else ""
    if contested_text:
        kind += " contested"
    total = max((high - low).days + 1, 1)
    start = (span.earliest - low).days / total * 100
    end_day = high if span.latest is None else span.latest
    width = max((end_day - span.earliest).days + 1, 0) / total * 100
    bar_class = ' class="ongoing"' if span.ongoing else ""
    parts = [
        f'<li class="{kind}" style="--c:{color}" id="event-{_anchor(event.id)}">\n',
        f'<span class="when">{text(span.label)}</span>'
        f'<span class="type">{text(event.type)}</span>\n',
        f"<h3>{text(event.title)}</h3>\n",
        f'<div class="track" title="{text(span.label)}"><span{bar_class} '
        f'style="left:{start:.3f}%;width:{width:.3f}%"></span></div>\n',
    ]
    meta = [store.actors[a].name for a in event.actors]
    if event.location:
        meta.append(event.location)
    if span.ongoing:
        meta.append("ongoing")
    if meta:
        parts.append(f'<p class="meta">{text(" · ".join(meta))}</p>\n')
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
        cited = "; ".join(cite(store.sources[s]).written(text, link) for s in event.sources)
        parts.append(f'<p class="sources">Source: {cited}</p>\n')
    for account in event.accounts:
        parts.append(_account(store, event, account))
    parts.append("</li>\n")
    return "".join(parts)


def _account(store: Store, event: Event, account: Account) -> str:
    """What one source says: its citation, the fields it gives of its own, its quotes and
    its note."""
    cited = cite(store.sources[account.source]).written(text, link)
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
