"""The terminal view: exact layout, context for periods, and data shown literally."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from conftest import SMALL_STORE
from timeline.model import Store
from timeline.query import Query, parse_year, select
from timeline.render import SHOWN_AT_MOST, event_view, timeline_view
from timeline.store import load

SGR = re.compile(r"\x1b\[[0-9;]*m")


def render(
    store: Store, query: Query, *, color: bool = False, details: bool = False, width: int = 80
) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    selection = select(store, query)
    console.print(
        timeline_view(
            store,
            selection.events,
            view_start=query.view_start,
            matched=selection.matched,
            details=details,
        )
    )
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


class TestLayout:
    def test_events_grouped_by_year_with_date_title_and_actors(self, small_store: Store) -> None:
        assert render(small_store, Query()) == (
            """\
Test timeline
4 events

 1990  ─────────────────────────────────────────────────────────────────────────
 ■ since 1990     The long war
 ┃                battle · ongoing · Northland, Southland
 ┆
 ┆ 31 years later
 ┆
 2021  ─────────────────────────────────────────────────────────────────────────
 ● 5 March 2021   A truce is signed
 │                talks · Jana Ərəbova, Southland · Geneva
 ● mid-March 2021 Talks in March
 │                talks · Southland
 ● late May 2021  A clash at the border
 │                battle · Northland
"""
        )

    def test_periods_that_began_earlier_are_context(self, small_store: Store) -> None:
        """Asked about 2021, the war since 1990 is shown apart, as context, not as of 2021."""
        output = render(small_store, Query(years=(parse_year("2021"),), limit=2), details=True)
        assert output == (
            """\
Test timeline
2 of 4 matching events

 Began before 2021  context: still under way or overlapping ────────────────────
 ■ since 1990   The long war
 ┃              battle · ongoing · Northland, Southland
 ┃              Source: “A report”, Agency, 2023-01-02,
 ┃              https://example.org/report
 ┃              Tags: background
 ┃              id: war
 ┆
 ┆ 31 years later
 ┆
 2021  ─────────────────────────────────────────────────────────────────────────
 ● 5 March 2021 A truce is signed
 │              talks · Jana Ərəbova, Southland · Geneva
 │              Both sides sign.
 │              “We sign a treaty today.”
 │              Source: “A report”, Agency, 2023-01-02,
 │              https://example.org/report
 │              id: truce
