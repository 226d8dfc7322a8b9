"""The command line: what each command prints, writes and exits with, including on bad input."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import REPO, SMALL_STORE
from timeline.cli import app
from timeline.store import load

Run = Callable[..., Result]


class TestShow:
    def test_shows_the_bundled_store_by_default(self, run: Run) -> None:
        result = run("show")
        assert result.exit_code == 0
        assert result.stdout.startswith(
            "Nagorno-Karabakh: the conflict as reported by TASS, 21 September 2023\n10 events\n"
        )
        for label in (
            "since 1988",
            "September 2020",
            "9 November 2020",
            "mid-March 2023",
            "17 May 2023",
            "late May 2023",
            "20 September 2023",
        ):
            assert label in result.stdout

    def test_store_option_and_environment(self, run: Run, small_store_path: Path) -> None:
        assert "Test timeline" in run("--store", str(small_store_path), "show").stdout
        env = {"TIMELINE_STORE": str(small_store_path)}
        assert "Test timeline" in run("show", env=env).stdout

    def test_local_events_toml_is_used(self, run: Run, tmp_path: Path) -> None:
        (tmp_path / "events.toml").write_text(SMALL_STORE, encoding="utf-8")
        assert run("show").stdout.startswith("Test timeline\n")

    def test_year_2023_shows_older_periods_as_context(self, run: Run) -> None:
        output = run("show", "--year", "2023").stdout
        context, _, year = output.partition("\n 2023  ─")
        assert "Began before 2023" in context and "since 1988" in context
        assert "since 1988" not in year and "mid-March 2023" in year

    def test_actor_russia_includes_putin_and_the_peacekeepers(self, run: Run) -> None:
        output = run("show", "--actor", "Russia").stdout
        assert "Trilateral agreements" in output  # Russia itself
        assert "Putin and Aliyev speak by telephone" in output  # Putin
        assert "Russian peacekeepers killed" in output  # the contingent
        assert "Intense conflict erupts" not in output

    def test_date_range(self, run: Run) -> None:
        output = run("show", "--from", "Sept 2020", "--to", "2020-12-31").stdout
        assert "September 2020" in output and "9 November 2020" in output
        assert "mid-March 2023" not in output

    def test_type_in_any_case(self, run: Run) -> None:
        assert run("show", "--type", "DIPLOMACY").stdout == run("show", "-t", "diplomacy").stdout

    def test_type_and_search(self, run: Run) -> None:
        output = run("show", "--type", "diplomacy", "--search", "treaty").stdout
        assert output.count("●") == 1 and "Aliyev apologises to Putin" in output

    def test_repeated_search_values_are_alternatives(self, run: Run) -> None:
        """Events that contain any of the texts, as for --actor; not only the last text."""
        output = run("show", "-q", "treaty", "--search", "REYKJAVIK").stdout
        assert output.count("●") + output.count("■") == 3
        assert "Trilateral agreements" in output and "Council of Europe summit" in output
        assert "Aliyev apologises to Putin" in output

    def test_a_one_day_range_and_numeric_dates_day_first(self, run: Run) -> None:
        """--from 9.11.2020 --to 9.11.2020 is that day; 11.09.2020 would be 11 September."""
        output = run("show", "--from", "9.11.2020", "--to", "9.11.2020").stdout
        assert "9 November 2020" in output and "September 2020" not in output

    def test_no_match_is_friendly_and_succeeds(self, run: Run) -> None:
        result = run("show", "--search", "no such words anywhere")
        assert (result.exit_code, result.stdout) == (0, "No events match these filters.\n")

    def test_an_empty_store_says_how_to_add_an_event(
        self, run: Run, write_store: Callable[..., Path]
    ) -> None:
        """A store without events says so and how to add one, filters or not; not that no
        event matches the filters. The command names the store as the user did."""
        path = write_store(
            '[timeline]\ntitle = "Empty"\n\n[types.talks]\ncolor = "cyan"\n', "my store.toml"
        )
        expected = (
            "my store.toml has no events yet. Add one with:\n"
            "  timeline --store 'my store.toml' add --date DATE --title TEXT --type TYPE\n"
            "or draft events from an article with `timeline extract`, then file them with\n"
            "`timeline add --from`.\n"
        )
        for filters in ([], ["--year", "2020", "--search", "x"]):
            result = run("--store", path.name, "show", *filters, env={"COLUMNS": "80"})
            assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
        # The command is never broken, to be copied whole.
        narrow = run("--store", path.name, "show", env={"COLUMNS": "40"}).stdout.splitlines()
        assert narrow[2] == (
            "  timeline --store 'my store.toml' add --date DATE --title TEXT --type TYPE"
        )
        result = run("show", env={"TIMELINE_STORE": path.name})
        assert result.stdout.startswith(
            f"{path.name} has no events yet. Add one with:\n"
            "  timeline add --date DATE --title TEXT --type TYPE\n"
        )
        result = run("--store", str(path), "export", "-f", "json")
        assert result.exit_code == 0 and json.loads(result.stdout)["events"] == []
        assert result.stderr == f"timeline: {path} has no events yet; writing an empty document\n"

    def test_details(self, run: Run) -> None:
        output = run("show", "--details", "--year", "1988").stdout
        assert "Baku and Yerevan have been embroiled" in output
        assert "Source: “Aliyev Offers Apology" in output

    def test_limit_and_reverse(self, run: Run) -> None:
        output = run("show", "-r", "-n", "1").stdout
        assert "1 of 10 matching events" in output and "20 or 21 September 2023" in output

    def test_colour_on_a_terminal_and_never_with_no_color(self, run: Run) -> None:
        """A terminal gets colour; with NO_COLOR it gets no colour, only bold and the like."""
        coloured = run("show", env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
        assert coloured.exit_code == 0 and "\x1b[" in coloured.stdout
        plain = run("show", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
        assert plain.exit_code == 0 and "Nagorno-Karabakh" in plain.stdout
        assert "\x1b[3" not in plain.stdout and "\x1b[9" not in plain.stdout
        assert "38;" not in plain.stdout

    def test_piped_output_is_plain(self, run: Run) -> None:
        """Output that is not a terminal's is text without any escape sequence."""
        result = run("show", "--details", "--year", "1988")
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout == (
            """\
Nagorno-Karabakh: the conflict as reported by TASS, 21 September 2023
1 event

 1988  ─────────────────────────────────────────────────────────────────────────────────────────────
 ■ since 1988 Baku and Yerevan in a territorial dispute over Nagorno-Karabakh
 ┃            conflict · ongoing · Azerbaijan, Armenia · Nagorno-Karabakh
 ┃            Azerbaijan and Armenia have been in a territorial dispute over Nagorno-Karabakh since
 ┃            1988; the article describes it as continuing at the time of writing.
 ┃            “Baku and Yerevan have been embroiled in a territorial dispute over Nagorno-Karabakh
 ┃            since 1988.”
 ┃            As written: since 1988
 ┃            Note: The end is open: the article says the parties "have been embroiled" in the
 ┃            dispute, so it was still going on when the article was published.
 ┃            Source: “Aliyev Offers Apology for the Death of Russian Peacekeepers in Karabakh”, GSV
 ┃            "Russia - Islamic World", based on materials from TASS, 2023-09-21,
 ┃            sources/2023-09-21-aliyev-apology-russian-peacekeepers.txt
 ┃            Tags: background, territory
 ┃            id: territorial-dispute-since-1988
"""
        )


class TestSourcesDisagree:
    """--contested and --source in every command that takes the query options."""

    def test_show_contested(self, run: Run, accounts_store_path: Path) -> None:
        result = run("--store", str(accounts_store_path), "show", "--contested")
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout.splitlines()[1:] == [
            "1 event",
            "",
            " 2023  " + "─" * 93,
            " ◆ 20 September 2023 Soldiers killed in a clash near Aravus",
            " │                   incident · contested: date, actors, killed · The army · Aravus",
        ]

    def test_export_and_listings_take_the_filters(
        self, run: Run, accounts_store_path: Path
    ) -> None:
        store = ("--store", str(accounts_store_path))
        exported = run(*store, "export", "-f", "json", "--contested", "--source", "B")
        assert exported.exit_code == 0
        assert [event["id"] for event in json.loads(exported.stdout)["events"]] == ["clash"]
        listed = run(*store, "actors", "--contested").stdout.splitlines()
        assert [line.split()[0] for line in listed[1:]] == ["army", "rebels"]
        # The rebels are named by an account, not by the event's reading: not counted.
        assert [line.split()[-1] for line in listed[1:]] == ["1", "0"]

    def test_source_in_the_bundled_store(self, run: Run) -> None:
        everything = run("show", "--all").stdout
        cited = run("show", "--all", "--source", "tass-2023-09-21").stdout
        assert cited == everything and "10 events" in cited
        assert run("show", "--contested").stdout == "No events match these filters.\n"


