"""The only way into and out of a store file: find it, read it, check it, change it.

`StoreFile(path)` reads the store (from the cache when its bytes were seen before), checks it
as `timeline check` does, and applies a change: validated exactly as `check` would validate the
resulting file, then written atomically under a lock. Nothing else in timeline opens, parses,
validates, caches or writes a store; the cache is private to this package.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from timeline.errors import Problem, ReadOnlyStore, StoreError, UnknownName
from timeline.model import Event, Store
from timeline.names import DECLARATION_NOUNS, id_key
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
from timeline.store.toml import account_table, declaration_table, event_table
from timeline.store.write import (
    Change,
    Outcome,
    Shown,
    check_text,
    event_tables,
    into_inline_array,
    with_ids,
)

__all__ = [
    "BUNDLED_STORE",
    "DEFAULT_NAME",
    "DEFAULT_TYPES",
    "EVENT_FIELDS",
    "MAX_STORE_BYTES",
    "NO_CACHE_ENV",
    "OPTIONAL_EVENT_FIELDS",
    "SOURCE_FIELDS",
    "STORE_ENV",
    "TYPE_PALETTE",
    "Change",
    "ChangedOnDisk",
    "EventText",
    "EventTexts",
    "Outcome",
    "Report",
    "StoreExists",
    "StoreFile",
    "account_table",
    "color_key",
    "declaration_table",
    "decode",
    "event_table",
    "file_sha256",
    "likely_duplicate",
    "load",
    "locate_store",
    "new_store_text",
    "read_document",
    "read_json",
    "read_text",
    "source_name",
    "source_path",
]

if TYPE_CHECKING:
    from timeline.store.audit import color_key
    from timeline.store.cache import Cache
    from timeline.store.check import Report
    from timeline.store.duplicates import likely_duplicate
    from timeline.store.new import DEFAULT_TYPES, TYPE_PALETTE, new_store_text
    from timeline.store.positions import Layout
    from timeline.store.schema import EVENT_FIELDS, OPTIONAL_EVENT_FIELDS, SOURCE_FIELDS


def __getattr__(name: str) -> Any:
    """The names whose modules a command that only reads a cached store never needs:
    imported when first asked for (start-up time)."""
    if name in ("EVENT_FIELDS", "SOURCE_FIELDS", "OPTIONAL_EVENT_FIELDS"):
        from timeline.store import schema

        return getattr(schema, name)
    if name in ("new_store_text", "DEFAULT_TYPES", "TYPE_PALETTE"):
        from timeline.store import new

        return getattr(new, name)
    if name == "color_key":
        from timeline.store.audit import color_key

        return color_key
    if name == "Report":
        from timeline.store.check import Report

        return Report
    if name == "likely_duplicate":
        from timeline.store.duplicates import likely_duplicate

        return likely_duplicate
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


STORE_ENV = "TIMELINE_STORE"
NO_CACHE_ENV = "TIMELINE_NO_CACHE"
DEFAULT_NAME = "events.toml"
BUNDLED_STORE = Path(__file__).parent.parent / "data" / DEFAULT_NAME
# How long a write goes on starting again while the file keeps being edited under it.
WRITE_RETRY_SECONDS = 10.0
# What a long write tells of how far it has got: work done, work in all.
Progress = Callable[[int, int], None]


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


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, in lowercase hex (as a source's `sha256` records it);
    read as a store is (a regular file, within the size limit)."""
    import hashlib

    return hashlib.sha256(read_bytes(path)).hexdigest()


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

    def validate(self, change: Change, progress: Progress | None = None) -> Outcome:
        """What applying the change would make, without writing; StoreError lists exactly the
        errors `check` would report for the resulting file."""
        return self._change(change, write=False, progress=progress)

    def apply(self, change: Change, progress: Progress | None = None) -> Outcome:
        """Validate the change as validate() does, then write it: atomically, under a lock,
        appended to the file's bytes so that what it does not change stays byte for byte."""
        return self._change(change, write=True, progress=progress)

    def create(self, text: str) -> Store:
        """Write text as a new store file at this path: refused with check's errors when it
        has any (StoreError), and when anything has that name already (StoreExists). The file
        appears whole or not at all, with the permissions the umask gives a new file."""
        from timeline.atomic import create_atomic
        from timeline.store.check import check_bytes, errors_of

        data = text.encode("utf-8")
        checked = check_bytes(data, self.path, errors_only=True)
        if checked.store is None:
            raise errors_of(checked.report)
        if os.path.lexists(self.path):
            raise StoreExists(self.path)
        try:
            create_atomic(self.path, [data])
        except FileExistsError:
            raise StoreExists(self.path) from None
        except OSError as error:
            reason = error.strerror or str(error)
            raise StoreError([Problem(str(self.path), None, f"cannot create: {reason}")]) from None
        return checked.store

    def check_writable(self) -> None:
        """ReadOnlyStore for a store that is not the user's to change (the bundled one): what
        every write refuses, to ask before the user spends work on a change."""
        if Path(os.path.realpath(self.path)) == Path(os.path.realpath(BUNDLED_STORE)):
            raise ReadOnlyStore(self.path)

    def event_text(self, event_id: str) -> EventText:
        """An event's TOML as the file has it (to edit and give back as a rewrite), and the
        mark of the file's bytes (to refuse the rewrite if the file changes meanwhile)."""
        texts = self.event_texts([event_id])
        return EventText(texts.texts[0], texts.mark)

    def event_texts(self, event_ids: list[str]) -> EventTexts:
        """The TOML of each event, as the file has it, from one read of the file; an event
        named twice (in any case) is given once."""
        from timeline.store import edit
        from timeline.store.cache import fingerprint

        data = read_bytes(self.path)
        indexes, layout = self._indexed(data)
        places = dict.fromkeys(_index_of(indexes, event_id) for event_id in event_ids)
        texts = [edit.block_text(layout, index) for index in places]
        return EventTexts(texts, [indexes.ids[index] for index in places], fingerprint(data))

    def declaration_text(self, section: str, item_id: str) -> str:
        """A declaration's TOML as the file has it (what removing it would take away);
        UnknownName when the section does not declare item_id."""
        from timeline.store import edit

        data = read_bytes(self.path)
        base = self._read(data)
        declared = _declared(base, data, self.path)
        if item_id not in declared.get(section, set()):
            what = DECLARATION_NOUNS.get(section, section)
            raise UnknownName(what, item_id, sorted(declared.get(section, set())))
        _, layout = self._indexed(data, base)
        try:
            return edit.declaration_text(layout, section, item_id)
        except edit.CannotEdit as error:
            raise StoreError([Problem(str(self.path), None, str(error))]) from None

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
        from timeline.store import schema

        # A big store's text is up to twice its bytes, and its parsed tables several times
        # that: it is parsed and checked a block of events at a time, so that only the bytes,
        # the records and one block's tables are in memory at once.
        try:
            blocks = toml.in_blocks(data)
            if blocks is not None:
                appendable = blocks.appendable
                store, findings = schema.analyse_blocks(blocks.head, blocks.tables, self.path)
        except toml.Unsplit:
            blocks = None  # parsed whole, which says what is wrong if anything is
        if blocks is None:
            text = decode(data, str(self.path))
            # Keep one copy (the caller may hold the bytes still; read() does not).
            del data
            document = toml.parse(text, self.path)
            appendable = toml.appendable(text)
            # The text is needed again only to place problems; without it, memory peaks lower.
            del text
            store, findings = schema.analyse(document, self.path)
            del document
        else:
            del blocks, data
        if store is None:
            text = read_text(self.path)  # what the user sees now, to point into
            problems = schema.place(findings, text, self.path)
            raise StoreError([p for p in problems if p.severity == "error"])
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

    def _change(self, change: Change, *, write: bool, progress: Progress | None) -> Outcome:
        self.check_writable()
        target = Path(os.path.realpath(self.path))
        if not write:
            data = read_bytes(self.path)
            plan = self._planned(change, data, progress)
            return plan.outcome._replace(unchanged=_same(plan.chunks, data))
        from timeline.atomic import ChangedMeanwhile

        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        with locked(target):
            while time.monotonic() < deadline:
                try:
                    status = target.stat()
                except OSError:
                    status = None  # read_bytes says why
                data = read_bytes(self.path)
                plan = self._planned(change, data, progress)
                if _same(plan.chunks, data):
                    return plan.outcome._replace(unchanged=True)  # nothing to write
                try:
                    self._write(target, plan.chunks, status)
                except ChangedMeanwhile:
                    continue  # an edit by hand landed after the read: start again from it
                self._cache_write(plan)
                return plan.outcome
        message = "the file kept changing while timeline was adding to it; try again"
        raise StoreError([Problem(str(self.path), None, message)])

    def _planned(self, change: Change, data: bytes, progress: Progress | None) -> _Plan:
        """The change made concrete for the file's bytes (ids given, tables written) and
        validated; StoreError when the result would have errors."""
        from timeline.store.cache import fingerprint

        if change.expected is not None and fingerprint(data) != change.expected:
            raise ChangedOnDisk(self.path)
        try:
            base: _Read | None = self._read(data)
        except StoreError:
            base = None  # the full check below reports the store's own errors
            self._refuse_unreadable(data)
        if base is not None and not change.allow_duplicate:
            from timeline.store.duplicates import refuse

            refuse(base.store, change.events)  # before the errors of a file added twice
        provisional: dict[str, str] = {}  # ids derived from dates that cannot be read
        try:
            if change.appends_only:
                return self._appended(change, data, base, progress, provisional)
            return self._edited(change, data, base, progress, provisional)
        except StoreError as error:
            if not provisional:
                raise
            # Named by their titles, not by ids made of dates that are no dates.
            problems = [
                p._replace(event=provisional.get(p.event, p.event)) if p.event else p
                for p in error.problems
            ]
            raise StoreError(problems) from None

    def _appended(
        self,
        change: Change,
        data: bytes,
        base: _Read | None,
        progress: Progress | None,
        provisional: dict[str, str],
    ) -> _Plan:
        """A change that only adds events: their tables follow the file's bytes."""
        taken = set(base.store.events.id_keys()) if base else _raw_ids(data, self.path)
        events = with_ids(change.events, taken, provisional)
        if base is None or base.appendable:
            check_text(change, [])  # the events' texts: as their tables are written
            chunks = [data, _addition(data, events, progress)]
            shown = Shown(chunks[1])
            checked = (
                self._check_addition(base, chunks[1], progress=progress, count=len(events))
                if base
                else None
            )
            changed = [_Changed(len(data), len(data), len(data), len(data) + len(chunks[1]))]
        else:
            # Events written as `events = [...]`: the new ones go into that array.
            check_text(change, events)
            inserted, entries, at = _into_inline_array(data, events, self.path)
            chunks, shown, checked = [inserted], Shown(tables=tuple(entries)), None
            changed = [_Changed(at, at, at, at + len(inserted) - len(data))]
        ids = tuple(event["id"] for event in events)
        if checked is not None:
            store, new_events, audited = checked
            return _Plan(Outcome(store, ids, shown), base, chunks, new_events, audited)
        store, audited = self._checked(b"".join(chunks), data, changed)
        return _Plan(Outcome(store, ids, shown), base, chunks, None, audited)

    def _edited(
        self,
        change: Change,
        data: bytes,
        base: _Read | None,
        progress: Progress | None,
        provisional: dict[str, str],
    ) -> _Plan:
        """A change that edits, removes or declares: spliced into the file's text."""
        from timeline.store import edit
        from timeline.store.positions import Layout
        from timeline.store.schema import ACCOUNT_FIELDS, EVENT_FIELDS

        text = decode(data, str(self.path))
        indexes, layout = self._indexed(data, base, text)
        events = with_ids(change.events, set(indexes.keys), provisional)
        check_text(change, [])  # the new events' texts: as their tables are written
        declared = _declared(base, data, self.path)

        def index_of(event_id: str) -> int:
            return _index_of(indexes, event_id)

        splices: list[edit.Splice] = []
        touched: list[int] = []  # the events edited or rewritten
        try:
            removed = [index_of(event_id) for event_id in change.removals]
            splices += edit.remove_events(layout, removed)
            for event_id, fields in change.edits:
                index = index_of(event_id)
                touched.append(index)
                old = _raw_events(data, self.path)[index] if layout.whole else {}
                splices += edit.set_fields(layout, index, fields, old, tuple(EVENT_FIELDS))
            for event_id, source, account in change.account_edits:
                index = index_of(event_id)
                touched.append(index)
                try:
                    splices += edit.set_account(
                        layout, index, source, account, tuple(ACCOUNT_FIELDS)
                    )
                except edit.CannotEdit as error:
                    raise edit.CannotEdit(f"event {event_id}: {error}") from None
            for event_id, new in change.rewrites:
                index = index_of(event_id)
                touched.append(index)
                _check_rewrite(new, edit.event_block(layout, index)[2], self.path)
                splices.append(edit.replace_event(layout, index, new))
            for section, item_id in change.retractions:
                _check_retraction(base, declared, section, item_id, self.path, change)
                splices += edit.remove_declaration(layout, section, item_id)
            for section, item_id, fields in change.declarations:
                if item_id in declared.get(section, ()):  # TOML's error would say less
                    what = DECLARATION_NOUNS.get(section, section)
                    problem = Problem(
                        str(self.path), None, f"{what} {item_id!r} is declared already"
                    )
                    raise StoreError([problem])
                splices.append(edit.insert_declaration(layout, section, item_id, fields))
            new_text = edit.spliced(text, splices)
        except edit.CannotEdit as error:
            raise StoreError([Problem(str(self.path), None, str(error))]) from None
        shown = [toml.declaration_table(s, i, f) for s, i, f in change.declarations]
        gone = sorted(set(removed))
        blocks: list[tuple[int, str]] = []  # (index, TOML) of each event edited, as it now is
        if touched:
            # The edited events as the new text has them (events removed before them shift).
            after = Layout(new_text, len(indexes.ids) - len(gone))
            places = [k - sum(1 for g in gone if g < k) for k in dict.fromkeys(touched)]
            blocks = [(k, edit.block_text(after, k)) for k in places]
            shown = [block.replace("\r\n", "\n") for _, block in blocks] + shown
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        edited = bom + new_text.encode("utf-8")
        chunks = [edited, _addition(edited, events, progress)] if events else [edited]
        changed = _changed(text, splices, len(bom))
        if events:
            end = len(data)
            changed.append(_Changed(end, end, len(edited), len(edited) + len(chunks[1])))
        checked = None
        parts_checkable = not (change.retractions or layout.whole)
        if base is not None and parts_checkable and (base.appendable or not events):
            after_count = len(indexes.ids) - len(gone)
            parts = _Parts(new_text, after_count, gone, dict.fromkeys(touched), blocks)
            added = chunks[1] if events else b""
            checked = self._check_parts(base, change, parts, added, progress)
        if checked is not None:
            store, audited = checked
        else:
            store, audited = self._checked(b"".join(chunks), data, changed)
        ids = tuple(event["id"] for event in events)
        return _Plan(
            Outcome(
                store,
                ids,
                Shown(chunks[1] if events else b"", tuple(shown)),
                _ids_of(blocks, self.path),
            ),
            base,
            chunks,
            None,
            audited,
        )

    def _indexed(
        self, data: bytes, base: _Read | None = None, text: str | None = None
    ) -> tuple[_Indexes, Layout]:
        """The events' ids (their keys, to their place in the file) and the file's layout."""
        from timeline.store.positions import Layout

        if base is None:
            try:
                base = self._read(data)
            except StoreError:
                base = None
                self._refuse_unreadable(data)
        if base is not None:
            keys = base.store.events.id_keys()
            indexes = _Indexes(keys, base.store.events.ids())
        else:
            raw = _raw_events(data, self.path)
            ids = [event["id"] if isinstance(event.get("id"), str) else "" for event in raw]
            indexes = _Indexes({id_key(i): k for k, i in enumerate(ids) if i}, ids)
        text = decode(data, str(self.path)) if text is None else text
        return indexes, Layout(text, len(indexes.ids))

    def _refuse_unreadable(self, data: bytes) -> None:
        """Refuse any change to a file that is not TOML (or not text) with check's errors for
        the file as it is: where a change would go cannot be told, and the result's syntax
        error could be found in what the change writes instead of where it is."""
        from timeline.store.check import check_bytes, errors_of

        try:
            toml.parse(decode(data, str(self.path)), self.path)
        except StoreError:
            raise errors_of(check_bytes(data, self.path, errors_only=True).report) from None

    def _checked(self, new: bytes, old: bytes, changed: list[_Changed]) -> tuple[Store, bytes]:
        """The store the new bytes hold, checked whole as `check` does; StoreError with
        check's errors, placed in the file as it is now (the change is not written)."""
        from timeline.store import audit
        from timeline.store.check import check_bytes, errors_of

        whole = check_bytes(new, self.path, errors_only=True)
        if whole.report.errors or whole.store is None:
            lines = _LineMap(new, old, changed)
            raise StoreError([lines.placed(p) for p in errors_of(whole.report).problems])
        # No error: every quote is in the source files, as they are now.
        store = whole.store
        return store, audit.source_texts(audit.store_files(store), self.path).digest()

    def _check_edits(
        self, base: _Read, gone: list[int], touched: dict[int, None], blocks: list[tuple[int, str]]
    ) -> tuple[Store, bytes] | None:
        """The store after events of a valid store are removed or edited, checked without
        parsing the store again: removing an event cannot make an error, and each edited
        event is checked against the store's declarations and the other events' ids, and its
        quotes against the sources. None when that cannot tell what the whole check would
        (quotes of the store that do not hold)."""
        from bisect import bisect_left
        from operator import attrgetter

        from timeline.model import Events, in_calendar_order
        from timeline.store import audit, schema

        sources = audit.source_texts(audit.store_files(base.store), self.path)
        digest = sources.digest()
        if base.audited != digest and not audit.quotes_hold(base.store, sources):
            return None  # the full check reports the store's own quote errors
        old = set(gone) | set(touched)
        known = {key: k for key, k in base.store.events.id_keys().items() if k not in old}
        try:
            fields = [toml.parse(block, self.path)["events"][0] for _, block in blocks]
        except StoreError:
            return None  # the whole check places the syntax error in the file
        if not all(isinstance(event.get("id"), str) for event in fields):
            return None  # the whole check names an event without an id by its place
        keys = [id_key(event["id"]) for event in fields]
        if len(set(keys)) < len(keys) or any(key in known for key in keys):
            return None  # the whole check names the later of two events with one id
        checked = schema.analyse_addition(base.store, fields, self.path, known=known)
        new_events = checked.events
        findings = checked.findings + audit.event_findings(fields, sources)
        errors = [finding for finding in findings if finding.severity == "error"]
        if errors:
            return None  # the whole check places them at the lines of the file as it is
        edited = {k: event for (k, _), event in zip(blocks, new_events, strict=True)}
        kept = []
        for event in base.store.events.all():
            index = event.number - 1
            if index in old:
                continue
            place = index - bisect_left(gone, index)
            kept.append(event if place == index else event._replace(number=place + 1))
        kept += [event._replace(number=k + 1) for k, event in edited.items()]
        kept.sort(key=attrgetter("number"))  # events of one date stay in the file's order
        store = base.store._replace(events=Events(in_calendar_order(kept)))
        return store, digest

    def _check_addition(
        self,
        base: _Read,
        added: bytes,
        *,
        progress: Progress | None = None,
        count: int = 0,
    ) -> tuple[Store, list[Event], bytes] | None:
        """The store after appending events to a valid store, checked without parsing the
        store again: the new events against its declarations and ids, their quotes against
        its sources. The events are read a batch at a time, to keep memory low. None when
        that cannot tell what the whole check would (quotes of the store that do not hold;
        something written outside the events). progress: told of each batch checked, as the
        second half of the work on count events (writing their tables was the first)."""
        from timeline.store import audit, schema

        sources = audit.source_texts(audit.store_files(base.store), self.path)
        digest = sources.digest()
        if base.audited != digest and not audit.quotes_hold(base.store, sources):
            return None  # the full check reports the store's own quote errors
        known = dict(base.store.events.id_keys())
        first = len(base.store.events)
        new_events: list[Event] = []
        problems: list[Problem] = []
        try:
            for text, raw in toml.appended_blocks(added):
                checked = schema.analyse_addition(
                    base.store, raw, self.path, known=known, first=first
                )
                findings = checked.findings + audit.event_findings(raw, sources, first=first)
                errors = [finding for finding in findings if finding.severity == "error"]
                # Named by their event and field: their lines are not in the file (yet).
                placed = schema.place(errors, text, self.path)
                problems += [p._replace(line=None, column=None) for p in placed]
                new_events += checked.events
                for index, event in enumerate(raw):
                    if isinstance(event, dict) and isinstance(event.get("id"), str):
                        known.setdefault(id_key(event["id"]), first + index)
                first += len(raw)
                if progress is not None:
                    progress(count + first - len(base.store.events), 2 * count)
        except toml.Unsplit:
            return None  # something written outside the events: the whole check reports it
        if problems:
            raise StoreError(problems)
        store = base.store._replace(events=base.store.events.plus(new_events))
        return store, new_events, digest

    def _check_parts(
        self, base: _Read, change: Change, parts: _Parts, added: bytes, progress: Progress | None
    ) -> tuple[Store, bytes] | None:
        """The store after a change that declares, removes, edits and appends, each part
        checked in that order without parsing the store again: its declarations, as the new
        text has them, beside the store's own; the events removed and edited against them;
        the events appended against the result. None when a part cannot tell what the whole
        check would (an error in a declaration, or one that does not read back as itself, is
        placed by the whole check)."""
        from timeline.store import edit, schema
        from timeline.store.positions import Layout

        current = base
        if change.declarations:
            layout = Layout(parts.text, parts.events)
            declarations: dict[str, dict[str, Any]] = {}
            for section, item_id, _ in change.declarations:
                try:
                    table = toml.parse(edit.declaration_text(layout, section, item_id), self.path)
                except (edit.CannotEdit, StoreError):
                    return None
                items = table.get(section)
                if table.keys() != {section} or not isinstance(items, dict):
                    return None
                if items.keys() != {item_id} or "file" in items[item_id]:
                    return None  # (the whole check reads a new source's file)
                declarations.setdefault(section, {})[item_id] = items[item_id]
            addition = schema.analyse_addition(base.store, [], self.path, declarations=declarations)
            if any(finding.severity == "error" for finding in addition.findings):
                return None
            declared = addition.declared
            store = base.store._replace(
                types=declared.types, actors=declared.actors, sources=declared.sources
            )
            current = base._replace(store=store)
        if parts.gone or parts.touched:
            edited = self._check_edits(current, parts.gone, parts.touched, parts.blocks)
            if edited is None:
                return None
            if not added:
                return edited
            current = current._replace(store=edited[0], audited=edited[1])
        count = len(change.events)
        appended = self._check_addition(current, added, progress=progress, count=count)
        return None if appended is None else (appended[0], appended[2])

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
        # A valid store stays appendable (or not) through a change: no change writes a
        # top-level `events = [...]`, nor takes one away.
        appendable = (
            base.appendable
            if base is not None
            else toml.appendable(decode(b"".join(plan.chunks), str(self.path)))
        )
        store = plan.outcome.store
        mark = fingerprint(*plan.chunks)
        cache.save(self.path, mark, store, appendable=appendable, audited=plan.audited)


