"""HTML export, parsed with html5lib; rendered in headless Chromium where there is one."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import html5lib
import pytest

from conftest import SMALL_STORE
from timeline.exporters import ExportOptions
from timeline.exporters.html import write
from timeline.model import Source, Store
from timeline.store import load

NS = "{http://www.w3.org/1999/xhtml}"


def page(store: Store) -> str:
    return "".join(write(store, list(store.events), ExportOptions()))


def parse(html: str):  # type: ignore[no-untyped-def]
    parser = html5lib.HTMLParser(strict=True)  # a parse error fails the test
    return parser.parse(html)


def all_text(element) -> str:  # type: ignore[no-untyped-def]
    return "".join(element.itertext())


def test_one_item_per_event_grouped_by_year(bundled_store: Store) -> None:
    tree = parse(page(bundled_store))
    years = [all_text(h) for h in tree.iter(f"{NS}h2")]
    assert years == ["1988", "2020", "2023"]
    titles = [all_text(h) for h in tree.iter(f"{NS}h3")]
    assert titles == [e.title for e in bundled_store.events]
    labels = [all_text(s) for s in tree.iter(f"{NS}span") if s.get("class") == "when"]
    assert labels[0] == "since 1988" and "late May 2023" in labels


def test_self_contained_and_inert(hostile_store: Store) -> None:
    """No script, no event handler, no outside resource; only http(s) links."""
    html = page(hostile_store)
    tree = parse(html)
    for element in tree.iter():
        assert element.tag not in (f"{NS}script", f"{NS}iframe", f"{NS}link", f"{NS}img")
        assert not [name for name in element.attrib if name.lower().startswith("on")]
        if element.tag == f"{NS}a":
            assert element.get("href", "").startswith(("https://", "http://"))
    assert "src=" not in html and "@import" not in html and "url(" not in html


def test_hostile_text_is_shown_as_text(hostile_store: Store) -> None:
    """Markup in a title is text; a title is one line, so its line breaks show as escapes,
    like its control and bidi characters."""
    tree = parse(page(hostile_store))
    titles = [all_text(h) for h in tree.iter(f"{NS}h3")]
    assert titles[1] == (
        "a, b; c \"q\" 's' | # <script>alert(1)</script> & =1+2 \\ END:VEVENT\\x0a"
        "BEGIN:VEVENT line two: x\\x0d\\x0a`code` *em* [l](javascript:x) {} %% \\u202eevil \\x07 "
        "Ղարաբաղ Qarabağ İlham Əliyev Карабах قره\u200cباغ"
    )


def test_citations_write_every_part_and_link_only_web_addresses(sources_store: Store) -> None:
    """A web address links the title, percent-encoded as a URI (a space is %20); a file, or
    an address that is no web link, is written after the details, as text (as in every other
    output)."""
    lines = page(sources_store).splitlines()
    cited = [line for line in lines if line.startswith('<p class="sources">')]
    assert cited[-1] == (
        '<p class="sources">Source: <a href="https://example.org/report" '
        'rel="noopener noreferrer">“A report”</a>, Agency, 2023-01-02; “A file”, sources/a.txt; '
        "“Bad link”, javascript:alert(1); "
        '<a href="http://example.com/x%20y" rel="noopener noreferrer">“Both”</a>, P</p>'
    )


def test_a_url_with_control_characters_is_text_not_a_link(small_store: Store) -> None:
    """ESC and BEL in a URL never reach an href (nor anywhere else in the page): the URL is no
    web address, so it is written as text with visible escapes."""
    url = "https://example.org/\x1b[2J\x07\r\n"
    store = small_store._replace(sources={"report": Source("report", "A report", url=url)})
    html = page(store)
    tree = parse(html)
    assert [a.get("href") for a in tree.iter(f"{NS}a")] == []
    cited = [all_text(p) for p in tree.iter(f"{NS}p") if p.get("class") == "sources"]
    assert cited[0] == "Source: “A report”, https://example.org/\\x1b[2J\\x07\\x0d\\x0a"
    assert not [c for c in html if ord(c) < 0x20 and c != "\n"]


def test_a_blank_line_holding_a_space_splits_paragraphs(
    write_store: Callable[[str], Path],
) -> None:
    """A summary "one\\n \\ntwo" is two paragraphs, as it is in every format; a single line
    break stays a line break in the page's text (which shows as a space)."""
    text = SMALL_STORE.replace('"Both sides sign."', '"one\\n \\ntwo\\nthree"')
    html = page(load(write_store(text)))
    assert (
        '<p class="meta">Jana Ərəbova · Southland · Geneva</p>\n'
        "<p>one</p>\n<p>two\nthree</p>\n"
        "<blockquote>“We sign a treaty today.”</blockquote>\n"
    ) in html


