"""Hostile inputs for the fuzz harness: generators of malformed files and pathological texts.

Each generator takes a random.Random (or Hypothesis draws) and returns bytes or text made to
break one kind of reader or matcher: broken markup, truncated archives, lying headers, mixed
encodings, huge single lines, deep nesting, inputs that make naive regular expressions
backtrack. All of it is written here; nothing comes from outside.
"""

from __future__ import annotations

import gzip
import json
import random

SENTENCE = "Canada imposed sanctions on Poland on Monday. Japanese President Kenji Arata met officials in Oslo. "
RU = "Правительство Литвы ввело санкции против Польши во вторник. "
DE = "Polen verhängte am Montag Sanktionen gegen Litauen. "


def _noise(rng: random.Random, n: int) -> bytes:
    return bytes(rng.getrandbits(8) for _ in range(n))


def _mutate(rng: random.Random, data: bytes, edits: int = 8) -> bytes:
    """Flip, drop, duplicate and splice bytes at random places."""
    b = bytearray(data)
    for _ in range(edits):
        if not b:
            break
        i = rng.randrange(len(b))
        op = rng.randrange(4)
        if op == 0:
            b[i] = rng.getrandbits(8)
        elif op == 1:
            del b[i:i + rng.randint(1, 40)]
        elif op == 2:
            b[i:i] = b[i:i + rng.randint(1, 60)]
        else:
            b[i:i] = _noise(rng, rng.randint(1, 20))
    return bytes(b)


def html(rng: random.Random) -> bytes:
    """HTML: unclosed and misnested tags, deep nesting, broken entities, scripts, odd charsets."""
    kind = rng.randrange(8)
    body = (SENTENCE * rng.randint(1, 4)).encode()
    if kind == 0:  # deeply nested markup
        depth = rng.choice([500, 5_000, 50_000])
        tag = rng.choice([b"div", b"b", b"span", b"table"])
        return b"<html><body>" + (b"<" + tag + b">") * depth + body + b"</body></html>"
    if kind == 1:  # unclosed everything
        return b"<html><head><title>" + body + b"<body><p>" + body + b"<div><p><b><i>" + body
    if kind == 2:  # entity soup and broken numeric references
        return b"<html><body><p>" + b"&amp;&#x110000;&#99999999999;&#;&nbsp&lt;<&>" * rng.randint(1, 2000) + body
    if kind == 3:  # a charset that lies
        return b'<html><head><meta charset="utf-16"></head><body><p>' + RU.encode("cp1251") + body
    if kind == 4:  # script and comment that never end
        return b"<html><body><script>var x = '" + body * 50 + b"<!-- " + body
    if kind == 5:  # a huge attribute and many attributes
        return b'<html><body><p class="' + b"x" * 2_000_000 + b'" ' + b"a=1 " * 10_000 + b">" + body
    if kind == 6:
        return _mutate(rng, b"<!doctype html><html><head><meta charset=utf-8><title>T</title></head><body><article><p>"
                       + body + b"</p></article></body></html>", rng.randint(1, 30))
    return b"<html>" + _noise(rng, rng.randint(0, 3000)) + b"</html>"


def feed(rng: random.Random) -> bytes:
    """RSS and Atom: broken XML, entity expansion, items without text, hostile dates."""
    item = ("<item><title>Sanctions</title><description>" + SENTENCE + "</description>"
            "<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item>").encode()
    kind = rng.randrange(7)
    if kind == 0:  # billion laughs: entities that expand to gigabytes if a parser lets them
        lol = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"ha" * 50 + b'">'
               + b"".join(b'<!ENTITY %c "' % (98 + k) + (b"&%c;" % (97 + k)) * 10 + b'">' for k in range(9))
               + b']><rss><channel><item><description>&j;</description></item></channel></rss>')
        return lol
    if kind == 1:  # external entity (must never be fetched or read)
        return (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b"<rss><channel><item><description>&x;</description></item></channel></rss>")
    if kind == 2:  # truncated
        whole = b"<?xml version='1.0'?><rss version='2.0'><channel>" + item * 5 + b"</channel></rss>"
        return whole[: rng.randrange(len(whole))]
    if kind == 3:  # hostile dates and empty items
        return (b"<rss><channel>" + b"<item><pubDate>Mon, 99 Foo 99999 99:99:99 +9999</pubDate></item>" * 50
                + b"<item><description></description></item>" + item + b"</channel></rss>")
    if kind == 4:  # deeply nested elements
        return b"<rss><channel><item><description>" + b"<x>" * 20_000 + SENTENCE.encode() + b"</description></item>"
    if kind == 5:
        return _mutate(rng, b"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                       b"<entry><title>T</title><content type='html'>&lt;p&gt;" + SENTENCE.encode()
                       + b"&lt;/p&gt;</content></entry></feed>", rng.randint(1, 30))
    return b"<?xml version='1.0'?><rss><channel>" + _noise(rng, rng.randint(0, 2000))


