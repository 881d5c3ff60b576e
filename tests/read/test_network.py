"""No reader ever opens a socket: every reader runs here with the network switched off."""

from __future__ import annotations

import importlib
import socket
from pathlib import Path
from typing import Any

import pytest

from communique.options import SUPPORTED_LANGS
from communique.prepare import prepare
from communique.read import read_paths
from communique.records import Document

from .warcs import Rec, page, write_warc

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every attempt to open a socket or resolve a name is recorded and refused."""
    # Imported first: urllib3 (under trafilatura) probes for IPv6 support at import time by
    # binding a socket to ::1. That is no fetch; what matters is what reading does.
    for module in (
        "trafilatura",
        "trafilatura.downloads",
        "htmldate",
        "feedparser",
        "fastwarc.warc",
        "lingua",
    ):
        importlib.import_module(module)
    attempts: list[str] = []

    def refuse(what: str) -> Any:
        def refused(*args: object, **kwargs: object) -> Any:
            attempts.append(f"{what}{args!r}")
            raise OSError(f"network disabled in tests: {what}")

        return refused

    class RefusedSocket(socket.socket):  # still a class: libraries use socket.socket in annotations
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            refuse("socket")(*args, **kwargs)

    monkeypatch.setattr(socket, "socket", RefusedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_no_reader_touches_the_network(tmp_path: Path, no_network: list[str]) -> None:
    # Strings that a library could take for an address to fetch.
    (tmp_path / "url.html").write_text("https://example.com/2025/03/01/story.html")
    (tmp_path / "url.txt").write_text("http://example.com/feed.rss")
    (tmp_path / "url.rss").write_text("https://example.com/feed.rss")
    (tmp_path / "links.html").write_text(
        '<html><head><title>Links</title><link rel="canonical" href="https://example.com/2025/03/02/x">'
        '<meta property="og:url" content="https://example.com/2025/03/02/x">'
        '<script src="https://cdn.example.com/x.js"></script></head><body><article>'
        '<img src="https://example.com/a.jpg"><p>The minister arrived in Riga on Monday for talks about the '
        'border. <a href="https://example.com/more">More</a> They went well, officials said.</p>'
        "</article><iframe src='https://example.com/frame'></iframe></body></html>"
    )
    (tmp_path / "dtd.rss").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://example.com/rss.dtd" '
        '[<!ENTITY ext SYSTEM "http://example.com/entity.txt">]>\n'
        '<rss version="2.0"><channel><title>T</title><item><title>&ext;</title>'
        "<link>https://example.com/i</link><description>The envoy left Vilnius on Wednesday.</description>"
        "</item></channel></rss>"
    )
    write_warc(
        tmp_path / "c.warc.gz", [Rec("https://example.com/2025/03/03/p", page("P", "Words here. More."))]
    )
    (tmp_path / "m.jsonl").write_text('{"path": "links.html", "url": "https://example.com/y"}\n')

    items = list(read_paths([SAMPLES / "manifest.jsonl", SAMPLES / "web", tmp_path]))
    docs = [prepare(d, SUPPORTED_LANGS) for d in items if isinstance(d, Document)]
    assert no_network == []
    assert len(docs) >= 20  # the samples and the pages above were read, not skipped
    assert any(d.text.startswith("The envoy left Vilnius") for d in docs)


def test_the_guard_itself_works(no_network: list[str]) -> None:
    with pytest.raises(OSError, match="network disabled"):
        socket.create_connection(("example.com", 80))
    assert len(no_network) == 1
