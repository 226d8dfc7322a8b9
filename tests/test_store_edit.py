"""Editing a store in place: events edited, rewritten and removed, declarations made and
removed. What a change does not touch stays byte for byte; what it refuses leaves the file as
it was, with check's errors placed in the file as it is."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ACCOUNTS_STORE, SMALL_STORE, TRUCE
from timeline.errors import NotText, StoreError, UnknownName
from timeline.store import Change, StoreFile
from timeline.store.positions import Layout


def apply(path: Path, **change: object) -> bytes:
    StoreFile(path).apply(Change(**change))  # type: ignore[arg-type]
    return path.read_bytes()


def refused(path: Path, **change: object) -> list[str]:
    before = path.read_bytes()
    with pytest.raises(StoreError) as error:
        StoreFile(path).apply(Change(**change))  # type: ignore[arg-type]
    assert path.read_bytes() == before
    return [str(problem).replace(str(path), "STORE") for problem in error.value.problems]


def test_removing_an_event_takes_its_lines_and_one_blank_line(
    small_store_path: Path,
) -> None:
    assert (
        apply(small_store_path, removals=("truce",))
        == SMALL_STORE.replace(TRUCE + "\n", "").encode()
    )


def test_removing_the_last_event_leaves_no_blank_line_at_the_end(small_store_path: Path) -> None:
    last = SMALL_STORE[SMALL_STORE.rindex("\n[[events]]") :]
    assert apply(small_store_path, removals=("clash",)) == SMALL_STORE.removesuffix(last).encode()


def test_removing_keeps_comments_and_crlf_line_ends(
    write_store: Callable[[str], Path],
) -> None:
    text = SMALL_STORE.replace(
        '[[events]]\nid = "truce"', '# checked twice\n[[events]]\nid = "truce"'
    )
    text = text.replace('location = "Geneva"', 'location = "Geneva"  # the city').replace(
        "\n", "\r\n"
    )
    path = write_store(text)
    result = apply(path, removals=("talks",))
    talks = '[[events]]\r\nid = "talks"\r\ndate = "mid 2021-03"\r\ntitle = "Talks in March"\r\n'
    talks += 'type = "talks"\r\nactors = ["south"]\r\nsources = ["report"]\r\n\r\n'
    assert result == text.replace(talks, "").encode()


def test_an_edit_writes_each_value_in_place_and_keeps_the_rest(
    write_store: Callable[[str], Path],
) -> None:
    text = SMALL_STORE.replace('location = "Geneva"', 'location = "Geneva"  # the city')
    path = write_store(text)
    fields = {"location": "Bern", "title": 'A "truce"', "summary": None, "tags": ["peace"]}
    result = apply(path, edits=(("truce", fields),))
    expected = text.replace('location = "Geneva"  # the city', 'location = "Bern"  # the city')
    expected = expected.replace('title = "A truce is signed"', 'title = "A \\"truce\\""')
    expected = expected.replace('summary = "Both sides sign."\n', "")
    # A new field goes after the fields that come before it in the store's order.
    expected = expected.replace(
        'quotes = ["We sign a treaty today."]\n',
        'quotes = ["We sign a treaty today."]\ntags = ["peace"]\n',
    )
    assert result == expected.encode()


def test_an_edit_that_breaks_the_store_is_refused_with_checks_error(
    small_store_path: Path,
) -> None:
    assert refused(small_store_path, edits=(("truce", {"date": "2021-13-01"}),)) == [
        "STORE:44: event truce: date: '2021-13-01': there is no month 13"
    ]


def test_a_refusal_places_the_stores_own_errors_at_their_lines_now(
    write_store: Callable[[str], Path],
) -> None:
    path = write_store(
        SMALL_STORE.replace(
            'type = "battle"\nactors = ["north"]', 'type = "fight"\nactors = ["north"]'
        )
    )
    # The event removed is above the bad one: its line is still where the file has it.
    line = path.read_text().splitlines().index('type = "fight"') + 1
    assert refused(path, removals=("truce",)) == [
        f"STORE:{line}:1: event clash: type: unknown type 'fight'"
    ]


def test_rewriting_an_event_replaces_its_block_only(small_store_path: Path) -> None:
    new = TRUCE.replace('location = "Geneva"\n', '# moved\nlocation = "Bern"\n')
    assert (
        apply(small_store_path, rewrites=(("truce", new),))
        == SMALL_STORE.replace(TRUCE, new).encode()
    )


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (
            TRUCE.replace('date = "2021-03-05"', "date = 2021"),
            "STORE:44: event truce: date: must be a string, not an integer",
        ),
        (
            TRUCE + '[[events]]\nid = "more"\n',
            "STORE: the edited text must hold exactly one [[events]] table, and nothing else",
        ),
        (
            "[[events]\n",
            "STORE: TOML syntax in the edited event: Expected ']]' at the end of an array "
            "declaration (at line 1, column 9)",
        ),
    ],
)
def test_a_bad_rewrite_is_refused(small_store_path: Path, new: str, message: str) -> None:
    assert refused(small_store_path, rewrites=(("truce", new),)) == [message]


def test_an_unknown_event_is_named_with_the_closest_ids(small_store_path: Path) -> None:
    with pytest.raises(UnknownName, match="no event 'truse' \\(did you mean 'truce'\\?\\)"):
        StoreFile(small_store_path).apply(Change(removals=("truse",)))


def test_a_change_made_from_other_bytes_is_refused(small_store_path: Path) -> None:
    mark = StoreFile(small_store_path).event_text("truce").mark
    small_store_path.write_text(SMALL_STORE + "\n# edited by hand\n")
    assert refused(small_store_path, removals=("truce",), expected=mark) == [
        "STORE: the file changed on disk since timeline read it; nothing was written"
    ]


def test_the_text_of_an_event_is_its_block(small_store_path: Path) -> None:
    assert StoreFile(small_store_path).event_text("Truce").text == TRUCE


def test_a_declaration_goes_after_the_last_of_its_section(small_store_path: Path) -> None:
    fields = {"name": "Eastland", "kind": "state", "aliases": ["East"]}
    result = apply(small_store_path, declarations=(("actors", "east", fields),))
    table = '[actors.east]\nname = "Eastland"\nkind = "state"\naliases = [\n    "East",\n]\n'
    expected = SMALL_STORE.replace(
        'name = "Southland"\nkind = "state"\n',
        'name = "Southland"\nkind = "state"\n\n' + table,
    )
    assert result == expected.encode()


def test_a_first_declaration_goes_before_the_events(write_store: Callable[[str], Path]) -> None:
    text = '[timeline]\ntitle = "T"\n\n[types.talks]\ncolor = "cyan"\n\n# The events\n'
    text += '[[events]]\nid = "a"\ndate = "2020"\ntitle = "A"\ntype = "talks"\n'
    path = write_store(text)
    result = apply(path, declarations=(("actors", "north", {"name": "Northland"}),))
    expected = text.replace("# The events", '[actors.north]\nname = "Northland"\n\n# The events')
    assert result == expected.encode()


def test_declaring_an_id_twice_is_refused(small_store_path: Path) -> None:
    assert refused(small_store_path, declarations=(("actors", "north", {"name": "N"}),)) == [
        "STORE: actor 'north' is declared already"
    ]
    # Ids that differ only in case are one id to --actor and to references: check's error.
    assert refused(small_store_path, declarations=(("actors", "North", {"name": "N"}),)) == [
        "STORE: actors.North: differs from 'north' only in case"
    ]


def test_a_declaration_is_validated_with_the_whole_store(small_store_path: Path) -> None:
    fields = {"name": "Eastland", "part_of": ["west"]}
    assert refused(small_store_path, declarations=(("actors", "east", fields),)) == [
        "STORE: actors.east.part_of: unknown actor 'west' (did you mean 'east'?)"
    ]


def test_removing_an_unused_declaration(write_store: Callable[[str], Path]) -> None:
    text = SMALL_STORE.replace("[actors.south]", '[actors.west]\nname = "West"\n\n[actors.south]')
    path = write_store(text)
    assert apply(path, retractions=(("actors", "west"),)) == SMALL_STORE.encode()


def test_removing_a_declaration_in_use_names_what_uses_it(small_store_path: Path) -> None:
    assert refused(small_store_path, retractions=(("actors", "north"),)) == [
        "STORE: actor 'north' is used by 2 events: war, clash; and by 1 actor part of it: leader"
    ]
    assert refused(small_store_path, retractions=(("types", "talks"),)) == [
        "STORE: type 'talks' is used by 2 events: truce, talks"
    ]


def test_events_in_an_inline_array_are_edited_and_removed(
    write_store: Callable[[str], Path],
) -> None:
    head = '[timeline]\ntitle = "T"\n'
    text = (
        'events = [\n  { id = "a", date = "2020", title = "A", type = "talks" },\n'
        '  { id = "b", date = "2021", title = "B", type = "talks" },\n]\n'
        + head
        + '[types.talks]\ncolor = "cyan"\n'
    )
    path = write_store(text)
    edited = apply(path, edits=(("b", {"title": "Bee"}),))
    assert edited == text.replace('title = "B"', 'title = "Bee"').encode()
    removed = apply(path, removals=("a",))
    assert removed == edited.replace(
        b'  { id = "a", date = "2020", title = "A", type = "talks" },\n', b""
    )


def test_a_header_like_line_in_a_string_does_not_mislead(
    write_store: Callable[[str], Path],
) -> None:
    text = SMALL_STORE.replace(
        'summary = "Both sides sign."', 'summary = """Both sides sign.\n[[events]]\nnot a header"""'
    )
    path = write_store(text)
    assert Layout(text, 4).whole
    assert (
        apply(path, removals=("talks",))
        == text.replace(
            '[[events]]\nid = "talks"\ndate = "mid 2021-03"\ntitle = "Talks in March"\n'
            'type = "talks"\nactors = ["south"]\nsources = ["report"]\n\n',
            "",
        ).encode()
    )


EVENT_IDS = ["war", "truce", "talks", "clash"]


@settings(max_examples=30, deadline=None)
@given(removed=st.sets(st.sampled_from(EVENT_IDS)), comment=st.sampled_from(["", "# note\n"]))
def test_removing_events_leaves_the_others_as_they_were(
    tmp_path_factory: pytest.TempPathFactory, removed: set[str], comment: str
) -> None:
    path = tmp_path_factory.mktemp("store") / "events.toml"
    text = SMALL_STORE.replace("[[events]]", comment + "[[events]]")
    path.write_text(text)
    apply(path, removals=tuple(sorted(removed)))
    before = tomllib.loads(text)
    after = tomllib.loads(path.read_text())
    assert after.get("events", []) == [e for e in before["events"] if e["id"] not in removed]
    assert {k: v for k, v in after.items() if k != "events"} == {
        k: v for k, v in before.items() if k != "events"
    }
    assert path.read_text().count("# note") == (4 if comment else 0)


def test_a_first_declaration_goes_after_a_commented_out_one(
    write_store: Callable[[str], Path],
) -> None:
    head = '[timeline]\ntitle = "T"\ndescription = """\n# [actors.in-a-string]\n"""\n\n'
    text = head + '# [actors.example]\n# name = "Example"\n\n[types.talks]\ncolor = "cyan"\n'
    text += '\n[[events]]\nid = "a"\ndate = "2020"\ntitle = "A"\ntype = "talks"\n'
    path = write_store(text)
    result = apply(path, declarations=(("actors", "north", {"name": "Northland"}),))
    expected = text.replace(
        '# name = "Example"\n', '# name = "Example"\n\n[actors.north]\nname = "Northland"\n'
    )
    assert result == expected.encode()


