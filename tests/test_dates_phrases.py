"""Date expressions: found in a sentence, resolved at the precision the text gives, in English
whatever the machine's locale."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO
from timeline.dates.calendar import WEEKDAY_NAMES
from timeline.dates.phrases import Context, find_dates
from timeline.dates.syntax import parse_date, parse_end

PUBLISHED = date(2023, 9, 21)  # a Thursday
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def found(sentence: str, published: date = PUBLISHED) -> list[tuple[str, str, str | None]]:
    context = Context(published)
    return [(m.phrase, m.date_text, m.end_text) for m in find_dates(sentence, context)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It was signed on November 9, 2020.", [("on November 9, 2020", "2020-11-09", None)]),
        (
            "Talks began on 21 September 2023 in Baku.",
            [("on 21 September 2023", "2023-09-21", None)],
        ),
        ("The vote of 10.11.2020 stands.", [("10.11.2020", "2020-11-10", None)]),
        ("On 2020-11-10 it ended.", [("On 2020-11-10", "2020-11-10", None)]),
        ("Fighting resumed in September 2020.", [("in September 2020", "2020-09", None)]),
        ("The base was built in 2018.", [("in 2018", "2018", None)]),
        ("They have disputed it since 1988.", [("since 1988", "1988", "..")]),
        ("They met in mid-March.", [("in mid-March", "mid 2023-03", None)]),
        ("They met in late May.", [("in late May", "late 2023-05", None)]),
        ("Prices rose in early 2021.", [("in early 2021", "early 2021", None)]),
        ("A call in mid-March of this year.", [("in mid-March of this year", "mid 2023-03", None)]),
        (
            "It ended at the end of March 2021.",
            [("at the end of March 2021", "late 2021-03", None)],
        ),
        ("Armenia must withdraw by 1 December 2020.", [("by 1 December 2020", "2020-12-01", None)]),
        ("Agreements between 2020 and 2022 hold.", [("between 2020 and 2022", "2020", "2022")]),
        (
            "The mission ran from May 2021 to June 2022.",
            [("from May 2021 to June 2022", "2021-05", "2022-06")],
        ),
        ("The 2020–2022 talks.", [("2020–2022", "2020", "2022")]),
        ("Held on 9–10 November 2020.", [("on 9–10 November 2020", "2020-11-09", "2020-11-10")]),
        ("The war in the autumn of 2020.", [("in the autumn of 2020", "2020-09", "2020-11")]),
        ("He spoke on Wednesday.", [("on Wednesday", "2023-09-20", None)]),
        ("He spoke on Thursday.", [("on Thursday", "2023-09-21", None)]),
        ("He will speak on Monday.", [("on Monday", "2023-09-25", None)]),
        ("It happened three days ago.", [("three days ago", "2023-09-18", None)]),
        ("It happened yesterday.", [("yesterday", "2023-09-20", None)]),
        ("Prices rose this year.", [("this year", "2023", None)]),
        ("Prices rose earlier this year.", [("earlier this year", "2023", None)]),
        ("Talks stalled last month.", [("last month", "2023-08", None)]),
        ("It was done last May.", [("last May", "2023-05", None)]),
        (
            "The summit is due by the end of the year.",
            [("by the end of the year", "late 2023", None)],
        ),
    ],
)
def test_a_date_is_found_at_the_precision_the_text_gives(
    sentence: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The parties may agree to meet.",  # "may" is a verb
        "About 2000 people fled.",  # a number, not a year
        "It was signed on February 30.",  # no such day
        "Article 9 of the statement applies.",
        "Nothing here is dated.",
    ],
)
def test_words_that_only_look_like_dates_are_not_dates(sentence: str) -> None:
    assert found(sentence) == []


def test_a_date_without_a_year_takes_the_year_the_text_named_last() -> None:
    context = Context(PUBLISHED)
    find_dates("In September 2020, fighting erupted again.", context)
    (mention,) = find_dates("This led to a statement on November 9.", context)
    assert mention.date_text == "2020-11-09"


def test_an_earlier_date_in_the_text_does_not_pull_a_later_story_back() -> None:
    """After "10.11.2020", "In September" that would fall before it is the present's."""
    context = Context(date(2023, 12, 8))
    find_dates("The war ended with a ceasefire on 10.11.2020.", context)
    (mention,) = find_dates("In September, Azerbaijan retook the region.", context)
    assert mention.date_text == "2023-09"


