"""The errors the core raises carry data; their own words name no command-line option."""

from __future__ import annotations

from timeline.errors import BadValue, ExitStatus, NoDateline, UnknownName


class TestUnknownName:
    def test_carries_the_name_the_choices_and_the_closest(self) -> None:
        """UnknownName keeps what was asked, among what, and the suggestions for it."""
        error = UnknownName("type", "TALK", ["battle", "talks"])
        assert (error.kind, error.value, error.choices) == ("type", "TALK", ("battle", "talks"))
        assert error.suggestions == ["talks"]
        assert error.hint == " (did you mean 'talks'?)"
        assert str(error) == "no type 'TALK' (did you mean 'talks'?)"
        assert error.exit_status is ExitStatus.USAGE

    def test_without_a_close_name_lists_the_known_ones(self) -> None:
        """With nothing close, the hint lists the names, sorted, and counts those left out."""
        names = [f"type-{letter}" for letter in "pomnlkjihgfedcba"]
        error = UnknownName("type", "zzz", names)
        assert error.suggestions == []
        assert str(error) == (
            "no type 'zzz'; known: type-a, type-b, type-c, type-d, type-e, type-f, type-g, "
            "type-h, type-i, type-j, type-k, type-l, … (and 4 more)"
        )


class TestBadValue:
    def test_carries_the_value_and_the_reason(self) -> None:
        """BadValue keeps the kind, the value and why it is refused."""
        error = BadValue("year", "20x3", "expected a year such as 2023")
        assert (error.kind, error.value, error.reason) == (
            "year",
            "20x3",
            "expected a year such as 2023",
        )
        assert str(error) == "year '20x3': expected a year such as 2023"
        assert error.exit_status is ExitStatus.USAGE


class TestNoDateline:
    def test_names_the_article(self) -> None:
        """NoDateline names the article whose publication date is unknown."""
        error = NoDateline("report.txt")
        assert error.article == "report.txt"
        assert str(error) == "report.txt: no dateline found to tell when the article was published"
        assert error.exit_status is ExitStatus.USAGE
