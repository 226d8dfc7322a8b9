"""Loading stores: the bundled store, where the store is found, and every kind of problem."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import tomli_w
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import ACCOUNTS_STORE, REPO, SMALL_STORE
from timeline.dates.syntax import Precision
from timeline.errors import StoreError
from timeline.model import Store
from timeline.store import (
    BUNDLED_STORE,
    EVENT_FIELDS,
    MAX_STORE_BYTES,
    Change,
    StoreFile,
    load,
    locate_store,
    toml,
)

ARTICLE = "2023-09-21-aliyev-apology-russian-peacekeepers.txt"
SHARED_ARTICLE = REPO.parent / "shared" / "articles" / ARTICLE


def problems(path: Path) -> list[str]:
    with pytest.raises(StoreError) as raised:
        load(path)
    return raised.value.lines()


class TestBundledStore:
    def test_the_repository_store_is_the_bundled_one(self) -> None:
        """events.toml at the root and the copy in the package are the same file."""
        assert (REPO / "events.toml").read_bytes() == BUNDLED_STORE.read_bytes()
        bundled_article = BUNDLED_STORE.parent / "sources" / ARTICLE
        assert (REPO / "sources" / ARTICLE).read_bytes() == bundled_article.read_bytes()

    @pytest.mark.skipif(not SHARED_ARTICLE.exists(), reason="../shared is not beside the repo")
    def test_the_article_is_copied_unchanged(self) -> None:
        assert (REPO / "sources" / ARTICLE).read_bytes() == SHARED_ARTICLE.read_bytes()

    def test_every_dated_event_of_the_article_is_there(self, bundled_store: Store) -> None:
        """The store holds the article's dated events at the precision the article gives."""
        found = {e.id: (e.span.label, e.span.start.precision) for e in bundled_store.events}
        assert found == {
            "territorial-dispute-since-1988": ("since 1988", Precision.YEAR),
            "conflict-erupts-2020-09": ("September 2020", Precision.MONTH),
            "trilateral-statement-2020-11-09": ("9 November 2020", Precision.DAY),
            "peacekeepers-deployed-2020": ("since 9 November 2020?", Precision.DAY),
            "trilateral-agreements-2020-2022": ("2020–2022", Precision.YEAR),
            "putin-aliyev-call-2023-03": ("mid-March 2023", Precision.PART_OF_MONTH),
            "reykjavik-summit-2023-05-17": ("17 May 2023", Precision.DAY),
            "putin-aliyev-meeting-2023-05": ("late May 2023", Precision.PART_OF_MONTH),
            "peacekeepers-killed-2023-09-20": ("20 September 2023", Precision.DAY),
            "putin-aliyev-call-2023-09": ("20 or 21 September 2023", Precision.DAY),
        }

    def test_every_quote_is_verbatim_in_the_article(self, bundled_store: Store) -> None:
        """Quotes are the article's own sentences (white space aside)."""
        article = " ".join((REPO / "sources" / ARTICLE).read_text(encoding="utf-8").split())
        for event in bundled_store.events:
            assert event.quotes, event.id
            for quote in event.quotes:
                assert " ".join(quote.split()) in article, (event.id, quote)

    def test_every_when_is_a_phrase_of_the_article(self, bundled_store: Store) -> None:
        article = (REPO / "sources" / ARTICLE).read_text(encoding="utf-8")
        for event in bundled_store.events:
            assert event.when in article, event.id

    def test_inferred_dates_say_so(self, bundled_store: Store) -> None:
        """Events whose year or day the article leaves out explain the inference."""
        by_id = {e.id: e for e in bundled_store.events}
        for event_id in (
            "trilateral-statement-2020-11-09",
            "putin-aliyev-call-2023-03",
            "putin-aliyev-meeting-2023-05",
            "peacekeepers-killed-2023-09-20",
            "putin-aliyev-call-2023-09",
            "peacekeepers-deployed-2020",
        ):
            assert "infer" in by_id[event_id].note or "does not give" in by_id[event_id].note

    def test_every_event_cites_the_article(self, bundled_store: Store) -> None:
        source = bundled_store.sources["tass-2023-09-21"]
        assert (BUNDLED_STORE.parent / source.file).is_file()
        assert all(e.sources == ("tass-2023-09-21",) for e in bundled_store.events)

    def test_part_of_makes_putin_and_the_peacekeepers_russian(self, bundled_store: Store) -> None:
        assert bundled_store.members_of("russia") == {"russia", "putin", "russian-peacekeepers"}


