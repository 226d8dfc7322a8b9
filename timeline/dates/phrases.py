"""Date expressions in English text, resolved to the store's date syntax at the precision the
text gives ("in September 2020" stays a month, "mid-March" a part of a month).

find_dates() reads one sentence at a time, in the text's order, with a Context that carries what
earlier sentences established: the publication date (for "on Wednesday", "this year"), the last
year the text named (for "on November 9" after "In September 2020") and the last day it named
(for "the following day"). A date without a year never takes it from today. Month and weekday
names are English (dates.calendar), whatever the machine's locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from timeline.dates.calendar import (
    MONTH_NAMES,
    MONTH_NUMBERS,
    WEEKDAY_NUMBERS,
    add_months,
    month_number,
)
from timeline.dates.numeric import DAY_MONTH_YEAR, month_and_day
from timeline.dates.syntax import OPEN_END, YEAR_PART_MONTHS, between_text, date_text, day_text

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
PARTS = {
    "early": "early", "beginning": "early", "start": "early",
    "mid": "mid", "middle": "mid",
    "late": "late", "end": "late",
}  # fmt: skip
# The months a season covers, from its first (northern hemisphere, as the conflict's region).
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# How far past the publication date a date given without a year may fall and still be read as
# that year (a report on Monday may name the coming Friday); beyond it, the previous year.
FUTURE_SLACK = timedelta(days=7)

_FULL_MONTHS = [name.lower() for name in MONTH_NAMES[1:]]
_SHORT_MONTHS = sorted(set(MONTH_NUMBERS) - set(_FULL_MONTHS), key=len, reverse=True)
# An abbreviation may end with a full stop ("Sept."); a month's full name never takes one.
_M = rf"(?P<month>(?:{'|'.join(_FULL_MONTHS)})|(?:{'|'.join(_SHORT_MONTHS)})\.?)(?![\w])"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>1[5-9]\d\d|20\d\d)"
_PART = r"(?P<part>early|mid|late)[-\s]+"
_PART_PHRASE = r"the\s+(?P<edge>beginning|start|middle|end)\s+of\s+"
_NUMBER = r"(?P<count>\d{1,3}|" + "|".join(NUMBERS) + r")"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAY_NUMBERS) + r")"
# Words that make a bare year or month a date ("in 2018", "since May") rather than a number
# or a verb ("2018 people", "may agree").
_LEAD = r"(?:in|since|from|until|till|to|by|during|before|after|of|between|and|as\s+of)\s+"
# Words that make a year or month before a noun a modifier that dates it ("the 2021 election",
# "a July meeting", "their 1998-99 war").
_DETERMINER = r"(?:the|a|an|its|their|his|her|our|whose)\s+"
# Nouns that are counted: a number before one is a count ("of 1960 servicemen"), never a year.
_COUNTED = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:people|persons|civilians|soldiers|troops|fighters|militants|"
    r"prisoners|refugees|residents|families|children|women|men|homes|houses|buildings|"
    r"casualties|dead|victims|deaths|tonnes|tons|km|kilometres|kilometers|miles|metres|meters|"
    r"rockets|missiles|drones|shells|tanks|vehicles|dollars|euros|pounds|rubles|roubles|votes|"
    r"voters|members|workers|students|police|officers|hostages|detainees|migrants|"
    r"\w+men|\w+ers|\w+ees|\w+ists)\b"
)
# A possessive date ("Friday's quake") modifies a noun: "by" before it names who or what did
# something ("affected by Friday's quake"), not a deadline ("will be exchanged by 1 April").
_POSSESSIVE = re.compile(r"['’]s\b")

_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    (name, cue, re.compile(pattern, re.IGNORECASE))
    for name, cue, pattern in [
        ("iso", "digit", r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
        ("numeric", "digit", rf"\b{DAY_MONTH_YEAR}\b"),
        ("day-range", "digit",
         rf"\b(?P<first>[0-3]?\d)\s*(?:–|-|—|to|and)\s*{_D}\s+{_M}(?:,?\s+{_Y})?\b"),
        ("day-month-year", "digit", rf"\b(?:the\s+)?{_D}(?:\s+of)?\s+{_M},?\s+{_Y}\b"),
        ("month-day-year", "digit", rf"\b{_M}\s+{_D}(?:,\s*|\s+){_Y}\b"),
        ("day-month", "digit", rf"\b(?:the\s+)?{_D}(?:\s+of)?\s+{_M}(?![\w-])"),
        ("month-day", "digit", rf"\b{_M}\s+{_D}\b(?![.,]?\d)"),
        ("part-month", "month", rf"(?:\b{_PART}|\b{_PART_PHRASE}){_M}(?:,?\s+{_Y})?\b"),
        ("part-year", "digit", rf"(?:\b{_PART}|\b{_PART_PHRASE}){_Y}\b"),
        ("month-year", "digit", rf"\b{_M},?\s+{_Y}\b"),
        ("season", "digit",
         rf"\b(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_Y}\b"),
        ("part-this-year", "unit",
         rf"\b{_PART_PHRASE}(?:the|this|(?P<which>last|next))\s+year\b"),
        ("month", "month", rf"\b(?:{_LEAD}|(?P<which>last|next|this)\s+){_M}(?![\w-])"),
        ("year", "digit", rf"\b(?:{_LEAD}|the\s+year\s+){_Y}\b(?![-–]\d)"),
        ("year-modifier", "digit",
         rf"\b{_DETERMINER}{_Y}(?:\s*[-–]\s*(?P<last>\d\d|1[5-9]\d\d|20\d\d))?(?=\s+[a-z])"),
        ("month-modifier", "month", rf"\b{_DETERMINER}{_M}(?=\s+[a-z])"),
        ("year-range", "digit", rf"\b{_Y}\s*[-–]\s*(?P<last>1[5-9]\d\d|20\d\d)\b"),
        ("ago", "unit", rf"\b{_NUMBER}\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
        ("day-word", "unit",
         r"\b(?P<word>today|yesterday|tomorrow)\b(?:\s+(?:morning|afternoon|evening|night))?"),
        ("weekday", "unit",
         rf"\b(?:(?P<which>last|next|this)\s+|(?P<side>later|earlier)\s+|(?:late|early)\s+)?"
         rf"{_WEEKDAY}\b(?:\s+(?:morning|afternoon|evening|night))?"),
        ("this-unit", "unit",
         r"\b(?:(?P<side>earlier|later)\s+)?(?P<which>this|last|next|past)\s+"
         r"(?P<unit>year|month|week)\b"),
        ("next-day", "unit", r"\b(?:the\s+)?(?P<which>following|next|previous|same)\s+day\b"),
        # "earlier in the day", "later that day": the day the text named last
        ("next-day", "unit",
         r"\b(?P<which>earlier|later)\s+(?:in\s+)?(?:the|that)\s+day\b"),
        # "two days later", but not "two days before the vote" (that dates by the vote).
        ("days-later", "unit",
         rf"\b{_NUMBER}\s+days?\s+(?P<which>later|earlier|before|after)\b"
         r"(?!\s+(?:the|a|an|his|her|its|their)\b)"),
    ]
]  # fmt: skip
# What a sentence must hold for a pattern to match at all: a digit; a month's name (every one
# begins with its abbreviation); or a word of time ("day" is in "today", "yesterday" and every
# weekday's name). A sentence without one is not searched with the patterns that need it.
_CUES = {
    "digit": re.compile(r"\d"),
    "month": re.compile("|".join(name[:3] for name in _FULL_MONTHS), re.IGNORECASE),
    "unit": re.compile(r"day|week|month|year|tomorrow", re.IGNORECASE),
}
_PREPOSITION = re.compile(
    r"(?:\b(?:on|in|since|by|for|from|between|during|until|till|before|after|as\s+of|at)\s+)$",
    re.IGNORECASE,
)
_YEAR_SUFFIX = re.compile(r"\s*(?:of\s+)?(?P<which>this|last|next)\s+year\b", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:–|-|—|to|until|till|through|and)\s*", re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|plans?\s+to|planned|scheduled|expected\s+to|"
    r"(?:is|are|was|were)\s+due|upcoming)\b",
    re.IGNORECASE,
)


class Mention(NamedTuple):
    """A date expression found in a sentence, resolved."""

    start: int  # where the phrase begins in the sentence
    end: int
    phrase: str  # as written, with the preposition that leads it: "on November 9"
    date_text: str  # the store's syntax: "2020-11-09", "mid 2023-03", "1988"
    end_text: str | None  # the end of a period: a date, ".." (still going on), or None
    day: date | None  # the day meant, when the precision is a day (for "the following day")
    year: int | None  # the year the text named, if it named one


@dataclass
class Context:
    """What the sentences read so far establish for the next ones."""

    published: date
    year: int | None = None  # the last year the text named
    since: date | None = None  # the first day of the date that named it
    day: date | None = None  # the last day the text named


@dataclass
class _Value:
    """One resolved date before it is written in the store's syntax."""

    year: int
    month: int | None = None
    day: int | None = None
    part: str | None = None
    approximate: bool = False
    named_year: bool = False
    until: date | None = None  # one day between this day and until ("next week")

    def text(self) -> str:
        """The date in the store's syntax."""
        if self.until is not None and self.as_day() is not None:
            first = self.as_day()
            assert first is not None
            return between_text(day_text(first), day_text(self.until))
        return date_text(
            self.year, self.month, self.day, part=self.part, approximate=self.approximate
        )

    def first_day(self) -> date:
        month = self.month
        if month is None:
            month = YEAR_PART_MONTHS[self.part][0] if self.part is not None else 1
        return date(self.year, month, self.day or 1)

    def as_day(self) -> date | None:
        """The day meant, when the precision is one day."""
        if self.day is None or self.month is None:
            return None
        return date(self.year, self.month, self.day)


