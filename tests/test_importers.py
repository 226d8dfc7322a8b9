"""`timeline import`: ACLED, UCDP GED and any CSV, read from sample files built from the
codebooks' column lists (tests/data), filed through one validated write."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from timeline.importers import Cells, Options, by_name, read_day, recognise
from timeline.model import Coordinates, Figure
from timeline.store import TYPE_PALETTE, load

DATA = Path(__file__).parent / "data"
Run = Callable[..., Result]


@pytest.fixture
def store(run: Run, tmp_path: Path) -> Path:
    assert run("init", "s.toml", "--title", "Imports").exit_code == 0
    for name in ("acled-sample.csv", "ged-sample.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path / "s.toml"


def test_the_profile_is_recognised_from_the_header() -> None:
    acled = (DATA / "acled-sample.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    ged = (DATA / "ged-sample.csv").read_text(encoding="utf-8").splitlines()[0]
    assert recognise(acled.split(",")).name == "acled"  # type: ignore[union-attr]
    assert recognise(ged.split(",")).name == "ged"  # type: ignore[union-attr]
    assert recognise(["Date", "Headline"]) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2023-09-19", "2023-09-19"),
        ("2023-09-19 00:00:00.000", "2023-09-19"),
        ("19-09-2023", "2023-09-19"),
        ("19 September 2023", "2023-09-19"),
        ("31-02-2023", None),
        ("yesterday", None),
    ],
)
def test_dataset_days(text: str, day: str | None) -> None:
    found = read_day(text)
    assert (found.isoformat() if found else None) == day


def test_acled_rows_true_to_the_codebook(store: Path, run: Run) -> None:
    result = run("--store", str(store), "import", "acled-sample.csv")
    assert (result.exit_code, result.stderr) == (
        0,
        "timeline: acled-sample.csv: 3 rows: 3 added, 0 updated, 0 unchanged\n",
    )
    events = {event.ref: event for event in load(store).events}
    day, week, month = events["acled:XYZ1"], events["acled:XYZ2"], events["acled:XYZ3"]
    assert day.date_text == "2023-09-19"  # time_precision 1: that day
    assert week.date_text == "[2023-09-17..2023-09-23]"  # 2: one of the week's days
    assert month.date_text == "2023-08"  # 3: the month, never its 15th
    assert day.coordinates == Coordinates(39.8177, 46.7528, "exact")
    assert week.coordinates == Coordinates(40.1, -46.25, "near")
    assert month.coordinates == Coordinates(40.18, 44.51, "province")
    assert day.figures == (Figure("killed", best=4),) and week.figures == ()
    assert day.summary == (
        "On 19 September 2023, the two sides exchanged fire near Hill Town.\n"
        'A second line of notes, quoted "as reported".'
    )
    assert (day.type, day.tags) == ("battles", ("armed-clash", "political-violence"))
    assert day.location == "Hill Town, East District, Upper Province, Northland"
    store_read = load(store)
    assert [store_read.actors[a].name for a in day.actors] == [
        "Military Forces of Northland (2018-)",
        "Southland Volunteer Corps",
        "Militia of the Hills",
        "Village Guard",
    ]
    assert store_read.actors[day.actors[0]].kind == "State forces"
    assert "civilian-targeting" in week.tags


@pytest.mark.parametrize(
    ("event_date", "time_precision", "date_text"),
    [
        ("2023-08-15", "3", "2023-08"),  # the month's middle: only a marker
        ("2023-08-16", "3", "2023-08"),
        ("2023-08-01", "3", "early 2023-08"),  # its first day: the beginning was said
        ("2023-08-31", "3", "late 2023-08"),  # its last day: the end was said
        ("2023-02-28", "3", "late 2023-02"),
        ("2024-02-28", "3", "2024-02"),  # a leap year's February ends on the 29th
        ("2024-02-29", "3", "late 2024-02"),
        ("2023-08-01", "1", "2023-08-01"),
        ("2023-08-01", "2", "[2023-07-29..2023-08-04]"),
    ],
)
def test_acled_dates_as_the_codebook_records_them(
    event_date: str, time_precision: str, date_text: str
) -> None:
    """time_precision 3 is recorded at the month's middle, "unless the beginning or end of
    the month is noted (in which case, the first and last date are used, respectively)"."""
    row = {
        "event_id_cnty": "XYZ9",
        "event_date": event_date,
        "time_precision": time_precision,
        "event_type": "Protests",
        "actor1": "Protesters",
        "latitude": "40.18",
        "longitude": "44.51",
    }
    imported = by_name("acled").read_row(Cells(row), Options())
    assert imported.fields["date"] == date_text


