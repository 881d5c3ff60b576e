"""Bytes to text: every encoding we promise, newline and control handling, binary detection."""

from __future__ import annotations

import codecs
import random

from hypothesis import given
from hypothesis import strategies as st

from communique.prepare.encoding import decode, looks_binary, normalise_newlines

RU = (
    "Министр иностранных дел заявил во вторник, что переговоры с делегацией соседней страны "
    "прошли успешно и что стороны договорились встретиться снова через месяц."
)
UK = (
    "Міністр закордонних справ заявив у вівторок, що переговори пройшли успішно, "
    "а сторони домовилися про нову зустріч."
)
FR = (
    "Le ministre a déclaré mardi que les négociations s'étaient bien déroulées "
    "et qu'une réunion aurait lieu en été."
)
DE = "Der Außenminister sagte am Dienstag, die Gespräche über die Grenzübergänge seien gut verlaufen."
KO = "외교부 장관은 화요일 회담이 성공적이었다고 말했으며 양측은 다음 달 다시 만나기로 합의했다."


def test_utf8_is_taken_as_is() -> None:
    assert decode(RU.encode("utf-8")) == RU


def test_boms_are_honoured_and_dropped() -> None:
    assert decode(codecs.BOM_UTF8 + DE.encode("utf-8")) == DE
    assert decode(codecs.BOM_UTF16_LE + UK.encode("utf-16-le")) == UK
    assert decode(codecs.BOM_UTF16_BE + UK.encode("utf-16-be")) == UK
    assert decode(codecs.BOM_UTF32_LE + KO.encode("utf-32-le")) == KO
    assert decode(codecs.BOM_UTF32_BE + KO.encode("utf-32-be")) == KO


def test_utf16_without_bom() -> None:
    assert decode(DE.encode("utf-16-le")) == DE
    assert decode(RU.encode("utf-16-le")) == RU
    assert decode(RU.encode("utf-16-be")) == RU


def test_legacy_cyrillic_encodings() -> None:
    assert decode(RU.encode("cp1251")) == RU
    assert decode(RU.encode("koi8-r")) == RU
    assert decode(UK.encode("cp1251")) == UK


def test_western_and_korean_legacy_encodings() -> None:
    assert decode(FR.encode("cp1252")) == FR
    assert decode(DE.encode("latin-1")) == DE
    assert decode(KO.encode("cp949")) == KO
    assert decode(KO.encode("euc-kr")) == KO


def test_newlines_are_normalised() -> None:
    assert decode(b"one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"
    assert decode("a\u2028b\u2029c\x85d".encode()) == "a\nb\nc\nd"
    assert normalise_newlines("a\x0bb\x0cc") == "a\nb\nc"


def test_control_characters_are_dropped_but_tabs_kept() -> None:
    assert decode(b"The min\x00ister\x07 said\tyes\x1b.") == "The minister said\tyes."


def test_a_utf8_text_cut_inside_a_character_is_still_utf8() -> None:
    data = "Делегация прибыла в Москву".encode()[:-1]  # the last letter loses a byte
    assert decode(data) == "Делегация прибыла в Москв\ufffd"


def test_binary_signatures_are_binary() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert looks_binary(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert looks_binary(b"\x7fELF\x02\x01\x01" + bytes(50))
    assert looks_binary(b"PK\x03\x04" + bytes(50))


def test_random_bytes_are_binary() -> None:
    rng = random.Random(7)
    assert looks_binary(bytes(rng.randrange(256) for _ in range(4096)))


def test_text_in_any_encoding_is_not_binary() -> None:
    for data in (
        RU.encode("utf-8"),
        RU.encode("cp1251"),
        RU.encode("koi8-r"),
        RU.encode("utf-16-le"),
        codecs.BOM_UTF16_LE + UK.encode("utf-16-le"),
        KO.encode("cp949"),
        FR.encode("cp1252"),
        b"",
    ):
        assert not looks_binary(data), data[:20]


def test_a_few_stray_nul_bytes_do_not_make_text_binary() -> None:
    data = (DE + " ").encode() * 5 + b"\x00" + DE.encode()
    assert not looks_binary(data)
    assert "\x00" not in decode(data)


@given(st.binary(max_size=2000))
def test_decode_never_raises_and_leaves_no_carriage_returns_or_controls(data: bytes) -> None:
    text = decode(data)
    assert "\r" not in text
    assert not any(ord(c) < 32 and c not in "\t\n" for c in text)
    looks_binary(data)


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300))
def test_utf8_text_round_trips(text: str) -> None:
    if text.startswith("\ufeff"):
        text = text[1:]
    assert decode(text.encode("utf-8")) == normalise_newlines(text)
