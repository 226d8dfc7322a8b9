"""The only way into and out of a store file: find it, read it, check it, change it.

`StoreFile(path)` reads the store (from the cache when its bytes were seen before), checks it
as `timeline check` does, and applies a change: validated exactly as `check` would validate the
resulting file, then written atomically under a lock. Nothing else in timeline opens, parses,
validates, caches or writes a store; the cache is private to this package.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from timeline.errors import Problem, ReadOnlyStore, StoreError
from timeline.model import Event, Store
from timeline.names import id_key
from timeline.store import toml
from timeline.store.files import (
    MAX_STORE_BYTES,
    decode,
    locked,
    read_bytes,
    read_text,
    source_name,
    source_path,
)
from timeline.store.toml import declaration_table, event_table
from timeline.store.write import (
    Change,
    Outcome,
    check_text,
    event_tables,
    into_inline_array,
    source_tables,
    with_ids,
)

__all__ = [
    "BUNDLED_STORE",
    "DEFAULT_NAME",
    "EVENT_FIELDS",
    "MAX_STORE_BYTES",
    "NO_CACHE_ENV",
    "SOURCE_FIELDS",
    "STORE_ENV",
    "Change",
    "Outcome",
    "Report",
    "StoreFile",
    "declaration_table",
    "decode",
    "event_table",
    "load",
    "locate_store",
    "read_document",
    "read_json",
    "read_text",
    "source_name",
    "source_path",
]

if TYPE_CHECKING:
    from timeline.store.cache import Cache
    from timeline.store.check import Report
    from timeline.store.schema import EVENT_FIELDS, SOURCE_FIELDS


def __getattr__(name: str) -> Any:
    """The names whose modules a command that only reads a cached store never needs:
    imported when first asked for (start-up time)."""
    if name in ("EVENT_FIELDS", "SOURCE_FIELDS"):
        from timeline.store import schema

        return getattr(schema, name)
    if name == "Report":
        from timeline.store.check import Report

        return Report
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


STORE_ENV = "TIMELINE_STORE"
NO_CACHE_ENV = "TIMELINE_NO_CACHE"
DEFAULT_NAME = "events.toml"
BUNDLED_STORE = Path(__file__).parent.parent / "data" / DEFAULT_NAME
# How long a write goes on starting again while the file keeps being edited under it.
WRITE_RETRY_SECONDS = 10.0


def locate_store(explicit: Path | None, environ: Mapping[str, str], cwd: Path) -> Path:
    """The store to use: the one named (explicit), else $TIMELINE_STORE, else ./events.toml,
    else the bundled one."""
    if explicit is not None:
        return explicit
    if environ.get(STORE_ENV):
        return Path(environ[STORE_ENV])
    local = cwd / DEFAULT_NAME
    if local.exists():
        return Path(DEFAULT_NAME)
    return BUNDLED_STORE


def load(path: Path, *, cache: bool | None = None) -> Store:
    """The store at path, read and validated (StoreFile(path, cache=cache).read())."""
    return StoreFile(path, cache=cache).read()


def read_document(path: Path) -> dict[str, Any]:
    """A TOML file that is not a store (a draft file), parsed; problems as a store's."""
    return toml.parse(read_text(path), path)


def read_json(path: Path) -> Any:
    """A JSON file (drafts, as extract writes them), parsed; problems as a store's."""
    import json

    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as error:
        message = f"JSON syntax: {error.msg}"
        raise StoreError([Problem(str(path), error.lineno, message, error.colno)]) from None


class _Read(NamedTuple):
    """What a store file's bytes held when last read: a valid store."""

    mark: tuple[int, bytes]  # the bytes' length and digest (the bytes are not kept: memory)
    store: Store
    appendable: bool  # [[events]] tables can be appended to the file
    cached: Any  # the cache's entry for these bytes, to extend, or None
    audited: bytes | None  # the digest of the source files its quotes were found in


class _Plan(NamedTuple):
    """A change made concrete for a file's bytes and validated, ready to write."""

    outcome: Outcome
    base: _Read | None  # the store the change was checked against, when it is valid
    chunks: list[bytes]  # the new file: the old bytes (with the events inserted), then more
    new_events: list[Event] | None  # the events appended, when checked against base alone
    audited: bytes  # the digest of the source files every quote was found in


