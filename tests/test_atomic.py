"""Atomic writes: the old file survives every failure, and no temporary file is left."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.atomic import write_atomic


def test_writes_new_content(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomic(target, [b"a", b"b\n"])
    assert target.read_text() == "ab\n"


def test_failure_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")

    def chunks() -> Iterator[bytes]:
        yield b"new"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, chunks())
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, [b"new"])
    assert target.stat().st_mode & 0o777 == 0o640


def test_symlink_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, [b"new"])
    assert link.is_symlink() and real.read_text() == "new"


def test_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_atomic(tmp_path / "no" / "out.md", [b"x"])
