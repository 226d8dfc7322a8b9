"""Several reports of one happening: one draft with an account per source, marked where they
disagree; and a draft the store has already becomes an account of its event."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from timeline.drafts import change_of, to_toml
from timeline.extract import Extraction, extract
from timeline.model import Store
from timeline.reports import against_store, combine
from timeline.store import StoreFile, load

# Written for these tests: three invented reports of one border clash that disagree on the
# day and the dead, and one of them with a plan besides.
WEST = """\
Border clash leaves six soldiers dead

NORTHTOWN, Westland (Example Wire) - Six soldiers were killed in a clash with Southland \
troops near Geneva on Monday, the Westland defence ministry said.

The foreign ministers will meet in Vienna next week.
"""
EAST = """\
Southland says five died in border clash

Published: 5 May 2021

Five soldiers were killed in a clash with Westland troops near Geneva on Sunday, according \
to Southland officials.
"""
MONITORS = """\
Monitors confirm deadly clash

Published: 6 May 2021

Seven soldiers were killed in the clash near Geneva on Monday, monitors said.
"""


def drafted(store: Store, text: str, name: str) -> Extraction:
    """The drafts of an article, citing the store's source whose file it is, if any (as the
    command line finds it)."""
    source = next((s for s in store.sources.values() if s.file == name), None)
    published = None if "Published" in text else date(2021, 5, 4)
    return extract(text, store, published=published, source=source, name=name)


def test_one_happening_told_by_several_reports_is_one_draft(small_store: Store) -> None:
    combined = combine(
        [drafted(small_store, WEST, "west.txt"), drafted(small_store, EAST, "east.txt")],
        small_store,
    )
    clash, plan = combined.drafts
    west, east = (source.id for source in combined.sources_to_declare())
    assert clash.sources == (west, east)
    assert (clash.date, clash.location, dict(clash.figures)) == (
        "2021-05-03",
        "Geneva",
        {"killed": 6},
    )
    assert clash.quotes == ()
    assert clash.accounts == (
        {
            "source": west,
            "quotes": [
                "Six soldiers were killed in a clash with Southland troops near Geneva on "
                "Monday, the Westland defence ministry said."
            ],
        },
        {
            "source": east,
            "date": "2021-05-02",
            "when": "on Sunday",
            "figures": {"killed": 5},
            "quotes": [
                "Five soldiers were killed in a clash with Westland troops near Geneva on "
                "Sunday, according to Southland officials."
            ],
        },
    )
    assert clash.note.endswith(
        "Told by 2 sources, each in its account; they disagree on: date, killed."
    )
    assert plan.tags == ("planned",) and plan.sources == (west,)
    assert len({clash.id, plan.id}) == 2


def test_a_report_of_an_event_the_store_has_becomes_its_account(
    small_store_path: Path,
) -> None:
    """The store has the clash from the west's and east's reports: the west and the monitors
    together repeat it by the store's rule (a source and quote in common), so the monitors'
    report is an account of it, not a second event; add --from writes it into the event."""
    folder = small_store_path.parent
    for name, text in (("west.txt", WEST), ("east.txt", EAST), ("mon.txt", MONITORS)):
        (folder / name).write_text(text, encoding="utf-8")
    store = load(small_store_path)
    first = combine([drafted(store, WEST, "west.txt"), drafted(store, EAST, "east.txt")], store)
    document = tomllib.loads(to_toml(first, "west.txt, east.txt"))
    StoreFile(small_store_path).apply(change_of(document, store, small_store_path))
    filed = load(small_store_path)
    clash = first.drafts[0]
    again = against_store(
        combine([drafted(filed, WEST, "west.txt"), drafted(filed, MONITORS, "mon.txt")], filed),
        filed,
    )
    (account,) = again.accounts
    assert account["event"] == clash.id
    assert account["figures"] == {"killed": 7}
    assert "date" not in account  # Monday, as the event has it
    # The plan is filed already from the same source: kept, for add --from to name and skip.
    assert [d.title for d in again.drafts] == ["The foreign ministers will meet in Vienna"]
    document = tomllib.loads(to_toml(again._replace(drafts=[]), "west.txt, mon.txt"))
    store_file = StoreFile(small_store_path)
    store_file.apply(change_of(document, filed, small_store_path))
    after = load(small_store_path, cache=False)
    (event,) = [e for e in after.events if e.id == clash.id]
    assert [a.source for a in event.accounts][-1] == account["source"]
    assert event.sources[-1] == account["source"]
    assert len(after.events) == len(filed.events)


def test_a_more_precise_day_within_the_lead_s_is_no_disagreement(small_store: Store) -> None:
    """A lead dated "that day or the day before" and a report of that day agree (as check
    finds: the dates can be the same day)."""
    lead = "Border clash\n\nSix soldiers were killed in a clash near Geneva, officials said.\n"
    dated = "Clash\n\nSix soldiers were killed in a clash near Geneva on Monday, monitors said.\n"
    combined = combine(
        [drafted(small_store, lead, "a.txt"), drafted(small_store, dated, "b.txt")], small_store
    )
    (clash,) = combined.drafts
    assert clash.date == "[2021-05-03..2021-05-04]"
    assert clash.accounts[1]["date"] == "2021-05-03"
    assert clash.note.endswith("Told by 2 sources, each in its account.")