def test_a_dry_run_names_the_events_it_would_add(store: Path, run: Run) -> None:
    """--dry-run lists the ids of the events it would add, as it lists those it would
    update, and writes nothing."""
    before = store.read_bytes()
    dry = run("--store", str(store), "import", "acled-sample.csv", "--dry-run")
    assert (dry.exit_code, dry.stderr.splitlines()) == (
        0,
        [
            "timeline: acled-sample.csv: 3 rows: 3 would be added, 0 would be updated, 0 unchanged",
            "timeline: added: acled-xyz1, acled-xyz2, acled-xyz3",
        ],
    )
    assert store.read_bytes() == before


def test_reimporting_adds_nothing_and_a_newer_file_updates(
    store: Path, run: Run, tmp_path: Path
) -> None:
    run("--store", str(store), "import", "acled-sample.csv")
    before = store.read_bytes()
    again = run("--store", str(store), "import", "acled-sample.csv")
    assert again.stderr == "timeline: acled-sample.csv: 3 rows: 0 added, 0 updated, 3 unchanged\n"
    assert store.read_bytes() == before
    newer = tmp_path / "acled-newer.csv"
    text = (tmp_path / "acled-sample.csv").read_text(encoding="utf-8-sig")
    lines = text.split("\n")  # read_text reads the CRLF line ends as \n
    newer_text = "\n".join(line for line in lines if not line.startswith("XYZ3"))
    newer.write_text(newer_text.replace('as reported"".",4,', 'as reported"".",7,'), "utf-8")
    dry = run("--store", str(store), "import", str(newer), "--dry-run")
    assert dry.stderr.splitlines() == [
        f"timeline: {newer}: 2 rows: 0 would be added, 1 would be updated, 1 unchanged",
        "timeline: updated: acled-xyz1",
        "timeline: 1 event of acled that the file no longer has: kept (--prune removes them): "
        "acled-xyz3",
    ]
    assert store.read_bytes() == before
    drafts = run("--store", str(store), "import", str(newer), "-o", "drafts.toml")
    assert drafts.stderr.splitlines()[-1] == (
        f"timeline: 1 row would update events of {store}: drafts hold new events only; "
        "import the file into the store to update them"
    )
    pruned = run("--store", str(store), "import", str(newer), "--prune")
    assert pruned.exit_code == 0
    assert pruned.stderr.splitlines()[-1] == (
        "timeline: 1 event of acled that the file no longer has: removed: acled-xyz3"
    )
    events = {event.ref: event for event in load(store).events}
    assert set(events) == {"acled:XYZ1", "acled:XYZ2"}
    assert events["acled:XYZ1"].figures == (Figure("killed", best=7),)


