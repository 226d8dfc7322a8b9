"""Drafting events from articles: every dated statement once, true to the text."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from timeline.errors import ArticleTooBig, NoDateline
from timeline.extract import (
    MAX_ARTICLE_BYTES,
    RETELLING_CANDIDATES,
    SENTENCE_WINDOW,
    check_size,
    extract,
    find_published,
    segmenter,
    sentences,
)
from timeline.model import Store
from timeline.paragraphs import split_paragraphs

ARTICLE = REPO / "sources" / "2023-09-21-aliyev-apology-russian-peacekeepers.txt"

# Written for these tests: a wire report with a dateline, a weekday, a numeric date, a season,
# a bare month after an earlier year, and relative days.
WIRE_REPORT = """\
Armenia and Azerbaijan agree to exchange prisoners

YEREVAN, December 8, 2023 (Example News) - Armenia and Azerbaijan announced on Thursday that \
they would exchange prisoners of war, in a joint statement issued by the office of Prime \
Minister Nikol Pashinyan and the administration of President ILHAM ALIYEV.

Azerbaijan will release 32 Armenian servicemen, the statement said.

The two countries fought a six-week war in the autumn of 2020 that ended with a ceasefire on \
10.11.2020. In September, Azerbaijan retook Nagorno-Karabakh in a one-day offensive.

Mr. Pashinyan met European Council President Charles Michel in Brussels three days ago. The \
following day, the EU said it welcomed the progress.
"""

# A statement told twice, in the headline and in the body; and sentences with no date.
RETOLD = """\
Ceasefire agreed in Karabakh on 20 September 2023

A ceasefire was agreed in Karabakh on 20 September 2023, ending a one-day offensive.

