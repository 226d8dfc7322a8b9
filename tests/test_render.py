"""The terminal view: exact layout, context for periods, and data shown literally."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

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

1990
 ■ since 1990     The long war
                  battle · ongoing · Northland, Southland

2021
 ● 5 March 2021   A truce is signed
                  talks · Jana Ərəbova, Southland · Geneva
 ● mid-March 2021 Talks in March
                  talks · Southland
 ● late May 2021  A clash at the border
                  battle · Northland
"""
        )

    def test_periods_that_began_earlier_are_context(self, small_store: Store) -> None:
        """Asked about 2021, the war since 1990 is shown apart, as context, not as of 2021."""
        output = render(small_store, Query(years=(parse_year("2021"),), limit=2), details=True)
        assert output == (
            """\
Test timeline
2 of 4 matching events

Began before 2021  context: still under way or overlapping
 ■ since 1990   The long war
                battle · ongoing · Northland, Southland
                Source: “A report”, Agency, 2023-01-02,
                https://example.org/report
                Tags: background
                id: war

2021
 ● 5 March 2021 A truce is signed
                talks · Jana Ərəbova, Southland · Geneva
                Both sides sign.
                “We sign a treaty today.”
                Source: “A report”, Agency, 2023-01-02,
                https://example.org/report
                id: truce
"""
        )

    def test_a_view_from_a_day_names_it_in_english(self, small_store: Store) -> None:
        """A view that starts within a month heads its context with the day in words."""
        output = render(small_store, Query(start=date(2021, 3, 15), limit=1))
        assert output.splitlines()[3] == (
            "Began before 15 March 2021  context: still under way or overlapping"
        )

    def test_a_view_from_a_day_is_english_under_another_locale(
        self, small_store: Store, other_locale: str
    ) -> None:
        """The month is English whatever the locale: the view never asks the locale for it."""
        assert date(2021, 3, 1).strftime("%B") != "March"  # the locale is in effect
        output = render(small_store, Query(start=date(2021, 3, 15), limit=1))
        assert output.splitlines()[3] == (
            "Began before 15 March 2021  context: still under way or overlapping"
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
        assert "\n                “We sign,” he said\n" in output
        assert "\n                “a treaty today”\n" in output
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
        assert lines.count(" " * 16 + self.MORE) == 2  # the summary's and the note's
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

2023
 ● 25 May 2023       Talks in Aravus
                     incident · The army, The rebels · Aravus
 ◆ 20 September 2023 Soldiers killed in a clash near Aravus
                     incident · contested: date, actors, killed · The army ·
                     Aravus
"""
        )

    def test_details_list_each_account_under_its_source(self, accounts_store_path: Path) -> None:
        """An account shows what it says that differs: the talks' "late May" is shown, its
        "aravus" (the event's place) is not; a silent account shows its quotes alone."""
        assert render(load(accounts_store_path), Query(), details=True) == (
            """\
Two reports
2 events

2023
 ● 25 May 2023       Talks in Aravus
                     incident · The army, The rebels · Aravus
                     Source: “Report A”, Agency A, a.txt
                     Source: “Report B”, https://example.org/b
                       Date: late May 2023
                       “talks were held late in May”
                     id: talks
 ◆ 20 September 2023 Soldiers killed in a clash near Aravus
                     incident · contested: date, actors, killed · The army ·
                     Aravus
                     Figures: 5–6 killed: 6 according to a, 5 according to b;
                     10–15 injured
                     Source: “Report A”, Agency A, a.txt
                       “Six soldiers were killed near Aravus”
                     Source: “Report B”, https://example.org/b
                       Date: 19 September 2023
                       Actors: The army, The rebels
                       Figures: 5 killed
                       “five soldiers died”
                       Note: B counts one fewer.
                     id: clash
"""
        )

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
