"""CSV export, read back with Python's csv module."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import HOSTILE_TEXT
from timeline.exporters import ExportOptions
from timeline.exporters.csv import COLUMNS, FIGURE_COLUMNS, neutralise, write
from timeline.model import FIGURE_NAMES, Store
from timeline.store import load


def rows(store: Store) -> list[dict[str, str]]:
    text = "".join(write(store, list(store.events), ExportOptions()))
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_columns_and_values(small_store: Store) -> None:
    text = "".join(write(small_store, list(small_store.events), ExportOptions()))
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    war, truce, talks, _ = rows(small_store)
    assert war == {
        "id": "war",
        "date": "1990",
        "end": "..",
        "earliest": "1990-01-01",
        "latest": "",
        "precision": "year",
        "label": "since 1990",
        "title": "The long war",
        "summary": "",
        "type": "battle",
        "actors": "north; south",
        "location": "",
        "sources": "report",
        "tags": "background",
        "when": "",
        "note": "",
        "quotes": "",
        **dict.fromkeys(FIGURE_COLUMNS, ""),
        "contested": "",
        "latitude": "",
        "longitude": "",
        "coordinates_precision": "",
        "ref": "",
    }
    assert (talks["earliest"], talks["latest"], talks["precision"]) == (
        "2021-03-11",
        "2021-03-20",
        "part-of-month",
    )
    assert truce["actors"] == "leader; south"


def test_figures_quotes_and_what_is_contested(accounts_store_path: Path) -> None:
    store = load(accounts_store_path, cache=False)
    text = "".join(write(store, list(store.events), ExportOptions()))
    empty_figures = ",,," * (len(FIGURE_NAMES) - 2)
    assert text == (
        ",".join(COLUMNS) + "\r\n"
        "talks,2023-05-25,,2023-05-25,2023-05-25,day,25 May 2023,Talks in Aravus,,incident,"
        "army; rebels,Aravus,a; b,,,,talks were held late in May,,,,,,,"
        + empty_figures
        + ",,,,\r\n"
        "clash,2023-09-20,,2023-09-20,2023-09-20,day,20 September 2023,"
        "Soldiers killed in a clash near Aravus,,incident,army,Aravus,a; b,,,,"
        "Six soldiers were killed near Aravus; five soldiers died,,6,,10,,15,"
        + empty_figures
        + "date; actors; figures.killed,,,,\r\n"
    )
    talks, clash = rows(store)
    assert clash["killed_best"] == "6" and clash["killed_low"] == clash["killed_high"] == ""
    assert (clash["injured_low"], clash["injured_best"], clash["injured_high"]) == ("10", "", "15")
    assert clash["contested"] == "date; actors; figures.killed"
    assert clash["quotes"].split("; ") == [
        "Six soldiers were killed near Aravus",
        "five soldiers died",
    ]
    assert talks["contested"] == "" and talks["quotes"] == "talks were held late in May"
    assert [name for name in clash if name.startswith("killed")] == [
        "killed_low",
        "killed_best",
        "killed_high",
    ]


def test_hostile_text_reads_back_exactly(hostile_store: Store) -> None:
    """Commas, quotes, newlines, CR, RTL and non-Latin text survive the round trip."""
    truce = next(row for row in rows(hostile_store) if row["id"] == "truce")
    assert truce["title"] == HOSTILE_TEXT
    assert truce["summary"] == HOSTILE_TEXT
    assert truce["location"] == HOSTILE_TEXT
    assert truce["quotes"] == HOSTILE_TEXT


def test_formula_cells_are_neutralised() -> None:
    for dangerous in ("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(dangerous) == "'" + dangerous
    assert neutralise("Putin") == "Putin"


@given(st.text())
def test_no_cell_can_start_a_formula(text: str) -> None:
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert neutralise(text).removeprefix("'") == text or neutralise(text) == text
