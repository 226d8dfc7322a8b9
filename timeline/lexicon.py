"""The words that tell what kind of event a clause reports, the store's type for each kind,
and the counts of people it gives ("six soldiers were killed").

KINDS lists, for each kind of event, the words that report it and how much a word of it
weighs: an invasion, a coup, a protest or a disaster is the news whatever else the clause
mentions ("protesters with placards calling for a ceasefire" is a protest), a ceasefire or an
attack more than a meeting, and "said" least. The clause's kind is the one whose words weigh
most, then the one with more words in the clause, then the first one named.

TYPE_NAMES lists, for each kind, the names of types that can file it, closest first: a store
with a "shelling" type files shelling there, one with only "conflict" files it there. A
store's type matches a name by its id (or a word of it), else by a word of its description.
When no type matches, the kind is filed as the store's most used type; the draft's note
says which word was found and why the type was chosen.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import NamedTuple

# kind: (weight, words). A word ending in "*" stands for every word it begins.
KINDS: dict[str, tuple[int, tuple[str, ...]]] = {
    "invasion": (3, ("invasion", "invaded", "invade*", "annexed", "annexation", "occupied")),
    "coup": (3, ("coup", "putsch", "overthrew", "overthrown", "ousted", "mutiny")),
    "disaster": (3, ("earthquake*", "quake*", "flood*", "landslide*", "cyclone*", "hurricane*",
                     "typhoon*", "tsunami*", "drought*", "wildfire*", "eruption*", "avalanche*")),
    "protest": (3, ("protest*", "demonstration*", "demonstrators", "rally", "rallies",
                    "rallied", "riot*", "marchers")),
    "election": (2, ("election*", "elected", "referendum", "ballot*", "voters", "vote", "voted",
                     "polls", "inauguration", "inaugurated", "sworn")),
    "ceasefire": (3, ("ceasefire*", "cease-fire*", "truce*", "armistice", "cessation")),
    "offensive": (2, ("offensive*", "counteroffensive*", "advance", "advanced",
                                    "captured", "seized", "retook", "recaptured", "incursion*")),
    "attack": (2, ("attack*", "bombing*", "bombed", "explosion*", "blast*", "ambush*",
                   "massacre*", "raid*", "assault*", "assassinat*", "stabbing", "shooting")),
    "shelling": (2, ("shelling", "shelled", "artillery", "mortar*", "rocket*", "missile*")),
    "strike": (2, ("strike", "strikes", "airstrike*", "air-strike*", "struck", "drone*")),
    "clash": (2, ("clash*", "fighting", "fought", "battle*", "skirmish*", "firefight*",
                  "hostilities", "combat", "war", "conflict", "dispute", "escalation",
                  "erupted")),
    "arrest": (2, ("arrest*", "detained", "detention", "jailed", "sentenced", "imprisoned",
                   "charged", "indicted")),
    "withdrawal": (2, ("withdrew", "withdrawal", "withdrawn", "withdraw*", "pulled", "retreat*")),
    "call": (2, ("telephone", "phone", "call")),
    "agreement": (2, ("agreement*", "treaty", "accord*", "deal", "signed", "signing",
                      "memorandum", "protocol")),
    "death": (1, ("killed", "dead", "died", "death*", "wounded", "injured", "casualties",
                  "victims", "incident")),
    "deployment": (1, ("deployed", "deployment*", "deploy*", "stationed", "contingent*")),
    "talks": (1, ("talks", "negotiation*", "negotiated", "mediation", "mediated")),
    "meeting": (1, ("met", "meet", "meeting*", "meets", "summit*", "conference")),
    "visit": (1, ("visit*", "trip", "toured")),
    "statement": (1, ("said", "says", "stated", "statement*", "announced", "declared",
                      "affirmed", "warned", "condemned", "urged", "recognizes", "recognized",
                      "recognises", "recognised", "denied", "accused", "demanded", "called",
                      "calls")),
}  # fmt: skip
# kind: the names of types that can file it, closest first.
TYPE_NAMES: dict[str, tuple[str, ...]] = {
    "invasion": ("invasion", "offensive", "war", "conflict", "attack", "battle", "military"),
    "coup": ("coup", "politics", "political", "unrest", "crisis", "conflict", "incident"),
    "disaster": ("disaster", "natural", "humanitarian", "emergency", "incident"),
    "protest": ("protest", "demonstration", "unrest", "politics", "political", "statement",
                "incident"),
    "election": ("election", "vote", "politics", "political", "statement"),
    "ceasefire": ("ceasefire", "truce", "agreement", "diplomacy"),
    "offensive": ("offensive", "conflict", "battle", "fighting", "military",
                                "attack"),
    "attack": ("attack", "strike", "incident", "violence", "conflict", "battle", "military"),
    "shelling": ("shelling", "strike", "attack", "incident", "conflict", "battle", "military"),
    "strike": ("strike", "attack", "incident", "conflict", "battle", "military"),
    "clash": ("clash", "fighting", "battle", "conflict", "incident", "military"),
    "arrest": ("arrest", "detention", "crackdown", "politics", "political", "incident"),
    "withdrawal": ("withdrawal", "deployment", "military", "agreement"),
    "call": ("call", "diplomacy", "talks", "meeting"),
    "agreement": ("agreement", "treaty", "diplomacy"),
    "death": ("incident", "casualties", "attack", "conflict", "battle"),
    "deployment": ("deployment", "military", "conflict"),
    "talks": ("talks", "negotiations", "diplomacy", "meeting"),
    "meeting": ("meeting", "summit", "diplomacy", "talks"),
    "visit": ("visit", "diplomacy", "meeting"),
    "statement": ("statement", "announcement", "declaration", "diplomacy"),
}  # fmt: skip
# People counted, and what happened to them: the store's figures.
FIGURE_WORDS = {
    "killed": ("killed", "dead", "died", "slain", "lost their lives"),
    "injured": ("injured", "wounded", "hurt"),
    "missing": ("missing",),
    "displaced": ("displaced", "fled", "forced from their homes"),
    "detained": ("detained",),
    "arrested": ("arrested",),
    "abducted": ("abducted", "kidnapped", "taken hostage"),
    "evacuated": ("evacuated",),
}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozens": None,
}  # fmt: skip
_WORD = re.compile(r"[a-z][a-z'’-]*")
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(NUMBER_WORDS) + r")"
_AT_LEAST = r"(?P<least>at\s+least|more\s+than|over)\s+"
_ABOUT = r"(?:about|some|nearly|almost|around|roughly|an\s+estimated)\s+"
_FIGURE_VERB = "|".join(re.escape(word) for words in FIGURE_WORDS.values() for word in words)
# "six soldiers were killed", "at least 12 people have died", "killing 12", "killed at least 3".
_COUNT_BEFORE = re.compile(
    rf"\b(?:{_AT_LEAST}|{_ABOUT})?{_NUMBER}\s+(?:[a-zA-Z-]+\s+){{0,3}}?"
    rf"(?:(?:were|was|have\s+been|had\s+been|has\s+been|are|been|reportedly|also)\s+)*"
    rf"(?P<verb>{_FIGURE_VERB})\b",
    re.IGNORECASE,
)
_COUNT_AFTER = re.compile(
    rf"\b(?P<verb>killing|killed|injuring|wounding|wounded|injured|arrested|detained|"
    rf"abducted|evacuated|displacing|displaced)\s+(?:{_AT_LEAST}|{_ABOUT})?{_NUMBER}\b"
    r"(?!\s*(?:%|per\s*cent|percent|years?|days?|km|kilomet))",
    re.IGNORECASE,
)


# A call between people: "spoke by telephone", "a phone call", "in a call".
_CALL = re.compile(
    r"\b(?:by\s+(?:tele)?phone|(?:tele)?phone\s+(?:call|conversation|talks)|a\s+call\b|"
    r"call(?:ed)?\s+(?:with|between)\b)",
    re.IGNORECASE,
)


# Leaders who spoke with each other held talks (not "spoke to reporters").
_SPOKE_WITH = re.compile(r"\b(?:spoke|talked|conferred)\s+(?:by\s+\w+\s+)?with\b", re.I)


class Guess(NamedTuple):
    """The type a clause's wording files it under, and why, for the draft's note."""

    type: str
    reason: str


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def kind_of(clause: str) -> tuple[str, str] | None:
    """The kind of event a clause reports and the word that tells it, or None."""
    lowered = clause.lower()
    best: tuple[int, int, int, str, str] | None = None
    for kind, (weight, pattern) in _KIND_PATTERNS.items():
        hits = [(match.start(), match.group()) for match in pattern.finditer(lowered)]
        if kind == "protest":
            # a lowercase march is a protest; "March" is a month
            hits += [(match.start(), match.group()) for match in _MARCH.finditer(clause)]
        if kind == "talks":
            hits += [(match.start(), match.group()) for match in _SPOKE_WITH.finditer(clause)]
        if not hits:
            continue
        if kind == "call" and not _CALL.search(clause):
            continue  # "called for" is a demand, "telephone lines" no call
        first = min(hits)
        score = (-weight, -len(hits), first[0], kind, first[1])
        if best is None or score < best:
            best = score
    return (best[3], best[4]) if best else None


def _kind_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a kind's words: "attack*" is every word it begins."""
    alternatives = [
        re.escape(word[:-1]) + r"[a-z'’-]*" if word.endswith("*") else re.escape(word)
        for word in words
    ]
    return re.compile(r"(?<![a-z'’-])(?:" + "|".join(alternatives) + r")(?![a-z'’-])")