def test_a_bad_row_writes_nothing_unless_skipped(store: Path, run: Run, tmp_path: Path) -> None:
    text = (tmp_path / "acled-sample.csv").read_text(encoding="utf-8-sig")
    bad = text.replace("15-08-2023", "31-02-2023").replace(
        "Shelling reported during the week.,,", "Shelling reported during the week.,many,"
    )
    (tmp_path / "bad.csv").write_text(bad, encoding="utf-8")
    before = store.read_bytes()
    result = run("--store", str(store), "import", "bad.csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "timeline: bad.csv:4: row 3, column fatalities: 'many' is not a count (a whole number, 0 or more)",
        "timeline: bad.csv:5: row 4, column event_date: '31-02-2023': February 2023 has no day 31",
        "timeline: bad.csv: nothing imported: fix these rows, or give --skip-bad-rows to leave them out",
    ]
    assert store.read_bytes() == before
    skipped = run("--store", str(store), "import", "bad.csv", "--skip-bad-rows")
    assert skipped.exit_code == 0
    assert skipped.stderr.splitlines()[-1] == (
        "timeline: bad.csv: 3 rows (2 skipped): 1 added, 0 updated, 0 unchanged"
    )
    assert [e.ref for e in load(store).events] == ["acled:XYZ1"]


def test_imported_types_take_colours_no_type_has(store: Path, run: Run) -> None:
    """A store made by init has the palette's first seven colours: the types an import
    declares take the next ones, so check finds no two types alike."""
    assert run("--store", str(store), "import", "acled-sample.csv").exit_code == 0
    colours = {t.id: t.color for t in load(store).types.values()}
    assert list(colours.values()) == list(TYPE_PALETTE[:10])
    assert [colours[t] for t in ("battles", "explosions-remote-violence", "protests")] == [
        "#882255",
        "#999933",
        "#aa4499",
    ]
    checked = run("--store", str(store), "check")
    assert checked.exit_code == 0
    assert "colour" not in checked.stdout + checked.stderr
    # Its warnings are the two outlets' that ACLED cites: they have neither a url nor a
    # file (ACLED itself has its address).
    assert checked.stdout.endswith("3 events, 0 errors, 2 warnings\n")


def test_when_every_colour_is_taken_they_are_taken_again(
    run: Run, tmp_path: Path, write_store: Callable[..., Path]
) -> None:
    """Colours are compared as check compares them ("#D55E00" is "#d55e00"); when the
    store's types have every colour of the palette, new types take them again from the
    first, and check warns of each pair."""
    types = "".join(
        f'[types.t{n}]\ncolor = "{colour.upper()}"\n\n' for n, colour in enumerate(TYPE_PALETTE)
    )
    path = write_store(f'[timeline]\ntitle = "Full"\n\n{types}', "full.toml")
    shutil.copy(DATA / "acled-sample.csv", tmp_path / "acled-sample.csv")
    assert run("--store", str(path), "import", "acled-sample.csv").exit_code == 0
    colours = {t.id: t.color for t in load(path).types.values()}
    assert [colours[t] for t in ("battles", "explosions-remote-violence", "protests")] == list(
        TYPE_PALETTE[:3]
    )
    warned = [
        line for line in run("--store", str(path), "check").stdout.splitlines() if "alike" in line
    ]
    assert [line.split(": ", 1)[1] for line in warned] == [
        "types.battles.color: warning: '#d55e00' is also the colour of type 't0': their "
        "events look alike",
        "types.explosions-remote-violence.color: warning: '#009e73' is also the colour of type "
        "'t1': their events look alike",
        "types.protests.color: warning: '#56b4e9' is also the colour of type 't2': their events "
        "look alike",
    ]


def test_ged_rows(store: Path, run: Run) -> None:
    assert run("--store", str(store), "import", "ged-sample.csv").exit_code == 0
    events = {event.ref: event for event in load(store).events}
    one, week = events["ucdp:900001"], events["ucdp:900002"]
    assert one.date_text == "2023-09-19"  # date_start = date_end: that day
    assert week.date_text == "[2023-09-20..2023-09-26]"  # one of these days, not a period
    assert one.figures == (Figure("killed", low=3, best=3, high=5),)
    assert one.coordinates == Coordinates(39.5, 46.5, "exact")
    assert week.coordinates == Coordinates(40.0, 46.0, "province")
    assert one.location.startswith("Ridge village (near the pass)")  # no-break space read
    assert "deaths_a: 2; deaths_b: 1" in one.note and "date_prec: 1" in one.note
    assert "Local Radio" in one.note  # the multi-line source_article, whole
    # conflict_name is a tag as ACLED's categories are: its words, lower case, hyphenated
    assert (one.tags, week.tags) == (("northland-hills",), ("hill-front-civilians",))


