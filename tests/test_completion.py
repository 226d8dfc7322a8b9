"""Shell completion: the store's values offered on TAB, through Click's _TIMELINE_COMPLETE
protocol as the shells' completion scripts use it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import SMALL_STORE, Complete, add
from timeline.cli import app

BUNDLED_IDS = [
    "territorial-dispute-since-1988",
    "conflict-erupts-2020-09",
    "trilateral-statement-2020-11-09",
    "peacekeepers-deployed-2020",
    "trilateral-agreements-2020-2022",
    "putin-aliyev-call-2023-03",
    "reykjavik-summit-2023-05-17",
    "putin-aliyev-meeting-2023-05",
    "peacekeepers-killed-2023-09-20",
    "putin-aliyev-call-2023-09",
]
BUNDLED_TYPES = [
    "conflict",
    "ceasefire",
    "agreement",
    "deployment",
    "diplomacy",
    "statement",
    "incident",
]
SMALL_IDS = ["war", "truce", "talks", "clash"]


def offered(result: Result) -> list[str]:
    """The completions a bash answer offers, one a line (an empty answer is one empty line)."""
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    lines = result.stdout.splitlines()
    return [] if lines == [""] else lines


class TestTheBundledStore:
    def test_event_ids_in_the_files_order(self, complete: Complete) -> None:
        assert offered(complete("info ")) == BUNDLED_IDS
        assert offered(complete("info putin-aliyev-c")) == [
            "putin-aliyev-call-2023-03",
            "putin-aliyev-call-2023-09",
        ]

    def test_actors_by_id_name_and_alias(self, complete: Complete) -> None:
        """--actor takes an id, a name or an alias: all are offered, each once; a name of
        several words is escaped to stay one word of the command line."""
        assert offered(complete("show --actor ")) == [
            "russia",
            "azerbaijan",
            "armenia",
            "putin",
            "aliyev",
            "pashinyan",
            "russian-peacekeepers",
            "council-of-europe",
            "Russia",
            "Russian\\ Federation",
            "Kremlin",
            "Azerbaijan",
            "Baku",
            "Republic\\ of\\ Azerbaijan",
            "Armenia",
            "Yerevan",
            "Vladimir\\ Putin",
            "Putin",
            "Ilham\\ Aliyev",
            "Aliyev",
            "Nikol\\ Pashinyan",
            "Pashinyan",
            "Russian\\ peacekeeping\\ contingent",
            "RPC",
            "Russian\\ peacekeepers",
            "peacekeepers",
            "Council\\ of\\ Europe",
        ]
        assert offered(complete("show --actor Pu")) == ["Putin"]
        assert offered(complete("show --actor pu")) == ["putin"]
        assert offered(complete("export -a Russian")) == [
            "Russian\\ Federation",
            "Russian\\ peacekeeping\\ contingent",
            "Russian\\ peacekeepers",
        ]
        # A word typed with an escaped space, as bash passes it on.
        assert offered(complete("show --actor Vladimir\\ P")) == ["Vladimir\\ Putin"]

    def test_add_and_edit_offer_actors_by_id_name_and_alias(self, complete: Complete) -> None:
        """add's and edit's --actor take an id, a name or an alias, as show's does."""
        assert offered(complete("add --actor Pu")) == ["Putin"]
        assert offered(complete("edit x --actor pu")) == ["putin"]

    def test_types_tags_sources_and_formats(self, complete: Complete) -> None:
        assert offered(complete("show --type ")) == BUNDLED_TYPES
        assert offered(complete("actors -t d")) == ["deployment", "diplomacy"]
        assert offered(complete("add --type c")) == ["conflict", "ceasefire"]
        assert offered(complete("show --tag p")) == [
            "peace-treaty",
            "peacekeepers",
            "phone-call",
        ]
        assert offered(complete("extract article.txt --source ")) == ["tass-2023-09-21"]
        assert offered(complete("add --source t")) == ["tass-2023-09-21"]
        assert offered(complete("show --source ")) == ["tass-2023-09-21"]
        assert offered(complete("export --contested --source t")) == ["tass-2023-09-21"]
        assert offered(complete("tags --source ")) == ["tass-2023-09-21"]
        assert offered(complete("export --format ")) == [
            "csv",
            "geojson",
            "html",
            "htm",
            "ical",
            "ics",
            "icalendar",
            "json",
            "markdown",
            "md",
            "mermaid",
            "mmd",
            "parquet",
            "sqlite",
            "db",
            "timelinejs",
        ]
        assert offered(complete("export -f i")) == ["ical", "ics", "icalendar"]

    def test_commands_and_options_are_completed_as_click_does(self, complete: Complete) -> None:
        assert offered(complete("in")) == ["info", "init"]
        assert offered(complete("show --re")) == ["--reverse"]

    def test_nothing_matches(self, complete: Complete) -> None:
        """No candidate: an empty answer, and bash falls back to file names."""
        assert offered(complete("info zzz")) == []
        assert offered(complete("show --type Conflict")) == []