"""
        )

    def test_a_view_from_a_day_names_it_in_english(self, small_store: Store) -> None:
        """A view that starts within a month heads its context with the day in words."""
        output = render(small_store, Query(start=date(2021, 3, 15), limit=1))
        assert output.splitlines()[3] == (
            " Began before 15 March 2021  context: still under way or overlapping " + "─" * 11
        )

    def test_a_view_from_a_day_is_english_under_another_locale(
        self, small_store: Store, other_locale: str
    ) -> None:
        """The month is English whatever the locale: the view never asks the locale for it."""
        assert date(2021, 3, 1).strftime("%B") != "March"  # the locale is in effect
        output = render(small_store, Query(start=date(2021, 3, 15), limit=1))
        assert output.splitlines()[3] == (
            " Began before 15 March 2021  context: still under way or overlapping " + "─" * 11
        )

    def test_lines_fit_the_width_without_trailing_spaces(self, bundled_store: Store) -> None:
        for width in (40, 80, 120):
            lines = render(bundled_store, Query(), details=True, width=width).splitlines()
            assert max(len(line) for line in lines) <= width
            assert not [line for line in lines if line.endswith(" ")]

    def test_marker_takes_the_type_colour(self, small_store: Store) -> None:
        output = render(small_store, Query(types=("battle",)), color=True)
        assert "\x1b[31m ■" in output  # battle is red


class TestLiteralData:
    HOSTILE = (
        "[bold]loud[/bold] :warning: \x1b[2J\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\"
        " \r\x08 \u202eevil \x9b31m"
    )

    def hostile_store(self, write_store: Callable[[str], Path]) -> Store:
        escaped = "".join(
            c if c.isprintable() and c not in '\\"' else f"\\u{ord(c):04x}" for c in self.HOSTILE
        )
        text = SMALL_STORE.replace('title = "A truce is signed"', f'title = "{escaped}"')
        text = text.replace('summary = "Both sides sign."', f'summary = "{escaped}"')
        return load(write_store(text))

    def test_markup_emoji_and_control_characters_print_as_text(
        self, write_store: Callable[[str], Path]
    ) -> None:
        store = self.hostile_store(write_store)
        for color in (False, True):
            output = render(store, Query(texts=("loud",)), color=color, details=True, width=300)
            plain = SGR.sub("", output)
            assert "\x1b" not in plain and "\r" not in plain and "\x08" not in plain
            assert "\u202e" not in plain and "\x9b" not in plain
            assert "[bold]loud[/bold] :warning: \\x1b[2J\\x1b]8;;http://x.example" in plain
            assert "\\x0d\\x08 \\u202eevil \\x9b31m" in plain

    def test_a_quote_with_its_own_marks_is_not_marked_twice(
        self, write_store: Callable[[str], Path]
    ) -> None:
        store = load(
            write_store(
                SMALL_STORE.replace(
                    'quotes = ["We sign a treaty today."]',
                    'quotes = ["“We sign,” he said", "a treaty today"]',
                )
            )
        )
        output = render(store, Query(texts=("treaty",)), details=True)
        assert "\n │              “We sign,” he said\n" in output
        assert "\n │              “a treaty today”\n" in output
        view = Console(file=io.StringIO(), width=80, color_system=None)
        view.print(event_view(store, store.events[1]))
        shown = view.file.getvalue()  # type: ignore[attr-defined]
        assert "\n“We sign,” he said\n" in shown and "““" not in shown


def test_event_view_shows_data_literally(write_store: Callable[[str], Path]) -> None:
    from timeline.render import event_view

    text = SMALL_STORE.replace(
        '"A truce is signed"', '"[bold]x[/] :warning: \\u001b]52;c;aGk=\\u0007"'
    )
    store = load(write_store(text))
    console = Console(file=io.StringIO(), width=200, force_terminal=True, color_system="truecolor")
    console.print(event_view(store, next(e for e in store.events if e.id == "truce")))
    plain = SGR.sub("", console.file.getvalue())  # type: ignore[attr-defined]
    assert "\x1b" not in plain and "\x07" not in plain
    assert "[bold]x[/] :warning: \\x1b]52;c;aGk=\\x07" in plain
    assert "Jana Ərəbova — President of Northland, part of Northland" in plain


# A summary and a note of about 4 MB (every character is a word's or a space).
HUGE = ("Both sides sign the long text. " * 135_000).strip()


def huge_store(write_store: Callable[[str], Path]) -> Store:
    """The small store whose truce has HUGE as its summary and its note."""
    text = SMALL_STORE.replace(
        'summary = "Both sides sign."', f'summary = "{HUGE}"\nnote = "{HUGE}"'
    )
    return load(write_store(text))


def printed(view: object, width: int = 80) -> str:
    console = Console(
        file=io.StringIO(), width=width, color_system=None, highlight=False, emoji=False
    )
    console.print(view)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


@pytest.mark.parametrize(
    ("width", "heading"),
    [
        (
            60,
            "● 5 March 2021  A truce is signed in Geneva after long talks\n"
            "                between the two sides and their allies\n",
        ),
        # Too narrow for the title beside the date: it wraps as any text does.
        (
            30,
            "● 5 March 2021  A truce is\nsigned in Geneva after long\n"
            "talks between the two sides\nand their allies\n",
        ),
    ],
)
def test_event_view_wraps_a_long_title_under_its_start(
    write_store: Callable[[str], Path], width: int, heading: str
) -> None:
    title = "A truce is signed in Geneva after long talks between the two sides and their allies"
    store = load(write_store(SMALL_STORE.replace('"A truce is signed"', f'"{title}"')))
    truce = next(event for event in store.events if event.id == "truce")
    assert printed(event_view(store, truce), width=width).startswith(heading + "id: truce\n")


class TestHugeFields:
    """A field longer than SHOWN_AT_MOST characters (10,000) is shown up to there, then a line
    says how many more there are and where to read them: a view takes time and memory in
    proportion to what it shows, not to the store's longest text."""

    MORE = f"… ({len(HUGE) - 10_000:,} more characters; read it all elsewhere)"

    def test_the_timeline_shows_the_first_characters_and_says_how_many_more(
        self, write_store: Callable[[str], Path]
    ) -> None:
        """With details, the summary's first 10,000 characters are wrapped beside the date,
        then the line "… (4,174,999 more characters; advice)"; the note likewise."""
        store = huge_store(write_store)
        events = [e for e in store.events if e.id == "truce"]
        view = timeline_view(store, events, details=True, advice="read it all elsewhere")
        lines = printed(view, width=100).splitlines()
        assert SHOWN_AT_MOST == 10_000
        assert len(HUGE) == 4_184_999
        assert lines.count(" │" + " " * 14 + self.MORE) == 2  # the summary's and the note's
        body = [line[16:] for line in lines[6:]]
        summary = body[: body.index(self.MORE)]
        assert " ".join(summary) == HUGE[:10_000].strip()
        assert len(lines) < 500

    def test_info_shows_the_first_characters_and_says_how_many_more(
        self, write_store: Callable[[str], Path]
    ) -> None:
        """The full view of the event cuts its summary and its note the same way."""
        from timeline.render import event_view

        store = huge_store(write_store)
        truce = next(e for e in store.events if e.id == "truce")
        output = printed(event_view(store, truce, advice="read it all elsewhere"), width=100)
        assert output.count(f"\n{self.MORE}\n") == 2
        assert output.endswith(f"\n{self.MORE}\n")  # the note's
        assert len(output) < 30_000

    def test_a_field_of_the_limit_is_shown_whole(self, write_store: Callable[[str], Path]) -> None:
        """A note of exactly SHOWN_AT_MOST characters is not cut."""
        from timeline.render import event_view

        note = "z" * 9_999 + "y"
        text = SMALL_STORE.replace('summary = "Both sides sign."', f'note = "{note}"')
        store = load(write_store(text))
        truce = next(e for e in store.events if e.id == "truce")
        output = printed(event_view(store, truce, advice="a"), width=100)
        assert "more character" not in output
        assert output.count("z") == 9_999
        assert output.endswith("zzy\n")

    def test_a_huge_field_takes_little_time_and_memory(
        self, write_store: Callable[[str], Path]
    ) -> None:
        """Drawing an event with a 4 MB summary and note, in full and in the timeline, takes
        under a second of processor time and under 4 MB of memory besides the store (it took
        seconds, and hundreds of megabytes, when rich wrapped the whole text)."""
        import time
        import tracemalloc

        from timeline.render import event_view

        store = huge_store(write_store)
        truce = next(e for e in store.events if e.id == "truce")
        start = time.process_time()
        tracemalloc.start()
        try:
            printed(event_view(store, truce))
            printed(timeline_view(store, [truce], details=True))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert time.process_time() - start < 1.0
        assert peak < 4 * 1024 * 1024


