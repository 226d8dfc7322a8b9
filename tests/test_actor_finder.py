"""Who a clause names: the store's actors by full name where a surname is shared, and the
actors the store lacks, proposed with a guessed kind."""

from __future__ import annotations

import pytest

from timeline.actor_finder import ActorFinder
from timeline.model import Actor, Store


@pytest.fixture
def finder(small_store: Store) -> ActorFinder:
    aliyev = Actor("aliyev", "Ilham Aliyev", "person", "President", ("Aliyev",))
    return ActorFinder(small_store._replace(actors={**small_store.actors, "aliyev": aliyev}))


@pytest.mark.parametrize(
    ("clause", "ids"),
    [
        ("President Aliyev spoke to reporters", ("aliyev",)),
        ("Ilham Aliyev spoke to reporters", ("aliyev",)),
        # A dead relative who shares the surname is someone else.
        ("a statue of the late Heydar Aliyev was unveiled", ()),
        ("Northland shelled the border", ("north",)),
        ("Capital City said it would respond", ("north",)),  # the store's alias
    ],
)
def test_the_store_s_actors_by_full_name(finder: ActorFinder, clause: str, ids: tuple[str]) -> None:
    assert finder.find(clause) == ids


def test_actors_the_store_lacks_are_proposed_with_a_kind(finder: ActorFinder) -> None:
    ids = finder.find(
        "Moscow said the Rapid Support Forces and NATO attacked Ukraine, while Prime Minister "
        "Ana Kova of the Liberal Party met officials in Kenya"
    )
    assert ids == (
        "russia",
        "rapid-support-forces",
        "nato",
        "ukraine",
        "ana-kova",
        "liberal-party",
    )
    assert [(a.id, a.name, a.kind, a.role, a.aliases) for a in finder.proposed_actors(ids)] == [
        ("russia", "Russia", "state", "", ("Moscow",)),
        ("rapid-support-forces", "Rapid Support Forces", "force", "", ()),
        ("nato", "NATO", "organisation", "", ()),
        ("ukraine", "Ukraine", "state", "", ()),
        ("ana-kova", "Ana Kova", "person", "Prime Minister", ()),
        ("liberal-party", "Liberal Party", "party", "", ()),
    ]


def test_a_place_is_no_actor_and_two_names_are_not_run_together(finder: ActorFinder) -> None:
    assert finder.find("Fighting went on in Ukraine and near Moscow") == ()
    assert finder.find("NATO and the European Union condemned it") == ("nato", "european-union")


def test_an_acronym_given_once_names_its_actor_again(finder: ActorFinder) -> None:
    assert finder.find("the Rapid Support Forces (RSF) attacked the city") == (
        "rapid-support-forces",
    )
    assert finder.find("the failed RSF assault") == ("rapid-support-forces",)
    assert finder.find('protesters wore shirts reading "JEWS SAY CEASE FIRE NOW"') == ()


def test_an_acronym_after_its_name_is_its_alias_wherever_the_name_ends(
    finder: ActorFinder,
) -> None:
    ids = finder.find("The Liberation Front (LF) attacked after the Security Council met")
    assert ids == ("liberation-front", "security-council")
    (front,) = finder.proposed_actors(["liberation-front"])
    assert front.aliases == ("LF",)


def test_a_surname_two_actors_share_names_neither(small_store: Store) -> None:
    ilham = Actor("ilham", "Ilham Aliyev", "person", "President", ("Aliyev",))
    heydar = Actor("heydar", "Heydar Aliyev", "person", "", ("Aliyev",))
    finder = ActorFinder(small_store._replace(actors={"ilham": ilham, "heydar": heydar}))
    assert finder.find("Ilham Aliyev laid flowers at the grave of Heydar Aliyev") == (
        "ilham",
        "heydar",
    )
    assert finder.find("President Aliyev spoke") == ()