def test_what_the_same_change_removes_does_not_hold_a_declaration(
    small_store_path: Path,
) -> None:
    """Removing an actor and the actor part of it, or a type and its events, together."""
    result = apply(
        small_store_path,
        removals=("war", "truce", "clash"),
        retractions=(("actors", "north"), ("actors", "leader"), ("types", "battle")),
    )
    after = tomllib.loads(result.decode())
    assert list(after["actors"]) == ["south"] and list(after["types"]) == ["talks"]
    assert [event["id"] for event in after["events"]] == ["talks"]


def test_the_text_of_a_declaration_is_its_lines(small_store_path: Path) -> None:
    store_file = StoreFile(small_store_path)
    assert store_file.declaration_text("actors", "south") == (
        '[actors.south]\nname = "Southland"\nkind = "state"\n'
    )
    with pytest.raises(UnknownName, match="no actor 'sout' \\(did you mean 'south'\\?\\)"):
        store_file.declaration_text("actors", "sout")


def test_a_declarations_id_must_be_text(small_store_path: Path) -> None:
    with pytest.raises(NotText):
        StoreFile(small_store_path).apply(
            Change(declarations=(("actors", "bad\udcff", {"name": "B"}),))
        )
    assert small_store_path.read_text() == SMALL_STORE


EDITS: list[dict[str, object]] = [
    {"removals": ("talks",)},
    {"removals": ("war", "clash")},
    {"edits": (("truce", {"title": "Truce", "summary": None}),)},
    {"edits": (("clash", {"id": "border-clash", "date": "2021-05-20"}),), "removals": ("war",)},
    {"edits": (("truce", {"id": "TALKS"}),)},
    {"edits": (("truce", {"date": "2021-02-30", "actors": ["nobody"]}),)},
    {"edits": (("truce", {"quotes": ["Not in the article"]}),)},
    {"edits": (("truce", {"colour": "red"}),)},
    {"rewrites": (("talks", TRUCE.replace('"truce"', '"peace"')),), "removals": ("war",)},
    {"rewrites": (("talks", TRUCE),)},
    {"account_edits": (("truce", "report", {"date": "2021-03-04", "figures": {"killed": 1}}),)},
    {"account_edits": (("truce", "report", {"quotes": ["Not in the article"]}),)},
    {"account_edits": (("truce", "nobody", {"note": "n"}),)},
    {"account_edits": (("war", "report", {"figures": {"killed": {"low": 3, "high": 2}}}),)},
]


