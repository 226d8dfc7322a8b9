"""Draft files: what extract writes reads back, as blocks that add --from appends."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest

from conftest import HOSTILE_TEXT
from timeline.drafts import change_of, read_drafts, to_json, to_toml
from timeline.errors import StoreError, UsageError
from timeline.extract import Extraction, extract
from timeline.model import Store
from timeline.store import StoreFile, load

TEXT = """\
Talks resume on the border

The two sides met on 3 May 2021 in Tbilisi, officials said.

Fighting broke out near the border in late June 2021.
"""


def test_the_toml_reads_back_as_the_drafts_with_the_new_source(small_store: Store) -> None:
    extraction = extract(TEXT, small_store, published=date(2021, 7, 1), source=None, name="a.txt")
    document = tomllib.loads(to_toml(extraction, "a.txt"))
    assert [e["date"] for e in document["events"]] == ["2021-05-03", "late 2021-06"]
    assert document["events"][0] == extraction.drafts[0].fields()
    assert document["events"][0]["quotes"] == [
        "The two sides met on 3 May 2021 in Tbilisi, officials said."
    ]
    assert document["events"][0]["location"] == "Tbilisi"
    (source_id,) = document["sources"]
    assert document["sources"][source_id]["title"] == "Talks resume on the border"


def test_the_toml_opens_with_where_it_comes_from_and_the_review_lines(small_store: Store) -> None:
    """The head of a draft file: its article and date, then each review line as a comment
    (a line break in one cannot end the comment)."""
    extraction = extract(TEXT, small_store, published=date(2021, 7, 1), source=None, name="a.txt")
    head = to_toml(extraction, "a\nb.txt", ["Review them.", "Then file\nthem."]).split("\n")[:4]
    assert head == [
        "# Drafted by timeline extract from a b.txt (published 2021-07-01): 2 events.",
        "# Review them.",
        "# Then file them.",
        "",
    ]


def test_the_json_names_source_events_and_suggestions(small_store: Store) -> None:
    extraction = extract(TEXT, small_store, published=date(2021, 7, 1), source=None, name="a.txt")
    document = json.loads(to_json(extraction))
    assert document["published"] == "2021-07-01"
    assert document["source_is_new"] is True
    assert [e["when"] for e in document["events"]] == ["on 3 May 2021", "in late June 2021"]
    assert document["actors"] == []


# Written for these tests: actors the small store has and does not have.
ACTORS_TEXT = """Northland shells the border

