"""The README documents every command, and the pages it links to exist."""

from __future__ import annotations

import re

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
