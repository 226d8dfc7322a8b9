"""TimelineJS export, checked against the rules of TimelineJS3's JSON format."""

from __future__ import annotations

import calendar
import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import html5lib
import pytest

from conftest import SMALL_STORE
from timeline.exporters import ExportOptions
from timeline.exporters.timelinejs import write
from timeline.model import Events, EventType, Store
from timeline.store import load

# What TimelineJS3 does with each text field before the page shows it (TimelineConfig.js,
# _tidyFields): headline and text go through DOMPurify, which only removes markup, and are
# set as innerHTML; group and display_date are trimmed (Util.trim: JavaScript's \s), stripped
# of markup (Util.stripMarkup: DOMParser, then body.textContent) and set as innerHTML.
JS_SPACE = "[\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"


def js_trim(text: str) -> str:
    """text without the white space JavaScript's /^\\s+|\\s+$/g removes."""
    return re.sub(f"^{JS_SPACE}+|{JS_SPACE}+$", "", text)


def strip_markup(value: str) -> str:
    """TimelineJS's stripMarkup: value parsed as an HTML document, the text of its body (tags
    dropped, character references decoded once)."""
    document = html5lib.parse(value, namespaceHTMLElements=False)
    body = document.find("body")
    assert body is not None
    return "".join(body.itertext())


