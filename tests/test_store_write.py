"""Adding events: the file's bytes are kept, the result is validated, writes are atomic and
queue behind a lock."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import REPO, SMALL_STORE, add
from timeline.errors import Duplicates, LikelyDuplicate, NotText, StoreError
from timeline.names import fold
from timeline.store import Change, StoreFile, duplicates, event_table, load
from timeline.store.write import in_store_order

NEW = {"id": "new", "date": "2022-01-02", "title": "A new event", "type": "talks"}


NEW_OPTIONS = ("--id", "new", "--date", "2022-01-02", "--title", "A new event", "--type", "talks")
NOBODY = 65534


def run_as_user(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run timeline as an ordinary user in a folder made read-only for it: as itself when the
    tests do not run as root, else as nobody (skipped where nobody cannot run Python here)."""
    environment = dict(os.environ, PYTHONPATH=str(REPO), TIMELINE_NO_CACHE="1")
    user: dict[str, int] = {}
    if os.geteuid() == 0:
        user = {"user": NOBODY, "group": NOBODY}
        try:
            subprocess.run([sys.executable, "-c", "pass"], check=True, **user)
        except (OSError, subprocess.CalledProcessError):
            pytest.skip("the user nobody cannot run this Python (it is in a private folder)")
        os.chown(folder, NOBODY, NOBODY)
        for item in folder.iterdir():
            os.chown(item, NOBODY, NOBODY)
    folder.chmod(0o555)
    return subprocess.run(
        [sys.executable, "-m", "timeline", *arguments],
        env=environment,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        **user,
    )


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


class TestEventToml:
    def test_block_is_an_events_table(self) -> None:
        assert event_table(NEW) == (
            '[[events]]\nid = "new"\ndate = "2022-01-02"\ntitle = "A new event"\ntype = "talks"\n'
        )

    @given(st.text(st.characters(blacklist_categories=("Cs",))))
    def test_any_text_round_trips(self, text: str) -> None:
        """Quotes, backslashes, newlines and control characters come back exactly."""
        fields = {**NEW, "title": text, "quotes": [text, text]}
        assert tomllib.loads(event_table(fields)) == {"events": [fields]}


