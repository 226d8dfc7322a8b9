"""`timeline edit` and `timeline rm`: an event changed in the editor or with options, events
removed; what they do not change stays byte for byte, and what they refuse leaves the file as
it was."""

from __future__ import annotations

import json
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import ACCOUNTS_STORE, REPO, SMALL_STORE, TRUCE

# An editor for the tests: each run takes the next step of a script (replace a text, write
# a text, run a command, fail) and logs the text it was given.
FAKE_EDITOR = """\
import json, subprocess, sys
from pathlib import Path
script = Path(sys.argv[1])
steps = json.loads(script.read_text())
path = Path(sys.argv[2])
text = path.read_text()
log = script.with_suffix(".log")
log.write_text(log.read_text() + text + "\\0" if log.exists() else text + "\\0")
step = steps.pop(0)
script.write_text(json.dumps(steps))
for command in step.get("run", []):
    subprocess.run(command, check=True)
if "replace" in step:
    text = text.replace(*step["replace"])
if "write" in step:
    text = step["write"]
path.write_text(text)
sys.exit(step.get("exit", 0))
"""


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "events.toml"
    path.write_text(SMALL_STORE)
    return path


@pytest.fixture
def editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Callable[[], list[str]]]:
    """Set $VISUAL to the fake editor with these steps, at a terminal; returns what gives the
    texts the editor was shown."""

    def with_steps(*steps: dict[str, object]) -> Callable[[], list[str]]:
        program = tmp_path / "editor.py"
        program.write_text(FAKE_EDITOR)
        script = tmp_path / "steps.json"
        script.write_text(json.dumps(list(steps)))
        monkeypatch.setenv("VISUAL", f"{sys.executable} {program} {script}")
        # The editor's scratch files go under the test's folder, not the system's.
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
        monkeypatch.setattr("timeline.cli._interactive", lambda: True)
        log = script.with_suffix(".log")
        return lambda: log.read_text().split("\0")[:-1] if log.exists() else []

    return with_steps


def errors(result: Result, store: Path) -> str:
    return result.stderr.replace(str(store), "STORE")


def test_an_edit_with_options_changes_those_fields_only(
    run: Callable[..., Result], store: Path
) -> None:
    result = run("--store", str(store), "edit", "truce", "--title", "Truce", "--drop", "summary")
    assert (result.exit_code, errors(result, store)) == (
        0,
        "timeline: edited event truce in STORE\n",
    )
    expected = SMALL_STORE.replace(
        'title = "A truce is signed"\nsummary = "Both sides sign."\n', 'title = "Truce"\n'
    )
    assert store.read_text() == expected


def test_a_dry_run_prints_the_event_as_it_would_be(run: Callable[..., Result], store: Path) -> None:
    result = run("--store", str(store), "edit", "truce", "--location", "Bern", "--dry-run")
    assert (result.exit_code, result.stdout) == (0, TRUCE.replace("Geneva", "Bern"))
    assert store.read_text() == SMALL_STORE


def test_an_edit_that_breaks_the_store_is_refused(run: Callable[..., Result], store: Path) -> None:
    result = run("--store", str(store), "edit", "truce", "--date", "2021-02-30")
    assert (result.exit_code, errors(result, store)) == (
        1,
        "timeline: STORE:44: event truce: date: '2021-02-30': February 2021 has no day 30\n",
    )
    assert store.read_text() == SMALL_STORE