def inner_html(value: str) -> tuple[list[tuple[str, dict[str, str]]], str]:
    """What a page makes of value set as an element's innerHTML: the elements it creates
    (tag, attributes) and the text it shows, a <br> as a line break."""
    fragment = html5lib.parseFragment(value, container="div", namespaceHTMLElements=False)
    elements = [(e.tag, dict(e.attrib)) for e in fragment.iter() if e is not fragment]
    pieces: list[str] = []

    def walk(element: Any) -> None:
        pieces.append("\n" if element.tag == "br" else element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")

    walk(fragment)
    return elements, "".join(pieces)


def shown_stripped(value: str) -> tuple[list[tuple[str, dict[str, str]]], str]:
    """What the page makes of a group or display_date: trimmed, stripped, set as HTML."""
    return inner_html(strip_markup(js_trim(value)))


def exported(store: Store) -> dict[str, Any]:
    data = json.loads("".join(write(store, list(store.events), ExportOptions())))
    assert isinstance(data, dict)
    return data


def check_date(value: Any) -> None:
    """A TimelineJS date object: a year, then a month and a day only as far as known."""
    assert isinstance(value, dict)
    assert set(value) <= {"year", "month", "day", "display_date"}
    assert isinstance(value["year"], int)
    if "month" in value:
        assert 1 <= value["month"] <= 12
    if "day" in value:
        assert "month" in value
        assert 1 <= value["day"] <= calendar.monthrange(value["year"], value["month"])[1]
    if "display_date" in value:
        assert isinstance(value["display_date"], str) and value["display_date"]


def check_document(data: dict[str, Any]) -> None:
    """The documented rules: events is a list of slides with a start_date; a unique_id is
    unique; text is a headline and a text; eras have a start and an end."""
    assert set(data) <= {"title", "events", "eras", "scale"}
    assert data["scale"] == "human"
    assert isinstance(data["title"]["text"]["headline"], str)
    ids = [slide["unique_id"] for slide in data["events"]]
    assert len(ids) == len(set(ids))
    for slide in data["events"]:
        assert set(slide) <= {
            "start_date",
            "end_date",
            "text",
            "group",
            "display_date",
            "unique_id",
            "autolink",
            "media",
            "background",
        }
        check_date(slide["start_date"])
        if "end_date" in slide:
            check_date(slide["end_date"])
        assert set(slide["text"]) == {"headline", "text"}
        assert re.fullmatch(r"[A-Za-z0-9_-]+", slide["unique_id"])
    for era in data.get("eras", []):
        check_date(era["start_date"])
        check_date(era["end_date"])


def test_bundled_store_follows_the_format(bundled_store: Store) -> None:
    data = exported(bundled_store)
    check_document(data)
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    assert len(slides) == 10
    assert slides["territorial-dispute-since-1988"]["start_date"] == {"year": 1988}
    assert slides["territorial-dispute-since-1988"]["display_date"] == "since 1988"
    assert slides["putin-aliyev-meeting-2023-05"]["start_date"] == {
        "year": 2023,
        "month": 5,
        "display_date": "late May 2023",
    }
    assert slides["reykjavik-summit-2023-05-17"]["start_date"] == {
        "year": 2023,
        "month": 5,
        "day": 17,
    }
    call = slides["putin-aliyev-call-2023-09"]
    assert (call["start_date"]["day"], call["end_date"]["day"]) == (20, 21)
    assert slides["conflict-erupts-2020-09"]["group"] == "conflict"
    assert [era["text"]["headline"] for era in data["eras"]] == [
        "Trilateral agreements between Russia, Azerbaijan and Armenia",
    ]


def test_text_is_escaped_html(hostile_store: Store) -> None:
    data = exported(hostile_store)
    check_document(data)
    truce = next(s for s in data["events"] if s["unique_id"] == "truce")
    headline = truce["text"]["headline"]
    assert "<script>" not in headline
    expected = (
        "a, b; c \"q\" 's' | # <script>alert(1)</script> & =1+2 \\ END:VEVENT\n"
        "BEGIN:VEVENT line two: x\\x0d\n`code` *em* [l](javascript:x) {} %% \\u202eevil \\x07 "
        "Ղարաբաղ Qarabağ İlham Əliyev Карабах قره\u200cباغ"
    )
    assert html.unescape(headline.replace("<br>", "\n")) == expected
    assert "<script>" not in truce["text"]["text"]


def test_unsafe_ids_are_made_safe_and_unique(small_store: Store) -> None:
    from timeline.exporters.timelinejs import unique_id

    taken: set[str] = set()
    assert unique_id("a b", taken) == "a-b"
    assert unique_id("a/b", taken) == "a-b-2"
    assert unique_id("", taken) == "event"


def test_a_blank_line_holding_a_space_splits_paragraphs(
    write_store: Callable[[str], Path],
) -> None:
    """A summary "one\\n \\ntwo" is two paragraphs, as in every format; a single line break
    is a <br>."""
    text = SMALL_STORE.replace('"Both sides sign."', '"one\\n \\ntwo\\nthree"')
    truce = exported(load(write_store(text)))["events"][1]
    assert truce["text"]["text"] == (
        "<p>one</p><p>two<br>three</p><blockquote>“We sign a treaty today.”</blockquote>"
        "<p>Actors: Jana Ərəbova, Southland</p>"
        "<p>Source: “A report”, Agency, 2023-01-02, https://example.org/report</p>"
    )


@pytest.mark.parametrize(
    ("type_id", "shown"),
    [
        # Markup once stripping decodes its references, as TimelineJS does with a group.
        ("&lt;img src=x onerror=alert(1)&gt;", "&lt;img src=x onerror=alert(1)&gt;"),
        ("<img src=x onerror=alert(1)> & &amp;", "<img src=x onerror=alert(1)> & &amp;"),
        ("a\x1b[2Jb\x07", "a\\x1b[2Jb\\x07"),
    ],
)
def test_a_group_shows_its_type_id_as_text(small_store: Store, type_id: str, shown: str) -> None:
    """The group (the event's type id) makes no element in the page after TimelineJS strips
    it and sets it as HTML, and shows the id itself, control characters as visible escapes."""
    events = Events(event._replace(type=type_id) for event in small_store.events)
    store = small_store._replace(types={type_id: EventType(type_id, "cyan")}, events=events)
    slides = exported(store)["events"]
    assert [shown_stripped(slide["group"]) for slide in slides] == [([], shown)] * 4


def test_display_dates_and_headlines_show_as_text(hostile_store: Store) -> None:
    """Every display_date (TimelineJS strips it) and every headline and text (it sets them as
    HTML after DOMPurify) makes only the export's own elements, without attributes."""
    data = exported(hostile_store)
    for slide in data["events"]:
        assert shown_stripped(slide["display_date"]) == ([], slide["display_date"])
        elements, _ = inner_html(slide["text"]["headline"])
        assert elements == [("br", {})] * slide["text"]["headline"].count("<br>")
        elements, _ = inner_html(slide["text"]["text"])
        assert {tag for tag, _ in elements} <= {"p", "br", "blockquote", "em"}
        assert all(attributes == {} for _, attributes in elements)


def test_the_store_reading_and_a_contested_note(accounts_store_path: Path) -> None:
    data = exported(load(accounts_store_path, cache=False))
    check_document(data)
    talks, clash = data["events"]
    assert clash["text"]["text"] == (
        "<p><strong>Contested: date, actors, figures.killed</strong></p>"
        "<p>Actors: The army</p><p>Figures: 6 killed, 10–15 injured</p>"
        "<p>Source: “Report A”, Agency A</p>"
        "<p>Source: “Report B”, https://example.org/b</p>"
    )
    assert talks["text"]["text"] == (
        "<p>Actors: The army, The rebels</p><p>Source: “Report A”, Agency A</p>"
        "<p>Source: “Report B”, https://example.org/b</p>"
    )
    elements, shown = inner_html(clash["text"]["text"])
    assert [tag for tag, _ in elements] == ["p", "strong", "p", "p", "p", "p"]
    assert shown.startswith("Contested: date, actors, figures.killed")
