"""`check`: every problem of a store, errors and warnings told apart, with a summary."""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import ACCOUNTS_STORE, SMALL_STORE
from timeline.store import BUNDLED_STORE, Report, StoreFile, audit, schema


def check(path: Path) -> Report:
    return StoreFile(path).check()


def test_the_bundled_store_is_clean() -> None:
    report = check(BUNDLED_STORE)
    assert report.problems == []
    assert report.summary == f"{BUNDLED_STORE}: 10 events, 0 errors, 0 warnings"


def test_finds_what_loading_does_not(write_store: Callable[..., Path]) -> None:
    write_store("Both sides sign today.\n", "report.txt")
    text = (
        SMALL_STORE.replace('url = "https://example.org/report"', 'file = "report.txt"')
        .replace(
            'quotes = ["We sign a treaty today."]',
            'quotes = ["Both  sides\\nsign today.", "Made up."]',
        )
        .replace('sources = ["report"]\ntags = ["border"]', 'tags = ["border"]')
        + '\n[types.unused]\ncolor = "blue"\n\n[actors.nobody]\nname = "Nobody"\n'
    )
    path = write_store(text)
    report = check(path)
    lines = [str(problem) for problem in report.problems]
    assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: ", line) for line in lines)
    assert [line.split(": ", 1)[1] for line in lines] == [
        "event truce: quotes: quote 2 is not in the text of its source (report)",
        "event clash: sources: warning: cites no source",
        "actors.nobody: warning: actor 'nobody' is declared but no event uses it",
    ]
    assert report.summary == f"{path}: 4 events, 1 error, 2 warnings"
    assert report.errors == 1


def test_schema_errors_and_a_missing_source_file(write_store: Callable[..., Path]) -> None:
    text = SMALL_STORE.replace('url = "https://example.org/report"', 'file = "gone.txt"')
    path = write_store(text.replace('type = "talks"', 'type = "talk"', 1))
    lines = [str(problem) for problem in check(path).problems]
    assert any(line.endswith("sources.report.file: 'gone.txt' no such file") for line in lines)
    assert any("event truce: type: unknown type 'talk'" in line for line in lines)


def test_a_file_that_is_not_toml_is_one_error(write_store: Callable[..., Path]) -> None:
    path = write_store("[timeline\n")
    report = check(path)
    assert [str(p) for p in report.problems] == [
        f"{path}:1:10: TOML syntax: expected ']' at the end of a table declaration"
    ]
    assert report.summary == f"{path}: 0 events, 1 error, 0 warnings"


def test_each_part_of_cycle_is_one_error_where_it_closes(write_store: Callable[..., Path]) -> None:
    text = SMALL_STORE.replace(
        '[actors.south]\nname = "Southland"\n',
        '[actors.south]\nname = "Southland"\npart_of = ["leader"]\n',
    ).replace(
        'kind = "state"\naliases = ["Capital City"]',
        'kind = "state"\naliases = ["Capital City"]\npart_of = ["north", "south"]',
    )
    path = write_store(text)
    lines = text.splitlines()
    north = lines.index('part_of = ["north", "south"]') + 1
    leader = lines.index('part_of = ["north"]') + 1
    assert [str(p).replace(str(path), "STORE") for p in check(path).problems] == [
        f"STORE:{north}:12: actors.north.part_of: makes a cycle: north → north",
        f"STORE:{leader}:12: actors.leader.part_of: makes a cycle: leader → north → south → leader",
    ]


def test_a_long_chain_of_part_of_is_no_cycle(write_store: Callable[..., Path]) -> None:
    chain = "".join(
        f'[actors.a{n}]\nname = "A{n}"\npart_of = ["a{n + 1}"]\n\n' for n in range(3000)
    )
    text = SMALL_STORE.replace(
        "[actors.north]", chain + '[actors.a3000]\nname = "End"\n\n[actors.north]'
    )
    text = text.replace('actors = ["south"]', 'actors = ["south", "a0"]')
    assert check(write_store(text)).problems == []


def test_a_sources_sha256_is_checked_against_its_file(write_store: Callable[..., Path]) -> None:
    write_store("We sign a treaty today.\n", "report.txt")
    digest = hashlib.sha256(b"We sign a treaty today.\n").hexdigest()
    text = SMALL_STORE.replace(
        'url = "https://example.org/report"', f'file = "report.txt"\nsha256 = "{digest}"'
    )
    path = write_store(text)
    assert check(path).problems == []
    write_store("We sign a treaty today.\n\n", "report.txt")
    now = hashlib.sha256(b"We sign a treaty today.\n\n").hexdigest()
    line = text.splitlines().index(f'sha256 = "{digest}"') + 1
    assert [str(p) for p in check(path).problems] == [
        f"{path}:{line}:1: sources.report.sha256: warning: the file 'report.txt' has changed "
        f"since its sha256 was recorded (it is now {now})"
    ]