def _warc_record(body: bytes, length: int | None = None, rtype: bytes = b"response") -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    n = len(http) if length is None else length
    return (b"WARC/1.1\r\nWARC-Type: " + rtype + b"\r\nWARC-Target-URI: https://news.example/a\r\n"
            b"WARC-Date: 2025-03-03T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: " + str(n).encode()
            + b"\r\n\r\n" + http + b"\r\n\r\n")


def warc(rng: random.Random) -> bytes:
    """WARC: lying lengths, truncation, bogus headers, garbage between records, broken gzip members."""
    page = b"<html><body><p>" + (SENTENCE * 3).encode() + b"</p></body></html>"
    kind = rng.randrange(7)
    if kind == 0:  # Content-Length larger than the file
        return _warc_record(page, 10**12)
    if kind == 1:  # negative and non-numeric lengths
        return _warc_record(page).replace(b"Content-Length: ", b"Content-Length: -") + _warc_record(page, None)
    if kind == 2:  # truncated mid-record
        whole = _warc_record(page) * 3
        return whole[: rng.randrange(len(whole))]
    if kind == 3:  # garbage between records
        return _warc_record(page) + _noise(rng, rng.randint(1, 500)) + _warc_record(page)
    if kind == 4:  # gzip members, one of them damaged
        good = gzip.compress(_warc_record(page))
        bad = bytearray(gzip.compress(_warc_record(page)))
        bad[len(bad) // 2] ^= 0xFF
        return good + bytes(bad) + good
    if kind == 5:
        return _mutate(rng, _warc_record(page) * 2, rng.randint(1, 20))
    return b"WARC/1.1\r\n" + _noise(rng, rng.randint(0, 2000))


def manifest(rng: random.Random) -> bytes:
    """JSON lines: broken JSON, wrong types, huge and nested values, paths that lead nowhere."""
    lines = [
        json.dumps({"text": SENTENCE, "published": "2025-03-03"}),
        "{not json",
        json.dumps({"text": 12345}),
        json.dumps({"text": ["a", "list"], "published": {"a": 1}}),
        json.dumps({"path": "/nonexistent/file.txt"}),
        json.dumps({"path": "../../../../etc/shadow"}),
        json.dumps({"text": SENTENCE, "published": "2025-13-45", "lang": "xx-YY"}),
        json.dumps({"text": RU, "lang": 7}),
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"text": "x" * rng.randint(0, 100)}),
        "\x00\x01\x02",
        json.dumps("just a string"),
        "",
        json.dumps({"text": DE * 10, "url": "javascript:alert(1)", "published": "1.1.1"}),
    ]
    rng.shuffle(lines)
    data = "\n".join(lines[: rng.randint(1, len(lines))]).encode("utf-8", "surrogatepass")
    return _mutate(rng, data, rng.randint(0, 5)) if rng.random() < 0.3 else data


def mixed_encoding(rng: random.Random) -> bytes:
    """Text in several encodings at once, BOMs that lie, UTF-16 without a BOM, lone surrogates."""
    parts = [SENTENCE.encode("utf-8"), RU.encode("cp1251"), RU.encode("koi8-r"), DE.encode("latin-1"),
             RU.encode("utf-16-le"), b"\xef\xbb\xbf", b"\xff\xfe", b"\xed\xa0\x80",
             "\ud800".encode("utf-8", "surrogatepass"),
             "한국어 문장입니다. ".encode("euc-kr"), DE.encode("utf-8")]
    return b"".join(rng.choice(parts) for _ in range(rng.randint(1, 12)))


def long_line(rng: random.Random) -> bytes:
    """A text of about 10 MB on one line (no newline, few sentence ends)."""
    unit = rng.choice([SENTENCE.replace(". ", ", "), "word ", "A" * 1000 + " ", RU.replace(". ", "; ")])
    return (unit * (10 * 1024 * 1024 // len(unit.encode()))).encode()[: 10 * 1024 * 1024 - 10]


# Texts made to make naive patterns backtrack or blow up: runs that almost match dates, names,
# titles, abbreviations and sentence ends.
PATHOLOGICAL = [
    "1" * 100_000,
    "1. " * 30_000,
    "1.1.1." * 20_000,
    "2025-" * 20_000,
    ("Mr. " * 10_000) + "Smith met Poland.",
    ("A. " * 20_000),
    "a" * 200_000,
    "-" * 100_000,
    "Jong-" * 20_000 + "un",
    "(" * 50_000 + "Canada" + ")" * 50_000,
    "\"" * 50_000,
    "Poland " * 30_000,
    "the Polish Foreign Minister " * 5_000,
    "on Monday " * 20_000,
    "am 3. März " * 10_000,
    "в понедельник " * 10_000,
    "ввело санкции " * 10_000,
    "met met met " * 10_000,
    "\u200b" * 100_000,
    "\n" * 100_000,
    ". " * 100_000,
    "x" * 20 + "\u0301" * 50_000,
    "Ł" * 50_000,
    "\ud800\udfff" * 1000,
]
