"""The example store under examples/: real reports that disagree, kept true to their files."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from conftest import REPO
from timeline.contested import contested
from timeline.store import load

EXAMPLE = REPO / "examples" / "kabul-airport-2021.toml"
BOMBING = "kabul-airport-bombing-2021-08-26"


def test_the_example_passes_check_with_no_error_and_no_warning(run: Callable[..., Result]) -> None:
    result = run("--store", str(EXAMPLE), "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"{EXAMPLE}: 2 events, 0 errors, 0 warnings, 2 contested events"
    )
    assert "error" not in result.output.replace("0 errors", "")
    # check also holds every account's quotes to its own source's file: none is reported
    assert "quote" not in result.output


def test_every_source_file_has_the_sha256_the_store_records() -> None:
    store = load(EXAMPLE)
    assert len(store.sources) == 5
    for source in store.sources.values():
        assert source.file and source.sha256, source.id
        digest = hashlib.sha256((EXAMPLE.parent / source.file).read_bytes()).hexdigest()
        assert digest == source.sha256, source.id


def test_every_source_is_listed_in_sources_md_with_its_address() -> None:
    listing = (REPO / "examples" / "sources" / "SOURCES.md").read_text(encoding="utf-8")
    for source in load(EXAMPLE).sources.values():
        assert source.file and source.url, source.id
        assert Path(source.file).name in listing, source.id
        assert source.url in listing, source.id


def test_the_bombing_is_contested_on_the_dead() -> None:
    store = load(EXAMPLE)
    event = next(event for event in store.events if event.id == BOMBING)
    assert contested(event) == ("figures.killed",)
    assert [(figure.name, figure.low) for figure in event.figures] == [("killed", 114)]
    said = {
        account.source: [(f.name, f.low) for f in account.figures] for account in event.accounts
    }
    assert said == {
        "biden-2022-08-26": [],
        "harris-2021-08-26": [("killed", 13)],
        "biden-2021-08-31": [("killed", 37)],
        "trump-2025-08-25": [("killed", 13), ("injured", 206)],
    }


def test_show_details_of_the_bombing_at_100_columns(run: Callable[..., Result]) -> None:
    result = run("--store", str(EXAMPLE), "show", "--details", "--type", "incident")
    assert result.exit_code == 0, result.output
    assert result.output == SHOWN


SHOWN = """\
The Kabul airport attack and airlift of August 2021, as five White House texts tell them
1 event

 2021  ─────────────────────────────────────────────────────────────────────────────────────────────
 ◆ 26 August 2021 Suicide bombing at Abbey Gate, Kabul airport
 │                incident · contested: killed · ISIS-K, United States Armed Forces · Abbey Gate,
 │                Hamid Karzai International Airport, Kabul
 │                An ISIS-K terrorist detonated a suicide bomb at Abbey Gate, outside Kabul airport,
 │                during the evacuation, killing 13 American service members and Afghan civilians
 │                and wounding many more. The sources agree on the 13 Americans; they differ on the
 │                Afghan dead.
 │                “One year ago, 13 proud and patriotic American service members, as well as more
 │                than 100 innocent Afghan civilians, were killed in a heinous terrorist attack at
 │                Abbey Gate outside the Kabul Airport.”
 │                “Many more were injured and will carry the impact of their wounds and experiences
 │                for the rest of their lives.”
 │                Note: The store reads the dead as the statement of 26 August 2022 counts them: 13
 │                service members and "more than 100" Afghan civilians, so at least 114 (13 + 101).
 │                The other texts count the Afghan dead as "dozens" (31 August 2021) or not at all.
 │                Figures: at least 13 killed: at least 114 according to biden-2022-08-26, at least
 │                13 according to harris-2021-08-26 and trump-2025-08-25, at least 37 according to
 │                biden-2021-08-31; at least 206 injured according to trump-2025-08-25
 │                Source: “Statement of President Joe Biden on the Anniversary of the Terrorist
 │                Attack Outside Kabul Airport”, The White House, 2022-08-26,
 │                https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2022/08/26/
 │                statement-of-president-joe-biden-on-the-anniversary-of-the-terrorist-attack-outsid
 │                e-kabul-airport/
 │                  As written: One year ago
 │                Source: “Statement by Vice President Kamala Harris on the Terror Attack in Kabul”,
 │                The White House, 2021-08-26,
 │                https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2021/08/26/
 │                statement-by-vice-president-kamala-harris-on-the-terror-attack-in-kabul/
 │                  As written: Today
 │                  Figures: at least 13 killed
 │                  “Today in Kabul, a terror attack killed 13 American service members.”
 │                  “We also grieve for the Afghan civilians killed and injured.”
 │                  Note: Counts only the American dead: at least 13 killed. Published on the day of
 │                  the attack.
 │                Source: “Remarks by President Biden on the End of the War in Afghanistan”, The
 │                White House, 2021-08-31,
 │                https://bidenwhitehouse.archives.gov/briefing-room/speeches-remarks/2021/08/31/rem
 │                arks-by-president-biden-on-the-end-of-the-war-in-afghanistan/
 │                  Figures: at least 37 killed
 │                  “We struck ISIS-K remotely, days after they murdered 13 of our servicemembers
 │                  and dozens of innocent Afghans.”
 │                  Note: "Dozens of innocent Afghans" is read as at least 24, so at least 37 killed
 │                  with the 13 servicemembers: an inference. The same remarks say "Twenty
 │                  servicemembers were wounded in the service of this mission", the whole airlift.
 │                Source: “Fourth Anniversary of the Attack at Abbey Gate, 2025”, The White House,
 │                2025-08-25,
 │                https://www.whitehouse.gov/presidential-actions/2025/08/fourth-anniversary-of-the-
 │                attack-at-abbey-gate-2025/
 │                  As written: At exactly 5:36pm on August 26, 2021
 │                  Figures: at least 13 killed, at least 206 injured
 │                  “At exactly 5:36pm on August 26, 2021, a barbaric ISIS-K terrorist — one of the
 │                  prisoners set free by the Taliban less than two months earlier — detonated a
 │                  suicide bomb at a civilian gate of Hamid Karzai International Airport in Kabul,
 │                  the main entry point for an evacuation operation.”
 │                  “As a result, 13 brave American service members were killed, 45 were wounded,
 │                  and more than 160 civilians were injured, resulting in the single deadliest day
 │                  for United States forces in a decade.”
 │                  Note: Counts the American dead only (at least 13 killed) and the civilians among
 │                  the injured: 45 wounded service members and more than 160 injured civilians make
 │                  at least 206 injured (45 + 161). No other text gives a number of injured.
 │                Tags: casualties, abbey-gate
 │                id: kabul-airport-bombing-2021-08-26
"""