def test_ged_tags_of_an_earlier_import_are_updated(store: Path, run: Run) -> None:
    """A store whose GED events have the conflict names as they were written (as imports
    made them before tags followed ACLED's rule) is updated by a re-import: each event's tags,
    and nothing else, reported as updates; a further import finds nothing to do."""
    assert run("--store", str(store), "import", "ged-sample.csv").exit_code == 0
    now = store.read_text(encoding="utf-8")
    assert now.count('tags = [\n    "northland-hills",\n]\n') == 1
    assert now.count('tags = [\n    "hill-front-civilians",\n]\n') == 1
    earlier = now.replace('"northland-hills"', '"Northland: Hills"').replace(
        '"hill-front-civilians"', '"Hill Front - Civilians"'
    )
    store.write_text(earlier, encoding="utf-8")
    dry = run("--store", str(store), "import", "ged-sample.csv", "--dry-run")
    assert dry.stderr.splitlines() == [
        "timeline: ged-sample.csv: 2 rows: 0 would be added, 2 would be updated, 0 unchanged",
        "timeline: updated: ucdp-900001, ucdp-900002",
    ]
    again = run("--store", str(store), "import", "ged-sample.csv")
    assert again.stderr == "timeline: ged-sample.csv: 2 rows: 0 added, 2 updated, 0 unchanged\n"
    # the tags are written in place, on one line; every other byte stays
    assert store.read_text(encoding="utf-8") == now.replace(
        'tags = [\n    "northland-hills",\n]', 'tags = ["northland-hills"]'
    ).replace('tags = [\n    "hill-front-civilians",\n]', 'tags = ["hill-front-civilians"]')
    last = run("--store", str(store), "import", "ged-sample.csv")
    assert last.stderr == "timeline: ged-sample.csv: 2 rows: 0 added, 0 updated, 2 unchanged\n"


def test_any_csv_with_a_map(store: Path, run: Run, tmp_path: Path) -> None:
    (tmp_path / "data.tsv").write_text(
        "Date\tHeadline\tWho\tDead\n2023\tA year of fighting\tNorth; South\t\n"
        "Sept 2023\tA month\tNorth\t12\n2023-09-20\tA day\t\t\n",
        encoding="utf-8",
    )
    arguments = ["import", "data.tsv", "--profile", "csv", "--map", "date=Date"]
    arguments += ["--map", "title=Headline", "--map", "actors=Who", "--map", "killed=Dead"]
    result = run("--store", str(store), *arguments)
    assert result.exit_code == 0, result.stderr
    events = list(load(store).events)
    assert [(e.date_text, e.title) for e in events] == [
        ("2023", "A year of fighting"),
        ("2023-09", "A month"),
        ("2023-09-20", "A day"),
    ]
    assert events[1].figures == (Figure("killed", best=12),)
    assert all(e.ref.startswith("data:") for e in events)
    # Without a ref column the ref is a digest of the date and title; the id is made from
    # them, as `add` makes one, to be typed
    assert [e.id for e in events] == [
        "2023-a-year-of-fighting",
        "2023-09-a-month",
        "2023-09-20-a-day",
    ]
    again = run("--store", str(store), *arguments)
    assert again.stderr.endswith("0 added, 0 updated, 3 unchanged\n")
    wrong = run(
        "--store", str(store), *arguments[:4], "--map", "date=Dat", "--map", "title=Headline"
    )
    assert wrong.exit_code == 2
    assert "--map date=Dat: data.tsv has no column 'Dat' (did you mean 'Date'?)" in wrong.stderr


