"""HTML export, parsed with html5lib; rendered in headless Chromium where there is one."""

from __future__ import annotations

import html as html_module
import itertools
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import html5lib
import pytest

from conftest import GEO_STORE, SMALL_STORE
from timeline.exporters import ExportOptions
from timeline.exporters.html import GAP_YEARS, Axis, write
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
    assert years == ["1988", "2020", "2023", "Sources"]
    titles = [all_text(h) for h in tree.iter(f"{NS}h3")]
    assert titles == [e.title for e in bundled_store.events]
    labels = [all_text(s) for s in tree.iter(f"{NS}span") if s.get("class") == "when"]
    assert labels[0] == "since 1988" and "late May 2023" in labels


def test_self_contained_and_inert(hostile_store: Store) -> None:
    """No script, no event handler, no outside resource; only http(s) links, and links to
    the page's own list of sources; the same Content-Security-Policy."""
    html = page(hostile_store)
    tree = parse(html)
    for element in tree.iter():
        assert element.tag not in (f"{NS}script", f"{NS}iframe", f"{NS}link", f"{NS}img")
        assert not [name for name in element.attrib if name.lower().startswith("on")]
        if element.tag == f"{NS}a":
            href = element.get("href", "")
            assert href.startswith(("https://", "http://")) or re.fullmatch("#source-[0-9]+", href)
    assert "src=" not in html and "@import" not in html and "url(" not in html
    assert html.count("<style>") == 1 and html.count("<meta http-equiv") == 1
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"
    ) in html


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


def test_tags_are_shown_as_text(write_store: Callable[[str], Path]) -> None:
    """An event's tags follow its sources, as the terminal lists them; markup, emoji codes
    and control characters in a tag are text; an event without tags has no such line."""
    tags = 'tags = ["[bold]x[/bold]", ":warning:", "<b>t</b> & *em*", "\\u001b[2J"]\n'
    text = SMALL_STORE.replace(
        'quotes = ["We sign a treaty today."]\n', f'quotes = ["We sign a treaty today."]\n{tags}'
    )
    html = page(load(write_store(text)))
    assert (
        '<p class="sources">Source: <a class="cite" href="#source-1">[1]</a> “A report”</p>\n'
        '<p class="tags">Tags: [bold]x[/bold], :warning:, &lt;b&gt;t&lt;/b&gt; &amp; *em*, '
        "\\x1b[2J</p>\n</li>\n"
    ) in html
    tree = parse(html)
    shown = {
        all_text(item.find(f"{NS}h3")): [
            all_text(p) for p in item.iter(f"{NS}p") if p.get("class") == "tags"
        ]
        for item in tree.iter(f"{NS}li")
        if "event" in item.get("class", "")
    }
    assert shown == {
        "The long war": ["Tags: background"],
        "A truce is signed": ["Tags: [bold]x[/bold], :warning:, <b>t</b> & *em*, \\x1b[2J"],
        "Talks in March": [],
        "A clash at the border": ["Tags: border"],
    }


def test_citations_write_every_part_and_link_only_web_addresses(sources_store: Store) -> None:
    """An event points to its sources by number; the numbered list at the end cites each:
    a web address links the title, percent-encoded as a URI (a space is %20); an address
    that is no web link is written after the details, as text; a file's path never."""
    html = page(sources_store)
    lines = html.splitlines()
    cited = [line for line in lines if line.startswith('<p class="sources">')]
    assert cited[-1] == (
        '<p class="sources">Sources: <a class="cite" href="#source-1">[1]</a> “A report”; '
        '<a class="cite" href="#source-2">[2]</a> “A file”; '
        '<a class="cite" href="#source-3">[3]</a> “Bad link”; '
        '<a class="cite" href="#source-4">[4]</a> “Both”</p>'
    )
    listed = html[html.index('<h2 id="sources">') : html.index("</main>")]
    assert listed == (
        '<h2 id="sources">Sources</h2>\n<ol class="source-list">\n'
        '<li id="source-1"><a href="https://example.org/report" rel="noopener noreferrer">'
        "“A report”</a>, Agency, 2023-01-02</li>\n"
        '<li id="source-2">“A file”</li>\n'
        '<li id="source-3">“Bad link”, javascript:alert(1)</li>\n'
        '<li id="source-4"><a href="http://example.com/x%20y" rel="noopener noreferrer">'
        "“Both”</a>, P</li>\n</ol>\n</section>\n"
    )
    assert "a.txt" not in html and "b.txt" not in html


