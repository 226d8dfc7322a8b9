"""The command line: turns options into a Query, calls the core, prints, and exits.

This is the only module that prints or exits. It does not use `from __future__ import
annotations`: typer would then have to evaluate every annotation string on each run (about
4 ms of start-up with ten commands, measured). Heavy modules (rich, dateutil, the exporters)
are imported inside the commands that need them, to keep start-up fast.
"""

import atexit
import errno
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer

from timeline import __version__, completion
from timeline.errors import (
    BadValue,
    Duplicates,
    ExitStatus,
    NoDateline,
    TimelineError,
    UnknownName,
    UsageError,
)
from timeline.names import DECLARATION_NOUNS
from timeline.shell import App

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console, RenderableType

    from timeline.errors import Problem
    from timeline.model import Event, Source, Store
    from timeline.query import Query
    from timeline.store import Outcome, StoreFile

DEBUG_ENV = "TIMELINE_DEBUG"
SHOW_AT_MOST = 200  # events `show` prints unless --all or --limit says otherwise
# The options of `add` whose names differ from the fields they fill.
ADD_OPTIONS = {"actors": "--actor", "sources": "--source", "quotes": "--quote", "tags": "--tag"}
# The head of a draft file: what to do with it.
DRAFT_REVIEW = (
    "Review each draft: trim the title, check the date, type, actors and location, delete",
    "what is not an event; then file them all with: timeline add --from THIS-FILE",
)
# The option that gives each kind of value the core reports unknown or bad (errors.UnknownName,
# errors.BadValue): the command line names its options, the core only the kinds of value.
OPTION_FOR = {
    "year": "--year",
    "actor": "--actor",
    "type": "--type",
    "tag": "--tag",
    "format": "--format",
    "source": "--source",
}
SEE_MORE = "--all shows every event, --limit N the first N, --year or --from/--to a period."

app = App(
    name="timeline",
    help="Keep a conflict's events in a plain TOML file; query, show and export them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    # Help as wide as the terminal, up to 120 columns (click stops at 80).
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120},
)


class Color(StrEnum):
    """When output is in colour: --color WHEN."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class Settings(NamedTuple):
    """What the global options say, handed to every command."""

    store: Path | None
    use_cache: bool
    opened: list["StoreFile"]  # the store files this command used, to show their notices
    told: list[str]  # the notices shown already
    color: Color = Color.AUTO
    pager: bool = False  # a view taller than the terminal goes through the pager


def _option(
    *names: str, metavar: str, help: str, complete: "completion.Completer | None" = None
) -> Any:
    """An option that takes a value, shown with its metavar and without a default; complete
    gives the values the shell offers for it."""
    click_type = completion.Completing(complete) if complete is not None else None
    return typer.Option(
        *names, metavar=metavar, show_default=False, help=help, click_type=click_type
    )


# --color and --no-pager: options of the app, for every command, and of the views (show, info)
# after the command's name too.
COLOR_OPTION = ("--color",)
COLOR_HELP = (
    "Colour: auto (on a terminal, unless $NO_COLOR is set), always (also into a pipe or a "
    "file, and despite $NO_COLOR) or never (no colour, bold or other escape sequences)."
)
NO_PAGER_OPTION = ("--no-pager",)
NO_PAGER_HELP = (
    "Print straight to the terminal. Without it, a view taller than the terminal goes through "
    "$TIMELINE_PAGER, else $PAGER, else less -FRX (cat or an empty value: no pager)."
)
COLOR_OPTION_SETTINGS: dict[str, Any] = {
    "metavar": "WHEN",
    "case_sensitive": False,
    "show_default": False,
    "help": COLOR_HELP,
}
DEFAULT_PAGER = "less -FRX"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    store: Annotated[
        Path | None,
        _option(
            "--store",
            "-s",
            metavar="PATH",
            help="The store to read. Default: $TIMELINE_STORE, else ./events.toml, "
            "else the store bundled with timeline.",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Parse the store instead of reading the cache of it (also $TIMELINE_NO_CACHE).",
        ),
    ] = False,
    color: Annotated[Color, typer.Option(*COLOR_OPTION, **COLOR_OPTION_SETTINGS)] = Color.AUTO,
    no_pager: Annotated[bool, typer.Option(*NO_PAGER_OPTION, help=NO_PAGER_HELP)] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Keep a conflict's events in a plain TOML file; query, show and export them."""
    ctx.obj = Settings(
        store=store, use_cache=not no_cache, opened=[], told=[], color=color, pager=not no_pager
    )
    _running[:] = [ctx.obj]


# A view's own --color and --no-pager, which override the app's.
ColorOption = Annotated[Color | None, typer.Option(*COLOR_OPTION, **COLOR_OPTION_SETTINGS)]
NoPagerOption = Annotated[bool, typer.Option(*NO_PAGER_OPTION, help=NO_PAGER_HELP)]

# The query options, shared by every command that lists events.
YearOption = Annotated[
    list[str] | None,
    _option(
        "--year",
        "-y",
        metavar="YEAR",
        help="Events that overlap this year (2023) or span of years (2020-2023). Repeatable.",
    ),
]
FromOption = Annotated[
    list[str] | None,
    _option(
        "--from",
        metavar="DATE",
        help="Events that reach this date or later: 2020, 'Sept 2020', 2020-09-27. "
        "Numeric dates are day first: 10.11.2020 is 10 November.",
    ),
]
ToOption = Annotated[
    list[str] | None,
    _option(
        "--to",
        metavar="DATE",
        help="Events that start by this date (inclusive: 'Sept 2020' includes 30 September). "
        "Numeric dates are day first: 10.11.2020 is 10 November.",
    ),
]
ActorOption = Annotated[
    list[str] | None,
    _option(
        "--actor",
        "-a",
        metavar="NAME",
        help="Events involving this actor (id, name or alias) or anyone part of it. Repeatable.",
        complete=completion.actor_names,
    ),
]
TypeOption = Annotated[
    list[str] | None,
    _option(
        "--type",
        "-t",
        metavar="TYPE",
        help="Events of this type (any case). Repeatable.",
        complete=completion.type_ids,
    ),
]
TagOption = Annotated[
    list[str] | None,
    _option(
        "--tag",
        metavar="TAG",
        help="Events with this tag (any case). Repeatable.",
        complete=completion.tags,
    ),
]
SearchOption = Annotated[
    list[str] | None,
    _option(
        "--search",
        "-q",
        metavar="TEXT",
        help="Events whose title, summary or quotes contain this text (any case, any accents). "
        "Repeatable.",
    ),
]
SourceOption = Annotated[
    list[str] | None,
    _option(
        "--source",
        metavar="ID",
        help="Events that cite this source. Repeatable.",
        complete=completion.source_ids,
    ),
]
ContestedOption = Annotated[
    bool,
    typer.Option(
        "--contested",
        help="Only contested events: those whose sources' accounts disagree on the date, "
        "place, actors or a figure.",
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=1,
        metavar="N",
        show_default=False,
        help="At most N events (the first N, or the last N with --reverse).",
    ),
]
ReverseOption = Annotated[
    bool,
    typer.Option(
        "--reverse",
        "-r",
        help="Newest first.",
    ),
]


# The options that give an event's fields, shared by add and edit.
DateField = Annotated[
    str | None,
    _option(
        "--date",
        metavar="DATE",
        help="When it happened, in the store's date syntax: 2023-05-17, 'late 2023-05', 1988.",
    ),
]
TitleField = Annotated[
    str | None, _option("--title", metavar="TEXT", help="What happened, in one line.")
]
TypeField = Annotated[
    str | None,
    _option(
        "--type",
        "-t",
        metavar="TYPE",
        help="One of the store's types.",
        complete=completion.type_ids,
    ),
]
EndField = Annotated[
    str | None,
    _option(
        "--end", metavar="DATE", help="For a period: when it ended, or '..' if it still goes on."
    ),
]
WhenField = Annotated[
    str | None,
    _option(
        "--when",
        metavar="TEXT",
        help="The date as the source writes it: 'in mid-March of this year'.",
    ),
]
SummaryField = Annotated[str | None, _option("--summary", metavar="TEXT", help="A few sentences.")]
ActorsField = Annotated[
    list[str] | None,
    _option(
        "--actor",
        "-a",
        metavar="NAME",
        help="An actor: its id, name or alias (written as its id). Repeatable.",
        complete=completion.actor_names,
    ),
]
LocationField = Annotated[
    str | None, _option("--location", metavar="TEXT", help="Where it happened.")
]
SourcesField = Annotated[
    list[str] | None,
    _option(
        "--source", metavar="ID", help="A source id. Repeatable.", complete=completion.source_ids
    ),
]
QuotesField = Annotated[
    list[str] | None,
    _option("--quote", metavar="TEXT", help="A sentence of the source, verbatim. Repeatable."),
]
TagsField = Annotated[
    list[str] | None,
    _option("--tag", metavar="TAG", help="A tag. Repeatable.", complete=completion.tags),
]
NoteField = Annotated[
    str | None,
    _option("--note", metavar="TEXT", help="What is inferred rather than stated, and how."),
]
FiguresField = Annotated[
    list[str] | None,
    _option(
        "--figure",
        metavar="NAME=N",
        help="A count of people: killed=6, injured=10-15 (low-high), killed=5-6-8 "
        "(low-best-high), displaced=1200+ (at least). Repeatable.",
        complete=completion.figures,
    ),
]