class EventText(NamedTuple):
    """An event's TOML as its store's file has it, and the mark of the file's bytes."""

    text: str
    mark: tuple[int, bytes]


class EventTexts(NamedTuple):
    """Events' TOML as their store's file has it, their ids, and the mark of the file's
    bytes."""

    texts: list[str]
    ids: list[str]
    mark: tuple[int, bytes]


class _Parts(NamedTuple):
    """What a change makes of a file's text, for its parts to be checked one by one: the new
    text, its number of events, the places of the events removed (in the old text) and
    edited, and each edited event's (place, TOML) in the new text."""

    text: str
    events: int
    gone: list[int]
    touched: dict[int, None]
    blocks: list[tuple[int, str]]


class _Indexes(NamedTuple):
    """A store's event ids: their keys to their place in the file, and the ids in order."""

    keys: dict[str, int]
    ids: list[str]


def _index_of(indexes: _Indexes, event_id: str) -> int:
    if id_key(event_id) not in indexes.keys:
        raise UnknownName("event", event_id, indexes.ids)
    return indexes.keys[id_key(event_id)]


class ChangedOnDisk(StoreError):
    """The store's file is not what a change was made from (it was edited meanwhile)."""

    def __init__(self, path: Path) -> None:
        message = "the file changed on disk since timeline read it; nothing was written"
        super().__init__([Problem(str(path), None, message)])


