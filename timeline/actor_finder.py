"""Who a clause names: the store's actors, and the ones it does not have yet, proposed as
declarations with a guessed kind.

Found in a clause, in its order:

- the store's actors by name, alias or id (case and accents aside); a one-word alias after
  another capitalised name is someone else's surname ("Heydar Aliyev" is not the store's
  "Ilham Aliyev" known as "Aliyev"), unless that name is the actor's own or a title;
- leaders by title: "President X", "Prime Minister Y", "Foreign Minister Z" (a person, with
  the title as role);
- states: the countries the gazetteer knows, except where the clause names one as a place
  ("in Ukraine"); a capital standing for its state ("Moscow said", "Kyiv's forces");
- organisations, armed groups and parties: runs of capitalised words with a word that names
  one ("Council", "Forces", "Party", "Front") and acronyms ("NATO", "ECOWAS").

An actor the store does not have is proposed under an id made from its name, which the draft's
events use; `add --from` declares it with them, after review. Nothing here reads files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from timeline.gazetteer import Place, fold, index, key
from timeline.model import Actor, Store
from timeline.names import id_key, slug, unique

TITLES = (
    "President", "Vice President", "Vice-President", "Prime Minister", "Deputy Prime Minister",
    "Foreign Minister", "Defence Minister", "Defense Minister", "Interior Minister",
    "Secretary of State", "Secretary-General", "Secretary General", "Chancellor", "King",
    "Queen", "Crown Prince", "Emir", "Sheikh", "Pope", "Supreme Leader", "Ayatollah",
    "General", "Gen.", "Colonel", "Col.", "Commander", "Chief", "Speaker", "Senator", "Governor",
    "Mayor", "Minister", "Ambassador", "Envoy", "Premier", "Sultan", "Field Marshal",
)  # fmt: skip
# Words that make a run of capitalised words an organisation, and the kind each suggests.
ORGANISATION_WORDS = {
    "force": ("Forces", "Force", "Army", "Brigade", "Brigades", "Guard", "Guards", "Corps",
              "Militia", "Battalion", "Regiment", "Navy", "Command", "Division", "Jihad",
              "Rebels", "Mujahideen"),
    "party": ("Party", "Movement", "Front", "Alliance", "Coalition", "Bloc", "Congress"),
    "organisation": ("Council", "Union", "Nations", "Organization", "Organisation", "Ministry",
                     "Committee", "Agency", "Court", "Bank", "Fund", "Commission", "Parliament",
                     "Assembly", "Government", "Office", "Police", "Service", "Cross",
                     "Crescent", "League", "Federation", "Institute", "Department",
                     "Authority", "Mission", "Secretariat", "Administration", "Group",
                     "Kremlin", "Pentagon", "Senate", "Cabinet", "Presidency"),
}  # fmt: skip
# Capitalised words that are no actor's name by themselves.
NOT_ACTORS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i",
    "on", "in", "at", "during", "after", "before", "since", "both", "their", "his", "her",
    "mr", "mrs", "ms", "dr", "photo", "read", "also", "according", "however", "meanwhile",
    "but", "and", "or", "if", "when", "while", "as", "for", "with", "from", "by", "to", "of",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "ap", "afp", "reuters", "tass", "bbc", "cnn", "us", "covid",
}  # fmt: skip
# Capitals that are no organisation: times, places, things.
NOT_ACRONYMS = {
    "tv", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "pst", "pdt", "msk", "dc", "am",
    "pm", "ceo", "id", "ok", "gdp", "km", "hq", "pc", "faq", "pdf", "ii", "iii", "iv", "vi",
}  # fmt: skip
_TITLE_WORDS = {fold(word) for title in TITLES for word in title.split()}
_TITLE = re.compile(
    r"(?P<of>(?:[A-Z][\w'’-]+\s+){0,2})(?P<title>"
    + "|".join(re.escape(title) for title in sorted(TITLES, key=len, reverse=True))
    + r")\s+(?P<name>(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)"
)
_RUN = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w'’&.-]*|al-[A-Z][\w'’-]*)"
    r"(?:\s+(?:(?:of|for|the|de|al)\s+)*(?:[A-Z][\w'’&.-]*|al-[A-Z][\w'’-]*))*"
)
_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9&]{1,6}(?![\w-])")
_PLACE_ROLE = re.compile(
    r"\b(?:in|at|near|outside|inside|across|into|from|to|towards?|over|of|around|struck|hit|"
    r"rocked|shook|jolted)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SPEAKS = re.compile(
    r"^(?:['’]s\b|\s+(?:said|says|has|have|had|was|is|accused|denied|warned|announced|"
    r"rejected|claimed|insisted|responded|urged|demanded|called|will|would|did|does|also))"
)


class Named(NamedTuple):
    """An actor a clause names: the store's id, or a new actor to propose."""

    position: int
    actor_id: str  # "" for a new one
    proposed: Actor | None