def test_a_sha256_must_be_64_lowercase_hex_digits(write_store: Callable[..., Path]) -> None:
    write_store("We sign a treaty today.\n", "report.txt")
    upper = hashlib.sha256(b"We sign a treaty today.\n").hexdigest().upper()
    text = SMALL_STORE.replace(
        'url = "https://example.org/report"', f'file = "report.txt"\nsha256 = "{upper}"'
    )
    path = write_store(text)
    line = text.splitlines().index(f'sha256 = "{upper}"') + 1
    assert [str(p) for p in check(path).problems] == [
        f"{path}:{line}:1: sources.report.sha256: '{upper}' is not a sha256 digest "
        "(64 hexadecimal digits, 0-9 a-f)"
    ]


# The truce again (its title in other case, accents and spacing), the truce's quote in a
# month that holds its day, and the same quote for another month: one sentence, two dates.
DUPLICATES = """
[[events]]
id = "truce-again"
date = "2021-03-05"
title = "A  TRUCE is sígned"
type = "talks"
sources = ["report"]

[[events]]
id = "signing"
date = "2021-03"
title = "Signing"
type = "talks"
sources = ["report"]
quotes = ["We sign a\\ntreaty today."]

[[events]]
id = "signing-in-april"
date = "2021-04"
title = "Signing again"
type = "talks"
sources = ["report"]
quotes = ["We sign a treaty today."]
"""


def test_likely_duplicates_are_warned_about_at_the_later_event(
    write_store: Callable[..., Path],
) -> None:
    path = write_store(SMALL_STORE + DUPLICATES)
    lines = [str(problem) for problem in check(path).problems]
    start = SMALL_STORE.count("\n") + 2  # the line of the first [[events]] added
    assert lines == [
        f"{path}:{start}:1: event truce-again: warning: likely duplicate of event truce "
        "(same date and title)",
        f"{path}:{start + 7}:1: event signing: warning: likely duplicate of event truce "
        "(same source report and quote)",
    ]
    assert check(path).summary == f"{path}: 7 events, 0 errors, 2 warnings"


def test_every_pair_of_duplicates_is_one_warning(write_store: Callable[..., Path]) -> None:
    copy = '\n[[events]]\nid = "{}"\ndate = "2021"\ntitle = "Same"\ntype = "talks"\n'
    path = write_store(SMALL_STORE + "".join(copy.format(name) for name in "abc"))
    messages = [(p.event, p.message) for p in check(path).problems if p.severity == "warning"]
    duplicates = [(event, message) for event, message in messages if "duplicate" in message]
    assert duplicates == [
        ("b", "likely duplicate of event a (same date and title)"),
        ("c", "likely duplicate of event a (same date and title)"),
        ("c", "likely duplicate of event b (same date and title)"),
    ]


def test_duplicates_are_found_in_a_store_with_errors(write_store: Callable[..., Path]) -> None:
    path = write_store(SMALL_STORE + DUPLICATES.replace('type = "talks"', 'type = "nope"', 1))
    report = check(path)
    assert report.errors == 1
    assert "likely duplicate of event truce (same date and title)" in [
        problem.message for problem in report.problems
    ]


def test_types_that_share_a_colour_are_a_warning(write_store: Callable[..., Path]) -> None:
    """Colours are compared as the terminal reads them: hex in any case, and a name and its
    number, are one colour; the later type is warned about, once per earlier one it repeats."""
    declared = (
        '[types.talks]\ncolor = "#D55E00"\n\n[types.riot]\ncolor = "#d55e00"\n\n'
        '[types.march]\ncolor = "color(1)"\n\n[types.parade]\ncolor = "bright_red"\n'
    )
    text = SMALL_STORE.replace('[types.talks]\ncolor = "cyan"\n', declared)
    path = write_store(text)
    lines = text.splitlines()
    riot = lines.index('color = "#d55e00"') + 1
    march = lines.index('color = "color(1)"') + 1
    assert [str(p) for p in check(path).problems] == [
        f"{path}:{riot}:1: types.riot.color: warning: '#d55e00' is also the colour of type "
        "'talks': their events look alike",
        f"{path}:{march}:1: types.march.color: warning: 'color(1)' is also the colour of type "
        "'battle': their events look alike",
    ]


def test_the_bundled_and_the_default_types_have_distinct_colours() -> None:
    """Every type of the bundled store has its own colour, the one `init` gives that type."""
    from timeline.store import DEFAULT_TYPES

    bundled = tomllib.loads(BUNDLED_STORE.read_text(encoding="utf-8"))["types"]
    colours = {type_id: declared["color"] for type_id, declared in bundled.items()}
    assert colours == {t.id: t.color for t in DEFAULT_TYPES}
    assert len({colour.lower() for colour in colours.values()}) == len(colours)
    assert audit.shared_colors(bundled) == []


def test_declared_ids_that_differ_only_in_case_are_an_error(
    write_store: Callable[..., Path],
) -> None:
    text = SMALL_STORE.replace("[types.talks]", '[types.Battle]\ncolor = "blue"\n\n[types.talks]')
    path = write_store(text)
    line = text.splitlines().index("[types.Battle]") + 1
    assert [str(p) for p in check(path).problems] == [
        f"{path}:{line}:1: types.Battle: differs from 'battle' only in case",
    ]