Both sides said they would keep talking. Observers welcomed the news.
"""


def drafted(store: Store, text: str, published: date | None = None) -> list[tuple[str, ...]]:
    extraction = extract(text, store, published=published, source=None, name="article.txt")
    return [(d.date, d.end or "", d.when) for d in extraction.drafts]


def test_the_bundled_article_gives_every_event_the_store_dates_from_it(
    bundled_store: Store,
) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    source = bundled_store.sources["tass-2023-09-21"]
    extraction = extract(text, bundled_store, published=None, source=source, name=str(ARTICLE))
    found = {(d.date, d.end) for d in extraction.drafts}
    by_id = {e.id: e for e in bundled_store.events}
    # All but the deployment, whose day the store infers from the sentence before it.
    dated = [e for e in by_id.values() if e.id != "peacekeepers-deployed-2020"]
    assert len(dated) == 9
    for event in dated:
        assert (event.date_text, event.end_text) in found, event.id
    assert len(extraction.drafts) == 9  # the incident told twice is one draft
    whens = {d.date: d.when for d in extraction.drafts}
    for event in dated:
        if event.when != "during a telephone conversation":
            assert whens[event.date_text].lower() == event.when.lower()


def test_a_draft_quotes_its_sentence_names_actors_type_place_and_source(
    bundled_store: Store,
) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    extraction = extract(text, bundled_store, published=None, source=None, name="a.txt")
    (reykjavik,) = [d for d in extraction.drafts if d.date == "2023-05-17"]
    assert reykjavik.quotes == (
        "At the Council of Europe summit in Reykjavik on May 17, 2023, Pashinyan publicly "
        "affirmed that Yerevan recognizes Azerbaijan's sovereignty within its internationally "
        "recognized borders, which encompass Nagorno-Karabakh.",
    )
    assert reykjavik.when == "on May 17, 2023"
    assert set(reykjavik.actors) == {"council-of-europe", "pashinyan", "armenia", "azerbaijan"}
    assert reykjavik.location == "Reykjavik"
    assert reykjavik.type == "statement"
    assert reykjavik.sources == (extraction.source.id,)
    assert "automatically" in reykjavik.note
    for draft in extraction.drafts:
        for quote in draft.quotes:
            assert quote in " ".join(text.split())


def test_a_wire_report_is_dated_from_its_dateline(small_store: Store) -> None:
    assert find_published(WIRE_REPORT) == date(2023, 12, 8)
    assert drafted(small_store, WIRE_REPORT) == [
        ("2023-12-07", "", "on Thursday"),
        ("2020-09", "2020-11", "in the autumn of 2020"),
        ("2020-11-10", "", "on 10.11.2020"),
        ("2023-09", "", "In September"),
        ("2023-12-05", "", "three days ago"),
        ("2023-12-06", "", "The following day"),
    ]


def test_actors_are_found_by_name_or_alias_without_regard_to_case_or_accents(
    small_store: Store,
) -> None:
    store = small_store._replace(
        actors={
            **small_store.actors,
            "aliyev": small_store.actors["leader"]._replace(
                id="aliyev", name="Ilham Alíyev", aliases=("Aliyev",)
            ),
        }
    )
    extraction = extract(WIRE_REPORT, store, published=None, source=None, name="a.txt")
    # The store's leader by name in capitals; states, a titled leader and a council that the
    # store lacks, proposed; no weekday, no leader twice.
    assert extraction.drafts[0].actors == ("armenia", "azerbaijan", "nikol-pashinyan", "aliyev")
    # "Mr. Pashinyan" is the Prime Minister named before.
    assert extraction.drafts[-2].actors == ("nikol-pashinyan", "charles-michel")
    proposed = {(a.name, a.kind, a.role) for a in extraction.actors}
    assert proposed >= {
        ("Armenia", "state", ""),
        ("Azerbaijan", "state", ""),
        ("Nikol Pashinyan", "person", "Prime Minister"),
        ("Charles Michel", "person", "European Council President"),
    }
    names = {a.name for a in extraction.actors}
    assert not names & {"ILHAM ALIYEV", "Thursday", "Brussels", "Mr. Pashinyan"}


def test_the_same_event_told_twice_is_one_draft(small_store: Store) -> None:
    extraction = extract(RETOLD, small_store, published=date(2023, 9, 21), source=None, name="a")
    (draft,) = extraction.drafts
    assert draft.date == "2023-09-20"
    assert len(draft.quotes) == 2
    assert draft.location == "Karabakh"


def test_undated_sentences_draft_nothing(small_store: Store) -> None:
    text = "Talks go on.\n\nBoth sides say they would keep talking.\n"
    assert drafted(small_store, text, date(2023, 1, 1)) == []


def test_without_a_dateline_the_publication_date_is_required(small_store: Store) -> None:
    """An article with no dateline, and no date given for it, is NoDateline naming it."""
    with pytest.raises(NoDateline) as raised:
        drafted(small_store, "They met on 3 May 2021.\n")
    assert str(raised.value) == (
        "article.txt: no dateline found to tell when the article was published"
    )


def test_a_date_without_a_year_never_takes_this_year(small_store: Store) -> None:
    assert drafted(small_store, "They met on 3 May.\n", date(1999, 6, 1)) == [
        ("1999-05-03", "", "on 3 May")
    ]


def test_a_new_source_is_drafted_from_the_headline(small_store: Store) -> None:
    extraction = extract(WIRE_REPORT, small_store, published=None, source=None, name="w.txt")
    assert extraction.source_is_new
    assert extraction.source.title == "Armenia and Azerbaijan agree to exchange prisoners"
    assert extraction.source.published == "2023-12-08"
    assert extraction.source.file == "w.txt"
    assert extraction.source.id == "2023-12-08-armenia-and-azerbaijan-agree-to"


# Written for these tests: an article saved with the metadata block web-to-Markdown tools
# put first (YAML front matter), its title's no-break space escaped as YAML escapes it.
SAVED = """\
---
tags: statements
date: '2023-12-08'
modified_time: 2023-12-20 10:00:00-05:00
source_url: https://example.org/statements/prisoners
title: "Armenia and Azerbaijan agree to exchange\\_prisoners"
---