class TestLocate:
    def test_explicit_store_wins(self, tmp_path: Path) -> None:
        chosen = tmp_path / "mine.toml"
        env = {"TIMELINE_STORE": "other.toml"}
        assert locate_store(chosen, env, tmp_path) == chosen

    def test_environment_before_local_file(self, tmp_path: Path) -> None:
        (tmp_path / "events.toml").write_text("")
        assert locate_store(None, {"TIMELINE_STORE": "x.toml"}, tmp_path) == Path("x.toml")

    def test_local_file_before_bundled(self, tmp_path: Path) -> None:
        (tmp_path / "events.toml").write_text("")
        assert locate_store(None, {}, tmp_path) == Path("events.toml")

    def test_bundled_store_last(self, tmp_path: Path) -> None:
        assert locate_store(None, {"TIMELINE_STORE": ""}, tmp_path) == BUNDLED_STORE


class TestProblems:
    def test_missing_file(self, tmp_path: Path) -> None:
        assert problems(tmp_path / "nope.toml") == [f"{tmp_path / 'nope.toml'}: no such file"]

    def test_directory(self, tmp_path: Path) -> None:
        assert problems(tmp_path) == [f"{tmp_path}: is a directory, not a file"]

    def test_fifo_is_refused_without_blocking(self, tmp_path: Path) -> None:
        fifo = tmp_path / "pipe.toml"
        os.mkfifo(fifo)
        assert problems(fifo) == [f"{fifo}: is not a regular file"]

    def test_toml_syntax_error_names_line_and_column(
        self, write_store: Callable[[str], Path]
    ) -> None:
        path = write_store('[timeline]\ntitle = "x"\n\n[[events]]\nid = "a\n')
        assert problems(path) == [
            f"{path}:5:8: TOML syntax: illegal character '\\n'",
        ]

    def test_not_utf8_names_line_and_column(self, write_store: Callable[[str], Path]) -> None:
        path = write_store("")
        path.write_bytes(b'[timeline]\ntitle = "caf\xe9"\n')
        assert problems(path) == [
            f"{path}:2:13: the file is not UTF-8 here: byte 0xe9 cannot be decoded"
        ]

    def test_byte_order_mark_is_accepted(self, write_store: Callable[[str], Path]) -> None:
        path = write_store("")
        path.write_bytes(b"\xef\xbb\xbf" + SMALL_STORE.encode())
        assert load(path).title == "Test timeline"

    def test_too_large(self, write_store: Callable[[str], Path]) -> None:
        path = write_store("")
        with path.open("wb") as handle:
            handle.truncate(MAX_STORE_BYTES + 1)
        assert problems(path) == [f"{path}: is larger than the 256 MiB limit"]

    def test_schema_problems_are_all_reported_with_line_event_and_field(
        self, write_store: Callable[[str], Path]
    ) -> None:
        """Every schema problem is one line: file:line:column: event id: field: problem."""
        text = (
            SMALL_STORE
            + """
[[events]]
id = "bad"
date = "2023-02-30"
title = "Impossible"
type = "battel"
actors = ["nort"]
sources = ["report", "rumour"]

[[events]]
id = "truce"
date = "2021"
end = "2019"
title = "Duplicate id"
type = "talks"
tittle = "typo"

[[events]]
id = "stringly"
date = "2021"
title = 5
type = "talks"
actors = "north"
"""
        )
        path = write_store(text)
        lines = problems(path)
        base = SMALL_STORE.count("\n")
        name = str(path)
        assert lines == [
            f"{name}:{base + 4}:1: event bad: date: '2023-02-30': February 2023 has no day 30",
            f"{name}:{base + 6}:1: event bad: type: unknown type 'battel' (did you mean 'battle'?)",
            f"{name}:{base + 7}:11: event bad: actors: unknown actor 'nort' (did you mean 'north'?)",
            f"{name}:{base + 8}:22: event bad: sources: unknown source 'rumour'",
            f"{name}:{base + 11}:1: event truce: id: duplicate id (event #2 has it)",
            f"{name}:{base + 13}:1: event truce: end: '2019' is before the start '2021'",
            f"{name}:{base + 16}:1: event truce: tittle: unknown field (did you mean 'title'?)",
            f"{name}:{base + 21}:1: event stringly: title: must be a string, not an integer",
            f"{name}:{base + 23}:1: event stringly: actors: must be a list of strings, "
            "such as ['north'], not a string",
        ]

    def test_missing_required_fields_point_at_the_event(
        self, write_store: Callable[[str], Path]
    ) -> None:
        path = write_store(SMALL_STORE + '\n[[events]]\nid = "bare"\n')
        line = SMALL_STORE.count("\n") + 2
        assert problems(path) == [
            f"{path}:{line}:1: event bare: date: missing",
            f"{path}:{line}:1: event bare: title: missing",
            f"{path}:{line}:1: event bare: type: missing",
        ]

    def test_event_without_id_is_named_by_position(
        self, write_store: Callable[[str], Path]
    ) -> None:
        path = write_store(
            SMALL_STORE + '\n[[events]]\ndate = "2020"\ntitle = "x"\ntype = "talks"\n'
        )
        assert problems(path)[0].endswith(": event #5: id: missing")

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                'events = "none"\n[timeline]\ntitle = "t"\n',
                ":1:1: events: must be an array of tables ([[events]]), not a string",
            ),
            (
                '[timeline]\ntitle = "t"\n[events]\nid = "x"\n',
                ":3:1: events: must be an array of tables ([[events]]), not a table",
            ),
            (
                '[timeline]\ntitle = "t"\n[[evnets]]\nid = "x"\n',
                ":3:1: evnets: unknown section (did you mean 'events'?)",
            ),
            ('title = "t"\n', ":1:1: title: unknown section"),
            (
                "[timeline]\ntitle = 1988-01-01T10:00:00\n",
                ":2:1: timeline.title: must be a string, not a date-time",
            ),
            (
                '[timeline]\ntitle = "t"\n[types.x]\ncolor = "not-a-colour"\n',
                ":4:1: types.x.color: 'not-a-colour' is not a colour name or #rrggbb",
            ),
            (
                '[timeline]\ntitle = "t"\n[actors.a]\nname = "A"\npart_of = ["b"]\n',
                ":5:12: actors.a.part_of: unknown actor 'b'",
            ),
            (
                '[timeline]\ntitle = "t"\n[[events]]\nid = "x"\ndate = 2020-01-01\n'
                'title = "t"\ntype = "nope"\n',
                ":7:1: event x: type: unknown type 'nope'",
            ),
        ],
    )
    def test_shape_problems(
        self, write_store: Callable[[str], Path], text: str, message: str
    ) -> None:
        path = write_store(text)
        lines = problems(path)
        assert any(line == f"{path}{message}" for line in lines), lines

    def test_native_toml_dates_are_accepted(self, write_store: Callable[[str], Path]) -> None:
        """A TOML date (unquoted) means the same as the string form."""
        path = write_store(SMALL_STORE.replace('date = "2021-03-05"', "date = 2021-03-05"))
        truce = next(e for e in load(path).events if e.id == "truce")
        assert truce.span.start.first == date(2021, 3, 5)

    def test_deep_nesting_is_an_error_not_a_crash(self, write_store: Callable[[str], Path]) -> None:
        path = write_store("x = " + "[" * 5000 + "]" * 5000 + "\n")
        assert problems(path) == [f"{path}:1:1: TOML syntax: values are nested too deeply"]

    @pytest.mark.parametrize("text", ["", "# only a comment\n", '[types.a]\ncolor = "red"\n'])
    def test_a_problem_of_the_whole_file_points_at_its_start(
        self, write_store: Callable[[str], Path], text: str
    ) -> None:
        """Like every other problem, a missing table is placed: at line 1, column 1."""
        path = write_store(text)
        assert problems(path) == [f"{path}:1:1: timeline: missing [timeline] table"]