def test_ids_of_rows_without_refs(store: Path, run: Run, tmp_path: Path) -> None:
    """A row without a ref gets an id from its date and title, kept unique as `add` keeps it
    (the first words of a title that an event of the day has: -2). Events imported when such
    ids were made from the ref's digest keep theirs: a re-import finds them by their refs and
    neither renames nor updates them."""
    table = "Date\tHeadline\n2023-09-20\tA day\n2023-09-20\tOne day of many words in a title\n"
    (tmp_path / "data.tsv").write_text(table, encoding="utf-8")
    arguments = ["import", "data.tsv", "--profile", "csv", "--map", "date=Date"]
    arguments += ["--map", "title=Headline"]
    by_hand = ["add", "--date", "2023-09-20", "--title", "One day of many words", "-t", "conflict"]
    assert run("--store", str(store), *by_hand).exit_code == 0
    assert run("--store", str(store), *arguments).exit_code == 0
    events = list(load(store).events)
    assert [e.id for e in events] == [
        "2023-09-20-one-day-of-many-words",
        "2023-09-20-a-day",
        "2023-09-20-one-day-of-many-words-2",
    ]
    # as an earlier import named them: from the digest
    text = store.read_text(encoding="utf-8")
    for event in events[1:]:
        digest_id = event.ref.replace(":", "-")
        text = text.replace(f'id = "{event.id}"\n', f'id = "{digest_id}"\n')
    store.write_text(text, encoding="utf-8")
    again = run("--store", str(store), *arguments)
    assert again.stderr == "timeline: data.tsv: 2 rows: 0 added, 0 updated, 2 unchanged\n"
    assert store.read_text(encoding="utf-8") == text
    assert [e.id for e in load(store).events][1:] == [e.ref.replace(":", "-") for e in events[1:]]


def test_a_newer_file_of_a_dataset_under_another_name(
    store: Path, run: Run, tmp_path: Path
) -> None:
    """--dataset names the dataset whatever the file is called: a renamed newer export is
    matched to the events the first one made."""
    table = "Date\tHeadline\n2023\tA year of fighting\n2023-09-20\tA day\n"
    (tmp_path / "2023-10.tsv").write_text(table, encoding="utf-8")
    (tmp_path / "2023-11.tsv").write_text(table, encoding="utf-8")
    arguments = ["--profile", "csv", "--map", "date=Date", "--map", "title=Headline"]
    first = run("--store", str(store), "import", "2023-10.tsv", "--dataset", "Battles", *arguments)
    assert first.exit_code == 0, first.stderr
    assert all(e.ref.startswith("battles:") for e in load(store).events)
    newer = run("--store", str(store), "import", "2023-11.tsv", "--dataset", "Battles", *arguments)
    assert newer.stderr.endswith("0 added, 0 updated, 2 unchanged\n")
    acled = run("--store", str(store), "import", "acled-sample.csv", "--dataset", "x")
    assert (acled.exit_code, acled.stderr.splitlines()[0]) == (
        2,
        "timeline: --dataset goes with --profile csv (acled is itself one)",
    )


def test_drafts_then_add_from(store: Path, run: Run, tmp_path: Path) -> None:
    result = run("--store", str(store), "import", "acled-sample.csv", "-o", "drafts.toml")
    assert result.exit_code == 0 and len(load(store).events) == 0
    added = run("--store", str(store), "add", "--from", "drafts.toml")
    assert added.exit_code == 0, added.stderr
    # ACLED's three event types are new to the store: declared with the events, and said
    assert added.stderr == f"timeline: added 3 events, 5 actors, 3 sources and 3 types to {store}\n"
    assert len(load(store).events) == 3
    again = run("--store", str(store), "import", "acled-sample.csv")
    assert again.stderr.endswith("0 added, 0 updated, 3 unchanged\n")