Armenia and Azerbaijan announced on 7 December 2023 that they would exchange prisoners.
"""


def test_an_articles_front_matter_gives_its_date_title_and_address(small_store: Store) -> None:
    """The metadata block is read, not drafted: its modified_time is no event."""
    extraction = extract(SAVED, small_store, published=None, source=None, name="s.txt")
    assert extraction.source.title == "Armenia and Azerbaijan agree to exchange prisoners"
    assert extraction.source.published == "2023-12-08"
    assert extraction.source.url == "https://example.org/statements/prisoners"
    assert [(d.date, d.quotes) for d in extraction.drafts] == [
        (
            "2023-12-07",
            (
                "Armenia and Azerbaijan announced on 7 December 2023 that they would exchange "
                "prisoners.",
            ),
        )
    ]


def test_sentences_keep_abbreviations_and_join_wrapped_lines() -> None:
    text = (
        "Mr. Smith met Gen. Lee in the U.S. on Monday. They spoke at length about\n"
        "the border and the corridor.\n\nA headline\nThe next paragraph.\n"
    )
    assert [s.text for s in sentences(text)] == [
        "Mr. Smith met Gen. Lee in the U.S. on Monday.",
        "They spoke at length about the border and the corridor.",
        "A headline",
        "The next paragraph.",
    ]


def test_paragraphs_break_at_blank_lines_of_any_white_space() -> None:
    """An article's paragraphs break where the other outputs' do: at a line of nothing but
    white space, CRLF line ends included."""
    text = "One here.\r\n\r\nTwo here.\n \t\nThree here.\nFour here."
    assert [(s.text, s.paragraph) for s in sentences(text)] == [
        ("One here.", 0),
        ("Two here.", 1),
        ("Three here.", 2),
        ("Four here.", 2),
    ]


def test_ids_never_repeat_the_store_or_each_other(bundled_store: Store, tmp_path: Path) -> None:
    text = (
        "Talks.\n\nThey met on 3 May 2021.\n\nFighting broke out near the border on 3 May 2021.\n"
    )
    extraction = extract(text, bundled_store, published=date(2021, 6, 1), source=None, name="a")
    ids = [d.id for d in extraction.drafts]
    assert len(set(ids)) == len(ids) == 2
    assert not set(ids) & {e.id for e in bundled_store.events}


def test_a_press_release_with_a_published_line(small_store: Store) -> None:
    text = (
        "Statement by the Ministry\n\nPublished: 20 September 2023\n\n"
        "Since December 2022, the Lachin corridor has been blocked.\n\n"
        "Talks between the sides are scheduled for Thursday in Yevlakh.\n"
    )
    extraction = extract(text, small_store, published=None, source=None, name="a.txt")
    assert extraction.published == date(2023, 9, 20)
    corridor, talks = extraction.drafts
    # The corridor is what was blocked, not where: a place is a location only after "in",
    # "at", "near" or "outside".
    assert (corridor.date, corridor.end, corridor.location) == ("2022-12", "..", "")
    assert (talks.date, talks.when) == ("2023-09-21", "for Thursday")
    assert talks.title == "Talks between the sides are scheduled in Yevlakh"
    assert (talks.location, talks.actors) == ("Yevlakh", ())  # a town, from the gazetteer


def timed(run: Callable[[], object]) -> float:
    """The processor time run takes (other processes on the machine do not count), the least
    of two runs."""
    times = []
    for _ in range(2):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def body_paragraphs() -> list[str]:
    """The bundled article's paragraphs that end with a full stop: statements, not headings."""
    text = ARTICLE.read_text(encoding="utf-8")
    return [part for part in split_paragraphs(text) if part.endswith(".")]


