"""Add events to a store file without touching what is already written in it.

The new `[[events]]` blocks are appended to the file's bytes (comments, order, formatting and
line endings stay as they are); the result is parsed and validated before it replaces the old
file, atomically, under a lock so that concurrent additions queue instead of overwriting each
other.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import unicodedata
from collections.abc import Container, Iterator
from pathlib import Path
from typing import Any

from timeline.atomic import write_atomic
from timeline.errors import Finding, Problem, StoreError, TimelineError
from timeline.model import Event, Store, id_key
from timeline.store import build, decode, parse_toml, place, read_bytes

LOCK_TIMEOUT_SECONDS = 30.0


def event_toml(fields: dict[str, Any]) -> str:
    """One event as a TOML `[[events]]` block, fields in the store's usual order."""
    import tomli_w  # only adding writes TOML

    # The header is written here: tomli-w would write a short event as an inline table
    # (`events = [{...}]`), which cannot follow the store's own [[events]] tables.
    return "[[events]]\n" + tomli_w.dumps(fields)


def derive_id(date: str, title: str, taken: Container[str]) -> str:
    """An id from the date and the first words of the title whose id_key is not in taken:
    "2023-05-17-pashinyan-recognises-azerbaijan-s"."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", title).casefold())
    date_part = "-".join(re.findall(r"\w+", date))
    base = "-".join([date_part, *words[:5]]).strip("-")[:60].rstrip("-") or "event"
    candidate, number = base, 2
    while id_key(candidate) in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def append_events(
    path: Path,
    blocks: list[str],
    *,
    dry_run: bool = False,
    use_cache: bool | None = None,
    notices: list[str] | None = None,
) -> Store:
    """Append TOML event blocks to the store at path, validated with the rest of the store.
    Raises StoreError (and writes nothing) when the result would not be a valid store. Why
    the cache could not be used, if it could not, is added to notices.

    When the cache holds the store as it is, only the new blocks are parsed and checked
    against it (appending [[events]] tables to a valid store that allows them keeps it valid
    TOML); otherwise the whole new text is parsed and validated."""
    from timeline.store import cache_enabled
    from timeline.store.cache import Cache, fingerprint

    cache = Cache() if cache_enabled(use_cache) else None
    target = Path(os.path.realpath(path))
    with _locked(target):
        old = read_bytes(path)
        added = _addition(old, blocks)
        # Only events can be checked against the cache; a new source needs the whole file.
        only_events = all(block.startswith("[[events]]") for block in blocks)
        cached = cache.fetch(path, old) if cache is not None and only_events else None
        if cache is not None:
            cache.report(notices)
        if cached is not None and cached.appendable:
            # The cache holds this very file, parsed and validated: no need to decode it.
            store, new_events = _check_addition(cached.store, path, old, added)
        else:
            # Decoding the whole new text also checks the old bytes, at the same positions.
            store, appendable = _check_whole(path, old + added, len(blocks))
            new_events = []
        if dry_run:
            return store
        write_atomic(target, [old, added])
        if cache is not None and cached is not None and cached.appendable:
            cache.extend(path, cached, added, new_events)
        elif cache is not None:
            cache.save(path, fingerprint(old + added), store, appendable=appendable)
        if cache is not None:
            cache.report(notices)
        return store


def _check_whole(path: Path, new: bytes, count: int) -> tuple[Store, bool]:
    from timeline.store import appendable

    text = decode(new, str(path))
    document = parse_toml(text, path)
    store, problems = build(document, path, text)
    errors = [p for p in problems if p.severity == "error"]
    if store is None or errors:
        raise StoreError(errors)
    quote_errors = _quote_errors(document, path, len(store.events) - count)
    if quote_errors:
        raise StoreError(place(quote_errors, text, path))
    return store, appendable(text)


def _check_addition(
    store: Store, path: Path, old: bytes, added: bytes
) -> tuple[Store, list[Event]]:
    """Check only the added text against the cached store; problems are placed at their
    lines in the whole new file."""
    from timeline.store import analyse_addition

    text = decode(added, str(path))
    try:
        document = parse_toml(text, path)
    except StoreError as error:
        raise StoreError(_shifted(error.problems, old)) from None
    findings: list[Finding]
    if set(document) != {"events"}:
        findings = [
            Finding((key,), "only [[events]] can be added", field=key)
            for key in document
            if key != "events"
        ]
        new_events: list[Event] = []
    else:
        new_events, findings = analyse_addition(store, document["events"], path)
        findings += _quote_errors(document, path, 0)
    if findings:
        problems = place(findings, text, path)
        raise StoreError(_shifted([p for p in problems if p.severity == "error"], old))
    return store._replace(events=store.events.plus(new_events)), new_events


def _shifted(problems: list[Problem], old: bytes) -> list[Problem]:
    """Problems found in the added text, at their lines in the whole file."""
    lines = old.count(b"\n")
    return [p._replace(line=p.line + lines) if p.line is not None else p for p in problems]


def _quote_errors(document: dict[str, Any], path: Path, first_new: int) -> list[Finding]:
    """What `check` would say is wrong with the quotes of the events from index first_new on."""
    from timeline.check import audit

    return [
        finding
        for finding in audit(document, path.parent)
        if finding.severity == "error"
        and finding.path[:1] == ("events",)
        and isinstance(finding.path[1], int)
        and finding.path[1] >= first_new
    ]


def _addition(old: bytes, blocks: list[str]) -> bytes:
    # Keep the file's own line endings, as its first line ends: a CRLF file stays CRLF.
    first_end = old.find(b"\n")
    newline = b"\r\n" if first_end > 0 and old[first_end - 1 : first_end] == b"\r" else b"\n"
    added = b""
    if old and not old.endswith(b"\n"):
        added += newline
    for block in blocks:
        added += newline + block.encode("utf-8").replace(b"\n", newline)
    return added


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
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
        raise TimelineError(f"{lock_path}: cannot create the lock file: {error.strerror}") from None
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