class TestTheStoreInUse:
    @pytest.fixture
    def store(self, tmp_path: Path) -> Path:
        path = tmp_path / "elsewhere" / "small.toml"
        path.parent.mkdir()
        path.write_text(SMALL_STORE, encoding="utf-8")
        return path

    def test_store_option(self, complete: Complete, store: Path) -> None:
        assert offered(complete(f"--store {store} info ")) == SMALL_IDS
        assert offered(complete(f"-s {store} show --actor ")) == [
            "north",
            "leader",
            "south",
            "Northland",
            "Capital\\ City",
            "Jana\\ Ərəbova",
            "Southland",
        ]
        assert offered(complete(f"--store {store} show --tag ")) == ["background", "border"]
        assert offered(complete(f"--store {store} show --type ")) == ["battle", "talks"]
        assert offered(complete(f"--store {store} extract a.txt --source ")) == ["report"]

    def test_environment(self, complete: Complete, store: Path) -> None:
        assert offered(complete("info ", env={"TIMELINE_STORE": str(store)})) == SMALL_IDS

    def test_the_option_wins_over_the_environment(
        self, complete: Complete, store: Path, tmp_path: Path
    ) -> None:
        other = tmp_path / "other.toml"
        other.write_text(SMALL_STORE.replace('id = "war"', 'id = "old-war"'), encoding="utf-8")
        answer = complete(f"--store {other} info ", env={"TIMELINE_STORE": str(store)})
        assert offered(answer) == ["old-war", *SMALL_IDS[1:]]

    def test_the_store_in_the_current_folder(self, complete: Complete, tmp_path: Path) -> None:
        (tmp_path / "events.toml").write_text(SMALL_STORE, encoding="utf-8")
        assert offered(complete("info ")) == SMALL_IDS

    def test_the_same_with_the_cache_off_cold_and_warm(
        self,
        complete: Complete,
        store: Path,
        private_cache: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)  # the suite may run without it
        answers = [
            offered(complete(f"{cache} --store {store} show --actor "))
            for cache in ("--no-cache", "", "")  # off, cold (writes the cache), warm
        ]
        assert any(private_cache.iterdir())
        assert answers[0][:3] == ["north", "leader", "south"]
        assert answers[0] == answers[1] == answers[2]

    def test_events_added_since_the_cache_was_made(self, complete: Complete, store: Path) -> None:
        assert offered(complete(f"--store {store} info ")) == SMALL_IDS  # cached now
        add(store, {"id": "new", "date": "2022", "title": "N", "type": "talks", "tags": ["zz"]})
        assert offered(complete(f"--store {store} info ")) == [*SMALL_IDS, "new"]
        assert offered(complete(f"--store {store} show --tag ")) == ["background", "border", "zz"]


BROKEN = {
    "missing": None,
    "not TOML": "[timeline\n",
    "not UTF-8": "title = '\udcff'",
    "schema errors": SMALL_STORE.replace('type = "battle"', 'type = "nope"'),
    "a folder": "",
}


