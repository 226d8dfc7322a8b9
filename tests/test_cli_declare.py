"""The command line's ways to start a store and keep its declarations: `init`, `actors add`,
`types add`, `sources add`, their `rm`, and `tags`: exact output, exit codes and the bytes of
the store after each (what a command refuses leaves them as they were)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import SMALL_STORE
from timeline.cli import app
from timeline.store import BUNDLED_STORE, new_store_text

Run = Callable[..., Result]

SOUTH = '[actors.south]\nname = "Southland"\nkind = "state"\n'


def help_of(run: Run, *command: str) -> str:
    """A command's --help with its white space collapsed: what it says, however it wraps."""
    result = run(*command, "--help")
    assert result.exit_code == 0
    return " ".join(result.stdout.split())


def refused(run: Run, path: Path, *args: str) -> Result:
    """Run a command that must leave the store byte for byte as it was."""
    before = path.read_bytes()
    result = run("--store", str(path), *args)
    assert path.read_bytes() == before
    return result


class TestInit:
    def test_writes_a_store_that_checks_clean(self, run: Run, tmp_path: Path) -> None:
        result = run("init", "karabakh.toml", "--title", "Nagorno-Karabakh")
        assert (result.exit_code, result.stdout) == (0, "")
        assert result.stderr == (
            "timeline: created karabakh.toml; declare its sources and actors, then add events:\n"
            "  timeline --store karabakh.toml sources add ID --title TITLE --file ARTICLE\n"
            "  timeline --store karabakh.toml add --help\n"
        )
        path = tmp_path / "karabakh.toml"
        assert path.read_bytes() == new_store_text("Nagorno-Karabakh").encode("utf-8")
        check = run("--store", "karabakh.toml", "check")
        assert (check.exit_code, check.stdout) == (
            0,
            "karabakh.toml: 0 events, 0 errors, 0 warnings\n",
        )
        assert run("--store", "karabakh.toml", "show").exit_code == 0

    def test_a_store_found_without_store_is_named_without_it(self, run: Run) -> None:
        result = run("init", "events.toml", "--title", "T")
        assert result.stderr.splitlines()[1:] == [
            "  timeline sources add ID --title TITLE --file ARTICLE",
            "  timeline add --help",
        ]

    @pytest.mark.parametrize("kind", ["a file", "a folder", "a symbolic link"])
    def test_refuses_to_replace_anything(self, run: Run, tmp_path: Path, kind: str) -> None:
        path = tmp_path / "events.toml"
        if kind == "a file":
            path.write_text("mine")
        elif kind == "a folder":
            path.mkdir()
        else:
            path.symlink_to(tmp_path / "elsewhere.toml")
        result = run("init", "events.toml", "--title", "T")
        hint = "; for a store in it: timeline init events.toml/events.toml"
        assert (result.exit_code, result.stdout, result.stderr) == (
            1,
            "",
            f"timeline: events.toml: {kind} of this name exists already; a new store never "
            f"replaces anything{hint if kind == 'a folder' else ''}\n",
        )
        assert [p.name for p in tmp_path.iterdir()] == ["events.toml"]
        if kind == "a file":
            assert path.read_text() == "mine"

    def test_without_a_terminal_the_title_is_required(self, run: Run, tmp_path: Path) -> None:
        result = run("init", "k.toml")
        assert (result.exit_code, result.stderr) == (
            2,
            "timeline: missing --title (asked for only on a terminal)\n"
            "Try 'timeline init --help' for help.\n",
        )
        assert list(tmp_path.iterdir()) == []

    def test_an_empty_title_is_refused(self, run: Run, tmp_path: Path) -> None:
        result = run("init", "k.toml", "--title", " ")
        assert (result.exit_code, result.stderr.splitlines()[0]) == (
            2,
            "timeline: --title: must not be empty",
        )
        assert list(tmp_path.iterdir()) == []

    def test_the_title_is_asked_on_a_terminal(
        self, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr("timeline.cli._interactive", lambda: True)
        result = run("init", "k.toml", input="\n  Nagorno-Karabakh  \n")
        assert result.exit_code == 0, result.stderr
        assert result.stderr.startswith(
            "Title of the timeline: The title must not be empty.\nTitle of the timeline: "
            "timeline: created k.toml"
        )
        expected = new_store_text("Nagorno-Karabakh").encode("utf-8")
        assert (tmp_path / "k.toml").read_bytes() == expected

    def test_a_missing_folder_is_an_error(self, run: Run) -> None:
        result = run("init", "no/k.toml", "--title", "T")
        assert (result.exit_code, result.stderr) == (
            1,
            "timeline: no/k.toml: cannot create: No such file or directory\n",
        )

    def test_help(self, run: Run) -> None:
        text = help_of(run, "init")
        assert text.startswith("Usage: timeline init [OPTIONS] ")
        for said in (
            "Start a new store: every section explained in comments, and a vocabulary of types.",
            "PATH The new store's file, such as karabakh.toml; it must not exist yet. [required]",
            "--title TEXT The timeline's title. Asked for on a terminal; required elsewhere.",
        ):
            assert said in text


def test_the_bundled_store_points_to_init(run: Run) -> None:
    result = run("actors", "add", "x", "--name", "X")
    assert (result.exit_code, result.stderr) == (
        2,
        "timeline: the bundled store is part of the installed package and is not changed; "
        "start your own with `timeline init events.toml` (or copy this one with its article: "
        f"cp -r {BUNDLED_STORE.parent}/. .), or give --store\n"
        "Try 'timeline actors add --help' for help.\n",
    )


class TestActors:
    def test_add_writes_the_table_after_the_last_actor(
        self, run: Run, small_store_path: Path
    ) -> None:
        args = ["actors", "add", "east", "--name", "Eastland", "--kind", "state"]
        result = run("--store", str(small_store_path), *args, "--alias", "E", "--alias", "Ost")
        assert (result.exit_code, result.stdout, result.stderr) == (
            0,
            "",
            f"timeline: declared actor east in {small_store_path}\n",
        )
        table = (
            '[actors.east]\nname = "Eastland"\nkind = "state"\n'
            'aliases = [\n    "E",\n    "Ost",\n]\n'
        )
        expected = SMALL_STORE.replace(SOUTH, SOUTH + "\n" + table)
        assert small_store_path.read_text(encoding="utf-8") == expected

    def test_add_a_member_with_its_role(self, run: Run, small_store_path: Path) -> None:
        result = run(
            "--store",
            str(small_store_path),
            "actors",
            "add",
            "envoy",
            "--name",
            "An envoy",
            "--kind",
            "person",
            "--role",
            "Envoy of Southland",
            "--part-of",
            "south",
            "--dry-run",
        )
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout == (
            '[actors.envoy]\nname = "An envoy"\nkind = "person"\nrole = "Envoy of Southland"\n'
            'part_of = [\n    "south",\n]\n'
        )
        assert small_store_path.read_text(encoding="utf-8") == SMALL_STORE

    @pytest.mark.parametrize(
        ("args", "status", "message"),
        [
            (
                ["east", "--name", "E", "--part-of", "suoth"],
                1,
                "STORE: actors.east.part_of: unknown actor 'suoth' (did you mean 'south'?)",
            ),
            (
                ["east", "--name", "E", "--part-of", "east"],
                1,
                "STORE: actors.east.part_of: makes a cycle: east → east",
            ),
            (["South", "--name", "S"], 1, "STORE: actors.South: differs from 'south' only in case"),
            (["east"], 2, "missing --name (needed for every actor)"),
            (["", "--name", "E"], 2, "ID must not be empty"),
        ],
    )
    def test_add_refused(
        self, run: Run, small_store_path: Path, args: list[str], status: int, message: str
    ) -> None:
        result = refused(run, small_store_path, "actors", "add", *args)
        assert result.exit_code == status
        assert result.stderr.splitlines()[0] == "timeline: " + message.replace(
            "STORE", str(small_store_path)
        )

    def test_rm_takes_the_lines_of_an_unused_actor(
        self, run: Run, write_store: Callable[..., Path]
    ) -> None:
        text = SMALL_STORE.replace(SOUTH, SOUTH + '\n# the east\n[actors.east]\nname = "East"\n')
        path = write_store(text)
        result = run("--store", str(path), "actors", "rm", "east")
        assert (result.exit_code, result.stdout, result.stderr) == (
            0,
            "",
            f"timeline: removed actor east from {path}\n",
        )
        assert path.read_text(encoding="utf-8") == SMALL_STORE.replace(
            SOUTH, SOUTH + "\n# the east\n"
        )

    def test_rm_dry_run_prints_what_it_would_remove(
        self, run: Run, write_store: Callable[..., Path]
    ) -> None:
        text = SMALL_STORE.replace(SOUTH, SOUTH + '\n[actors.east]\nname = "East"\n')
        path = write_store(text)
        result = refused(run, path, "actors", "rm", "east", "--dry-run")
        assert (result.exit_code, result.stdout, result.stderr) == (
            0,
            '[actors.east]\nname = "East"\n',
            "",
        )

    def test_rm_refuses_what_is_used_naming_the_users(
        self, run: Run, small_store_path: Path
    ) -> None:
        result = refused(run, small_store_path, "actors", "rm", "north")
        assert (result.exit_code, result.stderr) == (
            1,
            f"timeline: {small_store_path}: actor 'north' is used by 2 events: war, clash; "
            "and by 1 actor part of it: leader\n",
        )

    def test_rm_of_an_unknown_id_suggests(self, run: Run, small_store_path: Path) -> None:
        result = refused(run, small_store_path, "actors", "rm", "nroth")
        assert (result.exit_code, result.stderr) == (
            2,
            "timeline: no actor 'nroth' (did you mean 'north'?)\n"
            "Try 'timeline actors rm --help' for help.\n",
        )

    def test_the_listing_still_takes_its_options(self, run: Run) -> None:
        assert run("actors").stdout.splitlines()[0].split() == [
            "id",
            "name",
            "kind",
            "role",
            "part",
            "of",
            "events",
        ]
        result = run("actors", "--year", "2023", "rm", "putin")
        assert (result.exit_code, result.stderr) == (
            2,
            "timeline: the listing's options go with `actors` alone, not `actors rm`\n"
            "Try 'timeline actors --help' for help.\n",
        )

    def test_help(self, run: Run) -> None:
        text = help_of(run, "actors")
        assert text.startswith("Usage: timeline actors [OPTIONS] COMMAND [ARGS]...")
        for said in (
            "List the actors the store declares, with how many of the selected events involve "
            "each. An actor's count takes in its members' events, as --actor does. "
            "`actors add` declares one, `actors rm` removes one.",
            "-y, --year YEAR Events that overlap this year (2023) or span of years (2020-2023).",
            "Commands: add Declare an actor",
            " rm Remove actors that nothing uses",
        ):
            assert said in text
        text = help_of(run, "actors", "add")
        for said in (
            "Declare an actor, validated with the whole store; the rest of the file stays as it is.",
            "ID The id events will name it by. [required]",
            "--name NAME The actor's name (required).",
            "--kind KIND state, person, organisation, force, …",
            "--role TEXT For a person: 'President of Azerbaijan'.",
            "--alias NAME Another name --actor finds it by. Repeatable.",
            "--part-of ID The id of an actor it acts for: --actor on that one finds this one "
            "too. Repeatable.",
            "--dry-run Print the TOML that would be added; write nothing.",
        ):
            assert said in text
        text = help_of(run, "actors", "rm")
        assert text.startswith("Usage: timeline actors rm [OPTIONS] ID... ")
        for said in (
            "Remove actors that nothing uses, or refuse naming what uses them; the rest of the "
            "file stays as it is.",
            "ID The id of each actor to remove. [required]",
            "--dry-run Print the TOML that would be removed; write nothing.",
        ):
            assert said in text


class TestTypes:
    def test_add_writes_the_table_after_the_last_type(
        self, run: Run, small_store_path: Path
    ) -> None:
        result = run(
            "--store",
            str(small_store_path),
            "types",
            "add",
            "protest",
            "--color",
            "#cc79a7",
            "--description",
            "Demonstrations and rallies.",
        )
        assert (result.exit_code, result.stderr) == (
            0,
            f"timeline: declared type protest in {small_store_path}\n",
        )
        talks = '[types.talks]\ncolor = "cyan"\n'
        table = '[types.protest]\ncolor = "#cc79a7"\ndescription = "Demonstrations and rallies."\n'
        expected = SMALL_STORE.replace(talks, talks + "\n" + table)
        assert small_store_path.read_text(encoding="utf-8") == expected

    def test_add_refuses_a_colour_that_is_not_one(self, run: Run, small_store_path: Path) -> None:
        result = refused(run, small_store_path, "types", "add", "riot", "--color", "pinkish")
        assert (result.exit_code, result.stderr) == (
            1,
            f"timeline: {small_store_path}: types.riot.color: 'pinkish' is not a colour name "
            "or #rrggbb\n",
        )
        result = refused(run, small_store_path, "types", "add", "riot")
        assert (result.exit_code, result.stderr.splitlines()[0]) == (
            2,
            "timeline: missing --color (needed for every type)",
        )

    def test_rm(self, run: Run, small_store_path: Path) -> None:
        result = refused(run, small_store_path, "types", "rm", "talks")
        assert (result.exit_code, result.stderr) == (
            1,
            f"timeline: {small_store_path}: type 'talks' is used by 2 events: truce, talks\n",
        )
        run("--store", str(small_store_path), "types", "add", "riot", "--color", "red")
        result = run("--store", str(small_store_path), "types", "rm", "riot")
        assert result.exit_code == 0
        assert small_store_path.read_text(encoding="utf-8") == SMALL_STORE

    def test_help(self, run: Run) -> None:
        text = help_of(run, "types", "add")
        for said in (
            "Declare an event type, validated with the whole store; the rest of the file stays "
            "as it is.",
            "--color COLOUR Its marker's colour (required): a terminal colour name (red, "
            "bright_cyan) or #rrggbb.",
            "--description TEXT What events of this type are.",
        ):
            assert said in text
        assert "ID The id of each type to remove. [required]" in help_of(run, "types", "rm")


class TestSources:
    def test_add_with_a_file_records_its_place_and_sha256(
        self, run: Run, small_store_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        folder = small_store_path.parent / "articles"
        folder.mkdir()
        (folder / "tass.txt").write_text("We sign a treaty today.\n")
        monkeypatch.chdir(folder)  # the file is named from here; the store keeps its own name
        result = run(
            "--store",
            str(small_store_path),
            "sources",
            "add",
            "tass",
            "--title",
            "Aliyev apologises",
            "--publisher",
            "TASS",
            "--published",
            "21 Sept 2023",
            "--url",
            "https://tass.com/x",
            "--file",
            "tass.txt",
        )
        assert (result.exit_code, result.stderr) == (
            0,
            f"timeline: declared source tass in {small_store_path}\n",
        )
        digest = hashlib.sha256(b"We sign a treaty today.\n").hexdigest()
        table = (
            '[sources.tass]\ntitle = "Aliyev apologises"\npublisher = "TASS"\n'
            'published = "2023-09-21"\nurl = "https://tass.com/x"\n'
            f'file = "articles/tass.txt"\nsha256 = "{digest}"\n'
        )
        report = '[sources.report]\ntitle = "A report"\npublisher = "Agency"\n'
        report += 'published = "2023-01-02"\nurl = "https://example.org/report"\n'
        expected = SMALL_STORE.replace(report, report + "\n" + table)
        assert small_store_path.read_text(encoding="utf-8") == expected
        check = run("--store", str(small_store_path), "check")
        assert check.stdout.splitlines()[0].endswith(
            "sources.tass: warning: source 'tass' is declared but no event uses it"
        )
        (folder / "tass.txt").write_text("Changed.\n")
        check = run("--store", str(small_store_path), "check")
        assert "sources.tass.sha256: warning: the file 'articles/tass.txt' has changed" in (
            check.stdout
        )

    @pytest.mark.parametrize(
        ("args", "status", "message"),
        [
            (["--file", "gone.txt"], 1, "gone.txt: no such file"),
            (["--file", "."], 1, ".: is a directory, not a file"),
            (
                ["--published", "2023-09"],
                2,
                "--published '2023-09': give the day, e.g. 2023-09-21",
            ),
            (
                ["--file", "latin1.txt"],
                1,
                "STORE: sources.s.file: 'latin1.txt':1:4: the file is not UTF-8 here: byte 0xe9 ",
            ),
        ],
    )
    def test_add_refused(
        self,
        run: Run,
        small_store_path: Path,
        args: list[str],
        status: int,
        message: str,
    ) -> None:
        (small_store_path.parent / "latin1.txt").write_bytes(b"caf\xe9\n")
        result = refused(run, small_store_path, "sources", "add", "s", "--title", "S", *args)
        assert result.exit_code == status
        assert result.stderr.splitlines()[0].startswith(
            "timeline: " + message.replace("STORE", str(small_store_path))
        )

    def test_rm_refuses_a_cited_source(self, run: Run, small_store_path: Path) -> None:
        result = refused(run, small_store_path, "sources", "rm", "report")
        assert result.exit_code == 1
        assert result.stderr == (
            f"timeline: {small_store_path}: source 'report' is used by 4 events: war, truce, "
            "talks, clash\n"
        )

    def test_help(self, run: Run) -> None:
        text = help_of(run, "sources", "add")
        for said in (
            "Declare a source, validated with the whole store; the rest of the file stays as it "
            "is.",
            "--title TEXT The source's title or headline (required).",
            "--publisher TEXT Who published it.",
            "--published DATE The day it was published: 2023-09-21.",
            "--url URL Where it is online.",
            "--file FILE Its text as a UTF-8 file, which quotes are checked against; stored "
            "relative to the store's folder, with its sha256.",
        ):
            assert said in text
        assert "ID The id of each source to remove. [required]" in help_of(run, "sources", "rm")


class TestTags:
    def test_every_tag_with_its_events(self, run: Run) -> None:
        result = run("tags")
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout == (
            "tag           events\n"
            "background         1\n"
            "casualties         1\n"
            "ceasefire          1\n"
            "humanitarian       1\n"
            "meeting            1\n"
            "peace-treaty       2\n"
            "peacekeepers       3\n"
            "phone-call         2\n"
            "sovereignty        1\n"
            "summit             1\n"
            "territory          1\n"
            "trilateral         2\n"
            "war                1\n"
        )

    def test_counts_in_the_selection(self, run: Run) -> None:
        rows = dict(line.split() for line in run("tags", "--year", "2023").stdout.splitlines())
        assert (rows["trilateral"], rows["peacekeepers"], rows["phone-call"]) == ("0", "3", "2")

    def test_tags_that_differ_in_case_are_one(
        self, run: Run, write_store: Callable[..., Path]
    ) -> None:
        text = SMALL_STORE.replace('tags = ["border"]', 'tags = ["Background", "border"]')
        text = text.replace(
            'quotes = ["We sign a treaty today."]',
            'quotes = ["We sign a treaty today."]\ntags = ["background"]',
        )
        path = write_store(text)
        result = run("--store", str(path), "tags")
        assert result.stdout == "tag         events\nbackground       3\nborder           1\n"

    def test_a_store_without_tags(self, run: Run, tmp_path: Path) -> None:
        run("init", "k.toml", "--title", "T")
        assert run("--store", "k.toml", "tags").stdout == "tag  events\n"

    def test_help(self, run: Run) -> None:
        text = help_of(run, "tags")
        assert text.startswith("Usage: timeline tags [OPTIONS]")
        for said in (
            "List the tags the store's events use, with how many of the selected events have each.",
            "-y, --year YEAR Events that overlap this year (2023) or span of years (2020-2023).",
            "--tag TAG Events with this tag (any case). Repeatable.",
        ):
            assert said in text


def test_a_value_that_is_not_text_names_its_option(small_store_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--store",
            str(small_store_path),
            "actors",
            "add",
            "e",
            "--name",
            "E",
            "--alias",
            "\udcff",
        ],
    )
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        2,
        "timeline: --alias: not UTF-8 text (byte 0xff)",
    )
    assert small_store_path.read_text(encoding="utf-8") == SMALL_STORE