class StoreExists(StoreError):
    """A new store's path that something has already: a new store never replaces anything."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.is_symlink():
            what = "a symbolic link"
        elif path.is_dir():
            what = "a folder"
        else:
            what = "a file"
        self.what = what
        message = f"{what} of this name exists already; a new store never replaces anything"
        super().__init__([Problem(str(path), None, message)])


class _Changed(NamedTuple):
    """Bytes old[old_start:old_end] became new[new_start:new_end]."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


def _changed(text: str, splices: list[Any], offset: int) -> list[_Changed]:
    """The byte ranges the splices change, in the old bytes and the new (offset: a BOM)."""
    changes = []
    shift = 0
    for splice in sorted(splices, key=lambda s: (s.start, s.end)):
        old_start = offset + len(text[: splice.start].encode("utf-8"))
        old_end = old_start + len(text[splice.start : splice.end].encode("utf-8"))
        size = len(splice.new.encode("utf-8"))
        changes.append(_Changed(old_start, old_end, old_start + shift, old_start + shift + size))
        shift += size - (old_end - old_start)
    return changes


class _LineMap:
    """Where the lines of a file's new bytes were in its old bytes: a problem found in what
    a change would write is placed in the file as it is now (the change is refused, so that
    is what the user sees). A problem in lines the change writes in place of others (an
    edited field, an edited event) is placed on the line it replaces, without a column; one
    in lines the change only adds (a new event) has no line there: it is named by its event
    and field."""

    def __init__(self, new: bytes, old: bytes, changed: list[_Changed]) -> None:
        # For each change in order: the first new line after it, the lines it adds, the
        # first and last new line it writes, and the old lines it replaces (none: 0, -1).
        self.changes: list[tuple[int, int, int, int, int, int]] = []
        for change in changed:
            first = new.count(b"\n", 0, change.new_start) + 1
            new_lines = new.count(b"\n", change.new_start, change.new_end)
            old_lines = old.count(b"\n", change.old_start, change.old_end)
            starts_line = change.new_start == 0 or new[change.new_start - 1] == 0x0A
            ends_line = change.new_end == 0 or new[change.new_end - 1] == 0x0A
            if change.new_end == change.new_start:  # removed only
                after = first if starts_line else first + 1
                written = (0, -1)
            elif starts_line and ends_line:
                after = first + new_lines
                written = (first, after - 1)
            else:
                after = first + new_lines + 1
                written = (first, after - 1)
            replaced = (0, -1)
            if change.old_end > change.old_start:
                old_first = old.count(b"\n", 0, change.old_start) + 1
                old_ends_line = old[change.old_end - 1] == 0x0A
                replaced = (old_first, old_first + old_lines - (1 if old_ends_line else 0))
            self.changes.append((after, new_lines - old_lines, *written, *replaced))

    def placed(self, problem: Problem) -> Problem:
        if problem.line is None:
            return problem
        line = problem.line
        shift = 0
        for after, added, first, last, old_first, old_last in self.changes:
            if first <= line <= last:
                if old_first > old_last:
                    return problem._replace(line=None, column=None)
                return problem._replace(line=min(old_first + line - first, old_last), column=None)
            if line >= after:
                shift += added
        return problem._replace(line=line - shift)