def test_every_link_to_a_source_has_its_anchor(accounts_store_path: Path) -> None:
    """Each event's and account's numbers link to an item of the list, which cites the
    source with that number: numbered in the order the events first cite them."""
    store = load(accounts_store_path, cache=False)
    tree = parse(page(store))
    ids = {element.get("id"): element for element in tree.iter() if element.get("id")}
    links = [a.get("href") for a in tree.iter(f"{NS}a") if a.get("class") == "cite"]
    assert links and set(links) == {"#source-1", "#source-2"}
    for href in links:
        assert ids[href[1:]].tag == f"{NS}li"
    assert [all_text(ids[f"source-{n}"]) for n in (1, 2)] == [
        "“Report A”, Agency A",
        "“Report B”",
    ]


def test_a_url_with_control_characters_is_text_not_a_link(small_store: Store) -> None:
    """ESC and BEL in a URL never reach an href (nor anywhere else in the page): the URL is no
    web address, so it is written as text with visible escapes."""
    url = "https://example.org/\x1b[2J\x07\r\n"
    store = small_store._replace(sources={"report": Source("report", "A report", url=url)})
    html = page(store)
    tree = parse(html)
    assert [a.get("href") for a in tree.iter(f"{NS}a") if a.get("class") != "cite"] == []
    listed = [all_text(li) for li in tree.iter(f"{NS}li") if li.get("id") == "source-1"]
    assert listed == ["“A report”, https://example.org/\\x1b[2J\\x07\\x0d\\x0a"]
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


def axis_of(tree):  # type: ignore[no-untyped-def]
    return next(div for div in tree.iter(f"{NS}div") if div.get("class") == "axis")


def left(element) -> float:  # type: ignore[no-untyped-def]
    return float(re.search(r"left:([0-9.]+)%", element.get("style"))[1])


def test_the_axis_has_a_tick_for_each_year_and_a_break_for_a_long_gap(
    bundled_store: Store,
) -> None:
    """1988, then 31 years in which no event begins or ends, drawn as one marked break,
    then a tick for each year from 2020 to 2023, each labelled, in order."""
    axis = axis_of(parse(page(bundled_store)))
    ticks = [(span.get("class"), all_text(span), left(span)) for span in axis]
    assert [(kind, label) for kind, label, _ in ticks] == [
        ("tick", "1988"),
        ("gap", "31 years"),
        ("tick", "2020"),
        ("tick", "2021"),
        ("tick", "2022"),
        ("tick", "2023"),
    ]
    lefts = [position for _, _, position in ticks]
    assert lefts == sorted(lefts) and lefts[0] == 0 and lefts[-1] < 100
    gap = axis[1]
    assert gap.get("title") == "1989–2019: no event begins or ends"
    # Drawn to scale, 2020 to 2023 take two thirds of the width instead of a tenth.
    assert lefts[2] == pytest.approx(100 / 3, abs=0.01)


def test_a_gap_shorter_than_the_rule_is_drawn_to_scale(write_store: Callable[[str], Path]) -> None:
    """Years without events are drawn, each with its tick, until GAP_YEARS of them in a row:
    those are one break."""
    short = SMALL_STORE.replace('date = "1990"', f'date = "{2021 - GAP_YEARS}"')
    long = SMALL_STORE.replace('date = "1990"', f'date = "{2021 - GAP_YEARS - 1}"')
    short_axis = axis_of(parse(page(load(write_store(short)))))
    assert [span.get("class") for span in short_axis] == ["tick"] * (GAP_YEARS + 1)
    long_axis = axis_of(parse(page(load(write_store(long)))))
    assert [(span.get("class"), all_text(span)) for span in long_axis] == [
        ("tick", str(2021 - GAP_YEARS - 1)),
        ("gap", f"{GAP_YEARS} years"),
        ("tick", "2021"),
    ]


