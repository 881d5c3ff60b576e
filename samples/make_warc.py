"""Writes samples/web/sample-crawl.warc.gz: two invented news pages as HTTP responses.

Run from the repository root with the dev extra installed (warcio):

    python samples/make_warc.py

The output is byte-for-byte reproducible: record ids and dates are fixed, and warcio writes
gzip members without a timestamp.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).parent / "web" / "sample-crawl.warc.gz"

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <title>{title} | {outlet}</title>
  <meta property="og:title" content="{title}">
  <meta property="og:site_name" content="{outlet}">
  <meta name="date" content="{published}">
</head>
<body>
  <nav><a href="/">{outlet}</a> <a href="/world">{nav}</a></nav>
  <article>
    <h1>{title}</h1>
{paragraphs}
  </article>
  <footer><p>© 2025 {outlet}</p></footer>
</body>
</html>
"""

# (url, capture time, lang, outlet, nav label, title, published, paragraphs)
PAGES = [
    (
        "https://atlantic-wire.example/2025/03/25/kazakhstan-aid-train-afghanistan",
        "2025-03-25T10:02:11Z",
        "en",
        "Atlantic Wire",
        "World",
        "Kazakhstan sends aid train to Afghanistan",
        "2025-03-25",
        [
            "ASTANA — Kazakhstan sent a train carrying 1,500 tonnes of flour, medicine and blankets to "
            "Afghanistan on Monday, the foreign ministry said.",
            "The train is expected to reach the border town of Hairatan within a week. The World Food "
            "Programme will distribute the goods to families in the northern provinces, according to "
            "the ministry.",
            "It is the third shipment of its kind since January.",
            "“Our neighbours are facing a hard spring, and we will not stand aside,” ministry spokesman "
            "Nurlan Abenov said. Further deliveries are planned for the summer.",
        ],
    ),
    (
        "https://baltic-chronicle.example/2025/03/27/kolbasna-otkaz",
        "2025-03-27T16:45:30Z",
        "ru",
        "Балтийская хроника",
        "В мире",
        "Москва отказалась вывозить боеприпасы из Колбасны",
        "2025-03-27",
        [
            "Россия отказалась выполнить требование Молдавии о вывозе боеприпасов со склада в Колбасне. "
            "Об этом в четверг говорится в заявлении МИД России.",
            "«Вопрос о складе не может решаться в одностороннем порядке», — подчёркивается в заявлении.",
            "В среду вице-премьер Молдавии Андрей Чобану потребовал от российской стороны начать вывоз "
            "боеприпасов и передал соответствующее обращение российскому послу.",
            "Кишинёв также обратился к ОБСЕ с просьбой направить на склад экспертов. По словам "
            "молдавских официальных лиц, аналогичный запрос, направленный в прошлом году, остался без "
            "ответа.",
        ],
    ),
]


def page_html(lang: str, outlet: str, nav: str, title: str, published: str, paragraphs: list[str]) -> bytes:
    """One invented news page as UTF-8 HTML."""
    body = "\n".join(f"    <p>{p}</p>" for p in paragraphs)
    return PAGE.format(
        lang=lang, outlet=outlet, nav=nav, title=title, published=published, paragraphs=body
    ).encode("utf-8")


def main() -> None:
    """Write the WARC file."""
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for n, (url, captured, lang, outlet, nav, title, published, paragraphs) in enumerate(PAGES, 1):
            payload = page_html(lang, outlet, nav, title, published, paragraphs)
            http = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(payload),
                http_headers=http,
                warc_headers_dict={
                    "WARC-Date": captured,
                    "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-00000000000{n}>",
                },
            )
            writer.write_record(record)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