class TestExport:
    def test_output_onto_a_fifo_or_device_is_refused(self, run: Run, tmp_path: Path) -> None:
        """-o replaces regular files only: a FIFO stays a FIFO, and - is standard output."""
        pipe = tmp_path / "pipe"
        os.mkfifo(pipe)
        result = run("export", "--format", "json", "-o", str(pipe))
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            f"timeline: {pipe}: cannot write: it is not a regular file; "
            "give - to write to standard output\n"
        )
        assert stat.S_ISFIFO(pipe.lstat().st_mode)

    def test_markdown_to_stdout_by_default(self, run: Run) -> None:
        result = run("export")
        assert result.exit_code == 0
        assert result.stdout.startswith("# Nagorno-Karabakh: the conflict as reported by TASS")

    def test_format_from_extension(self, run: Run, tmp_path: Path) -> None:
        result = run("export", "-o", "karabakh.json")
        assert result.exit_code == 0
        assert result.stderr == "timeline: wrote 10 events to karabakh.json (json)\n"
        data = json.loads((tmp_path / "karabakh.json").read_text(encoding="utf-8"))
        assert len(data["events"]) == 10

    def test_one_event_or_draft_is_counted_in_the_singular(self, run: Run) -> None:
        result = run("export", "-o", "one.json", "--limit", "1")
        assert (result.exit_code, result.stderr) == (
            0,
            "timeline: wrote 1 event to one.json (json)\n",
        )
        article = "21 September 2023\n\nThe talks were held on 20 September 2023.\n"
        result = run("extract", "-", "-o", "draft.toml", input=article)
        assert (result.exit_code, result.stderr) == (0, "timeline: wrote 1 draft to draft.toml\n")

    def test_markdown_file_with_filters(self, run: Run, tmp_path: Path) -> None:
        assert run("export", "--format", "markdown", "-o", "k.md", "--year", "2020").exit_code == 0
        text = (tmp_path / "k.md").read_text(encoding="utf-8")
        assert "## 2020" in text and "## 2023" not in text

    def test_explicit_format_beats_extension(self, run: Run, tmp_path: Path) -> None:
        """--format json with -o out.md writes JSON into out.md."""
        result = run("export", "--format", "json", "-o", "out.md")
        assert (result.exit_code, result.stdout) == (0, "")
        assert result.stderr == "timeline: wrote 10 events to out.md (json)\n"
        data = json.loads((tmp_path / "out.md").read_text(encoding="utf-8"))
        assert (data["format"], len(data["events"])) == ("timeline", 10)

    def test_unknown_extension_is_a_usage_error(self, run: Run, tmp_path: Path) -> None:
        result = run("export", "-o", "out.txt")
        assert result.exit_code == 2
        assert "cannot tell the format from '.txt'" in result.stderr
        assert not (tmp_path / "out.txt").exists()

    def test_unwritable_output_is_an_error_and_leaves_nothing(
        self, run: Run, tmp_path: Path
    ) -> None:
        result = run("export", "-o", "missing/out.md")
        assert result.exit_code == 1
        assert result.stderr.startswith("timeline: missing/out.md: cannot write:")

    def test_never_overwrites_the_store(self, run: Run, tmp_path: Path) -> None:
        store = tmp_path / "events.toml"
        store.write_text(SMALL_STORE, encoding="utf-8")
        result = run("export", "--format", "json", "-o", "events.toml")
        assert result.exit_code == 2
        assert "is the store being read" in result.stderr
        assert store.read_text(encoding="utf-8") == SMALL_STORE

    def test_empty_selection_writes_an_empty_document(self, run: Run) -> None:
        result = run("export", "-f", "json", "--search", "zzzz")
        assert result.exit_code == 0 and json.loads(result.stdout)["events"] == []
        assert "no events match" in result.stderr


