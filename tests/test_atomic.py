"""Atomic writes: the old file survives every failure, and no temporary file is left."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.atomic import ChangedMeanwhile, create_atomic, write_atomic


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


def test_keeps_owner_and_group(tmp_path: Path) -> None:
    """A file of another user, written by root, stays that user's (it was root's before)."""
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user, to set this up")
    target = tmp_path / "theirs.toml"
    target.write_text("old")
    os.chown(target, 4321, 4322)
    write_atomic(target, [b"new"])
    status = target.stat()
    assert (status.st_uid, status.st_gid, target.read_text()) == (4321, 4322, "new")


def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    """No write bit: the file is not replaced, even by root, who could."""
    target = tmp_path / "out.md"
    target.write_text("old")
    target.chmod(0o444)
    with pytest.raises(OSError, match="it is read-only"):
        write_atomic(target, [b"new"])
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_a_file_with_hard_links_is_refused(tmp_path: Path) -> None:
    """Renaming over one name of a hard-linked file would split it from its other names."""
    target = tmp_path / "out.md"
    target.write_text("old")
    (tmp_path / "other-name.md").hardlink_to(target)
    with pytest.raises(OSError, match=r"it has 2 names \(hard links\)"):
        write_atomic(target, [b"new"])
    assert (tmp_path / "other-name.md").read_text() == target.read_text() == "old"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """Only a regular file is replaced: a FIFO (or a device) stays, untouched and unopened."""
    target = tmp_path / "pipe"
    os.mkfifo(target)
    with pytest.raises(OSError, match="it is not a regular file"):
        write_atomic(target, [b"new"])
    assert stat.S_ISFIFO(target.lstat().st_mode)


def test_a_file_changed_since_it_was_read_is_not_replaced(tmp_path: Path) -> None:
    """An edit saved by renaming (as editors do) after the read: the writer must start again."""
    target = tmp_path / "events.toml"
    target.write_text("read")
    status = target.stat()
    replacement = tmp_path / "saved-by-an-editor"
    replacement.write_text("edited by hand")
    replacement.replace(target)
    with pytest.raises(ChangedMeanwhile):
        write_atomic(target, [b"read, and more"], expected=status)
    assert target.read_text() == "edited by hand"
    assert [p.name for p in tmp_path.iterdir()] == ["events.toml"]


def test_create_writes_a_new_file_with_the_umasks_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.toml"
    old = os.umask(0o027)
    try:
        create_atomic(target, [b"a", b"b\n"])
    finally:
        os.umask(old)
    assert target.read_bytes() == b"ab\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["new.toml"]


@pytest.mark.parametrize("kind", ["file", "folder", "symlink", "dangling symlink"])
def test_create_never_replaces_anything(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "new.toml"
    if kind == "file":
        target.write_text("mine")
    elif kind == "folder":
        target.mkdir()
    else:
        (tmp_path / "other").write_text("mine")
        target.symlink_to(tmp_path / ("other" if kind == "symlink" else "nowhere"))
    before = sorted((p.name, p.is_symlink(), p.is_dir()) for p in tmp_path.iterdir())
    with pytest.raises(FileExistsError):
        create_atomic(target, [b"new"])
    assert sorted((p.name, p.is_symlink(), p.is_dir()) for p in tmp_path.iterdir()) == before
    if kind != "folder":
        assert (tmp_path / ("new.toml" if kind == "file" else "other")).read_text() == "mine"
    assert not (tmp_path / "nowhere").exists()


def test_create_without_hard_links_creates_the_file_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "new.toml"
    create_atomic(target, [b"new\n"])
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["new.toml"]
    with pytest.raises(FileExistsError):
        create_atomic(target, [b"other\n"])
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["new.toml"]


def test_create_failing_half_way_leaves_nothing(tmp_path: Path) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"new"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        create_atomic(tmp_path / "new.toml", chunks())
    assert list(tmp_path.iterdir()) == []