@pytest.mark.parametrize("change", EDITS, ids=[str(i) for i in range(len(EDITS))])
@pytest.mark.parametrize("article", [False, True])
def test_edits_checked_without_a_parse_are_checked_as_a_parse_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, object], article: bool
) -> None:
    """Removals and edits of a valid store are checked against it, not by parsing the file
    again: the store and the errors are those of the whole check."""
    path = tmp_path / "events.toml"
    text = SMALL_STORE
    if article:
        (tmp_path / "article.txt").write_text("We sign a treaty today, they said.")
        text = text.replace('url = "https://example.org/report"', 'file = "article.txt"')
    path.write_text(text)

    def outcome() -> object:
        try:
            return StoreFile(path, cache=False).validate(Change(**change))  # type: ignore[arg-type]
        except StoreError as error:
            return error.lines()

    fast = outcome()
    monkeypatch.setattr(StoreFile, "_check_edits", lambda *arguments: None)
    assert fast == outcome()


# A summary whose lines look like table headers: "[...]" and "[Not]" start lines inside it.
BRACKETED = 'summary = """The army said:\n[...] the shelling began.\n[Not] a battle."""\n'


def test_a_header_like_line_in_a_multiline_string_is_text(
    write_store: Callable[[str], Path],
) -> None:
    text = SMALL_STORE.replace('summary = "Both sides sign."\n', BRACKETED)
    text = text.replace(
        '[types.talks]\ncolor = "cyan"\n',
        '[types.talks]\ncolor = "cyan"\n' + BRACKETED.replace("summary", "description"),
    )
    path = write_store(text)
    assert Layout(text, 4).whole
    truce = TRUCE.replace('summary = "Both sides sign."\n', BRACKETED)
    assert StoreFile(path).event_text("truce").text == truce
    declared = apply(path, declarations=(("types", "riot", {"color": "red"}),))
    assert declared == text.replace(
        "[sources.report]", '[types.riot]\ncolor = "red"\n\n[sources.report]'
    ).encode() or declared.decode().index("[types.riot]") > declared.decode().index(
        "[Not] a battle"
    )
    assert tomllib.loads(declared.decode())["types"]["riot"] == {"color": "red"}
    removed = apply(path, removals=("truce",))
    assert tomllib.loads(removed.decode())["events"] == [
        e for e in tomllib.loads(declared.decode())["events"] if e["id"] != "truce"
    ]