@pytest.mark.parametrize(
    ("option", "stderr"),
    [
        (("--type", "party"), "timeline: --type 'party': no such type; known: battle, talks\n"),
        (
            ("--source", "reprot"),
            "timeline: --source 'reprot': no such source (did you mean 'report'?)\n",
        ),
    ],
)
def test_an_undeclared_type_or_source_is_a_usage_error(
    run: Callable[..., Result], store: Path, option: tuple[str, ...], stderr: str
) -> None:
    result = run("--store", str(store), "edit", "truce", *option)
    assert (result.exit_code, result.stderr) == (
        2,
        stderr + "Try 'timeline edit --help' for help.\n",
    )
    assert store.read_text() == SMALL_STORE


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("truse", "--title", "x"), "no event 'truse' (did you mean 'truce'?)"),
        (("truce", "--drop", "title"), "--drop 'title': not a field that can be dropped"),
        (
            ("truce", "--drop", "note", "--note", "x"),
            "--drop note: the field is also given a value",
        ),
        (("truce",), "edit opens an editor, which needs a terminal; without one, give the fields"),
    ],
)
def test_a_wrong_edit_is_a_usage_error(
    run: Callable[..., Result], store: Path, arguments: tuple[str, ...], message: str
) -> None:
    result = run("--store", str(store), "edit", *arguments)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"timeline: {message}")
    assert store.read_text() == SMALL_STORE


def test_the_editor_shows_the_event_and_its_changes_are_saved(
    run: Callable[..., Result], store: Path, editor: Callable[..., Callable[[], list[str]]]
) -> None:
    shown = editor({"replace": ['location = "Geneva"', 'location = "Bern"  # moved']})
    result = run("--store", str(store), "edit", "truce")
    assert (result.exit_code, errors(result, store)) == (
        0,
        "timeline: edited event truce in STORE\n",
    )
    assert shown() == [TRUCE]
    assert store.read_text() == SMALL_STORE.replace(
        'location = "Geneva"', 'location = "Bern"  # moved'
    )


def test_errors_reopen_the_editor_with_them_at_the_top(
    run: Callable[..., Result], store: Path, editor: Callable[..., Callable[[], list[str]]]
) -> None:
    shown = editor(
        {"replace": ['date = "2021-03-05"', 'date = "2021-03-35"']},
        {"replace": ['date = "2021-03-35"', 'date = "2021-03-25"']},
    )
    result = run("--store", str(store), "edit", "truce", input="y\n")
    assert result.exit_code == 0
    assert shown()[1] == (
        "# timeline: this event was not saved: fix what these lines say, then save and quit\n"
        "# timeline: event truce: date: '2021-03-35': March 2021 has no day 35\n"
        "# timeline: (to give up, delete everything and save; these lines are taken off)\n"
        + TRUCE.replace("2021-03-05", "2021-03-35")
    )
    assert store.read_text() == SMALL_STORE.replace("2021-03-05", "2021-03-25")


@pytest.mark.parametrize(
    ("steps", "answer", "message"),
    [
        ([{"replace": ["2021-03-05", "2021-03-35"]}], "n\n", "nothing was changed"),
        ([{"write": ""}], None, "the event was emptied: nothing was changed"),
        ([{"exit": 3}], None, "ended with status 3; nothing was changed"),
    ],
)
def test_giving_up_leaves_the_store_as_it_was(
    run: Callable[..., Result],
    store: Path,
    editor: Callable[..., Callable[[], list[str]]],
    steps: list[dict[str, object]],
    answer: str | None,
    message: str,
) -> None:
    editor(*steps)
    result = run("--store", str(store), "edit", "truce", input=answer)
    assert result.exit_code == 1
    assert result.stderr.rstrip("\n").endswith(message)
    assert store.read_bytes() == SMALL_STORE.encode()


def test_an_unchanged_event_writes_nothing(
    run: Callable[..., Result], store: Path, editor: Callable[..., Callable[[], list[str]]]
) -> None:
    editor({})
    before = store.stat().st_mtime_ns
    result = run("--store", str(store), "edit", "truce")
    assert (result.exit_code, result.stderr) == (0, "timeline: event truce is unchanged\n")
    assert store.stat().st_mtime_ns == before


