"""Which language a document is in: script shortcuts, then lingua restricted to a few languages.

Lingua chooses among the supported languages plus look-alikes: Belarusian (the one that
matters most: it must not pass for Ukrainian or Russian), other Cyrillic languages, and the
Latin-script languages of Europe's news that a detector restricted to en/de/fr/es would
otherwise force into one of them (Polish, Czech and Turkish came out as German). Such a
text is recognised and reported as unsupported. A caller's narrower list of languages
filters the answer but does not narrow the choice, or an English text would be called
German when only de and ru are asked for. Low-accuracy mode (trigram models only): measured
here, the whole set costs ~35 MB and 2-4 ms for a document (against ~17 MB and ~0.5 ms
less with Belarusian alone), and news documents are long enough for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from communique.options import SUPPORTED_LANGS

# Languages detected so that they are not mislabelled as a supported one they resemble.
LOOKALIKES: tuple[str, ...] = (
    *("be", "bg", "mk", "sr"),  # Cyrillic: uk and ru
    *("pt", "it", "ca", "nl", "pl", "cs", "ro", "tr", "sv", "hu", "fi"),  # Latin: en, de, fr, es
)
HEAD_CHARS = 2000  # the first characters say the language as well as the whole text
# Most documents are told by their first sentence or two: lingua first reads a probe of that many
# characters made of the head's words that do not start with a capital, and reads the whole head only
# when it is less than SURE of the probe. Names are left out because they mislead it: a lead full of
# Finnish or Italian names made a 200-character probe of English "Finnish" at 99.9 % in 7 of 100k
# benchmark documents. Without them, the probe agreed with the whole head on all 100k benchmark
# documents and the eval texts, at 0.3 ms against 0.75 ms a document.
PROBE_CHARS = 200
SURE = 0.999
MIN_LETTERS = 3  # below this there is nothing to judge


# Hangul letters: syllables and jamo (compatibility jamo but for U+3130 and U+318F, unassigned, not
# letters). Counted by a regex rather than a loop over characters: this runs for every document.
_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e]")


def _language(code: str) -> Language | None:
    """The lingua Language for an ISO 639-1 code, or None when lingua lacks it."""
    iso = getattr(IsoCode639_1, code.upper(), None)
    if iso is None:
        return None
    try:
        return Language.from_iso_code_639_1(iso)
    except ValueError:
        return None


@cache
def _detector(codes: frozenset[str]) -> LanguageDetector | None:
    """One detector per set of languages, built once (the models load lazily on first use)."""
    languages = {lang for code in codes if (lang := _language(code)) is not None}
    if len(languages) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def guess(text: str, languages: Sequence[str] = SUPPORTED_LANGS) -> str | None:
    """The most likely language of text among the supported ones, languages and look-alikes; or None."""
    head = text[:HEAD_CHARS]
    letters = sum(map(str.isalpha, head))
    if letters < MIN_LETTERS:
        return None
    wanted = {code.lower() for code in languages}
    hangul = len(_HANGUL.findall(head))
    if hangul * 2 > letters:  # only Korean is written in Hangul
        return "ko"
    # Without Hangul, Korean is out of the question: one candidate fewer to score.
    candidates = (set(SUPPORTED_LANGS) | wanted | set(LOOKALIKES)) - (set() if hangul else {"ko"})
    detector = _detector(frozenset(candidates))
    if detector is None:
        return None
    found = _detect(detector, head)
    if found is None:
        return None
    return found.iso_code_639_1.name.lower()


def probe(head: str) -> str:
    """The first PROBE_CHARS characters of the head's words that do not start with a capital."""
    return " ".join(w for w in head[: 4 * PROBE_CHARS].split() if not w[:1].isupper())[:PROBE_CHARS]


def _detect(detector: LanguageDetector, head: str) -> Language | None:
    """The language of the head: from its probe when lingua is sure of that, else from the whole head."""
    if len(head) > PROBE_CHARS:
        ranked = detector.compute_language_confidence_values(probe(head))
        if ranked and ranked[0].value >= SURE:
            return ranked[0].language
    return detector.detect_language_of(head)


def identify(text: str, languages: Sequence[str]) -> str | None:
    """The language of text if it is one of languages; None when unsure or unsupported."""
    code = guess(text, languages)
    return code if code is not None and code in {c.lower() for c in languages} else None
