"""Where each date of a sentence belongs, and a headline from its part of the sentence.

A sentence that names two dates tells two things ("Putin met Erdogan on Monday and called
Aliyev on Tuesday"): each date gets its own clause, the stretch of the sentence between
clause breaks (";", a dash, ", and", ", while", ", after" ...) that holds it; a stretch without
a date belongs to the dated one before it (or, at the sentence's start, after it). Two dates
still in one stretch are parted at the last " and " or comma between them. A draft's title,
actors, type and place come from its clause; its quote stays the whole sentence.

A title reads like a headline: who did what, at most TITLE_WORDS words, without the date, a
wire dateline, a list number, an attribution ("..., officials said") or an ellipsis. Nothing
here reads files or knows the store.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

TITLE_WORDS = 12
# Where a sentence breaks into clauses: the break's own words are not part of either.
_BREAK = re.compile(
    r"\s*;\s*|\s+[–—]\s+|\s+--\s+|,\s+(?:and|but|while|whereas|although|though|as|when|after|"
    r"before|then|until)\b\s*|,\s+(?=(?:which|who|where)\b)|\s+(?:and\s+then|after\s+which|while|whereas)\s+",
    re.IGNORECASE,
)
# A break that ends one statement: what comes before it is not the date's.
_HARD_BREAK = re.compile(r"\s*;\s*|\s+[–—]\s+|\s+--\s+")
# Between two dates of one stretch: the last of these parts them.
_PART = re.compile(r"\s+(?:and|as|when|while|because)\s+|,\s+", re.IGNORECASE)
# A wire report's dateline, "KYIV, Ukraine (AP) — " or "MOSCOW, Sept 5 (Reuters) - ": the
# place in capitals, then a region, country or date, or the agency, or both.
WIRE_DATELINE = re.compile(
    # "KYIV, Ukraine (AP) — ", "MOSCOW, Sept 5 (Reuters) - ", "RABAT (Morocco), Sept 9: "
    r"^(?:[A-Z][A-Z .'’-]{2,}(?:,\s*[^()–—\n]{2,40}?\s*(?:\([^)\n]{1,40}\))?"
    r"|\s*\([^)\n]{1,40}\)(?:,\s*[^()–—:\n]{2,20}?)?)\s*(?:[–—-]{1,2}|:)\s+"
    # "MARRAKECH, Morocco (AP) A rare ...": the agency ends it
    r"|[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\w .'’-]{1,30}?)?\s*\((?:AP|AFP|Reuters|dpa|AA|TASS|"
    r"Xinhua|UPI|ANI|IANS|PTI)\)\s*(?:[–—-]{1,2}\s*)?"
    # "Niamey: ", "Marrakesh, Morocco: "
    r"|[A-Z][a-z'’-]+(?:\s[A-Z][a-z'’-]+)?(?:,\s*[A-Z][a-z'’-]+(?:\s[A-Z][a-z'’-]+)?)?:\s+(?=[A-Z]))"
)
# A numbered point of a list: "2. ", "(3) ", "4) ".
LIST_NUMBER = re.compile(r"^(?:\(\d{1,2}\)|\d{1,2}[.)])\s+")
# Who says it, which a headline leaves out: "..., the ministry said", "according to X, ...".
_SAID = r"(?:said|says|stated|told\s+[\w ]+|reported|announced|added|noted|wrote)"
_ATTRIBUTION_AFTER = re.compile(
    rf",?\s+(?:(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){{0,5}}\s+{_SAID}|{_SAID}\s+[\w'’.-]+"
    rf"(?:\s+[\w'’.-]+){{0,5}}|according\s+to\s+[^,]+)\s*[.!]?$",
    re.IGNORECASE,
)
_SAID_THAT = re.compile(
    r"^(?P<who>[^,\"“]{3,80}?)\s+(?:said|announced|claimed|declared|stated)\b[^,\"“]{0,40}?"
    r"\bthat\s+(?P<what>\S.*)$"
)
_ATTRIBUTION_BEFORE = re.compile(
    r"^(?:(?i:according)\s+to\s+[^,]{1,60},\s*|"
    r"(?:(?:the\s+)?[A-Z][\w'’.-]*\s+(?:(?:of|for)\s+)?){1,6}" + _SAID + r"\s+(?:that\s+)?)",
)
# Words a clause opens with that a headline drops.
_OPENERS = re.compile(
    r"^(?:(?:and|but|while|whereas|although|though|as|when|after|before|then|so|also|"
    r"meanwhile|however|moreover|separately|earlier|later|specifically|subsequently|"
    r"this\s+led\s+to|that\s+led\s+to|it\s+led\s+to|during\s+the\s+\w+)\b[,\s]*)+",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"^(?:which|who|that|where)\b\s*", re.IGNORECASE)
_QUOTE_MARKS = "\"“”'‘’«»"
# Words a title does not end with: it would read cut.
_DANGLING = {
    "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from",
    "that", "which", "who", "as", "its", "their", "his", "her", "was", "were", "is", "are",
    "be", "been", "has", "have", "had", "into", "over", "after", "before", "than", "this",
    "near", "about", "between", "amid", "against", "said", "says", "also", "but", "while",
    "due", "not", "no", "more", "less", "some", "most",
}  # fmt: skip
# Words that open a phrase: a long title is cut before the last of them.
_PHRASE_STARTS = {
    "which", "who", "where", "after", "while", "because", "as", "amid", "despite", "within",
    "in", "on", "at", "to", "for", "from", "with", "over", "under", "into", "near", "during",
    "involving", "including", "following", "since", "until", "by", "against", "between",
    "among", "across", "along", "and", "but", "that", "when", "than", "through", "about",
}  # fmt: skip
_APPOSITION = re.compile(
    r"^((?:\S+\s+){0,5}\S+?),\s+(?:the|a|an|who|which|whose|[A-Z])[^,]{3,100},\s+(?=[a-z])"
)
_OPENING_PHRASE = re.compile(
    r"^(?:at|in|on|during|after|before|following|despite|amid|since|with|under|as|for)\s"
    r"[^,]{1,80},\s+",
    re.IGNORECASE,
)
# Capitalised words that are no one: a subject is more than these.
_NOT_SUBJECT = {
    "the", "a", "an", "this", "that", "it", "its", "some", "many", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands",
}  # fmt: skip
# A clause that opens with a verb has the sentence's subject ("..., and called Aliyev"): a
# past tense, an auxiliary, or a verb of reporting.
_VERB_FIRST = re.compile(
    r"(?:[a-z]+ed|met|said|held|took|made|spoke|went|began|struck|hit|fought|left|sent|gave|"
    r"told|won|lost|fled|came|saw|led|ran|shot|broke|drew|flew|kept|paid|put|set|stood|"
    r"will|would|was|were|has|had|is|are|also|then|later|wasn't|weren't|isn't|aren't|hasn't|"
    r"haven't|didn't|won't)\b"
)
_LOWER_WORD = re.compile(r"[a-z][\w'’-]*$")


class Clause(NamedTuple):
    """A date's part of a sentence: where it starts and ends, and where the date is in it."""

    start: int
    end: int
    date_start: int  # the date phrase, as positions in the sentence
    date_end: int