class TestAppend:
    def test_keeps_every_byte_and_adds_the_event(self, write_store: Callable[..., Path]) -> None:
        """Comments, order and formatting survive; the new event is at the end."""
        original = "# my notes\n" + SMALL_STORE.replace("[actors.north]", "# north\n[actors.north]")
        path = write_store(original)
        add(path, NEW)
        text = path.read_text(encoding="utf-8")
        assert text.startswith(original)
        assert text[len(original) :] == "\n" + event_table(NEW)
        assert [e.id for e in load(path).events][-1] == "new"

    def test_crlf_stays_crlf(self, write_store: Callable[..., Path]) -> None:
        path = write_store("")
        path.write_bytes(SMALL_STORE.replace("\n", "\r\n").encode())
        add(path, NEW)
        data = path.read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n")

    def test_file_without_final_newline(self, write_store: Callable[..., Path]) -> None:
        path = write_store(SMALL_STORE.rstrip("\n"))
        add(path, NEW)
        assert load(path).events[-1].id == "new"

    def test_byte_order_mark_is_kept(self, write_store: Callable[..., Path]) -> None:
        path = write_store("")
        path.write_bytes(b"\xef\xbb\xbf" + SMALL_STORE.encode())
        add(path, NEW)
        assert path.read_bytes().startswith(b"\xef\xbb\xbf[timeline]")

    def test_bad_event_is_refused_and_nothing_changes(
        self, write_store: Callable[..., Path]
    ) -> None:
        path = write_store(SMALL_STORE)
        for bad in (
            {**NEW, "type": "nope"},
            {**NEW, "id": "truce"},
            {**NEW, "date": "2022-02-30"},
            {**NEW, "sources": ["report"], "quotes": ["x"], "actors": ["ghost"]},
        ):
            with pytest.raises(StoreError):
                add(path, bad)
            assert path.read_text(encoding="utf-8") == SMALL_STORE
        assert files_in(path.parent) == [".events.toml.lock", "events.toml"]

    def test_quote_missing_from_source_file_is_refused(
        self, write_store: Callable[..., Path]
    ) -> None:
        write_store("We sign a treaty today. The article says this sentence.", "article.txt")
        text = SMALL_STORE.replace('url = "https://example.org/report"', 'file = "article.txt"')
        path = write_store(text)
        with pytest.raises(StoreError, match="quote 1 is not in the text of its source"):
            add(path, {**NEW, "sources": ["report"], "quotes": ["other"]})
        ok = {**NEW, "sources": ["report"], "quotes": ["The article  says\nthis sentence."]}
        add(path, ok)

    def test_dry_run_writes_nothing(self, write_store: Callable[..., Path]) -> None:
        path = write_store(SMALL_STORE)
        store = add(path, NEW, dry_run=True).store
        assert store.events[-1].id == "new"
        assert path.read_text(encoding="utf-8") == SMALL_STORE

    def test_failure_half_way_leaves_the_original(
        self, write_store: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A disk that fills up while writing leaves the store byte-identical, no temp file."""
        path = write_store(SMALL_STORE)

        def full(descriptor: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("timeline.atomic.os.fsync", full)
        with pytest.raises(StoreError) as raised:
            add(path, NEW)
        assert raised.value.lines() == [f"{path}: cannot write: No space left on device"]
        assert path.read_bytes() == SMALL_STORE.encode()
        assert files_in(path.parent) == [".events.toml.lock", "events.toml"]

    def test_symlink_and_permissions_are_kept(self, write_store: Callable[..., Path]) -> None:
        real = write_store(SMALL_STORE, "real.toml")
        real.chmod(0o640)
        link = real.parent / "events.toml"
        link.symlink_to(real)
        add(link, NEW)
        assert link.is_symlink()
        assert real.stat().st_mode & 0o777 == 0o640
        assert load(real).events[-1].id == "new"

    def test_read_only_folder(self, tmp_path: Path) -> None:
        """In a folder its user cannot write to (with the lock file there from before), add
        is refused with one line, not a traceback, and the store is unchanged. Run as an
        ordinary user: root can write into read-only folders."""
        folder = Path(tempfile.mkdtemp(dir="/tmp"))  # pytest's own folders are root's alone
        try:
            path = folder / "events.toml"
            path.write_text(SMALL_STORE, encoding="utf-8")
            (folder / ".events.toml.lock").touch()
            result = run_as_user(folder, "--store", str(path), "add", *NEW_OPTIONS)
            assert (result.returncode, result.stdout) == (1, "")
            assert result.stderr == f"timeline: {path}: cannot write: Permission denied\n"
            assert path.read_text(encoding="utf-8") == SMALL_STORE
        finally:
            folder.chmod(0o755)
            shutil.rmtree(folder)

    def test_a_folder_that_refuses_the_temporary_file(
        self, write_store: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The same refusal, injected, so that it is tested whoever runs the tests."""
        path = write_store(SMALL_STORE)

        def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("timeline.atomic.tempfile.mkstemp", refuse)
        with pytest.raises(StoreError) as raised:
            add(path, NEW)
        assert raised.value.lines() == [f"{path}: cannot write: Permission denied"]
        assert path.read_text(encoding="utf-8") == SMALL_STORE

    def test_a_stale_lock_file_does_not_block(self, write_store: Callable[..., Path]) -> None:
        path = write_store(SMALL_STORE)
        (path.parent / ".events.toml.lock").write_text("left by a crash")
        add(path, NEW)
        assert load(path).events[-1].id == "new"


def test_an_edit_saved_while_adding_is_kept(
    write_store: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor saves (by renaming its file) just after add has read the store: add starts
    again from the edited file, so that both the edit and the new event are in it."""
    import timeline.store

    path = write_store(SMALL_STORE)
    edited = SMALL_STORE.replace("A truce is signed", "A truce is signed (edited)")
    real_read = timeline.store.read_bytes
    reads = []

    def read_then_edit(target: Path) -> bytes:
        data = real_read(target)
        if not reads:
            saved = target.parent / "saved-by-an-editor"
            saved.write_text(edited, encoding="utf-8")
            saved.replace(target)
        reads.append(data)
        return data

    monkeypatch.setattr("timeline.store.read_bytes", read_then_edit)
    add(path, NEW)
    assert len(reads) == 2
    text = path.read_text(encoding="utf-8")
    assert text.startswith(edited)
    assert [event.id for event in load(path).events][-1] == "new"


def test_a_read_only_store_is_refused(write_store: Callable[..., Path]) -> None:
    """A store without write permission is not changed (root could: it is still refused)."""
    path = write_store(SMALL_STORE)
    path.chmod(0o444)
    with pytest.raises(StoreError) as raised:
        add(path, NEW)
    assert raised.value.lines() == [f"{path}: cannot write: it is read-only"]
    assert path.read_text(encoding="utf-8") == SMALL_STORE


class TestInlineEventsArray:
    """A store may write its events as a TOML inline array: new ones go inside it."""

    HEAD = SMALL_STORE.split("[[events]]")[0]

    @pytest.mark.parametrize(
        ("array", "written"),
        [
            (
                "events = []",
                'events = [{ id = "new", date = "2022-01-02", title = "A new event", type = "talks" }]',
            ),
            (
                'events = [\n  { id = "a", date = "2020", title = "A", type = "talks" }, # one\n]',
                'events = [\n  { id = "a", date = "2020", title = "A", type = "talks" }, # one\n'
                '{ id = "new", date = "2022-01-02", title = "A new event", type = "talks" }]',
            ),
            (
                'events = [{ id = "a", date = "2020", title = "A", type = "talks" }]',
                'events = [{ id = "a", date = "2020", title = "A", type = "talks" }, '
                '{ id = "new", date = "2022-01-02", title = "A new event", type = "talks" }]',
            ),
        ],
        ids=["empty", "a trailing comma and a comment", "one event"],
    )
    def test_the_event_goes_into_the_array(
        self, write_store: Callable[..., Path], array: str, written: str
    ) -> None:
        """Only the array's end changes; check finds no error in the result."""
        path = write_store(f"# my store\n{array}\n{self.HEAD}")
        load(path)  # cached, so the write goes through the cached path too
        outcome = add(path, NEW)
        assert outcome.text == (
            '{ id = "new", date = "2022-01-02", title = "A new event", type = "talks" }'
        )
        assert path.read_text(encoding="utf-8") == f"# my store\n{written}\n{self.HEAD}"
        assert StoreFile(path).check().errors == 0
        assert [event.id for event in load(path, cache=False).events][-1] == "new"


class TestQuotesAgainstCachedStores:
    """An add to a cached store checks only the new event's quotes while the source files are
    the ones the store's quotes were found in; when a file changes, the store's own quotes are
    checked again, as check would."""

    ARTICLE = "We sign a treaty today. The article says this sentence."

    @pytest.fixture(autouse=True)
    def cache_on(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """On even when the suite runs with TIMELINE_NO_CACHE."""
        monkeypatch.setenv("TIMELINE_NO_CACHE", "")

    def store(self, write_store: Callable[..., Path]) -> Path:
        write_store(self.ARTICLE, "article.txt")
        text = SMALL_STORE.replace('url = "https://example.org/report"', 'file = "article.txt"')
        path = write_store(text)
        load(path)  # cached, with the digest of article.txt
        return path

    def test_a_cached_store_is_not_parsed_again(
        self, write_store: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Warm: the new event is checked against the cached store, nothing is parsed whole."""
        path = self.store(write_store)
        with monkeypatch.context() as patch:
            patch.setattr("timeline.store.schema.analyse", None)  # a whole parse would fail
            add(path, {**NEW, "sources": ["report"], "quotes": ["The article says this sentence."]})
        assert load(path, cache=False).events.ids()[-1] == "new"

    def test_a_changed_source_file_is_checked_again(
        self, write_store: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The article no longer holds the truce's quote: the add is refused with check's line."""
        path = self.store(write_store)
        (path.parent / "article.txt").write_text("The article says this sentence.")
        with pytest.raises(StoreError) as raised:
            add(path, {**NEW, "sources": ["report"], "quotes": ["The article says this sentence."]})
        [error] = [p for p in StoreFile(path).check().problems if p.severity == "error"]
        assert raised.value.lines() == [str(error)]
        assert str(error).endswith(
            "event truce: quotes: quote 1 is not in the text of its source (report)"
        )


TRUCE_AGAIN = {"date": "2021-03-05", "title": "a truce is  SIGNED", "type": "talks"}


class TestDuplicates:
    @pytest.mark.parametrize("cache", [False, True])
    def test_an_event_the_store_has_is_refused(
        self, write_store: Callable[..., Path], cache: bool
    ) -> None:
        path = write_store(SMALL_STORE)
        load(path)  # a warm cache, when it is on
        before = path.read_bytes()
        with pytest.raises(Duplicates) as refused:
            add(path, TRUCE_AGAIN, cache=cache)
        assert refused.value.found == [
            LikelyDuplicate(0, "a truce is  SIGNED", "2021-03-05", "truce", "same date and title")
        ]
        assert refused.value.lines() == [
            "event 'a truce is  SIGNED' (2021-03-05) is already in the store as truce "
            "(same date and title)"
        ]
        assert path.read_bytes() == before

    def test_allow_duplicate_adds_it(self, write_store: Callable[..., Path]) -> None:
        path = write_store(SMALL_STORE)
        outcome = StoreFile(path).apply(Change(events=(TRUCE_AGAIN,), allow_duplicate=True))
        assert outcome.ids == ("2021-03-05-a-truce-is-signed",)

    def test_an_event_the_same_change_adds_twice_is_refused(
        self, write_store: Callable[..., Path]
    ) -> None:
        path = write_store(SMALL_STORE)
        before = path.read_bytes()
        change = Change(events=(NEW, {**NEW, "id": "new-again"}))
        with pytest.raises(Duplicates) as refused:
            StoreFile(path).apply(change)
        assert refused.value.found == [
            LikelyDuplicate(1, "A new event", "2022-01-02", "new", "same date and title", added=0)
        ]
        assert path.read_bytes() == before

    def test_a_change_applied_twice_is_refused_as_a_duplicate_not_for_its_ids(
        self, write_store: Callable[..., Path]
    ) -> None:
        path = write_store(SMALL_STORE)
        add(path, NEW)
        with pytest.raises(Duplicates):
            add(path, NEW)

    def test_a_shared_quote_counts_when_the_dates_can_meet(
        self, write_store: Callable[..., Path]
    ) -> None:
        path = write_store(SMALL_STORE)
        quoted = {"type": "talks", "sources": ["report"], "quotes": ["We sign a treaty today."]}
        with pytest.raises(Duplicates) as refused:
            add(path, {**quoted, "date": "2021-03", "title": "Signing"})
        assert refused.value.found[0].reason == "same source report and quote"
        # One sentence that names two dates tells two events.
        assert add(path, {**quoted, "date": "2021-04", "title": "Signing"}).ids

    def test_a_warm_cache_looks_the_keys_up_without_building_every_event(
        self, write_store: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = write_store(SMALL_STORE)
        load(path)
        add(path, NEW)  # a journal on top of the snapshot
        with monkeypatch.context() as patch:
            patch.setattr("timeline.store.cache._SnapshotEvents.all", None)
            with pytest.raises(Duplicates) as refused:
                add(path, TRUCE_AGAIN)
            assert refused.value.found[0].existing == "truce"
            with pytest.raises(Duplicates) as refused:
                add(path, {**NEW, "id": "newer"})
            assert refused.value.found[0].existing == "new"
            assert add(path, {**NEW, "id": "another", "title": "Another"}).ids == ("another",)


# A pact whose start is a year and whose end comes early in it: an event quoting it later in
# the year can be the same (its start can mean that day) though the pact's span ends before.
PACT = """
[[events]]
id = "pact"
date = "2020"
end = "2020-02-01"
title = "A pact"
type = "talks"
sources = ["report"]
quotes = ["Both sides agree."]
"""
PACT_QUOTED = {"type": "talks", "sources": ["report"], "quotes": ["Both  sides agree."]}
CANDIDATES = {
    "a quote in the pact's year, after its end": [{**PACT_QUOTED, "date": "2020-06", "title": "X"}],
    "the same quote another year": [{**PACT_QUOTED, "date": "2021-06", "title": "X"}],
    "the war's title and date, the war going on": [
        {"date": "1990", "title": "the long  WAR", "type": "battle"}
    ],
    "a later event of several repeats one": [
        {"date": "2030", "title": "Far away", "type": "talks"},
        {"date": "2021-03-05", "title": "A truce is signed", "type": "talks"},
    ],
    "the truce's title on another day": [
        {"date": "2021-03-06", "title": "A truce is signed", "type": "talks"}
    ],
    "a date that is none": [{"date": "2021-13-05", "title": "A truce is signed", "type": "talks"}],
}


@pytest.mark.parametrize("name", sorted(CANDIDATES))
def test_a_writes_refusal_of_duplicates_is_the_same_with_the_cache_off_cold_and_warm(
    name: str, write_store: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Warm, only the events whose start can meet a new one's date are built (never all)."""
    monkeypatch.setenv("TIMELINE_NO_CACHE", "")
    path = write_store(SMALL_STORE + PACT)
    add(path, NEW, cache=True)  # a journal on top of the snapshot

    def outcome(cache: str) -> object:
        store_file = StoreFile(path, cache=cache != "off")
        if cache == "cold":
            for entry in Path(os.environ["TIMELINE_CACHE_DIR"]).iterdir():
                entry.unlink()
        try:
            return store_file.validate(Change(events=tuple(CANDIDATES[name]))).ids
        except Duplicates as refused:
            return refused.found
        except StoreError as error:
            return error.lines()

    off, cold = outcome("off"), outcome("cold")
    load(path, cache=True)
    with monkeypatch.context() as patch:
        patch.setattr("timeline.store.cache._SnapshotEvents.all", None)
        warm = outcome("warm")
    assert off == cold == warm
    expected = {
        "a quote in the pact's year, after its end": "pact",
        "the war's title and date, the war going on": "war",
        "a later event of several repeats one": "truce",
    }
    if name in expected:
        assert isinstance(off, list) and [d.existing for d in off] == [expected[name]]
    else:
        assert not (isinstance(off, list) and isinstance(off[0], LikelyDuplicate))


@given(st.text())
@example("Ağdam ¨ and a¨b")  # NFKD makes a space and a combining mark of "¨"
def test_titles_are_folded_word_by_word_as_fold_folds_them_whole(text: str) -> None:
    assert duplicates._folded(text) == " ".join(fold(text).split())


def test_a_new_events_figures_are_inline_and_its_accounts_are_its_own_tables(
    accounts_store_path: Path,
) -> None:
    """Not `[figures]` and `[[accounts]]` at the file's top level: an event with them."""
    before = accounts_store_path.read_bytes()
    event = {
        "date": "2023-10-01",
        "title": "Another clash",
        "type": "incident",
        "sources": ["a", "b"],
        "figures": {"killed": 3, "injured": {"low": 1, "high": 2}},
        "accounts": [
            {"source": "a", "quotes": ["Six soldiers"]},
            {"source": "b", "date": "2023-10-02", "figures": {"killed": {"best": 2}}},
        ],
    }
    store_file = StoreFile(accounts_store_path)
    store_file.read()  # cached: the new tables are checked on their own
    store = store_file.apply(Change(events=(event,))).store
    assert accounts_store_path.read_bytes() == before + (
        b'\n[[events]]\nid = "2023-10-01-another-clash"\ndate = "2023-10-01"\n'
        b'title = "Another clash"\ntype = "incident"\nsources = [\n    "a",\n    "b",\n]\n'
        b"figures = { killed = 3, injured = { low = 1, high = 2 } }\n"
        b'\n[[events.accounts]]\nsource = "a"\nquotes = [\n    "Six soldiers",\n]\n'
        b'\n[[events.accounts]]\nsource = "b"\ndate = "2023-10-02"\n'
        b"figures = { killed = { best = 2 } }\n"
    )
    added = next(e for e in store.events if e.id == "2023-10-01-another-clash")
    assert [a.source for a in added.accounts] == ["a", "b"]
    assert StoreFile(accounts_store_path, cache=False).read() == store
    assert StoreFile(accounts_store_path).check().errors == 0


def _event(event_id: str, **fields: object) -> dict[str, object]:
    return {"id": event_id, "date": "2022-01-02", "title": event_id.title(), **fields}


# Declarations with new events: each is checked beside the store's declarations, and the
# events against both, without parsing the store again.
DECLARED: list[dict[str, object]] = [
    {"declarations": (("actors", "east", {"name": "Eastland", "part_of": ["north"]}),)},
    {
        "declarations": (
            ("types", "riot", {"color": "#cc79a7", "description": "Riots"}),
            ("actors", "east", {"name": "Eastland"}),
            ("sources", "radio", {"title": "Radio", "url": "https://example.org/radio"}),
        ),
        "events": tuple(
            _event(f"riot-{n}", type="riot", actors=["east", "north"], sources=["radio"])
            for n in range(7)
        ),
    },
    {
        "declarations": (("types", "riot", {"color": "#cc79a7"}),),
        "events": (_event("a", type="riot"), _event("b", type="riot"), _event("A", type="riot")),
    },
    {"declarations": (("types", "riot", {"color": "not a colour"}),)},
    {"declarations": (("types", "Talks", {"color": "red"}),)},
    {"declarations": (("actors", "east", {"name": "Eastland", "part_of": ["nowhere"]}),)},
    {"declarations": (("actors", "east", {"name": "Eastland", "kindd": "state"}),)},
    {"declarations": (("sources", "radio", {"title": "Radio", "sha256": "abc"}),)},
    {"declarations": (("sources", "paper", {"title": "Paper", "file": "paper.txt"}),)},
    {
        "declarations": (("actors", "east", {"name": "Eastland"}),),
        "events": (_event("riot", type="riots", actors=["east"]), _event("truce", type="talks")),
    },
    {
        "declarations": (("sources", "radio", {"title": "Radio", "url": "https://r.org"}),),
        "events": (_event("q", type="talks", sources=["radio"], quotes=["Never said"]),),
    },
    # With events removed and edited too (as a newer file of a dataset makes them).
    {
        "declarations": (("actors", "east", {"name": "Eastland"}),),
        "edits": (("truce", {"actors": ["east"], "title": "Truce"}),),
        "removals": ("talks",),
        "events": (_event("east-1", type="talks", actors=["east"]),),
    },
    {"removals": ("war", "talks"), "events": (_event("n1", type="talks"),)},
    {"edits": (("truce", {"date": "2021-02-30"}),), "events": (_event("n1", type="talks"),)},
    {"edits": (("truce", {"title": "Truce"}),), "events": (_event("n1", type="riots"),)},
    {"edits": (("clash", {"id": "n1"}),), "events": (_event("N1", type="talks"),)},
    {
        "account_edits": (("truce", "report", {"figures": {"killed": 2}}),),
        "declarations": (("types", "riot", {"color": "#cc79a7"}),),
        "events": (_event("n1", type="riot"),),
    },
]


@pytest.mark.parametrize("change", DECLARED, ids=[str(i) for i in range(len(DECLARED))])
@pytest.mark.parametrize("block", [1, 200, 1 << 20])
def test_declarations_with_events_are_checked_as_a_parse_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, object], block: int
) -> None:
    """The store and the errors are those of checking the whole file; an error in the new
    events is named by its event and field (its lines are not in the file yet)."""
    path = tmp_path / "events.toml"
    path.write_text(SMALL_STORE)
    monkeypatch.setattr("timeline.store.toml.BLOCK_BYTES", block)

    def outcome() -> object:
        try:
            made = Change(**change, allow_duplicate=True)  # type: ignore[arg-type]
            return StoreFile(path, cache=False).validate(made)
        except StoreError as error:
            return [p._replace(line=None, column=None) for p in error.problems]

    fast = outcome()
    monkeypatch.setattr(StoreFile, "_check_addition", lambda *arguments, **options: None)
    assert fast == outcome()


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("final", [True, False])
def test_what_an_addition_shows_is_its_tables(tmp_path: Path, newline: str, final: bool) -> None:
    """The tables appended are shown joined by a line break, in LF, whatever the file's line
    ends (they are kept as the bytes written, and read back for showing)."""
    path = tmp_path / "events.toml"
    text = SMALL_STORE if final else SMALL_STORE.rstrip("\n")
    path.write_bytes(text.replace("\n", newline).encode())
    events = (
        {**NEW, "summary": 'Says "a\\b"\nand more', "tags": ["x", "y"]},
        {**NEW, "id": "newer", "figures": {"killed": {"low": 1, "high": 3}}},
    )
    outcome = StoreFile(path).validate(Change(events=events, allow_duplicate=True))
    tables = [event_table(in_store_order(event)) for event in events]
    assert outcome.text == "\n".join(tables)
    declared = Change(events=events[:1], declarations=(("types", "riot", {"color": "red"}),))
    outcome = StoreFile(path).validate(declared)
    assert outcome.text == tables[0] + '\n[types.riot]\ncolor = "red"\n'


@pytest.mark.parametrize("declares", [False, True])
def test_a_long_write_tells_how_far_it_has_got(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, declares: bool
) -> None:
    """Writing the tables is the first half of the work, checking them the second: what
    progress is told only grows, to the whole."""
    monkeypatch.setattr("timeline.store.toml.BLOCK_BYTES", 50_000)
    path = tmp_path / "events.toml"
    path.write_text(SMALL_STORE)
    events = tuple({**NEW, "id": f"e{n}", "title": f"Event {n}"} for n in range(2500))
    declarations = (("types", "riot", {"color": "#cc79a7"}),) if declares else ()
    told: list[tuple[int, int]] = []
    change = Change(events=events, declarations=declarations, allow_duplicate=True)
    StoreFile(path).apply(change, lambda done, total: told.append((done, total)))
    assert {total for _, total in told} == {5000}
    done = [done for done, _ in told]
    assert done == sorted(done)
    assert done[:3] == [0, 1000, 2000]  # a table written, every thousand
    checked = done[3:]  # a block of tables checked, each of about 50,000 bytes
    assert len(checked) > 3
    assert checked[0] > 2500
    assert checked[-1] == 5000
    assert len(load(path).events) == 2504


@pytest.mark.parametrize(
    "declarations", [(), (("types", "riot", {"color": "red"}),)], ids=["added", "declared"]
)
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Bad \udcff"),
        ("tags", ["fine", "bad\udcff"]),
        ("figures", {"kill\udcffed": 1}),
        ("accounts", [{"source": "report", "note": "bad\udcff"}]),
    ],
)
def test_a_value_that_is_not_text_is_refused_by_its_field(
    tmp_path: Path, declarations: tuple[object, ...], field: str, value: object
) -> None:
    path = tmp_path / "events.toml"
    path.write_text(SMALL_STORE)
    events = ({**NEW, "id": "fine"}, {**NEW, field: value})
    with pytest.raises(NotText) as refused:
        change = Change(events=events, declarations=declarations, allow_duplicate=True)  # type: ignore[arg-type]
        StoreFile(path).apply(change)
    assert str(refused.value).startswith(f"{field}: ")
    assert path.read_text() == SMALL_STORE
