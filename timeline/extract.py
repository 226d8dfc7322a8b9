"""Draft events from an article: one for every dated statement, true to what the text says.

The text is cut into paragraphs (blank lines) and sentences (pysbd, which knows "Mr." and
"U.S." from the end of a sentence); dates.phrases.find_dates finds each sentence's dates, and
clauses.clauses the part of the sentence each belongs to. Each date makes a draft that quotes
its sentence verbatim and takes from its clause a headline (clauses.headline), the actors
(actor_finder: the store's, and new ones to declare), a type and the counts of people
(lexicon) and a place (gazetteer); what the clause tells as still to come is tagged planned.
The same event told twice (same dates and mostly the same words, the same count of people, or
the lead and a later sentence dating it) is one draft. Nothing here prints or reads files.

Time and memory grow in proportion to the text: a long line is given to pysbd a window at a
time, a clause's actors, type and place are found once, a retelling is looked for only among
drafts of the same dates, and an article over MAX_ARTICLE_BYTES is refused. The gazetteer is
read once per process (one to two seconds).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from timeline.actor_finder import ActorFinder
from timeline.clauses import LIST_NUMBER, WIRE_DATELINE, Clause, clause_text, clauses, headline
from timeline.dates.calendar import MONTH_NAMES, WEEKDAY_NAMES
from timeline.dates.phrases import Context, Mention, find_dates
from timeline.dates.syntax import between_text, day_text, first_text, parse_date
from timeline.errors import ArticleTooBig
from timeline.gazetteer import countries_named, find_place, places_of
from timeline.lexicon import Guess, TypeChooser, figures
from timeline.model import Actor, Event, Source, Store
from timeline.names import derive_source_id, id_key, slug
from timeline.paragraphs import split_paragraphs

DRAFT_NOTE = "Drafted automatically by timeline extract; review before filing."
# The longest article read, in bytes of UTF-8. A long report is a few hundred kilobytes and a
# book-length one about two megabytes; extract reads about a megabyte in a few seconds, and
# this keeps its time and memory bounded whatever it is given.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
# pysbd's time grows with the square of the text it is given at once: a line (a paragraph) up
# to this many characters is given whole, a longer one a window of this many at a time.
SENTENCE_WINDOW = 3000
# pysbd decides where a sentence ends by the words after it: of each window, a sentence that
# ends this close to the window's end is read again at the start of the next window.
WINDOW_LOOKAHEAD = 200
# A draft is compared with at most this many earlier drafts of the same dates (the first ones)
# to tell whether it tells one of them again; an article has a handful for any one date.
RETELLING_CANDIDATES = 100
# How alike two drafts of the same dates must be to be one event: the share of the shorter
# statement's words that the other has too (a headline's words are mostly in the body's).
SAME_EVENT = 0.4
# The countries an article names decide which of two towns of one name it means; its first
# this many characters tell (a long text names its countries early and often).
MAX_COUNTRY_SCAN = 200_000
# How alike a recap must be to the lead (the share of the shorter's words the other has).
LEAD_ALIKE = 0.6
# What the note of a lead's draft says it is.
LEAD_NOTE = "it is the report's lead"
# The tag of a draft that the text tells as still to come (show --tag planned lists them).
PLANNED = "planned"
# Words that tell of something still to come.
_FUTURE = re.compile(
    r"\b(?:will|shall|plans?\s+to|planned|planning\s+to|is\s+(?:due|set|scheduled|expected|"
    r"to)\b|are\s+(?:due|set|scheduled|expected|to)\b|scheduled|upcoming|intends?\s+to|"
    r"would\s+(?:be\s+held|take\s+place|begin|start))",
    re.IGNORECASE,
)
MONTH_AND_DAY_NAMES = {name.lower() for name in (*MONTH_NAMES[1:], *WEEKDAY_NAMES)}
_WEEKDAY = "|".join(WEEKDAY_NAMES)
_WORD = re.compile(r"[\w'’-]+")
_DATELINE_HEAD = 1000
_STOPWORDS = {
    "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from",
    "that", "this", "was", "were", "is", "are", "be", "been", "has", "have", "had", "which",
    "who", "as", "it", "its", "their", "his", "her", "also", "both",
}  # fmt: skip


class Draft(NamedTuple):
    """One drafted event, in the store's fields, and what the reviewer should know."""

    id: str
    date: str
    end: str | None
    when: str
    title: str
    type: str
    actors: tuple[str, ...]
    location: str
    sources: tuple[str, ...]
    quotes: tuple[str, ...]
    note: str
    figures: tuple[tuple[str, int | dict[str, int]], ...] = ()  # ("killed", 6), in order
    tags: tuple[str, ...] = ()  # "planned" for what the text says will happen
    accounts: tuple[dict[str, Any], ...] = ()  # what each source says, when several do

    def fields(self) -> dict[str, object]:
        """The fields an event of the store has, without the empty ones."""
        fields: dict[str, object] = {
            "id": self.id,
            "date": self.date,
            "end": self.end,
            "when": self.when,
            "title": self.title,
            "type": self.type,
            "actors": list(self.actors),
            "location": self.location,
            "sources": list(self.sources),
            "quotes": list(self.quotes),
            "tags": list(self.tags),
            "note": self.note,
            "figures": dict(self.figures),
            "accounts": [dict(account) for account in self.accounts],
        }
        return {key: value for key, value in fields.items() if value}