BREAKS = [
    ('type = "talks"', 'type = "TALK"'),
    ('date = "late 2021-05"', 'date = "2021-02-30"'),
    ('actors = ["north"]', 'actors = ["norht"]'),
    ('title = "Talks in March"', "title = 3"),
    ('[actors.south]\nname = "Southland"', '[actors.south]\nname = "Southland"\nrank = 1'),
    ('summary = "Both sides sign."', 'summary = """Both sides\n[sign]."""\nnote = 1'),
    ('[[events]]\nid = "war"', '[[events]]\nid = "war"\nid2 = 1'),
]


@given(st.sets(st.sampled_from(range(len(BREAKS)))))
def test_problems_are_placed_alike_scanning_parts_or_the_whole(broken: set[int]) -> None:
    """Placing problems by scanning only the parts that hold them gives the lines and columns
    a scan of the whole text gives."""
    text = SMALL_STORE
    for index in sorted(broken):
        text = text.replace(*BREAKS[index])
    document = tomllib.loads(text)
    _, findings = schema.analyse(document, Path("s.toml"))
    findings += audit.audit(document, Path("s.toml"))
    events = len(document["events"])
    assert schema.place(findings, text, Path("s.toml"), events=events) == schema.place(
        findings, text, Path("s.toml")
    )


def test_an_account_with_contested_fields_is_information(accounts_store_path: Path) -> None:
    report = check(accounts_store_path)
    line = ACCOUNTS_STORE.splitlines().index('id = "clash"')  # its [[events]] header's line
    assert [str(p) for p in report.problems] == [
        f"{accounts_store_path}:{line}:1: event clash: info: "
        "contested: date, actors, figures.killed"
    ]
    assert report.errors == report.warnings == 0
    assert (
        report.summary
        == f"{accounts_store_path}: 2 events, 0 errors, 0 warnings, 1 contested event"
    )


def test_an_accounts_quote_must_be_in_its_own_sources_file(accounts_store_path: Path) -> None:
    """ "five soldiers died" is in b.txt: given as a's words, it is an error though the event
    cites b too."""
    text = ACCOUNTS_STORE.replace(
        'quotes = ["Six soldiers were killed near Aravus"]', 'quotes = ["five soldiers died"]'
    )
    accounts_store_path.write_text(text, encoding="utf-8")
    line = text.splitlines().index('quotes = ["five soldiers died"]') + 1
    report = check(accounts_store_path)
    assert [str(p) for p in report.problems if p.severity == "error"] == [
        f"{accounts_store_path}:{line}:11: event clash: accounts[1].quotes: "
        "quote 1 is not in the text of its source (a)"
    ]


def test_an_events_own_quotes_may_come_from_any_of_its_sources(
    accounts_store_path: Path,
) -> None:
    text = ACCOUNTS_STORE.replace(
        'sources = ["a", "b"]\nfigures',
        'sources = ["a", "b"]\nquotes = ["five soldiers died", "Six soldiers"]\nfigures',
    )
    accounts_store_path.write_text(text, encoding="utf-8")
    assert check(accounts_store_path).errors == 0


def test_a_source_with_neither_url_nor_file_is_a_warning(accounts_store_path: Path) -> None:
    text = ACCOUNTS_STORE.replace('file = "a.txt"\n', "")
    accounts_store_path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("[sources.a]") + 1
    report = check(accounts_store_path)
    assert [str(p) for p in report.problems if p.severity == "warning"] == [
        f"{accounts_store_path}:{line}:1: sources.a: warning: "
        "has neither a url nor a file: a reader cannot find it"
    ]


def test_an_added_event_whose_account_quotes_another_source_is_refused(
    accounts_store_path: Path,
) -> None:
    """The write's own path (the store cached, only the new event checked) finds it too."""
    from timeline.errors import StoreError
    from timeline.store import Change

    store_file = StoreFile(accounts_store_path)
    store_file.read()  # cached
    event = {
        "date": "2023-10-01",
        "title": "Another clash",
        "type": "incident",
        "sources": ["a", "b"],
        "accounts": [{"source": "a", "quotes": ["five soldiers died"]}],
    }
    before = accounts_store_path.read_bytes()
    try:
        store_file.apply(Change(events=(event,)))
    except StoreError as error:
        lines = [p.what for p in error.problems]
    else:
        lines = []
    assert lines == [
        "event 2023-10-01-another-clash: accounts[1].quotes: "
        "quote 1 is not in the text of its source (a)"
    ]
    assert accounts_store_path.read_bytes() == before


def test_the_only_printable_white_space_is_the_space() -> None:
    """What audit.normalise's quick look rests on: of the characters str.split() splits at,
    only the space is printable."""
    splitting = [chr(c) for c in range(sys.maxunicode + 1) if len(f"a{chr(c)}b".split()) == 2]
    assert [char for char in splitting if char.isprintable()] == [" "]


@given(st.text(st.sampled_from(" \t\n\r\x1c\x85\u00a0\u2028\u3000ab")) | st.text())
def test_white_space_is_set_aside_as_splitting_and_joining_does(text: str) -> None:
    assert audit.normalise(text) == " ".join(text.split())