def test_a_missing_required_field_is_reported_once(write_store: Callable[[str], Path]) -> None:
    path = write_store('[timeline]\ntitle = "t"\n[types.x]\ndescription = "no colour"\n')
    assert problems(path) == [f"{path}:3:1: types.x.color: missing"]


class TestHostileFiles:
    def test_a_symlink_loop_is_one_line(self, tmp_path: Path) -> None:
        """A store that is a loop of symbolic links: one line, no internal error, also when
        adding to it (the cache and the lock resolve paths too)."""
        loop = tmp_path / "loop.toml"
        loop.symlink_to(loop)
        expected = [f"{loop}: cannot read: Too many levels of symbolic links"]
        assert problems(loop) == expected
        with pytest.raises(StoreError) as raised:
            StoreFile(loop).apply(Change(events=({"date": "2022", "title": "t", "type": "x"},)))
        assert raised.value.lines() == expected

    def test_utf16_with_byte_order_mark(self, write_store: Callable[[str], Path]) -> None:
        path = write_store("")
        path.write_bytes(SMALL_STORE.encode("utf-16"))
        assert problems(path) == [f"{path}:1:1: the file is UTF-16: save it as UTF-8"]

    def test_utf16_without_byte_order_mark(self, write_store: Callable[[str], Path]) -> None:
        path = write_store("")
        path.write_bytes(SMALL_STORE.encode("utf-16-le"))
        assert problems(path) == [f"{path}:1:1: the file is UTF-16: save it as UTF-8"]

    def test_nul_byte(self, write_store: Callable[[str], Path]) -> None:
        path = write_store('[timeline]\ntitle = "a\x00b"\n')
        (line,) = problems(path)
        assert line.startswith(f"{path}:2:11: TOML syntax: ")

    def test_device_is_refused_without_reading(self) -> None:
        assert problems(Path("/dev/zero")) == ["/dev/zero: is not a regular file"]

    @pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
    def test_unreadable_file(self, write_store: Callable[[str], Path]) -> None:
        path = write_store(SMALL_STORE)
        path.chmod(0)
        assert problems(path) == [f"{path}: cannot read: Permission denied"]