def test_drafts_of_one_row_are_counted_in_the_singular(
    store: Path, run: Run, tmp_path: Path
) -> None:
    lines = (tmp_path / "acled-sample.csv").read_text(encoding="utf-8-sig").split("\n")
    one = "\n".join(line for line in lines if line.startswith(("event_", "XYZ2")))
    (tmp_path / "one.csv").write_text(one, encoding="utf-8")
    result = run("--store", str(store), "import", "one.csv", "-o", "drafts.toml")
    assert (result.exit_code, result.stderr) == (
        0,
        "timeline: wrote 1 draft event to drafts.toml\n",
    )


def test_an_unknown_header_needs_a_profile(store: Path, run: Run, tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    result = run("--store", str(store), "import", "x.csv")
    assert result.exit_code == 2
    assert "its header is not one of a known dataset's" in result.stderr


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ("40.1,", "t.csv:2: row 2, column X: empty, while Y is given"),
        (",44", "t.csv:2: row 2, column Y: empty, while X is given"),
        ("120,44", "t.csv:2: row 2, column Y: '120' is out of range (-90 to 90)"),
        ("45,-200", "t.csv:2: row 2, column X: '-200' is out of range (-180 to 180)"),
    ],
    ids=["no longitude", "no latitude", "a latitude past 90", "a longitude past 180"],
)
def test_mapped_coordinates_are_checked_as_a_point(
    store: Path, run: Run, tmp_path: Path, cells: str, problem: str
) -> None:
    """A mapped latitude or longitude is checked as a dataset's point: half of one is a bad
    row, never dropped, and each takes its own range, whatever its column is called."""
    (tmp_path / "t.csv").write_text(f"When,What,Y,X\n2023-09-20,A day,{cells}\n", "utf-8")
    mapped = ["--map", "date=When", "--map", "title=What", "--map", "latitude=Y"]
    mapped += ["--map", "longitude=X"]
    result = run("--store", str(store), "import", "t.csv", "--profile", "csv", *mapped)
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"timeline: {problem}",
            "timeline: t.csv: nothing imported: fix these rows, or give --skip-bad-rows to "
            "leave them out",
        ],
    )


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("2023-02-30", "'2023-02-30': February 2023 has no day 30"),
        ("31.02.2023", "'31.02.2023': February 2023 has no day 31"),
        ("2023-13", "'2023-13': there is no month 13"),
    ],
)
def test_an_impossible_mapped_date_says_why_as_the_store_does(
    store: Path, run: Run, tmp_path: Path, cell: str, problem: str
) -> None:
    (tmp_path / "t.csv").write_text(f"When,What\n{cell},A day\n", "utf-8")
    mapped = ["--map", "date=When", "--map", "title=What"]
    result = run("--store", str(store), "import", "t.csv", "--profile", "csv", *mapped)
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"timeline: t.csv:2: row 2, column When: {problem}",
            "timeline: t.csv: nothing imported: fix these rows, or give --skip-bad-rows to "
            "leave them out",
        ],
    )


@pytest.mark.parametrize(("given", "other"), [("latitude", "longitude"), ("longitude", "latitude")])
def test_half_a_mapped_point_is_a_usage_error(
    store: Path, run: Run, tmp_path: Path, given: str, other: str
) -> None:
    (tmp_path / "t.csv").write_text("When,What,Y\n2023-09-20,A day,40\n", "utf-8")
    mapped = ["--map", "date=When", "--map", "title=What", "--map", f"{given}=Y"]
    result = run("--store", str(store), "import", "t.csv", "--profile", "csv", *mapped)
    assert (result.exit_code, result.stderr.splitlines()) == (
        2,
        [
            f"timeline: --map {given}=COLUMN needs --map {other}=COLUMN too",
            "Try 'timeline import --help' for help.",
        ],
    )


