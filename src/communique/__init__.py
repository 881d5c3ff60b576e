"""Communique: multilingual political event data from news text, coded in PLOVER.

    >>> import communique
    >>> events = communique.extract("Russian President Vladimir Putin met Kim Jong Un on Tuesday.",
    ...                             published="2024-06-20")
    >>> db = communique.open("communique.duckdb")
    >>> db.events(actor="BLR").head()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from communique.api import Database
    from communique.records import EventMention

__all__ = ["__version__", "extract", "open"]


def extract(text: str, published: str | None = None, lang: str | None = None) -> list[EventMention]:
    """Code one text (no store): its event records, in reading order."""
    from communique.api import extract_text

    return extract_text(text, published=published, lang=lang)


def open(path: str = "communique.duckdb") -> Database:
    """Open a store for queries that return DataFrames (pandas or polars) and Arrow tables."""
    from communique.api import Database

    return Database(path)