def test_axis_positions(small_store: Store) -> None:
    """A day's place grows with the day, across years and breaks; the axis runs from the
    first day of the first year to the last day of the last."""
    axis = Axis(list(small_store.events))  # 1990, a break for 1991-2020, 2021
    days = [date(1990, 1, 1), date(1990, 7, 1), date(2005, 1, 1), date(2021, 1, 1)]
    places = [axis.at(day) for day in days]
    assert places[0] == 0 and places == sorted(places)
    assert axis.at(date(2021, 12, 31), end=True) == pytest.approx(100)
    assert axis.at(date(1990, 12, 31), end=True) == pytest.approx(100 / 3)
    assert axis.at(date(2021, 1, 1)) == pytest.approx(200 / 3)


def test_fuzzy_dates_have_soft_ends_and_open_ones_fade(small_store: Store) -> None:
    """A day is a crisp dot; a part of a month is soft at both ends; a period since a year is
    soft over that year and fades out at its open end."""
    tree = parse(page(small_store))
    bars = {
        all_text(li.find(f"{NS}h3")): span.get("class")
        for li in tree.iter(f"{NS}li")
        for span in li.iter(f"{NS}span")
        if "bar" in span.get("class", "").split()
    }
    assert bars == {
        "The long war": "bar fs ongoing",
        "A truce is signed": "bar dot",
        "Talks in March": "bar dot fs fe",
        "A clash at the border": "bar dot fs fe",
    }


def test_uncertain_dates_are_outlined(bundled_store: Store) -> None:
    html = page(bundled_store)
    assert html.count('class="bar ') == len(bundled_store.events)
    assert html.count(' uncertain"') == 1  # the peacekeepers' "2020-11-09?"
    assert ".bar.uncertain { outline: 1px dashed" in html


def test_one_style_sheet_with_a_dark_scheme_and_print(bundled_store: Store) -> None:
    html = page(bundled_store)
    style = html[html.index("<style>") : html.index("</style>")]
    assert "@media (prefers-color-scheme: dark)" in style
    assert "@media print" in style
    assert "@media (max-width: 40rem)" in style


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)"
)

# Measures the laid-out page and sends what it finds to the page that frames it: the page's
# width, how wide its content is, the elements that reach past its right edge, and the axis
# labels shown, left to right, as [left, right] pairs. (The page itself runs no script: the
# test runs this on a copy without the Content-Security-Policy.)
MEASURE = """<script>
addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const past = [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > width + 0.5)
    .map((e) => e.tagName + "." + e.className);
  const labels = [...document.querySelectorAll(".axis .tick")]
    .filter((e) => e.textContent && getComputedStyle(e).display !== "none")
    .map((e) => { const r = e.getBoundingClientRect();
                  return [r.left, r.left + e.scrollWidth]; });
  parent.postMessage(JSON.stringify({width, scroll: document.documentElement.scrollWidth,
                                     past, labels}), "*");
});
</script>"""
# Headless Chromium's window is at least 500 pixels wide: a page is laid out at a phone's
# width in a frame that wide, and the frame's page sends its measures up to be dumped.
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="{src}" style="width:{width}px;height:900px;border:0;display:block"></iframe>
<script>addEventListener("message", (e) => {{
  const out = document.createElement("pre"); out.id = "measured"; out.textContent = e.data;
  document.body.append(out); }});</script>
