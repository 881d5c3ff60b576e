"""RSS and Atom feeds: each entry is a document, with its link and publication date.

feedparser is always handed a file object: given a string it may take it for a URL and
fetch it, and given bytes it first tries to open them as a file name.
"""

from __future__ import annotations

import calendar
import email.utils
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from communique.read.files import MAX_FEED_BYTES, describe, load, make_document, problem
from communique.records import DateValue, Document, Problem
from communique.when.iso import day

# Elements after which a line ends when an entry's HTML is turned into text.
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    | {"section", "article", "header", "footer", "tr", "table", "pre", "dd", "dt", "figcaption"}
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


# Characters XML cannot hold: lxml keeps them in parsed text but refuses them on any write back.
_NOT_XML = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000),
                          0xFFFE, 0xFFFF], " ")


def fragment_text(markup: str) -> str:
    """The text of an HTML fragment, one line per block element, blank lines dropped (lxml, no regexes)."""
    import lxml.etree
    import lxml.html

    markup = markup.translate(_NOT_XML)
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//iframe"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _entry_text(entry: Any) -> str:
    """An entry's fullest text: content (content:encoded, Atom content), else its summary."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary"):
        candidates.append(entry.get("summary_detail") or {"value": entry["summary"], "type": "text/html"})
    for item in candidates:
        value = item.get("value") or ""
        if not value.strip():
            continue
        kind = (item.get("type") or "text/html").lower()
        if kind in _HTML_TYPES or "<" in value:
            value = fragment_text(value)
        if value.strip():
            return value
    return ""


def _written_date(raw: str) -> date | None:
    """The calendar day a feed date names in its own time zone (RFC 822 or RFC 3339)."""
    try:
        return email.utils.parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw.strip()).date()
    except ValueError:
        return None


def _entry_date(entry: Any) -> DateValue | None:
    """The entry's publication (else update) date: the day as written, else as feedparser read it."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        written = _written_date(str(raw))
        if written is not None:
            return day(written, str(raw))
        parsed = entry.get(f"{key}_parsed")
        if parsed is not None:
            try:  # feedparser knows more formats, but gives the day in UTC
                return day(datetime.fromtimestamp(calendar.timegm(parsed), UTC).date(), str(raw))
            except (OverflowError, ValueError, OSError):
                continue
    return None


def read_feed(path: Path) -> Iterator[Document | Problem]:
    """The entries of an RSS or Atom file, then a Problem if the feed was damaged."""
    import feedparser

    data = load(path, MAX_FEED_BYTES)
    if isinstance(data, Problem):
        yield data
        return
    try:
        feed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser's many parsers raise many things on one bad file
        yield problem(path, f"not a readable feed: {describe(exc)}")
        return
    entries = feed.get("entries") or []
    outlet = (feed.get("feed") or {}).get("title") or None
    for n, entry in enumerate(entries, 1):
        where = f"entry {n}"
        text = _entry_text(entry)
        if not text.strip():
            yield problem(path, "feed entry has no text", where)
            continue
        yield make_document(
            text,
            path,
            where=where,
            title=entry.get("title"),
            url=entry.get("link"),
            outlet=outlet,
            published=_entry_date(entry),
        )
    damage = feed.get("bozo_exception")
    # A wrong encoding declaration or content type is repaired by feedparser: not damage.
    if feed.get("bozo") and not isinstance(
        damage, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    ):
        reason = describe(damage or ValueError("malformed"))
        if entries:
            yield problem(path, f"feed is malformed ({reason}); {len(entries)} entries recovered")
        else:
            yield problem(path, f"not a readable feed: {reason}")
    elif not entries:
        yield problem(path, "feed has no entries")
