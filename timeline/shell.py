"""How the command line meets the shell: the Typer app's classes, for usage lines that read as
words, command summaries shown whole, and completions that bash inserts as one word each.

cli.py builds its app from App; every command registered on it gets these classes.
"""

import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from typer._click.exceptions import UsageError
from typer._click.shell_completion import add_completion_class
from typer._completion_classes import BashComplete
from typer.core import TyperArgument, TyperCommand, TyperGroup

if TYPE_CHECKING:
    from collections.abc import MutableMapping

    from typer._click import Context, HelpFormatter
    from typer._click.shell_completion import CompletionItem

Function = TypeVar("Function", bound=Callable[..., Any])

# What bash takes literally in a word: anything else in a completion is escaped with a
# backslash, as bash's own completion of file names does ("Vladimir\ Putin").
# (One completion a line: a line break is not one of them.)
_BASH_SPECIAL = re.compile(r"([^\w@%+=:,./\n-])")


class Command(TyperCommand):
    """A command whose usage line names its arguments as words: ID, [ID], ID...; typer's own
    marks a required argument with braces ({ID})."""

    def collect_usage_pieces(self, ctx: "Context") -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                word = param.metavar or (param.name or "").upper()
                word += "..." if param.nargs != 1 else ""
                pieces.append(word if param.required else f"[{word}]")
            else:
                pieces += param.get_usage_pieces(ctx)
        return pieces


class _Usage(UsageError):
    """A usage error of the command line's parser, worded as timeline words its own: one
    line, then where to find help (click's own starts with the usage and says "Error:")."""

    command_path = ""  # when the parser gave no context: the command it was parsing

    def show(self, file: Any = None) -> None:
        stream = sys.stderr if file is None else file
        stream.write(f"timeline: {self.format_message()}\n")
        path = self.ctx.command_path if self.ctx is not None else self.command_path
        if path:
            stream.write(f"Try '{path} --help' for help.\n")


def _worded(error: UsageError, parent: "Context | None" = None) -> _Usage:
    """error as timeline words it; parent: the app's context, for an error of one of its
    commands that the parser raised without a context (an option missing its value)."""
    worded = _Usage(error.format_message(), error.ctx)
    if error.ctx is None and parent is not None:
        name = parent.meta.get(_COMMAND, "")
        worded.command_path = f"{parent.command_path} {name}".strip()
    return worded


_COMMAND = "timeline.command"  # the command the app resolved, in its context's meta


class Group(TyperGroup):
    """The app: each command's summary is the first sentence of its help, whole (click cuts it
    to what fits on one line at 80 columns, mid-sentence), and bash completions are escaped."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: "Context | None" = None, **extra: Any
    ) -> "Context":
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _Usage:
            raise
        except UsageError as error:
            raise _worded(error) from None

    def invoke(self, ctx: "Context") -> Any:
        try:
            return super().invoke(ctx)
        except _Usage:
            raise
        except UsageError as error:
            raise _worded(error, ctx) from None

    def resolve_command(self, ctx: "Context", args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        ctx.meta[_COMMAND] = name  # to name its help when its parser fails without a context
        return name, command, rest

    def format_commands(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                # A limit longer than any help: click's short help is then its first sentence.
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def _main_shell_completion(
        self,
        ctx_args: "MutableMapping[str, Any]",
        prog_name: str,
        complete_var: str | None = None,
    ) -> None:
        add_completion_class(_BashWords, "bash")
        super()._main_shell_completion(ctx_args, prog_name, complete_var)


class _BashWords(BashComplete):
    """typer's bash completion, each completion escaped to be one word of the command line
    (typer's puts "Vladimir Putin" on it as two)."""

    def format_completion(self, item: "CompletionItem") -> str:
        return _BASH_SPECIAL.sub(r"\\\1", str(item.value))

    def complete(self) -> str:
        # Escaped all at once: one pass of the pattern over 100,000 ids, not 100,000 passes.
        args, incomplete = self.get_completion_args()
        values = "\n".join(str(item.value) for item in self.get_completions(args, incomplete))
        return _BASH_SPECIAL.sub(r"\\\1", values)


class App(typer.Typer):
    """A Typer app whose group and commands are this module's classes."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(cls=Group, **settings)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Function], Function]:
        kwargs.setdefault("cls", Command)
        return super().command(*args, **kwargs)