def test_progress_shows_how_much_is_done() -> None:
    """The progress line a spinner shows: its label, then the share done once it is told."""
    from timeline.render import Progress

    progress = Progress("Drafting events from a.txt…")
    assert printed(progress) == "Drafting events from a.txt…\n"
    progress(1, 4)
    assert printed(progress) == "Drafting events from a.txt… 25%\n"
    progress(57, 57)
    assert printed(progress) == "Drafting events from a.txt… 100%\n"
    progress(0, 0)
    assert printed(progress) == "Drafting events from a.txt… 100%\n"


def test_event_view_shows_each_account_and_what_is_contested(accounts_store_path: Path) -> None:
    from timeline.render import event_view

    store = load(accounts_store_path)
    clash = next(e for e in store.events if e.id == "clash")
    assert printed(event_view(store, clash), width=60) == (
        "● 20 September 2023  Soldiers killed in a clash near Aravus\n"
        "id: clash\n"
        "type: incident\n"
        "date: 2023-09-20\n"
        "location: Aravus\n"
        "figures: 6 killed, 10–15 injured\n"
        "contested: date, actors, figures.killed\n"
        "\n"
        "Actors\n"
        "  The army\n"
        "\n"
        "Sources\n"
        "  “Report A”, Agency A, a.txt\n"
        "  “Report B”, https://example.org/b\n"
        "\n"
        "Accounts\n"
        "  “Report A”, Agency A, a.txt\n"
        "    “Six soldiers were killed near Aravus”\n"
        "  “Report B”, https://example.org/b\n"
        "    date: 19 September 2023\n"
        "    actors: The army, The rebels\n"
        "    figures: 5 killed\n"
        "    “five soldiers died”\n"
        "    Note: B counts one fewer.\n"
    )