class Extraction(NamedTuple):
    """What extract found: the drafts, the article's source, and whether the store lacks it;
    for several articles, the sources of the others, and accounts of the store's events."""

    drafts: list[Draft]
    source: Source
    source_is_new: bool
    published: date
    actors: list[Actor]  # actors the drafts name that the store lacks, proposed to declare
    # More articles' sources the store lacks (extract of several articles), after source.
    new_sources: tuple[Source, ...] = ()
    # Accounts of the store's own events: each an account's fields and "event", its id.
    accounts: tuple[dict[str, Any], ...] = ()

    def sources_to_declare(self) -> list[Source]:
        """The sources the store lacks that the drafts cite, each once."""
        found = [self.source] if self.source_is_new and not self.new_sources else []
        return [*found, *self.new_sources]


class Sentence(NamedTuple):
    text: str
    paragraph: int
    number: int  # its place among all the sentences


# Told how far the work has got: the characters read so far, and in all.
Progress = Callable[[int, int], None]


def check_size(article: str, size: int | None) -> None:
    """Refuse an article of size bytes (None: more than can be read) over MAX_ARTICLE_BYTES."""
    if size is None or size > MAX_ARTICLE_BYTES:
        raise ArticleTooBig(article, size, MAX_ARTICLE_BYTES)


def _utf8_size(text: str) -> int | None:
    """text's size in bytes of UTF-8, or None when it has more characters than the limit has
    bytes (then it is over it, and a huge text is not copied to count them)."""
    if text.isascii():
        return len(text)
    if len(text) > MAX_ARTICLE_BYTES:
        return None
    return len(text.encode("utf-8", "surrogatepass"))


# A block of metadata that opens a saved article (YAML front matter, as static site
# generators and web-to-Markdown tools write it): `---`, `key: value` lines, `---`.
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_MATTER_DATES = ("date", "published", "published_time", "pubdate", "date_published")
_FRONT_MATTER_URLS = ("source_url", "url", "canonical_url", "link")
# YAML's escapes in a double-quoted value that a title may hold.
_YAML_ESCAPES = {'\\"': '"', "\\\\": "\\", "\\_": "\u00a0", "\\/": "/", "\\t": "\t", "\\n": " "}


class FrontMatter(NamedTuple):
    """What an article's front matter says of it, and where its text begins."""

    published: date | None
    title: str
    url: str
    end: int