def test_legend_lists_the_types_in_use(small_store: Store) -> None:
    tree = parse(page(small_store))
    legend = [
        all_text(li) for ul in tree.iter(f"{NS}ul") if ul.get("class") == "legend" for li in ul
    ]
    assert legend == ["battle", "talks"]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)"
)
def test_renders_in_a_real_browser(bundled_store: Store, tmp_path: Path) -> None:
    """Headless Chromium lays the page out: its text holds every event's title."""
    target = tmp_path / "timeline.html"
    target.write_text(page(bundled_store), encoding="utf-8")
    assert CHROMIUM is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", target.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    for event in bundled_store.events:
        assert event.title.replace("'", "&#x27;") in dom or event.title in dom
    shot = tmp_path / "shot.png"
    subprocess.run(
        [CHROMIUM, *flags, "--window-size=1000,1400", f"--screenshot={shot}", target.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000


def test_accounts_figures_and_contested_events(accounts_store_path: Path) -> None:
    html = page(load(accounts_store_path, cache=False))
    main = html[html.index("<main>") : html.index("</main>") + len("</main>\n")]
    assert (
        main
        == """\
<main>
<section>
<h2>2023</h2>
<ol class="events">
<li class="event" style="--c:#c0392b" id="event-talks">
<span class="when">25 May 2023</span><span class="type">incident</span>
<h3>Talks in Aravus</h3>
<div class="track" title="25 May 2023"><span style="left:0.000%;width:0.840%"></span></div>
<p class="meta">The army · The rebels · Aravus</p>
<p class="sources">Source: “Report A”, Agency A, a.txt; <a href="https://example.org/b" rel="noopener noreferrer">“Report B”</a></p>
<div class="account">
<p class="according">According to <a href="https://example.org/b" rel="noopener noreferrer">“Report B”</a></p>
<p class="meta">Date: late May 2023 · Location: aravus</p>
<blockquote>“talks were held late in May”</blockquote>
</div>
</li>
<li class="event contested" style="--c:#c0392b" id="event-clash">
<span class="when">20 September 2023</span><span class="type">incident</span>
<h3>Soldiers killed in a clash near Aravus</h3>
<div class="track" title="20 September 2023"><span style="left:99.160%;width:0.840%"></span></div>
<p class="meta">The army · Aravus</p>
<p class="contested">contested: date, actors, figures.killed</p>
<p class="figures">Figures: 5–6 killed: 6 according to a, 5 according to b; 10–15 injured</p>
<p class="sources">Source: “Report A”, Agency A, a.txt; <a href="https://example.org/b" rel="noopener noreferrer">“Report B”</a></p>
<div class="account">
<p class="according">According to “Report A”, Agency A, a.txt</p>
<blockquote>“Six soldiers were killed near Aravus”</blockquote>
</div>
<div class="account">
<p class="according">According to <a href="https://example.org/b" rel="noopener noreferrer">“Report B”</a></p>
<p class="meta">Date: 19 September 2023 · Actors: The army, The rebels · Figures: 5 killed</p>
<blockquote>“five soldiers died”</blockquote>
<p class="note">Note: B counts one fewer.</p>
</div>
</li>
</ol>
</section>
</main>
"""
    )
    tree = parse(html)
    items = [li for li in tree.iter(f"{NS}li") if "event" in li.get("class", "")]
    assert [li.get("class") for li in items] == ["event", "event contested"]
    clash = items[1]
    by_class = [(p.get("class"), all_text(p)) for p in clash.iter(f"{NS}p")]
    assert ("contested", "contested: date, actors, figures.killed") in by_class
    assert (
        "figures",
        "Figures: 5–6 killed: 6 according to a, 5 according to b; 10–15 injured",
    ) in by_class
    accounts = [div for div in clash.iter(f"{NS}div") if div.get("class") == "account"]
    assert [all_text(div.find(f"{NS}blockquote")) for div in accounts] == [
        "“Six soldiers were killed near Aravus”",
        "“five soldiers died”",
    ]