class StoreFile:
    """One store file. Every command reads, checks and changes a store through one of these."""

    def __init__(self, path: Path, *, cache: bool | None = None) -> None:
        """cache: whether to use the cache of parsed stores; None, unless $TIMELINE_NO_CACHE
        is set. Either way every answer is the same."""
        self.path = path
        self.use_cache = not os.environ.get(NO_CACHE_ENV) if cache is None else cache
        self._cache: Cache | None = None  # made when first needed
        self._last: _Read | None = None

    def read(self) -> Store:
        """The store, validated; StoreError lists every schema problem. Quotes are not checked
        against their sources here (check() and every write do)."""
        return self._read(read_bytes(self.path)).store

    def check(self) -> Report:
        """Every error and warning of the store, as `timeline check` reports them."""
        from timeline.store.check import Report, check_bytes

        try:
            data = read_bytes(self.path)
        except StoreError as error:
            return Report(self.path, error.problems, 0)
        return check_bytes(data, self.path).report

    def validate(self, change: Change) -> Outcome:
        """What applying the change would make, without writing; StoreError lists exactly the
        errors `check` would report for the resulting file."""
        return self._change(change, write=False)

    def apply(self, change: Change) -> Outcome:
        """Validate the change as validate() does, then write it: atomically, under a lock,
        appended to the file's bytes so that what it does not change stays byte for byte."""
        return self._change(change, write=True)

    @property
    def notices(self) -> list[str]:
        """What the user should know that is no error: why the cache could not be used."""
        notice = self._cache.notice if self._cache is not None else None
        return [notice] if notice else []

    def source_path(self, name: str) -> Path:
        """The file a source's `file` names."""
        return source_path(self.path, name)

    def source_name(self, file: Path) -> str:
        """How a source's `file` would name this file."""
        return source_name(self.path, file)

    def _read(self, data: bytes) -> _Read:
        """The valid store the bytes hold, from this object's memory, the cache or a parse."""
        from timeline.store.cache import fingerprint

        last = self._last
        if last is not None and last.mark[0] == len(data) and last.mark == fingerprint(data):
            return last
        cache = self._the_cache()
        if cache is not None:
            cached = cache.fetch(self.path, data)
            if cached is not None:
                mark = (cached.length, cached.running.digest())
                read = _Read(mark, cached.store, cached.appendable, cached, cached.audited)
                self._last = read
                return read
        mark = fingerprint(data)
        text = decode(data, str(self.path))
        from timeline.store import schema

        # A big store's text is already up to twice its bytes: keep one copy (the caller may
        # hold the bytes still; read() does not).
        del data
        document = toml.parse(text, self.path)
        appendable = toml.appendable(text)
        # The text is needed again only to place problems; without it, memory peaks lower.
        del text
        store, findings = schema.analyse(document, self.path)
        if store is None:
            text = read_text(self.path)  # what the user sees now, to point into
            problems = schema.place(findings, text, self.path)
            raise StoreError([p for p in problems if p.severity == "error"])
        del document
        audited = None
        if cache is not None:
            audited = self._audited(store)
            cache.save(self.path, mark, store, appendable=appendable, audited=audited)
        self._last = _Read(mark, store, appendable, None, audited)
        return self._last

    def _the_cache(self) -> Cache | None:
        if self.use_cache and self._cache is None:
            from timeline.store.cache import Cache

            self._cache = Cache()
        return self._cache

    def _audited(self, store: Store) -> bytes | None:
        """The digest of the store's source files if every quote is in them, else None: what
        the cache keeps so that a write need not check every quote again."""
        from timeline.store import audit

        sources = audit.source_texts(audit.store_files(store), self.path)
        return sources.digest() if audit.quotes_hold(store, sources) else None

    def _change(self, change: Change, *, write: bool) -> Outcome:
        target = Path(os.path.realpath(self.path))
        if target == Path(os.path.realpath(BUNDLED_STORE)):
            raise ReadOnlyStore(self.path)
        if not write:
            return self._planned(change, read_bytes(self.path)).outcome
        from timeline.atomic import ChangedMeanwhile

        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        with locked(target):
            while time.monotonic() < deadline:
                try:
                    status = target.stat()
                except OSError:
                    status = None  # read_bytes says why
                data = read_bytes(self.path)
                plan = self._planned(change, data)
                try:
                    self._write(target, plan.chunks, status)
                except ChangedMeanwhile:
                    continue  # an edit by hand landed after the read: start again from it
                self._cache_write(plan)
                return plan.outcome
        message = "the file kept changing while timeline was adding to it; try again"
        raise StoreError([Problem(str(self.path), None, message)])

    def _planned(self, change: Change, data: bytes) -> _Plan:
        """The change made concrete for the file's bytes (ids given, tables written) and
        validated; StoreError when the result would have errors."""
        from timeline.store import audit
        from timeline.store.check import check_bytes, errors_of

        try:
            base: _Read | None = self._read(data)
        except StoreError:
            base = None  # the full check below reports the store's own errors
        if base is not None and not change.allow_duplicate:
            from timeline.store.duplicates import refuse

            refuse(base.store, change.events)  # before the errors of a file added twice
        taken = set(base.store.events.id_keys()) if base else _raw_ids(data, self.path)
        events = with_ids(change.events, taken)
        check_text(change, events)
        declared = source_tables(change)
        appended = base is None or base.appendable
        if appended:
            new_tables = declared + event_tables(events)
            added = toml.addition(data, new_tables)
            chunks = [data, added]
            shown = "\n".join(new_tables)
        else:
            # Events written as `events = [...]`: the new ones go into that array.
            inserted, entries = _into_inline_array(data, events, self.path)
            added = toml.addition(inserted, declared)
            chunks = [inserted, added]
            shown = "\n".join([*entries, *declared])
        checked = self._check_addition(base, change, data, added) if base and appended else None
        if checked is not None:
            store, new_events, audited = checked
        else:
            whole = check_bytes(b"".join(chunks), self.path)
            if whole.report.errors or whole.store is None:
                raise errors_of(whole.report)
            store, new_events = whole.store, None
            # No error: every quote is in the source files, as they are now.
            audited = audit.source_texts(audit.store_files(store), self.path).digest()
        ids = tuple(event["id"] for event in events)
        return _Plan(Outcome(store, ids, shown), base, chunks, new_events, audited)

    def _check_addition(
        self, base: _Read, change: Change, data: bytes, added: bytes
    ) -> tuple[Store, list[Event], bytes] | None:
        """The store after appending events to a valid store, checked without parsing the
        store again: the new events against its declarations and ids, their quotes against
        its sources. None when that cannot tell what the whole check would (a new
        declaration, or quotes of the store that do not hold)."""
        from timeline.store import audit, schema

        if change.sources:
            return None
        sources = audit.source_texts(audit.store_files(base.store), self.path)
        digest = sources.digest()
        if base.audited != digest and not audit.quotes_hold(base.store, sources):
            return None  # the full check reports the store's own quote errors
        text = decode(added, str(self.path))
        document = toml.parse(text, self.path)
        first = len(base.store.events)
        new_events, findings = schema.analyse_addition(base.store, document["events"], self.path)
        findings += audit.event_findings(document["events"], sources, first=first)
        errors = [finding for finding in findings if finding.severity == "error"]
        if errors:
            lines = data.count(b"\n")
            problems = schema.place(errors, text, self.path)
            raise StoreError(
                [p._replace(line=p.line + lines) if p.line is not None else p for p in problems]
            )
        store = base.store._replace(events=base.store.events.plus(new_events))
        return store, new_events, digest

    def _write(self, target: Path, chunks: list[bytes], status: os.stat_result | None) -> None:
        from timeline.atomic import ChangedMeanwhile, write_atomic

        self._last = None
        try:
            write_atomic(target, chunks, expected=status)
        except ChangedMeanwhile:
            raise
        except OSError as error:
            reason = error.strerror or str(error)
            raise StoreError([Problem(str(self.path), None, f"cannot write: {reason}")]) from None

    def _cache_write(self, plan: _Plan) -> None:
        """Keep the cache in step with what was written: a journal of the events appended to
        a cached store whose quotes were checked against the same source files, else a new
        entry."""
        cache = self._the_cache()
        if cache is None:
            return
        from timeline.store.cache import fingerprint

        base = plan.base
        if (
            base is not None
            and base.cached is not None
            and plan.new_events is not None
            and base.audited == plan.audited
        ):
            cache.extend(self.path, base.cached, plan.chunks[1], plan.new_events)
            return
        new = b"".join(plan.chunks)
        appendable = toml.appendable(decode(new, str(self.path)))
        store = plan.outcome.store
        cache.save(self.path, fingerprint(new), store, appendable=appendable, audited=plan.audited)


def _raw_ids(data: bytes, path: Path) -> set[str]:
    """The id keys of the events of a store that is not valid, as far as it parses."""
    try:
        document = toml.parse(decode(data, str(path)), path)
    except StoreError:
        return set()
    events = document.get("events")
    return {
        id_key(event["id"])
        for event in (events if isinstance(events, list) else [])
        if isinstance(event, dict) and isinstance(event.get("id"), str)
    }


def _into_inline_array(
    data: bytes, events: list[dict[str, Any]], path: Path
) -> tuple[bytes, list[str]]:
    """The file's bytes with the events written into its `events = [...]` array."""
    text = decode(data, str(path))
    done = into_inline_array(text, events)
    if done is None:  # pragma: no cover - a store is appendable unless it has such an array
        raise StoreError([Problem(str(path), 1, "cannot find the events array", column=1)])
    inserted, entries = done
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    return bom + inserted.encode("utf-8"), entries
