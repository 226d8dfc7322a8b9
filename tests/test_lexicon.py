"""Event words: the kind a clause reports, the store's type for it, and its counts of people."""

from __future__ import annotations

import pytest

from timeline.lexicon import TypeChooser, figures, kind_of

# The bundled store's seven types (as `timeline init` writes them).
BUNDLED_TYPES = {
    "conflict": "Fighting, or a dispute that sets parties against each other.",
    "ceasefire": "An agreement or statement that ends hostilities.",
    "agreement": "Agreements between the parties beyond a ceasefire.",
    "deployment": "Forces sent to or stationed in the region.",
    "diplomacy": "Calls, meetings and talks between leaders.",
    "statement": "A public position taken by a leader or a government.",
    "incident": "A single violent or deadly event.",
}


@pytest.mark.parametrize(
    ("clause", "kind"),
    [
        ("Russian troops began a full-scale invasion of the country", "invasion"),
        ("The army seized power in a coup", "coup"),
        ("A magnitude 6.8 earthquake struck the region", "disaster"),
        ("Protesters carried placards calling for a ceasefire", "protest"),
        ("Voters went to the polls in the presidential election", "election"),
        ("Artillery shelled the town overnight", "shelling"),
        ("Militants attacked a police station", "attack"),
        ("The two leaders spoke by telephone", "call"),
        ("The minister called for calm", "statement"),
        ("A ceasefire took effect at noon", "ceasefire"),
        ("Police arrested the opposition leader", "arrest"),
        ("The last troops withdrew from the base", "withdrawal"),
        ("The foreign ministers met in Geneva", "meeting"),
        ("Blinken spoke with President Bazoum, signaling support", "talks"),
        ("Nothing of the kind here", None),
    ],
)
def test_the_words_of_a_clause_tell_its_kind(clause: str, kind: str | None) -> None:
    found = kind_of(clause)
    assert (found[0] if found else None) == kind


def test_a_kind_is_filed_as_the_closest_type_with_the_reason() -> None:
    chooser = TypeChooser(BUNDLED_TYPES, ["diplomacy", "diplomacy", "conflict"])
    assert chooser.guess("Russia launched an invasion of Ukraine") == (
        "conflict",
        "The type comes from 'invasion' (invasion); the store has no invasion type: its "
        "closest type, 'conflict'.",
    )
    assert chooser.guess("A ceasefire took effect").type == "ceasefire"
    assert chooser.guess("A ceasefire took effect").reason == ""
    assert chooser.guess("An earthquake hit the city").type == "incident"
    assert chooser.guess("Thousands rallied in the capital").type == "statement"
    assert chooser.guess("The weather was fine") == (
        "diplomacy",
        "No word of the clause tells its kind: the type is the store's most used, 'diplomacy'.",
    )


def test_a_store_with_its_own_types_gets_them() -> None:
    chooser = TypeChooser({"protest": "", "shelling": "", "disaster": "Quakes and floods."}, [])
    assert chooser.guess("Protesters marched on parliament").type == "protest"
    assert chooser.guess("The town was shelled").type == "shelling"
    assert chooser.guess("Floods swept the valley").type == "disaster"


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("six soldiers were killed and 12 wounded", {"killed": 6, "injured": 12}),
        ("at least 40 people have died", {"killed": {"low": 40}}),
        ("the strike killed 3 civilians, injuring 15", {"killed": 3, "injured": 15}),
        ("police arrested 1,200 protesters", {"arrested": 1200}),
        ("about 2,000 residents were evacuated", {"evacuated": 2000}),
        ("since 1994 killed", {}),  # a year, not a count
        ("the 2 sides met", {}),
    ],
)
def test_counts_of_people_become_figures(clause: str, expected: dict[str, object]) -> None:
    assert figures(clause) == expected
