"""iCalendar export, read back with the icalendar library."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dates.syntax import Span, parse_date, parse_end
from timeline.exporters import ExportOptions
from timeline.exporters.ical import fold, write
from timeline.model import Event, Events, Source, Store
from timeline.store import load


def calendar_text(store: Store) -> str:
    return "".join(write(store, list(store.events), ExportOptions()))


def events(store: Store) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(calendar_text(store))
    return list(calendar.walk("VEVENT"))


def test_one_all_day_event_per_event_spanning_its_dates(bundled_store: Store) -> None:
    found = {str(e["UID"]): (e["DTSTART"].dt, e["DTEND"].dt) for e in events(bundled_store)}
    assert len(found) == 10
    assert found["putin-aliyev-meeting-2023-05@timeline"] == (date(2023, 5, 21), date(2023, 6, 1))
    assert found["trilateral-agreements-2020-2022@timeline"] == (date(2020, 1, 1), date(2023, 1, 1))
    assert found["putin-aliyev-call-2023-09@timeline"] == (date(2023, 9, 20), date(2023, 9, 22))
    assert found["territorial-dispute-since-1988@timeline"] == (date(1988, 1, 1), date(1989, 1, 1))


def test_description_gives_the_date_as_the_source_does(bundled_store: Store) -> None:
    meeting = next(e for e in events(bundled_store) if "meeting-2023-05" in str(e["UID"]))
    assert str(meeting["DESCRIPTION"]).startswith("When: late May 2023\n\nActors: Vladimir Putin")
    dispute = next(e for e in events(bundled_store) if "1988" in str(e["UID"]))
    assert str(dispute["DESCRIPTION"]).startswith("When: since 1988 (ongoing)")


def test_hostile_text_comes_back_exactly(hostile_store: Store) -> None:
    """Newlines, ;, ,, and END:VEVENT in the text stay text; control characters (which
    iCalendar text may not hold) come back as visible escapes."""
    parsed = events(hostile_store)
    assert len(parsed) == 4
    truce = next(e for e in parsed if str(e["UID"]) == "truce@timeline")
    expected = (
        "a, b; c \"q\" 's' | # <script>alert(1)</script> & =1+2 \\ END:VEVENT\n"
        "BEGIN:VEVENT line two: x\n`code` *em* [l](javascript:x) {} %% \\u202eevil \\x07 "
        "Ղարաբաղ Qarabağ İlham Əliyev Карабах قره\u200cباغ"
    )
    assert str(truce["SUMMARY"]) == expected
    assert str(truce["LOCATION"]) == expected
    assert expected in str(truce["DESCRIPTION"])


def test_lines_are_folded_at_75_octets_between_characters(hostile_store: Store) -> None:
    data = calendar_text(hostile_store).encode("utf-8")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # no line ends inside a character


@given(st.text(min_size=1, max_size=300).filter(lambda t: "\n" not in t and "\r" not in t))
def test_folding_round_trips(text: str) -> None:
    folded = fold("X:" + text)
    assert folded.endswith("\r\n")
    assert folded[:-2].replace("\r\n ", "") == "X:" + text
    assert all(len(part.encode()) <= 75 for part in folded[:-2].split("\r\n"))


# A source URL that closes the event and opens a forged one, then rings the bell and sends ESC.
FORGING_URL = (
    "https://example.org/r\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged\r\n"
    "DTSTART;VALUE=DATE:20200101\r\nSUMMARY:forged\r\n\x1b]0;x\x07"
)


def with_url(store: Store, url: str) -> Store:
    """store with its one source's URL replaced."""
    return store._replace(sources={"report": Source("report", "A report", url=url)})


class TestUrl:
    def test_a_url_with_line_breaks_adds_no_event(self, small_store: Store) -> None:
        """A URL holding CR LF and END:VEVENT/BEGIN:VEVENT is no web address: the calendar
        still has one event per event, none of them has a URL, and the URL shows as text in
        the description (its line breaks as line breaks of the text, other control
        characters as visible escapes)."""
        parsed = events(with_url(small_store, FORGING_URL))
        assert [str(e["UID"]) for e in parsed] == [
            "war@timeline",
            "truce@timeline",
            "talks@timeline",
            "clash@timeline",
        ]
        assert [e.get("URL") for e in parsed] == [None, None, None, None]
        assert str(parsed[0]["DESCRIPTION"]).endswith(
            "Source: “A report”, https://example.org/r\nEND:VEVENT\nBEGIN:VEVENT\n"
            "UID:forged\nDTSTART;VALUE=DATE:20200101\nSUMMARY:forged\n\\x1b]0;x\\x07"
        )

    @pytest.mark.parametrize(
        "url",
        ["https://e.org/a\nb", "https://e.org/\x1b[2J", "https://e.org/\x07", "https://e.org/\t"],
    )
    def test_a_url_with_a_control_character_is_not_written_as_a_url(
        self, small_store: Store, url: str
    ) -> None:
        """A bare LF, ESC, BEL or tab in a URL: no URL property, and no raw control character
        anywhere in the file (only the CR LF that end its lines)."""
        text = calendar_text(with_url(small_store, url))
        assert [e.get("URL") for e in events(with_url(small_store, url))] == [None] * 4
        assert not [c for c in text.replace("\r\n", "") if ord(c) < 0x20 or ord(c) == 0x7F]

    def test_a_url_with_a_space_or_other_letters_is_percent_encoded(
        self, small_store: Store
    ) -> None:
        """A space or a letter outside ASCII is written as RFC 3986 has it, percent-encoded."""
        parsed = events(with_url(small_store, "https://e.org/Ղարաբաղ news?q=a b"))
        assert str(parsed[0]["URL"]) == (
            "https://e.org/%D5%82%D5%A1%D6%80%D5%A1%D5%A2%D5%A1%D5%B2%20news?q=a%20b"
        )