def _figures(given: list[str] | None) -> dict[str, Any] | None:
    """The figures table that --figure options give (None: no option)."""
    if not given:
        return None
    from timeline.model import figure_value

    table: dict[str, Any] = {}
    for written in given:
        try:
            name, value = figure_value(written)
        except ValueError as error:
            raise BadValue("--figure", written, str(error)) from None
        if name in table:
            raise UsageError(f"--figure {name} is given twice")
        table[name] = value
    return table


def build_query(
    year: list[str] | None,
    start: list[str] | None,
    end: list[str] | None,
    actor: list[str] | None,
    type_: list[str] | None,
    tag: list[str] | None,
    search: list[str] | None,
    limit: int | None,
    reverse: bool,
    source: list[str] | None = None,
    contested: bool = False,
) -> "Query":
    """The Query the options describe; bad values are usage errors."""
    from timeline.query import Query, parse_year

    first_text, last_text = _once(start, "--from"), _once(end, "--to")
    first = _user_date(first_text, "--from", first=True)
    last = _user_date(last_text, "--to", first=False)
    if first is not None and last is not None and first > last:
        raise UsageError(
            f"--from {first_text!r} is after --to {last_text!r}; give the earlier date first"
        )
    return Query(
        years=tuple(parse_year(y) for y in year or ()),
        start=first,
        end=last,
        actors=tuple(actor or ()),
        types=tuple(type_ or ()),
        tags=tuple(tag or ()),
        texts=tuple(text for text in search or () if text),
        sources=tuple(source or ()),
        contested=contested,
        limit=limit,
        reverse=reverse,
    )


def _once(values: list[str] | None, option: str) -> str | None:
    """The one value of an option that makes no sense twice (typer would keep the last)."""
    if not values:
        return None
    if len(values) > 1:
        given = ", ".join(repr(value) for value in values)
        raise UsageError(f"{option} given {len(values)} times ({given}); give it once")
    return values[0]


def _user_date(text: str | None, option: str, *, first: bool) -> "date | None":
    if text is None:
        return None
    from timeline.dates.user import parse_user_date

    try:
        low, high = parse_user_date(text)
    except BadValue as error:
        raise UsageError(_bad_value(option, error)) from None
    return low if first else high


def _store_path(ctx: typer.Context) -> Path:
    from timeline.store import locate_store

    settings: Settings = ctx.obj
    return locate_store(settings.store, os.environ, Path.cwd())


def _store_file(ctx: typer.Context) -> "StoreFile":
    """The store the options and the environment name."""
    from timeline.store import StoreFile

    settings: Settings = ctx.obj
    store_file = StoreFile(_store_path(ctx), cache=None if settings.use_cache else False)
    settings.opened.append(store_file)
    return store_file


def _read(store_file: "StoreFile") -> "Store":
    with _notice_if_slow(f"Reading {store_file.path} (parsed once, then cached)…"):
        return store_file.read()


def _load(ctx: typer.Context) -> "Store":
    return _read(_store_file(ctx))


@contextmanager
def _notice_if_slow(message: "RenderableType", after_seconds: float = 1.0) -> Iterator[None]:
    """Show a spinner with message on a terminal's standard error if the work takes longer
    than after_seconds (a first read of a big store). The message is drawn afresh with each
    turn of the spinner: a renderable that the work updates (render.Progress) shows how far
    it has got."""
    if not sys.stderr.isatty():
        yield
        return
    import threading

    status = _console(stderr=True).status(message)
    lock = threading.Lock()
    finished = False

    def begin() -> None:
        with lock:  # never start after the work is over
            if not finished:
                status.start()

    timer = threading.Timer(after_seconds, begin)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            finished = True
            status.stop()


@app.command()
def show(
    ctx: typer.Context,
    year: YearOption = None,
    start: FromOption = None,
    end: ToOption = None,
    actor: ActorOption = None,
    type_: TypeOption = None,
    tag: TagOption = None,
    search: SearchOption = None,
    source: SourceOption = None,
    contested: ContestedOption = False,
    limit: LimitOption = None,
    reverse: ReverseOption = False,
    details: Annotated[
        bool,
        typer.Option(
            "--details",
            "-d",
            help="Add each event's summary, quotes, notes, figures and sources, with what each "
            "source's account says.",
        ),
    ] = False,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help=f"Show every event; without it, at most the {SHOW_AT_MOST} latest are shown.",
        ),
    ] = False,
    svg: Annotated[
        Path | None,
        _option(
            "--svg",
            metavar="FILE",
            help="Write the view, in colour, as an SVG picture to FILE instead of printing it.",
        ),
    ] = None,
    color: ColorOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """Print the timeline, grouped by year (in colour on a terminal, through a pager if long).

    On a terminal, a view taller than the terminal goes through the pager, as git's output
    does: $TIMELINE_PAGER, else $PAGER, else less -FRX."""
    _view_options(color, no_pager)
    with _reporting(ctx):
        query = build_query(
            year, start, end, actor, type_, tag, search, limit, reverse, source, contested
        )
        store = _load(ctx)
        from timeline.query import select

        selection = select(store, query)
        hidden = 0
        if limit is None and not show_all and len(selection.events) > SHOW_AT_MOST:
            # A terminal is no place for 100,000 events: show the latest, say what is left.
            hidden = len(selection.events) - SHOW_AT_MOST
            kept = selection.events[:SHOW_AT_MOST] if reverse else selection.events[hidden:]
            selection = selection._replace(events=kept)
        from timeline.render import no_events, no_events_yet, timeline_view

        if selection.events:
            view = timeline_view(
                store,
                selection.events,
                view_start=query.view_start,
                matched=selection.matched,
                details=details,
                advice="`timeline export` gives the whole text",
            )
        elif not store.events:
            view = no_events_yet(store, *_how_to_add(ctx))
        else:
            view = no_events()
        if svg is not None:
            _write_svg(svg, view, store.title, store.path)
            return
        views = [view]
        if hidden:
            from timeline.render import not_shown

            views.append(not_shown(hidden, older=not reverse, advice=SEE_MORE))
        _print(*views, crop=bool(store.events))  # the command to add one is never cut


def _how_to_add(ctx: typer.Context) -> tuple[str, str]:
    """The command that adds an event to the store in use (named again if --store named it),
    and what else adds events."""
    import shlex

    settings: Settings = ctx.obj
    command = "timeline"
    if settings.store is not None:
        command += f" --store {shlex.quote(str(settings.store))}"
    return (
        f"{command} add --date DATE --title TEXT --type TYPE",
        "or draft events from an article with `timeline extract`, then file them with "
        "`timeline add --from`.",
    )


def _write_svg(path: Path, view: "RenderableType", title: str, store_path: Path) -> None:
    """The view as rich draws it in a 100-column true-colour terminal, saved as SVG."""
    import io

    from rich.console import Console

    from timeline.literal import visible

    console = Console(
        file=io.StringIO(),
        record=True,
        width=100,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(view)
    _write_output(path, [console.export_svg(title=visible(title))], store_path, option="--svg")
    _warn(f"wrote {path}")


def _write_output(path: Path, chunks: Iterable[str], store_path: Path, *, option: str) -> None:
    """Write a command's output to a file, atomically; never over the store being read."""
    from timeline.atomic import write_atomic

    if path.exists() and path.samefile(store_path):
        raise UsageError(f"{option} {str(path)!r} is the store being read; choose another file")
    try:
        write_atomic(path, (chunk.encode("utf-8") for chunk in chunks))
    except OSError as error:
        hint = "; give - to write to standard output" if error.errno == errno.EINVAL else ""
        raise TimelineError(f"{path}: cannot write: {error.strerror or error}{hint}") from None


def _save_output(path: Path, save: Any, arguments: tuple[Any, ...], store_path: Path) -> None:
    """Write a file-format export (a database) to path, atomically; never over the store."""
    from timeline.atomic import write_atomic

    if path.exists() and path.samefile(store_path):
        raise UsageError(f"-o {str(path)!r} is the store being read; choose another file")
    notes: list[str] = []
    try:
        write_atomic(path, (), fill=lambda temporary: notes.extend(save(*arguments, temporary)))
    except OSError as error:
        raise TimelineError(f"{path}: cannot write: {error.strerror or error}") from None
    for note in notes:
        _warn(note)


@app.command()
def export(
    ctx: typer.Context,
    format_name: Annotated[
        str | None,
        _option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="The output format ('timeline formats' lists them). "
            "Default: from the extension of -o, else markdown.",
            complete=completion.export_formats,
        ),
    ] = None,
    mermaid: Annotated[
        bool,
        typer.Option("--mermaid", help="Markdown: add a Mermaid timeline diagram of the events."),
    ] = False,
    output: Annotated[
        Path | None,
        _option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (replaced atomically) instead of standard output.",
        ),
    ] = None,
    year: YearOption = None,
    start: FromOption = None,
    end: ToOption = None,
    actor: ActorOption = None,
    type_: TypeOption = None,
    tag: TagOption = None,
    search: SearchOption = None,
    source: SourceOption = None,
    contested: ContestedOption = False,
    limit: LimitOption = None,
    reverse: ReverseOption = False,
) -> None:
    """Write the selected events as Markdown, JSON or another format."""
    with _reporting(ctx):
        from timeline import exporters

        to_stdout = output is None or str(output) == "-"
        if format_name is not None:
            export_format = exporters.by_name(format_name)
        elif not to_stdout:
            assert output is not None
            try:
                export_format = exporters.by_path(output)
            except BadValue as error:
                raise UsageError(f"{_bad_value('-o', error)}; give --format") from None
        else:
            export_format = exporters.by_name("markdown")
        if mermaid and export_format.name != "markdown":
            raise UsageError("--mermaid goes with --format markdown")
        if export_format.save is not None and to_stdout:
            raise UsageError(
                f"{export_format.name} is a file, not a text: give -o FILE "
                f"(such as -o events{export_format.extensions[0]})"
            )
        query = build_query(
            year, start, end, actor, type_, tag, search, limit, reverse, source, contested
        )
        store = _load(ctx)
        from timeline.query import select

        events = select(store, query).events
        matched = bool(events)
        if export_format.holds is not None:
            held = [event for event in events if export_format.holds.test(event)]
            if len(held) < len(events):
                left = len(events) - len(held)
                _warn(
                    f"left out {left} of the {len(events)} events: {export_format.name} holds "
                    f"{export_format.holds.what}"
                )
            events = held
        if not store.events:
            _warn(f"{store.path} has no events yet; writing an empty document")
        elif not matched:
            _warn("no events match these filters; writing an empty document")
        elif not events:
            _warn("writing an empty document")
        options = exporters.ExportOptions(mermaid=mermaid)
        if export_format.save is not None:
            assert output is not None
            _save_output(output, export_format.save, (store, events, options), store.path)
            _warn(f"wrote {_plural(len(events), 'event')} to {output} ({export_format.name})")
            return
        chunks = export_format.write(store, events, options)
        if to_stdout:
            stream = sys.stdout.buffer
            for chunk in chunks:
                stream.write(chunk.encode("utf-8"))
            stream.flush()
            return
        assert output is not None
        _write_output(output, chunks, store.path, option="-o")
        _warn(f"wrote {_plural(len(events), 'event')} to {output} ({export_format.name})")


