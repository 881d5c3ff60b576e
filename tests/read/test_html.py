"""HTML pages: main text, title and date through trafilatura/htmldate; bad pages become Problems."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from communique.read import read_paths
from communique.read.html import html_document
from communique.records import Document, Problem, content_id
from communique.when.iso import day

ARTICLE = (
    "The minister arrived in Riga on Monday for two days of talks with Latvian officials about security.",
    "He met the prime minister and the foreign minister before leaving for Vilnius on Wednesday morning.",
)

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Minister visits Riga | Example Times</title>
<meta property="og:title" content="Minister visits Riga">
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2025-03-10T09:00:00+02:00">
<link rel="canonical" href="https://times.example/world/minister-visits-riga">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li>Subscribe</li></ul></nav>
<div class="cookies">We use cookies. <button>Accept all cookies</button></div>
<article><h1>Minister visits Riga</h1>
<div class="share">Share this article on Facebook</div>
<p>{ARTICLE[0]}</p><p>{ARTICLE[1]}</p>
<aside><h2>Read more</h2><ul><li><a href="/a">Another story about something else</a></li></ul></aside>
</article>
<footer>© 2025 Example Times. All rights reserved.</footer>
</body></html>"""


def test_a_news_page(tmp_path: Path) -> None:
    path = tmp_path / "riga.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = read_paths([path])
    text = "\n".join(("Minister visits Riga", *ARTICLE))  # the headline, not the share bar
    assert doc == Document(
        id=content_id(text),
        text=text,
        title="Minister visits Riga",
        url="https://times.example/world/minister-visits-riga",
        outlet="Example Times",
        published=day(date(2025, 3, 10), "2025-03-10"),
        path=str(path),
    )


def test_a_legacy_encoded_page_declared_in_its_meta() -> None:
    html = (
        '<html><head><meta charset="windows-1251"><title>Визит</title></head><body><article>'
        "<p>Министр иностранных дел прибыл в Минск во вторник для переговоров о границе.</p>"
        "</article></body></html>"
    ).encode("cp1251")
    doc = html_document(html, "page.htm")
    assert isinstance(doc, Document)
    assert doc.text == "Министр иностранных дел прибыл в Минск во вторник для переговоров о границе."
    assert doc.title == "Визит"


def test_broken_html_still_gives_its_text() -> None:
    html = (
        b"<html><head><title>Broken page</title><body><div><p>"
        + ARTICLE[0].encode()
        + b"<p>He met the prime "
        b"minister <b>and the foreign minister</div></span></p> before leaving.<table><tr><td>unclosed"
    )
    doc = html_document(html, "broken.html")
    assert isinstance(doc, Document)
    assert doc.text.startswith(ARTICLE[0] + "\n")
    assert doc.title == "Broken page"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"<html><head><title>Nothing</title><script>var x = 1;</script></head><body><nav>"
            b"<a href=/>Home</a> <a href=/about>About</a></nav><footer>(c) 2025</footer></body></html>",
            "no article text found in the HTML",
        ),
        (b"<html><body><p>Short.</p></body></html>", "no article text found in the HTML"),
        (b"https://example.com/news/2025/03/01/story", "not parseable as HTML"),
        (b"<<<>>><</>< <p <div>>>", "not parseable as HTML"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary data, not HTML"),
    ],
)
def test_pages_without_an_article_are_problems(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    assert list(read_paths([path])) == [Problem(str(path), "read", message)]


def test_a_copyright_year_is_not_a_publication_date() -> None:
    html = f"<html><head><title>T</title></head><body><article><p>{ARTICLE[0]}</p></article>"
    html += "<footer>(c) 2025</footer></body></html>"
    doc = html_document(html.encode(), "x.html")
    assert isinstance(doc, Document)
    assert doc.published is None


def test_a_fallback_date_is_used_when_the_page_has_none() -> None:
    html = f"<html><head><title>T</title></head><body><article><p>{ARTICLE[0]}</p></article></body></html>"
    fallback = day(date(2025, 3, 20), "2025-03-20T10:00:00Z")
    doc = html_document(html.encode(), "x.html", fallback_date=fallback)
    assert isinstance(doc, Document)
    assert doc.published == fallback
