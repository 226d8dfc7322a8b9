"""Ids and names, one rule each: when two ids are one, new ids, matching text, "did you mean"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Sequence

ID_LENGTH = 60  # a derived id is cut to this many characters
ID_WORDS = 5  # the words of a title or headline that go into a derived id
SUGGESTIONS = 3  # at most this many names in "did you mean"
CLOSE_ENOUGH = 0.75  # difflib's ratio between two folded names for one to suggest the other
KNOWN_AT_MOST = 12  # names listed in "known: …" before "(and N more)"
# What one declaration of each section is called, in messages.
DECLARATION_NOUNS = {"types": "type", "actors": "actor", "sources": "source"}

_WORD = re.compile(r"\w+")


def id_key(event_id: str) -> str:
    """What makes two ids the same id: they differ only in case or Unicode normalisation."""
    return unicodedata.normalize("NFC", event_id).casefold()


def fold(text: str) -> str:
    """Text for matching: case-folded, accents removed ("Əliyev" and "əliyev" match "eliyev"
    only through their letters, not their marks)."""
    if text.isascii():  # nothing to decompose: fast, for a big store's titles
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def slug(lead: str, text: str) -> str:
    """The words of lead (a date) and the first ID_WORDS words of text, joined by hyphens and
    cut to ID_LENGTH characters: "2023-05-17-pashinyan-recognises-azerbaijan-s". Letters stay as
    they are (NFKC-normalised and case-folded: "ğ" stays "ğ", "ß" becomes "ss"); everything
    that is not a letter, digit or underscore separates words. Empty when neither has a word."""
    words = [*_words(lead), *_words(text)[:ID_WORDS]]
    return "-".join(words)[:ID_LENGTH].rstrip("-")


def category_slug(text: str) -> str:
    """A category's words, every one (a category cut short could be another one), as slug
    finds and joins them: "Jamaat Nusrat al-Islam wal Muslimin - Civilians" is
    "jamaat-nusrat-al-islam-wal-muslimin-civilians". Empty when it has no word."""
    return "-".join(_words(text))


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def unique(base: str, taken: Container[str], key: Callable[[str], str] = id_key) -> str:
    """base, or else the first of base-2, base-3, … whose key is not in taken."""
    candidate, number = base, 2
    while key(candidate) in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def derive_event_id(date: str, title: str, taken: Container[str]) -> str:
    """A new event's id, from its date and title, whose id_key is not in taken:
    "2023-05-17-pashinyan-recognises-azerbaijan-s"."""
    return unique(slug(date, title) or "event", taken)


def derive_source_id(published: str, headline: str, taken: Container[str]) -> str:
    """A new source's id, from its date of publication and headline, whose id_key is not in
    taken: "2023-12-08-armenia-and-azerbaijan-agree"."""
    return unique(slug(published, headline) or "article", taken)


def suggest(word: str, choices: Iterable[str]) -> list[str]:
    """The choices closest to word, best first, compared folded (case and accents aside). Of
    choices that fold alike, the last one given is named."""
    import difflib  # only when there is a mistake to answer

    by_fold = {fold(choice): choice for choice in choices}
    close = difflib.get_close_matches(fold(word), list(by_fold), SUGGESTIONS, CLOSE_ENOUGH)
    return [by_fold[folded] for folded in close]


def known(choices: Iterable[str]) -> str:
    """choices in the order given (each once), KNOWN_AT_MOST of them, saying how many more
    there are: "a, b, c" or "a, b, …, l, … (and 14 more)". One more is named, not counted:
    its name is no longer than "(and 1 more)"."""
    names = list(dict.fromkeys(choices))
    if len(names) <= KNOWN_AT_MOST + 1:
        return ", ".join(names)
    listed = ", ".join(names[:KNOWN_AT_MOST])
    return f"{listed}, … (and {len(names) - KNOWN_AT_MOST} more)"


def hint(suggestions: Sequence[str], choices: Iterable[str]) -> str:
    """What to add to "no such …": the suggestions, " (did you mean 'a' or 'b'?)", else the
    known names, sorted: "; known: a, b, c"; nothing when there are none."""
    if suggestions:
        return " (did you mean " + " or ".join(repr(name) for name in suggestions) + "?)"
    names = sorted(set(choices))
    return f"; known: {known(names)}" if names else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """hint() for word among choices: " (did you mean 'talks'?)" or "; known: …"."""
    names = list(choices)
    return hint(suggest(word, names), names)
