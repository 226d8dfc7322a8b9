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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer

from timeline import __version__
from timeline.errors import (
    BadValue,
    Duplicates,
    ExitStatus,
    NoDateline,
    TimelineError,
    UnknownName,
    UsageError,
)

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console, RenderableType

    from timeline.model import Source, Store
    from timeline.query import Query
    from timeline.store import StoreFile

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
    "format": "--format",
    "source": "--source",
}
SEE_MORE = "--all shows every event, --limit N the first N, --year or --from/--to a period."

app = typer.Typer(
    name="timeline",
    help="Keep a conflict's events in a plain TOML file; query, show and export them.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Settings(NamedTuple):
    """What the global options say, handed to every command."""

    store: Path | None
    use_cache: bool
    opened: list["StoreFile"]  # the store files this command used, to show their notices
    told: list[str]  # the notices shown already


def _option(*names: str, metavar: str, help: str) -> Any:
    """An option that takes a value, shown with its metavar and without a default."""
    return typer.Option(*names, metavar=metavar, show_default=False, help=help)


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
    ctx.obj = Settings(store=store, use_cache=not no_cache, opened=[], told=[])
    _running[:] = [ctx.obj]


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
    str | None,
    _option(
        "--from",
        metavar="DATE",
        help="Events that reach this date or later: 2020, 'Sept 2020', 2020-09-27.",
    ),
]
ToOption = Annotated[
    str | None,
    _option(
        "--to",
        metavar="DATE",
        help="Events that start by this date (inclusive: 'Sept 2020' includes 30 September).",
    ),
]
ActorOption = Annotated[
    list[str] | None,
    _option(
        "--actor",
        "-a",
        metavar="NAME",
        help="Events involving this actor (id, name or alias) or anyone part of it. Repeatable.",
    ),
]
TypeOption = Annotated[
    list[str] | None,
    _option("--type", "-t", metavar="TYPE", help="Events of this type. Repeatable."),
]
TagOption = Annotated[
    list[str] | None,
    _option("--tag", metavar="TAG", help="Events with this tag. Repeatable."),
]
SearchOption = Annotated[
    str | None,
    _option(
        "--search",
        "-q",
        metavar="TEXT",
        help="Events whose title, summary or quotes contain this text (any case, any accents).",
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


def build_query(
    year: list[str] | None,
    start: str | None,
    end: str | None,
    actor: list[str] | None,
    type_: list[str] | None,
    tag: list[str] | None,
    search: str | None,
    limit: int | None,
    reverse: bool,
) -> "Query":
    """The Query the options describe; bad values are usage errors."""
    from timeline.query import Query, parse_year

    return Query(
        years=tuple(parse_year(y) for y in year or ()),
        start=_user_date(start, "--from", first=True),
        end=_user_date(end, "--to", first=False),
        actors=tuple(actor or ()),
        types=tuple(type_ or ()),
        tags=tuple(tag or ()),
        text=search or None,
        limit=limit,
        reverse=reverse,
    )


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
    limit: LimitOption = None,
    reverse: ReverseOption = False,
    details: Annotated[
        bool,
        typer.Option(
            "--details",
            "-d",
            help="Add each event's summary, quotes, notes and sources.",
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
) -> None:
    """Print the timeline, grouped by year (in colour on a terminal)."""
    with _reporting(ctx):
        query = build_query(year, start, end, actor, type_, tag, search, limit, reverse)
        store = _load(ctx)
        from timeline.query import select

        selection = select(store, query)
        hidden = 0
        if limit is None and not show_all and len(selection.events) > SHOW_AT_MOST:
            # A terminal is no place for 100,000 events: show the latest, say what is left.
            hidden = len(selection.events) - SHOW_AT_MOST
            kept = selection.events[:SHOW_AT_MOST] if reverse else selection.events[hidden:]
            selection = selection._replace(events=kept)
        from timeline.render import no_events, timeline_view

        view = (
            timeline_view(
                store,
                selection.events,
                view_start=query.view_start,
                matched=selection.matched,
                details=details,
                advice="`timeline export` gives the whole text",
            )
            if selection.events
            else no_events()
        )
        if svg is not None:
            _write_svg(svg, view, store.title, store.path)
            return
        console = _console()
        console.print(view)
        if hidden:
            from timeline.render import not_shown

            console.print(not_shown(hidden, older=not reverse, advice=SEE_MORE))


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
        query = build_query(year, start, end, actor, type_, tag, search, limit, reverse)
        store = _load(ctx)
        from timeline.query import select

        events = select(store, query).events
        if not events:
            _warn("no events match these filters; writing an empty document")
        chunks = export_format.write(store, events, exporters.ExportOptions(mermaid=mermaid))
        if to_stdout:
            stream = sys.stdout.buffer
            for chunk in chunks:
                stream.write(chunk.encode("utf-8"))
            stream.flush()
            return
        assert output is not None
        _write_output(output, chunks, store.path, option="-o")
        _warn(f"wrote {len(events)} events to {output} ({export_format.name})")


@app.command()
def add(
    ctx: typer.Context,
    date: Annotated[
        str | None,
        _option(
            "--date",
            metavar="DATE",
            help="When it happened, in the store's date syntax: 2023-05-17, 'late 2023-05', 1988.",
        ),
    ] = None,
    title: Annotated[
        str | None,
        _option("--title", metavar="TEXT", help="What happened, in one line."),
    ] = None,
    type_: Annotated[
        str | None,
        _option("--type", "-t", metavar="TYPE", help="One of the store's types."),
    ] = None,
    end: Annotated[
        str | None,
        _option(
            "--end",
            metavar="DATE",
            help="For a period: when it ended, or '..' if it still goes on.",
        ),
    ] = None,
    when: Annotated[
        str | None,
        _option(
            "--when",
            metavar="TEXT",
            help="The date as the source writes it: 'in mid-March of this year'.",
        ),
    ] = None,
    summary: Annotated[
        str | None,
        _option("--summary", metavar="TEXT", help="A few sentences."),
    ] = None,
    actor: Annotated[
        list[str] | None,
        _option(
            "--actor",
            "-a",
            metavar="NAME",
            help="An actor: its id, name or alias (written as its id). Repeatable.",
        ),
    ] = None,
    location: Annotated[
        str | None,
        _option("--location", metavar="TEXT", help="Where it happened."),
    ] = None,
    source: Annotated[
        list[str] | None,
        _option("--source", metavar="ID", help="A source id. Repeatable."),
    ] = None,
    quote: Annotated[
        list[str] | None,
        _option("--quote", metavar="TEXT", help="A sentence of the source, verbatim. Repeatable."),
    ] = None,
    tag: Annotated[
        list[str] | None,
        _option("--tag", metavar="TAG", help="A tag. Repeatable."),
    ] = None,
    note: Annotated[
        str | None,
        _option("--note", metavar="TEXT", help="What is inferred rather than stated, and how."),
    ] = None,
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
            if any([*given_fields, quote, tag, note, event_id]):
                raise UsageError("--from adds the file's events; give no event fields with it")
            _add_drafts(store_file, from_file, dry_run=dry_run, allow_duplicate=allow_duplicate)
            return
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
        if actor:  # names and aliases written as the ids they stand for, as show finds them
            from timeline.query import actor_id

            store = _read(store_file) if store is None else store
            actor = [actor_id(store, name) for name in actor]
        fields = {
            "id": event_id,
            "date": given["date"],
            "end": end,
            "when": when,
            "title": given["title"],
            "summary": summary,
            "type": given["type"],
            "actors": actor,
            "location": location,
            "sources": source,
            "quotes": quote,
            "tags": tag,
            "note": note,
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
            if not events:
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
    events_added, sources = len(change.events), len(change.sources)
    also = f" and {sources} source{'s' if sources != 1 else ''}" if sources else ""
    plural = "s" if events_added != 1 else ""
    _warn(f"added {events_added} event{plural}{also} to {store_file.path}")


@app.command()
def extract(
    ctx: typer.Context,
    article: Annotated[
        str,
        typer.Argument(
            metavar="ARTICLE",
            show_default=False,
            help="The article as a UTF-8 text file, or - to read standard input.",
        ),
    ],
    published: Annotated[
        str | None,
        _option(
            "--published",
            metavar="DATE",
            help="The day the article was published (2023-09-21). Default: its dateline.",
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
            help="The store's source for the article. Default: the source whose file it is, "
            "else a new source drafted from the article.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        _option("--output", "-o", metavar="FILE", help="Write the drafts here, not to stdout."),
    ] = None,
) -> None:
    """Draft one event for every dated statement of an article, for review, then add --from."""
    with _reporting(ctx):
        from timeline.drafts import to_json, to_toml
        from timeline.errors import ArticleTooBig
        from timeline.extract import MAX_ARTICLE_BYTES, check_size
        from timeline.extract import extract as draft_events
        from timeline.literal import visible
        from timeline.render import Progress
        from timeline.store import read_text

        if format_name not in ("toml", "json"):
            raise UsageError(f"--format {format_name!r}: choose toml or json")
        day = None
        if published is not None:
            first = _user_date(published, "--published", first=True)
            if first != _user_date(published, "--published", first=False):
                raise UsageError(f"--published {published!r}: give the day, e.g. 2023-09-21")
            day = first
        try:
            # The size is checked before the article is read: no more than the limit is read.
            if article == "-":
                from timeline.store import decode

                data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
                check_size(article, len(data) if len(data) <= MAX_ARTICLE_BYTES else None)
                text = decode(data, "<stdin>")
            else:
                try:
                    size = Path(article).stat().st_size
                except OSError:
                    size = 0  # read_text says what is wrong with it
                check_size(article, size)
                text = read_text(Path(article))
        except ArticleTooBig as error:
            given = "" if error.size is None else f" ({error.size:,} bytes)"
            raise TimelineError(
                f"{article}: the article{given} is over the {error.limit // 2**20} MiB "
                f"({error.limit:,} bytes) that extract reads; split it into parts"
            ) from None
        store_file = _store_file(ctx)
        store = _read(store_file)
        source = _article_source(store_file, store, article, text, source_id)
        name = article
        if source is None and article != "-":
            name = store_file.source_name(Path(article))
        progress = Progress(f"Drafting events from {visible(article)}…")
        with _notice_if_slow(progress):
            extraction = draft_events(
                text, store, published=day, source=source, name=name, progress=progress
            )
        document = (
            to_json(extraction)
            if format_name == "json"
            else to_toml(extraction, article, DRAFT_REVIEW)
        )
        if output is None:
            sys.stdout.write(document)
        else:
            _write_output(output, [document], store.path, option="-o")
            _warn(f"wrote {len(extraction.drafts)} drafts to {output}")
        if not extraction.drafts:
            _warn(f"{article}: no dated statements found")


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
        from timeline.names import fold

        by_fold = {fold(type_id): type_id for type_id in store.types}
        if fold(answer) not in by_fold:
            raise UnknownName("type", answer, store.types)
        return by_fold[fold(answer)]
    from timeline.query import actor_id

    return [actor_id(store, part.strip()) for part in answer.split(",") if part.strip()]


@app.command()
def info(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(metavar="ID", help="The event's id.")],
) -> None:
    """Show one event in full: summary, quotes, actors with their roles, sources."""
    with _reporting(ctx):
        store = _load(ctx)
        from timeline.query import find_event
        from timeline.render import event_view

        event = find_event(store, event_id)
        _console().print(event_view(store, event, advice="`timeline export` gives the whole text"))


def _listing(kind: str) -> None:
    """Register the command that lists the store's actors, types or sources."""

    def listing(
        ctx: typer.Context,
        year: YearOption = None,
        start: FromOption = None,
        end: ToOption = None,
        actor: ActorOption = None,
        type_: TypeOption = None,
        tag: TagOption = None,
        search: SearchOption = None,
    ) -> None:
        with _reporting(ctx):
            query = build_query(year, start, end, actor, type_, tag, search, None, False)
            store = _load(ctx)
            from timeline.query import count_uses, select
            from timeline.render import declarations

            events = select(store, query).events
            _console().print(declarations(store, kind, count_uses(events, kind)))

    listing.__doc__ = (
        f"List the {kind} the store declares, with how many of the selected events use each."
    )
    app.command(kind)(listing)


for _kind in ("actors", "types", "sources"):
    _listing(_kind)


@app.command()
def check(ctx: typer.Context) -> None:
    """Check the store: every problem, one per line, then a summary. Exit 1 on errors."""
    with _reporting(ctx):
        from timeline.literal import visible

        report = _store_file(ctx).check()
        for problem in report.problems:
            typer.echo(visible(str(problem)))
        typer.echo(visible(report.summary))
        if report.errors:
            raise typer.Exit(int(ExitStatus.ERROR))


@app.command()
def formats() -> None:
    """List the export formats and the file extensions that select them."""
    from timeline.exporters import formats as all_formats

    for export_format in all_formats().values():
        extensions = ", ".join(export_format.extensions)
        description = export_format.description
        if not extensions:  # only asked for by name
            description += f" (--format {export_format.name})"
        typer.echo(f"{export_format.name:<10} {extensions:<18} {description}")


def _console(*, stderr: bool = False) -> "Console":
    from rich.console import Console

    return Console(highlight=False, emoji=False, markup=False, stderr=stderr)


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
        for line in _lines(error):
            sys.stderr.write(f"timeline: {visible(line)}\n")
        if error.exit_status == ExitStatus.USAGE:
            sys.stderr.write(f"Try '{ctx.command_path} --help' for help.\n")
        raise typer.Exit(int(error.exit_status)) from None
    finally:
        _tell_notices()


def _lines(error: TimelineError) -> list[str]:
    """The error in the command line's words: a value is named by the option that gave it."""
    from timeline.errors import NotText, ReadOnlyStore

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
            f"copy it first (cp {BUNDLED_STORE} events.toml) or give --store"
        ]
    return error.lines()


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
