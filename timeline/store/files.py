"""The store's files on disk: read them safely, name a source's file, and lock the store."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from timeline.errors import Problem, StoreError

MAX_STORE_BYTES = 256 * 1024 * 1024  # room for ~350,000 events; more is not a hand-kept store
LOCK_TIMEOUT_SECONDS = 30.0


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a missing file, a folder, a FIFO or device (which could
    block or never end), and a file over the size limit."""
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise StoreError([Problem(name, None, "no such file")]) from None
    except OSError as error:
        raise StoreError([Problem(name, None, f"cannot read: {error.strerror}")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError([Problem(name, None, "is a directory, not a file")])
    if not stat.S_ISREG(info.st_mode):
        raise StoreError([Problem(name, None, "is not a regular file")])
    if info.st_size > MAX_STORE_BYTES:
        limit = MAX_STORE_BYTES // (1024 * 1024)
        raise StoreError([Problem(name, None, f"is larger than the {limit} MiB limit")])
    try:
        return path.read_bytes()
    except OSError as error:
        raise StoreError([Problem(name, None, f"cannot read: {error.strerror}")]) from None


def decode(data: bytes, name: str) -> str:
    """UTF-8 text without a byte order mark; a bad byte is reported at its line and column."""
    if utf16(data):
        raise StoreError([Problem(name, 1, "the file is UTF-16: save it as UTF-8", column=1)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        message = f"the file is not UTF-8 here: byte 0x{data[error.start]:02x} cannot be decoded"
        raise StoreError([Problem(name, line, message, column=column)]) from None
    return text.removeprefix("\ufeff")


def utf16(data: bytes) -> bool:
    """Whether the bytes look like UTF-16 text: a byte order mark, or NUL in every other byte."""
    head = data[:200]
    return data.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(0) * 4 >= len(head) > 1


def read_text(path: Path) -> str:
    """A UTF-8 text file (a store, a draft file, an article), read as read_bytes does."""
    return decode(read_bytes(path), str(path))


def source_path(store_path: Path, name: str) -> Path:
    """The file a source's `file` names: relative to the store's folder."""
    return store_path.parent / name


def source_name(store_path: Path, file: Path) -> str:
    """How a source's `file` names this file: relative to the store's folder."""
    return os.path.relpath(file.resolve(), store_path.resolve().parent)


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold an exclusive lock on a lock file beside the store. The lock is the kernel's
    (flock), so it ends with the process that holds it: a lock file left behind by a crash
    never blocks the next write."""
    try:
        import fcntl
    except ImportError:  # not on this platform: no lock, still atomic
        yield
        return
    lock_path = target.parent / f".{target.name}.lock"
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        message = f"cannot create the lock file {lock_path}: {error.strerror}"
        raise StoreError([Problem(str(target), None, message)]) from None
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    waited = f"{LOCK_TIMEOUT_SECONDS:.0f} s"
                    message = f"another timeline has held the lock for {waited}; try again"
                    raise StoreError([Problem(str(target), None, message)]) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(descriptor)  # releases the lock
