"""The app's classes: usage lines that read as words, summaries shown whole, completions
escaped for bash."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from timeline.cli import app
from timeline.completion import Candidates, Completing
from timeline.shell import App

COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.fixture
def help_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., str]:
    """The help a command prints in a terminal so many columns wide. (Not through CliRunner,
    which makes every terminal 80 columns wide.)"""

    def text(*args: str, columns: int) -> str:
        monkeypatch.setenv("COLUMNS", str(columns))
        with pytest.raises(SystemExit) as exited:
            get_command(app).main([*args, "--help"], prog_name="timeline")
        assert exited.value.code == 0
        return capsys.readouterr().out

    return text


def test_the_summaries_at_120_columns(help_text: Callable[..., str]) -> None:
    """Each command's first sentence, whole, on one line."""
    text = help_text(columns=120)
    assert text.startswith(
        "Usage: timeline [OPTIONS] COMMAND [ARGS]...\n"
        "\n"
        "  Keep a conflict's events in a plain TOML file; query, show and export them.\n"
    )
    commands = text[text.index("\nCommands:\n") :]
    for line in [
        "  show     Print the timeline, grouped by year (in colour on a terminal, through a pager if long).",
        "  add      Add one event to the store, validated first; the rest of the file is kept as it is.",
        "  extract  Draft one event for every dated statement of articles, for review, then add --from.",
        "  info     Show one event in full: summary, quotes, actors with their roles, sources.",
        "  actors   List the actors the store declares, with how many of the selected events involve each.",
        "  check    Check the store: every problem, one per line, then a summary.",
        "  formats  List the export formats: the names --format takes and the file extensions that select them.",
    ]:
        assert f"\n{line}\n" in commands
    assert "..." not in commands


@pytest.mark.parametrize("columns", [60, 120])
def test_every_summary_is_its_commands_first_sentence(
    help_text: Callable[..., str], columns: int
) -> None:
    """Wrapped to the width, never cut: the words of each summary are those of the first
    sentence of the command's help."""
    commands = help_text(columns=columns).split("\nCommands:\n")[1]
    summaries: dict[str, str] = {}
    name = ""
    for line in commands.splitlines():
        if line[2] != " ":  # a command's first line; the others go on with its summary
            name, line = line.split(maxsplit=1)
        summaries[name] = f"{summaries.get(name, '')} {line.strip()}".strip()
    group = get_command(app)
    assert sorted(summaries) == COMMANDS
    for command_name, summary in summaries.items():
        command = group.commands[command_name]  # type: ignore[attr-defined]
        first = re.match(r".*?\.(?=\s|$)", " ".join(command.help.split()))
        assert first is not None
        assert summary == first.group(0)
        assert all(len(line) <= columns for line in commands.splitlines())


@pytest.mark.parametrize("columns", [60, 120])
@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)])
def test_metavars_read_as_words(
    help_text: Callable[..., str], command: list[str], columns: int
) -> None:
    """No {ARTICLE} in usage lines or anywhere else in help: typer marks a required argument
    with braces."""
    text = help_text(*command, columns=columns)
    assert "{" not in text and "}" not in text


def test_usage_lines(help_text: Callable[..., str]) -> None:
    assert help_text("extract", columns=80).startswith(
        "Usage: timeline extract [OPTIONS] ARTICLE...\n"
    )
    assert help_text("info", columns=80).startswith("Usage: timeline info [OPTIONS] ID\n")


def test_an_argument_in_a_usage_line() -> None:
    """Required: the word; optional: in brackets; repeatable: followed by '...'."""
    demo = App(name="demo", add_completion=False, rich_markup_mode=None)

    @demo.command()
    def one(
        first: Annotated[str, typer.Argument(metavar="ID")],
        more: Annotated[list[str], typer.Argument(metavar="ID")],
    ) -> None:
        pass

    @demo.command()
    def two(
        last: Annotated[str | None, typer.Argument(metavar="FILE")] = None,
        opt: Annotated[list[str] | None, typer.Argument(metavar="TAG")] = None,
    ) -> None:
        pass

    one_help = CliRunner().invoke(demo, ["one", "--help"], prog_name="demo").stdout
    assert one_help.startswith("Usage: demo one [OPTIONS] ID ID...\n")
    two_help = CliRunner().invoke(demo, ["two", "--help"], prog_name="demo").stdout
    assert two_help.startswith("Usage: demo two [OPTIONS] [FILE] [TAG...]\n")


VALUES = ["a b", "it's", "$HOME", "x;y|z&", "Əliyev", "back\\slash", "~user", "*", "a-b.c:d"]


def everything(ctx: typer.Context, incomplete: str) -> Candidates:
    return [(value, "") for value in VALUES if value.startswith(incomplete)]


def test_bash_completions_are_escaped_to_one_word_each() -> None:
    """Whatever a value holds, bash puts it on the command line as one word, as it was."""
    demo = App(name="demo", rich_markup_mode=None)

    @demo.command()
    def one(
        name: Annotated[str, typer.Option(click_type=Completing(everything))] = "",
    ) -> None:
        pass

    @demo.command()
    def two() -> None:
        pass

    env = {"_DEMO_COMPLETE": "complete_bash", "COMP_WORDS": "demo one --name ", "COMP_CWORD": "3"}
    result = CliRunner().invoke(demo, [], env=env, prog_name="demo")
    assert result.stdout.splitlines() == [
        "a\\ b",
        "it\\'s",
        "\\$HOME",
        "x\\;y\\|z\\&",
        "Əliyev",
        "back\\\\slash",
        "\\~user",
        "\\*",
        "a-b.c:d",
    ]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["rm"], "timeline: Missing argument 'ID'.\nTry 'timeline rm --help' for help.\n"),
        (
            ["show", "--limit", "0"],
            "timeline: Invalid value for '--limit' / '-n': 0 is not in the range x>=1.\n"
            "Try 'timeline show --help' for help.\n",
        ),
        (
            ["shw"],
            "timeline: No such command 'shw'. Did you mean 'show'?\n"
            "Try 'timeline --help' for help.\n",
        ),
        (
            ["actors", "add"],
            "timeline: Missing argument 'ID'.\nTry 'timeline actors add --help' for help.\n",
        ),
        (
            ["show", "--year"],
            "timeline: Option '--year' requires an argument.\n"
            "Try 'timeline show --help' for help.\n",
        ),
        (
            ["actors", "add", "x", "--name"],
            "timeline: Option '--name' requires an argument.\n"
            "Try 'timeline actors add --help' for help.\n",
        ),
    ],
)
def test_the_parsers_usage_errors_are_worded_as_timelines_own(
    capsys: pytest.CaptureFixture[str], arguments: list[str], said: str
) -> None:
    """One line saying what is wrong, then where to find help; exit status 2."""
    with pytest.raises(SystemExit) as exited:
        get_command(app).main(arguments, prog_name="timeline")
    assert (exited.value.code, capsys.readouterr().err) == (2, said)