@app.command()
def add(
    ctx: typer.Context,
    date: DateField = None,
    title: TitleField = None,
    type_: TypeField = None,
    end: EndField = None,
    when: WhenField = None,
    summary: SummaryField = None,
    actor: ActorsField = None,
    location: LocationField = None,
    source: SourcesField = None,
    quote: QuotesField = None,
    tag: TagsField = None,
    note: NoteField = None,
    figure: FiguresField = None,
    event_id: Annotated[
        str | None,
        _option(
            "--id", metavar="ID", help="The event's id. Default: made from the date and the title."
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Print the TOML that would be added; write nothing.",
        ),
    ] = False,
    from_file: Annotated[
        Path | None,
        _option(
            "--from",
            metavar="FILE",
            help="Add every event of a draft file (as `timeline extract` writes it, TOML or "
            "JSON) that the store does not have yet, instead of one event from the options.",
        ),
    ] = None,
    allow_duplicate: Annotated[
        bool,
        typer.Option(
            "--allow-duplicate",
            help="Add events even when the store has them already (the same date and title, "
            "or the same source and quote).",
        ),
    ] = False,
) -> None:
    """Add one event to the store, validated first; the rest of the file is kept as it is."""
    with _reporting(ctx):
        from timeline.store import Change

        store_file = _store_file(ctx)
        if from_file is not None:
            given_fields = [date, title, type_, end, when, summary, actor, location, source]
            if any([*given_fields, quote, tag, note, figure, event_id]):
                raise UsageError("--from adds the file's events; give no event fields with it")
            _add_drafts(store_file, from_file, dry_run=dry_run, allow_duplicate=allow_duplicate)
            return
        figures = _figures(figure)
        given: dict[str, Any] = {"date": date, "title": title, "type": type_}
        missing = [name for name, value in given.items() if not value]
        store: Store | None = None
        if missing and _interactive():
            store = _read(store_file)
            given.update(_ask([*missing, *([] if actor else ["actors"])], store))
            actor = given.get("actors") or actor
        elif missing:
            options = ", ".join(f"--{name}" for name in missing)
            raise UsageError(f"missing {options} (needed for every event)")
        store = _read(store_file) if store is None else store
        named_type, source, actor = _declared_ids(store, given["type"], source, actor)
        fields = {
            "id": event_id,
            "date": given["date"],
            "end": end,
            "when": when,
            "title": given["title"],
            "summary": summary,
            "type": named_type,
            "actors": actor,
            "location": location,
            "sources": source,
            "quotes": quote,
            "tags": tag,
            "note": note,
            "figures": figures,
        }
        change = Change(
            events=({key: value for key, value in fields.items() if value},),
            allow_duplicate=allow_duplicate,
        )
        try:
            outcome = store_file.validate(change) if dry_run else store_file.apply(change)
        except Duplicates as error:
            found = error.found[0]
            raise TimelineError(
                f"already in the store as event {found.existing} ({found.reason}): not added; "
                "--allow-duplicate adds it anyway"
            ) from None
        if dry_run:
            sys.stdout.write(outcome.text)
        else:
            _warn(f"added event {outcome.ids[0]} to {store_file.path}")


def _declared_ids(
    store: "Store", type_: str | None, sources: list[str] | None, actors: list[str] | None
) -> tuple[str | None, list[str] | None, list[str] | None]:
    """The type, sources and actors options name, as the ids of the store's declarations
    they stand for (as show's filters find them): what add and edit write. A name the store
    does not declare is bad usage (UnknownName), as it is in show."""
    from timeline.query import actor_id, resolve_source, type_id

    return (
        type_id(store, type_) if type_ else type_,
        [resolve_source(store, source) for source in sources] if sources else sources,
        [actor_id(store, name) for name in actors] if actors else actors,
    )


def _add_drafts(
    store_file: "StoreFile", drafts_path: Path, *, dry_run: bool, allow_duplicate: bool
) -> None:
    """Add a draft file's events, skipping those the store has already (and saying which)."""
    from timeline.drafts import change_of, read_drafts
    from timeline.errors import Problem, StoreError

    change = change_of(read_drafts(drafts_path), _read(store_file), drafts_path)
    change = change._replace(allow_duplicate=allow_duplicate)
    drafts = list(range(len(change.events)))  # the draft each event of the change is
    skipped: list[str] = []
    while True:
        try:
            outcome = store_file.validate(change) if dry_run else store_file.apply(change)
            break
        except Duplicates as error:
            repeated = [found for found in error.found if found.added is not None]
            if repeated:
                raise StoreError(
                    [
                        Problem(
                            str(drafts_path),
                            None,
                            f"draft {drafts[found.place] + 1} repeats draft "
                            f"{drafts[found.added] + 1} ({found.reason}); remove one, or give "
                            "--allow-duplicate to add both",
                        )
                        for found in repeated
                        if found.added is not None
                    ]
                ) from None
            filed = {found.place: found for found in error.found}
            skipped += [
                f"draft {drafts[place] + 1} is already in the store as event "
                f"{found.existing} ({found.reason})"
                for place, found in sorted(filed.items())
            ]
            drafts = [draft for place, draft in enumerate(drafts) if place not in filed]
            events = tuple(e for place, e in enumerate(change.events) if place not in filed)
            if not events and not change.rewrites:
                if len(skipped) == 1:
                    _warn(f"{skipped[0]}: nothing added")
                else:
                    _warn(f"all {len(skipped)} drafts are already in the store: nothing added")
                return
            change = change._replace(events=events)
    for line in skipped:
        _warn(f"{line}: skipped")
    if dry_run:
        sys.stdout.write(outcome.text)
        return
    events_added = len(change.events)
    kinds = [section for section, _, _ in change.declarations]
    parts = [f"{events_added} event{'s' if events_added != 1 else ''}"]
    for section, noun in (("actors", "actor"), ("sources", "source"), ("types", "type")):
        if count := kinds.count(section):
            parts.append(f"{count} {noun}{'s' if count != 1 else ''}")
    if accounts := len(change.rewrites):
        parts.append(f"accounts to {accounts} event{'s' if accounts != 1 else ''}")
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    _warn(f"added {listed} to {store_file.path}")