def clauses(sentence: str, dates: list[tuple[int, int]]) -> list[Clause]:
    """The clause of each date (given as (start, end) in the sentence, in order)."""
    if not dates:
        return []
    if len(dates) == 1:
        start, end = dates[0]
        # A date inside a relative clause tells of the name before it: "Bazoum, who came to
        # power two years ago, ..." is the clause from "who" to the next comma.
        relatives = list(re.finditer(r",\s+(?=(?:who|which)\b)", sentence[:start]))
        relative = relatives[-1] if relatives else None
        if relative is not None and "," not in sentence[relative.end() : start]:
            comma = sentence.find(",", end)
            return [Clause(relative.end(), comma if comma >= 0 else len(sentence), start, end)]
        return [Clause(0, len(sentence), start, end)]
    cuts: list[tuple[int, int]] = [
        (match.start(), match.end()) for match in _BREAK.finditer(sentence)
    ]
    # Two dates with no break between them are parted at the last "and" or comma between.
    for (_, first_end), (second_start, _) in pairwise(dates):
        if not any(first_end <= cut <= second_start for cut, _ in cuts):
            parts = list(_PART.finditer(sentence, first_end, second_start))
            if parts:
                cuts.append((parts[-1].start(), parts[-1].end()))
    cuts = sorted(cut for cut in cuts if not any(s < cut[0] < e for s, e in dates))
    stretches: list[tuple[int, int]] = []
    position = 0
    for cut_start, cut_end in cuts:
        if cut_start > position:
            stretches.append((position, cut_start))
        position = max(position, cut_end)
    stretches.append((position, len(sentence)))
    owner: list[int | None] = []  # the date each stretch tells
    for start, end in stretches:
        inside = [i for i, (s, _) in enumerate(dates) if start <= s < end]
        owner.append(inside[0] if inside else None)
    # A stretch without a date belongs to the dated one before it (at the start: after it,
    # unless that one is a relative clause: "The whereabouts of Bazoum, who came to power two
    # years ago" tells of Bazoum, not of the whereabouts).
    first_dated = next((i for i, o in enumerate(owner) if o is not None), 0)
    first_owner = owner[first_dated] if owner[first_dated] is not None else 0
    if _RELATIVE.match(sentence[stretches[first_dated][0] : stretches[first_dated][1]]):
        first_owner = -1
    current = first_owner
    for index, who in enumerate(owner):
        if who is None:
            owner[index] = current
        else:
            current = who
    result = []
    for index, (date_start, date_end) in enumerate(dates):
        mine = [stretches[i] for i, who in enumerate(owner) if who == index]
        if not mine:  # two dates in one stretch that nothing parts: share it
            mine = [next(s for s in stretches if s[0] <= date_start < s[1] or s[1] == date_start)]
        result.append(Clause(mine[0][0], mine[-1][1], date_start, date_end))
    return result


