"""timeline: keep a conflict's events in plain TOML, query them, show and export them."""

__version__ = "0.1.0"
