"""Every export, for any store, reads back with its own independent reader as the store's text.

Stores are built in memory with any Unicode in every field, ids and URLs included. Each test
reads one format back with a reader that knows nothing of the exporter (json, csv, markdown-it,
html5lib, icalendar, TimelineJS's own processing as test_timelinejs simulates it) and compares
with the store's text as the format documents it: control and bidi characters as visible
escapes, line breaks folded where the format has one line. The expected texts are computed here,
by small oracles written from those rules, never by the exporters' own escaping.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import html5lib
import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from rfc3986_validator import validate_rfc3986
from test_timelinejs import inner_html, js_trim, shown_stripped

from timeline.citations import web_address
from timeline.contested import contested
from timeline.dates.syntax import Span, parse_date, parse_end
from timeline.exporters import ExportOptions, by_name
from timeline.model import (
    FIGURE_NAMES,
    Account,
    Actor,
    Event,
    Events,
    EventType,
    Figure,
    Source,
    Store,
    in_calendar_order,
)
from timeline.readings import (
    account_facts,
    contested_note,
    figures_reading,
    quote_marks,
    store_figures,
)

# A few examples each keep the whole file within seconds; CI runs it on every commit.
PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that are syntax somewhere among the formats, control and bidi characters, white
# space of every kind: drawn often, beside any character at all; and a few hostile phrases.
HOSTILE = "<>&\"';:,.\\#*_[]()`{}|%=+-@!~/?^ \t\r\n\x00\x07\x0b\x0c\x1b\x1f\x7f\x85\xa0"
HOSTILE += "\u2028\u202e\u2066\u200d\ufeff\u3000\ufffe·—¤"
PHRASES = ["\r\nEND:VEVENT\r\nBEGIN:VEVENT", "&amp;", "&lt;img src=x onerror=alert(1)&gt;"]
PHRASES += ["<script>alert(1)</script>", "javascript:", "\n\n1. ", "\n \n- "]
any_char = st.characters(exclude_categories=("Cs",))  # a store (TOML, UTF-8) holds no surrogate
some_text = st.text(st.one_of(any_char, st.sampled_from(HOSTILE)), max_size=10)
texts = st.one_of(
    some_text,
    st.tuples(some_text, st.sampled_from(PHRASES), some_text).map("".join),
)
required = texts.filter(lambda text: text.strip() != "")  # the store refuses a blank title
ids = texts.filter(lambda text: text != "")
URL_PARTS = ["https://", "http://", "e.org", "[::1]", "u@", ":80", "/", "?", "#", "%41", "%"]
urls = st.one_of(
    texts,
    st.lists(st.one_of(st.sampled_from(URL_PARTS), texts), max_size=6).map("".join),
    st.tuples(st.sampled_from(["https://e.org/", "http://e.org"]), texts).map("".join),
)
COLORS = ["red", "bright_cyan", "#123456"]
# (date, end) as a store gives them: every precision, qualifiers, years before 1000 and the
# last day there is.
DATES = [
    ("2021-03-05", None),
    ("mid 2021-03", None),
    ("late 2021", None),
    ("1988", ".."),
    ("2020", "2022"),
    ("2020-09~", None),
    ("2020-11-09?", ".."),
    ("[2023-09-20..2023-09-21]", None),
    ("0999-06-01", None),
    ("0001", "0002-03"),
    ("9999-12-31", None),
]


counts = st.integers(min_value=0, max_value=1000)


@st.composite
def figure(draw: st.DrawFn, name: str) -> Figure:
    """A count, or an estimate with any of low, best and high (low <= best <= high)."""
    numbers = sorted(draw(st.lists(counts, min_size=1, max_size=3)))
    if len(numbers) == 1:
        return Figure(name, best=numbers[0])
    parts = draw(st.sampled_from([("low", "high"), ("low", "best"), ("best", "high")]))
    if len(numbers) == 3:
        parts = ("low", "best", "high")
    return Figure(name, **dict(zip(parts, numbers, strict=False)))


@st.composite
def figures(draw: st.DrawFn) -> tuple[Figure, ...]:
    names = draw(st.lists(st.sampled_from(FIGURE_NAMES[:3]), max_size=2, unique=True))
    return tuple(draw(figure(name)) for name in names)


@st.composite
def accounts(draw: st.DrawFn, cited: list[str], actor_ids: list[str]) -> tuple[Account, ...]:
    """An account for some of the sources an event cites, each giving any of its fields."""
    found = []
    for source in draw(st.lists(st.sampled_from(cited), unique=True)) if cited else []:
        start = draw(st.sampled_from([("", None), *DATES]))[0]
        subset = st.lists(st.sampled_from(actor_ids), unique=True) if actor_ids else st.just([])
        found.append(
            Account(
                source,
                date_text=start,
                when=draw(texts),
                location=draw(texts),
                actors=tuple(draw(subset)),
                figures=draw(figures()),
                quotes=tuple(draw(st.lists(texts, max_size=2))),
                note=draw(texts),
            )
        )
    return tuple(found)


@st.composite
def stores(draw: st.DrawFn) -> Store:
    """A store with one to four events and text of any kind everywhere."""
    type_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    actor_ids = draw(st.lists(ids, max_size=3, unique=True))
    source_ids = draw(st.lists(ids, max_size=3, unique=True))
    sources = {
        s: Source(s, draw(required), draw(texts), draw(texts), draw(urls), draw(texts))
        for s in source_ids
    }
    events = []
    for number, event_id in enumerate(draw(st.lists(ids, min_size=1, max_size=4, unique=True))):
        start, end = draw(st.sampled_from(DATES))
        end_date, ongoing = parse_end(end) if end else (None, False)
        subset = st.lists(st.sampled_from(actor_ids), unique=True) if actor_ids else st.just([])
        cited = st.lists(st.sampled_from(source_ids), unique=True) if source_ids else st.just([])
        event_sources = draw(cited)
        event = Event(
            id=event_id,
            span=Span(parse_date(start), end_date, ongoing),
            title=draw(required),
            type=draw(st.sampled_from(type_ids)),
            date_text=start,
            end_text=end,
            when=draw(texts),
            summary=draw(texts),
            actors=tuple(draw(subset)),
            location=draw(texts),
            sources=tuple(event_sources),
            quotes=tuple(draw(st.lists(texts, max_size=2))),
            tags=tuple(draw(st.lists(texts, max_size=2))),
            note=draw(texts),
            number=number + 1,
            figures=draw(figures()),
            accounts=draw(accounts(event_sources, actor_ids)),
        )
        events.append(event)
    return Store(
        path=Path("property.toml"),
        title=draw(required),
        description=draw(texts),
        types={t: EventType(t, draw(st.sampled_from(COLORS)), draw(texts)) for t in type_ids},
        actors={a: Actor(a, draw(required), draw(texts)) for a in actor_ids},
        sources=sources,
        events=Events(in_calendar_order(events)),
    )


def export(name: str, store: Store) -> str:
    return "".join(by_name(name).write(store, list(store.events), ExportOptions()))


# The oracles: each format's documented rules for showing text, written out here.
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shown(text: str, keep: str = "") -> str:
    """text with each control (Cc) and bidi character but those in keep as a visible escape:
    \\x1b below U+0100, \\u202e above."""
    return "".join(
        c
        if c in keep or (unicodedata.category(c) != "Cc" and c not in BIDI)
        else (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        for c in text
    )


def paragraphs(text: str) -> list[str]:
    """The paragraphs of text: runs of lines between lines that hold only white space, each
    without the white space around it."""
    found: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            found[-1].append(line)
        elif found[-1]:
            found.append([])
    return ["\n".join(lines).strip() for lines in found if lines]


def one_line(text: str) -> str:
    """Markdown's one line: line breaks and tabs, with the spaces around them, as one space;
    no spaces at the ends; control and bidi characters visible."""
    return shown(re.sub(r"[ \t\r\n]*[\t\r\n][ \t\r\n]*", " ", text).strip(" "))


def citation(source: Source, *, linked: bool = False) -> str:
    """A source cited as every export writes it: “title”, publisher, date, then its URL,
    unless linked (the title then links to it); never its file, a path on this machine."""
    parts = [f"“{source.title}”", *(p for p in (source.publisher, source.published) if p)]
    address = source.url
    if address and not linked:
        parts.append(address)
    return ", ".join(parts)


def in_marks(quote: str, written: str) -> str:
    """A quote as written in a format, in the marks it is given (none when it has its own:
    readings.quote_marks)."""
    opening, closing = quote_marks(quote)
    return f"{opening}{written}{closing}"


def listed(source: Source) -> str:
    """A source as Markdown's list of sources shows it: each part on one line (one_line),
    the URL only when it is no web address (else the title links to it)."""
    parts = [f"“{one_line(source.title)}”"]
    parts += [one_line(p) for p in (source.publisher, source.published) if p]
    if source.url and not web_address(source.url):
        parts.append(one_line(source.url))
    return ", ".join(parts)


def check_web_link(href: str, store: Store) -> None:
    """href is an http(s) URI by RFC 3986, naming a host, that says what a source URL says."""
    assert validate_rfc3986(href, rule="URI"), href
    assert re.match(r"https?://[^/?#]", href), href
    assert unquote(href) in {unquote(source.url) for source in store.sources.values()}


def control_characters(text: str) -> set[str]:
    return {c for c in text if unicodedata.category(c) == "Cc" or c in BIDI}


# JSON and CSV carry the data itself.


@PROPERTY
@given(stores())
def test_json_carries_every_field_exactly(store: Store) -> None:
    """json.loads reads back every field of the store as it is."""
    data = json.loads(export("json", store))
    assert data["timeline"] == {"title": store.title, "description": store.description}
    assert data["types"] == {
        t.id: {"color": t.color, "description": t.description} for t in store.types.values()
    }
    assert {a: v["name"] for a, v in data["actors"].items()} == {
        a.id: a.name for a in store.actors.values()
    }
    assert data["sources"] == {
        s.id: {
            "title": s.title,
            "publisher": s.publisher,
            "published": s.published,
            "url": s.url,
            "file": s.file,
            "sha256": s.sha256,
            "retrieved": s.retrieved,
            "archived": s.archived,
        }
        for s in store.sources.values()
    }
    fields = ("id", "title", "summary", "type", "location", "note", "when")
    lists = ("actors", "sources", "quotes", "tags")
    assert [{f: e[f] for f in fields + lists} for e in data["events"]] == [
        {
            **{f: getattr(event, f) for f in fields},
            **{f: list(getattr(event, f)) for f in lists},
        }
        for event in store.events
    ]
    assert [
        [(a["source"], a["when"], a["location"], a["quotes"], a["note"]) for a in e["accounts"]]
        for e in data["events"]
    ] == [
        [(a.source, a.when, a.location, list(a.quotes), a.note) for a in event.accounts]
        for event in store.events
    ]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@PROPERTY
@given(stores())
def test_csv_carries_every_cell_exactly(store: Store) -> None:
    """The csv module reads back each cell as stored, a cell that could start a formula with
    an apostrophe before it (the export's documented neutralising)."""

    def cell(value: str) -> str:
        return "'" + value if value.startswith(FORMULA_START) else value

    rows = list(csv.DictReader(io.StringIO(export("csv", store), newline="")))
    columns = ("id", "title", "summary", "type", "location", "actors", "sources", "tags")
    assert [{c: row[c] for c in columns} for row in rows] == [
        {
            "id": cell(e.id),
            "title": cell(e.title),
            "summary": cell(e.summary),
            "type": cell(e.type),
            "location": cell(e.location),
            "actors": cell("; ".join(e.actors)),
            "sources": cell("; ".join(e.sources)),
            "tags": cell("; ".join(e.tags)),
        }
        for e in store.events
    ]
    others = ("when", "note", "quotes", "contested", "killed_best", "injured_low")
    assert [{c: row[c] for c in others} for row in rows] == [
        {
            "when": cell(e.when),
            "note": cell(e.note),
            "quotes": cell("; ".join([*e.quotes, *(q for a in e.accounts for q in a.quotes)])),
            "contested": "; ".join(contested(e)),
            "killed_best": _number(e, "killed", "best"),
            "injured_low": _number(e, "injured", "low"),
        }
        for e in store.events
    ]


def _number(event: Event, name: str, part: str) -> str:
    given = [getattr(f, part) for f in event.figures if f.name == name]
    return str(given[0]) if given and given[0] is not None else ""


# Markdown, HTML and TimelineJS are read as a person's browser or renderer would.

COMMONMARK = MarkdownIt("commonmark")


def inline_text(token: Token) -> str:
    """The text an inline token shows, its emphasis and links taken as text."""
    return "".join(child.content for child in token.children or [] if child.type == "text")


def markup(token: Token) -> set[str]:
    """The kinds of markup inside an inline token."""
    return {child.type for child in token.children or []} - {"text"}


@PROPERTY
@given(stores())
def test_markdown_renders_the_store_text(store: Store) -> None:
    """markdown-it reads the title, each event's heading, type line, summary paragraphs,
    quotes, note and sources as the store's text (one_line), with no markup but the export's
    own emphasis and links, and every link goes to a source's web address; no control
    character but line breaks is in the file."""
    markdown = export("markdown", store)
    assert control_characters(markdown) <= {"\n"}
    tokens = COMMONMARK.parse(markdown)
    assert inline_text(tokens[1]) == one_line(store.title) and not markup(tokens[1])
    sections = [[]]  # the blocks after each event's heading: (in a quote, inline token)
    headings = []
    quoted = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h4":
            assert inline_text(tokens[index + 1]).startswith("According to “")
        if token.type == "heading_open" and token.tag == "h3":
            headings.append(tokens[index + 1])
            sections.append([])
        elif token.type == "heading_open" and token.tag == "h2":
            sections.append([])  # a year, or the list of sources: no event's
        quoted = {"blockquote_open": True, "blockquote_close": False}.get(token.type, quoted)
        if token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            sections[-1].append((quoted, token))
    event_sections = [s for s in sections[1:] if s and inline_text(s[0][1]).startswith("Type:")]
    cited_sources = dict.fromkeys(s for event in store.events for s in event.sources)
    numbers_by_source = {source: number for number, source in enumerate(cited_sources, 1)}
    assert [inline_text(h) for h in headings] == [
        f"{one_line(e.span.label)} — {one_line(e.title)}" for e in store.events
    ]
    assert all(not markup(heading) for heading in headings)
    for event, section in zip(store.events, event_sections, strict=True):
        names = ", ".join(store.actors[a].name for a in event.actors)
        type_line = f"Type: {one_line(event.type)}"
        type_line += f" · Actors: {one_line(names)}" if event.actors else ""
        type_line += f" · Location: {one_line(event.location)}" if event.location else ""
        type_line += " · Ongoing" if event.span.ongoing else ""
        type_line += f" · {contested_note(event)}" if contested(event) else ""
        # A paragraph ends where its text does: a line that ends in an empty text (a type or
        # note of only white space) shows without its last space.
        blocks = [(False, type_line.rstrip(" "))]
        blocks += [(False, one_line(p)) for p in paragraphs(event.summary)]
        blocks += [(True, in_marks(q, one_line(q))) for q in event.quotes]
        blocks += [(False, f"Note: {one_line(event.note)}".rstrip(" "))] if event.note else []
        readings = figures_reading(event)
        blocks += [(False, "Figures: " + "; ".join(map(one_line, readings)))] if readings else []
        assert [(q, inline_text(t)) for q, t in section[: len(blocks)]] == blocks
        allowed = {"em_open", "em_close", "strong_open", "strong_close"}
        assert all(markup(t) <= allowed for _, t in section[: len(blocks)])
        plain_end = len(blocks) - bool(event.note) - bool(readings)
        assert all(not markup(t) for _, t in section[1:plain_end])
        if event.sources:
            cited = inline_text(section[len(blocks)][1])
            numbers = ", ".join(f"[{numbers_by_source[s]}]" for s in event.sources)
            label = "Sources" if len(event.sources) > 1 else "Source"
            assert cited == f"{label}: {numbers}"
        # Then each account: the fields it gives, its quotes, its note.
        expected = []
        for account in event.accounts:
            facts = account_facts(store, event, account)
            if facts:
                line = " · ".join(f"{name.capitalize()}: {one_line(v)}" for name, v in facts)
                expected.append((False, line))
            expected += [(True, in_marks(q, one_line(q))) for q in account.quotes]
            expected += [(False, f"Note: {one_line(account.note)}".rstrip(" "))] * bool(
                account.note
            )
        after = section[len(blocks) + bool(event.sources) :]
        if event.tags:  # after the sources, before the accounts
            tags = inline_text(after[0][1])
            assert tags == f"Tags: {one_line(', '.join(event.tags))}".rstrip(" ")
            assert not markup(after[0][1]) - {"em_open", "em_close"}
            after = after[1:]
        assert [(q, inline_text(t)) for q, t in after] == expected
    hrefs = [t.attrs["href"] for t in _all(tokens) if t.type == "link_open"]
    for href in hrefs:
        if href != "#sources":
            check_web_link(str(href), store)
    # The list of sources: each cited once, numbered, as every export cites it.
    if cited_sources:
        items = [tokens[i + 2] for i, t in enumerate(tokens) if t.type == "list_item_open"]
        assert [t.info for t in tokens if t.type == "list_item_open"] == [
            str(n) for n in numbers_by_source.values()
        ]
        assert [inline_text(item) for item in items] == [
            listed(store.sources[s]) for s in cited_sources
        ]


def _all(tokens: list[Token]) -> list[Token]:
    return [t for token in tokens for t in [token, *_all(token.children or [])]]


NS = "{http://www.w3.org/1999/xhtml}"


def element_text(element: Any) -> str:
    return "".join(element.itertext())


@PROPERTY
@given(stores())
def test_html_shows_the_store_text_and_runs_nothing(store: Store) -> None:
    """html5lib parses the page; each event's title, type, summary paragraphs and quotes show
    as the store's text, control characters as visible escapes (tabs and line breaks kept in
    paragraphs); no script, no on* attribute, every link a source's web address, and no raw
    control character but line breaks and tabs anywhere in the file."""
    page = export("html", store)
    assert control_characters(page) <= {"\n", "\t"}
    tree = html5lib.parse(page)
    events = [li for li in tree.iter(f"{NS}li") if "event" in li.get("class", "").split()]
    assert len(events) == len(store.events)
    ids = {element.get("id") for element in tree.iter()} - {None}
    for element in tree.iter():
        assert element.tag != f"{NS}script"
        assert not [name for name in element.attrib if name.lower().startswith("on")]
        if element.tag == f"{NS}a" and element.get("class") == "cite":
            assert re.fullmatch("#source-[0-9]+", element.get("href"))
            assert element.get("href")[1:] in ids  # the list of sources has it
        elif element.tag == f"{NS}a":
            check_web_link(element.get("href"), store)
        if "bar" in element.get("class", "").split():  # on the axis, whatever the dates
            place = dict(re.findall(r"(left|width):([0-9.]+)%", element.get("style")))
            left, width = float(place["left"]), float(place["width"])
            if "dot" in element.get("class").split():  # centred on its days
                left -= width / 2
            assert left >= -0.001 and left + width <= 100.001 and width >= 0
    assert element_text(tree.find(f".//{NS}h1")) == shown(store.title)
    for event, item in zip(store.events, events, strict=True):
        assert element_text(item.find(f"{NS}h3")) == shown(event.title)
        spans = {s.get("class"): element_text(s) for s in item.iter(f"{NS}span")}
        assert spans["type"] == shown(event.type)
        plain = [p for p in item.findall(f"{NS}p") if p.get("class") is None]
        assert [element_text(p) for p in plain] == [
            shown(p, keep="\n\t") for p in paragraphs(event.summary)
        ]
        quotes = [element_text(q) for q in item.findall(f"{NS}blockquote")]
        assert quotes == [in_marks(q, shown(q)) for q in event.quotes]
        by_class = {p.get("class"): element_text(p) for p in item.findall(f"{NS}p")}
        assert by_class.get("contested", "") == contested_note(event)
        assert by_class.get("tags") == (
            "Tags: " + shown(", ".join(event.tags)) if event.tags else None
        )
        readings = figures_reading(event)
        assert by_class.get("figures") == (
            "Figures: " + "; ".join(map(shown, readings)) if readings else None
        )
        divs = [d for d in item.findall(f"{NS}div") if d.get("class") == "account"]
        assert [[element_text(q) for q in d.findall(f"{NS}blockquote")] for d in divs] == [
            [in_marks(q, shown(q)) for q in account.quotes] for account in event.accounts
        ]


def strings(value: Any) -> list[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (key, *strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


@PROPERTY
@given(stores())
def test_timelinejs_shows_the_store_text_after_its_own_processing(store: Store) -> None:
    """Each text field, after what TimelineJS does with it (test_timelinejs), makes no element
    but the export's own, without attributes, and shows the store's text; no field holds a
    control character but a tab (a line break is a <br>)."""
    data = json.loads(export("timelinejs", store))
    assert control_characters("".join(strings(data))) <= {"\t"}
    headline = inner_html(data["title"]["text"]["headline"])
    assert headline == ([("br", {})] * store.title.count("\n"), shown(store.title, keep="\n\t"))
    for event, slide in zip(store.events, data["events"], strict=True):
        lines = event.title.count("\n")
        assert inner_html(slide["text"]["headline"]) == (
            [("br", {})] * lines,
            shown(event.title, keep="\n\t"),
        )
        assert shown_stripped(slide["group"]) == ([], js_trim(shown(event.type)))
        assert shown_stripped(slide["display_date"]) == ([], event.span.label)
        for key in ("start_date", "end_date"):
            if "display_date" in slide.get(key, {}):
                assert shown_stripped(slide[key]["display_date"])[0] == []
        elements, text = inner_html(slide["text"]["text"])
        assert {tag for tag, _ in elements} <= {"p", "br", "blockquote", "em", "strong"}
        assert all(attributes == {} for _, attributes in elements)
        note = contested_note(event)
        expected = note.capitalize() if note else ""
        expected += "".join(paragraphs(event.summary))
        expected += "".join(in_marks(q, q) for q in event.quotes)
        if event.actors:
            expected += "Actors: " + ", ".join(store.actors[a].name for a in event.actors)
        expected += f"Figures: {store_figures(event)}" if event.figures else ""
        expected += f"Note: {event.note}" if event.note else ""
        expected += "".join(f"Source: {citation(store.sources[s])}" for s in event.sources)
        assert text == shown(expected, keep="\n\t")
    for era in data.get("eras", []):
        elements, _ = inner_html(era["text"]["headline"])
        assert {tag for tag, _ in elements} <= {"br"}


# iCalendar, read back with the icalendar library.


def ical_text(text: str) -> str:
    """iCalendar TEXT as the export writes it: CR LF and CR as line breaks, tabs as spaces,
    other control characters visible."""
    return shown(text.replace("\r\n", "\n").replace("\r", "\n"), keep="\n\t").replace("\t", " ")


@PROPERTY
@given(stores())
def test_ical_has_one_event_per_event_with_its_text(store: Store) -> None:
    """icalendar reads exactly one VEVENT per event, in order, whose UID, SUMMARY,
    CATEGORIES and LOCATION are the store's text, which ends after it starts, and whose URL,
    if any, is a source's web address; no control character but CR LF is in the file."""
    calendar = export("ical", store)
    assert control_characters(calendar.replace("\r\n", "")) == set()
    parsed = list(icalendar.Calendar.from_ical(calendar).walk("VEVENT"))
    assert [str(e["UID"]) for e in parsed] == [f"{ical_text(e.id)}@timeline" for e in store.events]
    for event, vevent in zip(store.events, parsed, strict=True):
        assert str(vevent["SUMMARY"]) == ical_text(event.title)
        assert vevent["CATEGORIES"].cats == [ical_text(event.type)]
        assert str(vevent.get("LOCATION", "")) == ical_text(event.location)
        start = vevent["DTSTART"].dt
        assert isinstance(start, date)
        if "DTEND" in vevent:
            assert vevent["DTEND"].dt > start
        else:
            assert vevent["DURATION"].dt >= timedelta(days=1)
        if "URL" in vevent:
            check_web_link(str(vevent["URL"]), store)


# Mermaid: its own parser is too slow to run on every example (tests/test_mermaid.py runs it
# on hostile text); here every event must be one line of two parts, and decode to its text.

ENTITY = re.compile(r"#(\d+|lt|gt|quot);")
NAMED = {"lt": "<", "gt": ">", "quot": '"'}


def mermaid_decoded(text: str) -> str:
    """Mermaid's entity codes (#58; #lt;) as the characters they stand for."""
    return ENTITY.sub(lambda m: NAMED.get(m[1]) or chr(int(m[1])), text)


@PROPERTY
@given(stores())
def test_mermaid_writes_one_line_per_event(store: Store) -> None:
    """After the title and between section lines, each event is one line "period : event"
    with no syntax character outside an entity code, decoding to the store's text (white
    space folded, control characters visible)."""

    def folded(text: str) -> str:
        return re.sub(r"\s+", " ", shown(text, keep="\n\t")).strip() or "…"

    lines = export("mermaid", store).split("\n")
    assert lines[0] == "timeline" and lines[-1] == ""
    assert mermaid_decoded(lines[1].removeprefix("    title ")) == folded(store.title)
    events = [line for line in lines[2:-1] if not line.startswith("    section ")]
    assert len(events) == len(store.events)
    for event, line in zip(store.events, events, strict=True):
        assert control_characters(line) == set()
        bare = ENTITY.sub("", line)
        assert not set(bare) & set('#;%<>{}`"'), line
        period, separator, title = line.removeprefix("        ").partition(" : ")
        assert separator and ":" not in period + title
        note = contested_note(event)
        assert mermaid_decoded(title) == folded(f"{event.title} ({note})" if note else event.title)
        assert mermaid_decoded(period) == folded(event.span.label)
