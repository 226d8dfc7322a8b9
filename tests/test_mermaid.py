"""Mermaid export, parsed by Mermaid itself (Node.js) where it is installed."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from timeline.exporters import ExportOptions
from timeline.exporters.markdown import write as markdown
from timeline.exporters.mermaid import diagram, text
from timeline.model import Store
from timeline.store import load

CONSUMERS = Path(__file__).parent / "consumers"
HAVE_MERMAID = (
    shutil.which("node") is not None and (CONSUMERS / "node_modules" / "mermaid").is_dir()
)
needs_mermaid = pytest.mark.skipif(
    not HAVE_MERMAID, reason="Mermaid is not installed: npm ci --prefix tests/consumers"
)


def mermaid_parse(source: str) -> dict[str, Any]:
    result = subprocess.run(
        ["node", str(CONSUMERS / "mermaid_parse.mjs")],
        input=source,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    parsed = json.loads(result.stdout)
    assert isinstance(parsed, dict)
    return parsed


def shown(value: str) -> str:
    """What Mermaid shows for a label: its entity codes decoded as it decodes them."""
    decoded = value.replace("ﬂ°°", "&#").replace("ﬂ°", "&").replace("¶ß", ";")
    return html.unescape(decoded).strip()


def test_exact_diagram(small_store: Store) -> None:
    assert (
        diagram(small_store, list(small_store.events))
        == """\
timeline
    title Test timeline
    section 1990
        since 1990 : The long war
    section 2021
        5 March 2021 : A truce is signed
        mid-March 2021 : Talks in March
        late May 2021 : A clash at the border
"""
    )


def test_a_colon_in_the_title_is_written_as_itself(bundled_store: Store) -> None:
    """The title runs to the end of its line, so its colon is no syntax: written as itself,
    it shows as itself wherever the diagram is drawn; the other syntax characters are
    still entity codes. The Markdown document's title has no entity code either."""
    title = diagram(bundled_store, list(bundled_store.events)).splitlines()[1]
    assert title == (
        "    title Nagorno-Karabakh: the conflict as reported by TASS, 21 September 2023"
    )
    store = bundled_store._replace(title="A: b; #1 {c} 100%")
    assert diagram(store, []).splitlines()[1] == "    title A: b#59; #35;1 #123;c#125; 100#37;"
    document = "".join(markdown(store, list(store.events), ExportOptions(mermaid=True)))
    assert document.startswith("# A: b; \\#1 {c} 100%\n") and "#58;" not in document


def test_syntax_characters_become_entity_codes() -> None:
    assert text("a: b; #1 <x> 100%") == "a#58; b#59; #35;1 #lt;x#gt; 100#37;"
    assert text("  line\nbreak  ") == "line break"


def test_markdown_embeds_the_diagram(small_store: Store) -> None:
    """Under the document's own heading, the diagram does not repeat the title."""
    document = "".join(markdown(small_store, list(small_store.events), ExportOptions(mermaid=True)))
    assert document.startswith("# Test timeline\n")
    assert "\n```mermaid\ntimeline\n    section 1990\n" in document
    assert "title" not in document
    assert "```mermaid" not in "".join(
        markdown(small_store, list(small_store.events), ExportOptions())
    )


@needs_mermaid
def test_mermaid_reads_sections_periods_and_events(bundled_store: Store) -> None:
    parsed = mermaid_parse(diagram(bundled_store, list(bundled_store.events)))
    assert parsed["type"] == "timeline"
    assert parsed["sections"] == ["1988", "2020", "2023"]
    read = [
        (t["section"], shown(t["period"]), [shown(e) for e in t["events"]]) for t in parsed["tasks"]
    ]
    assert read == [
        ("1988", "since 1988", ["Baku and Yerevan in a territorial dispute over Nagorno-Karabakh"]),
        ("2020", "2020–2022", ["Trilateral agreements between Russia, Azerbaijan and Armenia"]),
        ("2020", "September 2020", ["Intense conflict erupts again in Nagorno-Karabakh"]),
        (
            "2020",
            "9 November 2020",
            ["Putin, Aliyev and Pashinyan agree a statement on the full cessation of hostilities"],
        ),
        ("2020", "since 9 November 2020?", ["Russian peacekeepers deployed to Nagorno-Karabakh"]),
        ("2023", "mid-March 2023", ["Putin and Aliyev speak by telephone"]),
        (
            "2023",
            "17 May 2023",
            [
                "Pashinyan recognises Azerbaijan's sovereignty over Nagorno-Karabakh at the "
                "Council of Europe summit"
            ],
        ),
        (
            "2023",
            "late May 2023",
            ["Putin and Aliyev meet in Moscow after the Supreme Eurasian Economic Council"],
        ),
        ("2023", "20 September 2023", ["Russian peacekeepers killed in an incident in Karabakh"]),
        (
            "2023",
            "20 or 21 September 2023",
            ["Aliyev apologises to Putin for the death of Russian peacekeepers"],
        ),
    ]
    assert parsed["title"] == (
        "Nagorno-Karabakh: the conflict as reported by TASS, 21 September 2023"
    )


@needs_mermaid
def test_hostile_text_stays_one_event(hostile_store: Store) -> None:
    """Colons, semicolons, # and newlines in the data never split or end an event."""
    parsed = mermaid_parse(diagram(hostile_store, list(hostile_store.events)))
    truce = parsed["tasks"][1]
    assert len(truce["events"]) == 1
    expected = (
        "a, b; c \"q\" 's' | # <script>alert(1)</script> & =1+2 \\ END:VEVENT "
        "BEGIN:VEVENT line two: x\\x0d `code` *em* [l](javascript:x) {} %% \\u202eevil \\x07 "
        "Ղարաբաղ Qarabağ İlham Əliyev Карабах قره\u200cباغ"
    )
    assert shown(truce["events"][0]) == expected


CONTESTED_DIAGRAM = """\
timeline
    title Two reports
    section 2023
        25 May 2023 : Talks in Aravus
        20 September 2023 : Soldiers killed in a clash near Aravus \
(contested#58; date, actors, figures.killed)
"""


def test_a_contested_event_says_so(accounts_store_path: Path) -> None:
    store = load(accounts_store_path, cache=False)
    assert diagram(store, list(store.events)) == CONTESTED_DIAGRAM


@needs_mermaid
def test_mermaid_reads_the_contested_note(accounts_store_path: Path) -> None:
    store = load(accounts_store_path, cache=False)
    parsed = mermaid_parse(diagram(store, list(store.events)))
    read = [(shown(t["period"]), [shown(e) for e in t["events"]]) for t in parsed["tasks"]]
    assert read == [
        ("25 May 2023", ["Talks in Aravus"]),
        (
            "20 September 2023",
            ["Soldiers killed in a clash near Aravus (contested: date, actors, figures.killed)"],
        ),
    ]