Foreign Minister Ana Kova of Westland said on 3 May 2021 that the Eastern Liberation Front \
attacked a convoy, and Northland accused Westland.
"""


def test_actors_the_store_lacks_are_declared_and_filed_with_the_events(
    small_store_path: Path,
) -> None:
    """New actors are [actors.ID] tables with a guessed kind, which the drafts' events name
    and add --from declares with them; the JSON carries the same and reads back alike."""
    (small_store_path.parent / "a.txt").write_text(ACTORS_TEXT, encoding="utf-8")
    store = load(small_store_path)
    extraction = extract(ACTORS_TEXT, store, published=date(2021, 7, 1), source=None, name="a.txt")
    assert [(a.id, a.name, a.kind, a.role) for a in extraction.actors] == [
        ("ana-kova", "Ana Kova", "person", "Foreign Minister"),
        ("eastern-liberation-front", "Eastern Liberation Front", "party", ""),
    ]
    (draft,) = extraction.drafts
    assert draft.actors == ("ana-kova", "eastern-liberation-front", "north")
    text = to_toml(extraction, "a.txt")
    assert '[actors.ana-kova]\nname = "Ana Kova"\nkind = "person"' in text
    document = tomllib.loads(text)
    json_path = small_store_path.parent / "d.json"
    json_path.write_text(to_json(extraction), encoding="utf-8")
    assert read_drafts(json_path)["actors"] == document["actors"]
    StoreFile(small_store_path).apply(change_of(document, store, small_store_path))
    after = load(small_store_path, cache=False)
    assert after.actors["ana-kova"].role == "Foreign Minister"
    (filed,) = [event for event in after.events if event.id == draft.id]
    assert filed.actors == ("ana-kova", "eastern-liberation-front", "north")
    assert filed.title == "The Eastern Liberation Front attacked a convoy"


def test_drafts_are_appended_with_their_source(small_store_path: Path) -> None:
    (small_store_path.parent / "a.txt").write_text(TEXT, encoding="utf-8")
    store = load(small_store_path)
    extraction = extract(TEXT, store, published=date(2021, 7, 1), source=None, name="a.txt")
    document = tomllib.loads(to_toml(extraction, "a.txt"))
    StoreFile(small_store_path).apply(change_of(document, store, small_store_path))
    after = load(small_store_path, cache=False)
    assert extraction.source.id in after.sources
    assert len(after.events) == len(store.events) + 2


def test_a_hostile_title_survives_the_round_trip(small_store: Store) -> None:
    extraction = extract(TEXT, small_store, published=date(2021, 7, 1), source=None, name="a")
    hostile = extraction._replace(drafts=[extraction.drafts[0]._replace(title=HOSTILE_TEXT)])
    document = tomllib.loads(to_toml(hostile, "a\nb.txt"))
    assert document["events"][0]["title"] == HOSTILE_TEXT


def test_a_draft_file_with_other_tables_is_refused(small_store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="only"):
        change_of({"events": [{}], "timeline": {}}, small_store, tmp_path / "d.toml")
    with pytest.raises(UsageError, match="no \\[\\[events\\]\\]"):
        change_of({}, small_store, tmp_path / "d.toml")


def test_actors_and_types_the_store_lacks_are_declared(small_store: Store, tmp_path: Path) -> None:
    document = {
        "events": [{}],
        "actors": {"north": {"name": "Northland"}, "militia": {"name": "A militia"}},
        "types": {"battle": {"color": "red"}, "riot": {"color": "#d55e00"}},
    }
    change = change_of(document, small_store, tmp_path / "d.toml")
    assert change.declarations == (
        ("actors", "militia", {"name": "A militia"}),
        ("types", "riot", {"color": "#d55e00"}),
    )


def test_a_source_that_differs_from_the_stores_is_refused(
    small_store: Store, tmp_path: Path
) -> None:
    document = {"events": [{}], "sources": {"report": {"title": "Something else"}}}
    with pytest.raises(StoreError, match="different source"):
        change_of(document, small_store, tmp_path / "d.toml")


@pytest.mark.parametrize("source", [None, "report"])
def test_json_drafts_read_back_as_the_toml_ones(
    small_store: Store, tmp_path: Path, source: str | None
) -> None:
    """Whether the article's source is new (declared in the drafts) or the store's."""
    known = small_store.sources[source] if source else None
    extraction = extract(TEXT, small_store, published=date(2021, 7, 1), source=known, name="a")
    (tmp_path / "d.toml").write_text(to_toml(extraction, "a"), encoding="utf-8")
    (tmp_path / "d.json").write_text(to_json(extraction), encoding="utf-8")
    from_toml = read_drafts(tmp_path / "d.toml")
    assert read_drafts(tmp_path / "d.json") == from_toml
    assert ("sources" in from_toml) is (source is None)


def test_a_json_draft_of_another_shape_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.JSON"
    path.write_text('[{"id": "x"}]', encoding="utf-8")
    with pytest.raises(StoreError) as refused:
        read_drafts(path)
    assert refused.value.lines() == [f"{path}: not the JSON of timeline extract: no list of events"]


def test_accounts_of_the_store_s_events_read_back_from_json(tmp_path: Path) -> None:
    """The JSON of a draft with accounts of the store's events reads back as the TOML does."""
    from timeline.model import Source

    source = Source("b", "B", published="2021-05-04")
    extraction = Extraction(
        [], source, True, date(2021, 5, 4), [],
        accounts=({"event": "truce", "source": "b", "figures": {"killed": 2}},),
    )  # fmt: skip
    path = tmp_path / "d.json"
    path.write_text(to_json(extraction), encoding="utf-8")
    document = read_drafts(path)
    assert document["accounts"] == [{"event": "truce", "source": "b", "figures": {"killed": 2}}]
    assert {k: v for k, v in document.items() if v} == tomllib.loads(to_toml(extraction, "b.txt"))