@app.command(name="import")
def import_dataset(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A CSV or TSV file: an ACLED or UCDP GED export, or any table with --map.",
        ),
    ],
    profile_name: Annotated[
        str | None,
        _option(
            "--profile",
            metavar="PROFILE",
            help="acled, ged or csv. Default: recognised from the file's header row.",
        ),
    ] = None,
    dataset_name: Annotated[
        str | None,
        _option(
            "--dataset",
            metavar="NAME",
            help="csv: the dataset's name, which its events' refs begin with: give the same one "
            "for each newer file of a dataset. Default: the file's name.",
        ),
    ] = None,
    mapping: Annotated[
        list[str] | None,
        _option(
            "--map",
            metavar="FIELD=COLUMN",
            help="csv, repeatable: the column a field comes from (date, title, ref, end, summary, "
            "type, "
            "actors, location, latitude, longitude, killed, injured, sources, tags, note).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be added or updated; write nothing.")
    ] = False,
    prune: Annotated[
        bool,
        typer.Option("--prune", help="Remove the dataset's events that the file no longer has."),
    ] = False,
    skip_bad_rows: Annotated[
        bool,
        typer.Option("--skip-bad-rows", help="Import the good rows and list the bad ones."),
    ] = False,
    output: Annotated[
        Path | None,
        _option(
            "--output",
            "-o",
            metavar="DRAFTS",
            help="Write the new events as a draft file for `timeline add --from` instead.",
        ),
    ] = None,
) -> None:
    """Import a dataset's rows as events: new ones added, changed ones updated, in one write.

    Importing the same file again adds nothing; a newer export of the dataset updates the
    events whose rows changed. Examples, into ./events.toml or $TIMELINE_STORE (else give
    --store STORE before import):

    \b
      timeline import acled.csv                # an ACLED or a UCDP GED export
      timeline import ged.csv --dry-run        # what would be added or updated
      timeline import acled-newer.csv --prune  # and remove what it no longer has
      timeline import ged.csv -o drafts.toml   # drafts to review, then add --from
      timeline import table.tsv --profile csv --map date=Date --map title=Headline
      timeline import table.csv --profile csv --map date=When --map title=What \\
          --map actors=Who --map ref=Number --dataset battles
    """
    with _reporting(ctx):
        from timeline import importers
        from timeline.errors import Problem, StoreError
        from timeline.render import Progress
        from timeline.store import Change

        fields = _mapped_fields(mapping)
        progress = Progress(f"Reading {file}…")
        try:
            table = importers.open_table(file, progress)
        except OSError as error:
            raise TimelineError(f"{file}: cannot read: {error.strerror or error}") from None
        if output is not None and (dry_run or prune):
            given = "--dry-run" if dry_run else "--prune"
            raise UsageError(f"-o writes the new events as drafts, and nothing else: no {given}")
        if not table.header:
            raise StoreError([Problem(str(file), None, "empty: no header row, no rows")])
        if profile_name is not None:
            profile = importers.by_name(profile_name)
            if profile.name != "csv" and not profile.recognises(table.header):
                raise UsageError(
                    f"{file}: its header lacks the columns of {profile.description}: give the "
                    "file's own profile, or leave --profile out to have it recognised"
                )
        else:
            found = importers.recognise(table.header)
            if found is None:
                raise UsageError(
                    f"{file}: its header is not one of a known dataset's; give --profile csv "
                    "and --map FIELD=COLUMN (or --profile acled, ged)"
                )
            profile = found
        if dataset_name is not None and profile.dataset:
            raise UsageError(f"--dataset goes with --profile csv ({profile.name} is itself one)")
        dataset = profile.dataset or _dataset_name(dataset_name or file.stem)
        if profile.name == "csv":
            fields = _checked_mapping(fields, table.header, file)
        elif fields:
            raise UsageError("--map goes with --profile csv")
        if missing := importers.missing_columns(profile, table.header):
            names = ", ".join(missing)
            message = f"the header has no column {names}, which every such file has: {_NOTHING}"
            raise StoreError([Problem(str(file), 1, message)])
        options = importers.Options(fields, dataset)
        store_file = _store_file(ctx)
        store = _read(store_file)
        records = importers.Records(table, profile, options, file)
        with _notice_if_slow(progress):
            plan = importers.plan(store, records, dataset, file)
        bad, rows = records.bad, records.rows
        if bad and not skip_bad_rows:
            raise StoreError([*bad, Problem(str(file), None, _NOTHING_IMPORTED)])
        store_path = store.path
        del store  # the plan holds what the write needs
        for problem in bad:
            _warn(f"{problem}: row skipped")
        if output is not None:
            _write_import_drafts(output, plan, store_path)
            if plan.edits:
                _warn(
                    f"{_plural(len(plan.edits), 'row')} would update events of {store_path}: "
                    "drafts hold new events only; import the file into the store to update them"
                )
            return
        removals = tuple(plan.gone) if prune else ()
        change = Change(
            declarations=tuple(plan.declarations),
            events=tuple(plan.added),
            edits=tuple(plan.edits),
            removals=removals,
            allow_duplicate=True,  # rows are told apart by their refs, not their titles
        )
        if plan.added or plan.edits or removals:
            events = len(plan.added)
            doing = "Checking" if dry_run else "Writing and checking"
            writing = Progress(f"{doing} {events:,} new events…")
            with _notice_if_slow(writing):
                if dry_run:
                    store_file.validate(change, writing)
                else:
                    store_file.apply(change, writing)
        would = "would be " if dry_run else ""
        _say(
            f"{file}: {_plural(rows, 'row')}{f' ({len(bad):,} skipped)' if bad else ''}: "
            f"{len(plan.added):,} {would}added, {len(plan.edits):,} {would}updated, "
            f"{plan.unchanged:,} unchanged"
        )
        if dry_run:
            added = [str(event["id"]) for event in plan.added]
            for ids, what in ((added, "added"), ([i for i, _ in plan.edits], "updated")):
                if ids:
                    _say(f"{what}: {_few(ids)}")
        if plan.gone:
            what = f"{_plural(len(plan.gone), 'event')} of {dataset} that the file no longer has"
            if prune:
                _say(f"{what}: {would}removed: {_few(plan.gone)}")
            else:
                _say(f"{what}: kept (--prune removes them): {_few(plan.gone)}")


_NOTHING = "nothing imported"
_NOTHING_IMPORTED = f"{_NOTHING}: fix these rows, or give --skip-bad-rows to leave them out"


def _plural(count: int, noun: str) -> str:
    """A count of things in words: "1 row", "20,000 rows"."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _few(names: list[str], most: int = 10) -> str:
    shown = ", ".join(names[:most])
    return shown + (f", … ({len(names) - most} more)" if len(names) > most else "")


def _dataset_name(name: str) -> str:
    """The dataset's name as its refs begin with it: a slug of the name given, or of the
    file's name."""
    from timeline.names import slug

    return slug("", name) or "csv"


def _mapped_fields(given: list[str] | None) -> dict[str, str]:
    from timeline.importers.columns import FIELDS
    from timeline.names import did_you_mean

    fields: dict[str, str] = {}
    for written in given or []:
        field, equals, column = written.partition("=")
        if not equals or not field.strip() or not column.strip():
            raise UsageError(f"--map {written!r}: expected FIELD=COLUMN, such as date=Date")
        if field.strip() not in FIELDS:
            raise UsageError(f"--map {written!r}: no field {field!r}{did_you_mean(field, FIELDS)}")
        fields[field.strip()] = column.strip()
    return fields


def _checked_mapping(fields: dict[str, str], header: list[str], file: Path) -> dict[str, str]:
    from timeline.names import did_you_mean

    for needed in ("date", "title"):
        if needed not in fields:
            raise UsageError(f"--profile csv needs --map {needed}=COLUMN")
    for given, other in (("latitude", "longitude"), ("longitude", "latitude")):
        if given in fields and other not in fields:  # half a point is no place
            raise UsageError(f"--map {given}=COLUMN needs --map {other}=COLUMN too")
    for field, column in fields.items():
        if column not in header:
            raise UsageError(
                f"--map {field}={column}: {file} has no column {column!r}"
                f"{did_you_mean(column, header)}"
            )
    return fields


def _write_import_drafts(output: Path, plan: Any, store_path: Path) -> None:
    """The new events of an import, and what they declare, as a draft file."""
    from timeline.store import declaration_table, event_table

    tables = [f"# {line}" for line in DRAFT_REVIEW]
    tables += [declaration_table(*declared) for declared in plan.declarations]
    tables += [event_table(event) for event in plan.added]
    text = "\n".join(tables) + "\n"
    if str(output) == "-":
        sys.stdout.write(text)
        return
    _write_output(output, [text], store_path, option="-o")
    _warn(f"wrote {_plural(len(plan.added), 'draft event')} to {output}")


