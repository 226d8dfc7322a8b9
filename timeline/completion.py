"""What the shell offers on TAB: the values of the store in use, for the command line to give
its options and arguments (`typer.Option(click_type=Completing(event_ids))`).

Each completer takes the click context and the word typed so far, and returns the candidates
that begin with it, as (value, help) pairs (zsh and fish show the help; bash shows the values).
The store is the one the command line would use: --store on the command line typed so far,
else $TIMELINE_STORE, else ./events.toml, else the bundled one, read through the store's
facade (so from the cache). A missing or broken store offers nothing and says nothing: what a
completer prints would land in the user's command line.
"""

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typer._click.shell_completion import CompletionItem
from typer._click.types import StringParamType

if TYPE_CHECKING:
    from typer._click import Context, Parameter

    from timeline.model import Store

Candidates = list[tuple[str, str]]
Completer = Callable[["Context", str], Candidates]


class Completing(StringParamType):
    """A text value whose completions a completer gives. A click type rather than typer's
    `autocompletion=`: typer inspects those functions' signatures on every run, and passes
    each candidate through a Python loop of its own, 0.5 s for 100,000 event ids."""

    def __init__(self, completer: Completer) -> None:
        self.completer = completer

    def shell_complete(
        self, ctx: "Context", param: "Parameter", incomplete: str
    ) -> list[CompletionItem]:
        return [
            CompletionItem(value, help=text or None)
            for value, text in self.completer(ctx, incomplete)
        ]


def store_in_use(ctx: "Context") -> "Store | None":
    """The store the command being typed would read, or None if it cannot be read."""
    from timeline.store import StoreFile, locate_store

    options: dict[str, Any] = ctx.find_root().params
    explicit = options.get("store")
    try:
        path = locate_store(
            Path(explicit) if explicit is not None else None, os.environ, Path.cwd()
        )
        return StoreFile(path, cache=False if options.get("no_cache") else None).read()
    except Exception:  # whatever is wrong with the store, a completion offers nothing
        return None


def _starting(incomplete: str, candidates: Iterable[tuple[str, str]]) -> Candidates:
    """The candidates that begin with what was typed, each once (the first), in order."""
    seen: set[str] = set()
    chosen = []
    for value, text in candidates:
        if value.startswith(incomplete) and value not in seen:
            seen.add(value)
            chosen.append((value, text))
    return chosen


def event_ids(ctx: "Context", incomplete: str) -> Candidates:
    """The ids of the store's events, in the file's order."""
    store = store_in_use(ctx)
    if store is None:
        return []
    return [(event_id, "") for event_id in store.events.ids() if event_id.startswith(incomplete)]


def actor_ids(ctx: "Context", incomplete: str) -> Candidates:
    """The ids of the store's actors, with their names."""
    store = store_in_use(ctx)
    if store is None:
        return []
    return _starting(incomplete, ((actor.id, actor.name) for actor in store.actors.values()))


def actor_names(ctx: "Context", incomplete: str) -> Candidates:
    """Every word that names an actor: ids, names and aliases, each with what it stands for."""
    store = store_in_use(ctx)
    if store is None:
        return []
    candidates = [(actor.id, actor.name) for actor in store.actors.values()]
    for actor in store.actors.values():
        candidates += [(name, actor.id) for name in (actor.name, *actor.aliases)]
    return _starting(incomplete, candidates)


def type_ids(ctx: "Context", incomplete: str) -> Candidates:
    """The store's types, with their descriptions."""
    store = store_in_use(ctx)
    if store is None:
        return []
    return _starting(incomplete, ((t.id, t.description) for t in store.types.values()))


def tags(ctx: "Context", incomplete: str) -> Candidates:
    """The tags the store's events carry."""
    store = store_in_use(ctx)
    if store is None:
        return []
    return _starting(incomplete, ((tag, "") for tag in store.events.tags()))


def source_ids(ctx: "Context", incomplete: str) -> Candidates:
    """The ids of the store's sources, with their titles."""
    store = store_in_use(ctx)
    if store is None:
        return []
    return _starting(incomplete, ((s.id, s.title) for s in store.sources.values()))


def figures(ctx: "Context", incomplete: str) -> Candidates:
    """The figures' names, each with its "=" (no store needed)."""
    from timeline.model import FIGURE_NAMES

    return _starting(incomplete, ((f"{name}=", "") for name in FIGURE_NAMES))


def export_formats(ctx: "Context", incomplete: str) -> Candidates:
    """The export formats' names and aliases (no store needed)."""
    from timeline.exporters import formats

    return _starting(
        incomplete,
        (
            (name, export_format.description)
            for export_format in formats().values()
            for name in (export_format.name, *export_format.aliases)
        ),
    )
