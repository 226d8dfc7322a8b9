"""The store's TOML: a syntax error is placed at a line and column the file has."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from timeline.errors import StoreError
from timeline.store import toml
from timeline.store.toml import Unsplit, appendable, event_table, in_blocks, parse

TOML_PIECES = st.sampled_from(
    ['a = "', '"""', "'", "[", "]]", "=", " ", "\n", "\r\n", "x", "1", "#", "{", "}", ","]
)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('title = "x"\nsummary = """abc\n', (2, 17)),
        ('title = "x"\r\nsummary = """abc\r\n', (2, 17)),
        ("a = [1,\n\n", (2, 1)),
        ("a = ", (1, 5)),
    ],
)
def test_an_error_at_the_end_is_placed_on_the_last_line(text: str, where: tuple[int, int]) -> None:
    with pytest.raises(StoreError) as error:
        parse(text, Path("s.toml"))
    [problem] = error.value.problems
    assert (problem.line, problem.column) == where


@given(st.lists(TOML_PIECES, max_size=12).map("".join))
def test_an_error_never_points_past_the_end_of_the_file(text: str) -> None:
    try:
        parse(text, Path("s.toml"))
    except StoreError as error:
        [problem] = error.problems
        lines = text.replace("\r\n", "\n").split("\n")
        if text.endswith("\n"):
            lines.pop()  # a final line break starts no line
        assert problem.line is not None and problem.column is not None
        assert 1 <= problem.line <= max(len(lines), 1)
        assert problem.column <= len((lines or [""])[problem.line - 1]) + 1


# Values a store's tables hold: text (any character TOML can hold), numbers, booleans, and
# arrays of them at any depth.
SCALARS = (
    st.text(st.characters(exclude_categories=("Cs",)))
    | st.integers()
    | st.floats(allow_nan=False)
    | st.booleans()
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4), max_leaves=12)
KEYS = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=8)


@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_tables_are_written_as_tomli_w_writes_them(fields: dict[str, object]) -> None:
    """The store writes a new event's fields itself (tomli-w is several times slower on a
    big import), byte for byte as tomli-w would, and they read back as they were."""
    written = event_table(fields)
    assert written == "[[events]]\n" + tomli_w.dumps(fields)
    assert tomllib.loads(written)["events"] == [fields]


@given(st.dictionaries(KEYS, st.dictionaries(KEYS, SCALARS, max_size=3), max_size=3))
def test_a_table_inside_is_written_inline_and_reads_back(fields: dict[str, object]) -> None:
    assert tomllib.loads(event_table(fields))["events"] == [fields]


# A store's text in parts: what comes before the events (with, at times, what makes the
# whole differ from its blocks: an inline `events`, an [[events]] line inside a string), then
# [[events]] tables (headers spelled in several ways, their keys and the tables under them,
# [[events]] lines inside strings and arrays, declarations after an event), and now and then
# a line that breaks the TOML (an unterminated string or array, a bad header) or a byte that
# is not UTF-8.
HEAD_PARTS = st.lists(
    st.sampled_from(
        [
            '[timeline]\ntitle = "T"\n',
            '[types.x]\ncolor = "red"\n',
            "top = 1\n",
            "events = []\n",
            'q = """\n[[events]]\n"""\n',
            "# [[events]]\n",
        ]
    ),
    unique=True,
    max_size=3,
)
EVENT_HEADERS = st.sampled_from(
    [
        *["[[events]]\n"] * 6,
        "[[events]]\r\n",
        "[[events]] # a comment\n",
        "[[ events ]]\n",
        " [[events]]\n",
    ]
)
# What an event's table holds besides its id: mostly nothing more.
EVENT_EXTRAS = st.sampled_from(
    [
        *[""] * 12,
        'title = "é Ղ"\r\n',
        "figures.killed = 2\n",
        "figures = { killed = 3 }\n",
        "events.x = 1\n",
        'q = """\n[[events]]\n"""\n',
        "r = '''\n[[events]]\n'''\n",
        'a = [\n"""\n[[events]]\n""",\n]\n',
        "\n[events.figures]\nkilled = 1\n",
        '\n[[events.accounts]]\nsource = "s"\n',
        '\n[types.y]\ncolor = "blue"\n',
        "\n[timeline]\n",
        "# [[events]]\n",
    ]
)
BREAKING = st.sampled_from(
    ['q = """\n', "a = [\n", '"""\n', "]\n", "[events]\n", "[[events]]x\n", "x\n", "\xff"]
)