@app.command()
def extract(
    ctx: typer.Context,
    articles: Annotated[
        list[str],
        typer.Argument(
            metavar="ARTICLE",
            show_default=False,
            help="The articles as UTF-8 text files, or - to read one from standard input.",
        ),
    ],
    published: Annotated[
        list[str] | None,
        _option(
            "--published",
            metavar="DATE",
            help="The day the article was published: 2023-09-21, or day first as the "
            "article's numeric dates are read, 21.09.2023; once per article, in their order. "
            "Default: its dateline.",
        ),
    ] = None,
    format_name: Annotated[
        str,
        _option("--format", "-f", metavar="FORMAT", help="toml (the default) or json."),
    ] = "toml",
    source_id: Annotated[
        str | None,
        _option(
            "--source",
            metavar="ID",
            help="The store's source for the article (one article only). Default: the source "
            "whose file it is, else a new source drafted from the article.",
            complete=completion.source_ids,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        _option("--output", "-o", metavar="FILE", help="Write the drafts here, not to stdout."),
    ] = None,
    no_planned: Annotated[
        bool,
        typer.Option(
            "--no-planned",
            help="Leave out what the article says will happen (drafted tagged planned otherwise).",
        ),
    ] = False,
) -> None:
    """Draft one event for every dated statement of articles, for review, then add --from."""
    with _reporting(ctx):
        from timeline.drafts import to_json, to_toml
        from timeline.extract import extract as draft_events
        from timeline.literal import visible
        from timeline.render import Progress
        from timeline.reports import against_store, combine

        if format_name not in ("toml", "json"):
            raise UsageError(f"--format {format_name!r}: choose toml or json")
        days = [_published_day(value) for value in published or []]
        if days and len(days) != len(articles):
            raise UsageError(
                f"--published is given {len(days)} times for {len(articles)} articles: give it "
                "once per article, in their order, or not at all"
            )
        if source_id is not None and len(articles) > 1:
            raise UsageError("--source names the store's source of one article: give one")
        if articles.count("-") > 1:
            raise UsageError("- (standard input) can be read once")
        store_file = _store_file(ctx)
        store = _read(store_file)
        extractions = []
        for number, article in enumerate(articles):
            text = _article_text(article)
            source = _article_source(store_file, store, article, text, source_id)
            name = article
            if source is None and article != "-":
                name = store_file.source_name(Path(article))
            progress = Progress(f"Drafting events from {visible(article)}…")
            with _notice_if_slow(progress):
                extractions.append(
                    draft_events(
                        text,
                        store,
                        published=days[number] if days else None,
                        source=source,
                        name=name,
                        progress=progress,
                        planned=not no_planned,
                    )
                )
        extraction = extractions[0] if len(extractions) == 1 else combine(extractions, store)
        extraction = against_store(extraction, store)
        label = ", ".join(articles)
        document = (
            to_json(extraction)
            if format_name == "json"
            else to_toml(extraction, label, DRAFT_REVIEW)
        )
        if output is None:
            sys.stdout.write(document)
        else:
            _write_output(output, [document], store.path, option="-o")
            _warn(f"wrote {_plural(len(extraction.drafts), 'draft')} to {output}")
        if extraction.accounts:
            count = len(extraction.accounts)
            _warn(f"{count} account{'s' if count != 1 else ''} of events the store has")
        if not extraction.drafts and not extraction.accounts:
            _warn(f"{label}: no dated statements found")


def _published_day(value: str) -> "date":
    first = _user_date(value, "--published", first=True)
    if first is None or first != _user_date(value, "--published", first=False):
        raise UsageError(f"--published {value!r}: give the day, e.g. 2023-09-21")
    return first


def _article_text(article: str) -> str:
    """An article's text, its size checked before it is read: no more than the limit is."""
    from timeline.errors import ArticleTooBig
    from timeline.extract import MAX_ARTICLE_BYTES, check_size
    from timeline.store import read_text

    try:
        if article == "-":
            from timeline.store import decode

            data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
            check_size(article, len(data) if len(data) <= MAX_ARTICLE_BYTES else None)
            return decode(data, "<stdin>")
        try:
            size = Path(article).stat().st_size
        except OSError:
            size = 0  # read_text says what is wrong with it
        check_size(article, size)
        return read_text(Path(article))
    except ArticleTooBig as error:
        given = "" if error.size is None else f" ({error.size:,} bytes)"
        raise TimelineError(
            f"{article}: the article{given} is over the {error.limit // 2**20} MiB "
            f"({error.limit:,} bytes) that extract reads; split it into parts"
        ) from None


def _article_source(
    store_file: "StoreFile", store: "Store", article: str, text: str, source_id: str | None
) -> "Source | None":
    """The store's source for the article: the one named, else the one whose file it is."""
    if source_id is not None:
        if source_id not in store.sources:
            raise UnknownName("source", source_id, store.sources)
        return store.sources[source_id]
    from timeline.errors import StoreError
    from timeline.store import read_text

    for source in store.sources.values():
        if not source.file:
            continue
        candidate = store_file.source_path(source.file)
        try:
            if article != "-" and candidate.resolve() == Path(article).resolve():
                return source
            if read_text(candidate) == text:
                return source
        except (OSError, StoreError):
            continue
    return None


def _interactive() -> bool:
    """Whether a person is at the keyboard to answer questions."""
    return sys.stdin.isatty()


def _ask(missing: list[str], store: "Store") -> dict[str, Any]:
    """Ask for the fields the options left out (only on a terminal): each answer is checked
    as it is typed, and asked again with what is wrong until it is right."""
    from rich.prompt import Prompt
    from rich.text import Text

    from timeline.names import known

    types = sorted(store.types)
    actors = sorted(actor.name for actor in store.actors.values())
    questions = {
        "date": "Date (2023-05-17, 2020-09, 'late 2023-05', 1988)",
        "title": "Title",
        "type": f"Type ({known(types)})",
        "actors": f"Actors, separated by commas ({known(actors)}; Enter for none)",
    }
    console = _console(stderr=True)
    answers: dict[str, Any] = {}
    for name in missing:
        while True:
            try:
                # As Text, not markup: a type or a name shows as it is written.
                answer = Prompt.ask(Text(questions[name]), console=console).strip()
            except EOFError:
                raise UsageError(f"no answer for --{name.rstrip('s')}") from None
            try:
                answers[name] = _answer(name, answer, store)
                break
            except TimelineError as error:
                console.print(f"  {error}; try again", soft_wrap=True)
    return answers


def _answer(name: str, answer: str, store: "Store") -> Any:
    """An answer to _ask's question for a field, as the field takes it; TimelineError when
    the store would refuse it."""
    if name == "date":
        from timeline.dates.syntax import DateSyntaxError, parse_date

        try:
            parse_date(answer)
        except DateSyntaxError as error:
            raise TimelineError(str(error)) from None
        return answer
    if name == "title":
        if not answer:
            raise TimelineError("every event needs a title")
        return answer
    if name == "type":
        from timeline.query import type_id

        return type_id(store, answer)
    from timeline.query import actor_id

    return [actor_id(store, part.strip()) for part in answer.split(",") if part.strip()]


@app.command()
def edit(
    ctx: typer.Context,
    event_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The event to edit.",
            click_type=completion.Completing(completion.event_ids),
        ),
    ],
    new_id: Annotated[
        str | None, _option("--id", metavar="ID", help="A new id for the event.")
    ] = None,
    date: DateField = None,
    title: TitleField = None,
    type_: TypeField = None,
    end: EndField = None,
    when: WhenField = None,
    summary: SummaryField = None,
    actor: ActorsField = None,
    location: LocationField = None,
    source: SourcesField = None,
    quote: QuotesField = None,
    tag: TagsField = None,
    note: NoteField = None,
    figure: FiguresField = None,
    account: Annotated[
        str | None,
        _option(
            "--account",
            metavar="SOURCE",
            help="Set what this source says instead of the event's own reading: its account "
            "(made if there is none) takes --date, --end, --when, --location, --actor, "
            "--figure, --quote and --note, and --drop account removes it.",
            complete=completion.source_ids,
        ),
    ] = None,
    drop: Annotated[
        list[str] | None,
        _option("--drop", metavar="FIELD", help="Remove this field from the event. Repeatable."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the event as it would be; write nothing.")
    ] = False,
) -> None:
    """Edit one event: in your editor ($VISUAL, $EDITOR), or set fields with the options.

    An option sets its field (a repeatable one replaces the whole list, --figure all the
    figures); --drop removes one. With --account SOURCE they set what that source says.
    """
    with _reporting(ctx):
        from timeline.store import Change

        store_file = _store_file(ctx)
        figures = _figures(figure)
        if account is not None:
            event_only: dict[str, object] = {"--id": new_id, "--title": title}
            event_only |= {"--summary": summary, "--type": type_, "--source": source, "--tag": tag}
            given_there = [option for option, value in event_only.items() if value is not None]
            if given_there:
                raise UsageError(
                    f"{given_there[0]} is the event's own: an account takes --date, --end, "
                    "--when, --location, --actor, --figure, --quote and --note"
                )
            account_fields: dict[str, Any] = {
                "date": date,
                "end": end,
                "when": when,
                "location": location,
                "note": note,
                "actors": actor,
                "figures": figures,
                "quotes": quote,
            }
            _edit_account(
                store_file, event_id, account, account_fields, drop or [], dry_run=dry_run
            )
            return
        if type_ or source or actor:
            type_, source, actor = _declared_ids(_read(store_file), type_, source, actor)
        given = {
            "id": new_id,
            "date": date,
            "end": end,
            "when": when,
            "title": title,
            "summary": summary,
            "type": type_,
            "location": location,
            "note": note,
            "actors": actor,
            "sources": source,
            "quotes": quote,
            "tags": tag,
            "figures": figures,
        }
        fields: dict[str, Any] = {key: value for key, value in given.items() if value is not None}
        for name in drop or []:
            from timeline.store import OPTIONAL_EVENT_FIELDS

            if name not in OPTIONAL_EVENT_FIELDS:
                known = ", ".join(OPTIONAL_EVENT_FIELDS)
                raise UsageError(f"--drop {name!r}: not a field that can be dropped ({known})")
            if name in fields:
                raise UsageError(f"--drop {name}: the field is also given a value")
            fields[name] = None
        if fields:
            change = Change(edits=((event_id, fields),))
            if dry_run:
                sys.stdout.write(store_file.validate(change).text)
                return
            _say_edited(store_file, store_file.apply(change), event_id)
            return
        if dry_run:
            raise UsageError("--dry-run shows an edit made with options; give the fields to set")
        if not _interactive():
            raise UsageError(
                "edit opens an editor, which needs a terminal; without one, give the fields "
                "to set as options (--title TEXT, --date DATE, ...)"
            )
        store_file.check_writable()  # before the user spends work in the editor
        _edit_in_editor(store_file, event_id)


