"""Faults while writing: processes killed at random points, writers at the same moment, an
editor saving while `add` runs. After each, the store parses, passes `check`, holds every
event whose `add` reported success, and has lost no edit made by hand."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, SMALL_STORE
from timeline.store import StoreFile, load

ENVIRONMENT = dict(os.environ, PYTHONPATH=str(REPO))


def start_add(path: Path, *arguments: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "timeline", "--store", str(path), "add", *arguments]
    return subprocess.Popen(
        command, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def event(number: int) -> list[str]:
    return ["--id", f"e{number}", "--title", f"Event {number}", "--date", "2022", "--type", "talks"]


def assert_sound(path: Path, added: set[str]) -> None:
    """The store parses, checks without errors, and holds every event reported added."""
    report = StoreFile(path, cache=False).check()
    assert report.errors == 0, [str(problem) for problem in report.problems]
    ids = {event.id for event in load(path, cache=False).events}
    assert added <= ids
    # The cache answers as the file does.
    assert load(path, cache=True) == load(path, cache=False)


@pytest.mark.parametrize("seed", range(2))
def test_adds_killed_at_random_points_leave_a_sound_store(
    write_store: Callable[..., Path], seed: int
) -> None:
    """kill -9 at a random moment of each of twelve adds: no corrupt or half-written store."""
    rng = random.Random(seed)
    path = write_store(SMALL_STORE)
    added: set[str] = set()
    for number in range(12):
        process = start_add(path, *event(number))
        time.sleep(rng.uniform(0.0, 0.4))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if process.returncode == 0:
            added.add(f"e{number}")
        assert_sound(path, added)
    assert path.read_text(encoding="utf-8").startswith(SMALL_STORE)


def test_concurrent_adds_with_ids_all_land(write_store: Callable[..., Path]) -> None:
    """Sixteen adds at once queue on the lock: every one lands."""
    path = write_store(SMALL_STORE)
    processes = [start_add(path, *event(number)) for number in range(16)]
    for process in processes:
        _, error = process.communicate(timeout=120)
        assert process.returncode == 0, error.decode()
    assert_sound(path, {f"e{n}" for n in range(16)})
    assert path.read_text(encoding="utf-8").startswith(SMALL_STORE)


def test_concurrent_adds_of_one_title_get_one_id_each(write_store: Callable[..., Path]) -> None:
    """Ids are made under the lock: sixteen adds of the same title at once get sixteen ids."""
    path = write_store(SMALL_STORE)
    same = ["--date", "2022", "--title", "Same title", "--type", "talks", "--allow-duplicate"]
    processes = [start_add(path, *same) for _ in range(16)]
    for process in processes:
        _, error = process.communicate(timeout=120)
        assert process.returncode == 0, error.decode()
    ids = [event.id for event in load(path).events if event.title == "Same title"]
    assert sorted(ids) == sorted(
        ["2022-same-title", *(f"2022-same-title-{n}" for n in range(2, 17))]
    )
    assert_sound(path, set(ids))


def test_concurrent_adds_of_one_event_file_it_once(write_store: Callable[..., Path]) -> None:
    """Duplicates are looked for under the lock: of sixteen adds of one event at once, one
    lands and fifteen are refused, naming it."""
    path = write_store(SMALL_STORE)
    same = ["--date", "2022", "--title", "Same title", "--type", "talks"]
    processes = [start_add(path, *same) for _ in range(16)]
    codes, errors = [], []
    for process in processes:
        _, error = process.communicate(timeout=120)
        codes.append(process.returncode)
        errors.append(error.decode())
    assert sorted(codes) == [0] + [1] * 15
    refusal = (
        "timeline: already in the store as event 2022-same-title (same date and title): "
        "not added; --allow-duplicate adds it anyway\n"
    )
    assert errors.count(refusal) == 15
    assert [event.id for event in load(path).events if event.title == "Same title"] == [
        "2022-same-title"
    ]
    assert_sound(path, {"2022-same-title"})


def test_an_editor_saving_while_adds_run_loses_nothing(write_store: Callable[..., Path]) -> None:
    """An editor that saves by writing a new file and renaming it over the store (checking
    first, as editors do, that the file did not change since it read it) while adds run:
    every hand edit and every added event is in the store at the end. (Neither side can
    shut out the other between its last check and its rename, a few microseconds; the editor
    here saves a few times a second, as a person might, not thousands.)"""
    path = write_store(SMALL_STORE)
    processes = [start_add(path, *event(number)) for number in range(8)]
    edits = 0
    rng = random.Random(7)
    deadline = time.monotonic() + 60
    while any(process.poll() is None for process in processes) or edits < 12:
        assert time.monotonic() < deadline
        status = path.stat()
        text = path.read_text(encoding="utf-8")
        edited = text.replace("\n", f"\n# hand edit {edits}\n", 1)
        saved = path.parent / ".editor-save"
        saved.write_text(edited, encoding="utf-8")
        now = path.stat()
        if (now.st_ino, now.st_size, now.st_mtime_ns) != (
            status.st_ino,
            status.st_size,
            status.st_mtime_ns,
        ):
            saved.unlink()
            continue  # changed while the editor had it open: read it again
        saved.replace(path)
        edits += 1
        time.sleep(rng.uniform(0.05, 0.1))
    for process in processes:
        assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    text = path.read_text(encoding="utf-8")
    assert all(f"# hand edit {n}\n" in text for n in range(edits))
    assert_sound(path, {f"e{n}" for n in range(8)})
