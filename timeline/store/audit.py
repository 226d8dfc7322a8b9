"""What the schema cannot see: quotes missing from their sources' files (an error), and
declarations nothing uses, types that share a colour, events that cite no source and likely
duplicates (warnings)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from timeline.errors import Finding, StoreError
from timeline.model import Store
from timeline.names import DECLARATION_NOUNS
from timeline.store.files import decode, read_bytes, source_path


class SourceTexts(NamedTuple):
    """The text of every source that names a file, white space normalised, and why the
    files that cannot be read cannot."""

    texts: dict[str, str]
    unreadable: dict[str, tuple[str, str]]  # source id -> (file name, what is wrong with it)
    sha256: dict[str, str]  # source id -> the sha256 of its file's bytes, in hex

    def digest(self) -> bytes:
        """What the quotes were checked against: equal digests, equal verdicts."""
        import hashlib

        state = repr((sorted(self.texts.items()), sorted(self.unreadable.items())))
        return hashlib.sha256(state.encode("utf-8", "surrogatepass")).digest()

    def findings(self) -> list[Finding]:
        return [
            Finding(("sources", source_id, "file"), wrong, field=f"sources.{source_id}.file")
            for source_id, (_, wrong) in self.unreadable.items()
        ]


def source_texts(files: Mapping[str, str], store_path: Path) -> SourceTexts:
    """Read the files that sources name (source id -> file name)."""
    import hashlib

    texts: dict[str, str] = {}
    unreadable: dict[str, tuple[str, str]] = {}
    digests: dict[str, str] = {}
    for source_id, name in files.items():
        path = source_path(store_path, name)
        try:
            data = read_bytes(path)
            texts[source_id] = normalise(decode(data, str(path)))
        except StoreError as error:
            problem = error.problems[0]
            if problem.line is None:  # "'gone.txt' no such file"
                unreadable[source_id] = (name, f"{name!r} {problem.message}")
            else:  # placed as every problem is: "'latin1.txt':1:4: the file is not UTF-8 …"
                place = f"{name!r}:{problem.line}" + (
                    f":{problem.column}" if problem.column else ""
                )
                unreadable[source_id] = (name, f"{place}: {problem.message}")
            continue
        digests[source_id] = hashlib.sha256(data).hexdigest()
    return SourceTexts(texts, unreadable, digests)


def declared_files(sources: Any) -> dict[str, str]:
    """The file each source of a parsed `sources` table names, by source id."""
    return {
        source_id: source["file"]
        for source_id, source in _table(sources).items()
        if isinstance(source, dict) and isinstance(source.get("file"), str) and source["file"]
    }


def store_files(store: Store) -> dict[str, str]:
    """The file each source of a store names, by source id."""
    return {source.id: source.file for source in store.sources.values() if source.file}


def audit(document: dict[str, Any], store_path: Path) -> list[Finding]:
    """Every finding beyond the schema in a parsed store."""
    findings: list[Finding] = []
    used: dict[str, set[str]] = {"types": set(), "actors": set(), "sources": set()}
    for event in _list(document.get("events")):
        if isinstance(event, dict):
            if isinstance(event.get("type"), str):
                used["types"].add(event["type"])
            used["actors"].update(_strings(event.get("actors")))
            used["sources"].update(_strings(event.get("sources")))
            for account in _accounts(event):
                used["actors"].update(_strings(account.get("actors")))
    for actor in _table(document.get("actors")).values():
        if isinstance(actor, dict):
            used["actors"].update(_strings(actor.get("part_of")))
    # A store without events yet (as `timeline init` writes it) uses none of its
    # declarations: saying so of each would only hide what matters. Types are a vocabulary
    # declared ahead of the events (init declares seven): one not used yet is no problem.
    sections = [(section, DECLARATION_NOUNS[section]) for section in ("actors", "sources")]
    for section, noun in sections if _list(document.get("events")) else ():
        for item_id in _table(document.get(section)):
            if item_id not in used[section]:
                findings.append(
                    Finding(
                        (section, item_id),
                        f"{noun} {item_id!r} is declared but no event uses it",
                        field=f"{section}.{item_id}",
                        severity="warning",
                    )
                )
    findings += shared_colors(document.get("types"))
    for source_id, source in _table(document.get("sources")).items():
        if isinstance(source, dict) and not source.get("url") and not source.get("file"):
            findings.append(
                Finding(
                    ("sources", source_id),
                    "has neither a url nor a file: a reader cannot find it",
                    field=f"sources.{source_id}",
                    severity="warning",
                )
            )
    sources = source_texts(declared_files(document.get("sources")), store_path)
    findings += sources.findings()
    findings += changed_files(document.get("sources"), sources)
    findings += event_findings(_list(document.get("events")), sources)
    from timeline.store import duplicates  # which imports this module

    findings += duplicates.findings(_list(document.get("events")))
    return findings


def color_key(value: str) -> tuple[object, ...] | None:
    """A colour as types' colours are compared: as rich reads it, so "#D55E00" is "#d55e00"
    and "red" is "color(1)"; None for a value that is no colour (the schema's error)."""
    from rich.color import Color, ColorParseError  # only check, writes and imports need it

    try:
        color = Color.parse(value)
    except ColorParseError:
        return None
    return (color.type, color.number, color.triplet)


def shared_colors(declared: Any) -> list[Finding]:
    """A warning for each type whose colour is one an earlier type already has: a reader
    could not tell their events apart (colours compared by color_key)."""
    first: dict[tuple[object, ...], str] = {}
    findings = []
    for type_id, declaration in _table(declared).items():
        value = declaration.get("color") if isinstance(declaration, dict) else None
        if not isinstance(value, str):
            continue
        key = color_key(value)
        if key is None:
            continue
        if key not in first:
            first[key] = type_id
            continue
        findings.append(
            Finding(
                ("types", type_id, "color"),
                f"{value!r} is also the colour of type {first[key]!r}: their events look alike",
                field=f"types.{type_id}.color",
                severity="warning",
            )
        )
    return findings


def changed_files(declared: Any, sources: SourceTexts) -> list[Finding]:
    """A warning for each source whose file's bytes no longer have the sha256 it records."""
    from timeline.store.schema import SHA256

    findings = []
    for source_id, source in _table(declared).items():
        recorded = source.get("sha256") if isinstance(source, dict) else None
        actual = sources.sha256.get(source_id)
        if (
            isinstance(recorded, str)
            and SHA256.fullmatch(recorded)
            and actual not in (None, recorded)
        ):
            findings.append(
                Finding(
                    ("sources", source_id, "sha256"),
                    f"the file {source['file']!r} has changed since its sha256 was recorded "
                    f"(it is now {actual})",
                    field=f"sources.{source_id}.sha256",
                    severity="warning",
                )
            )
    return findings


def event_findings(events: list[Any], sources: SourceTexts, *, first: int = 0) -> list[Finding]:
    """The findings of parsed events: no source cited (a warning), a quote that is in none of
    the files its sources name (an error). first is the file's number of the first event, less
    one; paths count from the list's start."""
    findings: list[Finding] = []
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            continue
        label = event["id"] if isinstance(event.get("id"), str) else f"#{first + index + 1}"
        cited = list(_strings(event.get("sources")))
        if not cited:
            findings.append(
                Finding(("events", index), "cites no source", label, "sources", "warning")
            )
        for number, message in missing_quotes(cited, _strings(event.get("quotes")), sources):
            findings.append(Finding(("events", index, "quotes", number), message, label, "quotes"))
        for account_index, account in enumerate(_list(event.get("accounts"))):
            if not isinstance(account, dict) or not isinstance(account.get("source"), str):
                continue
            # An account's quotes are its own source's words: only that file can hold them.
            own = [account["source"]]
            field = f"accounts[{account_index + 1}].quotes"
            for number, message in missing_quotes(own, _strings(account.get("quotes")), sources):
                path = ("events", index, "accounts", account_index, "quotes", number)
                findings.append(Finding(path, message, label, field))
    return findings


def missing_quotes(
    cited: list[str], quotes: Iterable[str], sources: SourceTexts
) -> Iterator[tuple[int, str]]:
    """The quotes (number, message) that are in none of the cited sources' files, white space
    aside. Quotes are checked only where a cited source has a readable file."""
    files = [text for source in cited if (text := sources.texts.get(source)) is not None]
    if not files:
        return
    for number, quote in enumerate(quotes):
        wanted = normalise(quote)
        if not any(wanted in text for text in files):
            names = ", ".join(s for s in cited if s in sources.texts)
            yield number, f"quote {number + 1} is not in the text of its source ({names})"


def quotes_hold(store: Store, sources: SourceTexts) -> bool:
    """Whether every file is readable and every quote of a valid store is in its sources."""
    if sources.unreadable:
        return False
    if not sources.texts:
        return True  # no file to find a quote in: nothing to build the events for
    for event in store.events:
        missing = missing_quotes(list(event.sources), event.quotes, sources)
        if event.quotes and next(missing, None) is not None:
            return False
        for account in event.accounts:
            if next(missing_quotes([account.source], account.quotes, sources), None) is not None:
                return False
    return True


def normalise(text: str) -> str:
    """Text with its white space aside: every run of it one space, none at the ends (a quote
    is in its source, and two quotes are the same, white space aside)."""
    # The only white space a printable text can hold is the space: every other character
    # str.split() splits at is unprintable (a test goes through all of Unicode). So a
    # printable text without two spaces in a row or one at either end is as it should be:
    # most quotes are, and looking is twice as fast as splitting and joining them.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    # str.split() splits at exactly the characters r"\s" matches, six times as fast.
    return " ".join(text.split())


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _accounts(event: dict[str, Any]) -> Iterator[dict[str, Any]]:
    return (item for item in _list(event.get("accounts")) if isinstance(item, dict))


def _table(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _strings(value: Any) -> Iterator[str]:
    return (item for item in _list(value) if isinstance(item, str))