_KIND_PATTERNS = {kind: (weight, _kind_pattern(words)) for kind, (weight, words) in KINDS.items()}
_MARCH = re.compile(r"(?<![\w'’-])(?:march|marched|marching|marches)(?![\w'’-])")


class TypeChooser:
    """A store's types for kinds of events, and its most used type for the rest."""

    def __init__(self, types: Mapping[str, str], usage: Iterable[str]) -> None:
        """types: each type's id and description; usage: the types of the store's events."""
        self.ids = {type_id: set(re.findall(r"[a-z]+", _fold(type_id))) for type_id in types}
        self.descriptions = {
            type_id: set(re.findall(r"[a-z]+", _fold(description)))
            for type_id, description in types.items()
        }
        counts = Counter(usage)
        self.fallback = counts.most_common(1)[0][0] if counts else next(iter(types), "event")
        self.chosen: dict[str, tuple[str, str]] = {}

    def type_for(self, kind: str) -> tuple[str, str]:
        """The type for a kind, and how it was found ("" when it is the type of that name)."""
        if kind not in self.chosen:
            self.chosen[kind] = self._choose(kind)
        return self.chosen[kind]

    def _choose(self, kind: str) -> tuple[str, str]:
        names = TYPE_NAMES.get(kind, (kind,))
        for name in names:
            for type_id, words in self.ids.items():
                if type_id == name or name in words:
                    how = "" if name == names[0] else f"its closest type, '{type_id}'"
                    return type_id, how
        for name in names:
            for type_id, words in self.descriptions.items():
                if name in words:
                    return type_id, f"the type whose description says '{name}', '{type_id}'"
        return self.fallback, f"no type close to it: the store's most used, '{self.fallback}'"

    def guess(self, clause: str) -> Guess:
        """The type of a clause, and the reason to note when it is not plain."""
        found = kind_of(clause)
        if found is None:
            return Guess(
                self.fallback,
                f"No word of the clause tells its kind: the type is the store's most used, "
                f"'{self.fallback}'.",
            )
        kind, word = found
        type_id, how = self.type_for(kind)
        if not how:
            return Guess(type_id, "")
        return Guess(
            type_id, f"The type comes from '{word}' ({kind}); the store has no {kind} type: {how}."
        )


def figures(clause: str) -> dict[str, int | dict[str, int]]:
    """The counts of people a clause gives, as the store's figures: "six soldiers were
    killed" is killed = 6, "at least 12 injured" injured = { low = 12 }."""
    found: dict[str, int | dict[str, int]] = {}
    for pattern in (_COUNT_BEFORE, _COUNT_AFTER):
        for match in pattern.finditer(clause):
            number = _number(match["number"])
            if number is None:
                continue
            verb = match["verb"].lower()
            name = next(
                (name for name, words in FIGURE_WORDS.items() if _verb_is(verb, words)), None
            )
            if name is None or name in found:
                continue
            found[name] = {"low": number} if match["least"] else number
    return found


def _verb_is(verb: str, words: tuple[str, ...]) -> bool:
    stem = {"killing": "killed", "injuring": "injured", "wounding": "wounded"}.get(verb, verb)
    stem = {"displacing": "displaced"}.get(stem, stem)
    return stem in words


def _number(text: str) -> int | None:
    lowered = text.lower()
    if lowered in NUMBER_WORDS:
        return NUMBER_WORDS[lowered]
    value = int(lowered.replace(",", ""))
    if 1500 <= value <= 2100 and "," not in lowered:
        return None  # most likely a year
    return value