def test_a_bracketed_line_in_the_description_does_not_stop_a_write(
    write_store: Callable[[str], Path],
) -> None:
    text = SMALL_STORE.replace(
        'description = "A store for tests."',
        'description = """A store for tests.\n["Peace now", they shouted]"""',
    )
    path = write_store(text)
    result = apply(path, declarations=(("types", "riot", {"color": "red"}),))
    assert tomllib.loads(result.decode())["types"]["riot"] == {"color": "red"}
    assert tomllib.loads(result.decode())["timeline"] == tomllib.loads(text)["timeline"]


def test_a_field_added_at_the_end_of_a_file_without_a_final_line_break(
    write_store: Callable[[str], Path],
) -> None:
    path = write_store(SMALL_STORE.rstrip("\n"))
    result = apply(path, edits=(("clash", {"note": "Reported once."}),))
    assert result == (SMALL_STORE.rstrip("\n") + '\nnote = "Reported once."').encode()


def test_an_inline_table_over_several_lines_is_not_rewritten(
    write_store: Callable[[str], Path],
) -> None:
    text = 'events = [\n  { id = "a", date = "2020", title = "A", type = "talks", tags = [\n    "x", # the first\n    "y",\n  ] },\n]\n[timeline]\ntitle = "T"\n[types.talks]\ncolor = "cyan"\n'
    path = write_store(text)
    assert refused(path, edits=(("a", {"title": "A2"}),)) == [
        "STORE: this event is an inline table over several lines: change its text instead"
    ]