def front_matter(text: str) -> FrontMatter | None:
    """The article's front matter, if it opens with one: its date, title and address."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return None
    fields: dict[str, str] = {}
    for line in found.group(1).splitlines():
        key, colon, value = line.partition(":")
        if colon and key.strip() and not key[:1].isspace():
            fields.setdefault(key.strip().lower(), _yaml_scalar(value.strip()))
    published = None
    for key in _FRONT_MATTER_DATES:
        day = re.match(r"(\d{4})-(\d{2})-(\d{2})", fields.get(key, ""))
        if day is not None:
            try:
                published = date(*map(int, day.groups()))
            except ValueError:
                continue
            break
    url = next((fields[key] for key in _FRONT_MATTER_URLS if fields.get(key)), "")
    title = " ".join(fields.get("title", "").split())  # a no-break space is a space here
    return FrontMatter(published, title, url, found.end())


def _yaml_scalar(value: str) -> str:
    """A one-line YAML value as text: its quotes taken off, its escapes read."""
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\.", lambda m: _YAML_ESCAPES.get(m.group(), m.group()), value[1:-1])
    return value


def find_published(text: str) -> date | None:
    """The article's own date, from a dateline: a line near the top that is a full date
    ("21 September 2023", "Published: September 21, 2023 10:15"), or a first paragraph that
    opens with a place and a full date ("YEREVAN, September 21, 2023 (Reuters) -")."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:6]
    context = Context(date(2000, 1, 1))
    for line in lines:
        head = re.sub(
            r"^(?:(?:published|posted|updated|date|on)\b:?\s*)+", "", line, flags=re.IGNORECASE
        )
        head = re.sub(r"^[A-Z][A-Z .'-]+,\s*", "", head)  # a dateline's place
        head = re.sub(
            rf"^(?:{_WEEKDAY}),?\s*",
            "",
            head,
            flags=re.IGNORECASE,
        )
        # A dateline's date opens the line: its head is enough (a whole first line of a text
        # without line breaks could be megabytes long).
        mentions = find_dates(head[:_DATELINE_HEAD], context)
        if not mentions:
            continue
        first = mentions[0]
        rest = head[first.end :].strip()
        is_dateline = first.start == 0 and (
            not rest or re.match(r"^(?:[,|/(–—-]|\d{1,2}:\d{2}|at\b)", rest) is not None
        )
        if is_dateline and first.year is not None and first.day is not None:
            return first.day
    return None


def sentences(text: str, progress: Progress | None = None) -> Iterator[Sentence]:
    """The text's sentences, paragraph by paragraph. progress, if given, is told how far the
    reading has got after each piece given to the sentence splitter."""
    # A text that repeats itself repeats its paragraphs: each is split once.
    segment = lru_cache(maxsize=1024)(segmenter().segment)
    paragraphs = [_lines(block) for block in split_paragraphs(text)]
    total = sum(len(line) for lines in paragraphs for line in lines)
    done = 0
    number = 0
    for paragraph, lines in enumerate(paragraphs):
        for line in lines:
            for reached, pieces in _split_sentences(segment, line):
                if progress is not None:
                    progress(done + reached, total)
                for piece in pieces:
                    stripped = " ".join(piece.split())
                    if stripped:
                        yield Sentence(stripped, paragraph, number)
                        number += 1
            done += len(line)


def segmenter() -> Any:
    """pysbd's English segmenter, keeping the text as it is and giving each sentence's span.
    pysbd finds a sentence's span with a regular expression made for it, compiled anew for
    every sentence (most of a millisecond each, and it pushes pysbd's own patterns out of
    the re module's cache); this one finds the same spans with str.find."""
    import pysbd  # only extract needs it
    from pysbd.utils import TextSpan  # type: ignore[import-untyped]

    class Segmenter(pysbd.Segmenter):  # type: ignore[misc]  # pysbd has no type hints
        def sentences_with_char_spans(self, sentences: list[str]) -> list[Any]:
            # As pysbd's own: each sentence's first occurrence, with the white space after
            # it (as \s* matches), that ends after the previous sentence's span; one that is
            # not found (pysbd changed it) has none.
            text: str = self.original_text
            spans = []
            prior_end = 0
            for sentence in sentences:
                position = 0
                while (start := text.find(sentence, position)) >= 0:
                    end = start + len(sentence)
                    while end < len(text) and text[end].isspace():
                        end += 1
                    if end > prior_end:
                        spans.append(TextSpan(text[start:end], start, end))
                        prior_end = end
                        break
                    position = end if end > start else start + 1
            return spans

    return Segmenter(language="en", clean=False, char_span=True)


