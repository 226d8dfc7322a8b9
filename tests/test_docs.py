"""The README documents every command, and the pages it links to exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from typer.core import TyperGroup

from conftest import REPO
from timeline.cli import app

README = (REPO / "README.md").read_text(encoding="utf-8")


def command_paths() -> list[str]:
    """Every command and subcommand, as a user types it: "show", "actors add"."""
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    paths = []
    for name, command in root.commands.items():
        paths.append(name)
        if isinstance(command, TyperGroup):
            paths += [f"{name} {sub}" for sub in command.commands]
    return paths


@pytest.mark.parametrize("command", command_paths())
def test_the_readme_shows_every_command(command: str) -> None:
    assert re.search(rf"timeline (--store \S+ )?{re.escape(command)}\b", README), command


@pytest.mark.parametrize("link", re.findall(r"\]\(((?:docs|benchmarks)/[^)#]+)\)", README))
def test_the_readmes_links_into_the_repository_exist(link: str) -> None:
    assert (REPO / link).exists()


def test_the_readmes_picture_of_the_terminal_view_is_up_to_date(tmp_path: Path) -> None:
    """docs/timeline.svg is what `show --svg` draws of the bundled store now: after a change
    to the view, `bash docs/make_pictures.sh` makes it (and docs/page.png) again."""
    from typer.testing import CliRunner

    picture = tmp_path / "timeline.svg"
    store = REPO / "events.toml"
    result = CliRunner().invoke(app, ["--store", str(store), "show", "--svg", str(picture)])
    assert result.exit_code == 0, result.output
    assert picture.read_text(encoding="utf-8") == (REPO / "docs" / "timeline.svg").read_text(
        encoding="utf-8"
    ), "docs/timeline.svg is stale: run bash docs/make_pictures.sh"


def test_the_pictures_script_makes_both_pictures() -> None:
    script = (REPO / "docs" / "make_pictures.sh").read_text(encoding="utf-8")
    assert "show --svg" in script and '"$docs/timeline.svg"' in script
    assert "export -o" in script and '--screenshot="$docs/page.png"' in script
    assert "docs/page.png" in README and "docs/timeline.svg" in README