</body></html>"""


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--hide-scrollbars",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--virtual-time-budget=5000",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    return subprocess.run(
        [CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120, check=True
    )


def measure(tmp_path: Path, html: str, width: int) -> dict[str, Any]:
    """What MEASURE finds in html laid out width pixels wide."""
    (tmp_path / "measured.html").write_text(
        html.replace("</body>", MEASURE + "</body>"), encoding="utf-8"
    )
    frame = tmp_path / "frame.html"
    frame.write_text(FRAME.format(src="measured.html", width=width), encoding="utf-8")
    window = f"--window-size={max(width, 500) + 20},1000"
    dom = chromium(tmp_path, window, "--dump-dom", frame.as_uri()).stdout
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom)
    assert found is not None, "the measuring script did not run"
    measured = json.loads(html_module.unescape(found[1]))
    assert isinstance(measured, dict)
    return measured


@needs_chromium
@pytest.mark.parametrize("width", [390, 1280])
def test_renders_in_a_real_browser(bundled_store: Store, tmp_path: Path, width: int) -> None:
    """Headless Chromium lays the page out at a phone's width and a laptop's: its text holds
    every event's title, its screenshot is not blank, nothing reaches past the right edge
    (no sideways scrolling), and no two axis labels overlap."""
    html = page(bundled_store)
    target = tmp_path / "timeline.html"
    target.write_text(html, encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", target.as_uri()).stdout
    for event in bundled_store.events:
        assert event.title.replace("'", "&#x27;") in dom or event.title in dom
    frame = tmp_path / "frame.html"
    frame.write_text(FRAME.format(src="timeline.html", width=width), encoding="utf-8")
    shot = tmp_path / "shot.png"
    window = f"--window-size={max(width, 500) + 20},900"
    chromium(tmp_path, window, f"--screenshot={shot}", frame.as_uri())
    assert shot.stat().st_size > 20_000  # a blank page of that size is a few kilobytes
    csp = html[html.index("<meta http-equiv") : html.index(">", html.index("<meta http-equiv"))]
    measured = measure(tmp_path, html.replace(csp + ">\n", ""), width)
    assert measured["width"] == width
    assert measured["past"] == []
    assert measured["scroll"] <= width
    labels = measured["labels"]
    assert len(labels) >= 4  # 1988 and 2020-2023 at least, at any width
    for (_, right), (next_left, _) in itertools.pairwise(labels):
        assert right <= next_left


@needs_chromium
def test_a_page_that_overflows_is_caught(tmp_path: Path) -> None:
    """The measure finds what reaches past the right edge (the test above can fail)."""
    wide = '<!DOCTYPE html><html><body><div style="width:500px">x</div></body></html>'
    measured = measure(tmp_path, wide, 390)
    assert measured["width"] == 390
    assert measured["past"] == ["DIV."] and measured["scroll"] > 390


def test_accounts_figures_and_contested_events(accounts_store_path: Path) -> None:
    html = page(load(accounts_store_path, cache=False))
    main = html[html.index("<main>") : html.index("</main>") + len("</main>\n")]
    assert (
        main
        == """\
<main>
<div class="axis" aria-hidden="true">
<span class="tick" style="left:0.000%">2023</span>
</div>
<section>
<h2>2023</h2>
<ol class="events">
<li class="event" style="--c:#c0392b" id="event-talks">
<span class="when">25 May 2023</span><span class="type">incident</span>
<h3>Talks in Aravus</h3>
<div class="track" title="25 May 2023"><span class="bar dot" style="left:39.589%;width:0.274%"></span></div>
<p class="meta">The army · The rebels · Aravus</p>
<p class="sources">Sources: <a class="cite" href="#source-1">[1]</a> “Report A”; <a class="cite" href="#source-2">[2]</a> “Report B”</p>
<div class="account">
<p class="according">According to <a class="cite" href="#source-2">[2]</a> “Report B”</p>
<p class="meta">Date: late May 2023 · Location: aravus</p>
<blockquote>“talks were held late in May”</blockquote>
</div>
</li>
<li class="event contested" style="--c:#c0392b" id="event-clash">
<span class="when">20 September 2023</span><span class="type">incident</span>
<h3>Soldiers killed in a clash near Aravus</h3>
<div class="track" title="20 September 2023"><span class="bar dot" style="left:71.918%;width:0.274%"></span></div>
<p class="meta">The army · Aravus</p>
<p class="contested">contested: date, actors, figures.killed</p>
<p class="figures">Figures: 5–6 killed: 6 according to a, 5 according to b; 10–15 injured</p>
<p class="sources">Sources: <a class="cite" href="#source-1">[1]</a> “Report A”; <a class="cite" href="#source-2">[2]</a> “Report B”</p>
<div class="account">
<p class="according">According to <a class="cite" href="#source-1">[1]</a> “Report A”</p>
<blockquote>“Six soldiers were killed near Aravus”</blockquote>
</div>
<div class="account">
<p class="according">According to <a class="cite" href="#source-2">[2]</a> “Report B”</p>
<p class="meta">Date: 19 September 2023 · Actors: The army, The rebels · Figures: 5 killed</p>
<blockquote>“five soldiers died”</blockquote>
<p class="note">Note: B counts one fewer.</p>
</div>
</li>
</ol>
</section>
<section>
<h2 id="sources">Sources</h2>
<ol class="source-list">
<li id="source-1">“Report A”, Agency A</li>
<li id="source-2"><a href="https://example.org/b" rel="noopener noreferrer">“Report B”</a></li>
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