def test_profiles_by_name() -> None:
    assert by_name("ACLED").name == "acled"
    assert Cells({"a": "1\xa0000"}).text("a") == "1 000"


def _acled_with(tmp_path: Path, change: Callable[[list[list[str]]], None]) -> str:
    """The ACLED sample as rows of cells, changed, written as changed.csv."""
    import csv

    with (DATA / "acled-sample.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with (tmp_path / "changed.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return "changed.csv"


def _without(rows: list[list[str]], column: str) -> None:
    at = rows[0].index(column)
    for row in rows:
        del row[at]


def _cell(rows: list[list[str]], row: int, column: str, value: str) -> None:
    rows[row][rows[0].index(column)] = value


@pytest.mark.parametrize(
    ("change", "problems"),
    [
        (
            lambda rows: (_without(rows, "latitude"), _without(rows, "fatalities")),
            [
                "changed.csv:1: the header has no column latitude, fatalities, which every "
                "such file has: nothing imported"
            ],
        ),
        (
            lambda rows: rows[2].__delitem__(slice(10, None)),
            ["changed.csv:4: row 3: has 10 cells, the header 31", "NOTHING"],
        ),
        (
            lambda rows: rows[1].extend(["", "x"]),
            ["changed.csv:2: row 2: has 33 cells, the header 31", "NOTHING"],
        ),
        (
            lambda rows: _cell(rows, 1, "longitude", ""),
            ["changed.csv:2: row 2, column longitude: empty, while latitude is given", "NOTHING"],
        ),
        (
            lambda rows: _cell(rows, 2, "geo_precision", "9"),
            [
                "changed.csv:4: row 3, column geo_precision: '9' is not one of its codes 1, 2, 3",
                "NOTHING",
            ],
        ),
        (
            lambda rows: _cell(rows, 3, "event_id_cnty", "XYZ1"),
            ["changed.csv:5: row 4: ref 'acled:XYZ1' is row 2's too: one row a record", "NOTHING"],
        ),
    ],
    ids=["missing columns", "a short row", "a long row", "half a point", "a code", "a ref twice"],
)
def test_a_file_that_would_lose_data_is_refused(
    store: Path,
    run: Run,
    tmp_path: Path,
    change: Callable[[list[list[str]]], None],
    problems: list[str],
) -> None:
    """A missing column, a row whose cells cannot be told apart, half a point or a code the
    codebook has not: refused, never read as empty (a newer file would wipe the fields).
    (The sample's row 2 has a note over two lines: row 3 is on line 4.)"""
    assert run("--store", str(store), "import", "acled-sample.csv").exit_code == 0
    before = store.read_bytes()
    result = run("--store", str(store), "import", _acled_with(tmp_path, change))
    nothing = (
        "changed.csv: nothing imported: fix these rows, or give --skip-bad-rows to leave them out"
    )
    assert result.stderr.splitlines() == [
        f"timeline: {nothing if line == 'NOTHING' else line}" for line in problems
    ]
    assert result.exit_code == 1
    assert store.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "arguments", "message", "status"),
    [
        (b"", (), "timeline: empty.csv: empty: no header row, no rows", 1),
        (
            "event_id_cnty,notes\nA,caf\xe9\n".encode("latin-1"),
            (),
            "timeline: empty.csv:2:6: not UTF-8 text (byte 6 of the line): save the file as CSV (UTF-8)",
            1,
        ),
        (
            b"PK\x03\x04rest of a workbook",
            (),
            "timeline: empty.csv: a spreadsheet workbook, not a CSV file: save it as CSV (UTF-8) first",
            1,
        ),
        (
            None,
            ("--profile", "ged"),
            "timeline: empty.csv: its header lacks the columns of UCDP's Georeferenced Event "
            "Dataset (id, date_start, date_end, side_a, …): give the file's own profile, or "
            "leave --profile out to have it recognised",
            2,
        ),
        (
            None,
            ("--dry-run", "-o", "d.toml"),
            "-o writes the new events as drafts, and nothing else: no --dry-run",
            2,
        ),
        (
            None,
            ("--prune", "-o", "d.toml"),
            "-o writes the new events as drafts, and nothing else: no --prune",
            2,
        ),
    ],
    ids=[
        "empty",
        "latin-1",
        "a workbook",
        "another profile",
        "drafts and --dry-run",
        "drafts and --prune",
    ],
)
def test_files_and_options_an_import_cannot_take(
    store: Path,
    run: Run,
    tmp_path: Path,
    content: bytes | None,
    arguments: tuple[str, ...],
    message: str,
    status: int,
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes((DATA / "acled-sample.csv").read_bytes() if content is None else content)
    result = run("--store", str(store), "import", "empty.csv", *arguments)
    assert message in result.stderr.splitlines()[0]
    assert result.exit_code == status
    assert not (tmp_path / "d.toml").exists()


IMPORT_EXAMPLES = """\
    timeline import acled.csv                # an ACLED or a UCDP GED export
    timeline import ged.csv --dry-run        # what would be added or updated
    timeline import acled-newer.csv --prune  # and remove what it no longer has
    timeline import ged.csv -o drafts.toml   # drafts to review, then add --from
    timeline import table.tsv --profile csv --map date=Date --map title=Headline
    timeline import table.csv --profile csv --map date=When --map title=What \\
        --map actors=Who --map ref=Number --dataset battles
"""


def test_the_examples_of_import_help_run(store: Path, run: Run, tmp_path: Path) -> None:
    """`import --help` shows its examples as written, each line within 80 columns; and each
    example does what it says, in turn, in a folder with such files and a store."""
    result = run("import", "--help")
    assert result.exit_code == 0
    assert f"\n\n{IMPORT_EXAMPLES}\n" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    shutil.copy(tmp_path / "acled-sample.csv", tmp_path / "acled.csv")
    shutil.copy(tmp_path / "ged-sample.csv", tmp_path / "ged.csv")
    acled = (tmp_path / "acled.csv").read_text(encoding="utf-8-sig").split("\n")
    newer = "\n".join(line for line in acled if not line.startswith("XYZ3"))
    (tmp_path / "acled-newer.csv").write_text(newer, encoding="utf-8")
    (tmp_path / "table.tsv").write_text("Date\tHeadline\n2023-09-20\tA day\n", encoding="utf-8")
    (tmp_path / "table.csv").write_text(
        "When,What,Who,Number\n2023-09-21,Another day,North; South,7\n", encoding="utf-8"
    )
    commands = IMPORT_EXAMPLES.replace("\\\n", "").splitlines()
    said = []
    for command in commands:
        words = command.split("#")[0].split()
        assert words[:2] == ["timeline", "import"]
        done = run(*words[1:], env={"TIMELINE_STORE": str(store)})
        assert done.exit_code == 0, (command, done.stderr)
        said.append(done.stderr.splitlines()[0])
    assert said == [
        "timeline: acled.csv: 3 rows: 3 added, 0 updated, 0 unchanged",
        "timeline: ged.csv: 2 rows: 2 would be added, 0 would be updated, 0 unchanged",
        "timeline: acled-newer.csv: 2 rows: 0 added, 0 updated, 2 unchanged",
        "timeline: wrote 2 draft events to drafts.toml",
        "timeline: table.tsv: 1 row: 1 added, 0 updated, 0 unchanged",
        "timeline: table.csv: 1 row: 1 added, 0 updated, 0 unchanged",
    ]
    events = {event.ref: event for event in load(store).events}
    assert "acled:XYZ3" not in events and "acled:XYZ1" in events  # pruned
    assert (events["battles:7"].id, events["battles:7"].title) == ("battles-7", "Another day")
    assert (tmp_path / "drafts.toml").exists()