@pytest.mark.parametrize("kind", list(BROKEN))
@pytest.mark.parametrize(
    "line", ["info ", "show --actor ", "show --type b", "show --tag ", "extract a --source "]
)
def test_a_broken_or_missing_store_offers_nothing_and_says_nothing(
    complete: Complete, tmp_path: Path, kind: str, line: str
) -> None:
    store = tmp_path / "store.toml"
    text = BROKEN[kind]
    if kind == "a folder":
        store.mkdir()
    elif text is not None:
        store.write_bytes(text.encode("utf-8", "surrogateescape"))
    for answer in (
        complete(f"--store {store} {line}"),
        complete(line, env={"TIMELINE_STORE": str(store)}),
    ):
        assert (answer.exit_code, answer.stdout, answer.stderr) == (0, "\n", "")


def test_zsh_gets_the_values_with_what_they_stand_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMELINE_STORE", raising=False)
    monkeypatch.chdir("/")

    def zsh(line: str) -> str:
        env = {"_TIMELINE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": f"timeline {line}"}
        result = CliRunner().invoke(app, [], env=env, prog_name="timeline")
        assert (result.exit_code, result.stderr) == (0, "")
        return result.stdout

    assert zsh("show --actor Pu") == '_arguments \'*: :(("Putin":"putin"))\'\n'
    assert zsh("show --actor Vl") == '_arguments \'*: :(("Vladimir Putin":"putin"))\'\n'
    assert zsh("show --type co") == (
        '_arguments \'*: :(("conflict":"Fighting, or a dispute that sets parties against '
        "each other.\"))'\n"
    )
    assert zsh("info reyk") == "_arguments '*: :((\"reykjavik-summit-2023-05-17\"))'\n"
    assert zsh("--store /nonexistent/x.toml info ") == "_files\n"


class TestTheCompletionScript:
    @pytest.fixture(autouse=True)
    def no_shell_detection(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """The shell is named, not detected from the processes around the test."""
        monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
        monkeypatch.setenv("HOME", str(tmp_path))

    def test_show_completion_prints_the_bash_hook(self) -> None:
        result = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="timeline")
        assert result.exit_code == 0
        assert "_TIMELINE_COMPLETE=complete_bash $1" in result.stdout
        assert result.stdout.endswith("\ncomplete -o default -F _timeline_completion timeline\n")

    def test_show_completion_for_zsh(self) -> None:
        result = CliRunner().invoke(app, ["--show-completion", "zsh"], prog_name="timeline")
        assert result.exit_code == 0
        assert result.stdout.startswith("#compdef timeline\n")
        assert "_TIMELINE_COMPLETE=complete_zsh timeline" in result.stdout

    def test_install_completion_writes_the_hook_and_sources_it(self, tmp_path: Path) -> None:
        result = CliRunner().invoke(app, ["--install-completion", "bash"], prog_name="timeline")
        assert result.exit_code == 0
        script = tmp_path / ".bash_completions" / "timeline.sh"
        assert "_TIMELINE_COMPLETE=complete_bash" in script.read_text()
        assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_puts_each_completion_in_one_word(tmp_path: Path) -> None:
    """The script --show-completion prints, run by bash with the installed command: a name of
    several words is one entry of COMPREPLY, escaped as bash's own completions are."""
    timeline = Path(sys.executable).parent / "timeline"
    if not timeline.exists():
        pytest.skip("the timeline command is not installed beside this Python")
    env = {
        **os.environ,
        "PATH": f"{timeline.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path),
        "TIMELINE_CACHE_DIR": str(tmp_path / "cache"),
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
    }
    env.pop("TIMELINE_STORE", None)
    hook = subprocess.run(
        [timeline, "--show-completion", "bash"], env=env, capture_output=True, text=True
    ).stdout
    script = (
        hook
        + "\nCOMP_WORDS=(timeline show --actor Vl); COMP_CWORD=3"
        + "\n_timeline_completion timeline; printf '<%s>\\n' \"${COMPREPLY[@]}\""
    )
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert (result.stdout, result.stderr) == ("<Vladimir\\ Putin>\n", "")
