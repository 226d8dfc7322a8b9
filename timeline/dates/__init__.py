"""Dates, one module per job; the names the store package uses are re-exported here.

syntax     the store's date syntax, read and written: FuzzyDate, Span, parse_date, date_text
calendar   English month and weekday names and month arithmetic (never the machine's locale)
user       dates typed on the command line: parse_user_date
phrases    date expressions in English text, for extract: find_dates
"""

from timeline.dates.syntax import (
    DateSyntaxError,
    FuzzyDate,
    Precision,
    Span,
    parse_date,
    parse_end,
)

__all__ = ["DateSyntaxError", "FuzzyDate", "Precision", "Span", "parse_date", "parse_end"]
