"""HTML pages: main text by trafilatura, title and publication date from its metadata (htmldate).

Nothing here may touch the network. Both libraries download when handed a string that looks
like a URL, so they are only ever handed a parsed lxml tree: trafilatura.load_html parses
bytes without fetching, and a tree is never mistaken for an address.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from configparser import ConfigParser
from functools import cache
from pathlib import Path
from typing import Any

from communique.prepare.encoding import looks_binary
from communique.read.files import describe, load, make_document, problem
from communique.records import DateValue, Document, Problem
from communique.when.iso import parse_iso

# trafilatura and htmldate log every page they cannot use; the Problem we record says it once.
for _name in ("trafilatura", "htmldate", "readability", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


# Below this many characters trafilatura distrusts its main extraction and falls back to
# baselines that glue the whole page into one line, share buttons included; a short news
# brief is well above it.
MIN_EXTRACTED_CHARS = 100
_SENTENCE_END = re.compile(r"[.!?。…]")
MIN_ARTICLE_WORDS = 4  # an article has at least one line of this many words with end punctuation


def _date_params(url: str | None) -> dict[str, Any]:
    """htmldate's settings: the original publication date, from markup, metadata and the URL only.

    Its extensive search also reads dates out of the text, where "(c) 2025" becomes 1 January
    2025 and the date of the event reported becomes the date of the report: a wrong day is
    worse than none, since relative dates ("on Tuesday") are resolved against it.
    """
    params: dict[str, Any] = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}
    if url:
        params["url"] = url  # dates in the URL's path; never fetched
    return params


@cache
def _config() -> ConfigParser:
    """trafilatura's settings with our minimum extraction size."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_EXTRACTED_CHARS))
    return config


def _has_sentence(text: str) -> bool:
    """True when some line reads like a sentence: a few words and end punctuation."""
    return any(
        len(line.split()) >= MIN_ARTICLE_WORDS and _SENTENCE_END.search(line) for line in text.splitlines()
    )


def html_document(
    data: bytes,
    source: Path | str,
    *,
    url: str | None = None,
    fallback_date: DateValue | None = None,
    where: str = "",
) -> Document | Problem:
    """A Document from the bytes of an HTML page, or the Problem that prevents one."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    if looks_binary(data):
        return problem(source, "binary data, not HTML", where)
    try:
        tree = load_html(data)
        if tree is None:
            return problem(source, "not parseable as HTML", where)
        result = bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_date_params(url),
            config=_config(),
        )
    except Exception as exc:  # lxml and trafilatura fail in many ways on one bad page: its Problem
        return problem(source, f"HTML extraction failed: {describe(exc)}", where)
    text = getattr(result, "text", None) if result is not None else None
    if not text or not _has_sentence(text):
        # trafilatura's fallbacks return what text there is, menus included: that is no article
        return problem(source, "no article text found in the HTML", where)
    date = getattr(result, "date", None)
    published = parse_iso(date) if date else None
    return make_document(
        text,
        source,
        where=where,
        title=getattr(result, "title", None),
        url=url or getattr(result, "url", None),
        outlet=getattr(result, "sitename", None),
        published=published if published is not None else fallback_date,
    )


def read_html(path: Path) -> Iterator[Document | Problem]:
    """The one document of an HTML file."""
    data = load(path)
    yield data if isinstance(data, Problem) else html_document(data, path)