def test_a_yearless_date_after_the_publication_is_last_year() -> None:
    assert found("They met on November 9.", date(2023, 3, 1)) == [
        ("on November 9", "2022-11-09", None)
    ]


def test_the_following_day_counts_from_the_last_day_named() -> None:
    context = Context(PUBLISHED)
    find_dates("They met on 3 May 2021.", context)
    (mention,) = find_dates("The following day, talks resumed.", context)
    assert mention.date_text == "2021-05-04"


def test_earlier_in_the_day_is_the_day_named_last() -> None:
    context = Context(PUBLISHED)
    find_dates("Soldiers said on Wednesday that they had seized power.", context)
    (mention,) = find_dates("He was detained earlier in the day by the guard.", context)
    assert (mention.phrase, mention.date_text) == ("earlier in the day", "2023-09-20")


def test_the_following_day_with_no_day_before_it_is_not_a_date() -> None:
    assert found("The following day, talks resumed.") == []


def test_one_sentence_can_date_two_events() -> None:
    assert found("It began in September 2020 and ended on 10 November 2020.") == [
        ("in September 2020", "2020-09", None),
        ("on 10 November 2020", "2020-11-10", None),
    ]


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["{d} {M} {y}", "{M} {d}, {y}", "{y}-{m:02d}-{d:02d}", "{d:02d}.{m:02d}.{y}"]),
)
def test_every_written_day_reads_back_as_that_day(day: date, layout: str) -> None:
    month = ENGLISH_MONTHS[day.month - 1]
    text = layout.format(d=day.day, m=day.month, M=month, y=day.year)
    (mention,) = find_dates(f"It happened on {text}.", Context(PUBLISHED))
    assert mention.date_text == day.isoformat()
    assert mention.day == day


@given(st.text(max_size=200))
def test_any_text_gives_dates_the_store_can_read(text: str) -> None:
    for mention in find_dates(text, Context(PUBLISHED)):
        start = parse_date(mention.date_text)
        if mention.end_text is not None:
            end, _ = parse_end(mention.end_text)
            assert end is None or end.last >= start.first
        assert text[mention.start : mention.end] == mention.phrase


# Read in a fresh interpreter, so that every table is built under the conditions set first.
SENTENCES = [
    "They met on Wednesday.",
    "Talks resumed in March 2021.",
    "It was signed on 10 Sept. 2020.",
    "The deal of mid-October held.",
]
EXPECTED = [
    [["on Wednesday", "2023-09-20"]],
    [["in March 2021", "2021-03"]],
    [["on 10 Sept. 2020", "2020-09-10"]],
    [["mid-October", "mid 2022-10"]],
]
READ_SENTENCES = f"""
import json
import re
from datetime import date
from timeline.dates.calendar import WEEKDAY_NAMES
from timeline.dates.phrases import Context, find_dates
found = [
    [[m.phrase, m.date_text] for m in find_dates(s, Context(date(2023, 9, 21)))]
    for s in {SENTENCES!r}
]
print(json.dumps(found))
"""