def dated(store: Store, *dates: tuple[str, str | None]) -> Store:
    """store with one event for each (date, end) instead of its own (give them in calendar
    order)."""
    events = []
    for number, (start, end) in enumerate(dates, 1):
        end_date, ongoing = parse_end(end) if end else (None, False)
        span = Span(parse_date(start), end_date, ongoing)
        events.append(Event(f"e{number}", span, "T", "battle", start, end, number=number))
    return store._replace(events=Events(events))


class TestDates:
    def test_a_year_before_1000_has_four_digits(self, small_store: Store) -> None:
        """DATE values are YYYYMMDD: 1 June 999 is 09990601, the year 12 is 0012."""
        text = calendar_text(dated(small_store, ("0012", None), ("0999-06-01", None)))
        assert "DTSTART;VALUE=DATE:09990601\r\nDTEND;VALUE=DATE:09990602\r\n" in text
        assert "DTSTART;VALUE=DATE:00120101\r\nDTEND;VALUE=DATE:00130101\r\n" in text
        parsed = events(dated(small_store, ("0012", None), ("0999-06-01", None)))
        assert [(e["DTSTART"].dt, e["DTEND"].dt) for e in parsed] == [
            (date(12, 1, 1), date(13, 1, 1)),
            (date(999, 6, 1), date(999, 6, 2)),
        ]

    def test_an_event_on_the_last_representable_day_lasts_one_day(self, small_store: Store) -> None:
        """9999-12-31 has no day after it for DTEND: the event says DURATION:P1D instead, and
        a period to that day says how many days it lasts."""
        parsed = events(dated(small_store, ("9999-12", "9999-12-31"), ("9999-12-31", None)))
        assert [(e["DTSTART"].dt, e.get("DTEND"), e["DURATION"].dt) for e in parsed] == [
            (date(9999, 12, 1), None, timedelta(days=31)),
            (date(9999, 12, 31), None, timedelta(days=1)),
        ]
        text = calendar_text(dated(small_store, ("9999-12-31", None)))
        assert "DTSTART;VALUE=DATE:99991231\r\nDURATION:P1D\r\n" in text


def test_the_store_reading_and_a_contested_note(accounts_store_path: Path) -> None:
    store = load(accounts_store_path, cache=False)
    text = calendar_text(store)
    clash = text[
        text.index("UID:clash@timeline") : text.index("END:VEVENT", text.index("UID:clash"))
    ]
    stamp = clash.split("DTSTAMP:")[1].split("\r\n")[0]
    assert clash == (
        "UID:clash@timeline\r\n"
        f"DTSTAMP:{stamp}\r\n"
        "DTSTART;VALUE=DATE:20230920\r\n"
        "DTEND;VALUE=DATE:20230921\r\n"
        "SUMMARY:Soldiers killed in a clash near Aravus\r\n"
        "DESCRIPTION:When: 20 September 2023\\n\\nContested: date\\, actors\\, figures.k\r\n"
        " illed\\n\\nActors: The army\\n\\nFigures: 6 killed\\, 10–15 injured\\n\\nSource\r\n"
        " : “Report A”\\, Agency A\\n\\nSource: “Report B”\\, https://example.or\r\n"
        " g/b\r\n"
        "CATEGORIES:incident\r\n"
        "LOCATION:Aravus\r\n"
        "URL:https://example.org/b\r\n"
    )
    talks, read_clash = events(store)
    assert str(read_clash["DESCRIPTION"]) == (
        "When: 20 September 2023\n\nContested: date, actors, figures.killed\n\n"
        "Actors: The army\n\nFigures: 6 killed, 10–15 injured\n\n"
        "Source: “Report A”, Agency A\n\nSource: “Report B”, https://example.org/b"
    )
    assert "ontested" not in str(talks["DESCRIPTION"])
