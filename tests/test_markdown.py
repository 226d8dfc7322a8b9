"""Markdown export: the document's shape, and escaping proven with a CommonMark parser."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from conftest import GEO_STORE, SMALL_STORE
from timeline.exporters import ExportOptions
from timeline.exporters.markdown import inline, inline_all, paragraphs, write
from timeline.model import Source, Store
from timeline.store import load

COMMONMARK = MarkdownIt("commonmark")


def document(store: Store) -> str:
    return "".join(write(store, list(store.events), ExportOptions()))


def rendered_text(markdown: str) -> str:
    """The text a CommonMark reader shows for a one-paragraph document; fails on any markup."""
    tokens = COMMONMARK.parse(markdown)
    if not tokens:
        return ""
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], tokens
    children = tokens[1].children or []
    assert all(child.type == "text" for child in children), [c.type for c in children]
    return "".join(child.content for child in children)


def rendered(token: Token) -> str:
    """An inline token as CommonMark renders it into HTML."""
    return str(COMMONMARK.renderer.render(token.children or [], COMMONMARK.options, {}))


def all_tokens(tokens: list[Token]) -> list[Token]:
    found = []
    for token in tokens:
        found.append(token)
        found += all_tokens(token.children or [])
    return found


class TestDocument:
    def test_exact_document(self, small_store: Store) -> None:
        assert (
            document(small_store)
            == """\
# Test timeline

A store for tests.

## 1990

### since 1990 — The long war

*Type:* battle · *Actors:* Northland, Southland · *Ongoing*

