"""A new store: its text (every section explained, a vocabulary of types), checked clean, and
created whole or not at all, never over anything."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.errors import StoreError
from timeline.model import Store
from timeline.store import (
    DEFAULT_TYPES,
    Change,
    StoreExists,
    StoreFile,
    load,
    new_store_text,
)

NEW_STORE = """\
# A timeline: one plain TOML file that `timeline` reads and writes. Edit it by hand or with
# the commands; a command that writes keeps everything it does not change (comments, order,
# layout) and refuses a change that `timeline check` would report as an error.

# The title heads every view and export; `description` (optional) says what is covered.
[timeline]
title = "Nagorno-Karabakh"

# --------------------------------------------------------------------------------------
# Event types: every event has one. `color` is the colour of its marker: a terminal colour
# name ("red", "bright_cyan") or #rrggbb. These seven are Okabe and Ito's colours, which
# colour-blind readers tell apart too. More: timeline types add ID --color C --description D

[types.conflict]
color = "#d55e00"
description = "Fighting, or a dispute that sets parties against each other."

[types.ceasefire]
color = "#009e73"
description = "An agreement or statement that ends hostilities."

[types.agreement]
color = "#56b4e9"
description = "Agreements between the parties beyond a ceasefire."

[types.deployment]
color = "#e69f00"
description = "Forces sent to or stationed in the region."

[types.diplomacy]
color = "#0072b2"
description = "Calls, meetings and talks between leaders."

[types.statement]
color = "#f0e442"
description = "A public position taken by a leader or a government."

[types.incident]
color = "#cc79a7"
description = "A single violent or deadly event."

# --------------------------------------------------------------------------------------
# Sources: where the events come from. `title` is required; `publisher`, `published`, `url`
# and `file` (a text copy, relative to this file's folder: quotes are checked against it)
# are optional. `timeline sources add ID --title T --file F` declares one, for example:
#
# [sources.tass-2023-09-21]
# title = "Aliyev Offers Apology for the Death of Russian Peacekeepers in Karabakh"
# publisher = "TASS"
# published = "2023-09-21"
# file = "sources/tass-2023-09-21.txt"

# --------------------------------------------------------------------------------------
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

# --------------------------------------------------------------------------------------
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
# quotes = ["The previous telephone conversation between Putin and Aliyev occurred in mid-March of this year."]
# tags = ["phone-call"]
"""


def test_the_text_of_a_new_store() -> None:
    assert new_store_text("Nagorno-Karabakh") == NEW_STORE


def test_a_new_store_checks_clean(tmp_path: Path) -> None:
    path = tmp_path / "karabakh.toml"
    store = StoreFile(path).create(NEW_STORE)
    assert path.read_bytes() == NEW_STORE.encode("utf-8")
    report = StoreFile(path).check()
    assert (report.problems, report.summary) == ([], f"{path}: 0 events, 0 errors, 0 warnings")
    assert store.title == "Nagorno-Karabakh" and len(store.events) == 0


def test_the_types_are_the_bundled_stores_in_distinct_colours(bundled_store: Store) -> None:
    store = tomllib.loads(NEW_STORE)
    assert list(store["types"]) == list(bundled_store.types) == [t.id for t in DEFAULT_TYPES]
    colours = [t["color"] for t in store["types"].values()]
    assert len(set(colours)) == len(colours) == 7
    assert all(t["description"].endswith(".") for t in store["types"].values())


def test_every_section_is_explained_with_an_example_that_parses() -> None:
    examples = re.findall(r"^#\n((?:# .*\n)+)", NEW_STORE, re.MULTILINE)
    parsed = tomllib.loads("".join(line[2:] + "\n" for e in examples for line in e.splitlines()))
    assert list(parsed) == ["sources", "actors", "events"]
    assert parsed["events"][0]["date"] == "mid 2023-03"


@given(st.text(st.characters(exclude_categories=["Cs"]), min_size=1).filter(str.strip))
def test_any_title_is_written_as_toml_and_read_back(title: str) -> None:
    assert tomllib.loads(new_store_text(title))["timeline"]["title"] == title


def test_first_declarations_go_after_their_commented_examples(tmp_path: Path) -> None:
    path = tmp_path / "karabakh.toml"
    StoreFile(path).create(NEW_STORE)
    StoreFile(path).apply(Change(declarations=(("actors", "azerbaijan", {"name": "Azerbaijan"}),)))
    StoreFile(path).apply(Change(declarations=(("sources", "tass", {"title": "TASS"}),)))
    expected = NEW_STORE.replace(
        '# part_of = ["azerbaijan"]\n',
        '# part_of = ["azerbaijan"]\n\n[actors.azerbaijan]\nname = "Azerbaijan"\n',
    ).replace(
        '# file = "sources/tass-2023-09-21.txt"\n',
        '# file = "sources/tass-2023-09-21.txt"\n\n[sources.tass]\ntitle = "TASS"\n',
    )
    assert path.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("kind", ["a file", "a folder", "a symbolic link"])
def test_a_new_store_never_replaces_anything(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "events.toml"
    if kind == "a file":
        path.write_text("mine")
    elif kind == "a folder":
        path.mkdir()
    else:
        path.symlink_to(tmp_path / "nowhere")
    with pytest.raises(StoreExists) as error:
        StoreFile(path).create(NEW_STORE)
    assert str(error.value) == (
        f"{path}: {kind} of this name exists already; a new store never replaces anything"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["events.toml"]
    if kind == "a file":
        assert path.read_text() == "mine"


def test_a_store_with_errors_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    with pytest.raises(StoreError) as error:
        StoreFile(path).create(NEW_STORE.replace('color = "#d55e00"', 'color = "reddish"'))
    assert [str(p) for p in error.value.problems] == [
        f"{path}:15:1: types.conflict.color: 'reddish' is not a colour name or #rrggbb"
    ]
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "no" / "events.toml"
    with pytest.raises(StoreError, match="cannot create: No such file or directory"):
        StoreFile(path).create(NEW_STORE)


def test_the_new_file_has_the_umasks_permissions(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        StoreFile(tmp_path / "events.toml").create(NEW_STORE)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "events.toml").stat().st_mode) == 0o600
    assert load(tmp_path / "events.toml").title == "Nagorno-Karabakh"