def clause_text(sentence: str, clause: Clause) -> str:
    return sentence[clause.start : clause.end]


def subject(sentence: str) -> str:
    """The words a sentence opens with before its first lowercase word (its verb, mostly):
    "Russian President Vladimir Putin" of "Russian President Vladimir Putin met ...". Empty
    when the sentence opens with a lowercase word or more than six capitalised ones."""
    text = strip_lead(sentence)
    words = text.split()
    if len(words) > 2 and words[0] in ("The", "A", "An") and words[1].endswith(","):
        return f"{words[0]} {words[1][:-1]}"  # "The 64-year-old, who ..., took"
    taken: list[str] = []
    for word in words:
        if _LOWER_WORD.match(word) and word not in ("of", "the", "and", "for", "de", "al"):
            break
        taken.append(word)
        if word.endswith(","):
            return ""
    if not taken or len(taken) > 6 or words[: len(taken)] == words:
        return ""
    if not any(word[:1].isupper() and word.lower() not in _NOT_SUBJECT for word in taken):
        return ""
    # "The" + capitalised words ("The European Union") or a run of names.
    return " ".join(taken).rstrip(",")


def strip_lead(text: str) -> str:
    """text without a wire dateline or a list number at its start."""
    text = WIRE_DATELINE.sub("", text, count=1)
    return LIST_NUMBER.sub("", text, count=1)


