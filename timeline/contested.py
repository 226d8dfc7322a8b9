"""Where an event's accounts disagree with each other or with the store's reading: the one
rule of what makes an event contested.

An account says only where it differs or adds; an empty field agrees. It contests:
- the date, when the days its date (and end) can mean cannot meet the days the event's can
  ("late 2023-05" against "2023-05-25" can; "2023-09-19" against "2023-09-20" cannot);
- the location, when it names another place (case, accents and white space aside);
- the actors, when it names another set of them;
- a figure, when it gives another estimate than the event's. A figure the event does not
  give is contested when two accounts give it differently.
"""

from __future__ import annotations

from datetime import date

from timeline.dates.syntax import DateSyntaxError, Span, parse_date, parse_end
from timeline.model import Account, Event, Figure
from timeline.names import fold

FIELDS = ("date", "location", "actors")  # then "figures.<name>", in the order given


def account_differences(event: Event, account: Account) -> tuple[str, ...]:
    """The fields on which the account differs from the event: "date", "location",
    "actors", "figures.killed"..."""
    differing = []
    if (account.date_text or account.end_text) and not _dates_meet(event, account):
        differing.append("date")
    if account.location and _place(account.location) != _place(event.location):
        differing.append("location")
    if account.actors and set(account.actors) != set(event.actors):
        differing.append("actors")
    figures = {figure.name: figure for figure in event.figures}
    others = _figures_of_accounts(event)
    for figure in account.figures:
        if figure.name in figures:
            if _estimate(figure) != _estimate(figures[figure.name]):
                differing.append(f"figures.{figure.name}")
        elif len(others[figure.name]) > 1:
            differing.append(f"figures.{figure.name}")
    return tuple(differing)


def contested(event: Event) -> tuple[str, ...]:
    """The fields of the event its accounts contest, each once: the date, location and
    actors first, then the figures in the order the accounts give them; () for none."""
    if not event.accounts:
        return ()
    found: dict[str, None] = {}
    for account in event.accounts:
        found.update(dict.fromkeys(account_differences(event, account)))
    ordered = [field for field in FIELDS if field in found]
    return (*ordered, *(field for field in found if field not in FIELDS))


def account_span(event: Event, account: Account) -> Span | None:
    """The days the account gives the event: its own date (else the event's) to its own end
    (else, when it gives no date of its own, the event's end); None when a date does not read
    (a store that passed `check` has none)."""
    try:
        start = parse_date(account.date_text or event.date_text)
        if account.end_text:
            end, ongoing = parse_end(account.end_text)
        elif account.date_text:
            end, ongoing = None, False
        else:
            end, ongoing = event.span.end, event.span.ongoing
    except DateSyntaxError:
        return None
    return Span(start, end, ongoing)


def _dates_meet(event: Event, account: Account) -> bool:
    span = account_span(event, account)
    if span is None:
        return True
    return span.overlaps(event.span.earliest, event.span.latest or date.max)


def _place(text: str) -> str:
    return " ".join(fold(text).split())


def _estimate(figure: Figure) -> tuple[int | None, int | None, int | None]:
    return figure.low, figure.best, figure.high


def _figures_of_accounts(event: Event) -> dict[str, set[tuple[int | None, ...]]]:
    """The distinct estimates the accounts give of each figure."""
    estimates: dict[str, set[tuple[int | None, ...]]] = {}
    for account in event.accounts:
        for figure in account.figures:
            estimates.setdefault(figure.name, set()).add(_estimate(figure))
    return estimates