def _edit_account(
    store_file: "StoreFile",
    event_id: str,
    source: str,
    given: dict[str, Any],
    drop: list[str],
    *,
    dry_run: bool,
) -> None:
    """Set the fields of what source says of the event (or remove its account: --drop
    account). A new account of a source the event does not cite yet adds the source to the
    event's sources: an account is what one of its sources says."""
    from timeline.query import find_event
    from timeline.store import Change
    from timeline.store.schema import ACCOUNT_FIELDS

    store = _read(store_file)
    if source not in store.sources:  # a misspelt id: usage, as --source has it
        from timeline.names import hint, suggest

        sources = list(store.sources)
        said = hint(suggest(source, sources), sources)
        raise UsageError(f"--account {source!r}: no such source{said}")
    fields: dict[str, Any] = {key: value for key, value in given.items() if value is not None}
    if fields.get("actors"):
        _, _, fields["actors"] = _declared_ids(store, None, None, fields["actors"])
    droppable = [name for name in ACCOUNT_FIELDS if name != "source"]
    for name in drop:
        if name not in (*droppable, "account"):
            known = ", ".join([*droppable, "account"])
            raise UsageError(f"--drop {name!r}: not a field of an account ({known})")
        if name in fields:
            raise UsageError(f"--drop {name}: the field is also given a value")
    removing = "account" in drop
    if removing and (fields or len(drop) > 1):
        raise UsageError("--drop account removes the whole account: give no other field")
    if not fields and not drop:
        raise UsageError(
            "--account SOURCE sets what the source says: give the fields to set "
            "(--date DATE, --quote TEXT, --figure NAME=N, ...)"
        )
    fields |= dict.fromkeys(drop)
    event = find_event(store, event_id)
    edits: tuple[tuple[str, dict[str, Any]], ...] = ()
    if not removing and source not in event.sources and source in store.sources:
        edits = ((event_id, {"sources": [*event.sources, source]}),)
    change = Change(edits=edits, account_edits=((event_id, source, None if removing else fields),))
    if dry_run:
        sys.stdout.write(store_file.validate(change).text)
        return
    outcome = store_file.apply(change)
    if outcome.unchanged:
        _warn(f"the account of {source} in event {event_id} is unchanged")
        return
    done = "removed" if removing else "edited"
    also = f" (and cited {source} among its sources)" if edits else ""
    _warn(f"{done} the account of {source} in event {event_id}{also} in {store_file.path}")


def _edit_in_editor(store_file: "StoreFile", event_id: str) -> None:
    """Open the event's TOML in the editor until it is saved without errors, or given up."""
    from timeline import editor
    from timeline.errors import StoreError
    from timeline.store import Change, ChangedOnDisk

    command = editor.editor_command(os.environ)
    original = store_file.event_text(event_id)
    scratch = editor.scratch_file(event_id, original.text.replace("\r\n", "\n"))
    keep = False
    try:
        while True:
            editor.run_editor(command, scratch)
            text = editor.without_errors(scratch.read_text(encoding="utf-8"))
            if editor.is_empty(text):
                raise _GaveUp("the event was emptied: nothing was changed")
            if text.replace("\r\n", "\n") == original.text.replace("\r\n", "\n"):
                _warn(f"event {event_id} is unchanged")
                return
            change = Change(rewrites=((event_id, text),), expected=original.mark)
            try:
                outcome = store_file.apply(change)
            except ChangedOnDisk as error:
                keep = True
                raise StoreError(
                    [
                        p._replace(message=f"{p.message}; your edit is kept in {scratch}")
                        for p in error.problems
                    ]
                ) from None
            except StoreError as error:
                lines = [problem.what for problem in error.problems]
                for line in error.lines():
                    _warn(line)
                if not typer.confirm("Edit again?", default=True, err=True):
                    raise _GaveUp("nothing was changed") from None
                editor.write(scratch, editor.with_errors(text, lines))
                continue
            _say_edited(store_file, outcome, event_id)
            return
    finally:
        if not keep:
            editor.discard(scratch)


def _say_edited(store_file: "StoreFile", outcome: "Outcome", event_id: str) -> None:
    """Say what an edit did, naming the event by the id the store has (or now has)."""
    [now] = outcome.edited or (event_id,)
    if outcome.unchanged:
        _warn(f"event {now} is unchanged")
    else:
        _warn(f"edited event {now} in {store_file.path}")


class _GaveUp(TimelineError):
    """The user left the editor without a valid event: the store is unchanged (exit 1)."""


@app.command(name="rm")
def remove(
    ctx: typer.Context,
    event_ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID",
            help="The events to remove.",
            show_default=False,
            click_type=completion.Completing(completion.event_ids),
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Remove without asking.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the TOML that would be removed; write nothing.")
    ] = False,
) -> None:
    """Remove events from the store (it asks first, unless --yes)."""
    with _reporting(ctx):
        from timeline.store import Change

        store_file = _store_file(ctx)
        found = store_file.event_texts(event_ids)
        change = Change(removals=tuple(event_ids), expected=found.mark)
        if not yes or dry_run:
            # Refused before anything is asked or printed; with --yes, apply checks alike.
            store_file.validate(change)
        if dry_run:
            sys.stdout.write("\n".join(found.texts))
            return
        count = len(found.ids)
        noun = f"{count} event{'s' if count != 1 else ''}"
        if not yes:
            if not _interactive():
                raise UsageError(
                    f"rm asks before removing {noun}; give --yes to remove without asking"
                )
            for line in _event_lines(store_file, found.ids):
                _say(line)
            if not typer.confirm(f"Remove {noun} from {store_file.path}?", default=False, err=True):
                raise _GaveUp("nothing was removed")
        store_file.apply(change)
        _warn(f"removed {noun} from {store_file.path}")


def _event_lines(store_file: "StoreFile", event_ids: list[str]) -> list[str]:
    """Each event's id, date and title, for the question before removing them (the ids
    alone when the store cannot be read)."""
    from timeline.errors import StoreError
    from timeline.query import find_event

    try:
        store = _read(store_file)
    except StoreError:
        return event_ids
    events = [find_event(store, event_id) for event_id in event_ids]
    return [f"{event.id}  {event.date_text}  {event.title}" for event in events]


@app.command()
def info(
    ctx: typer.Context,
    event_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The event's id.",
            click_type=completion.Completing(completion.event_ids),
        ),
    ],
    color: ColorOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """Show one event in full: summary, quotes, actors with their roles, sources."""
    _view_options(color, no_pager)
    with _reporting(ctx):
        store = _load(ctx)
        from timeline.query import find_event
        from timeline.render import event_view

        event = find_event(store, event_id)
        _print(event_view(store, event, advice="`timeline export` gives the whole text"))


# Declarations: `actors`, `types` and `sources` list when called alone; `add` declares one,
# `rm` removes one. Each writes through StoreFile.apply, validated with the whole store.
# The options of the declaring commands whose names differ from the fields they fill.
DECLARE_OPTIONS = {"aliases": "--alias", "part_of": "--part-of", "id": "ID"}
DeclaredId = Annotated[
    str, typer.Argument(metavar="ID", show_default=False, help="The id events will name it by.")
]
DryRunDeclaration = Annotated[
    bool,
    typer.Option("--dry-run", help="Print the TOML that would be added; write nothing."),
]


def _declare(
    ctx: typer.Context,
    section: str,
    item_id: str,
    fields: dict[str, Any],
    *,
    dry_run: bool,
    store_file: "StoreFile | None" = None,
) -> None:
    """Declare item_id in section with the fields given (None: not given)."""
    from timeline.errors import NotText
    from timeline.store import Change

    if not item_id.strip():
        raise UsageError("ID must not be empty")
    store_file = store_file or _store_file(ctx)
    given = {key: value for key, value in fields.items() if value is not None and value != []}
    change = Change(declarations=((section, item_id, given),))
    try:
        outcome = store_file.validate(change) if dry_run else store_file.apply(change)
    except NotText as error:
        option = DECLARE_OPTIONS.get(error.field, f"--{error.field}")
        raise UsageError(f"{option}: {error.reason}") from None
    if dry_run:
        sys.stdout.write(outcome.text)
        return
    _warn(f"declared {DECLARATION_NOUNS[section]} {item_id} in {store_file.path}")


def _missing(option: str, section: str) -> NoReturn:
    raise UsageError(f"missing {option} (needed for every {DECLARATION_NOUNS[section]})")


