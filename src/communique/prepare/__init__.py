"""The preparation stage: language, clean text and sentences for a document; never raises on text."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

# Modules, not their functions: `from .clean import clean` would hide the module clean.
from communique.prepare import clean, langid, sentences
from communique.records import Document, Problem
from communique.when.resolve import in_calendar

STAGE = "prepare"
# A lone surrogate cannot be encoded (JSON's "\ud800" escape makes one): it becomes U+FFFD, one code
# point for one, so that every offset into the text stays where it was.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _language(doc: Document, languages: Sequence[str]) -> tuple[str | None, Problem | None]:
    """The document's language (given or identified) and the problem when there is none."""
    supported = {code.lower() for code in languages}
    source = doc.path or doc.url or doc.id
    if doc.lang:
        given = doc.lang.strip().lower().replace("_", "-").split("-")[0]  # "en-GB" is English
        if given in supported:
            return given, None
        return None, Problem(source, STAGE, f"language {given} not supported")
    found = langid.guess(doc.text, languages)
    if found is None:
        return None, Problem(source, STAGE, "language not identified")
    if found not in supported:
        return None, Problem(source, STAGE, f"language {found} not supported")
    return found, None


def prepare(doc: Document, languages: Sequence[str]) -> Document:
    """The document with its language set, page chrome removed and sentences split (same id)."""
    if _SURROGATE.search(doc.text):
        doc = dataclasses.replace(doc, text=_SURROGATE.sub("\ufffd", doc.text))
    if doc.published is not None and not in_calendar(doc.published):
        source = doc.path or doc.url or doc.id
        bad = Problem(source, STAGE, f"publication date {doc.published.iso()} is out of range; ignored")
        doc = dataclasses.replace(doc, published=None, problems=(*doc.problems, bad))
    lang, problem = _language(doc, languages)
    text = clean.clean(doc.text, lang)
    problems = doc.problems
    if problem is not None:
        problems += (problem,)
    if doc.text.strip() and not text:
        source = doc.path or doc.url or doc.id
        problems += (Problem(source, STAGE, "no text left after removing page chrome"),)
    return dataclasses.replace(
        doc, text=text, lang=lang, sentences=sentences.split(text, lang), problems=problems
    )
