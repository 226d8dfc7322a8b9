"""JSON export: every field, the computed dates, and a stable documented shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from conftest import ACCOUNTS_STORE, SMALL_STORE
from timeline.exporters import ExportOptions
from timeline.exporters.json import write
from timeline.model import Store
from timeline.store import load


def exported(store: Store) -> dict[str, Any]:
    data = json.loads("".join(write(store, list(store.events), ExportOptions())))
    assert isinstance(data, dict)
    return data


class TestShape:
    def test_header(self, small_store: Store) -> None:
        data = exported(small_store)
        assert data["format"] == "timeline" and data["version"] == 3
        assert data["timeline"] == {"title": "Test timeline", "description": "A store for tests."}
        assert data["types"]["battle"] == {"color": "red", "description": ""}
        assert data["actors"]["leader"] == {
            "name": "Jana Ərəbova",
            "kind": "person",
            "role": "President of Northland",
            "aliases": [],
            "part_of": ["north"],
        }
        assert data["sources"]["report"] == {
            "title": "A report",
            "publisher": "Agency",
            "published": "2023-01-02",
            "url": "https://example.org/report",
            "file": "",
            "sha256": "",
            "retrieved": "",
            "archived": "",
        }

    def test_every_event_field_and_its_dates(self, small_store: Store) -> None:
        events = exported(small_store)["events"]
        assert [e["id"] for e in events] == ["war", "truce", "talks", "clash"]
        assert events[0] == {
            "id": "war",
            "date": "1990",
            "end": "..",
            "when": "",
            "title": "The long war",
            "summary": "",
            "type": "battle",
            "actors": ["north", "south"],
            "location": "",
            "coordinates": None,
            "sources": ["report"],
            "quotes": [],
            "tags": ["background"],
            "note": "",
            "ref": "",
            "figures": {},
            "accounts": [],
            "contested": [],
            "label": "since 1990",
            "earliest": "1990-01-01",
            "latest": None,
            "precision": "year",
            "end_precision": None,
            "ongoing": True,
            "approximate": False,
            "uncertain": False,
        }
        assert {k: events[2][k] for k in ("label", "earliest", "latest", "precision")} == {
            "label": "mid-March 2021",
            "earliest": "2021-03-11",
            "latest": "2021-03-20",
            "precision": "part-of-month",
        }

    def test_no_events_is_still_valid_json(self, small_store: Store) -> None:
        data = json.loads("".join(write(small_store, [], ExportOptions())))
        assert data["events"] == []

    def test_bundled_store_exports_every_event(self, bundled_store: Store) -> None:
        events = exported(bundled_store)["events"]
        assert len(events) == 10
        call = next(e for e in events if e["id"] == "putin-aliyev-call-2023-09")
        assert (call["earliest"], call["latest"], call["label"]) == (
            "2023-09-20",
            "2023-09-21",
            "20 or 21 September 2023",
        )
        deployed = next(e for e in events if e["id"] == "peacekeepers-deployed-2020")
        assert (deployed["uncertain"], deployed["ongoing"], deployed["latest"]) == (
            True,
            True,
            None,
        )


printable = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@given(printable.filter(lambda s: s.strip()))
def test_text_round_trips_exactly(title: str) -> None:
    """Any title, Armenian, Cyrillic, right-to-left or control characters, comes back as stored."""
    import tempfile

    escaped = "".join(f"\\U{ord(c):08x}" for c in title)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.toml"
        path.write_text(SMALL_STORE.replace('"The long war"', f'"{escaped}"'), encoding="utf-8")
        data = exported(load(path))
    assert data["events"][0]["title"] == title


def test_unicode_is_written_as_is(write_store: Callable[[str], Path]) -> None:
    """No \\u escapes for letters: Armenian, Azerbaijani and Cyrillic text stays readable."""
    text = SMALL_STORE.replace('"The long war"', '"Արցախ Qarabağ İlham Əliyev Карабах"')
    store = load(write_store(text))
    output = "".join(write(store, list(store.events), ExportOptions()))
    assert "Արցախ Qarabağ İlham Əliyev Карабах" in output


def test_figures_accounts_and_what_is_contested(accounts_store_path: Path) -> None:
    data = exported(load(accounts_store_path))
    assert data["sources"]["a"]["retrieved"] == "2023-09-21"
    assert data["sources"]["b"]["archived"] == "https://archive.example.org/b"
    talks, clash = data["events"]
    assert {k: clash[k] for k in ("figures", "accounts", "contested")} == {
        "figures": {
            "killed": {"low": None, "best": 6, "high": None},
            "injured": {"low": 10, "best": None, "high": 15},
        },
        "accounts": [
            {
                "source": "a",
                "date": None,
                "end": None,
                "when": "",
                "location": "",
                "actors": [],
                "figures": {},
                "quotes": ["Six soldiers were killed near Aravus"],
                "note": "",
                "differs": [],
            },
            {
                "source": "b",
                "date": "2023-09-19",
                "end": None,
                "when": "",
                "location": "",
                "actors": ["army", "rebels"],
                "figures": {"killed": {"low": None, "best": 5, "high": None}},
                "quotes": ["five soldiers died"],
                "note": "B counts one fewer.",
                "differs": ["date", "actors", "figures.killed"],
            },
        ],
        "contested": ["date", "actors", "figures.killed"],
    }
    assert talks["contested"] == [] and talks["accounts"][0]["differs"] == []
    assert talks["accounts"][0]["date"] == "late 2023-05"
    assert ACCOUNTS_STORE.count("[[events.accounts]]") == sum(
        len(e["accounts"]) for e in data["events"]
    )