def test_an_uncontested_event_with_an_account_says_nothing_is_contested(
    accounts_store_path: Path,
) -> None:
    from timeline.render import event_view

    store = load(accounts_store_path)
    talks = next(e for e in store.events if e.id == "talks")
    output = printed(event_view(store, talks), width=60)
    assert "contested" not in output
    assert output.endswith(
        "Accounts\n"
        "  “Report B”, https://example.org/b\n"
        "    date: late May 2023\n"
        "    location: aravus\n"
        "    “talks were held late in May”\n"
    )


class TestContested:
    """An event whose sources disagree: its own marker and the fields contested in its line;
    with details, its figures as a person reads them and each source's account."""

    def test_marker_and_the_word_contested(self, accounts_store_path: Path) -> None:
        assert render(load(accounts_store_path), Query()) == (
            """\
Two reports
2 events

 2023  ─────────────────────────────────────────────────────────────────────────
 ● 25 May 2023       Talks in Aravus
 │                   incident · The army, The rebels · Aravus
 ◆ 20 September 2023 Soldiers killed in a clash near Aravus
 │                   incident · contested: date, actors, killed · The army ·
 │                   Aravus
"""
        )

    def test_details_list_each_account_under_its_source(self, accounts_store_path: Path) -> None:
        """An account shows what it says that differs: the talks' "late May" is shown, its
        "aravus" (the event's place) is not; a silent account shows its quotes alone."""
        assert render(load(accounts_store_path), Query(), details=True) == (
            """\
Two reports
2 events

 2023  ─────────────────────────────────────────────────────────────────────────
 ● 25 May 2023       Talks in Aravus
 │                   incident · The army, The rebels · Aravus
 │                   Source: “Report A”, Agency A, a.txt
 │                   Source: “Report B”, https://example.org/b
 │                     Date: late May 2023
 │                     “talks were held late in May”
 │                   id: talks
 │
 ◆ 20 September 2023 Soldiers killed in a clash near Aravus
 │                   incident · contested: date, actors, killed · The army ·
 │                   Aravus
 │                   Figures: 5–6 killed: 6 according to a, 5 according to b;
 │                   10–15 injured
 │                   Source: “Report A”, Agency A, a.txt
 │                     “Six soldiers were killed near Aravus”
 │                   Source: “Report B”, https://example.org/b
 │                     Date: 19 September 2023
 │                     Actors: The army, The rebels
 │                     Figures: 5 killed
 │                     “five soldiers died”
 │                     Note: B counts one fewer.
 │                   id: clash
"""
        )

    def test_an_accounts_wrapped_lines_keep_its_indent(self, accounts_store_path: Path) -> None:
        text = accounts_store_path.read_text(encoding="utf-8")
        note = "B counts one fewer, and names the rebels among those who fought near the town."
        accounts_store_path.write_text(text.replace("B counts one fewer.", note))
        shown = render(load(accounts_store_path), Query(), details=True, width=60)
        assert (
            " │   Note: B counts one fewer, and names the rebels among\n"
            " │   those who fought near the town.\n"
        ) in shown

    def test_a_contested_period_has_its_own_marker(self, accounts_store_path: Path) -> None:
        text = accounts_store_path.read_text(encoding="utf-8")
        accounts_store_path.write_text(
            text.replace('date = "2023-09-20"\n', 'date = "2023-09-20"\nend = "2023-09-22"\n'),
            encoding="utf-8",
        )
        output = render(load(accounts_store_path), Query(contested=True))
        assert output.splitlines()[4] == (
            " ◈ 20–22 September 2023 Soldiers killed in a clash near Aravus"
        )

    def test_colour_only_on_a_terminal_and_data_literal(self, accounts_store_path: Path) -> None:
        """The marker takes the type's colour on a terminal; an account's note with markup
        and an escape prints as text, in colour or not."""
        text = accounts_store_path.read_text(encoding="utf-8")
        accounts_store_path.write_text(
            text.replace("B counts one fewer.", "[red]B[/red] :warning: \\u001b[2J"),
            encoding="utf-8",
        )
        store = load(accounts_store_path)
        coloured = render(store, Query(contested=True), color=True, details=True)
        assert "\x1b[31m ◆" in coloured  # incident is red
        plain = render(store, Query(contested=True), details=True)
        assert "\x1b" not in plain
        assert "  Note: [red]B[/red] :warning: \\x1b[2J\n" in plain
        assert SGR.sub("", coloured) == plain


