"""The text of a new store: every section explained in comments, the title, and a vocabulary
of event types to start with."""

from __future__ import annotations

from typing import NamedTuple

from timeline.errors import NotText
from timeline.store import toml


class DefaultType(NamedTuple):
    id: str
    color: str
    description: str


# The colours of event types, in the order new types take them: Okabe and Ito's seven,
# which readers with any common colour blindness still tell apart (the default types have
# them), then seven more of Paul Tol's and ColorBrewer's that stand apart from those (wine,
# olive, purple, green, grey, brown, indigo) for a store with more types, such as an import
# declares. A type an import declares takes the first that no type of the store has.
TYPE_PALETTE = (
    *("#d55e00", "#009e73", "#56b4e9", "#e69f00", "#0072b2", "#f0e442", "#cc79a7"),
    *("#882255", "#999933", "#aa4499", "#117733", "#888888", "#a6761d", "#332288"),
)

# The bundled store's types (a test keeps the ids in step with it), in the palette's order.
DEFAULT_TYPES = (
    DefaultType(
        "conflict", TYPE_PALETTE[0], "Fighting, or a dispute that sets parties against each other."
    ),
    DefaultType("ceasefire", TYPE_PALETTE[1], "An agreement or statement that ends hostilities."),
    DefaultType("agreement", TYPE_PALETTE[2], "Agreements between the parties beyond a ceasefire."),
    DefaultType("deployment", TYPE_PALETTE[3], "Forces sent to or stationed in the region."),
    DefaultType("diplomacy", TYPE_PALETTE[4], "Calls, meetings and talks between leaders."),
    DefaultType(
        "statement", TYPE_PALETTE[5], "A public position taken by a leader or a government."
    ),
    DefaultType("incident", TYPE_PALETTE[6], "A single violent or deadly event."),
)

_RULE = "# " + "-" * 86

_HEAD = """\
# A timeline: one plain TOML file that `timeline` reads and writes. Edit it by hand or with
# the commands; a command that writes keeps everything it does not change (comments, order,
# layout) and refuses a change that `timeline check` would report as an error.

# The title heads every view and export; `description` (optional) says what is covered.
[timeline]
"""

_TYPES = f"""\
{_RULE}
# Event types: every event has one. `color` is the colour of its marker: a terminal colour
# name ("red", "bright_cyan") or #rrggbb. These seven are Okabe and Ito's colours, which
# colour-blind readers tell apart too. More: timeline types add ID --color C --description D
"""

_SOURCES = f"""\
{_RULE}
# Sources: where the events come from. `title` is required; `publisher`, `published`, `url`
# and `file` (a text copy, relative to this file's folder: quotes are checked against it)
# are optional. `timeline sources add ID --title T --file F` declares one, for example:
#
# [sources.tass-2023-09-21]
# title = "Aliyev Offers Apology for the Death of Russian Peacekeepers in Karabakh"
# publisher = "TASS"
# published = "2023-09-21"
# file = "sources/tass-2023-09-21.txt"
"""

_ACTORS = f"""\
{_RULE}
# Actors: states, people, organisations, forces. `name` is required; `--actor` also finds
# an actor by its `aliases`, and `part_of` says whom it acts for (`--actor Azerbaijan` finds
# Aliyev too). `timeline actors add ID --name N` declares one, for example:
#
# [actors.aliyev]
# name = "Ilham Aliyev"
# kind = "person"
# role = "President of Azerbaijan"
# aliases = ["Aliyev"]
# part_of = ["azerbaijan"]
"""

_QUOTE = (
    '"The previous telephone conversation between Putin and Aliyev occurred in mid-March '
    'of this year."'
)
_EVENTS = f"""\
{_RULE}
# Events: one [[events]] table each; `timeline add` appends them here. Required: `id`,
# `date`, `title` and `type`. A date says exactly what the source says, no more:
#   1988          a year                 early 2021     a third of a year (also mid, late)
#   2020-09       a month                mid 2023-03    a third of a month (also early, late)
#   2020-11-09    a day                  [2023-09-20..2023-09-21]   one of these days
#   2020-09~      about September 2020   2020-09?       the source is unsure
# `end` makes a period: a date, or ".." while it goes on. For example:
#
# [[events]]
# id = "putin-aliyev-call-2023-03"
# date = "mid 2023-03"
# when = "in mid-March of this year"
# title = "Putin and Aliyev speak by telephone"
# type = "diplomacy"
# actors = ["putin", "aliyev"]
# sources = ["tass-2023-09-21"]
# quotes = [{_QUOTE}]
# tags = ["phone-call"]
"""


def new_store_text(title: str) -> str:
    """The text of a new store with this title: no events yet. NotText when the title is
    not UTF-8 text (a file holds nothing else)."""
    from timeline.store.write import is_text

    if not is_text(title):
        raise NotText("title", title)
    types = "\n".join(
        toml.declaration_table("types", t.id, {"color": t.color, "description": t.description})
        for t in DEFAULT_TYPES
    )
    return "\n".join(
        [
            _HEAD + f"title = {toml.inline_value(title)}\n",
            _TYPES,
            types,
            _SOURCES,
            _ACTORS,
            _EVENTS,
        ]
    )
