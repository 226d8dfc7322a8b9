"""iCalendar export (RFC 5545): one all-day VEVENT per event.

An event covers the days its date names: "late May 2023" is 21 to 31 May, "September 2020" the
whole month, "1988" the whole year, a period from its start's first day to its end's last day.
A period still going on covers its start only, and says "ongoing" in its description. The date
as the source gives it heads the description. DTEND is the day after the last day; an event that
lasts to 9999-12-31, which has none, gives its DURATION in days instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from timeline import __version__
from timeline.citations import cite
from timeline.exporters import ExportFormat, ExportOptions
from timeline.literal import visible
from timeline.model import Event, Store
from timeline.readings import contested_note, quote_marks, store_figures

CRLF = "\r\n"


def escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and newline; control characters,
    which TEXT may not hold, shown as visible escapes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = visible(text, multiline=True).replace("\t", " ")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """The content line folded at 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + CRLF
    parts = []
    start, limit = 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the character began earlier
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74  # continuation lines begin with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8") + CRLF


def vevent(store: Store, event: Event, stamp: str) -> str:
    span = event.span
    first = span.start.first
    last = span.end.last if span.end is not None else span.start.last
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape(event.id)}@timeline",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date_value(first)}",
        _end(first, last),
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(_description(store, event))}",
        f"CATEGORIES:{escape(event.type)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    # A URI value is written as it is, unescaped: only a web address (RFC 3986, no control
    # character, no space) can be one.
    links = [link for s in event.sources if (link := cite(store.sources[s], local=False).link)]
    if links:
        lines.append(f"URL:{links[0]}")
    if span.start.uncertain or span.start.approximate:
        lines.append("STATUS:TENTATIVE")
    lines.append("END:VEVENT")
    return "".join(fold(line) for line in lines)


def _date_value(day: date) -> str:
    """A DATE value: four digits of year always (strftime's %Y writes 999 for 999)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _end(first: date, last: date) -> str:
    """Where an all-day event ends: DTEND, the day after its last day, which must come after
    DTSTART. An event that lasts to 9999-12-31 has no day after: DURATION says how many
    days it lasts instead, as RFC 5545 allows."""
    if last < date.max:
        return f"DTEND;VALUE=DATE:{_date_value(last + timedelta(days=1))}"
    return f"DURATION:P{(last - first).days + 1}D"


def _description(store: Store, event: Event) -> str:
    parts = [f"When: {event.span.label}" + (" (ongoing)" if event.span.ongoing else "")]
    if event.accounts and (disputed := contested_note(event)):
        parts.append(disputed.capitalize())
    if event.actors:
        parts.append("Actors: " + ", ".join(store.actors[a].name for a in event.actors))
    if event.figures:
        parts.append("Figures: " + store_figures(event))
    if event.summary:
        parts.append(event.summary.strip())
    parts += ["{1}{0}{2}".format(quote, *quote_marks(quote)) for quote in event.quotes]
    if event.note:
        parts.append(f"Note: {event.note}")
    parts += [f"Source: {cite(store.sources[s], local=False).written()}" for s in event.sources]
    return "\n\n".join(parts)


def write(store: Store, events: list[Event], options: ExportOptions) -> Iterator[str]:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    yield "".join(
        fold(line)
        for line in (
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:-//timeline//timeline {__version__}//EN",
            "CALSCALE:GREGORIAN",
            f"X-WR-CALNAME:{escape(store.title)}",
        )
    )
    for event in events:
        yield vevent(store, event, stamp)
    yield fold("END:VCALENDAR")


FORMAT = ExportFormat(
    name="ical",
    extensions=(".ics", ".ical"),
    description="a calendar (RFC 5545): one all-day event per event, spanning its dates",
    write=write,
    aliases=("ics", "icalendar"),
)