# The small store at three widths, with and without details: the date beside the text at 80
# columns and more (at 120 as at 100: lines stop at 100 columns), above the title at 60.
SMALL_VIEWS = {
    (60, False): """\
Test timeline
4 events

 1990  ─────────────────────────────────────────────────────
 ■ since 1990
 ┃ The long war
 ┃ battle · ongoing · Northland, Southland
 ┆
 ┆ 31 years later
 ┆
 2021  ─────────────────────────────────────────────────────
 ● 5 March 2021
 │ A truce is signed
 │ talks · Jana Ərəbova, Southland · Geneva
 ● mid-March 2021
 │ Talks in March
 │ talks · Southland
 ● late May 2021
 │ A clash at the border
 │ battle · Northland
""",
    (60, True): """\
Test timeline
4 events

 1990  ─────────────────────────────────────────────────────
 ■ since 1990
 ┃ The long war
 ┃ battle · ongoing · Northland, Southland
 ┃ Source: “A report”, Agency, 2023-01-02,
 ┃ https://example.org/report
 ┃ Tags: background
 ┃ id: war
 ┆
 ┆ 31 years later
 ┆
 2021  ─────────────────────────────────────────────────────
 ● 5 March 2021
 │ A truce is signed
 │ talks · Jana Ərəbova, Southland · Geneva
 │ Both sides sign.
 │ “We sign a treaty today.”
 │ Source: “A report”, Agency, 2023-01-02,
 │ https://example.org/report
 │ id: truce
 │
 ● mid-March 2021
 │ Talks in March
 │ talks · Southland
 │ Source: “A report”, Agency, 2023-01-02,
 │ https://example.org/report
 │ id: talks
 │
 ● late May 2021
 │ A clash at the border
 │ battle · Northland
 │ Source: “A report”, Agency, 2023-01-02,
 │ https://example.org/report
 │ Tags: border
 │ id: clash
""",
    (80, False): """\
Test timeline
4 events

 1990  ─────────────────────────────────────────────────────────────────────────
 ■ since 1990     The long war
 ┃                battle · ongoing · Northland, Southland
 ┆
 ┆ 31 years later
 ┆
 2021  ─────────────────────────────────────────────────────────────────────────
 ● 5 March 2021   A truce is signed
 │                talks · Jana Ərəbova, Southland · Geneva
 ● mid-March 2021 Talks in March
 │                talks · Southland
 ● late May 2021  A clash at the border
 │                battle · Northland
""",
    (80, True): """\
Test timeline
4 events

 1990  ─────────────────────────────────────────────────────────────────────────
 ■ since 1990     The long war
 ┃                battle · ongoing · Northland, Southland
 ┃                Source: “A report”, Agency, 2023-01-02,
 ┃                https://example.org/report
 ┃                Tags: background
 ┃                id: war
 ┆
 ┆ 31 years later
 ┆
 2021  ─────────────────────────────────────────────────────────────────────────
 ● 5 March 2021   A truce is signed
 │                talks · Jana Ərəbova, Southland · Geneva
 │                Both sides sign.
 │                “We sign a treaty today.”
 │                Source: “A report”, Agency, 2023-01-02,
 │                https://example.org/report
 │                id: truce
 │
 ● mid-March 2021 Talks in March
 │                talks · Southland
 │                Source: “A report”, Agency, 2023-01-02,
 │                https://example.org/report
 │                id: talks
 │
 ● late May 2021  A clash at the border
 │                battle · Northland
 │                Source: “A report”, Agency, 2023-01-02,
 │                https://example.org/report
 │                Tags: border
 │                id: clash
""",
    (120, False): """\
Test timeline
4 events

 1990  ─────────────────────────────────────────────────────────────────────────────────────────────
 ■ since 1990     The long war
 ┃                battle · ongoing · Northland, Southland
 ┆
 ┆ 31 years later
 ┆
 2021  ─────────────────────────────────────────────────────────────────────────────────────────────
 ● 5 March 2021   A truce is signed
 │                talks · Jana Ərəbova, Southland · Geneva
 ● mid-March 2021 Talks in March
 │                talks · Southland
 ● late May 2021  A clash at the border
 │                battle · Northland
""",
    (120, True): """\
Test timeline
4 events

 1990  ─────────────────────────────────────────────────────────────────────────────────────────────
 ■ since 1990     The long war
 ┃                battle · ongoing · Northland, Southland
 ┃                Source: “A report”, Agency, 2023-01-02, https://example.org/report
 ┃                Tags: background
 ┃                id: war
 ┆
 ┆ 31 years later
 ┆
 2021  ─────────────────────────────────────────────────────────────────────────────────────────────
 ● 5 March 2021   A truce is signed
 │                talks · Jana Ərəbova, Southland · Geneva
 │                Both sides sign.
 │                “We sign a treaty today.”
 │                Source: “A report”, Agency, 2023-01-02, https://example.org/report
 │                id: truce
 │
 ● mid-March 2021 Talks in March
 │                talks · Southland
 │                Source: “A report”, Agency, 2023-01-02, https://example.org/report
 │                id: talks
 │
 ● late May 2021  A clash at the border
 │                battle · Northland
 │                Source: “A report”, Agency, 2023-01-02, https://example.org/report
 │                Tags: border
 │                id: clash
""",
}