def read_elsewhere(prelude: str) -> object:
    """What READ_SENTENCES prints when prelude runs first, in another interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", prelude + READ_SENTENCES],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_english_dates_are_read_under_the_c_locale() -> None:
    """The sentences below are read as their English dates (the reference for the next two)."""
    assert read_elsewhere("") == EXPECTED


def test_english_dates_are_read_under_another_locale(other_locale: str) -> None:
    """Under a German (or French, Russian, Turkish) locale, English months and weekdays are
    still read: the names are never taken from the locale."""
    prelude = f"import locale\nlocale.setlocale(locale.LC_ALL, {other_locale!r})\n"
    assert read_elsewhere(prelude) == EXPECTED


def test_the_standard_calendar_names_do_not_matter() -> None:
    """With the calendar module's month and day names replaced by other words before the
    import, the same dates are read: nothing is built from them (needs no locale)."""
    prelude = (
        "import calendar\n"
        "calendar.month_name = ['', *('Monat%d' % n for n in range(1, 13))]\n"
        "calendar.month_abbr = ['', *('Mo%d' % n for n in range(1, 13))]\n"
        "calendar.day_name = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', "
        "'Samstag', 'Sonntag']\n"
        "calendar.day_abbr = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']\n"
    )
    assert read_elsewhere(prelude) == EXPECTED


# A phrase for every pattern, and words that only look like parts of dates.
DATE_PHRASES = (
    "2021-05-03", "10.11.2020", "10-12 March 2021", "the 3rd of May, 2021", "May 3, 2021",
    "3 May", "May 3", "mid-March", "the end of 2020", "early 2021", "September 2020",
    "the autumn of 2020", "the beginning of this year", "since May", "in 1988", "1988-1994",
    "two weeks ago", "yesterday", "next Friday", "this year", "last month", "the following day",
    "two days later", "Sept.", "DEC", "Mayor", "summary", "will", "officials met", "and", ",",
    ".", "in", "on", "between", "from", "to", "the", "of", "in Sept.", "by dec.",
    *(f"in {month}" for month in ENGLISH_MONTHS),
    *(f"on {weekday}" for weekday in WEEKDAY_NAMES),
)  # fmt: skip


@pytest.mark.parametrize("phrase", DATE_PHRASES)
def test_a_phrase_is_read_as_when_every_pattern_is_tried(phrase: str) -> None:
    """A sentence is not searched with the patterns whose cue (a digit, a month's name, a word
    of time) it lacks; each phrase is read as when every pattern is tried."""
    assert found_with_cues(f"They met on 1 May 2021 and {phrase}.") == found_with_every_pattern(
        f"They met on 1 May 2021 and {phrase}."
    )


@given(st.lists(st.sampled_from(DATE_PHRASES), max_size=8))
def test_sentences_are_read_as_when_every_pattern_is_tried(phrases: list[str]) -> None:
    """Any sentence made of the phrases is read as when every pattern is tried."""
    sentence = " ".join(phrases)
    assert found_with_cues(sentence) == found_with_every_pattern(sentence)


def found_with_cues(sentence: str) -> list[object]:
    return list(find_dates(sentence, Context(PUBLISHED, day=date(2023, 9, 1))))


def found_with_every_pattern(sentence: str) -> list[object]:
    from unittest.mock import patch

    from timeline.dates import phrases

    with patch.dict(phrases._CUES, {cue: re.compile("") for cue in phrases._CUES}):
        return found_with_cues(sentence)


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # A year or a month before a noun dates it.
        ("Turnout in the 2021 election was low.", PUBLISHED, [("2021", "2021", None)]),
        ("Both sides remember their 1998-99 war.", PUBLISHED, [("1998-99", "1998", "1999")]),
        ("They held a July meeting in Geneva.", PUBLISHED, [("July", "2023-07", None)]),
        # Weeks are one day somewhere in them.
        (
            "The deal will be signed next week.",
            PUBLISHED,
            [("next week", "[2023-09-25..2023-10-01]", None)],
        ),
        (
            "Talks were held earlier this week.",
            PUBLISHED,
            [("earlier this week", "[2023-09-18..2023-09-20]", None)],
        ),
        ("They met last week.", PUBLISHED, [("last week", "[2023-09-11..2023-09-17]", None)]),
        # "later Sunday" on a Sunday is that Sunday; "next Sunday" the one after.
        ("He will speak later Sunday.", date(2023, 9, 24), [("later Sunday", "2023-09-24", None)]),
        ("He will speak next Sunday.", date(2023, 9, 24), [("next Sunday", "2023-10-01", None)]),
        # "by" after a participle names who did it: no deadline; a deadline stays one.
        ("Homes were affected by Friday's quake.", PUBLISHED, [("Friday", "2023-09-15", None)]),
        ("Troops will leave by Friday.", PUBLISHED, [("by Friday", "2023-09-22", None)]),
        # The part of the day is part of the phrase; "due to" is no plan.
        ("It struck late Friday night.", PUBLISHED, [("late Friday night", "2023-09-15", None)]),
        ("He spoke on Thursday morning.", PUBLISHED, [("on Thursday morning", "2023-09-21", None)]),
        ("It ended due to the rain on Monday.", PUBLISHED, [("on Monday", "2023-09-18", None)]),
    ],
)
def test_modifiers_weeks_and_same_day_weekdays(
    sentence: str, published: date, expected: list[tuple[str, str, str | None]]
) -> None:
    assert found(sentence, published) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "A contingent of 1960 servicemen arrived.",  # a count written without its comma
        "The 2000 people who fled came back.",
        "They sent 2000 troops and 1500 policemen.",
        "They may meet.",
    ],
)
def test_a_count_before_a_noun_is_no_year(sentence: str) -> None:
    assert found(sentence) == []