def test_an_edit_racing_an_add_keeps_the_add_and_refuses_the_edit(
    run: Callable[..., Result], store: Path, editor: Callable[..., Callable[[], list[str]]]
) -> None:
    """An event added while the editor is open: the edit is refused (the file changed), the
    added event stays, and the edit is kept in a file the message names."""
    add = [sys.executable, "-m", "timeline", "--store", str(store), "add", "--date", "2022"]
    add += ["--title", "Added meanwhile", "--type", "talks"]
    editor({"run": [add], "replace": ["Geneva", "Bern"]})
    result = run("--store", str(store), "edit", "truce", env={"PYTHONPATH": str(REPO)})
    assert result.exit_code == 1
    assert 'title = "Added meanwhile"' in store.read_text()
    assert "Geneva" in store.read_text() and "Bern" not in store.read_text()
    kept = Path(result.stderr.rstrip("\n").rsplit("your edit is kept in ", 1)[1])
    assert kept.read_text() == TRUCE.replace("Geneva", "Bern")
    assert kept.is_relative_to(store.parent)


def test_rm_asks_first_and_removes(
    run: Callable[..., Result], store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("timeline.cli._interactive", lambda: True)
    kept = run("--store", str(store), "rm", "truce", input="n\n")
    assert (kept.exit_code, store.read_text()) == (1, SMALL_STORE)
    assert errors(kept, store) == (
        "timeline: truce  2021-03-05  A truce is signed\n"
        "Remove 1 event from STORE? [y/N]:"  # the answer is echoed on standard output
        "timeline: nothing was removed\n"
    )
    removed = run("--store", str(store), "rm", "truce", input="y\n")
    assert removed.exit_code == 0
    assert store.read_text() == SMALL_STORE.replace(TRUCE + "\n", "")


def test_rm_without_a_terminal_needs_yes(run: Callable[..., Result], store: Path) -> None:
    refused = run("--store", str(store), "rm", "truce")
    assert refused.exit_code == 2
    assert refused.stderr.startswith(
        "timeline: rm asks before removing 1 event; give --yes to remove without asking\n"
    )
    done = run("--store", str(store), "rm", "talks", "TRUCE", "--yes")
    assert (done.exit_code, errors(done, store)) == (0, "timeline: removed 2 events from STORE\n")
    talks = '[[events]]\nid = "talks"\ndate = "mid 2021-03"\ntitle = "Talks in March"\n'
    talks += 'type = "talks"\nactors = ["south"]\nsources = ["report"]\n\n'
    assert store.read_text() == SMALL_STORE.replace(TRUCE + "\n" + talks, "")


def test_rm_dry_run_prints_what_it_would_remove(run: Callable[..., Result], store: Path) -> None:
    result = run("--store", str(store), "rm", "truce", "--dry-run")
    assert (result.exit_code, result.stdout, store.read_text()) == (0, TRUCE, SMALL_STORE)


def test_rm_of_an_unknown_event_is_a_usage_error(run: Callable[..., Result], store: Path) -> None:
    result = run("--store", str(store), "rm", "truce", "peace", "--yes")
    assert result.exit_code == 2
    assert result.stderr.startswith("timeline: no event 'peace'")
    assert store.read_text() == SMALL_STORE


def test_an_edit_takes_actors_by_name_or_alias_and_writes_their_ids(
    run: Callable[..., Result], store: Path
) -> None:
    result = run(
        "--store", str(store), "edit", "truce", "--actor", "Capital City", "-a", "southland"
    )
    assert result.exit_code == 0
    assert store.read_text() == SMALL_STORE.replace(
        'actors = ["leader", "south"]', 'actors = ["north", "south"]'
    )


def test_the_bundled_store_is_refused_before_the_editor_opens(
    run: Callable[..., Result], editor: Callable[..., Callable[[], list[str]]]
) -> None:
    shown = editor({"replace": ["1988", "1989"]})
    result = run("edit", "territorial-dispute-since-1988")
    assert result.exit_code == 2
    assert "the bundled store" in result.stderr and "timeline init" in result.stderr
    assert shown() == []


def test_an_edit_names_the_event_by_its_stored_id_and_says_when_nothing_changes(
    run: Callable[..., Result], store: Path
) -> None:
    edited = run("--store", str(store), "edit", "TRUCE", "--location", "Bern")
    assert errors(edited, store) == "timeline: edited event truce in STORE\n"
    before = store.stat().st_mtime_ns
    unchanged = run("--store", str(store), "edit", "truce", "--drop", "note")
    assert (unchanged.exit_code, unchanged.stderr) == (0, "timeline: event truce is unchanged\n")
    assert store.stat().st_mtime_ns == before


def test_a_broken_file_is_refused_with_checks_error(
    run: Callable[..., Result], store: Path
) -> None:
    store.write_text(SMALL_STORE + "note = ")
    line = SMALL_STORE.count("\n") + 1
    checked = run("--store", str(store), "check")
    for command in (("rm", "truce", "--yes"), ("edit", "truce", "--title", "x")):
        result = run("--store", str(store), *command)
        assert (result.exit_code, errors(result, store)) == (
            1,
            f"timeline: STORE:{line}:8: TOML syntax: invalid value at the end of the file\n",
        )
        assert errors(checked, store) == "" and checked.stdout.replace(
            str(store), "STORE"
        ).startswith(errors(result, store).removeprefix("timeline: "))


ACCOUNTED_DRAFT = """\
[[events]]
id = "second-clash"
date = "2023-09-21"
title = "A second clash near Aravus"
type = "incident"
sources = ["a", "b"]
figures = { killed = 2 }

[[events.accounts]]
source = "b"
date = "2023-09-19"
figures = { killed = 5 }
quotes = ["five soldiers died"]
"""


def test_accounts_survive_add_from_edit_and_rm(
    run: Callable[..., Result], accounts_store_path: Path
) -> None:
    """A draft's accounts are filed with its event, an edit of the event keeps its account
    tables byte for byte, and removing the event takes them with it."""
    store = accounts_store_path
    draft = store.parent / "draft.toml"
    draft.write_text(ACCOUNTED_DRAFT)
    assert run("--store", str(store), "add", "--from", str(draft)).exit_code == 0
    added = store.read_text()
    accounts = added[added.index("[[events.accounts]]", added.index('id = "second-clash"')) :]
    assert tomllib.loads(added)["events"][-1]["accounts"] == [
        {
            "source": "b",
            "date": "2023-09-19",
            "figures": {"killed": 5},
            "quotes": ["five soldiers died"],
        }
    ]
    edited = run("--store", str(store), "edit", "second-clash", "--title", "A second clash")
    assert edited.exit_code == 0
    assert store.read_text() == added.replace(
        'title = "A second clash near Aravus"', 'title = "A second clash"'
    )
    assert store.read_text().endswith(accounts)
    removed = run("--store", str(store), "rm", "second-clash", "--yes")
    assert removed.exit_code == 0
    assert store.read_text() == ACCOUNTS_STORE


class TestFiguresAndAccounts:
    def test_figure_options_replace_the_events_figures(
        self, run: Callable[..., Result], accounts_store_path: Path
    ) -> None:
        store = accounts_store_path
        result = run(
            "--store", str(store), "edit", "clash", "--figure", "killed=5-6-8", "--figure",
            "missing=2",
        )  # fmt: skip
        assert (result.exit_code, errors(result, store)) == (
            0,
            "timeline: edited event clash in STORE\n",
        )
        assert store.read_text() == ACCOUNTS_STORE.replace(
            "figures = { killed = 6, injured = { low = 10, high = 15 } }",
            "figures = { killed = { low = 5, best = 6, high = 8 }, missing = 2 }",
        )

    def test_an_account_option_sets_what_that_source_says(
        self, run: Callable[..., Result], accounts_store_path: Path
    ) -> None:
        store = accounts_store_path
        result = run(
            "--store", str(store), "edit", "clash", "--account", "b", "--figure", "killed=4-5",
            "--drop", "note", "--actor", "The army",
        )  # fmt: skip
        assert (result.exit_code, errors(result, store)) == (
            0,
            "timeline: edited the account of b in event clash in STORE\n",
        )
        assert store.read_text() == ACCOUNTS_STORE.replace(
            'actors = ["army", "rebels"]\nfigures = { killed = 5 }\nquotes = ["five soldiers died"]'
            '\nnote = "B counts one fewer."\n',
            'actors = ["army"]\nfigures = { killed = { low = 4, high = 5 } }\n'
            'quotes = ["five soldiers died"]\n',
        )

    def test_a_new_account_cites_its_source_in_the_event(
        self, run: Callable[..., Result], write_store: Callable[[str], Path]
    ) -> None:
        text = SMALL_STORE.replace(
            "[actors.north]", '[sources.other]\ntitle = "Another report"\n\n[actors.north]'
        )
        store = write_store(text)
        result = run(
            "--store", str(store), "edit", "truce", "--account", "other", "--date", "2021-03-06",
            "--figure", "detained=3",
        )  # fmt: skip
        assert (result.exit_code, errors(result, store)) == (
            0,
            "timeline: edited the account of other in event truce (and cited other among its "
            "sources) in STORE\n",
        )
        truce = TRUCE.replace('sources = ["report"]', 'sources = ["report", "other"]')
        account = '\n[[events.accounts]]\nsource = "other"\ndate = "2021-03-06"\n'
        account += "figures = { detained = 3 }\n"
        assert store.read_text() == text.replace(TRUCE, truce + account)
        shown = run("--store", str(store), "show", "--contested", "--details")
        assert "A truce is signed" in shown.stdout and "contested: date" in shown.stdout

    def test_drop_account_removes_it(
        self, run: Callable[..., Result], accounts_store_path: Path
    ) -> None:
        store = accounts_store_path
        result = run("--store", str(store), "edit", "talks", "--account", "b", "--drop", "account")
        assert (result.exit_code, errors(result, store)) == (
            0,
            "timeline: removed the account of b in event talks in STORE\n",
        )
        account = ACCOUNTS_STORE[ACCOUNTS_STORE.rindex("\n[[events.accounts]]") :]
        assert store.read_text() == ACCOUNTS_STORE.removesuffix(account)

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            (("--figure", "killed=x"), "--figure 'killed=x': expected NAME=COUNT: killed=6, "),
            (("--figure", "killed=1", "--figure", "killed=2"), "--figure killed is given twice"),
            (("--account", "b", "--title", "x"), "--title is the event's own: an account takes"),
            (("--account", "c", "--note", "x"), "--account 'c': no such source; known: a, b"),
            (("--account", "b"), "--account SOURCE sets what the source says: give the fields"),
            (("--account", "b", "--drop", "title"), "--drop 'title': not a field of an account"),
            (
                ("--account", "b", "--drop", "account", "--note", "x"),
                "--drop account removes the whole account: give no other field",
            ),
        ],
    )
    def test_wrong_figures_and_accounts_are_usage_errors(
        self,
        run: Callable[..., Result],
        accounts_store_path: Path,
        arguments: tuple[str, ...],
        message: str,
    ) -> None:
        result = run("--store", str(accounts_store_path), "edit", "clash", *arguments)
        assert (result.exit_code, result.stderr[: len(message) + 10]) == (
            2,
            f"timeline: {message}",
        )
        assert accounts_store_path.read_text() == ACCOUNTS_STORE

    def test_an_unknown_figure_is_refused_as_check_refuses_it(
        self, run: Callable[..., Result], accounts_store_path: Path
    ) -> None:
        store = accounts_store_path
        result = run(
            "--store", str(store), "edit", "clash", "--account", "a", "--figure", "kiled=1"
        )
        assert (result.exit_code, errors(result, store)) == (
            1,
            "timeline: STORE: event clash: accounts[1].figures.kiled: unknown figure (did you "
            "mean 'killed'?)\n",
        )
        assert store.read_text() == ACCOUNTS_STORE