@pytest.mark.parametrize(("width", "details"), list(SMALL_VIEWS))
def test_the_small_store_at_each_width(small_store: Store, width: int, details: bool) -> None:
    assert render(small_store, Query(), details=details, width=width) == SMALL_VIEWS[width, details]


# The small store with the clash dated to one day of a week ("between 17 and 23 September
# 2021", 32 columns): above the titles at 60 and 80 columns; at 100 in a column of
# MAX_DATE_WIDTH, wrapped into even lines; at 120 whole in its column, the spare columns
# beyond READABLE_WIDTH taking it while the text keeps the 67 columns it has beside a third.
LONG_DATE_STORE = SMALL_STORE.replace('date = "late 2021-05"', 'date = "[2021-09-17..2021-09-23]"')
LONG_DATE_ABOVE = """\
Test timeline
4 events

 1990  {rule}
 ■ since 1990
 ┃ The long war
 ┃ battle · ongoing · Northland, Southland
 ┆
 ┆ 31 years later
 ┆
 2021  {rule}
 ● 5 March 2021
 │ A truce is signed
 │ talks · Jana Ərəbova, Southland · Geneva
 ● mid-March 2021
 │ Talks in March
 │ talks · Southland
 ● between 17 and 23 September 2021
 │ A clash at the border
 │ battle · Northland
"""
LONG_DATE_VIEWS = {
    60: LONG_DATE_ABOVE.format(rule="─" * 53),
    80: LONG_DATE_ABOVE.format(rule="─" * 73),
    100: """\
Test timeline
4 events

 1990  ─────────────────────────────────────────────────────────────────────────────────────────────
 ■ since 1990                   The long war
 ┃                              battle · ongoing · Northland, Southland
 ┆
 ┆ 31 years later
 ┆
 2021  ─────────────────────────────────────────────────────────────────────────────────────────────
 ● 5 March 2021                 A truce is signed
 │                              talks · Jana Ərəbova, Southland · Geneva
 ● mid-March 2021               Talks in March
 │                              talks · Southland
 ● between 17 and 23            A clash at the border
 │ September 2021               battle · Northland
""",
    120: """\
Test timeline
4 events

 1990  ────────────────────────────────────────────────────────────────────────────────────────────────
 ■ since 1990                       The long war
 ┃                                  battle · ongoing · Northland, Southland
 ┆
 ┆ 31 years later
 ┆
 2021  ────────────────────────────────────────────────────────────────────────────────────────────────
 ● 5 March 2021                     A truce is signed
 │                                  talks · Jana Ərəbova, Southland · Geneva
 ● mid-March 2021                   Talks in March
 │                                  talks · Southland
 ● between 17 and 23 September 2021 A clash at the border
 │                                  battle · Northland
""",
}