# Any bytes at all: the loader returns a store or raises the project's own error.
@given(st.binary(max_size=300))
@example(b"\xff\xfe[\x00")
@example(b"[[events]]\nid = 1\n")
def test_any_bytes_give_a_store_or_a_store_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.toml"
        path.write_bytes(data)
        try:
            load(path)
        except StoreError as error:
            assert error.lines() and all(line.startswith(str(path)) for line in error.lines())


toml_scalars = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.booleans(),
    st.dates(),
    st.floats(allow_nan=False),
    st.sampled_from(["1988", "2020-09", "mid 2023-03", ".."]),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "date", "end", "title", "type", "actors", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "timeline": st.dictionaries(st.sampled_from(["title", "description"]), toml_values),
        "types": st.dictionaries(st.sampled_from(["a", "b"]), toml_values, max_size=2),
        "actors": st.dictionaries(st.sampled_from(["p", "q"]), toml_values, max_size=2),
        "sources": st.dictionaries(st.sampled_from(["s"]), toml_values, max_size=1),
        "events": toml_values
        | st.lists(
            st.dictionaries(st.sampled_from(list(EVENT_FIELDS)), toml_values, max_size=6),
            max_size=3,
        ),
    },
)


@given(documents)
def test_any_well_formed_toml_gives_a_store_or_a_store_error(document: dict[str, object]) -> None:
    """Every shape of valid TOML, with any type in any field, is either a store or refused
    with located problems; nothing is iterated character by character, nothing crashes."""
    text = tomli_w.dumps(document)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.toml"
        path.write_text(text, encoding="utf-8")
        try:
            store = load(path)
        except StoreError as error:
            assert all(line.startswith(str(path)) for line in error.lines())
        else:
            for event in store.events:
                assert all(
                    isinstance(actor, str) and actor in store.actors for actor in event.actors
                )