def actors_add(
    ctx: typer.Context,
    actor_id: DeclaredId,
    name: Annotated[
        str | None, _option("--name", metavar="NAME", help="The actor's name (required).")
    ] = None,
    kind: Annotated[
        str | None,
        _option("--kind", metavar="KIND", help="state, person, organisation, force, …"),
    ] = None,
    role: Annotated[
        str | None,
        _option("--role", metavar="TEXT", help="For a person: 'President of Azerbaijan'."),
    ] = None,
    alias: Annotated[
        list[str] | None,
        _option("--alias", metavar="NAME", help="Another name --actor finds it by. Repeatable."),
    ] = None,
    part_of: Annotated[
        list[str] | None,
        _option(
            "--part-of",
            metavar="ID",
            help="The id of an actor it acts for: --actor on that one finds this one too. "
            "Repeatable.",
            complete=completion.actor_ids,
        ),
    ] = None,
    dry_run: DryRunDeclaration = False,
) -> None:
    """Declare an actor, validated with the whole store; the rest of the file stays as it is."""
    with _reporting(ctx):
        if name is None:
            _missing("--name", "actors")
        fields = {"name": name, "kind": kind, "role": role, "aliases": alias, "part_of": part_of}
        _declare(ctx, "actors", actor_id, fields, dry_run=dry_run)


def types_add(
    ctx: typer.Context,
    type_id: DeclaredId,
    color: Annotated[
        str | None,
        _option(
            "--color",
            metavar="COLOUR",
            help="Its marker's colour (required): a terminal colour name (red, bright_cyan) "
            "or #rrggbb.",
        ),
    ] = None,
    description: Annotated[
        str | None,
        _option("--description", metavar="TEXT", help="What events of this type are."),
    ] = None,
    dry_run: DryRunDeclaration = False,
) -> None:
    """Declare an event type, validated with the whole store; the rest of the file stays as it
    is."""
    with _reporting(ctx):
        if color is None:
            _missing("--color", "types")
        fields = {"color": color, "description": description}
        _declare(ctx, "types", type_id, fields, dry_run=dry_run)


def sources_add(
    ctx: typer.Context,
    source_id: DeclaredId,
    title: Annotated[
        str | None,
        _option("--title", metavar="TEXT", help="The source's title or headline (required)."),
    ] = None,
    publisher: Annotated[
        str | None, _option("--publisher", metavar="TEXT", help="Who published it.")
    ] = None,
    published: Annotated[
        str | None,
        _option("--published", metavar="DATE", help="The day it was published: 2023-09-21."),
    ] = None,
    url: Annotated[str | None, _option("--url", metavar="URL", help="Where it is online.")] = None,
    file: Annotated[
        Path | None,
        _option(
            "--file",
            metavar="FILE",
            help="Its text as a UTF-8 file, which quotes are checked against; stored relative "
            "to the store's folder, with its sha256.",
        ),
    ] = None,
    dry_run: DryRunDeclaration = False,
) -> None:
    """Declare a source, validated with the whole store; the rest of the file stays as it is."""
    with _reporting(ctx):
        if title is None:
            _missing("--title", "sources")
        day = None
        if published is not None:
            first = _user_date(published, "--published", first=True)
            if first != _user_date(published, "--published", first=False):
                raise UsageError(f"--published {published!r}: give the day, e.g. 2023-09-21")
            day = first.isoformat() if first is not None else None
        store_file = _store_file(ctx)
        name = digest = None
        if file is not None:
            from timeline.store import file_sha256

            digest = file_sha256(file)
            name = store_file.source_name(file)
        fields = {
            "title": title,
            "publisher": publisher,
            "published": day,
            "url": url,
            "file": name,
            "sha256": digest,
        }
        _declare(ctx, "sources", source_id, fields, dry_run=dry_run, store_file=store_file)


_DECLARED_IDS = {
    "actors": completion.actor_ids,
    "types": completion.type_ids,
    "sources": completion.source_ids,
}


def _remover(section: str) -> Any:
    """The `rm` command of a section."""
    noun = DECLARATION_NOUNS[section]

    def remove(
        ctx: typer.Context,
        item_ids: Annotated[
            list[str],
            typer.Argument(
                metavar="ID",
                show_default=False,
                help=f"The id of each {noun} to remove.",
                click_type=completion.Completing(_DECLARED_IDS[section]),
            ),
        ],
        dry_run: Annotated[
            bool,
            typer.Option("--dry-run", help="Print the TOML that would be removed; write nothing."),
        ] = False,
    ) -> None:
        with _reporting(ctx):
            from timeline.store import Change

            store_file = _store_file(ctx)
            ids = list(dict.fromkeys(item_ids))  # each once, in the order given
            change = Change(retractions=tuple((section, item_id) for item_id in ids))
            try:
                if dry_run:
                    store_file.validate(change)
                    texts = [store_file.declaration_text(section, item_id) for item_id in ids]
                    sys.stdout.write("\n".join(texts))
                    return
                store_file.apply(change)
            except UnknownName as error:
                # Named by the command's argument, not by a query option (--actor).
                raise UsageError(str(error)) from None
            what = noun if len(ids) == 1 else section
            _warn(f"removed {what} {', '.join(ids)} from {store_file.path}")

    remove.__doc__ = (
        f"Remove {section} that nothing uses, or refuse naming what uses them; the rest of "
        "the file stays as it is."
    )
    return remove


_DECLARE: dict[str, Callable[..., None]] = {
    "actors": actors_add,
    "types": types_add,
    "sources": sources_add,
}


def _declarations(kind: str, listing: Any) -> None:
    """Register `timeline KIND` (the listing, when no subcommand follows), `KIND add` and
    `KIND rm`."""
    import functools

    group = App(
        name=kind,
        help=f"{listing.__doc__} `{kind} add` declares one, `{kind} rm` removes one.",
        invoke_without_command=True,
        no_args_is_help=False,
        rich_markup_mode=None,
    )

    @functools.wraps(listing)
    def list_or_change(ctx: typer.Context, **options: Any) -> None:
        if ctx.invoked_subcommand is None:
            listing(ctx, **options)
        elif any(options.values()):
            with _reporting(ctx):
                command = f"{kind} {ctx.invoked_subcommand}"
                raise UsageError(f"the listing's options go with `{kind}` alone, not `{command}`")

    group.callback()(list_or_change)
    group.command("add")(_DECLARE[kind])
    group.command("rm")(_remover(kind))
    app.add_typer(group)


def _listing(
    draw: Callable[["Store", list["Event"]], "RenderableType"], summary: str
) -> Callable[..., None]:
    """A command that lists what the store has (its actors, types, sources or tags) with how
    many of the events the filters select use each: draw(store, events) draws the list."""

    def listing(
        ctx: typer.Context,
        year: YearOption = None,
        start: FromOption = None,
        end: ToOption = None,
        actor: ActorOption = None,
        type_: TypeOption = None,
        tag: TagOption = None,
        search: SearchOption = None,
        source: SourceOption = None,
        contested: ContestedOption = False,
    ) -> None:
        with _reporting(ctx):
            query = build_query(
                year, start, end, actor, type_, tag, search, None, False, source, contested
            )
            store = _load(ctx)
            from timeline.query import select

            _print(draw(store, list(select(store, query).events)))

    listing.__doc__ = summary
    return listing


def _declared_counts(kind: str) -> Callable[["Store", list["Event"]], "RenderableType"]:
    def draw(store: "Store", events: list["Event"]) -> "RenderableType":
        from timeline.query import count_uses
        from timeline.render import declarations

        return declarations(store, kind, count_uses(store, events, kind))

    return draw


def _tag_counts(store: "Store", events: list["Event"]) -> "RenderableType":
    from timeline.query import tag_counts
    from timeline.render import tag_list

    return tag_list(tag_counts(store, events))


_LISTED = {
    "actors": "List the actors the store declares, with how many of the selected events involve "
    "each. An actor's count takes in its members' events, as --actor does.",
    "types": "List the types the store declares, with how many of the selected events use each.",
    "sources": "List the sources the store declares, with how many of the selected events use "
    "each.",
}
for _kind, _summary in _LISTED.items():
    _declarations(_kind, _listing(_declared_counts(_kind), _summary))


@app.command()
def init(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            show_default=False,
            help="The new store's file, such as karabakh.toml; it must not exist yet.",
        ),
    ],
    title: Annotated[
        str | None,
        _option(
            "--title",
            metavar="TEXT",
            help="The timeline's title. Asked for on a terminal; required elsewhere.",
        ),
    ] = None,
) -> None:
    """Start a new store: every section explained in comments, and a vocabulary of types."""
    with _reporting(ctx):
        from timeline.store import StoreExists, StoreFile, new_store_text

        if title is None:
            if not _interactive():
                raise UsageError("missing --title (asked for only on a terminal)")
            title = _ask_title()
        if not title.strip():
            raise UsageError("--title: must not be empty")
        try:
            StoreFile(path).create(new_store_text(title))
        except StoreExists as error:
            hint = f"; for a store in it: timeline init {path / 'events.toml'}"
            raise TimelineError(f"{error}{hint if error.what == 'a folder' else ''}") from None
        import shlex

        from timeline.store import locate_store

        # Where timeline finds it without --store: no need to say --store.
        found = locate_store(None, os.environ, Path.cwd()).resolve() == path.resolve()
        store = "" if found else f"--store {shlex.quote(str(path))} "
        _warn(f"created {path}; declare its sources and actors, then add events:")
        for command in ("sources add ID --title TITLE --file ARTICLE", "add --help"):
            sys.stderr.write(f"  timeline {store}{command}\n")


def _ask_title() -> str:
    """The new store's title, asked for until it is not blank."""
    from rich.prompt import Prompt

    console = _console(stderr=True)
    while True:
        answer = Prompt.ask("Title of the timeline", console=console).strip()
        if answer:
            return answer
        console.print("The title must not be empty.")