def headline(sentence: str, clause: Clause, *, whole_sentence: bool = False) -> str:
    """A title from a date's clause: the clause without its date, its opening conjunction, an
    attribution or a dateline, at most TITLE_WORDS words, capitalised. A clause without a
    subject of its own ("and called Aliyev") takes the sentence's ("Putin")."""
    before = sentence[clause.start : clause.date_start]
    after = sentence[clause.date_end : clause.end]
    # The title tells the date's own stretch: what a break sets apart before or after it is
    # another statement ("..., and Northland accused Westland").
    cut_after = _BREAK.search(after)
    if cut_after is not None and before.strip():
        after = after[: cut_after.start()]
    breaks_before = list(_HARD_BREAK.finditer(before))
    if breaks_before and len(before[breaks_before[-1].end() :].split()) >= 2:
        clause = clause._replace(start=clause.start + breaks_before[-1].end())
        before = before[breaks_before[-1].end() :]
    text = f"{before.rstrip()} {after.lstrip()}" if before.strip() else after
    if clause.start == 0:
        text = strip_lead(text.strip())
    text = _tidy(text)
    text = _ATTRIBUTION_BEFORE.sub("", text)
    reported = _SAID_THAT.match(text)
    if reported is not None:
        # "A group of soldiers said on TV that they had carried out a coup": what they said,
        # by them.
        what = reported["what"]
        pronoun = re.match(r"(?:they|he|she|it|we)\s+", what, re.IGNORECASE)
        text = f"{reported['who']} {what[pronoun.end() :]}" if pronoun else what
    text = _ATTRIBUTION_AFTER.sub("", text)
    text = _tidy(text)
    opened = _OPENERS.match(text)
    if opened:
        text = text[opened.end() :]
    relative = _RELATIVE.match(text)
    if clause.start > 0 or relative:
        if relative:
            # "..., which was signed": the noun before the comma is what was.
            head = _antecedent(sentence[: clause.start], relative.group().strip())
            text = f"{head} {text[relative.end() :]}" if head else text[relative.end() :]
        elif _VERB_FIRST.match(text) and not re.search(
            r"(?:;|[–—]|--)\s*$", sentence[: clause.start]
        ):
            own = subject(sentence)
            if own:
                text = f"{own} {text}"
    text = _tidy(text)
    text = _shorten(text)
    if not text:
        text = _tidy(strip_lead(sentence))
        text = _shorten(text)
    return text[:1].upper() + text[1:]


def _antecedent(before: str, pronoun: str = "which") -> str:
    words = before.rstrip(" ,").split()
    if pronoun.lower() == "who":
        # "The whereabouts of Bazoum, who came to power": who is the last name.
        names: list[str] = []
        for word in reversed(words):
            if not word[:1].isupper():
                break
            names.insert(0, word)
        if names:
            return " ".join(names)
    taken: list[str] = []
    for word in reversed(words[-5:]):
        taken.insert(0, word)
        if word.lower() in ("the", "a", "an", "its", "their", "his", "her"):
            break
    else:
        taken = taken[-2:]
    return " ".join(taken)


def _tidy(text: str) -> str:
    text = text.strip().strip(_QUOTE_MARKS).strip()
    text = re.sub(r"(?:\.{3}|…)+", " ", text)  # an ellipsis cut something: drop the mark
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"\s*\([^()]*\)", "", text)  # a headline leaves out what is in brackets
    text = re.sub(r"\s{2,}", " ", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"^[,;:.\s–—-]+|[,;:\s–—-]+$", "", text)
    return text.rstrip(".!?").strip(_QUOTE_MARKS).strip()


def _shorten(text: str) -> str:
    """At most TITLE_WORDS words, cut where a phrase ends: the last comma, or the last word
    before a preposition or a relative clause, after the fifth word; else at a word a title
    can end on. An opening phrase set off by a comma ("At the summit in Reykjavik, ...") goes
    first, when the rest is long enough to be the title."""
    opening = _OPENING_PHRASE.match(text)
    if opening and len(text[opening.end() :].split()) >= 4:
        text = text[opening.end() :]
    # "The quake, the biggest in 120 years, sent people fleeing": the subject and its verb.
    apposition = _APPOSITION.match(text)
    if apposition and len(text.split()) > TITLE_WORDS:
        text = apposition.group(1) + " " + text[apposition.end() :]
    dash = re.search(r"(?<!\d)\s*[—–]\s*(?!\d)", text)
    if dash and len(text[: dash.start()].split()) >= 4:
        text = text[: dash.start()]  # "a coup—suspending all institutions": the coup
    words = text.split()
    if len(words) <= TITLE_WORDS:
        return _drop_dangling(words)
    for index in range(TITLE_WORDS, 5, -1):
        if words[index - 1].endswith((",", ";", ":")) or words[index].lower() in _PHRASE_STARTS:
            return _drop_dangling(words[:index])
    return _drop_dangling(words[:TITLE_WORDS])


def _drop_dangling(words: list[str]) -> str:
    while len(words) > 3 and (
        words[-1].lower().strip(",;:") in _DANGLING or words[-2].endswith(",")
    ):
        words = words[:-1]  # a small word, or one word of a phrase that had just begun
    return " ".join(words).rstrip(",;:")