def test_an_edited_event_keeps_its_place_among_events_of_its_date(
    write_store: Callable[[str], Path],
) -> None:
    same_day = '\n[[events]]\nid = "{}"\ndate = "2022-02-02"\ntitle = "{}"\ntype = "talks"\n'
    path = write_store(SMALL_STORE + same_day.format("a", "First") + same_day.format("b", "Second"))
    edited = StoreFile(path).apply(Change(edits=(("a", {"title": "First, edited"}),))).store
    assert [event.id for event in edited.events][-2:] == ["a", "b"]
    assert edited == StoreFile(path, cache=False).read()


# An event with accounts: its [[events.accounts]] tables are part of it, never a new event
# nor a declaration.
CLASH_START = ACCOUNTS_STORE.index('[[events]]\nid = "clash"')
TALKS_START = ACCOUNTS_STORE.index('[[events]]\nid = "talks"')
CLASH = ACCOUNTS_STORE[CLASH_START:TALKS_START]


def test_the_text_of_an_event_holds_its_accounts(accounts_store_path: Path) -> None:
    text, _ = StoreFile(accounts_store_path).event_text("clash")
    assert text == CLASH.removesuffix("\n")
    assert text.count("[[events.accounts]]") == 2


def test_removing_an_event_removes_its_accounts(accounts_store_path: Path) -> None:
    assert (
        apply(accounts_store_path, removals=("clash",))
        == ACCOUNTS_STORE.replace(CLASH, "").encode()
    )
    store = StoreFile(accounts_store_path).read()
    assert [(e.id, [a.source for a in e.accounts]) for e in store.events] == [("talks", ["b"])]


def test_removing_the_event_before_keeps_the_next_ones_accounts(
    accounts_store_path: Path,
) -> None:
    """The talks' account stays the talks': it is not taken with the clash before it."""
    text = ACCOUNTS_STORE.replace(CLASH, "") + "\n" + CLASH.removesuffix("\n")
    accounts_store_path.write_text(text, encoding="utf-8")
    talks = ACCOUNTS_STORE[TALKS_START:]
    assert (
        apply(accounts_store_path, removals=("talks",)) == text.replace(talks + "\n", "").encode()
    )


def test_editing_the_title_of_an_event_with_accounts_changes_that_line_only(
    accounts_store_path: Path,
) -> None:
    old = 'title = "Soldiers killed in a clash near Aravus"'
    assert apply(accounts_store_path, edits=(("clash", {"title": "A clash"}),)) == (
        ACCOUNTS_STORE.replace(old, 'title = "A clash"').encode()
    )


def test_a_field_added_to_an_event_with_accounts_goes_in_the_event_not_an_account(
    accounts_store_path: Path,
) -> None:
    figures = "figures = { killed = 6, injured = { low = 10, high = 15 } }\n"
    assert apply(accounts_store_path, edits=(("clash", {"note": "added"}),)) == (
        ACCOUNTS_STORE.replace(figures, 'note = "added"\n' + figures).encode()
    )
    clash = next(e for e in StoreFile(accounts_store_path).read().events if e.id == "clash")
    assert clash.note == "added"
    assert [a.note for a in clash.accounts] == ["", "B counts one fewer."]


def test_rewriting_an_event_can_drop_one_of_its_accounts(accounts_store_path: Path) -> None:
    second = CLASH[CLASH.rindex("[[events.accounts]]") :]
    new = CLASH.removesuffix("\n" + second).removesuffix("\n")
    assert (
        apply(accounts_store_path, rewrites=(("clash", new),))
        == ACCOUNTS_STORE.replace(CLASH, new + "\n\n").encode()
    )
    clash = next(e for e in StoreFile(accounts_store_path).read().events if e.id == "clash")
    assert [a.source for a in clash.accounts] == ["a"]


def test_rewriting_an_event_keeps_its_accounts_byte_for_byte(accounts_store_path: Path) -> None:
    new = CLASH.replace('location = "Aravus"', 'location = "Aravus"  # as A has it', 1)
    assert apply(accounts_store_path, rewrites=(("clash", new.removesuffix("\n")),)) == (
        ACCOUNTS_STORE.replace(CLASH, new).encode()
    )