@pytest.mark.parametrize("width", list(LONG_DATE_VIEWS))
def test_a_long_date_at_each_width(write_store: Callable[[str], Path], width: int) -> None:
    store = load(write_store(LONG_DATE_STORE))
    assert render(store, Query(), width=width) == LONG_DATE_VIEWS[width]


def test_the_widest_terminal_widens_the_line_only_as_far_as_the_date_needs(
    write_store: Callable[[str], Path],
) -> None:
    """At 160 columns the long date's view is the one at 120: the text beside the date keeps
    its 67 columns, and the line stops at 103."""
    store = load(write_store(LONG_DATE_STORE))
    wide = render(store, Query(), details=True, width=160)
    assert wide == render(store, Query(), details=True, width=120)
    assert max(len(line) for line in wide.splitlines()) == 103


VIEWS = Path(__file__).resolve().parent / "views"


def listing(store: Store, kind: str, width: int) -> str:
    """`timeline KIND` of every event, as drawn at width without colour."""
    from timeline.query import count_uses, tag_counts
    from timeline.render import declarations, tag_list

    events = list(store.events)
    if kind == "tags":
        return printed(tag_list(tag_counts(store, events)), width)
    return printed(declarations(store, kind, count_uses(store, events, kind)), width)


class TestBundledViews:
    """The bundled store as `show`, `show --details` and the listings draw it, compared with
    the views kept in tests/views (plain text: the types' colours are the store's to change)."""

    @pytest.mark.parametrize("width", [60, 80, 120])
    @pytest.mark.parametrize("details", [False, True])
    def test_show(self, bundled_store: Store, width: int, details: bool) -> None:
        name = f"show-details-{width}.txt" if details else f"show-{width}.txt"
        expected = (VIEWS / name).read_text(encoding="utf-8")
        assert render(bundled_store, Query(), details=details, width=width) == expected

    @pytest.mark.parametrize("width", [60, 100])
    @pytest.mark.parametrize("kind", ["actors", "types", "sources", "tags"])
    def test_listings(self, bundled_store: Store, kind: str, width: int) -> None:
        expected = (VIEWS / f"{kind}-{width}.txt").read_text(encoding="utf-8")
        assert listing(bundled_store, kind, width) == expected

    def test_a_long_time_between_events_is_said(self, bundled_store: Store) -> None:
        """32 years pass between the dispute of 1988 and 2020, two between 2020 and 2023:
        each gap has its line; events of the same years none."""
        output = render(bundled_store, Query(), width=100)
        assert [line for line in output.splitlines() if "┆ " in line] == [
            " ┆ 32 years later",
            " ┆ 2 years later",
        ]


class TestFit:
    """At any width, no line is wider than the terminal or than READABLE_WIDTH, none ends in
    a space, and no word of the data is split across lines."""

    @pytest.mark.parametrize("width", [40, 60, 80, 100, 120, 160])
    def test_show_fits(self, bundled_store: Store, width: int) -> None:
        from timeline.render import READABLE_WIDTH

        for details in (False, True):
            lines = render(bundled_store, Query(), details=details, width=width).splitlines()
            assert max(len(line) for line in lines) <= min(width, READABLE_WIDTH)
            assert not [line for line in lines if line.endswith(" ")]

    def test_wide_terminals_get_the_readable_measure(self, bundled_store: Store) -> None:
        """At 160 columns the view is drawn as at 100: lines of details stay readable."""
        for details in (False, True):
            wide = render(bundled_store, Query(), details=details, width=160)
            assert wide == render(bundled_store, Query(), details=details, width=100)
        event = bundled_store.events[1]
        assert printed(event_view(bundled_store, event), 160) == printed(
            event_view(bundled_store, event), 100
        )

    @pytest.mark.parametrize("width", [60, 80, 100])
    @pytest.mark.parametrize("kind", ["actors", "types", "sources", "tags"])
    def test_listings_split_no_word(
        self, bundled_store: Store, sources_store: Store, kind: str, width: int
    ) -> None:
        """Every word of every field appears whole on a line, and every line fits."""
        for store in (bundled_store, sources_store):
            output = listing(store, kind, width)
            if kind == "actors":
                fields = [
                    text
                    for actor in store.actors.values()
                    for text in (actor.id, actor.name, actor.kind, actor.role)
                ]
            elif kind == "sources":
                fields = [
                    text
                    for source in store.sources.values()
                    for text in (
                        source.id,
                        source.title,
                        source.publisher,
                        source.published,
                        source.url or source.file,
                    )
                ]
            elif kind == "types":
                fields = [f"{t.id} {t.description}" for t in store.types.values()]
            else:
                fields = [tag for event in store.events for tag in event.tags]
            words = {word for text in fields for word in text.split()}
            shown = {word for line in output.splitlines() for word in line.split()}
            assert words - shown == set()
            assert max(len(line) for line in output.splitlines()) <= width
            assert not [line for line in output.splitlines() if line.endswith(" ")]


