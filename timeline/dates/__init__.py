"""Dates, one module per job:

syntax     the store's date syntax, read and written: FuzzyDate, Span, parse_date, date_text
calendar   English month and weekday names and month arithmetic (never the machine's locale)
user       dates typed on the command line: parse_user_date
numeric    numeric dates (10.11.2020), day first: the one rule for user and phrases
phrases    date expressions in English text, for extract: find_dates
"""
