"""Clauses and titles: each date of a sentence gets its own part of it, and a short headline."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.clauses import TITLE_WORDS, clause_text, clauses, headline, strip_lead


def titles(sentence: str, *phrases: str) -> list[str]:
    dates = [(sentence.index(p), sentence.index(p) + len(p)) for p in phrases]
    return [headline(sentence, clause) for clause in clauses(sentence, dates)]


def test_two_dates_give_two_clauses_each_with_its_own_words() -> None:
    sentence = "Putin met Erdogan in Sochi on Monday and called Aliyev on Tuesday."
    dates = [(sentence.index("on Monday"), sentence.index("on Monday") + 9)]
    dates.append((sentence.index("on Tuesday"), sentence.index("on Tuesday") + 10))
    first, second = clauses(sentence, dates)
    assert clause_text(sentence, first) == "Putin met Erdogan in Sochi on Monday"
    assert clause_text(sentence, second) == "called Aliyev on Tuesday."
    assert titles(sentence, "on Monday", "on Tuesday") == [
        "Putin met Erdogan in Sochi",
        "Putin called Aliyev",
    ]


def test_a_clause_break_parts_the_dates() -> None:
    sentence = (
        "The truce was signed on 9 November 2020; fighting resumed on 19 September 2023, "
        "officials said."
    )
    assert titles(sentence, "on 9 November 2020", "on 19 September 2023") == [
        "The truce was signed",
        "Fighting resumed",
    ]


def test_a_relative_clause_takes_the_noun_it_tells_of() -> None:
    sentence = "Both sides cite the 2020 truce, which was signed on 9 November 2020."
    assert titles(sentence, "2020", "on 9 November 2020")[1] == ("The 2020 truce was signed")


@pytest.mark.parametrize(
    ("sentence", "phrase", "title"),
    [
        (
            "KYIV, Ukraine (AP) — Russian drones struck a power plant on Sunday.",
            "on Sunday",
            "Russian drones struck a power plant",
        ),
        (
            "GENEVA (Example News) - Talks resumed on Monday, the mediators said.",
            "on Monday",
            "Talks resumed",
        ),
        (
            "2. The ministers will meet on 3 May 2024 ...",
            "on 3 May 2024",
            "The ministers will meet",
        ),
        (
            "According to the ministry, 12 soldiers were killed on Friday.",
            "on Friday",
            "12 soldiers were killed",
        ),
        (
            "At the summit in Reykjavik on 17 May 2023, the prime minister affirmed that his "
            "country recognises its neighbour's sovereignty within its borders.",
            "on 17 May 2023",
            "The prime minister affirmed that his country recognises its neighbour's sovereignty",
        ),
    ],
)
def test_a_title_has_no_dateline_number_attribution_or_ellipsis(
    sentence: str, phrase: str, title: str
) -> None:
    assert titles(sentence, phrase) == [title]


def test_a_title_is_at_most_twelve_words_and_never_ends_on_a_small_word() -> None:
    sentence = (
        "On Friday the government of the republic announced a long list of new measures for "
        "the regions of the north and the south of the country."
    )
    (title,) = titles(sentence, "On Friday")
    assert len(title.split()) <= TITLE_WORDS
    assert title == "The government of the republic announced a long list of new measures"


def test_strip_lead_takes_off_datelines_and_numbers_only() -> None:
    assert strip_lead("MOSCOW, Sept 5 (Reuters) - Talks began.") == "Talks began."
    assert strip_lead("CAPITAL, Northland (AP) A quake struck.") == "A quake struck."
    assert strip_lead("RABAT (Northland), Sept 9: A quake struck.") == "A quake struck."
    assert strip_lead("Capital City, Northland: A quake struck.") == "A quake struck."
    assert strip_lead("Update: the talks go on.") == "Update: the talks go on."
    assert strip_lead("(3) Prisoners are exchanged.") == "Prisoners are exchanged."
    assert strip_lead("NATO said it would help.") == "NATO said it would help."


def test_a_headline_keeps_the_subject_and_its_verb() -> None:
    sentence = (
        "The magnitude-6.8 quake, the biggest to hit the country in 120 years, sent people "
        "fleeing their homes in terror and disbelief late Friday."
    )
    assert titles(sentence, "late Friday") == [
        "The magnitude-6.8 quake sent people fleeing their homes in terror and disbelief"
    ]
    # A comma after an adjective is no apposition.
    sentence = "A rare, powerful earthquake struck the country on Friday, killing 1,000 people."
    assert titles(sentence, "on Friday") == [
        "A rare, powerful earthquake struck the country, killing 1,000 people"
    ]
    # A relative clause's date tells of the name before it.
    sentence = "The whereabouts of Bazoum, who came to power two years ago, were unclear."
    assert titles(sentence, "two years ago") == ["Bazoum came to power"]


@pytest.mark.parametrize(
    ("sentence", "phrase", "title"),
    [
        # What someone said they did, by them.
        (
            "A group of soldiers said Wednesday on TV that they had carried out a coup.",
            "Wednesday",
            "A group of soldiers had carried out a coup",
        ),
        # Brackets, and what a dash joins on.
        (
            "The Rapid Support Forces (RSF) attacked the city on Friday.",
            "on Friday",
            "The Rapid Support Forces attacked the city",
        ),
        (
            "The soldiers seized power on Wednesday—suspending all institutions and closing "
            "the borders.",
            "on Wednesday",
            "The soldiers seized power",
        ),
        # A phrase that had just begun at the twelfth word goes.
        (
            "The war broke out in April 2023 between the armed forces of the north, led by "
            "their general.",
            "in April 2023",
            "The war broke out between the armed forces of the north",
        ),
    ],
)
def test_a_title_tells_what_was_done(sentence: str, phrase: str, title: str) -> None:
    assert titles(sentence, phrase) == [title]


@given(
    st.lists(
        st.sampled_from(
            [
                "The",
                "army",
                "said",
                "Northland",
                "on",
                "Monday",
                ",",
                "and",
                "which",
                "...",
                "(AP)",
                "—",
                "2.",
                "officials",
                "said",
                "killed",
                "in",
                "Geneva",
                "“",
                "”",
                ";",
            ]
        ),
        min_size=1,
        max_size=40,
    )
)
def test_a_title_is_at_most_twelve_words_and_never_cut_with_an_ellipsis(
    words: list[str],
) -> None:
    sentence = " ".join(words) + " on 3 May 2021."
    start = sentence.index("on 3 May 2021")
    (clause,) = clauses(sentence, [(start, start + len("on 3 May 2021"))])
    title = headline(sentence, clause)
    assert len(title.split()) <= TITLE_WORDS
    assert not title.endswith(("...", "…"))