def find_dates(sentence: str, context: Context) -> list[Mention]:
    """The date expressions in a sentence, in order, resolved; context is updated with the
    years and days they name."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    cues = {cue for cue, pattern in _CUES.items() if pattern.search(sentence)}
    for name, cue, pattern in _PATTERNS:
        if cue not in cues:
            continue
        for match in pattern.finditer(sentence):
            found.append((_core_start(name, match), match.end(), name, match))
    # Longest first at each place; a match inside another is part of it.
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    future = bool(_FUTURE.search(sentence))
    resolved: list[tuple[int, int, _Value, _Value | None]] = []
    taken_until = 0
    for start, end, name, match in found:
        if start < taken_until:
            continue
        end, values = _resolve(name, match, sentence, end, context, future)
        if values is None:
            continue
        taken_until = end
        first, last = values
        resolved.append((start, end, first, last))
        if first.named_year:
            context.year = (last or first).year
            context.since = (last or first).first_day()
        day = (last or first).as_day()
        if day is not None and (last or first).until is None:
            context.day = day
    return _mentions(sentence, _ranges(sentence, resolved))


def _core_start(name: str, match: re.Match[str]) -> int:
    """Where the date itself begins: "in" and "since" before a bare year or month only tell
    that it is a date; the phrase takes its preposition back later, the range its "and"."""
    if name in ("year", "month") and not match.groupdict().get("which"):
        return match.start(name)
    if name in ("year-modifier", "month-modifier"):
        return match.start("year" if name == "year-modifier" else "month")
    return match.start()


def _ranges(
    sentence: str, resolved: list[tuple[int, int, _Value, _Value | None]]
) -> list[tuple[int, int, _Value, _Value | None]]:
    """Join "between 2020 and 2022", "from May 2021 to June 2022" into one period each."""
    joined: list[tuple[int, int, _Value, _Value | None]] = []
    for item in resolved:
        if joined:
            start, end, first, last = joined[-1]
            lead = sentence[:start].rstrip().lower()
            if (
                last is None
                and _RANGE_JOIN.fullmatch(sentence[end : item[0]])
                and (
                    lead.endswith(("between", "from"))
                    or sentence[end : item[0]].strip() in ("–", "—", "-")
                )
                and item[3] is None
            ):
                joined[-1] = (start, item[1], first, item[2])
                continue
        joined.append(item)
    return joined


def _mentions(sentence: str, items: list[tuple[int, int, _Value, _Value | None]]) -> list[Mention]:
    mentions = []
    for start, end, first, last in items:
        lead = _PREPOSITION.search(sentence[:start])
        since = False
        if (
            lead is not None
            and lead.group().strip().lower() == "by"
            and _POSSESSIVE.match(sentence, end)
        ):
            lead = None  # "affected by Friday's quake": who did it, not a deadline
        if lead is not None:
            since = lead.group().strip().lower() == "since"
            start = lead.start()
        end_date = OPEN_END if since and last is None else (last.text() if last else None)
        named = first.year if first.named_year else None
        mentions.append(
            Mention(
                start,
                end,
                sentence[start:end],
                first.text(),
                end_date,
                first.as_day() if last is None and first.until is None else None,
                named,
            )
        )
    return mentions


def _resolve(
    name: str,
    match: re.Match[str],
    sentence: str,
    end: int,
    context: Context,
    future: bool,
) -> tuple[int, tuple[_Value, _Value | None] | None]:
    """The value(s) a match stands for, and where the phrase ends (a following "of this year"
    belongs to it); None when the words only look like a date ("February 30")."""
    groups = {key: value for key, value in match.groupdict().items() if value is not None}
    published = context.published
    try:
        if name in ("iso", "numeric"):
            if name == "iso":
                numbers = int(groups["month"]), int(groups["day"])
            else:
                numbers = month_and_day(int(groups["first"]), int(groups["second"]))
            value = _Value(int(groups["year"]), *numbers, named_year=True)
            date(value.year, *numbers)
            return end, (value, None)
        if name == "season":
            year = int(groups["year"])
            first_month = SEASONS[groups["season"].lower()]
            last_month = first_month + 2
            return end, (
                _Value(year, first_month, named_year=True),
                _Value(year + (last_month - 1) // 12, (last_month - 1) % 12 + 1, named_year=True),
            )
        if name == "part-this-year":
            shift = {"last": -1, "next": 1}.get(groups.get("which", "").lower(), 0)
            edge = PARTS[groups["edge"].lower()]
            return end, (_Value(context.published.year + shift, part=edge), None)
        if name == "year-modifier":
            if _COUNTED.match(sentence, end):
                return end, None
            first = _Value(int(groups["year"]), named_year=True)
            if "last" not in groups:
                return end, (first, None)
            last_text = groups["last"]
            last_year = (
                int(last_text) if len(last_text) == 4 else first.year // 100 * 100 + int(last_text)
            )
            if last_year <= first.year:
                return end, None
            return end, (first, _Value(last_year, named_year=True))
        if name == "month-modifier" and not groups["month"][:1].isupper():
            return end, None  # "the may" is no month
        if (
            name == "year"
            and _COUNTED.match(sentence, end)
            and not re.match(
                r"(?:in|since|during|until|till|before|after)\b", match.group(), re.IGNORECASE
            )
        ):
            return end, None  # "of 1960 servicemen" counts them
        if name == "year-range":
            first = _Value(int(groups["year"]), named_year=True)
            last = _Value(int(groups["last"]), named_year=True)
            return end, ((first, last) if last.year > first.year else None)
        if name in ("ago", "day-word", "weekday", "this-unit", "next-day", "days-later"):
            return end, _relative(name, groups, context, future)
        month = month_number(groups["month"]) if "month" in groups else None
        day = int(groups["day"]) if "day" in groups else None
        part_word = groups.get("part") or groups.get("edge")
        part = PARTS[part_word.lower()] if part_word else None
        if "year" in groups:
            year = int(groups["year"])
            named = True
        else:
            if name == "year":
                return end, None
            suffix = _YEAR_SUFFIX.match(sentence, end)
            which = groups.get("which", "").lower()
            if suffix is not None:
                end = suffix.end()
                year = published.year + {"this": 0, "last": -1, "next": 1}[suffix["which"].lower()]
            elif which in ("last", "next", "this"):
                year = _month_year(month or 1, published, which)
            else:
                year = _year_for(month or 1, day or 1, context, future)
            named = False
        if name == "day-range":
            assert month is not None and day is not None
            first_day = int(groups["first"])
            if not first_day < day:
                return end, None
            date(year, month, first_day)
            date(year, month, day)
            return end, (
                _Value(year, month, first_day, named_year=named),
                _Value(year, month, day, named_year=named),
            )
        if day is not None:
            assert month is not None
            date(year, month, day)
        if year < 1 or (day is not None and part is not None):
            return end, None
        return end, (_Value(year, month, day, part, named_year=named), None)
    except ValueError:
        return end, None


def _year_for(month: int, day: int, context: Context, future: bool) -> int:
    """The year of a date the text gives without one: the last year it named, else the
    publication's, or the year before when that would put a past event after the report."""
    published = context.published
    # A story told in order moves forward: "In September 2020 ... on November 9" is 2020; a
    # date that would fall before the one that named the year starts again from the present.
    if context.year is not None and (
        context.since is None or _first_day(context.year, month, day) >= context.since
    ):
        return context.year
    try:
        candidate = date(published.year, month, day)
    except ValueError:
        return published.year
    if candidate > published + FUTURE_SLACK and not future:
        return published.year - 1
    return published.year