class TestFormats:
    def test_lists_formats_with_their_names_and_extensions(self, run: Run) -> None:
        """Each format with every name --format takes, the extensions that select it, and
        what it is; a format that no extension selects, with the option that asks for it."""
        assert run("formats").stdout == (  # COLUMNS=100: each description in its column
            "csv                   .csv                    one row per event, for spreadsheets (formula injection\n"
            "                                              neutralised)\n"
            "geojson               .geojson                the events that have coordinates, as an RFC 7946\n"
            "                                              FeatureCollection (QGIS)\n"
            "html, htm             .html, .htm             one self-contained page to publish: a vertical\n"
            "                                              timeline with type colours\n"
            "ical, ics, icalendar  .ics, .ical             a calendar (RFC 5545): one all-day event per event,\n"
            "                                              spanning its dates\n"
            "json                  .json                   every field, with earliest/latest days, precision and\n"
            "                                              label (documented)\n"
            "markdown, md          .md, .markdown          a document to publish: events by year with summaries,\n"
            "                                              quotes and sources\n"
            "mermaid, mmd          .mmd, .mermaid          a Mermaid timeline diagram (sections by year), as\n"
            "                                              GitHub renders it\n"
            "parquet               .parquet                one row per event in typed columns, for DuckDB, pandas\n"
            "                                              and Polars (pyarrow)\n"
            "sqlite, db            .db, .sqlite, .sqlite3  a SQLite database with full-text search, for\n"
            "                                              Datasette, sqlite3 and pandas\n"
            "timelinejs                                    the JSON that Knight Lab's TimelineJS3 loads (--format\n"
            "                                              timelinejs)\n"
        )

    def test_formats_on_a_narrow_terminal_are_blocks(
        self, run: Run, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("COLUMNS", "60")
        lines = run("formats").stdout.splitlines()
        assert max(map(len, lines)) <= 60
        assert lines[:4] == [
            "csv",
            "  .csv",
            "  one row per event, for spreadsheets (formula injection",
            "  neutralised)",
        ]

    @pytest.mark.parametrize(
        ("alias", "name"),
        [("ics", "ical"), ("icalendar", "ical"), ("md", "markdown"), ("HTM", "html")],
    )
    def test_export_takes_an_alias(self, run: Run, alias: str, name: str) -> None:
        """--format ics writes what --format ical writes (but the moment it is written)."""
        by_alias = run("export", "--format", alias)
        assert by_alias.exit_code == 0

        def unstamped(text: str) -> str:
            return re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP", text)

        by_name = run("export", "--format", name).stdout
        assert unstamped(by_alias.stdout) == unstamped(by_name) != ""

    def test_an_alias_writes_a_file_and_names_the_format(self, run: Run, tmp_path: Path) -> None:
        result = run("export", "-f", "ics", "-o", str(tmp_path / "out.txt"))
        assert result.exit_code == 0
        assert result.stderr == f"timeline: wrote 10 events to {tmp_path / 'out.txt'} (ical)\n"
        assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


class TestErrors:
    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (
                ["show", "--actor", "Putn"],
                "timeline: --actor 'Putn': no such actor (did you mean 'Putin'?)",
            ),
            (
                ["show", "--type", "diplomcy"],
                "timeline: --type 'diplomcy': no such type (did you mean 'diplomacy'?)",
            ),
            (
                ["show", "--year", "20x3"],
                "timeline: --year '20x3': expected a year such as 2023 or a span such as 2020-2023",
            ),
            (
                ["show", "--from", "Sept 27"],
                "timeline: --from 'Sept 27': it has no year; write it with one, such as 'Sept 2020'",
            ),
            (
                ["export", "--format", "pdf"],
                "timeline: --format 'pdf': no such format; known: csv, geojson, html, ical, json, markdown, mermaid, parquet, sqlite, timelinejs",
            ),
            (
                ["show", "--type", "DIPLOMACI"],
                "timeline: --type 'DIPLOMACI': no such type (did you mean 'diplomacy'?)",
            ),
            (
                ["show", "--tag", "Peacekeeper"],
                "timeline: --tag 'Peacekeeper': no such tag (did you mean 'peacekeepers'?)",
            ),
            (
                ["export", "--tag", "summit", "--tag", "zzz"],
                "timeline: --tag 'zzz': no such tag; known: background, casualties, ceasefire, humanitarian, meeting, peace-treaty, peacekeepers, phone-call, sovereignty, summit, territory, trilateral, war",
            ),
            (
                ["show", "--actor", "zzzz"],
                "timeline: --actor 'zzzz': no such actor; known: Aliyev, Armenia, Azerbaijan, Baku, Council of Europe, Ilham Aliyev, Kremlin, Nikol Pashinyan, Pashinyan, Putin, RPC, Republic of Azerbaijan, … (and 15 more)",
            ),
            (
                ["export", "-f", "jsn"],
                "timeline: --format 'jsn': no such format (did you mean 'json'?)",
            ),
            (
                ["export", "-o", "out.txt"],
                "timeline: -o 'out.txt': cannot tell the format from '.txt' (known: .csv, .geojson, .html, .htm, .ics, .ical, .json, .md, .markdown, .mmd, .mermaid, .parquet, … (and 3 more)); give --format",
            ),
            (
                ["show", "--from", "0000"],
                "timeline: --from '0000': there is no year 0",
            ),
            (
                ["show", "--from", "31.02.2020"],
                "timeline: --from '31.02.2020': February 2020 has no day 31",
            ),
            (
                ["show", "--to", "2020-02-30"],
                "timeline: --to '2020-02-30': February 2020 has no day 30",
            ),
            (
                ["show", "--from", "10.11.20"],
                "timeline: --from '10.11.20': write it as 2020-11-10 or 10.11.2020 (day, month, year)",
            ),
            (
                ["show", "--from", "2020", "--from", "2021"],
                "timeline: --from given 2 times ('2020', '2021'); give it once",
            ),
            (
                ["export", "--to", "2020", "--year", "2020", "--to", "Sept 2021"],
                "timeline: --to given 2 times ('2020', 'Sept 2021'); give it once",
            ),
            (
                ["show", "--source", "TASS-2023-09-12"],
                "timeline: --source 'TASS-2023-09-12': no such source (did you mean 'tass-2023-09-21'?)",
            ),
            (
                ["actors", "--source", "nope"],
                "timeline: --source 'nope': no such source; known: tass-2023-09-21",
            ),
            (
                ["show", "--from", "2021", "--to", "2020"],
                "timeline: --from '2021' is after --to '2020'; give the earlier date first",
            ),
            (
                ["actors", "--from", "10.11.2020", "--to", "9 November 2020"],
                "timeline: --from '10.11.2020' is after --to '9 November 2020'; give the earlier date first",
            ),
            (
                ["info", "no-such-event"],
                "timeline: no event 'no-such-event'; known: conflict-erupts-2020-09, peacekeepers-deployed-2020, peacekeepers-killed-2023-09-20, putin-aliyev-call-2023-03, putin-aliyev-call-2023-09, putin-aliyev-meeting-2023-05, reykjavik-summit-2023-05-17, territorial-dispute-since-1988, trilateral-agreements-2020-2022, trilateral-statement-2020-11-09",
            ),
        ],
    )
    def test_bad_option_values_exit_2_with_one_line(
        self, run: Run, args: list[str], message: str
    ) -> None:
        """A bad value is one line naming the option that gave it, then a pointer to help;
        the exit status is 2. Names are suggested whatever their case; a long list of known
        names says how many it leaves out."""
        result = run(*args)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[0] == message
        assert "Traceback" not in result.stderr

    def test_bad_option_type_exits_2(self, run: Run) -> None:
        assert run("show", "--limit", "x").exit_code == 2
        assert run("show", "--limit", "0").exit_code == 2
        assert run("show", "--nope").exit_code == 2

    def test_missing_store_exits_1_and_says_how_to_start_it(self, run: Run, tmp_path: Path) -> None:
        """A store that is not there: one line, with the command that starts it (quoted for
        the shell), whichever way it was named and whatever the command; exit status 1."""
        hint = "start a store there with `timeline init nope.toml`"
        result = run("--store", "nope.toml", "show")
        assert (result.exit_code, result.stdout, result.stderr) == (
            1,
            "",
            f"timeline: nope.toml: no such file; {hint}\n",
        )
        named = run("show", env={"TIMELINE_STORE": "my store.toml"})
        assert (named.exit_code, named.stderr) == (
            1,
            "timeline: my store.toml: no such file; start a store there with "
            "`timeline init 'my store.toml'`\n",
        )
        added = run("--store", "nope.toml", "add", "--date", "2023", "--title", "T", "-t", "x")
        assert (added.exit_code, added.stderr) == (
            1,
            f"timeline: nope.toml: no such file; {hint}\n",
        )
        checked = run("--store", "nope.toml", "check")
        assert (checked.exit_code, checked.stdout) == (
            1,
            f"nope.toml: no such file; {hint}\nnope.toml: 0 events, 1 error, 0 warnings\n",
        )
        assert not (tmp_path / "nope.toml").exists()

    def test_no_hint_where_init_could_not_start_the_store(
        self, run: Run, write_store: Callable[[str], Path], tmp_path: Path
    ) -> None:
        """In a folder that is not there, init cannot write the file: no hint. Nor for a
        missing file that is not the store (a draft file)."""
        result = run("--store", "gone/nope.toml", "show")
        assert (result.exit_code, result.stderr) == (1, "timeline: gone/nope.toml: no such file\n")
        path = write_store(SMALL_STORE)
        drafts = run("--store", str(path), "add", "--from", "drafts.toml")
        assert (drafts.exit_code, drafts.stderr) == (1, "timeline: drafts.toml: no such file\n")

    def test_broken_store_lists_every_problem(
        self, run: Run, write_store: Callable[[str], Path]
    ) -> None:
        text = SMALL_STORE.replace('type = "talks"', 'type = "tlaks"')
        path = write_store(text, "b.toml")
        first, second = [n for n, line in enumerate(text.splitlines(), 1) if "tlaks" in line]
        result = run("--store", str(path), "export")
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.splitlines() == [
            f"timeline: {path}:{first}:1: event truce: type: unknown type 'tlaks' (did you mean 'talks'?)",
            f"timeline: {path}:{second}:1: event talks: type: unknown type 'tlaks' (did you mean 'talks'?)",
        ]

    def test_error_messages_show_data_literally(
        self, run: Run, write_store: Callable[[str], Path]
    ) -> None:
        path = write_store(SMALL_STORE.replace('type = "talks"', 'type = "\\u001b[2J"'), "b.toml")
        result = run("--store", str(path), "show")
        assert result.exit_code == 1
        assert "\x1b" not in result.stderr and "'\\x1b[2J'" in result.stderr


def cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "TIMELINE_STORE"}
    environment.update(env or {})
    environment["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


class TestProcess:
    def test_python_m_timeline_from_another_folder(self, tmp_path: Path) -> None:
        result = cli("show", "--year", "1988", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "since 1988" in result.stdout

    def test_help_and_version(self, tmp_path: Path) -> None:
        assert "Usage: timeline [OPTIONS] COMMAND" in cli("--help", cwd=tmp_path).stdout
        assert cli("--version", cwd=tmp_path).stdout == "timeline 0.1.0\n"

    def test_closed_pipe_is_not_an_error(self, tmp_path: Path) -> None:
        environment = dict(os.environ, PYTHONPATH=str(REPO))
        process = subprocess.Popen(
            [sys.executable, "-m", "timeline", "export", "-f", "json"],
            cwd=tmp_path,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()
        assert process.wait(timeout=60) == 0
        assert b"Traceback" not in process.stderr.read()

    def test_a_terminal_without_unicode_gets_escapes(self, tmp_path: Path) -> None:
        """PYTHONIOENCODING=ascii: what ASCII cannot show is printed as an escape, not fatal."""
        result = cli("show", "--year", "1988", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
        assert (result.returncode, result.stderr) == (0, "")
        assert " \\u25a0 since 1988 " in result.stdout

    def test_bytes_that_are_not_utf8_in_an_option(self, small_store_path: Path) -> None:
        """A title with a byte that is not UTF-8 is refused as bad usage, naming the option."""
        environment = dict(os.environ, PYTHONPATH=str(REPO))
        command = [sys.executable, "-m", "timeline", "--store", str(small_store_path), "add"]
        result = subprocess.run(
            [*command, "--date", "2022", "--type", "talks", "--title", b"bad\xff"],
            env=environment,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 2
        assert result.stderr == (
            b"timeline: --title: not UTF-8 text (byte 0xff)\nTry 'timeline add --help' for help.\n"
        )
        assert small_store_path.read_text(encoding="utf-8") == SMALL_STORE


class TestCheck:
    def test_clean_store_exits_0(self, run: Run) -> None:
        result = run("check")
        assert result.exit_code == 0
        assert result.stdout.endswith("events.toml: 10 events, 0 errors, 0 warnings\n")

    def test_problems_then_summary_exit_1(self, run: Run, write_store: Callable[..., Path]) -> None:
        path = write_store(SMALL_STORE.replace('type = "talks"', 'type = "talk"', 1), "b.toml")
        result = run("--store", str(path), "check")
        assert result.exit_code == 1
        lines = result.stdout.splitlines()
        assert "event truce: type: unknown type 'talk'" in lines[0]
        assert lines[-1] == f"{path}: 4 events, 1 error, 0 warnings"

    def test_warnings_alone_exit_0(self, run: Run, write_store: Callable[..., Path]) -> None:
        path = write_store(SMALL_STORE + '\n[actors.spare]\nname = "Spare"\n', "w.toml")
        result = run("--store", str(path), "check")
        assert result.exit_code == 0 and "warning: actor 'spare'" in result.stdout


class TestAdd:
    def test_adds_an_event_with_a_derived_id(self, run: Run, small_store_path: Path) -> None:
        result = run(
            "--store",
            str(small_store_path),
            "add",
            "--date",
            "late 2022-06",
            "--title",
            "Talks resume",
            "--type",
            "talks",
            "--actor",
            "north",
            "--source",
            "report",
            "--tag",
            "talks",
            "--summary",
            "They talk.",
        )
        assert result.exit_code == 0, result.stderr
        assert (
            result.stderr
            == f"timeline: added event late-2022-06-talks-resume to {small_store_path}\n"
        )
        info = run("--store", str(small_store_path), "info", "late-2022-06-talks-resume")
        assert "late June 2022  Talks resume" in info.stdout

    def test_dry_run_prints_the_toml(self, run: Run, small_store_path: Path) -> None:
        before = small_store_path.read_text(encoding="utf-8")
        result = run(
            "--store",
            str(small_store_path),
            "add",
            "--dry-run",
            "--date",
            "2022",
            "--title",
            "X",
            "--type",
            "talks",
            "--id",
            "x",
        )
        assert result.stdout == '[[events]]\nid = "x"\ndate = "2022"\ntitle = "X"\ntype = "talks"\n'
        assert small_store_path.read_text(encoding="utf-8") == before

    def test_figures_are_written_as_a_table(self, run: Run, small_store_path: Path) -> None:
        result = run(
            "--store", str(small_store_path), "add", "--dry-run", "--date", "2022", "--title",
            "X", "--type", "battle", "--id", "x", "--figure", "killed=6", "--figure",
            "injured=10–15",
        )  # fmt: skip
        assert (result.exit_code, result.stdout) == (
            0,
            '[[events]]\nid = "x"\ndate = "2022"\ntitle = "X"\ntype = "battle"\n'
            "figures = { killed = 6, injured = { low = 10, high = 15 } }\n",
        )

    def test_a_figure_that_is_no_count_is_a_usage_error(
        self, run: Run, small_store_path: Path
    ) -> None:
        result = run(
            "--store", str(small_store_path), "add", "--date", "2022", "--title", "X",
            "--type", "battle", "--figure", "killed=six",
        )  # fmt: skip
        assert (result.exit_code, result.stderr) == (
            2,
            "timeline: --figure 'killed=six': expected NAME=COUNT: killed=6, injured=10-15, "
            "killed=5-6-8 or killed=100+\nTry 'timeline add --help' for help.\n",
        )

    def test_bad_event_gets_the_check_lines(self, run: Run, small_store_path: Path) -> None:
        before = small_store_path.read_text(encoding="utf-8")
        result = run(
            "--store",
            str(small_store_path),
            "add",
            "--date",
            "2022-02-30",
            "--title",
            "X",
            "--type",
            "talks",
            "--end",
            "2022-13",
        )
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert lines[0].endswith("date: '2022-02-30': February 2022 has no day 30")
        assert lines[1].endswith("end: '2022-13': there is no month 13")
        assert small_store_path.read_text(encoding="utf-8") == before

    @pytest.mark.parametrize(
        ("options", "named"),
        [
            (("--title", "A day"), "event titled 'A day'"),
            (("--title", "A day", "--id", "a-day"), "event a-day"),
        ],
    )
    def test_an_event_whose_date_cannot_be_read_is_named_by_its_title_or_id(
        self, run: Run, small_store_path: Path, options: tuple[str, ...], named: str
    ) -> None:
        """Not by an id made of the date that cannot be read ("event 10-11-20-a-day")."""
        add = ("--store", str(small_store_path), "add", "--type", "talks", *options)
        result = run(*add, "--date", "10-11-20", "--end", "2022-13")
        assert (result.exit_code, result.stderr) == (
            1,
            f"timeline: {small_store_path}: {named}: date: '10-11-20' is not a date: expected "
            'YYYY, YYYY-MM or YYYY-MM-DD, optionally after early/mid/late ("mid 2023-03") or '
            "followed by ~ (about), ? (uncertain) or % (both), or [FIRST..LAST] for one day "
            "between two dates\n"
            f"timeline: {small_store_path}: {named}: end: '2022-13': there is no month 13\n",
        )
        readable = run(*add, "--date", "2022-03", "--end", "2022-13")
        assert readable.stderr == (
            f"timeline: {small_store_path}: event {'a-day' if '--id' in options else '2022-03-a-day'}"
            ": end: '2022-13': there is no month 13\n"
        )

    def test_missing_fields_without_a_terminal_are_a_usage_error(
        self, run: Run, small_store_path: Path
    ) -> None:
        result = run("--store", str(small_store_path), "add", "--title", "X")
        assert result.exit_code == 2
        assert result.stderr.startswith("timeline: missing --date, --type")

    def test_missing_fields_are_asked_on_a_terminal(
        self, run: Run, small_store_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr("timeline.cli._interactive", lambda: True)
        result = CliRunner().invoke(
            app,
            ["--store", str(small_store_path), "add", "--title", "Asked"],
            input="2022-03\nnot-a-type\ntalks\n\n",
        )
        assert result.exit_code == 0, result.output
        assert "added event 2022-03-asked" in result.stderr

    def test_each_answer_is_checked_as_it_is_typed(
        self, run: Run, small_store_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr("timeline.cli._interactive", lambda: True)
        answers = [
            "2022-02-30", "2022-03",  # an impossible day, asked again at once
            "", "Asked",
            "talk", "TALKS",  # any case, as the store spells it
            "zzz", "Capital City, leader",  # an alias, an id
        ]  # fmt: skip
        result = run("--store", str(small_store_path), "add", input="\n".join(answers) + "\n")
        assert result.exit_code == 0, result.output
        date = "Date (2023-05-17, 2020-09, 'late 2023-05', 1988): "
        kinds = "Type (battle, talks): "
        actors = (
            "Actors, separated by commas (Jana Ərəbova, Northland, Southland; Enter for none): "
        )
        assert result.stderr == (
            f"{date}  '2022-02-30': February 2022 has no day 30; try again\n"
            f"{date}Title:   every event needs a title; try again\n"
            f"Title: {kinds}  no type 'talk' (did you mean 'talks'?); try again\n"
            f"{kinds}{actors}  no actor 'zzz'; known: Capital City, Jana Ərəbova, Northland, "
            "Southland, leader, north, south; try again\n"
            f"{actors}timeline: added event 2022-03-asked to {small_store_path}\n"
        )
        added = tomllib.loads(small_store_path.read_text(encoding="utf-8"))["events"][-1]
        assert added == {
            "id": "2022-03-asked",
            "date": "2022-03",
            "title": "Asked",
            "type": "talks",
            "actors": ["north", "leader"],
        }

    def test_input_that_ends_before_an_answer_is_a_usage_error(
        self, run: Run, small_store_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr("timeline.cli._interactive", lambda: True)
        before = small_store_path.read_bytes()
        result = run("--store", str(small_store_path), "add", "--title", "X", input="soon\n")
        assert result.exit_code == 2
        assert "timeline: no answer for --date\n" in result.stderr
        assert small_store_path.read_bytes() == before

    def test_actors_by_name_and_alias_are_written_as_ids(
        self, run: Run, small_store_path: Path
    ) -> None:
        event = ("--date", "2022", "--title", "X", "--type", "talks", "--id", "x", "--dry-run")
        result = run(
            "--store", str(small_store_path), "add", *event,
            "-a", "capital city", "--actor", "JANA ƏRƏBOVA", "--actor", "south",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert 'actors = [\n    "north",\n    "leader",\n    "south",\n]\n' in result.stdout
        unknown = run("--store", str(small_store_path), "add", *event, "--actor", "Nordland")
        assert unknown.exit_code == 2
        assert unknown.stderr.startswith(
            "timeline: --actor 'Nordland': no such actor (did you mean 'Northland'?)\n"
        )

    @pytest.mark.parametrize(
        ("option", "stderr"),
        [
            (
                ("--type", "nope"),
                "timeline: --type 'nope': no such type; known: battle, talks\n",
            ),
            (
                ("--type", "talk"),
                "timeline: --type 'talk': no such type (did you mean 'talks'?)\n",
            ),
            (
                ("--type", "talks", "--source", "ghost"),
                "timeline: --source 'ghost': no such source; known: report\n",
            ),
            (
                ("--type", "talks", "--source", "reprot"),
                "timeline: --source 'reprot': no such source (did you mean 'report'?)\n",
            ),
        ],
    )
    def test_an_undeclared_type_or_source_is_a_usage_error_as_an_actor_is(
        self, run: Run, small_store_path: Path, option: tuple[str, ...], stderr: str
    ) -> None:
        before = small_store_path.read_bytes()
        result = run(
            "--store", str(small_store_path), "add", "--date", "2022", "--title", "X", *option
        )
        assert (result.exit_code, result.stderr) == (
            2,
            stderr + "Try 'timeline add --help' for help.\n",
        )
        assert small_store_path.read_bytes() == before

    def test_a_type_and_source_are_written_as_their_ids(
        self, run: Run, small_store_path: Path
    ) -> None:
        event = ("--date", "2022", "--title", "X", "--id", "x", "--dry-run")
        result = run(
            "--store", str(small_store_path), "add", *event, "--type", "TALKS", "--source", "Report"
        )
        assert (result.exit_code, result.stderr) == (0, "")
        assert 'type = "talks"\nsources = [\n    "report",\n]\n' in result.stdout

    def test_an_event_the_store_has_is_refused(self, run: Run, small_store_path: Path) -> None:
        before = small_store_path.read_bytes()
        truce = ("--date", "2021-03-05", "--title", "A truce is signed", "--type", "talks")
        result = run("--store", str(small_store_path), "add", *truce)
        assert result.exit_code == 1
        assert result.stderr == (
            "timeline: already in the store as event truce (same date and title): not added; "
            "--allow-duplicate adds it anyway\n"
        )
        assert small_store_path.read_bytes() == before
        allowed = run("--store", str(small_store_path), "add", *truce, "--allow-duplicate")
        assert allowed.exit_code == 0, allowed.output
        assert "added event 2021-03-05-a-truce-is-signed" in allowed.stderr

    def test_the_bundled_store_is_not_changed(self, run: Run) -> None:
        result = run("add", "--date", "2022", "--title", "X", "--type", "conflict")
        assert result.exit_code == 2
        assert "the bundled store is part of the installed package" in result.stderr


class TestInfoAndListings:
    def test_info_shows_everything(self, run: Run) -> None:
        output = run("info", "putin-aliyev-call-2023-03").stdout
        for text in (
            "mid-March 2023  Putin and Aliyev speak by telephone",
            "as written: in mid-March of this year",
            "Vladimir Putin — President of Russia, part of Russia",
            "“The previous telephone conversation",
            "Note: The year is inferred",
        ):
            assert text in output

    def test_info_unknown_id_suggests(self, run: Run) -> None:
        result = run("info", "putin-aliyev-call-2023-3")
        assert result.exit_code == 2
        assert "did you mean 'putin-aliyev-call-2023-03'" in result.stderr

    def test_actors_with_counts_in_the_selection(self, run: Run) -> None:
        rows = {
            line.split()[0]: line.split()[-1]
            for line in run("actors").stdout.splitlines()[1:]
            if line and not line.startswith(" ")
        }
        assert rows["putin"] == "4" and rows["council-of-europe"] == "1"

    def test_an_actor_counts_the_events_actor_finds(self, run: Run) -> None:
        """Russia is named by no event of 2023, but its president and its peacekeepers are:
        its count is the 5 events `show --actor russia --year 2023` lists."""
        result = run("actors", "--year", "2023")
        assert (result.exit_code, result.stderr) == (0, "")
        # Each column as wide as its longest word at least, the rest of the line shared out.
        assert result.stdout == (
            """\
id                    name                kind          role                      part of     events
russia                Russia              state                                                    5
azerbaijan            Azerbaijan          state                                                    4
armenia               Armenia             state                                                    2
putin                 Vladimir Putin      person        President of Russia       Russia           3
aliyev                Ilham Aliyev        person        President of Azerbaijan   Azerbaijan       3
pashinyan             Nikol Pashinyan     person        Prime Minister of         Armenia          1
                                                        Armenia
russian-peacekeepers  Russian             force         Russian peacekeepers in   Russia           2
                      peacekeeping                      Nagorno-Karabakh
                      contingent
council-of-europe     Council of Europe   organisation                                             1
"""
        )
        assert "\n5 events\n" in run("show", "--actor", "russia", "--year", "2023").stdout

    def test_types_and_sources(self, run: Run) -> None:
        types = run("types").stdout
        assert "● diplomacy" in types and types.splitlines()[0].split() == [
            "type",
            "description",
            "events",
        ]
        assert "tass-2023-09-21" in run("sources").stdout

    def test_listings_show_data_literally(self, run: Run, write_store: Callable[..., Path]) -> None:
        path = write_store(
            SMALL_STORE.replace('"Northland"', '"[red]North\\u001b[2J:warning:"'), "h.toml"
        )
        output = run(
            "--store", str(path), "actors", env={"FORCE_COLOR": "1", "COLUMNS": "200"}
        ).stdout
        assert "\x1b[2J" not in output and "[red]North\\x1b[2J:warning:" in output


class TestMoreFormats:
    @pytest.mark.parametrize(
        ("name", "start"),
        [
            ("k.csv", "id,date,end,"),
            ("k.ics", "BEGIN:VCALENDAR\r\n"),
            ("k.html", "<!DOCTYPE html>"),
            ("k.mmd", "timeline\n"),
        ],
    )
    def test_format_from_extension(self, run: Run, tmp_path: Path, name: str, start: str) -> None:
        assert run("export", "-o", name).exit_code == 0
        assert (tmp_path / name).read_bytes().decode("utf-8").startswith(start)

    def test_timelinejs_by_name(self, run: Run, tmp_path: Path) -> None:
        assert run("export", "--format", "timelinejs", "-o", "tl.json").exit_code == 0
        assert "scale" in json.loads((tmp_path / "tl.json").read_text(encoding="utf-8"))

    def test_filters_apply_to_every_format(self, run: Run) -> None:
        output = run("export", "-f", "csv", "--year", "1988").stdout_bytes
        assert output.count(b"\r\n") == 2  # the header and the dispute since 1988

    def test_mermaid_in_markdown(self, run: Run) -> None:
        assert "```mermaid\ntimeline\n" in run("export", "--mermaid").stdout
        result = run("export", "-f", "json", "--mermaid")
        assert result.exit_code == 2 and "--mermaid goes with --format markdown" in result.stderr

    def test_show_svg(self, run: Run, tmp_path: Path) -> None:
        result = run("show", "--svg", "view.svg", "--year", "2023")
        assert result.exit_code == 0 and result.stdout == ""
        picture = (tmp_path / "view.svg").read_text(encoding="utf-8")
        assert picture.startswith("<svg") and "late&#160;May&#160;2023" in picture


class TestBigStores:
    @pytest.fixture
    def many(self, write_store: Callable[..., Path]) -> Path:
        events = "".join(
            f'\n[[events]]\nid = "e{n}"\ndate = "{2000 + n // 12:04d}-{n % 12 + 1:02d}"\n'
            f'title = "Event {n}"\ntype = "talks"\nsources = ["report"]\n'
            for n in range(250)
        )
        return write_store(SMALL_STORE + events, "many.toml")

    def test_show_stops_at_200_and_says_how_to_see_more(self, run: Run, many: Path) -> None:
        output = run("--store", str(many), "show").stdout
        assert "200 of 254 matching events" in output
        assert output.count("●") + output.count("■") == 200
        assert "Event 249" in output and "Event 10 " not in output  # the latest are kept
        assert output.endswith(
            "… and 54 older events not shown: --all shows every event, --limit N the first N,"
            " --year or\n--from/--to a period.\n"
        )

    def test_all_and_limit(self, run: Run, many: Path) -> None:
        output = run("--store", str(many), "show", "--all").stdout
        assert output.count("●") + output.count("■") == 254 and "not shown" not in output
        output = run("--store", str(many), "show", "--limit", "3").stdout
        assert output.count("●") + output.count("■") == 3 and "not shown" not in output

    def test_no_cache_option(
        self, run: Run, many: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
        assert run("--no-cache", "--store", str(many), "show", "-n", "1").exit_code == 0
        assert list(private_cache.iterdir()) == []
        assert run("--store", str(many), "show", "-n", "1").exit_code == 0
        assert len(list(private_cache.iterdir())) == 1


ARTICLE_TEXT = """\
Talks resume on the border

The two sides met on 3 May 2021 in Tbilisi, officials said.

Fighting broke out near the border in late June 2021.
"""


class TestExtract:
    def test_drafts_toml_from_a_file(self, run: Run, small_store_path: Path) -> None:
        article = small_store_path.parent / "article.txt"
        article.write_text(ARTICLE_TEXT, encoding="utf-8")
        result = run(
            "--store", str(small_store_path), "extract", str(article), "--published", "2021-07-01"
        )
        assert result.exit_code == 0, result.output
        document = tomllib.loads(result.stdout)
        assert [e["when"] for e in document["events"]] == ["on 3 May 2021", "in late June 2021"]
        (source,) = document["sources"].values()
        assert source["file"] == "article.txt"  # relative to the store's folder

    def test_reads_standard_input_and_writes_json(self, run: Run, small_store_path: Path) -> None:
        result = run(
            "--store", str(small_store_path), "extract", "-", "--published", "2021-07-01",
            "--format", "json", input=ARTICLE_TEXT,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        document = json.loads(result.stdout)
        assert [e["date"] for e in document["events"]] == ["2021-05-03", "late 2021-06"]
        assert "file" not in {k for k, v in document["source"].items() if v}

    def test_without_a_dateline_published_is_required(
        self, run: Run, small_store_path: Path
    ) -> None:
        result = run("--store", str(small_store_path), "extract", "-", input=ARTICLE_TEXT)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[0] == (
            "timeline: -: no dateline found to tell when the article was published; "
            "give --published YYYY-MM-DD"
        )
        assert "Traceback" not in result.output

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--published", "2021"], "give the day"),
            (["--published", "someday"], "--published"),
            (["--published", "2021-07-01", "--format", "csv"], "choose toml or json"),
            (["--published", "2021-07-01", "--source", "reprot"], "did you mean 'report'"),
        ],
    )
    def test_wrong_options_are_usage_errors(
        self, run: Run, small_store_path: Path, args: list[str], message: str
    ) -> None:
        result = run("--store", str(small_store_path), "extract", "-", *args, input=ARTICLE_TEXT)
        assert result.exit_code == 2
        assert message in result.stderr

    def test_an_unreadable_article_is_one_line(self, run: Run, tmp_path: Path) -> None:
        (tmp_path / "bad.txt").write_bytes(b"caf\xe9 on 3 May 2021\n")
        result = run("extract", str(tmp_path / "bad.txt"), "--published", "2021-07-01")
        assert result.exit_code == 1
        assert result.stderr.startswith(f"timeline: {tmp_path / 'bad.txt'}:1:4:")
        missing = run("extract", "nowhere.txt", "--published", "2021-07-01")
        assert missing.exit_code == 1 and "nowhere.txt" in missing.stderr

    def test_the_bundled_article_finds_its_own_source(self, run: Run) -> None:
        article = REPO / "sources" / "2023-09-21-aliyev-apology-russian-peacekeepers.txt"
        result = run("extract", str(article))
        assert result.exit_code == 0, result.output
        document = tomllib.loads(result.stdout)
        assert "sources" not in document
        assert {s for e in document["events"] for s in e["sources"]} == {"tass-2023-09-21"}

    def test_several_articles_draft_one_event_with_an_account_each(
        self, run: Run, small_store_path: Path
    ) -> None:
        """Two invented reports of one clash that disagree on the dead: one draft citing
        both, an account each, filed whole; --published once per article, in order."""
        folder = small_store_path.parent
        (folder / "a.txt").write_text(
            "Clash at the border\n\nSix soldiers were killed in a clash near Geneva on "
            "Monday, officials said.\n\nTalks will be held in Vienna next week.\n",
            encoding="utf-8",
        )
        (folder / "b.txt").write_text(
            "Deadly clash\n\nFive soldiers were killed in a clash near Geneva on Monday, "
            "monitors said.\n",
            encoding="utf-8",
        )
        store = ("--store", str(small_store_path))
        args = ("extract", str(folder / "a.txt"), str(folder / "b.txt"), "--published")
        result = run(*store, *args, "2021-05-04", "--published", "2021-05-05", "--no-planned")
        assert result.exit_code == 0, result.output
        document = tomllib.loads(result.stdout)
        (event,) = document["events"]  # the talks are planned: left out
        assert event["figures"] == {"killed": 6}
        assert [a.get("figures") for a in event["accounts"]] == [None, {"killed": 5}]
        assert event["note"].endswith("they disagree on: killed.")
        (folder / "d.toml").write_text(result.stdout, encoding="utf-8")
        added = run(*store, "add", "--from", str(folder / "d.toml"))
        assert added.stderr == f"timeline: added 1 event and 2 sources to {small_store_path}\n"
        checked = run(*store, "check")
        assert "contested: figures.killed" in checked.stdout

    def test_published_is_given_once_per_article(self, run: Run, small_store_path: Path) -> None:
        result = run(
            "--store", str(small_store_path), "extract", "a.txt", "b.txt", "--published",
            "2021-05-04",
        )  # fmt: skip
        assert result.exit_code == 2
        assert result.stderr.splitlines()[0] == (
            "timeline: --published is given 1 times for 2 articles: give it once per article, "
            "in their order, or not at all"
        )


class TestAddFrom:
    def drafts(self, run: Run, store: Path) -> Path:
        (store.parent / "article.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
        draft = store.parent / "draft.toml"
        result = run(
            "--store", str(store), "extract", str(store.parent / "article.txt"),
            "--published", "2021-07-01", "-o", str(draft),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        return draft

    def test_files_every_draft_and_the_new_source(self, run: Run, small_store_path: Path) -> None:
        draft = self.drafts(run, small_store_path)
        before = load(small_store_path, cache=False)
        result = run("--store", str(small_store_path), "add", "--from", str(draft))
        assert result.exit_code == 0, result.output
        assert result.stderr == f"timeline: added 2 events and 1 source to {small_store_path}\n"
        after = load(small_store_path, cache=False)
        assert len(after.events) == len(before.events) + 2
        assert run("--store", str(small_store_path), "check").exit_code == 0

    def test_all_or_nothing(self, run: Run, small_store_path: Path) -> None:
        draft = self.drafts(run, small_store_path)
        text = draft.read_text(encoding="utf-8")
        draft.write_text(text.replace('type = "', 'type = "nope-', 1), encoding="utf-8")
        before = small_store_path.read_bytes()
        result = run("--store", str(small_store_path), "add", "--from", str(draft))
        assert result.exit_code == 1
        assert "unknown type 'nope-" in result.stderr
        assert small_store_path.read_bytes() == before

    def test_filing_twice_adds_nothing(self, run: Run, small_store_path: Path) -> None:
        draft = self.drafts(run, small_store_path)
        assert run("--store", str(small_store_path), "add", "--from", str(draft)).exit_code == 0
        before = small_store_path.read_bytes()
        again = run("--store", str(small_store_path), "add", "--from", str(draft))
        assert again.exit_code == 0, again.output
        assert again.stderr == "timeline: all 2 drafts are already in the store: nothing added\n"
        assert small_store_path.read_bytes() == before

    def test_drafts_filed_already_are_skipped_and_named(
        self, run: Run, small_store_path: Path
    ) -> None:
        draft = self.drafts(run, small_store_path)
        store = str(small_store_path)
        assert run("--store", store, "add", "--from", str(draft)).exit_code == 0
        filed = tomllib.loads(draft.read_text(encoding="utf-8"))["events"]
        again = self.drafts(run, small_store_path)  # new ids: the store has the old ones
        text = again.read_text(encoding="utf-8")
        assert text.count("[[events]]") == 2
        second = tomllib.loads(text)["events"][1]
        # The second draft, dated otherwise on review: no longer the event filed.
        text = text.replace(f'date = "{second["date"]}"', 'date = "2020"')
        again.write_text(text, encoding="utf-8")
        before = small_store_path.read_bytes()
        dry = run("--store", store, "add", "--from", str(again), "--dry-run")
        assert dry.exit_code == 0 and small_store_path.read_bytes() == before
        assert dry.stdout.startswith(f'[[events]]\nid = "{second["id"]}"\ndate = "2020"\n')
        result = run("--store", store, "add", "--from", str(again))
        assert result.exit_code == 0, result.output
        assert result.stderr == (
            f"timeline: draft 1 is already in the store as event {filed[0]['id']} "
            "(same date and title): skipped\n"
            f"timeline: added 1 event to {store}\n"
        )

    def test_allow_duplicate_files_them_again(self, run: Run, small_store_path: Path) -> None:
        draft = self.drafts(run, small_store_path)
        store = str(small_store_path)
        assert run("--store", store, "add", "--from", str(draft)).exit_code == 0
        again = self.drafts(run, small_store_path)
        result = run("--store", store, "add", "--from", str(again), "--allow-duplicate")
        assert result.exit_code == 0, result.output
        assert result.stderr == f"timeline: added 2 events to {small_store_path}\n"

    def test_a_draft_file_that_repeats_a_draft_is_refused(
        self, run: Run, small_store_path: Path
    ) -> None:
        draft = self.drafts(run, small_store_path)
        first = draft.read_text(encoding="utf-8").split("[[events]]")[1]
        copy = first.replace('id = "', 'id = "copy-', 1)
        draft.write_text(draft.read_text(encoding="utf-8") + "[[events]]" + copy, "utf-8")
        before = small_store_path.read_bytes()
        result = run("--store", str(small_store_path), "add", "--from", str(draft))
        assert result.exit_code == 1
        assert result.stderr == (
            f"timeline: {draft}: draft 3 repeats draft 1 (same date and title); remove one, "
            "or give --allow-duplicate to add both\n"
        )
        assert small_store_path.read_bytes() == before

    def test_json_drafts_are_filed_like_toml_ones(self, run: Run, small_store_path: Path) -> None:
        (small_store_path.parent / "article.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
        store = str(small_store_path)
        article = str(small_store_path.parent / "article.txt")
        options = ("extract", article, "--published", "2021-07-01")
        assert run("--store", store, *options, "-o", "d.toml").exit_code == 0
        assert run("--store", store, *options, "-f", "json", "-o", "d.json").exit_code == 0
        toml_dry = run("--store", store, "add", "--from", "d.toml", "--dry-run")
        json_dry = run("--store", store, "add", "--from", "d.json", "--dry-run")
        assert json_dry.exit_code == 0, json_dry.output
        assert json_dry.stdout == toml_dry.stdout
        result = run("--store", store, "add", "--from", "d.json")
        assert result.stderr == f"timeline: added 2 events and 1 source to {store}\n"
        again = run("--store", store, "add", "--from", "d.json")
        assert again.exit_code == 0
        assert again.stderr == "timeline: all 2 drafts are already in the store: nothing added\n"

    def test_the_summary_counts_what_the_drafts_declare(
        self, run: Run, small_store_path: Path
    ) -> None:
        """Actors, sources and types the draft file declares and the store lacks are counted
        in the line that says what was added; a type the store has is its own, not counted."""
        (small_store_path.parent / "d.toml").write_text(
            '[types.talks]\ncolor = "cyan"\n\n'
            '[types.protest]\ncolor = "#882255"\n\n'
            '[types.strike]\ncolor = "#999933"\n\n'
            '[actors.crowd]\nname = "Crowd"\n\n'
            '[[events]]\ndate = "2021-06-01"\ntitle = "A protest"\ntype = "protest"\n'
            'actors = ["crowd"]\nsources = ["report"]\n\n'
            '[[events]]\ndate = "2021-06-02"\ntitle = "A strike"\ntype = "strike"\n'
            'sources = ["report"]\n',
            encoding="utf-8",
        )
        store = str(small_store_path)
        result = run("--store", store, "add", "--from", "d.toml")
        assert (result.exit_code, result.stderr) == (
            0,
            f"timeline: added 2 events, 1 actor and 2 types to {store}\n",
        )
        assert sorted(load(small_store_path).types) == ["battle", "protest", "strike", "talks"]

    def test_a_broken_json_draft_file_names_its_line(
        self, run: Run, small_store_path: Path
    ) -> None:
        draft = small_store_path.parent / "d.json"
        draft.write_text('{"events": [\n  {"id": }\n]}\n', encoding="utf-8")
        result = run("--store", str(small_store_path), "add", "--from", str(draft))
        assert result.exit_code == 1
        assert result.stderr == f"timeline: {draft}:2:10: JSON syntax: Expecting value\n"
        draft.write_text('{"drafts": []}\n', encoding="utf-8")
        result = run("--store", str(small_store_path), "add", "--from", str(draft))
        assert result.stderr == (
            f"timeline: {draft}: not the JSON of timeline extract: no list of events\n"
        )

    def test_a_broken_draft_file_names_its_line(self, run: Run, small_store_path: Path) -> None:
        draft = small_store_path.parent / "draft.toml"
        draft.write_text('[[events]]\nid = "x"\ndate = \n', encoding="utf-8")
        result = run("--store", str(small_store_path), "add", "--from", str(draft))
        assert result.exit_code == 1
        assert result.stderr.startswith(f"timeline: {draft}:3:")

    def test_event_fields_do_not_go_with_from(self, run: Run, small_store_path: Path) -> None:
        result = run("--store", str(small_store_path), "add", "--from", "d.toml", "--title", "x")
        assert result.exit_code == 2
        assert "give no event fields" in result.stderr

    def test_dry_run_prints_and_writes_nothing(self, run: Run, small_store_path: Path) -> None:
        draft = self.drafts(run, small_store_path)
        before = small_store_path.read_bytes()
        result = run("--store", str(small_store_path), "add", "--from", str(draft), "--dry-run")
        assert result.exit_code == 0
        assert result.stdout.count("[[events]]") == 2
        assert small_store_path.read_bytes() == before


@pytest.mark.parametrize(
    "command", [["extract", "--published", "2021-07-01"], ["add", "--from"], ["--store"]]
)
def test_a_directory_is_named_as_one_whatever_file_was_wanted(
    run: Run, tmp_path: Path, command: list[str]
) -> None:
    """An article, a draft file or a store given as a folder: the same line for each, that
    names no other kind of file."""
    (tmp_path / "folder").mkdir()
    tail = ["show"] if command == ["--store"] else []
    result = run(*command, "folder", *tail)
    assert (result.exit_code, result.stderr) == (
        1,
        "timeline: folder: is a directory, not a file\n",
    )


@pytest.mark.parametrize(
    "command",
    [
        ["extract", "-", "--published", "2021-07-01", "-o"],
        ["show", "--svg"],
    ],  # export -o: TestExport
)
def test_no_output_is_written_over_the_store(
    run: Run, small_store_path: Path, command: list[str]
) -> None:
    before = small_store_path.read_bytes()
    result = run(
        "--store", str(small_store_path), *command, str(small_store_path), input=ARTICLE_TEXT
    )
    assert result.exit_code == 2
    assert "is the store being read; choose another file" in result.stderr
    assert small_store_path.read_bytes() == before


class TestBigInputs:
    """An article over the limit is refused before it is read; a huge field is shown cut, with
    a line that says how much more there is and where to read it."""

    REFUSED = "is over the 5 MiB (5,242,880 bytes) that extract reads; split it into parts\n"

    def test_an_article_file_over_the_limit_is_refused_unread(
        self, run: Run, tmp_path: Path
    ) -> None:
        """Exit 1 (the article is bad data) and one line with its size and the limit."""
        article = tmp_path / "big.txt"
        with article.open("wb") as file:
            file.truncate(5 * 1024 * 1024 + 1)  # sparse: nothing is written
        result = run("extract", str(article), "--published", "2021-07-01")
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == (
            f"timeline: {article}: the article (5,242,881 bytes) {self.REFUSED}"
        )

    def test_standard_input_over_the_limit_is_refused(self, run: Run) -> None:
        """From standard input, one byte past the limit is read, not the rest."""
        result = run("extract", "-", "--published", "2021-07-01", input="a" * (5 * 1024 * 1024 + 1))
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == f"timeline: -: the article {self.REFUSED}"

    def test_an_article_of_the_limit_is_read(self, run: Run, small_store_path: Path) -> None:
        """5 MiB exactly is not refused (text without sentence ends, read quickly)."""
        text = "Talks on 3 May 2021.\n\n" + "x" * (5 * 1024 * 1024 - 22)
        result = run(
            "--store", str(small_store_path), "extract", "-", "--published", "2021-07-01",
            "--format", "json", input=text,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        assert [e["date"] for e in json.loads(result.stdout)["events"]] == ["2021-05-03"]

    @pytest.fixture
    def huge(self, write_store: Callable[..., Path]) -> Path:
        """The small store whose truce has a summary and a note of 1,000,000 characters."""
        text = "ж" * 1_000_000
        return write_store(
            SMALL_STORE.replace(
                'summary = "Both sides sign."', f'summary = "{text}"\nnote = "{text}"'
            ),
            "huge.toml",
        )

    MORE = "… (990,000 more characters; `timeline export` gives the whole text)"

    def test_info_cuts_a_huge_note(self, run: Run, huge: Path) -> None:
        """info shows the first 10,000 characters of the summary and of the note, each followed
        by a line that says how many more there are and that export gives them."""
        result = run("--store", str(huge), "info", "truce")
        assert result.exit_code == 0
        assert result.stdout.count(f"\n{self.MORE}\n") == 2
        assert result.stdout.endswith(f"\n{self.MORE}\n")
        assert result.stdout.count("ж") == 20_000

    def test_show_details_cuts_a_huge_summary(self, run: Run, huge: Path) -> None:
        """show --details likewise, the line beside the date like the event's other lines."""
        result = run("--store", str(huge), "show", "--details")
        assert result.exit_code == 0
        assert result.stdout.count(f"\n │{' ' * 16}{self.MORE}\n") == 2
        assert result.stdout.count("ж") == 20_000
        assert len(result.stdout) < 30_000


def test_a_slow_extract_shows_its_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal's standard error, once the delay has passed, the spinner's line shows how
    far the work has got, as it changes."""
    import io
    import time

    from timeline.cli import _notice_if_slow
    from timeline.render import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)
    progress = Progress("Drafting events from a.txt…")
    with _notice_if_slow(progress, after_seconds=0.0):
        progress(1, 4)
        time.sleep(0.4)
        progress(3, 4)
        time.sleep(0.4)
    shown = stderr.getvalue()
    assert "Drafting events from a.txt… 25%" in shown
    assert "Drafting events from a.txt… 75%" in shown


class TestColour:
    """--color auto|always|never, before any command or after a view's name; NO_COLOR."""

    def test_never_on_a_terminal_prints_no_escape_at_all(self, run: Run) -> None:
        terminal = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
        plain = run("show", "--year", "1988", env={"COLUMNS": "100"}).stdout
        for args in (
            ["--color", "never", "show", "--year", "1988"],
            ["show", "--color", "never", "--year", "1988"],
            ["show", "--color", "NEVER", "--year", "1988"],
        ):
            result = run(*args, env=terminal)
            assert (result.exit_code, result.stdout) == (0, plain)
        assert "\x1b" not in run("--color", "never", "actors", env=terminal).stdout
        info = run("--color", "never", "info", "trilateral-statement-2020-11-09", env=terminal)
        assert info.exit_code == 0 and "\x1b" not in info.stdout and "Pashinyan" in info.stdout

    def test_always_colours_a_pipe_even_with_no_color(self, run: Run) -> None:
        """An option given on the command line outweighs $NO_COLOR (as no-color.org says)."""
        for env in ({}, {"NO_COLOR": "1"}):
            shown = run("--color", "always", "show", "--year", "1988", env=env).stdout
            assert "\x1b[31m ■\x1b[0m" in shown or "\x1b[38;" in shown  # the type's colour
            assert "\x1b[1;7m 1988 \x1b[0m" in shown
            types = run("types", env={"COLUMNS": "100", **env})
            coloured = run("--color", "always", "types", env={"COLUMNS": "100", **env})
            assert "\x1b[" not in types.stdout and "\x1b[" in coloured.stdout

    def test_auto_with_no_color_keeps_bold_but_no_colour(self, run: Run) -> None:
        shown = run("show", "--year", "1988", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
        assert "\x1b[1;7m 1988 \x1b[0m" in shown and "\x1b[31m" not in shown

    def test_a_bad_value_is_a_usage_error(self, run: Run) -> None:
        result = run("show", "--color", "sometimes")
        assert result.exit_code == 2
        assert "'sometimes' is not one of 'auto', 'always', 'never'" in result.stderr


def on_a_terminal(
    *args: str, cwd: Path, env: dict[str, str] | None = None, rows: int = 24
) -> tuple[int, str, str]:
    """Run timeline with its standard output on a pseudo-terminal of rows lines and 80
    columns: the exit status, what the terminal was sent (its line ends as written), and the
    standard error."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 80, 0, 0))
    attributes = termios.tcgetattr(follower)
    attributes[1] &= ~termios.ONLCR  # "\n" as written, not "\r\n"
    termios.tcsetattr(follower, termios.TCSANOW, attributes)
    unset = ("TIMELINE_STORE", "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "PAGER", "LESS")
    environment = {k: v for k, v in os.environ.items() if k not in unset and "PAGER" not in k}
    environment.update(env or {}, PYTHONPATH=str(REPO), TERM="xterm-256color")
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", *args],
        cwd=cwd,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
    )
    os.close(follower)
    shown = bytearray()
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: every writer is gone
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.stderr is not None
    status = process.wait(timeout=60)
    return status, shown.decode("utf-8"), process.stderr.read().decode("utf-8")


class TestPager:
    """On a terminal, a view taller than the terminal goes through the pager, in colour."""

    @pytest.fixture
    def pager(self, tmp_path: Path) -> Path:
        """A pager that keeps what it is given in paged.txt, and its $LESS in less.txt."""
        script = tmp_path / "pager"
        script.write_text(
            '#!/bin/sh\ncat > "$(dirname "$0")/paged.txt"\n'
            'printf %s "$LESS" > "$(dirname "$0")/less.txt"\n',
            encoding="utf-8",
        )
        script.chmod(0o755)
        return script

    def test_a_tall_view_is_paged_in_colour(self, tmp_path: Path, pager: Path) -> None:
        status, shown, errors = on_a_terminal("show", cwd=tmp_path, env={"PAGER": str(pager)})
        assert (status, shown, errors) == (0, "", "")
        paged = (tmp_path / "paged.txt").read_text(encoding="utf-8")
        assert (tmp_path / "less.txt").read_text(encoding="utf-8") == "FRX"
        # What the pager gets is what the terminal would have shown: the view, in colour.
        status, printed, _ = on_a_terminal("--no-pager", "show", cwd=tmp_path)
        assert status == 0 and paged == printed
        assert "\x1b[1;7m 2020 \x1b[0m" in paged and len(paged.splitlines()) > 24

    def test_a_short_view_is_printed(self, tmp_path: Path, pager: Path) -> None:
        status, shown, _ = on_a_terminal(
            "show", "--year", "1988", cwd=tmp_path, env={"PAGER": str(pager)}
        )
        assert status == 0 and "since 1988" in shown
        assert not (tmp_path / "paged.txt").exists()

    @pytest.mark.parametrize(
        ("args", "env"),
        [
            (["--no-pager", "show"], {}),
            (["show", "--no-pager"], {}),
            (["info", "--no-pager", "trilateral-statement-2020-11-09"], {}),
            (["show"], {"PAGER": "cat"}),
            (["show"], {"PAGER": ""}),
            (["show"], {"TIMELINE_PAGER": "", "PAGER": "{pager}"}),
        ],
    )
    def test_no_pager(
        self, tmp_path: Path, pager: Path, args: list[str], env: dict[str, str]
    ) -> None:
        """--no-pager, or cat or an empty value as the pager: printed straight."""
        env = {name: value.format(pager=pager) for name, value in env.items()}
        status, shown, errors = on_a_terminal(*args, cwd=tmp_path, env=env, rows=10)
        assert (status, errors) == (0, "") and "\x1b[" in shown and len(shown.splitlines()) > 10
        assert not (tmp_path / "paged.txt").exists()

    def test_timeline_pager_comes_first(self, tmp_path: Path, pager: Path) -> None:
        env = {"TIMELINE_PAGER": str(pager), "PAGER": "cat"}
        status, shown, _ = on_a_terminal("actors", cwd=tmp_path, env=env, rows=10)
        assert (status, shown) == (0, "")
        assert "russian-peacekeepers" in (tmp_path / "paged.txt").read_text(encoding="utf-8")

    def test_a_pager_that_cannot_run_is_said_and_the_view_printed(self, tmp_path: Path) -> None:
        missing = str(tmp_path / "no-such-pager")
        status, shown, errors = on_a_terminal("show", cwd=tmp_path, env={"PAGER": missing})
        assert status == 0 and "20 or 21 September 2023" in shown
        assert errors == (
            f"timeline: cannot run the pager {missing!r}: No such file or directory; "
            "printing instead\n"
        )

    def test_never_into_a_pipe(self, run: Run, pager: Path, tmp_path: Path) -> None:
        result = run("show", "--details", env={"PAGER": str(pager), "LINES": "5"})
        assert result.exit_code == 0 and "20 or 21 September 2023" in result.stdout
        assert not (tmp_path / "paged.txt").exists()