class TestGaps:
    """A line says how long it was where the next event starts a year or more after the
    previous one: in months under two years, else in whole years; "earlier" in reverse."""

    STORE = """\
[timeline]
title = "Gaps"

[types.talks]
color = "cyan"

[[events]]
id = "a"
date = "2000-01-05"
title = "First"
type = "talks"

[[events]]
id = "b"
date = "2000-12-20"
title = "Eleven months on"
type = "talks"

[[events]]
id = "c"
date = "2002-02-20"
title = "Fourteen months on"
type = "talks"

[[events]]
id = "d"
date = "2003-02-19"
title = "Not quite a year on"
type = "talks"

[[events]]
id = "e"
date = "2010"
title = "Six years on"
type = "talks"
"""

    def test_gap_lines(self, write_store: Callable[[str], Path]) -> None:
        store = load(write_store(self.STORE))
        output = render(store, Query())
        gaps = [line for line in output.splitlines() if "┆ " in line]
        assert gaps == [" ┆ 14 months later", " ┆ 6 years later"]
        reverse = render(store, Query(reverse=True))
        gaps = [line for line in reverse.splitlines() if "┆ " in line]
        assert gaps == [" ┆ 6 years earlier", " ┆ 14 months earlier"]

    def test_without_a_gap_the_rail_goes_on_to_the_next_year(
        self, write_store: Callable[[str], Path]
    ) -> None:
        """Two years apart by less than a year: one line of the rail between them."""
        store = load(write_store(self.STORE))
        lines = render(store, Query(), width=60).splitlines()
        heading = lines.index(" 2003  " + "─" * 53)
        assert lines[heading - 2 : heading + 2] == [
            " │ talks",
            " │",
            " 2003  " + "─" * 53,
            " ● 19 February 2003",
        ]


def test_styles_in_colour(small_store: Store) -> None:
    """Pinned to true colour: a year heading bold and reversed, a period's marker, date and
    rail in its type's colour (battle is red), a day's rail dim, the title bold, the rest dim,
    a gap's line dim and italic."""
    output = render(small_store, Query(types=("battle",)), color=True, width=60)
    assert output == (
        "\x1b[1mTest timeline\x1b[0m\n"
        "\x1b[2m2 events\x1b[0m\n"
        "\n"
        "\x1b[1;7m 1990 \x1b[0m \x1b[2m" + "─" * 53 + "\x1b[0m\n"
        "\x1b[31m ■\x1b[0m \x1b[1;31msince 1990\x1b[0m\n"
        "\x1b[31m ┃\x1b[0m \x1b[1mThe long war\x1b[0m\n"
        "\x1b[31m ┃\x1b[0m \x1b[2mbattle · ongoing · Northland, Southland\x1b[0m\n"
        "\x1b[2m ┆\x1b[0m\n"
        "\x1b[2m ┆\x1b[0m\x1b[2;3m 31 years later\x1b[0m\n"
        "\x1b[2m ┆\x1b[0m\n"
        "\x1b[1;7m 2021 \x1b[0m \x1b[2m" + "─" * 53 + "\x1b[0m\n"
        "\x1b[31m ●\x1b[0m \x1b[1;31mlate May 2021\x1b[0m\n"
        "\x1b[2m │\x1b[0m \x1b[1mA clash at the border\x1b[0m\n"
        "\x1b[2m │\x1b[0m \x1b[2mbattle · Northland\x1b[0m\n"
    )
