"""Ids and names: one id rule, one slug rule for new ids, folding, and "did you mean"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline.names import (
    category_slug,
    derive_event_id,
    derive_source_id,
    did_you_mean,
    fold,
    hint,
    id_key,
    known,
    slug,
    suggest,
    unique,
)


class TestIdKey:
    def test_case_and_normalisation_do_not_make_another_id(self) -> None:
        """Ids that differ only in case or Unicode normalisation have one key."""
        assert id_key("2020-TALKS") == id_key("2020-talks") == "2020-talks"
        assert id_key("qarabag\u0306") == id_key("qarabağ") == "qarabağ"

    def test_other_letters_make_another_id(self) -> None:
        """Accents are letters of an id: "qarabag" and "qarabağ" are two ids."""
        assert id_key("qarabag") != id_key("qarabağ")


class TestFold:
    def test_case_and_accents_are_dropped(self) -> None:
        """Folded text has no case and no combining marks."""
        assert fold("Əliyev") == fold("əliyev") == "əliyev"
        assert fold("Qarabağ") == "qarabag"
        assert fold("ÉCOLE") == "ecole"


class TestSlug:
    def test_a_date_and_the_first_five_words(self) -> None:
        """The date's words, then five of the text's, lower case, joined by hyphens."""
        title = "Pashinyan recognises Azerbaijan's sovereignty at the summit"
        assert (
            slug("2023-05-17", title) == "2023-05-17-pashinyan-recognises-azerbaijan-s-sovereignty"
        )

    def test_letters_are_kept_as_they_are(self) -> None:
        """Letters stay: "ğ" is "ğ", Cyrillic is Cyrillic; NFKC makes "ﬁ" "fi", casefold "ß" "ss"."""
        assert slug("late 2023-05", "Qarabağ: Встреча ﬁnal Straße") == (
            "late-2023-05-qarabağ-встреча-final-strasse"
        )

    def test_cut_to_sixty_characters_without_a_hyphen_at_the_end(self) -> None:
        """A long slug is cut at 60 characters, then loses a hyphen left at its end."""
        title = "internationalisation counterrevolutionaries extraordinarily a b"
        assert slug("2023", title) == "2023-internationalisation-counterrevolutionaries-extraordina"
        assert slug("2023-05-17", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv x") == (
            "2023-05-17-abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv"
        )

    def test_a_category_keeps_every_word(self) -> None:
        """A category (a dataset's tag or type) is never cut: two conflicts whose names share
        their first five words are two tags."""
        assert category_slug("Jamaat Nusrat al-Islam wal Muslimin - Civilians") == (
            "jamaat-nusrat-al-islam-wal-muslimin-civilians"
        )
        assert category_slug("Jamaat Nusrat al-Islam wal Muslimin - Islamic State") == (
            "jamaat-nusrat-al-islam-wal-muslimin-islamic-state"
        )
        assert category_slug("Shelling/artillery/missile attack") == (
            slug("", "Shelling/artillery/missile attack")
        )
        assert category_slug("Qarabağ: Встреча") == "qarabağ-встреча"
        assert category_slug("— ! —") == ""

    def test_no_words_no_slug(self) -> None:
        """Punctuation alone gives an empty slug."""
        assert slug("", "— ! —") == ""

    @given(st.text(), st.text())
    def test_a_slug_is_always_an_id(self, lead: str, text: str) -> None:
        """Whatever the text, a slug is at most 60 characters of words joined by single hyphens."""
        made = slug(lead, text)
        assert len(made) <= 60
        assert not made.startswith("-") and not made.endswith("-") and "--" not in made
        assert " " not in made


class TestUnique:
    def test_suffixes_count_from_two(self) -> None:
        """A taken base gets "-2", then "-3", …, compared by id_key unless told otherwise."""
        assert unique("talks", set()) == "talks"
        assert unique("talks", {"talks"}) == "talks-2"
        assert unique("talks", {"talks", "talks-2"}) == "talks-3"
        assert unique("Talks", {"talks"}) == "Talks-2"

    def test_exact_comparison_when_asked(self) -> None:
        """With key=str, "Talks" is free when only "talks" is taken."""
        assert unique("Talks", {"talks"}, key=str) == "Talks"


class TestDerivedIds:
    def test_event_and_source_ids_follow_one_rule(self) -> None:
        """An event's id and a source's id are made alike: "ğ" is kept in both."""
        assert derive_event_id("2023-09-19", "Qarabağ talks resume", set()) == (
            "2023-09-19-qarabağ-talks-resume"
        )
        assert derive_source_id("2023-09-19", "Qarabağ talks resume", set()) == (
            "2023-09-19-qarabağ-talks-resume"
        )

    def test_unique_ignoring_case(self) -> None:
        """A derived id is unique by id_key among the taken keys."""
        taken = {id_key("2020-TALKS"), "2020-talks-2"}
        assert derive_event_id("2020", "Talks", taken) == "2020-talks-3"
        assert derive_source_id("2020", "Talks", taken) == "2020-talks-3"

    def test_an_event_id_takes_the_date_and_five_words_of_the_title(self) -> None:
        """The date, then the title's first five words, folded."""
        title = "Pashinyan recognises Azerbaijan's sovereignty at the summit"
        assert derive_event_id("2023-05-17", title, set()) == (
            "2023-05-17-pashinyan-recognises-azerbaijan-s-sovereignty"
        )

    def test_fuzzy_dates_and_other_scripts(self) -> None:
        """A fuzzy date's words and letters of any script are kept."""
        assert derive_event_id("late 2023-05", "Встреча в Москве", set()) == (
            "late-2023-05-встреча-в-москве"
        )

    def test_fallbacks(self) -> None:
        """With no words at all, an event is "event" and a source "article"."""
        assert derive_event_id("", "…", set()) == "event"
        assert derive_source_id("", "…", {"article"}) == "article-2"


class TestSuggest:
    def test_case_and_accents_do_not_hide_a_name(self) -> None:
        """Case and accents aside: "TALK" finds "talks", "QARABAG" finds "Qarabağ"."""
        assert suggest("TALK", ["battle", "talks"]) == ["talks"]
        assert suggest("talk", ["battle", "talks"]) == ["talks"]
        assert suggest("QARABAG", ["Qarabağ", "north"]) == ["Qarabağ"]
        assert suggest("ƏRƏBOV", ["Ərəbova", "north"]) == ["Ərəbova"]

    def test_at_most_three_best_first(self) -> None:
        """Up to three names, the closest first."""
        choices = ["talks333", "talks22", "talk", "talks1", "battle"]
        assert suggest("talks", choices) == ["talks1", "talk", "talks22"]

    def test_far_names_are_not_suggested(self) -> None:
        """Names less alike than three quarters are no suggestion."""
        assert suggest("pdf", ["csv", "html", "json"]) == []

    def test_of_names_that_fold_alike_the_last_is_named(self) -> None:
        """An actor's id "putin" and alias "Putin" fold alike: the later one is named."""
        assert suggest("Putn", ["putin", "Vladimir Putin", "Putin"]) == ["Putin"]


class TestKnownAndHint:
    def test_a_short_list_is_named_whole(self) -> None:
        """Twelve names or fewer are all named, in the order given, each once."""
        assert known(["b", "a", "b", "c"]) == "b, a, c"

    def test_a_long_list_says_how_many_it_leaves_out(self) -> None:
        """Past twelve names, the rest are counted."""
        names = [f"n{number:02d}" for number in range(26)]
        assert known(names) == (
            "n00, n01, n02, n03, n04, n05, n06, n07, n08, n09, n10, n11, … (and 14 more)"
        )

    def test_one_more_is_named_not_counted(self) -> None:
        """Thirteen names are all named: "(and 1 more)" would save nothing."""
        names = [f"n{number:02d}" for number in range(13)]
        assert known(names) == ", ".join(names)
        assert known([*names, "n13"]).endswith("n11, … (and 2 more)")

    def test_hint_suggests_else_lists_sorted(self) -> None:
        """The hint names the suggestions; without any, the known names, sorted."""
        assert hint(["talks"], ["battle", "talks"]) == " (did you mean 'talks'?)"
        assert hint(["a", "b"], []) == " (did you mean 'a' or 'b'?)"
        assert hint([], ["talks", "battle"]) == "; known: battle, talks"
        assert hint([], []) == ""

    def test_did_you_mean(self) -> None:
        """did_you_mean is the hint for a word among choices."""
        assert did_you_mean("TALK", ["battle", "talks"]) == " (did you mean 'talks'?)"
        assert did_you_mean("pdf", ["json", "csv"]) == "; known: csv, json"