def _first_day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, 1)


def _month_year(month: int, published: date, which: str) -> int:
    if which == "last":
        return published.year if month < published.month else published.year - 1
    if which == "next":
        return published.year if month > published.month else published.year + 1
    return published.year


def _relative(
    name: str, groups: dict[str, str], context: Context, future: bool
) -> tuple[_Value, _Value | None] | None:
    published = context.published
    which = groups.get("which", "").lower()
    if name == "day-word":
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[groups["word"].lower()]
        return _day(published + timedelta(days=offset)), None
    side = groups.get("side", "").lower()
    if name == "weekday":
        weekday = WEEKDAY_NUMBERS[groups["weekday"].lower()]
        if which == "next" or side == "later" or (future and which != "last" and side != "earlier"):
            # "later Sunday" and "will meet on Sunday" on a Sunday are that day; "next
            # Sunday" is the one after.
            ahead = (weekday - published.weekday()) % 7
            if which == "next" and ahead == 0:
                ahead = 7
            return _day(published + timedelta(days=ahead)), None
        back = (published.weekday() - weekday) % 7
        if which == "last" and back == 0:
            back = 7
        return _day(published - timedelta(days=back)), None
    if name == "this-unit":
        shift = {"this": 0, "last": -1, "past": -1, "next": 1}[which]
        if groups["unit"].lower() == "week":
            return _week(published, shift, side), None
        if groups["unit"].lower() == "year":
            return _Value(published.year + shift), None
        month = add_months(published, shift)
        return _Value(month.year, month.month), None
    anchor = context.day
    if name == "next-day":
        if anchor is None:
            return None
        offset = {"following": 1, "next": 1, "previous": -1}.get(which, 0)
        return _day(anchor + timedelta(days=offset)), None
    count = groups["count"].lower()
    number = NUMBERS[count] if count in NUMBERS else int(count)
    if name == "ago":
        unit = groups["unit"].lower()
        if unit in ("day", "week"):
            value = _day(published - timedelta(days=number * (7 if unit == "week" else 1)))
            value.approximate = unit == "week"
            return value, None
        if unit == "month":
            month = add_months(published, -number)
            return _Value(month.year, month.month), None
        return _Value(published.year - number), None
    if anchor is None:
        return None
    sign = 1 if which in ("later", "after") else -1
    return _day(anchor + timedelta(days=sign * number)), None


def _day(day: date) -> _Value:
    return _Value(day.year, day.month, day.day)


def _week(published: date, shift: int, side: str) -> _Value:
    """A week (Monday to Sunday) as one day between its first and last: "next week"; "earlier
    this week" ends the day before the publication, "later this week" starts the day after."""
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
    low, high = monday, monday + timedelta(days=6)
    if shift == 0 and side == "earlier":
        high = max(low, published - timedelta(days=1))
    elif shift == 0 and side == "later":
        low = min(high, published + timedelta(days=1))
    value = _day(low)
    if high != low:
        value.until = high
    return value