class TestBigTexts:
    """Time grows with the text, not with its square: a long paragraph is split a window at a
    time, retellings are looked for among a bounded number of drafts of the same dates, and an
    article over the limit is refused."""

    def test_a_long_paragraph_is_given_to_the_splitter_a_window_at_a_time(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """pysbd never reads more than SENTENCE_WINDOW characters at once, and reads the text at
        most about once (a window seen before is not read again): its time grows with the
        square of what it is given at once."""
        import pysbd

        given: list[int] = []
        segment = pysbd.Segmenter.segment

        def counting(self: object, text: str) -> object:
            given.append(len(text))
            return segment(self, text)

        monkeypatch.setattr(pysbd.Segmenter, "segment", counting)
        paragraph = " ".join(body_paragraphs() * 6)
        assert len(paragraph) > 20_000
        list(sentences(paragraph))
        assert max(given) == SENTENCE_WINDOW
        assert sum(given) < 1.2 * len(paragraph)

    @pytest.mark.parametrize(
        "text",
        [
            "Yes. Yes. Yes.  Yes.\tNo.\u00a0Yes.",
            "Mr. Smith met Gen. Lee in the U.S. on Monday.  They spoke at 10 a.m. today.",
            "1. One item 2. Another item 3. A third.",
            '"Hello," he said. "Goodbye!" (And then?) They left…',
            "An ending without a stop",
            "Odd marks ȸ and ∯ in the text. Then more.",
            *body_paragraphs(),
        ],
    )
    def test_sentence_spans_are_found_as_pysbd_finds_them(self, text: str) -> None:
        """segmenter() gives the spans pysbd's own segmenter gives, found with str.find
        instead of a regular expression compiled for every sentence."""
        import pysbd

        own = pysbd.Segmenter(language="en", clean=False, char_span=True)
        assert [(s.sent, s.start, s.end) for s in segmenter().segment(text)] == [
            (s.sent, s.start, s.end) for s in own.segment(text)
        ]

    def test_a_paragraph_longer_than_a_window_splits_into_the_same_sentences(self) -> None:
        """The article's statements run together into one paragraph of 12,000 characters
        split into the same sentences as when each paragraph is split alone."""
        paragraphs = body_paragraphs() * 3
        one = " ".join(paragraphs)
        assert len(one) > 4 * SENTENCE_WINDOW
        apart = [s.text for s in sentences("\n\n".join(paragraphs))]
        assert len(apart) == 78
        assert [s.text for s in sentences(one)] == apart

    def test_a_window_without_a_sentence_end_is_cut_at_a_space(self) -> None:
        """Text without full stops (a table, encoded data) is cut into pieces of at most
        SENTENCE_WINDOW characters, after a space where there is one, nothing lost."""
        words = " ".join(f"w{n:04d}" for n in range(1700))  # 10,199 characters, no full stop
        pieces = [s.text for s in sentences(words)]
        assert [len(piece) for piece in pieces] == [2999, 2999, 2999, 1199]
        assert " ".join(pieces) == words
        solid = "x" * 7000
        assert [s.text for s in sentences(solid)] == ["x" * 3000, "x" * 3000, "x" * 1000]

    def test_a_paragraph_of_many_lines_takes_time_in_proportion(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A hard-wrapped paragraph of four times as many lines takes about four times as long
        to join into one statement (under eight, for the machine's noise); adding each line to
        the joined text copied it, and took eleven times as long."""
        from timeline import extract as module

        class Whole:
            """A sentence splitter that finds none: only the joining is timed."""

            def segment(self, text: str) -> list[object]:
                return []

        monkeypatch.setattr(module, "segmenter", Whole)

        def sentences_of(count: int) -> Callable[[], object]:
            block = "\n".join(["ab"] * count)  # lines of one width: one statement
            return lambda: list(sentences(block))

        small, large = timed(sentences_of(50_000)), timed(sentences_of(200_000))
        assert large < 8 * small, (small, large)

    def test_a_long_paragraph_takes_time_in_proportion(self, small_store: Store) -> None:
        """Eight times the text in one paragraph takes about eight times as long (under
        sixteen, for the machine's noise); it took thirty times as long when pysbd read the
        paragraph whole."""
        statements = [s.text for s in sentences("\n\n".join(body_paragraphs()))]

        def extract_of(size: int) -> Callable[[], object]:
            # The article's statements, numbered: no window of the paragraph repeats another.
            numbered = (f"{statements[n % len(statements)]} ({n})" for n in range(size // 50))
            text = "21 September 2023\n\n" + " ".join(numbered)[:size]
            return lambda: extract(text, small_store, published=None, source=None, name="a")

        small, large = timed(extract_of(8_000)), timed(extract_of(64_000))
        assert large < 16 * small, (small, large)

    @staticmethod
    def same_date(count: int) -> str:
        """count different statements of one date, each a paragraph, none retelling another."""
        return "\n\n".join(
            f"They met in Geneva on 3 May 2021 to discuss {' '.join(f'w{n}x{i}' for i in range(9))}."
            for n in range(count)
        )

    def test_many_events_of_one_date_take_time_in_proportion(self, small_store: Store) -> None:
        """Four times as many different statements of one date take about four times as long
        (under eight, for the machine's noise): each is compared with at most
        RETELLING_CANDIDATES earlier drafts of its date, and ids of one slug are numbered
        without trying the taken numbers again. It took ten times as long when each was
        compared with every earlier one."""

        def extract_of(count: int) -> Callable[[], object]:
            text = self.same_date(count)
            return lambda: extract(
                text, small_store, published=date(2021, 6, 1), source=None, name="a"
            )

        small, large = timed(extract_of(200)), timed(extract_of(800))
        assert large < 8 * small, (small, large)

    def test_a_draft_is_compared_with_a_bounded_number_of_others(
        self, small_store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Of 300 different statements of one date (that share the words "met", "Geneva",
        "discuss"), each is compared with at most RETELLING_CANDIDATES earlier ones, and all
        300 are kept."""
        from timeline import extract as module

        comparisons = 0
        alike = module._alike

        def counting(*args: Any) -> bool:
            nonlocal comparisons
            comparisons += 1
            return alike(*args)

        monkeypatch.setattr(module, "_alike", counting)
        text = self.same_date(300)
        extraction = extract(text, small_store, published=date(2021, 6, 1), source=None, name="a")
        assert len(extraction.drafts) == 300
        assert comparisons == sum(min(n, RETELLING_CANDIDATES) for n in range(300))

    def test_ids_of_one_slug_are_numbered_as_names_numbers_them(self, small_store: Store) -> None:
        """Different statements with the same date and title words take the slug, then slug-2,
        slug-3, …, skipping a number the store has."""
        base = "2021-05-03-they-met-in-geneva-to"
        taken = next(iter(small_store.events))._replace(id=f"{base}-2")
        store = small_store._replace(events=type(small_store.events)([taken]))
        statements = [
            f"They met in Geneva on 3 May 2021 to discuss {' '.join(f'w{n}x{i}' for i in range(9))}."
            for n in range(4)
        ]
        extraction = extract(
            "\n\n".join(statements), store, published=date(2021, 6, 1), source=None, name="a"
        )
        assert [d.id for d in extraction.drafts] == [base, f"{base}-3", f"{base}-4", f"{base}-5"]

    def test_the_same_sentence_again_is_one_draft_quoting_it_once(self, small_store: Store) -> None:
        """A sentence repeated word for word is one event told again, even one with no words
        beside its date."""
        text = "\n\n".join(["On 3 May 2021.", "They met on 3 May 2021 in Geneva."] * 500)
        extraction = extract(text, small_store, published=date(2021, 6, 1), source=None, name="a")
        assert [(d.id, d.quotes) for d in extraction.drafts] == [
            ("2021-05-03-on-3-may-2021", ("On 3 May 2021.",)),
            ("2021-05-03-they-met-in-geneva", ("They met on 3 May 2021 in Geneva.",)),
        ]

    def test_an_article_over_the_limit_is_refused(self, small_store: Store) -> None:
        """An article of more than MAX_ARTICLE_BYTES bytes of UTF-8 (5 MiB) is ArticleTooBig,
        with its size and the limit; one of the limit's size is read."""
        assert MAX_ARTICLE_BYTES == 5 * 1024 * 1024
        text = "é" * (MAX_ARTICLE_BYTES // 2 + 1)  # fewer characters than the limit, more bytes
        with pytest.raises(ArticleTooBig) as raised:
            extract(text, small_store, published=date(2021, 6, 1), source=None, name="big.txt")
        assert (raised.value.article, raised.value.size, raised.value.limit) == (
            "big.txt",
            MAX_ARTICLE_BYTES + 2,
            MAX_ARTICLE_BYTES,
        )
        assert str(raised.value) == (
            "big.txt: the article (5,242,882 bytes) is over the limit of 5,242,880 bytes"
        )
        check_size("-", MAX_ARTICLE_BYTES)  # the limit itself is allowed
        with pytest.raises(ArticleTooBig) as unknown:
            check_size("-", None)
        assert unknown.value.size is None

    def test_progress_is_told_how_far_the_reading_has_got(self, small_store: Store) -> None:
        """progress hears the characters read so far and in all, after each piece given to the
        sentence splitter, up to the whole."""
        heard: list[tuple[int, int]] = []
        text = "Talks resumed on 3 May 2021.\n\nThey met again on 4 May 2021.\n"
        extract(text, small_store, published=date(2021, 6, 1), source=None, name="a",
                progress=lambda done, total: heard.append((done, total)))  # fmt: skip
        assert heard == [(28, 57), (57, 57)]


def test_each_date_of_a_sentence_drafts_from_its_own_clause(small_store: Store) -> None:
    """Title, actors and type of a draft come from the part of the sentence its date is in:
    nothing leaks from one clause into the other's draft."""
    text = (
        "CAPITAL, Northland (Example News) - Northland shelled the border on 3 May 2021, "
        "while Southland held talks on 5 May 2021.\n"
    )
    extraction = extract(text, small_store, published=date(2021, 6, 1), source=None, name="a")
    shelling, talks = extraction.drafts
    assert (shelling.date, shelling.title, shelling.actors, shelling.type) == (
        "2021-05-03",
        "Northland shelled the border",
        ("north",),
        "battle",
    )
    assert (talks.date, talks.title, talks.actors, talks.type) == (
        "2021-05-05",
        "Southland held talks",
        ("south",),
        "talks",
    )
    # Both quote the whole sentence, without the dateline.
    assert shelling.quotes == talks.quotes == (text.split(" - ", 1)[1].strip(),)


def test_what_is_still_to_come_is_drafted_planned(small_store: Store) -> None:
    """A plan is tagged planned, and so is a date after the publication; what was said of it
    on a past day is an event; a deadline stays a deadline."""
    text = (
        "Northland and Southland said on 2 May 2021 that the treaty will be signed next "
        "year.\n\nThe foreign ministers are due to meet on 3 June 2021.\n\n"
        "Southland shelled the border on 1 May 2021.\n"
    )
    extraction = extract(text, small_store, published=date(2021, 5, 3), source=None, name="a")
    drafts = {d.when: d for d in extraction.drafts}
    assert drafts["on 2 May 2021"].tags == ()
    assert drafts["next year"].tags == ("planned",)
    assert drafts["next year"].date == "2022"
    assert drafts["on 3 June 2021"].tags == ("planned",)
    assert "Planned: the text tells it as still to come." in drafts["on 3 June 2021"].note
    assert drafts["on 1 May 2021"].tags == ()
    left = extract(
        text, small_store, published=date(2021, 5, 3), source=None, name="a", planned=False
    )
    assert [d.when for d in left.drafts] == ["on 2 May 2021", "on 1 May 2021"]


def test_figures_and_the_reason_for_a_type_are_drafted(small_store: Store) -> None:
    text = "Six soldiers were killed and 12 wounded in an attack on 3 May 2021.\n"
    (draft,) = extract(text, small_store, published=date(2021, 6, 1), source=None, name="a").drafts
    assert draft.fields()["figures"] == {"killed": 6, "injured": 12}
    assert draft.type == "battle"
    assert (
        "The type comes from 'attack' (attack); the store has no attack type: its closest "
        "type, 'battle'." in draft.note
    )


def test_a_lead_and_its_recap_are_one_draft_quoting_each_once(small_store: Store) -> None:
    """The lead tells the news without a date; a later recap dates it: one draft, the
    recap's date, both sentences once (a headline the body repeats is not quoted twice)."""
    text = (
        "Northland shells the border villages\n\n"
        "Northland shelled the border villages of Southland, killing six people.\n\n"
        "Officials said more talks would follow.\n\n"
        "Northland shelled the border villages on Monday, killing six people, officials said.\n"
        "\nNorthland shelled the border villages on Monday, killing six people, officials "
        "said.\n"
    )
    extraction = extract(text, small_store, published=date(2021, 5, 4), source=None, name="a")
    (draft,) = extraction.drafts
    assert draft.date == "2021-05-03"
    assert draft.quotes == (
        "Northland shelled the border villages of Southland, killing six people.",
        "Northland shelled the border villages on Monday, killing six people, officials said.",
    )
    assert draft.actors == ("north", "south")


def test_an_article_without_a_headline_is_not_titled_by_its_path(small_store: Store) -> None:
    text = "Northland shelled the border on 3 May 2021, officials said.\n"
    extraction = extract(
        text, small_store, published=date(2021, 5, 4), source=None, name="news/x.txt"
    )
    assert extraction.source.title == "Article published 2021-05-04"
    assert extraction.source.file == "news/x.txt"


def test_the_same_count_on_the_same_day_is_one_event(small_store: Store) -> None:
    text = (
        "The quake killed at least 820 people, officials said on Saturday.\n\n"
        "Updated figures on Saturday showed the disaster killed 820 people in the hills.\n"
    )
    (draft,) = extract(text, small_store, published=date(2023, 9, 10), source=None, name="a").drafts
    assert len(draft.quotes) == 2


# Written for these tests: a press release with numbered points.
PRESS_RELEASE = """\
Joint statement of the ministers of Northland and Southland

Published: 12 March 2021

The ministers agreed on the following points:

1. A ceasefire along the border takes effect on 15 March 2021.

2. Prisoners will be exchanged by 1 April 2021 ...

3. The ministers will meet again in Geneva next month.
"""


def test_a_press_release_with_numbered_points(small_store: Store) -> None:
    extraction = extract(PRESS_RELEASE, small_store, published=None, source=None, name="p.txt")
    assert [(d.date, d.title, d.tags, d.location) for d in extraction.drafts] == [
        ("2021-03-15", "A ceasefire along the border takes effect", ("planned",), ""),
        ("2021-04-01", "Prisoners will be exchanged", ("planned",), ""),
        ("2021-04", "The ministers will meet again in Geneva", ("planned",), "Geneva"),
    ]
    assert extraction.drafts[1].when == "by 1 April 2021"  # a deadline stays one