def _addition(old: bytes, events: list[dict[str, Any]], progress: Progress | None) -> bytes:
    """The bytes that append the events' tables to a file whose bytes are old; NotText for
    a value that is not text (UTF-8 cannot hold it), found as every table is encoded, so
    that looking costs nothing unless there is one."""
    try:
        return toml.addition(old, event_tables(_told(events, progress)))
    except UnicodeEncodeError:
        check_text(Change(), events)  # names the event's field
        raise


def _told(events: list[dict[str, Any]], progress: Progress | None) -> Iterator[dict[str, Any]]:
    """The events, telling progress how many have been given, as the first half of the work
    on them (their tables are written, then checked)."""
    if progress is None:
        yield from events
        return
    for done, event in enumerate(events):
        if done % 1000 == 0:
            progress(done, 2 * len(events))
        yield event


def _same(chunks: list[bytes], data: bytes) -> bool:
    """Whether the chunks make the bytes data (joined only when their lengths agree)."""
    return sum(map(len, chunks)) == len(data) and b"".join(chunks) == data


def _raw_events(data: bytes, path: Path) -> list[dict[str, Any]]:
    """The events of a store that is not valid, as far as it parses."""
    try:
        document = toml.parse(decode(data, str(path)), path)
    except StoreError:
        return []
    events = document.get("events")
    return [
        event for event in (events if isinstance(events, list) else []) if isinstance(event, dict)
    ]