@st.composite
def store_texts(draw: st.DrawFn) -> bytes:
    parts = draw(HEAD_PARTS)
    for number, (header, extra) in enumerate(
        draw(st.lists(st.tuples(EVENT_HEADERS, EVENT_EXTRAS), min_size=1, max_size=8))
    ):
        parts += ["\n", header, f'id = "e{number}"\n', extra]
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        parts.insert(draw(st.integers(0, len(parts))), draw(BREAKING))
    data = "".join(parts).encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff")
    return b"\xef\xbb\xbf" + data if draw(st.booleans()) else data


def tables_of(blocks: Iterator[list[Any]]) -> list[Any]:
    return [table for block in blocks for table in block]


@settings(max_examples=400)
@given(store_texts(), st.integers(min_value=0, max_value=60))
@example(b'[timeline]\nq = """\n[[events]]\n"""\n[[events]]\n', 0)
@example(b"[[events]]\na = [\n[[events]]\n]\n[[events]]\n", 0)
@example(b'events = []\n[[events]]\nid = "a"\n', 0)
@example(b"[timeline]\n[[events]]\n[types.x]\n[[events]]\n", 0)
@example(b"[timeline]\n[[events]]\n[events.figures]\n[[events]]\n[events.figures]\n", 0)
def test_blocks_parse_as_the_whole_does(data: bytes, block_bytes: int) -> None:
    """Whatever the text: when every block parses, the head and the blocks' tables are the
    document the whole text makes; when the whole text is not UTF-8 or not TOML, some block
    is refused (Unsplit), so that the whole is parsed to say where."""
    reader = toml.parser()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
        whole: dict[str, Any] | None = reader.loads(text)
    except (UnicodeDecodeError, reader.TOMLDecodeError):
        whole = None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(toml, "BLOCK_BYTES", block_bytes)
        try:
            blocks = in_blocks(data)
            if blocks is None:
                assert b"\n[[events]]" not in data
                event("no [[events]]")
                return
            document = {**blocks.head, "events": tables_of(blocks.tables)}
        except Unsplit:
            event("parsed whole (the whole is " + ("TOML)" if whole is not None else "not TOML)"))
            return
    event(f"parsed in blocks: {len(document['events'])} events")
    assert whole is not None
    assert document == whole and list(document) == list(whole)
    assert blocks.appendable == appendable(text)


def test_a_big_store_is_parsed_in_blocks_of_whole_events(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(toml, "BLOCK_BYTES", 100)
    events = "".join(f'\n[[events]]\nid = "e{n}"\ntitle = "{"x" * 30}"\n' for n in range(5))
    blocks = in_blocks(f'[timeline]\ntitle = "T"\n{events}'.encode())
    assert blocks is not None
    assert blocks.head == {"timeline": {"title": "T"}}
    sizes = [[table["id"] for table in block] for block in blocks.tables]
    assert sizes == [["e0", "e1"], ["e2", "e3"], ["e4"]]


@pytest.mark.parametrize("block", [1, 60, 1 << 20])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_appended_tables_are_read_a_block_at_a_time(
    monkeypatch: pytest.MonkeyPatch, block: int, newline: bytes
) -> None:
    monkeypatch.setattr(toml, "BLOCK_BYTES", block)
    events = [{"id": f"e{n}", "date": "2020", "title": f"E {n}", "tags": ["a"]} for n in range(7)]
    added = toml.addition(b'title = "T"' + newline, (toml.event_table(e) for e in events))
    blocks = list(toml.appended_blocks(added))
    assert [table for _, tables in blocks for table in tables] == events
    assert "".join(text for text, _ in blocks).encode() == added.lstrip(newline)
    assert (len(blocks) == 1) == (block == 1 << 20)


@pytest.mark.parametrize(
    "added", [b"x = 1\n[[events]]\nid = 'a'\n", b"\n[[events]]\nid = 'a'\n[t]\n"]
)
def test_appended_bytes_that_are_not_only_event_tables_are_not_split(added: bytes) -> None:
    with pytest.raises(toml.Unsplit):
        list(toml.appended_blocks(added))


def test_nothing_appended_is_no_block() -> None:
    assert list(toml.appended_blocks(b"")) == []
    assert list(toml.appended_blocks(b"\n\n")) == []