app.command("tags")(
    _listing(
        _tag_counts,
        "List the tags the store's events use, with how many of the selected events have each.",
    )
)


@app.command()
def check(ctx: typer.Context) -> None:
    """Check the store: every problem, one per line, then a summary. Exit 1 on errors."""
    with _reporting(ctx):
        from timeline.literal import visible

        store_file = _store_file(ctx)
        report = store_file.check()
        for problem in report.problems:
            typer.echo(visible(_problem_line(problem, [store_file])))
        typer.echo(visible(report.summary))
        if report.errors:
            raise typer.Exit(int(ExitStatus.ERROR))


@app.command()
def formats() -> None:
    """List the export formats: the names --format takes and the file extensions that select
    them."""
    from timeline.exporters import formats as all_formats

    rows = []
    for export_format in all_formats().values():
        names = ", ".join((export_format.name, *export_format.aliases))
        extensions = ", ".join(export_format.extensions)
        description = export_format.description
        if not extensions:  # only asked for by name
            description += f" (--format {export_format.name})"
        rows.append((names, extensions, description))
    import shutil
    import textwrap

    from timeline.render import READABLE_WIDTH

    width = min(shutil.get_terminal_size().columns, READABLE_WIDTH)
    names_width = max(len(names) for names, _, _ in rows)
    extensions_width = max(len(extensions) for _, extensions, _ in rows)
    beside = names_width + extensions_width + 4  # where the descriptions start
    for names, extensions, description in rows:
        if width - beside >= 30:  # a table: each description wrapped in its column
            lines = textwrap.wrap(description, width - beside) or [""]
            typer.echo(f"{names:<{names_width}}  {extensions:<{extensions_width}}  {lines[0]}")
            for line in lines[1:]:
                typer.echo(" " * beside + line)
        else:  # too narrow: each format as a block
            typer.echo(names)
            if extensions:
                typer.echo(f"  {extensions}")
            for line in textwrap.wrap(description, max(width - 2, 20)):
                typer.echo(f"  {line}")


def _console(*, stderr: bool = False) -> "Console":
    """A console for standard output (or error) in the colour --color asks for."""
    from rich.console import Console

    color = _running[0].color if _running else Color.AUTO
    plain: dict[str, Any] = {"highlight": False, "emoji": False, "markup": False, "stderr": stderr}
    if color is Color.NEVER:
        return Console(color_system=None, **plain)
    if color is Color.AUTO:
        return Console(**plain)  # colour on a terminal, not with NO_COLOR (rich's own rules)
    console = Console(force_terminal=True, no_color=False, **plain)
    if console.color_system is None:  # TERM says the terminal is dumb: colour all the same
        console = Console(force_terminal=True, no_color=False, color_system="standard", **plain)
    return console


def _view_options(color: Color | None, no_pager: bool) -> None:
    """A view's own --color and --no-pager, over the app's."""
    if _running:
        settings = _running[0]
        _running[0] = settings._replace(
            color=color or settings.color, pager=settings.pager and not no_pager
        )


def _print(*views: "RenderableType", crop: bool = True) -> None:
    """Print views on standard output; through the pager when that is a terminal, the pager
    is on, and they take more lines than the terminal has (with the prompt after them)."""
    console = _console()
    if not (_running and _running[0].pager and _is_terminal(sys.stdout)):
        for view in views:
            console.print(view, crop=crop)
        return
    with console.capture() as capture:
        for view in views:
            console.print(view, crop=crop)
    text = capture.get()
    if text.count("\n") < console.height or not _page(text):
        sys.stdout.write(text)
        sys.stdout.flush()


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


def _page(text: str) -> bool:
    """Show text through the pager ($TIMELINE_PAGER, else $PAGER, else less -FRX), as git
    does; False when there is none to run (cat or an empty value, or a program that cannot be
    run): then the caller prints the text. less is given LESS=FRX unless $LESS is set, so that
    colour passes through it and a text of one screen is not paged."""
    import shlex
    import subprocess

    command = os.environ.get("TIMELINE_PAGER", os.environ.get("PAGER", DEFAULT_PAGER))
    try:
        words = shlex.split(command)
    except ValueError:  # an unbalanced quote
        words = [command]
    if not words or words == ["cat"]:
        return False
    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")
    environment.setdefault("LV", "-c")  # lv, another pager, passes colour with -c
    try:
        pager = subprocess.Popen(words, stdin=subprocess.PIPE, env=environment)
    except OSError as error:
        _warn(f"cannot run the pager {command!r}: {error.strerror or error}; printing instead")
        return False
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "backslashreplace"))
        pager.stdin.close()
    except BrokenPipeError:  # quit before the end: nothing more to show
        pass
    while True:
        try:
            pager.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C is the pager's, as in git: wait for it to end
            continue


_running: list[Settings] = []  # the settings of the command running in this process


def _tell_notices() -> None:
    """Show what the stores used have to say that is no error (why the cache was skipped):
    the first such thing, once a command, before anything else said on standard error."""
    if not _running or _running[0].told:
        return
    settings = _running[0]
    notices = [notice for opened in settings.opened for notice in opened.notices]
    if notices:
        settings.told.append(notices[0])
        _say(notices[0])


def _warn(message: str) -> None:
    _tell_notices()
    _say(message)


def _say(message: str) -> None:
    from timeline.literal import visible

    sys.stderr.write(f"timeline: {visible(message)}\n")


@contextmanager
def _reporting(ctx: typer.Context) -> Iterator[None]:
    """Turn the core's errors into messages on standard error and an exit status; then say
    what the store has to say that is no error (why the cache was not used), once."""
    try:
        yield
    except BrokenPipeError:
        # The reader went away (| head): not an error. Point stdout at devnull so the
        # interpreter's final flush does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(int(ExitStatus.OK)) from None
    except TimelineError as error:
        from timeline.literal import visible

        _tell_notices()
        settings = ctx.find_object(Settings)
        for line in _lines(error, settings.opened if settings is not None else []):
            sys.stderr.write(f"timeline: {visible(line)}\n")
        if error.exit_status == ExitStatus.USAGE:
            sys.stderr.write(f"Try '{ctx.command_path} --help' for help.\n")
        raise typer.Exit(int(error.exit_status)) from None
    finally:
        _tell_notices()


def _lines(error: TimelineError, opened: "list[StoreFile]") -> list[str]:
    """The error in the command line's words: a value is named by the option that gave it;
    a store that does not exist, by the command that starts one (opened: the command's
    stores)."""
    from timeline.errors import NotText, ReadOnlyStore, StoreError

    if isinstance(error, StoreError):
        return [_problem_line(problem, opened) for problem in error.problems]

    if isinstance(error, UnknownName) and error.kind in OPTION_FOR:
        return [f"{OPTION_FOR[error.kind]} {error.value!r}: no such {error.kind}{error.hint}"]
    if isinstance(error, BadValue) and error.kind in OPTION_FOR:
        return [_bad_value(OPTION_FOR[error.kind], error)]
    if isinstance(error, NoDateline):
        return [f"{error}; give --published YYYY-MM-DD"]
    if isinstance(error, NotText):
        return [f"{ADD_OPTIONS.get(error.field, '--' + error.field)}: {error.reason}"]
    if isinstance(error, ReadOnlyStore):
        from timeline.store import BUNDLED_STORE

        return [
            "the bundled store is part of the installed package and is not changed; "
            "start your own with `timeline init events.toml` (or copy this one with its "
            f"article: cp -r {BUNDLED_STORE.parent}/. .), or give --store"
        ]
    return error.lines()


def _problem_line(problem: "Problem", opened: "list[StoreFile]") -> str:
    """A problem as its line says it; a store file that is not there also says how to start
    it, when its folder is (`timeline init` makes the file, not the folder)."""
    line = str(problem)
    if problem.line is not None or problem.severity != "error":
        return line
    for store_file in opened:
        path = store_file.path
        if problem.file == str(path) and not os.path.lexists(path) and path.parent.is_dir():
            import shlex

            return f"{line}; start a store there with `timeline init {shlex.quote(str(path))}`"
    return line


def _bad_value(option: str, error: BadValue) -> str:
    return f"{option} {error.value!r}: {error.reason}"


def _fail(message: str, status: ExitStatus) -> NoReturn:
    sys.stderr.write(f"timeline: {message}\n")
    raise SystemExit(int(status))


def main() -> None:
    """The program's single entry point: runs the app; no traceback unless TIMELINE_DEBUG."""
    # A character the terminal's encoding lacks is printed as an escape (\u25a0), not fatal.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    # The process ends with the command, and the store's records hold no cycles: the cycle
    # collector would only go through them again and again (0.4 s of a warm `show` of
    # 100,000 events, measured), and once more at exit. Off for this process, and frozen at
    # exit; only in this entry point: no core module changes the collector for its callers.
    gc.disable()
    atexit.register(gc.freeze)
    try:
        app(prog_name="timeline")
    except KeyboardInterrupt:
        _fail("interrupted", ExitStatus.ERROR)
    except Exception as error:
        if os.environ.get(DEBUG_ENV):
            raise
        _fail(
            f"internal error: {type(error).__name__}: {error} "
            f"(set {DEBUG_ENV}=1 to see the traceback)",
            ExitStatus.ERROR,
        )