def _split_sentences(segment: Callable[[str], Any], line: str) -> Iterator[tuple[int, list[str]]]:
    """line's sentences as segment (pysbd's, with spans) finds them, in batches, each with how
    far into line it reaches. A line longer than SENTENCE_WINDOW is read a window at a time: of
    each window, the sentences that end before its last WINDOW_LOOKAHEAD characters are kept
    (else the first, if another follows it), and the next window starts where they end. A
    window in which no sentence ends (encoded data, a table, a list without full stops) is cut
    after its last space, or else at its end."""
    start = 0
    while True:
        window = line[start : start + SENTENCE_WINDOW]
        spans = segment(window)
        if start + len(window) >= len(line):
            yield len(line), [span.sent for span in spans]
            return
        kept = [span for span in spans[:-1] if span.end <= len(window) - WINDOW_LOOKAHEAD]
        if not kept and len(spans) > 1:
            kept = spans[:1]
        if kept:
            cut = kept[-1].end
            pieces = [span.sent for span in kept]
        else:
            space = window.rfind(" ", SENTENCE_WINDOW // 2)
            cut = space + 1 if space >= 0 else len(window)
            pieces = [window[:cut]]
        start += cut
        yield start, pieces


def extract(
    text: str,
    store: Store,
    *,
    published: date | None,
    source: Source | None,
    name: str,
    progress: Progress | None = None,
    planned: bool = True,
) -> Extraction:
    """Draft the events of an article. published is the article's date (else its dateline's);
    source is the store's source for it, or None to describe a new one from the article.
    progress, if given, is told how far the reading has got. What the text tells as still
    to come is drafted tagged planned, or left out when planned is False. An article over
    MAX_ARTICLE_BYTES is ArticleTooBig."""
    check_size(name, _utf8_size(text))
    metadata = front_matter(text)
    if metadata is not None:  # what it says of the article; its text begins after it
        text = text[metadata.end :]
    when_published = published or (metadata and metadata.published) or find_published(text)
    if when_published is None:
        from timeline.errors import NoDateline

        raise NoDateline(name)
    headline = (metadata and metadata.title) or _headline(text)
    is_new = source is None
    if source is None:
        source = new_source(store, headline, when_published, name)
        if metadata is not None and metadata.url:
            source = source._replace(url=metadata.url)
    drafts: list[Draft] = []
    context = Context(when_published)
    paragraph = -1
    lead_done = False
    finder = _Finder(store)
    finder.countries = countries_named(text[:MAX_COUNTRY_SCAN])
    for sentence in sentences(text, progress):
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            context.year = None  # a year named in one paragraph does not carry to the next
        text_of = _without_lead(sentence.text)
        mentions = find_dates(text_of, context)
        if _is_dateline(text_of, mentions, when_published):
            continue
        if not mentions and not lead_done and _is_statement(text_of):
            # A news report's lead tells the news: it happened on the day of publication or
            # the day before, when the lead gives no date of its own.
            lead_done = True
            day_before = when_published - timedelta(days=1)
            span = between_text(day_text(day_before), day_text(when_published))
            note = (
                f"{DRAFT_NOTE} The sentence gives no date: {LEAD_NOTE}, dated by the "
                f"publication ({when_published.isoformat()}) as that day or the day before."
            )
            whole = Clause(0, len(text_of), 0, 0)
            drafts.append(finder.draft(text_of, whole, span, None, "", source, note))
            continue
        lead_done = lead_done or bool(mentions)
        parts = clauses(text_of, [(mention.start, mention.end) for mention in mentions])
        for mention, clause in zip(mentions, parts, strict=True):
            note = DRAFT_NOTE + _year_note(mention, when_published, context)
            drafts.append(
                finder.draft(
                    text_of,
                    clause,
                    mention.date_text,
                    mention.end_text,
                    mention.phrase,
                    source,
                    note,
                    when_published,
                )
            )
    if not planned:
        drafts = [draft for draft in drafts if PLANNED not in draft.tags]
    new_id = _NewIds(store)
    told = _merge_lead(_merge_retellings(drafts))
    merged = [draft._replace(id=new_id(draft)) for draft in told]
    proposed = finder.actors.proposed_actors(a for draft in merged for a in draft.actors)
    return Extraction(merged, source, is_new, when_published, proposed)


def new_source(store: Store, headline: str, published: date, name: str) -> Source:
    """A source for an article the store does not have: its headline, date, and file."""
    taken = {id_key(source_id) for source_id in store.sources}
    source_id = derive_source_id(day_text(published), headline or "article", taken)
    file = "" if name == "-" else name
    # A path is no title: an article without a headline is called by its date, which the
    # reviewer replaces with the real title.
    title = headline or f"Article published {published.isoformat()}"
    return Source(source_id, title, "", day_text(published), "", file)


class _About(NamedTuple):
    """What a clause says besides its dates: the actors it names (the store's, and new ones
    proposed), the type its wording suggests (and why), its place, and the counts of people
    it gives."""

    actors: tuple[str, ...]
    type: Guess
    location: str
    figures: tuple[tuple[str, int | dict[str, int]], ...]


class _Finder:
    """Actors, places and types of a store, to find in clauses."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.actors = ActorFinder(store)
        self.places = places_of(event.location for event in _sample(store))
        self.countries: frozenset[str] = frozenset()  # those the article names
        self.types = TypeChooser(
            {t.id: t.description for t in store.types.values()},
            (event.type for event in _sample(store)),
        )
        # A text that repeats itself repeats sentences: each is looked at once.
        self.about = lru_cache(maxsize=1024)(self._about)

    def draft(
        self,
        sentence: str,
        clause: Clause,
        start: str,
        end: str | None,
        when: str,
        source: Source,
        note: str,
        published: date | None = None,
    ) -> Draft:
        """A draft of the statement, without its id (given once retellings are merged): its
        title, actors, type and place from the date's clause, its quote the whole sentence.
        A draft of what the clause says will happen (after published) is tagged planned."""
        text = clause_text(sentence, clause)
        about = self.about(text)
        tags: tuple[str, ...] = ()
        if published is not None and is_planned(text, start, published):
            tags = (PLANNED,)
            note += " Planned: the text tells it as still to come."
        if about.type.reason:
            note += " " + about.type.reason
        return Draft(
            "",
            start,
            end,
            when,
            headline(sentence, clause),
            about.type.type,
            about.actors,
            about.location,
            (source.id,),
            (sentence,),
            note,
            about.figures,
            tags,
        )

    def _about(self, clause: str) -> _About:
        return _About(
            self.actors.find(clause),
            self.types.guess(clause),
            find_place(clause, self.countries, self.places),
            tuple(figures(clause).items()),
        )


def _sample(store: Store) -> Iterator[Event]:
    # Locations come from the store's events; a big store's first thousand name the usual ones.
    for index, event in enumerate(store.events):
        if index >= 1000:
            return
        yield event


def is_planned(clause: str, date_text: str, published: date) -> bool:
    """Whether a clause tells of something still to come: its date starts after the
    publication, or it says so ("will", "plans to", "is due to") of a date not yet over."""
    when = parse_date(first_text(date_text))
    if when.earliest > published:
        return True
    said = re.sub(r"[\"“][^\"“”]*[\"”]", "", clause)  # what someone says will be is no plan
    return when.latest >= published and _FUTURE.search(said) is not None


def _year_note(mention: Mention, published: date, context: Context) -> str:
    if mention.year is not None or not re.search(r"\d", mention.date_text):
        return ""
    if re.search(r"\b(?:ago|today|yesterday|tomorrow|this|last|next|day)\b", mention.phrase):
        return f" Dated from the publication date, {published.isoformat()}."
    if re.search(_WEEKDAY, mention.phrase, re.IGNORECASE):
        return f" The weekday is counted from the publication date, {published.isoformat()}."
    year = mention.date_text.split()[-1][:4]
    if context.year is not None and str(context.year) == year:
        return f" The year {year} is the last one the text names before it."
    return f" The year {year} is the publication's: the text gives none."


class _NewIds:
    """Ids for drafts, as names.derive_event_id makes them: the slug of the date and title, or
    else the first of slug-2, slug-3, … that neither the store nor an earlier draft has. For
    each slug, the numbers already found taken are not tried again: the ids of many drafts of
    one slug would otherwise take time that grows with the square of their number."""

    def __init__(self, store: Store) -> None:
        self.taken = dict(store.events.id_keys())
        self.next: dict[str, int] = {}  # slug -> the first number not known to be taken

    def __call__(self, draft: Draft) -> str:
        base = slug(first_text(draft.date), draft.title) or "event"
        number = self.next.get(base, 1)
        event_id = base if number == 1 else f"{base}-{number}"
        while id_key(event_id) in self.taken:
            number += 1
            event_id = f"{base}-{number}"
        self.next[base] = number + 1
        self.taken[id_key(event_id)] = len(self.taken)
        return event_id


class _Retold:
    """A draft kept, and what its retellings add to it: their quotes (each once), actors and
    names; and the words of all its quotes, to compare the next ones with."""

    def __init__(self, draft: Draft, words: frozenset[str]) -> None:
        self.draft = draft
        self.words = set(words)
        self.quotes = dict.fromkeys(draft.quotes)
        self.actors = dict.fromkeys(draft.actors)
        self.candidate: int | None = None  # its place among the candidates of its dates

    def add(self, draft: Draft) -> None:
        self.quotes.update(dict.fromkeys(draft.quotes))
        self.actors.update(dict.fromkeys(draft.actors))

    def merged(self) -> Draft:
        return self.draft._replace(
            quotes=distinct_quotes(self.quotes),
            actors=tuple(self.actors),
        )


def distinct_quotes(quotes: Iterable[str]) -> tuple[str, ...]:
    """Quotes without repeats: one that another holds whole (a headline the body repeats
    with more words, the same sentence again) goes, white space and case aside."""
    unique = list(dict.fromkeys(quotes))
    folded = [" ".join(quote.casefold().rstrip(".").split()) for quote in unique]
    kept = []
    for index, quote in enumerate(unique):
        held = any(
            other != index
            and folded[index] in folded[other]
            and (folded[index] != folded[other] or other < index)
            for other in range(len(unique))
        )
        if not held:
            kept.append(quote)
    return tuple(kept)


def _merge_lead(drafts: list[Draft]) -> list[Draft]:
    """The lead's draft ("that day or the day before") and a later draft of one of those days
    in mostly the same words are one event: the later one's date, both quotes."""
    lead = next((d for d in drafts if d.date.startswith("[") and LEAD_NOTE in d.note), None)
    if lead is None:
        return drafts
    span = parse_date(lead.date)
    lead_words = _quote_words(lead.quotes)
    for index, draft in enumerate(drafts):
        if draft is lead or draft.end or draft.date.startswith("["):
            continue
        when = parse_date(draft.date)
        if not (span.earliest <= when.earliest and when.latest <= span.latest):
            continue
        words = _quote_words(draft.quotes)
        shorter = min(len(words), len(lead_words))
        # A lead and a sentence of another day name the same people: the recap of one event
        # has the same type and most of the lead's words.
        if draft.type == lead.type and shorter and len(words & lead_words) / shorter >= LEAD_ALIKE:
            drafts[index] = draft._replace(
                quotes=distinct_quotes((*lead.quotes, *draft.quotes)),
                actors=tuple(dict.fromkeys((*lead.actors, *draft.actors))),
            )
            return [d for d in drafts if d is not lead]
    return drafts


class _SameDates:
    """The drafts kept for one date (and end), the first RETELLING_CANDIDATES of them indexed
    by their words: a new draft is compared only with those it shares a word with."""

    def __init__(self) -> None:
        self.candidates: list[_Retold] = []
        self.having: dict[str, list[int]] = {}  # word -> the candidates that have it

    def told(self, words: frozenset[str]) -> _Retold | None:
        """The first candidate that a statement of these words tells again, if any."""
        shared = Counter(index for word in words for index in self.having.get(word, ()))
        for index in sorted(shared):
            candidate = self.candidates[index]
            if _alike(shared[index], len(candidate.words), len(words)):
                return candidate
        return None

    def keep(self, retold: _Retold) -> None:
        if len(self.candidates) < RETELLING_CANDIDATES:
            retold.candidate = len(self.candidates)
            self.candidates.append(retold)
            self._index(retold.candidate, retold.words)

    def grow(self, retold: _Retold, words: frozenset[str]) -> None:
        """Add a retelling's words to those of the draft it retells."""
        new = words - retold.words
        retold.words |= new
        if retold.candidate is not None:
            self._index(retold.candidate, new)

    def _index(self, index: int, words: set[str] | frozenset[str]) -> None:
        for word in words:
            self.having.setdefault(word, []).append(index)


def _merge_retellings(drafts: list[Draft]) -> list[Draft]:
    """One draft for each event: a later draft of the same dates in mostly the same words is
    the same event told again (the headline and the body, the lead and a recap), and so is the
    same sentence again. A draft is compared with the first RETELLING_CANDIDATES drafts kept
    for its dates that share a word with it: the time grows with the text, not its square."""
    kept: list[_Retold] = []
    by_dates: dict[tuple[str, str | None], _SameDates] = {}
    by_statement: dict[tuple[str, str | None, tuple[str, ...]], _Retold] = {}
    # The same count of the same dead on the same day is the same event told again ("killed
    # at least 820 people, officials said Saturday" ... "figures on Saturday showed 820").
    by_count: dict[tuple[str, str | None, str, int], _Retold] = {}
    for draft in drafts:
        dates = (draft.date, draft.end)
        statement = (*dates, draft.quotes)
        words = _quote_words(draft.quotes)
        same_dates = by_dates.setdefault(dates, _SameDates())
        counts = [(*dates, name, _count(value)) for name, value in draft.figures]
        earlier = (
            by_statement.get(statement)
            or next((by_count[count] for count in counts if count in by_count), None)
            or same_dates.told(words)
        )
        if earlier is None:
            earlier = _Retold(draft, words)
            kept.append(earlier)
            same_dates.keep(earlier)
        else:
            same_dates.grow(earlier, words)
            earlier.add(draft)
        by_statement.setdefault(statement, earlier)
        for count in counts:
            by_count.setdefault(count, earlier)
    return [retold.merged() for retold in kept]


def _count(value: int | dict[str, int]) -> int:
    """A figure's number: the count, or its best (else low, else high) estimate."""
    if isinstance(value, int):
        return value
    return value.get("best", value.get("low", value.get("high", -1)))


@lru_cache(maxsize=1024)
def _quote_words(quotes: tuple[str, ...]) -> frozenset[str]:
    # The words of the date are the same by construction: only the rest tells.
    return frozenset(
        word
        for word in map(str.lower, _WORD.findall(" ".join(quotes)))
        if word not in _STOPWORDS and word not in MONTH_AND_DAY_NAMES and not word.isdigit()
    )


def _alike(shared: int, first: int, second: int) -> bool:
    """Whether two statements of first and second words, shared of them alike, tell one event:
    the shorter has mostly words of the other."""
    shorter = min(first, second)
    return shorter > 0 and shared / shorter >= SAME_EVENT


def _headline(text: str) -> str:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped:
            return stripped if len(stripped) <= 200 and not stripped.endswith(".") else ""
    return ""


def _is_dateline(sentence: str, mentions: list[Mention], published: date) -> bool:
    """A line that only says when the article was published."""
    if len(mentions) != 1:
        return False
    mention = mentions[0]
    rest = (sentence[: mention.start] + sentence[mention.end :]).strip(" ,.|-–—:")
    return mention.day == published and len(rest.split()) <= 3


def _is_statement(sentence: str) -> bool:
    """A sentence that reports something: ends like one and has a dozen words or so."""
    return sentence.rstrip("\"”’'»").endswith(".") and len(sentence.split()) >= 8


def _without_lead(sentence: str) -> str:
    """A sentence without the wire dateline ("YEREVAN, December 8, 2023 (Reuters) - ") or the
    list number ("2. ") it opens with: where and when a report was filed is not an event."""
    text = WIRE_DATELINE.sub("", sentence, count=1)
    return LIST_NUMBER.sub("", text, count=1) or sentence


def _lines(block: str) -> list[str]:
    """A paragraph's statements as lines: the lines of a hard-wrapped paragraph joined, a short
    line without a full stop (a headline, a date, a heading) kept apart."""
    lines = [line for line in (line.strip() for line in block.split("\n")) if line]
    widest = max(map(len, lines), default=0)
    joined: list[list[str]] = []  # each statement's lines, joined once at the end
    apart = True
    for line in lines:
        alone = len(line) < 0.6 * widest and not line.endswith((".", "!", "?", ",", ";", ":"))
        if joined and not apart and not alone:
            joined[-1].append(line)
        else:
            joined.append([line])
        apart = alone
    return [" ".join(parts) for parts in joined]
