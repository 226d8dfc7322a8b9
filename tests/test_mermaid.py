"""Mermaid export, parsed by Mermaid itself (Node.js) where it is installed."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import HOSTILE_TEXT
from timeline.exporters import ExportOptions
from timeline.exporters.markdown import write as markdown
from timeline.exporters.mermaid import diagram, text
from timeline.literal import visible
from timeline.model import Store

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


def test_syntax_characters_become_entity_codes() -> None:
    assert text("a: b; #1 <x> 100%") == "a#58; b#59; #35;1 #lt;x#gt; 100#37;"
    assert text("  line\nbreak  ") == "line break"


def test_markdown_embeds_the_diagram(small_store: Store) -> None:
    document = "".join(markdown(small_store, list(small_store.events), ExportOptions(mermaid=True)))
    assert "\n```mermaid\ntimeline\n    title Test timeline\n" in document
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
        (str(e.span.start.first.year), e.span.label, [e.title]) for e in bundled_store.events
    ]
    assert shown(parsed["title"]) == bundled_store.title


@needs_mermaid
def test_hostile_text_stays_one_event(hostile_store: Store) -> None:
    """Colons, semicolons, # and newlines in the data never split or end an event."""
    parsed = mermaid_parse(diagram(hostile_store, list(hostile_store.events)))
    truce = parsed["tasks"][1]
    assert len(truce["events"]) == 1
    expected = " ".join(visible(HOSTILE_TEXT, multiline=True).split())
    assert shown(truce["events"][0]) == expected