def test_a_type_in_other_case_is_suggested_as_on_the_command_line(
    write_store: Callable[[str], Path],
) -> None:
    """`type = "TALK"` gets the suggestion `--type TALK` gets: names.suggest folds case."""
    path = write_store(SMALL_STORE.replace('type = "talks"', 'type = "TALK"', 1))
    assert problems(path) == [
        f"{path}:47:1: event truce: type: unknown type 'TALK' (did you mean 'talks'?)"
    ]


# Stores that parse in blocks, and stores whose blocks are refused (then parsed whole).
IN_BLOCKS = {
    "valid": SMALL_STORE,
    "with accounts": ACCOUNTS_STORE,
    "CRLF line ends": SMALL_STORE.replace("\n", "\r\n"),
    "a byte order mark": "\ufeff" + SMALL_STORE,
    "schema errors": SMALL_STORE.replace('type = "talks"', 'type = "TALK"', 1).replace(
        'actors = ["north"]', 'actors = ["norht"]'
    ),
    "a duplicate id in a later block": SMALL_STORE.replace('id = "talks"', 'id = "TRUCE"'),
}
WHOLE = {
    "a declaration after the events": SMALL_STORE + '\n[types.later]\ncolor = "red"\n',
    "an unknown section after the events": SMALL_STORE + "\n[extra]\nx = 1\n",
    "[[events]] inside a string": SMALL_STORE.replace(
        'title = "Test timeline"', 'title = "Test timeline"\ndescription = """\n[[events]]\n"""'
    ),
    "a TOML syntax error in an event": SMALL_STORE.replace('id = "talks"', 'id = "talks'),
    "a redefined table across events": SMALL_STORE + '\n[timeline]\ntitle = "Again"\n',
    "not UTF-8 in an event": SMALL_STORE.replace("Geneva", "Gen\udcffva"),
}


@pytest.mark.parametrize("text", [*IN_BLOCKS.values(), *WHOLE.values()], ids=[*IN_BLOCKS, *WHOLE])
def test_a_store_read_in_blocks_is_the_store_read_whole(
    write_store: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """Every [[events]] table a block of its own: the same store, or the same problems, as
    when the text is parsed whole."""
    data = text.encode("utf-8", "surrogateescape")
    path = write_store("")
    path.write_bytes(data)

    def read() -> Store | list[str]:
        try:
            return StoreFile(path, cache=False).read()
        except StoreError as error:
            return error.lines()

    monkeypatch.setattr(toml, "BLOCK_BYTES", 0)
    in_blocks = read()
    with monkeypatch.context() as whole_only:
        whole_only.setattr(toml, "in_blocks", lambda data: None)
        assert in_blocks == read()
    assert parsed_in_blocks(data) == (text in IN_BLOCKS.values())


def parsed_in_blocks(data: bytes) -> bool:
    try:
        blocks = toml.in_blocks(data)
        return blocks is not None and bool([*blocks.tables])
    except toml.Unsplit:
        return False
