"""Bytes to text: byte-order marks, UTF-8 first, then charset-normalizer; never raises.

Binary input is signalled separately by looks_binary(): a reader asks it before decoding,
so that decode() can stay total (every byte string gives some text) and a PNG is reported
as a Problem instead of being stored as mojibake.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# Checked longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of formats that are certainly not text (images, archives, documents, executables).
_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"\x28\xb5\x2f\xfd",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",
    b"RIFF",
    b"OggS",
    b"\x00\x00\x01\x00",
    b"wOFF",
    b"SQLite format 3\x00",
)

SNIFF_BYTES = 8192  # enough of a file to judge it
_DETECT_BYTES = 65536  # charset-normalizer is slow on big inputs; its guess from the head is as good

# C0 controls except tab and newline, DEL, C1 controls, and the non-characters U+FFFE/U+FFFF.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Every line separator a file may use, including the Unicode ones, becomes "\n".
_NEWLINE = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL_BYTES = frozenset([*range(0, 9), 11, *range(14, 27), *range(28, 32), 127])


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec when data looks like BOM-less UTF-16 text, else None.

    In UTF-16 text one byte of each pair (the high byte) takes very few values: 0x00 for
    Latin, 0x04 for Cyrillic and so on. We check that, then that the bytes decode strictly.
    """
    sample = data[: SNIFF_BYTES & ~1]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if len(set(high)) <= 4 and high.count(b"\x00") + high.count(b"\x04") >= 0.6 * len(high):
            if len(set(low)) <= 4:  # both halves constant: some binary table, not text
                continue
            try:
                text = sample.decode(codec)
            except UnicodeDecodeError:
                continue
            if _control_ratio(text) < 0.05:
                return codec
    return None


def _control_ratio(text: str) -> float:
    """The share of characters that no text contains: controls and replacement characters."""
    if not text:
        return 0.0
    bad = len(_CONTROL.findall(text)) + text.count("\ufffd")
    return bad / len(text)


def _codec(data: bytes) -> str:
    """The codec for these bytes: BOM, BOM-less UTF-16, UTF-8 if it decodes, else detected."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec + ("-sig" if codec == "utf-8" else "")
    # Before UTF-8: BOM-less UTF-16 of Cyrillic or Latin text is also valid UTF-8 (of controls).
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # Text cut in the middle of a character (a capped read) is still UTF-8.
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    best = charset_normalizer.from_bytes(data[:_DETECT_BYTES]).best()
    if best is None:
        return "cp1252"
    return best.encoding


def normalise_newlines(text: str) -> str:
    """Every line break as "\\n" and control characters other than tab and newline removed."""
    return _CONTROL.sub("", _NEWLINE.sub("\n", text))


def decode(data: bytes) -> str:
    """Text from bytes in any common encoding, newlines as "\\n", control characters dropped."""
    codec = _codec(data)
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        for bom, _ in _BOMS:
            if data.startswith(bom):
                data = data[len(bom) :]
                break
    try:
        text = data.decode(codec, errors="replace")
    except LookupError:  # a codec name Python does not know: fall back to the web's default
        text = data.decode("cp1252", errors="replace")
    return normalise_newlines(text.removeprefix("\ufeff"))


def looks_binary(data: bytes) -> bool:
    """True when the bytes are not text in any encoding: a known binary signature or many control bytes."""
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(head) is not None:
        return False
    if any(head.startswith(magic) for magic in _MAGIC):
        return True
    controls = sum(1 for b in head if b in _CONTROL_BYTES)
    if controls > 0.05 * len(head):
        return True
    return _control_ratio(decode(head)) > 0.1