def test_layout_counts_an_event_with_accounts_as_one_event() -> None:
    layout = Layout(ACCOUNTS_STORE, 2)
    assert not layout.whole
    layout.event(0)
    start, _ = layout.tables[("events", 0)]
    assert start == CLASH_START
    assert max(end for _, end in layout.within(("events", 0))) == TALKS_START - 2
    assert ("events", 0, "accounts", 1) in layout.tables


class TestAccountEdits:
    def test_a_field_of_an_account_is_written_in_place(self, accounts_store_path: Path) -> None:
        result = apply(
            accounts_store_path, account_edits=(("clash", "b", {"figures": {"killed": 4}}),)
        )
        assert (
            result
            == ACCOUNTS_STORE.replace(
                "figures = { killed = 5 }", "figures = { killed = 4 }"
            ).encode()
        )

    def test_a_new_field_of_an_account_goes_in_that_account_in_the_fields_order(
        self, accounts_store_path: Path
    ) -> None:
        result = apply(accounts_store_path, account_edits=(("clash", "a", {"location": "Aravus"}),))
        old = 'source = "a"\nquotes'
        new = 'source = "a"\nlocation = "Aravus"\nquotes'
        assert result == ACCOUNTS_STORE.replace(old, new).encode()

    def test_a_field_of_an_account_is_dropped(self, accounts_store_path: Path) -> None:
        result = apply(accounts_store_path, account_edits=(("clash", "b", {"note": None}),))
        assert result == ACCOUNTS_STORE.replace('note = "B counts one fewer."\n', "").encode()

    def test_an_account_of_a_new_source_follows_the_events_last_line(
        self, accounts_store_path: Path
    ) -> None:
        fields = {"date": "2023-05-24", "quotes": ["Talks were held on 25 May"]}
        edits = (("talks", {"sources": ["a", "b"]}),)
        result = apply(accounts_store_path, account_edits=(("talks", "a", fields),), edits=edits)
        added = (
            '\n[[events.accounts]]\nsource = "a"\ndate = "2023-05-24"\n'
            'quotes = [\n    "Talks were held on 25 May",\n]\n'
        )
        assert result == (ACCOUNTS_STORE + added).encode()
        talks = next(e for e in StoreFile(accounts_store_path).read().events if e.id == "talks")
        assert [a.source for a in talks.accounts] == ["b", "a"]

    def test_an_account_is_removed_with_its_lines(self, accounts_store_path: Path) -> None:
        second = CLASH[CLASH.rindex("[[events.accounts]]") :]
        result = apply(accounts_store_path, account_edits=(("clash", "b", None),))
        assert result == ACCOUNTS_STORE.replace("\n" + second, "\n").encode()

    def test_an_account_that_breaks_the_store_is_refused_with_checks_error(
        self, accounts_store_path: Path
    ) -> None:
        assert refused(
            accounts_store_path, account_edits=(("clash", "b", {"quotes": ["not in b"]}),)
        ) == [
            "STORE:44: event clash: accounts[2].quotes: quote 1 is not in the text of its source (b)"
        ]
        assert refused(accounts_store_path, account_edits=(("talks", "c", {"note": "x"}),)) == [
            "STORE: event talks: accounts[2].source: unknown source 'c'"
        ]

    def test_removing_an_account_the_event_lacks_is_refused(
        self, accounts_store_path: Path
    ) -> None:
        assert refused(accounts_store_path, account_edits=(("talks", "a", None),)) == [
            "STORE: event talks: it has no account of source 'a'"
        ]

    def test_accounts_written_inline_are_not_rewritten(
        self, write_store: Callable[[str], Path]
    ) -> None:
        text = SMALL_STORE.replace(
            'id = "truce"', 'id = "truce"\naccounts = [{ source = "report", note = "n" }]'
        )
        path = write_store(text)
        assert refused(path, account_edits=(("truce", "report", {"note": "m"}),)) == [
            "STORE: event truce: its accounts are written inline: change its text instead"
        ]


def test_an_account_of_an_event_in_an_inline_array_is_refused_in_words(
    write_store: Callable[[str], Path],
) -> None:
    inline = 'events = [{ id = "x", date = "2021", title = "X", type = "battle" }]\n\n'
    text = inline + SMALL_STORE.split("[[events]]")[0]
    assert refused(write_store(text), account_edits=(("x", "report", {}),)) == [
        "STORE: event x: it is an inline table: add the account to its text instead"
    ]
