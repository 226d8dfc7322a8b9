"""Write a file so that readers see the old content or the new, never a mix or a fragment."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


class ChangedMeanwhile(OSError):
    """The file is no longer the one that was read: someone replaced or changed it."""


def write_atomic(
    path: Path,
    chunks: Iterable[bytes],
    *,
    expected: os.stat_result | None = None,
    fill: Callable[[Path], None] | None = None,
) -> None:
    """Write chunks to path: into a temporary file in the same folder, flushed to disk, then
    renamed over path. With fill, the temporary file (made empty) is given to fill to write,
    after the chunks: a database that its library writes itself. On any failure,
    KeyboardInterrupt included, path is unchanged and the temporary file is removed. A
    symlink stays a symlink: its target is replaced. An existing file keeps its permissions,
    owner and group; one that is read-only, has other names (hard links that a rename would
    split off), or is not a regular file (a device, a FIFO) is refused with an OSError. With
    expected (the file's status when it was read), a file that has changed since is not
    replaced: ChangedMeanwhile."""
    target = Path(os.path.realpath(path))
    try:
        current: os.stat_result | None = target.stat()
    except FileNotFoundError:
        current = None
    if current is not None:
        _refuse_to_replace(target, current)
        mode = stat.S_IMODE(current.st_mode)
    else:
        mode = 0o666 & ~_umask()  # what a plain open() would have given a new file
    temp_name = _written_beside(target, chunks)
    try:
        if fill is not None:
            fill(Path(temp_name))
            with Path(temp_name).open("rb+") as handle:
                os.fsync(handle.fileno())
        if current is not None and hasattr(os, "chown"):
            written = Path(temp_name).stat()
            if (written.st_uid, written.st_gid) != (current.st_uid, current.st_gid):
                os.chown(temp_name, current.st_uid, current.st_gid)
        Path(temp_name).chmod(mode)
        if expected is not None and not _same_file(target, expected):
            raise ChangedMeanwhile(errno.EAGAIN, "the file changed while it was being written")
        Path(temp_name).replace(target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def create_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """Write chunks to a new file at path, which must not exist: FileExistsError when
    anything has that name (a file, a folder, a symbolic link, even one to nothing). The
    content goes to a temporary file in the same folder, flushed to disk, which is then
    linked to path (a link never replaces anything) and its temporary name removed: a reader
    sees the whole file or none. The file's permissions are what the umask gives a new file.
    Where the file system has no hard links, the file is created exclusively (O_EXCL) and
    written in place; on any failure it is removed."""
    mode = 0o666 & ~_umask()
    temp_name = _written_beside(path, chunks)
    try:
        Path(temp_name).chmod(mode)
        try:
            os.link(temp_name, path, follow_symlinks=False)
        except FileExistsError:
            raise
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            _create_in_place(path, Path(temp_name).read_bytes(), mode)
    finally:
        Path(temp_name).unlink(missing_ok=True)
    _sync_folder(path.parent)


def _written_beside(path: Path, chunks: Iterable[bytes]) -> str:
    """The name of a new temporary file in path's folder holding the chunks, flushed to
    disk; removed again if writing fails."""
    descriptor, temp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return temp_name


# What link() says on a file system without hard links (FAT, some network and FUSE ones).
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV}


def _create_in_place(path: Path, data: bytes, mode: int) -> None:
    descriptor = os.open(
        path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _refuse_to_replace(target: Path, current: os.stat_result) -> None:
    if not stat.S_ISREG(current.st_mode):
        raise OSError(errno.EINVAL, "it is not a regular file", str(target))
    if current.st_nlink > 1:
        raise OSError(
            errno.EMLINK,
            f"it has {current.st_nlink} names (hard links), which replacing it would split; "
            "make it a single file or a symbolic link",
            str(target),
        )
    # Root may write anything: the permission bits still say what the owner wants.
    if not stat.S_IMODE(current.st_mode) & 0o222 or not os.access(target, os.W_OK):
        raise OSError(errno.EACCES, "it is read-only", str(target))


def _same_file(target: Path, expected: os.stat_result) -> bool:
    try:
        now = target.stat()
    except FileNotFoundError:
        return False
    return (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == (
        expected.st_dev,
        expected.st_ino,
        expected.st_size,
        expected.st_mtime_ns,
    )


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every platform lets a folder be opened for this.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