def _ids_of(blocks: list[tuple[int, str]], path: Path) -> tuple[str, ...]:
    """The ids of events written as these blocks ([[events]] tables or inline tables)."""
    ids = []
    for _, block in blocks:
        text = block if block.lstrip().startswith("[") else f"events = [{block}]"
        ids.append(str(toml.parse(text, path)["events"][0].get("id", "")))
    return tuple(ids)


def _raw_ids(data: bytes, path: Path) -> set[str]:
    """The id keys of the events of a store that is not valid, as far as it parses."""
    return {id_key(e["id"]) for e in _raw_events(data, path) if isinstance(e.get("id"), str)}


def _declared(base: _Read | None, data: bytes, path: Path) -> dict[str, set[str]]:
    """The ids each section declares."""
    if base is not None:
        store = base.store
        return {
            "types": set(store.types),
            "actors": set(store.actors),
            "sources": set(store.sources),
        }
    try:
        document = toml.parse(decode(data, str(path)), path)
    except StoreError:
        return {}
    return {
        section: set(document[section]) if isinstance(document.get(section), dict) else set()
        for section in DECLARATION_NOUNS
    }


def _check_retraction(
    base: _Read | None,
    declared: dict[str, set[str]],
    section: str,
    item_id: str,
    path: Path,
    change: Change,
) -> None:
    """Refuse to remove a declaration that is not there, or that events (or actors) use
    which the change does not remove too."""
    what = DECLARATION_NOUNS.get(section, section)
    if item_id not in declared.get(section, set()):
        raise UnknownName(what, item_id, sorted(declared.get(section, set())))
    if base is None:
        return  # the check of the result names what uses it
    store = base.store
    removed = {id_key(event_id) for event_id in change.removals}
    retracted = {i for s, i in change.retractions if s == "actors"}
    users = [
        event.id
        for event in sorted(store.events.all(), key=lambda event: event.number)
        if id_key(event.id) not in removed
        and (
            (section == "types" and event.type == item_id)
            or (section == "actors" and item_id in event.actors)
            or (section == "sources" and item_id in event.sources)
        )
    ]
    members = (
        [a.id for a in store.actors.values() if item_id in a.part_of and a.id not in retracted]
        if section == "actors"
        else []
    )
    if not users and not members:
        return
    used = []
    if users:
        used.append(f"{_counted(len(users), 'event')}: {_listed(users)}")
    if members:
        used.append(f"{_counted(len(members), 'actor')} part of it: {_listed(members)}")
    message = f"{what} {item_id!r} is used by {'; and by '.join(used)}"
    raise StoreError([Problem(str(path), None, message)])


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _listed(names: list[str], most: int = 10) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _check_rewrite(new: str, table: bool, path: Path) -> None:
    """Refuse an event's new TOML unless it is one event, written as the old one was."""
    import tomllib

    try:
        document = tomllib.loads(new if table else f"event = {new.strip()}")
    except tomllib.TOMLDecodeError as error:
        message = f"TOML syntax in the edited event: {error}"
        raise StoreError([Problem(str(path), None, message)]) from None
    events = document.get("events") if table else [document.get("event")]
    if list(document) != (["events"] if table else ["event"]) or not (
        isinstance(events, list) and len(events) == 1 and isinstance(events[0], dict)
    ):
        shape = "one [[events]] table" if table else "one { ... } table"
        message = f"the edited text must hold exactly {shape}, and nothing else"
        raise StoreError([Problem(str(path), None, message)])


def _into_inline_array(
    data: bytes, events: list[dict[str, Any]], path: Path
) -> tuple[bytes, list[str], int]:
    """The file's bytes with the events written into its `events = [...]` array, the
    entries written, and where (a byte offset) they were."""
    text = decode(data, str(path))
    done = into_inline_array(text, events)
    if done is None:  # pragma: no cover - a store is appendable unless it has such an array
        raise StoreError([Problem(str(path), 1, "cannot find the events array", column=1)])
    inserted, entries, at = done
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    offset = len(bom) + len(text[:at].encode("utf-8"))
    return bom + inserted.encode("utf-8"), entries, offset
