"""TimelineJS export: the JSON that Knight Lab's TimelineJS3 loads.

A date object carries the year, month and day only as far as the store knows them; a fuzzy
date ("late May 2023", "since 1988") also gets its words as `display_date`. Closed periods
(with an end) also become eras, the bands TimelineJS draws behind the events.

TimelineJS puts every text field into the page as HTML, so every piece of data is escaped, with
control characters shown as visible escapes, and autolinking is off. It treats the fields in two
ways (TimelineConfig._tidyFields in TimelineJS3):
- headline and text are cleaned by DOMPurify and then set as HTML: escaped once (html_text);
- group and display_date are stripped of markup first, by parsing them as HTML and keeping their
  text, which decodes one round of character references, and then set as HTML: escaped twice
  (plain_text), so that what stripping decodes is still text, never markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import escape
from typing import Any

from timeline.citations import cite
from timeline.dates.syntax import FuzzyDate, Precision
from timeline.exporters import ExportFormat, ExportOptions
from timeline.literal import visible
from timeline.model import Event, Store
from timeline.names import unique
from timeline.paragraphs import split_paragraphs
from timeline.readings import contested_note, quote_marks, store_figures

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def html_text(value: str) -> str:
    """A field that TimelineJS sets as HTML (headline, text): escaped once; a line break is a
    <br>."""
    return escape(visible(value, multiline=True), quote=True).replace("\n", "<br>")


def plain_text(value: str) -> str:
    """A field that TimelineJS strips of markup and then sets as HTML (group, display_date):
    on one line, escaped twice. Stripping turns "&amp;lt;" into "&lt;", which shows as "<".
    (A TimelineJS that does not strip shows "&lt;": wrong, but never markup.)"""
    return escape(escape(visible(value), quote=False), quote=False)


def date_object(fuzzy: FuzzyDate, *, last: bool = False) -> dict[str, Any]:
    """year, month, day at the precision the store has; display_date when the words say more
    than those parts do."""
    day = fuzzy.last if last else fuzzy.first
    parts: dict[str, Any] = {"year": day.year}
    if fuzzy.precision in (Precision.MONTH, Precision.PART_OF_MONTH, Precision.DAY):
        parts["month"] = day.month
    if fuzzy.precision is Precision.DAY:
        parts["day"] = day.day
    plain = fuzzy.precision in (Precision.YEAR, Precision.MONTH, Precision.DAY) and not (
        fuzzy.approximate or fuzzy.uncertain or fuzzy.between
    )
    if not plain:
        parts["display_date"] = plain_text(fuzzy.label)
    return parts


def unique_id(event_id: str, taken: set[str]) -> str:
    """The event id, made safe for the URL fragment TimelineJS puts it in, and unique (compared
    exactly, as fragments are); added to taken."""
    candidate = unique(_UNSAFE_ID.sub("-", event_id) or "event", taken, key=str)
    taken.add(candidate)
    return candidate


def slide(store: Store, event: Event, taken: set[str]) -> dict[str, Any]:
    span = event.span
    body = []
    if event.accounts and (disputed := contested_note(event)):
        body.append(f"<p><strong>{html_text(disputed.capitalize())}</strong></p>")
    body += [f"<p>{html_text(paragraph)}</p>" for paragraph in split_paragraphs(event.summary)]
    for quote in event.quotes:
        opening, closing = quote_marks(quote)
        body.append(f"<blockquote>{opening}{html_text(quote)}{closing}</blockquote>")
    if event.actors:
        names = ", ".join(store.actors[a].name for a in event.actors)
        body.append(f"<p>Actors: {html_text(names)}</p>")
    if event.figures:
        body.append(f"<p>Figures: {html_text(store_figures(event))}</p>")
    if event.note:
        body.append(f"<p><em>Note: {html_text(event.note)}</em></p>")
    for source_id in event.sources:
        body.append(
            f"<p>Source: {html_text(cite(store.sources[source_id], local=False).written())}</p>"
        )
    result: dict[str, Any] = {
        "unique_id": unique_id(event.id, taken),
        "start_date": date_object(span.start),
        "text": {"headline": html_text(event.title), "text": "".join(body)},
        "group": plain_text(event.type),
        "display_date": plain_text(span.label),
        "autolink": False,
    }
    if span.end is not None:
        result["end_date"] = date_object(span.end, last=True)
    elif span.start.between:
        result["end_date"] = date_object(span.start, last=True)
    return result


def write(store: Store, events: list[Event], options: ExportOptions) -> Iterator[str]:
    taken: set[str] = set()
    document: dict[str, Any] = {
        "title": {
            "text": {
                "headline": html_text(store.title),
                "text": "".join(
                    f"<p>{html_text(paragraph)}</p>"
                    for paragraph in split_paragraphs(store.description)
                ),
            }
        },
        "events": [slide(store, event, taken) for event in events],
        "scale": "human",
    }
    eras = [
        {
            "start_date": date_object(e.span.start),
            "end_date": date_object(e.span.end, last=True),
            "text": {"headline": html_text(e.title)},
        }
        for e in events
        if e.span.end is not None
    ]
    if eras:
        document["eras"] = eras
    yield json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMAT = ExportFormat(
    name="timelinejs",
    extensions=(),  # .json means the store's own JSON: this one is asked for by name
    description="the JSON that Knight Lab's TimelineJS3 loads",
    write=write,
)
