"""The data model: a figure as a person types it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.model import figure_value


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("killed=6", ("killed", 6)),
        ("injured=10-15", ("injured", {"low": 10, "high": 15})),
        ("injured = 10 – 15", ("injured", {"low": 10, "high": 15})),
        ("killed=5-6-8", ("killed", {"low": 5, "best": 6, "high": 8})),
        ("displaced=1,960", ("displaced", 1960)),
        ("killed=100+", ("killed", {"low": 100})),
        ("killed = 1,200 +", ("killed", {"low": 1200})),
        ("kiled=1", ("kiled", 1)),  # the store names the figures it knows
    ],
)
def test_a_figure_as_typed(written: str, value: tuple[str, object]) -> None:
    assert figure_value(written) == value


@pytest.mark.parametrize(
    "written",
    [
        "killed",
        "=6",
        "killed=",
        "killed=six",
        "killed=-3",
        "killed=1-2-3-4",
        "k=²",
        "k=1-2+",
        "k=+",
    ],
)
def test_what_is_not_a_figure(written: str) -> None:
    with pytest.raises(ValueError, match=r"NAME=COUNT|at most three|follows one count"):
        figure_value(written)


@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=3))
def test_counts_come_back_as_written(counts: list[int]) -> None:
    _, value = figure_value("killed=" + "-".join(map(str, counts)))
    parts = ("low", "high") if len(counts) == 2 else ("low", "best", "high")
    assert value == (counts[0] if len(counts) == 1 else dict(zip(parts, counts, strict=True)))
