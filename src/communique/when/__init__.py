"""Time expressions: found in a sentence by the language's date grammar, resolved to DateValues.

The grammar is data (lang/data/<lang>/dates.yaml, see when/grammar.py for its format); this
package holds the mechanism only: matching (when/match.py) and resolution against the
publication date (when/resolve.py).
"""

from __future__ import annotations

from communique.records import DateValue, Mention
from communique.when.grammar import grammar
from communique.when.match import find

__all__ = ["find_dates"]


def find_dates(
    text: str, start: int, end: int, lang: str, published: DateValue | None, future: bool = False
) -> list[Mention]:
    """The time expressions of text[start:end] (one sentence) as time Mentions, in order."""
    g = grammar(lang)
    start, end = max(start, 0), min(end, len(text))
    if g is None or start >= end:
        return []
    return find(text, start, end, g, published, future)