*Source:* [\\[1\\]](#sources)

*Tags:* background

## 2021

### 5 March 2021 — A truce is signed

*Type:* talks · *Actors:* Jana Ərəbova, Southland · *Location:* Geneva

Both sides sign.

> “We sign a treaty today.”

*Source:* [\\[1\\]](#sources)

### mid-March 2021 — Talks in March

*Type:* talks · *Actors:* Southland

*Source:* [\\[1\\]](#sources)

### late May 2021 — A clash at the border

*Type:* battle · *Actors:* Northland

*Source:* [\\[1\\]](#sources)

*Tags:* border

## Sources

1. [“A report”](<https://example.org/report>), Agency, 2023-01-02
"""
        )

    def test_coordinates_link_to_the_map_and_the_ref_follows_the_sources(
        self, write_store: Callable[[str], Path]
    ) -> None:
        """As in the HTML page: the coordinates in words after the location, linked to the
        point on OpenStreetMap; the dataset record after the sources; markup in the location
        is text; an event without coordinates or ref shows none."""
        hostile = GEO_STORE.replace('location = "Geneva"', 'location = "<b>Geneva</b> & [x](y)"')
        markdown = document(load(write_store(hostile), cache=False))
        body = markdown[markdown.index("## 1990") : markdown.index("## Sources")]
        assert (
            body
            == """\
## 1990

### since 1990 — The long war

*Type:* battle · *Actors:* Northland, Southland · *Ongoing*

*Source:* [\\[1\\]](#sources)

*Tags:* background

## 2021

### 5 March 2021 — A truce is signed

*Type:* talks · *Actors:* Jana Ərəbova, Southland · *Location:* \\<b\\>Geneva\\</b\\> \\& \\[x\\](y) · *Coordinates:* [46\\.2044° N, 6.1432° E (exact)](<https://www.openstreetmap.org/?mlat=46.2044&mlon=6.1432#map=13/46.2044/6.1432>)

Both sides sign.

> “We sign a treaty today.”

*Source:* [\\[1\\]](#sources)

*Dataset record:* acled:CHE1

### mid-March 2021 — Talks in March

*Type:* talks · *Actors:* Southland

*Source:* [\\[1\\]](#sources)

### late May 2021 — A clash at the border

*Type:* battle · *Actors:* Northland · *Coordinates:* [12\\.5° S, 179.25° W](<https://www.openstreetmap.org/?mlat=-12.5&mlon=-179.25#map=10/-12.5/-179.25>)

*Source:* [\\[1\\]](#sources)

*Tags:* border

*Dataset record:* ucdp:4711

"""
        )
        tokens = all_tokens(COMMONMARK.parse(markdown))
        links = [
            (t.attrs["href"], tokens[i + 1].content)
            for i, t in enumerate(tokens)
            if t.type == "link_open"
        ]
        maps = [(href, label) for href, label in links if "map=" in str(href)]
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
        texts = "".join(t.content for t in tokens if t.type == "text")
        assert "<b>Geneva</b> & [x](y)" in texts

    def test_bundled_store_parses_into_one_heading_per_event(self, bundled_store: Store) -> None:
        tokens = COMMONMARK.parse(document(bundled_store))
        levels = [t.tag for t in tokens if t.type == "heading_open"]
        assert levels.count("h3") == len(bundled_store.events)
        assert levels.count("h1") == 1
        assert levels.count("h2") == 3 + 1  # 1988, 2020, 2023, and Sources

    def test_hostile_text_stays_text(self, write_store: Callable[[str], Path]) -> None:
        """Pipes, #, <script>, newlines and link syntax in the data never become markup."""
        hostile = "# <script>alert(1)</script> | a | b |\\n\\n- item\\n[x](javascript:y) *em* `c`"
        text = SMALL_STORE.replace('"A truce is signed"', f'"{hostile}"')
        text = text.replace('"Both sides sign."', f'"{hostile}"')
        text = text.replace('"We sign a treaty today."', f'"{hostile}"')
        store = load(write_store(text))
        tokens = all_tokens(COMMONMARK.parse(document(store)))
        kinds = [t.type for t in tokens]
        assert not set(kinds) & {"html_block", "html_inline", "code_inline", "fence", "code_block"}
        assert kinds.count("ordered_list_open") == 1  # the list of sources, nothing else
        assert "bullet_list_open" not in kinds
        # The export's own labels only: Type, Actors, Source x 4 events, Location, Ongoing,
        # Tags x 2.
        assert kinds.count("em_open") == 16
        texts = "".join(t.content for t in tokens if t.type == "text")
        assert "# <script>alert(1)</script> | a | b | - item [x](javascript:y) *em* `c`" in texts
        links = [t for t in tokens if t.type == "link_open"]
        assert {t.attrs["href"] for t in links} == {"#sources", "https://example.org/report"}
        headings = [t for t in tokens if t.type == "heading_open"]
        assert len(headings) == 1 + 2 + 4 + 1

    def test_tags_follow_the_sources_as_text(self, write_store: Callable[[str], Path]) -> None:
        """An event's tags follow its sources, as the terminal lists them; markup, emoji
        codes and control characters in a tag are text; an event without tags has no such
        line."""
        tags = 'tags = ["[bold]x[/bold]", ":warning:", "<b>t</b> & *em*", "\\u001b[2J"]\n'
        quotes = 'quotes = ["We sign a treaty today."]\n'
        markdown = document(load(write_store(SMALL_STORE.replace(quotes, quotes + tags))))
        assert (
            "> “We sign a treaty today.”\n\n*Source:* [\\[1\\]](#sources)\n\n"
            "*Tags:* \\[bold\\]x\\[/bold\\], :warning:, \\<b\\>t\\</b\\> \\& \\*em\\*, "
            "\\\\x1b\\[2J\n\n### mid-March 2021"
        ) in markdown
        paragraphs = [
            token
            for token in COMMONMARK.parse(markdown)
            if token.type == "inline" and token.content.startswith("*Tags:*")
        ]
        assert [rendered(token) for token in paragraphs] == [
            "<em>Tags:</em> background",
            "<em>Tags:</em> [bold]x[/bold], :warning:, &lt;b&gt;t&lt;/b&gt; &amp; *em*, \\x1b[2J",
            "<em>Tags:</em> border",
        ]

    def test_many_events_keep_their_order_and_their_year_heading(
        self, write_store: Callable[[str], Path]
    ) -> None:
        """Events are escaped in batches: every event keeps its own texts, in order, and a
        year that spans batches is headed once."""
        blocks = [
            f"""
[[events]]
id = "e{n}"
date = "2022-{n % 12 + 1:02d}-01"
title = "Event {n}: *{n}*"
summary = "First of {n}.\\n\\n{n}. second of {n}."
quotes = ["Said {n}", "1. and {n}"]
note = "Note {n}"
type = "talks"
actors = ["south"]
"""
            for n in range(600)
        ]
        store = load(write_store(SMALL_STORE + "".join(blocks)))
        markdown = document(store)
        assert markdown.count("\n## 2022\n") == 1
        body = markdown.split("\n## Sources\n")[0]
        sections = body.split("\n### ")[1:]
        ours = [section for section in sections if "Event " in section]
        numbers = [int(section.split("Event ")[1].split(":")[0]) for section in ours]
        assert sorted(numbers) == list(range(600))
        for number, section in zip(numbers, ours, strict=True):
            assert section.endswith(
                f"Event {number}: \\*{number}\\*\n\n*Type:* talks · *Actors:* Southland\n"
                f"\nFirst of {number}.\n\n{number}\\. second of {number}.\n"
                f"\n> “Said {number}”\n\n> “1\\. and {number}”\n"
                f"\n*Note:* Note {number}\n"
            )

    def test_citations_write_every_part_and_link_only_web_addresses(
        self, sources_store: Store
    ) -> None:
        """An event cites its sources by their numbers in the list at the end, which links
        to; there a web address links the title, an address that is no web link is written
        after the details, as text, and a file's path is never written."""
        markdown = document(sources_store)
        lines = markdown.splitlines()
        assert lines[lines.index("### late May 2021 — A clash at the border") + 4] == (
            "*Sources:* [\\[1\\]](#sources), [\\[2\\]](#sources), [\\[3\\]](#sources), "
            "[\\[4\\]](#sources)"
        )
        assert lines[-6:] == [
            "## Sources",
            "",
            "1. [“A report”](<https://example.org/report>), Agency, 2023-01-02",
            "2. “A file”",
            "3. “Bad link”, javascript:alert(1)",
            "4. [“Both”](<http://example.com/x%20y>), P",
        ]
        assert "a.txt" not in markdown and "b.txt" not in markdown
        tokens = all_tokens(COMMONMARK.parse(markdown))
        items = [t for t in tokens if t.type == "list_item_open"]
        assert [t.info for t in items] == ["1", "2", "3", "4"]
        headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
        assert headings[-1] == "Sources"  # what #sources names, on GitHub and elsewhere
        numbers = [
            tokens[i + 1].content
            for i, t in enumerate(tokens)
            if t.type == "link_open" and t.attrs["href"] == "#sources"
        ]
        assert numbers == ["[1]", "[1]", "[1]", "[1]", "[2]", "[3]", "[4]"]

    def test_sources_are_numbered_as_the_events_first_cite_them(self, sources_store: Store) -> None:
        """Only the sources of the events exported are listed, numbered in the order the
        events first cite them."""
        clash = [e for e in sources_store.events if e.id == "clash"]
        markdown = "".join(write(sources_store, clash[:1], ExportOptions()))
        clash_first = clash[0]._replace(sources=("both", "report"))
        reordered = "".join(write(sources_store, [clash_first], ExportOptions()))
        assert reordered.endswith(
            "## Sources\n\n1. [“Both”](<http://example.com/x%20y>), P\n"
            "2. [“A report”](<https://example.org/report>), Agency, 2023-01-02\n"
        )
        assert markdown.count("\n1. ") == 1 and "\n4. " in markdown

    def test_a_blank_line_holding_a_space_splits_paragraphs(
        self, write_store: Callable[[str], Path]
    ) -> None:
        """A summary "one\\n \\ntwo" is two paragraphs, as it is in every format."""
        text = SMALL_STORE.replace('"Both sides sign."', '"one\\n \\ntwo"')
        markdown = document(load(write_store(text)))
        assert (
            "### 5 March 2021 — A truce is signed\n\n"
            "*Type:* talks · *Actors:* Jana Ərəbova, Southland · *Location:* Geneva\n\n"
            "one\n\ntwo\n\n"
            "> “We sign a treaty today.”\n"
        ) in markdown

    @pytest.mark.parametrize(
        ("url", "href"),
        [
            ("https://e.org/?a=1&amp;b=2&c", "https://e.org/?a=1&amp;b=2&c"),
            ("https://e.org/?q=&lt;b&#x3E;", "https://e.org/?q=&lt;b&#x3E;"),
            ("https://e.org/a b<c>\\d", "https://e.org/a%20b%3Cc%3E%5Cd"),
        ],
    )
    def test_a_link_goes_to_the_web_address(self, small_store: Store, url: str, href: str) -> None:
        """A CommonMark reader finds the web address itself: character references in the URL
        stay as they are, and what a URI may not hold is percent-encoded."""
        store = small_store._replace(sources={"report": Source("report", "A report", url=url)})
        tokens = all_tokens(COMMONMARK.parse(document(store)))
        hrefs = {t.attrs["href"] for t in tokens if t.type == "link_open"}
        assert hrefs == {href, "#sources"}

    def test_a_url_with_control_characters_is_text_not_a_link(self, small_store: Store) -> None:
        """A URL holding ESC, BEL or a line break is no web address: no link; its text shows
        the control characters as visible escapes."""
        url = "https://example.org/\x1b[2J\x07\nx"
        store = small_store._replace(sources={"report": Source("report", "A report", url=url)})
        tokens = all_tokens(COMMONMARK.parse(document(store)))
        assert {t.attrs["href"] for t in tokens if t.type == "link_open"} == {"#sources"}
        last_item = [t for t in tokens if t.type == "inline"][-1]
        assert rendered_text(last_item.content) == (
            "“A report”, https://example.org/\\x1b[2J\\x07 x"
        )

    def test_only_web_links_become_links(self, write_store: Callable[[str], Path]) -> None:
        text = SMALL_STORE.replace("https://example.org/report", "javascript:alert(1)")
        tokens = all_tokens(COMMONMARK.parse(document(load(write_store(text)))))
        assert {t.attrs["href"] for t in tokens if t.type == "link_open"} == {"#sources"}


# Text for the properties: anything but surrogates (TOML cannot hold them).
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
# Text that reads back as itself: no control or format characters (those are shown as escapes,
# see test_control_and_bidi_characters_show_as_escapes), but line breaks and tabs.
printable = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Cf"), include_characters="\t\n\r"),
    max_size=60,
)


@given(printable)
@example("1. not a list")
@example("- not a list")
@example("    not code")
@example("a  b \t  c")
@example("&amp; <b>bold</b> \\* `x` [a]: /url")
@example("=====")
@example("a\\\nb")
def test_inline_text_reads_back_exactly(text: str) -> None:
    """Whatever the text, a CommonMark parser reads back the same text, with line breaks and
    tabs (and the spaces around them) folded into a space, and spaces at the ends dropped."""
    expected = re.sub(r"[ \t\r\n]*[\t\r\n][ \t\r\n]*", " ", text).strip(" ")
    assert rendered_text(inline(text)) == expected


@given(texts)
def test_any_text_is_one_line_of_plain_text(text: str) -> None:
    """Whatever the text, control characters and all, it reads back as one paragraph of
    plain text (rendered_text fails on any markup) on one line, or as nothing."""
    shown = rendered_text(inline(text))
    assert "\n" not in shown and "\r" not in shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("bell\x07", "bell\\x07"),
        ("nul\x00", "nul\\x00"),
        ("\x7fdel", "\\x7fdel"),
        ("\u202eevil", "\\u202eevil"),
        ("left\u200eright\u2066", "left\\u200eright\\u2066"),
        ("ق\u200cا", "ق\u200cا"),  # a joiner is part of the script: kept
    ],
)
def test_control_and_bidi_characters_show_as_escapes(text: str, shown: str) -> None:
    """Control characters and bidi overrides read back as visible escapes, never as
    themselves; joiners stay."""
    assert rendered_text(inline(text)) == shown


# A paragraph for the property: printable, on one line (split_paragraphs' own cases are in
# test_paragraphs.py).
one_line = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), max_size=40)


@given(st.lists(one_line, min_size=1, max_size=4))
@example(["one", " ", "two"])
@example(["- item", "1. first", "# heading", "    code"])
def test_paragraphs_stay_paragraphs(blocks: list[str]) -> None:
    """Blank lines split paragraphs; each reads back as its own text, without the white space
    around it, and nothing inside a paragraph becomes another block."""
    text = "\n\n".join(blocks)
    expected = [block.strip() for block in blocks if block.strip()]
    assert [rendered_text(paragraph) for paragraph in paragraphs(text)] == expected


# Text that exercises every step of inline_all: its separator, the edges of texts, line starts.
tricky = st.text(st.sampled_from("\xa4 \xa0\u3000\t\n\r\x00\x1b\u202e-+=1.)9\\*#&ab"))


@given(st.lists(st.one_of(texts, tricky), max_size=8))
@example(["a", "- b", " 1. c ", "\xa0", "\u3000d\u3000", "e\xa4f"])
@example(["\xa4"])
@example([""])
@example([])
def test_inline_all_is_inline_of_each(batch: list[str]) -> None:
    """Escaping texts together gives exactly what escaping each alone gives."""
    assert inline_all(batch) == [inline(text) for text in batch]


def test_accounts_figures_and_contested_events(accounts_store_path: Path) -> None:
    markdown = document(load(accounts_store_path, cache=False))
    assert (
        markdown
        == """\
# Two reports

## 2023

### 25 May 2023 — Talks in Aravus

*Type:* incident · *Actors:* The army, The rebels · *Location:* Aravus

*Sources:* [\\[1\\]](#sources), [\\[2\\]](#sources)

#### According to “Report B” [\\[2\\]](#sources)

*Date:* late May 2023 · *Location:* aravus

> “talks were held late in May”

### 20 September 2023 — Soldiers killed in a clash near Aravus

*Type:* incident · *Actors:* The army · *Location:* Aravus · **contested: date, actors, figures.killed**

*Figures:* 5–6 killed: 6 according to a, 5 according to b; 10–15 injured

*Sources:* [\\[1\\]](#sources), [\\[2\\]](#sources)

#### According to “Report A” [\\[1\\]](#sources)

> “Six soldiers were killed near Aravus”

#### According to “Report B” [\\[2\\]](#sources)

*Date:* 19 September 2023 · *Actors:* The army, The rebels · *Figures:* 5 killed

> “five soldiers died”

*Note:* B counts one fewer.

## Sources

1. “Report A”, Agency A
2. [“Report B”](<https://example.org/b>)
"""
    )
    tokens = all_tokens(COMMONMARK.parse(markdown))
    headings = [t.content for i, t in enumerate(tokens[1:]) if tokens[i].tag == "h4"]
    assert [h for h in headings if h] == [
        "According to “Report B” [\\[2\\]](#sources)",
        "According to “Report A” [\\[1\\]](#sources)",
        "According to “Report B” [\\[2\\]](#sources)",
    ]
    strong = [t.content for i, t in enumerate(tokens[1:]) if tokens[i].type == "strong_open"]
    assert strong == ["contested: date, actors, figures.killed"]
    quotes = [t for t in tokens if t.type == "blockquote_open"]
    assert len(quotes) == 3