class ActorFinder:
    """The store's actors and the world's states, to find in clauses."""

    def __init__(self, store: Store) -> None:
        self.store = store
        labels: list[tuple[str, str]] = []
        for actor in store.actors.values():
            for label in (actor.name, *actor.aliases, actor.id):
                if label.strip():
                    labels.append((fold(label), actor.id))
        # A label two actors share ("Aliyev" of Ilham and of Heydar Aliyev) names neither:
        # only their full names tell them apart.
        owners: dict[str, set[str]] = {}
        for label, actor_id in labels:
            owners.setdefault(label, set()).add(actor_id)
        labels = [(label, actor_id) for label, actor_id in labels if len(owners[label]) == 1]
        self.ambiguous = {label for label, ids in owners.items() if len(ids) > 1}
        labels.sort(key=lambda item: -len(item[0]))
        self.patterns = [
            (label, re.compile(rf"(?<!\w){re.escape(label)}(?!\w)"), actor_id)
            for label, actor_id in labels
        ]
        self.by_label = dict(reversed(labels))  # the first (longest) label's actor wins
        self.own_words = {
            actor.id: {fold(word) for word in actor.name.split()} for actor in store.actors.values()
        }
        self.taken = {id_key(actor_id) for actor_id in store.actors}
        self.proposed: dict[str, Actor] = {}  # folded name -> actor proposed
        self.surnames: dict[str, str] = {}  # a proposed person's surname, folded -> id
        self.aliases: dict[str, str] = {}  # a proposed actor's alias, folded -> id
        self.countries = {
            place.country: place.name
            for places in index().values()
            for place in places
            if place.kind == "country"
        }

    def find(self, clause: str) -> tuple[str, ...]:
        """The ids of the actors a clause names, in its order: the store's, and new ones
        (proposed() gives their declarations)."""
        found: list[tuple[int, str]] = []
        spans: list[tuple[int, int]] = []
        for position, end, actor_id in self._store_actors(clause):
            found.append((position, actor_id))
            spans.append((position, end))
        for position, end, actor in self._new_actors(clause):
            if any(start <= position < stop or position <= start < end for start, stop in spans):
                continue
            if fold(actor.name) in self.ambiguous:
                continue  # one of the store's, but which one the text does not say
            known = self.by_label.get(fold(actor.name)) or self.aliases.get(fold(actor.name))
            found.append((position, known or self._propose(actor)))
            spans.append((position, end))
        # "Mr. Pashinyan" after "Prime Minister Nikol Pashinyan": the person proposed before.
        for match in re.finditer(r"(?<![\w'’-])[A-Z][\w'’-]+", clause):
            surname = self.surnames.get(fold(re.sub(r"['’]s$", "", match.group())))
            if surname and not any(s <= match.start() < e for s, e in spans):
                found.append((match.start(), surname))
        return tuple(dict.fromkeys(actor_id for _, actor_id in sorted(found)))

    def proposed_actors(self, used: Iterable[str]) -> list[Actor]:
        """The new actors among used, in the order used names them."""
        by_id = {actor.id: actor for actor in self.proposed.values()}
        return [by_id[actor_id] for actor_id in dict.fromkeys(used) if actor_id in by_id]

    def _store_actors(self, clause: str) -> list[tuple[int, int, str]]:
        folded = fold(clause)
        aligned = len(folded) == len(clause)  # positions in folded are positions in clause
        found = []
        for label, pattern, actor_id in self.patterns:
            if label not in folded:  # the common case, found at C speed
                continue
            for match in pattern.finditer(folded):
                if (
                    aligned
                    and " " not in label
                    and self._someone_else(clause[: match.start()], actor_id)
                ):
                    continue
                found.append((match.start(), match.end(), actor_id))
        # A label inside a longer one found ("Aliyev" in "Heydar Aliyev") is that one's.
        return [
            (start, end, actor_id)
            for start, end, actor_id in found
            if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in found)
        ]

    def _someone_else(self, before: str, actor_id: str) -> bool:
        """Whether a one-word label is the surname of someone else: a capitalised name just
        before it that is neither the actor's own nor a title ("Heydar Aliyev" is not the
        "Aliyev" of "Ilham Aliyev"; "President Aliyev" is)."""
        previous = re.search(r"([\w'’.-]+)\s+$", before)
        if previous is None or not previous.group(1)[:1].isupper():
            return False
        word = fold(previous.group(1))
        if word in _TITLE_WORDS or word in NOT_ACTORS:
            return False
        return word not in self.own_words.get(actor_id, ())

    def _new_actors(self, clause: str) -> list[tuple[int, int, Actor]]:
        found: list[tuple[int, int, Actor]] = []
        for match in _TITLE.finditer(clause):
            name = match["name"]
            name = re.sub(r"['’]s$", "", name)
            if fold(name.split()[0]) in NOT_ACTORS:
                continue
            role = f"{match['of']}{match['title']}"
            if match["of"] and fold(match["of"].split()[0]) in NOT_ACTORS:
                role = match["title"]
            found.append((match.start("name"), match.end(), Actor("", name, "person", role)))
        for match in _RUN.finditer(clause):
            name = re.sub(r"['’]s$", "", match.group()).strip()
            words = name.split()
            while words and fold(words[0]) in NOT_ACTORS:
                words = words[1:]
            while words and words[-1] in ("of", "for", "and", "the", "de", "al"):
                words = words[:-1]
            if not words:
                continue
            name = " ".join(words)
            start = match.start() + match.group().index(words[0])
            owner = re.match(r"(.+?)['’]s\s+(?=[A-Z])", name)
            if owner is not None and self._organisation(name[owner.end() :]):
                # "Morocco's Interior Ministry": the ministry, and Morocco on its own
                state = self._state(clause, start, owner.group(1))
                if state is not None:
                    found.append((start, start + len(owner.group(1)), state))
                start += owner.end()
                name = name[owner.end() :]
            actor = self._organisation(name) or self._state(clause, start, name)
            if actor is not None:
                found.append((start, start + len(name), actor))
            # "Prime Minister Ana Kova of the Liberal Party": the party after "of" too, for
            # when the whole run is a titled person's.
            tail = re.search(r"\s+of\s+(?:the\s+)?(?P<tail>[A-Z][^,]*)$", name)
            if tail is not None and (tail_actor := self._organisation(tail["tail"])):
                tail_start = start + tail.start("tail")
                found.append((tail_start, tail_start + len(tail["tail"]), tail_actor))
        for match in _ACRONYM.finditer(clause):
            acronym = match.group()
            if fold(acronym) in NOT_ACTORS | NOT_ACRONYMS or acronym.isdigit():
                continue
            if re.search(r"\b[A-Z]{2,}\W{1,3}$", clause[: match.start()]) or re.match(
                r"\W{1,3}[A-Z]{2,}\b", clause[match.end() :]
            ):
                continue  # words in capitals ("JEWS SAY CEASE FIRE NOW") are no acronyms
            # "the Sudanese Armed Forces (SAF)": the name's own acronym, an alias
            named_before = next(
                (
                    index
                    for index, (_, end, _) in enumerate(found)
                    if clause[end : match.start()].strip() == "("
                ),
                None,
            )
            if named_before is not None:
                start, _, named = found[named_before]
                found[named_before] = (start, match.end() + 1, named._replace(aliases=(acronym,)))
                continue
            if any(p.kind != "country" for p in index().get(key(acronym), ())):
                continue
            found.append((match.start(), match.end(), Actor("", acronym, "organisation")))
        return found

    def _organisation(self, name: str) -> Actor | None:
        words = name.split()
        if len(words) < 2:
            return None
        for kind, heads in ORGANISATION_WORDS.items():
            if any(word in heads for word in words):
                return Actor("", name, kind)
        return None

    def _state(self, clause: str, start: int, name: str) -> Actor | None:
        """A country named as someone (not "in Ukraine"), or a capital speaking for its
        state ("Moscow said", "Kyiv's")."""
        before = clause[:start]
        after = clause[start + len(name) :]
        places: tuple[Place, ...] = index().get(key(name), ())
        country = next((p for p in places if p.kind == "country"), None)
        if country is not None:
            if _PLACE_ROLE.search(before) and not _SPEAKS.match(after):
                return None
            return Actor("", country.name, "state")
        capital = next((p for p in places if p.kind == "city" and p.capital), None)
        if capital is not None and _SPEAKS.match(after) and not _PLACE_ROLE.search(before):
            state = self.countries.get(capital.country)
            if state:
                return Actor("", state, "state", aliases=(name,))
        return None

    def _propose(self, actor: Actor) -> str:
        key = fold(actor.name)
        if key not in self.proposed:
            actor_id = unique(slug("", actor.name) or "actor", self.taken)
            self.taken.add(id_key(actor_id))
            self.proposed[key] = actor._replace(id=actor_id)
            for alias in actor.aliases:  # "RSF" later is the Rapid Support Forces
                self.aliases.setdefault(fold(alias), actor_id)
            if actor.kind == "person" and " " in actor.name:
                self.surnames.setdefault(fold(actor.name.split()[-1]), actor_id)
        return self.proposed[key].id
