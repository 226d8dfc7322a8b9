"""An event's figures, accounts and contested fields in words, as every export writes them
(plain text: each format escapes it for itself).

A figure that the sources give differently reads as its range, then who says what: "5–6
killed: 6 according to a, 5 according to b". A source whose account is silent on a figure
(or that has no account) is taken to agree with the store's reading, as contested.py does.
"""

from __future__ import annotations

from timeline.contested import account_span, contested
from timeline.model import Account, Event, Figure, Store, count, count_range

_Estimate = tuple[int | None, int | None, int | None]

# Marks a quote may already open or close with (straight, curly, guillemets, low-9).
_QUOTATION_MARKS = "\"'“”‘’«»„‚‹›"


def quote_marks(quote: str) -> tuple[str, str]:
    """The marks to put around a quote: “ and ”, or none when the quote already opens or
    closes with a quotation mark of its own (so that it is never shown with doubled marks,
    and its own marks are kept as written)."""
    text = quote.strip()
    if text and (text[0] in _QUOTATION_MARKS or text[-1] in _QUOTATION_MARKS):
        return "", ""
    return "“", "”"


def contested_note(event: Event) -> str:
    """ "contested: date, figures.killed" for a contested event, else ""."""
    fields = contested(event) if event.accounts else ()
    return "contested: " + ", ".join(fields) if fields else ""


def store_figures(event: Event) -> str:
    """The store's reading of the event's figures: "6 killed, 10–15 injured"."""
    return ", ".join(figure.label for figure in event.figures)


def figure_names(event: Event) -> list[str]:
    """The figures the event or any of its accounts give: the event's first, in its order."""
    names = dict.fromkeys(figure.name for figure in event.figures)
    for account in event.accounts:
        names.update(dict.fromkeys(figure.name for figure in account.figures))
    return list(names)


def figure_reading(event: Event, name: str) -> str:
    """One figure as a person reads it: "6 killed" when the sources agree (or only the
    store gives it), "5 killed according to b" when only one account gives it, "5–6 killed:
    6 according to a, 5 according to b" when they differ."""
    own = next((figure for figure in event.figures if figure.name == name), None)
    sayers: dict[_Estimate, list[str]] = {}
    estimates: dict[_Estimate, Figure] = {}
    giving = {}
    for account in event.accounts:
        for figure in account.figures:
            if figure.name == name:
                giving[account.source] = figure
    if own is not None:
        agreeing = [source for source in event.sources if source not in giving]
        sayers[_estimate(own)] = agreeing
        estimates[_estimate(own)] = own
    for source, figure in giving.items():
        sayers.setdefault(_estimate(figure), []).append(source)
        estimates.setdefault(_estimate(figure), figure)
    if len(estimates) == 1:
        (figure,) = estimates.values()
        if own is not None:
            return figure.label
        return f"{figure.label} according to {_and(next(iter(sayers.values())))}"
    whole = _range(list(estimates.values()))
    said = [
        f"{_number(estimates[estimate])} according to {_and(sources)}"
        if sources
        else f"{_number(estimates[estimate])} in the store's reading"
        for estimate, sources in sayers.items()
    ]
    return f"{whole} {name}: ".lstrip() + ", ".join(said)


def figures_reading(event: Event) -> list[str]:
    """Every figure of the event as figure_reading writes it."""
    return [figure_reading(event, name) for name in figure_names(event)]


def account_facts(store: Store, event: Event, account: Account) -> list[tuple[str, str]]:
    """What an account gives of its own (where it differs or adds), named: date, as
    written, location, actors, figures; those it gives, in that order."""
    span = account_span(event, account) if account.date_text or account.end_text else None
    facts = [
        ("date", span.label if span is not None else ""),
        ("as written", account.when),
        ("location", account.location),
        ("actors", ", ".join(store.actors[actor].name for actor in account.actors)),
        ("figures", ", ".join(figure.label for figure in account.figures)),
    ]
    return [(name, value) for name, value in facts if value]


def _range(figures: list[Figure]) -> str:
    """The range the figures span together: "5–6", "at least 13" when one of them gives only
    a lower bound, "at most 9" when one gives only an upper one; "" when both."""
    no_high = any(f.open_ended and f.high is None for f in figures)
    no_low = any(f.open_ended and f.low is None for f in figures)
    low = min(figure.bounds[0] for figure in figures)
    high = max(figure.bounds[1] for figure in figures)
    if no_high and no_low:
        return ""
    if no_high:
        return f"at least {count(low)}"
    if no_low:
        return f"at most {count(high)}"
    return count_range(low, high)


def _estimate(figure: Figure) -> _Estimate:
    return figure.low, figure.best, figure.high


def _number(figure: Figure) -> str:
    """The figure's label without its name: "6", "10–15", "40 (30–50)"."""
    return figure.label.removesuffix(f" {figure.name}")


def _and(sources: list[str]) -> str:
    if len(sources) <= 1:
        return "".join(sources)
    return ", ".join(sources[:-1]) + " and " + sources[-1]
