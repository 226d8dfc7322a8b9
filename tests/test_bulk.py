"""Building many objects: the cyclic collector is paused for the block, and resumed as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from timeline.bulk import building


@pytest.fixture(autouse=True)
def collector_enabled() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_paused_inside_and_resumed_after() -> None:
    with building():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_it_is_resumed_after_an_error() -> None:
    with pytest.raises(ValueError), building():
        raise ValueError
    assert gc.isenabled()


def test_a_nested_block_leaves_it_paused_for_the_outer_one() -> None:
    with building():
        with building():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_paused_before_stays_paused() -> None:
    gc.disable()
    with building():
        pass
    assert not gc.isenabled()