def test_coordinates_link_to_the_map_and_the_ref_is_text(
    write_store: Callable[[str], Path],
) -> None:
    """An event's coordinates follow its location, in words with hemispheres and linked to
    its point on OpenStreetMap at a zoom fitting the precision (the truce's are exact, the
    clash's say none); its dataset record follows its sources. The location's markup is
    text; the war has neither coordinates nor ref, and shows none."""
    hostile = GEO_STORE.replace('location = "Geneva"', 'location = "<b>Geneva</b> & [x](y)"')
    html = page(load(write_store(hostile), cache=False))
    events = html[html.index('<li class="event period"') : html.index("</main>")]
    assert events.split("</li>\n")[:4] == [
        """\
<li class="event period" style="--c:#c0392b" id="event-war">
<span class="when">since 1990</span><span class="type">battle</span>
<h3>The long war</h3>
<div class="track" title="since 1990"><span class="bar fs ongoing" style="left:0.000%;width:100.000%;--a:33.3%;--b:85%"></span></div>
<p class="meta">Northland · Southland · ongoing</p>
<p class="sources">Source: <a class="cite" href="#source-1">[1]</a> “A report”</p>
<p class="tags">Tags: background</p>
""",
        """\
</ol>
</section>
<section>
<h2>2021</h2>
<ol class="events">
<li class="event" style="--c:#1f8fa6" id="event-truce">
<span class="when">5 March 2021</span><span class="type">talks</span>
<h3>A truce is signed</h3>
<div class="track" title="5 March 2021"><span class="bar dot" style="left:72.466%;width:0.091%"></span></div>
<p class="meta">Jana Ərəbova · Southland · &lt;b&gt;Geneva&lt;/b&gt; &amp; [x](y) · <a class="map" href="https://www.openstreetmap.org/?mlat=46.2044&amp;mlon=6.1432#map=13/46.2044/6.1432" rel="noopener noreferrer">46.2044° N, 6.1432° E (exact)</a></p>
<p>Both sides sign.</p>
<blockquote>“We sign a treaty today.”</blockquote>
<p class="sources">Source: <a class="cite" href="#source-1">[1]</a> “A report”</p>
<p class="ref">Dataset record: acled:CHE1</p>
""",
        """\
<li class="event" style="--c:#1f8fa6" id="event-talks">
<span class="when">mid-March 2021</span><span class="type">talks</span>
<h3>Talks in March</h3>
<div class="track" title="mid-March 2021"><span class="bar dot fs fe" style="left:73.425%;width:0.913%;--a:50.0%;--b:50.0%"></span></div>
<p class="meta">Southland</p>
<p class="sources">Source: <a class="cite" href="#source-1">[1]</a> “A report”</p>
""",
        """\
<li class="event" style="--c:#c0392b" id="event-clash">
<span class="when">late May 2021</span><span class="type">battle</span>
<h3>A clash at the border</h3>
<div class="track" title="late May 2021"><span class="bar dot fs fe" style="left:79.954%;width:1.005%;--a:50.0%;--b:50.0%"></span></div>
<p class="meta">Northland · <a class="map" href="https://www.openstreetmap.org/?mlat=-12.5&amp;mlon=-179.25#map=10/-12.5/-179.25" rel="noopener noreferrer">12.5° S, 179.25° W</a></p>
<p class="sources">Source: <a class="cite" href="#source-1">[1]</a> “A report”</p>
<p class="tags">Tags: border</p>
<p class="ref">Dataset record: ucdp:4711</p>
""",
    ]
    tree = parse(html)
    maps = [(a.get("href"), all_text(a)) for a in tree.iter(f"{NS}a") if "map=" in a.get("href")]
    assert maps == [
        (
            "https://www.openstreetmap.org/?mlat=46.2044&mlon=6.1432#map=13/46.2044/6.1432",
            "46.2044° N, 6.1432° E (exact)",
        ),
        (
            "https://www.openstreetmap.org/?mlat=-12.5&mlon=-179.25#map=10/-12.5/-179.25",
            "12.5° S, 179.25° W",
        ),
    ]
