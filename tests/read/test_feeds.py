"""RSS and Atom files: one document per entry; damaged feeds give what they can and a Problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from communique.read import read_paths
from communique.read.feeds import fragment_text
from communique.records import Document, Problem, content_id
from communique.when.iso import day

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://wire.example/</link>
<item><title>Talks in Riga</title><link>https://wire.example/riga</link>
<pubDate>Tue, 11 Mar 2025 00:30:00 +0200</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>The minister arrived in Riga.</p><p>Talks began at <b>noon</b>.</p>
<script>track()</script>]]></content:encoded></item>
<item><title>Plain summary</title><link>https://wire.example/plain</link>
<pubDate>Wed, 12 Mar 2025 08:00:00 GMT</pubDate>
<description>The envoy left Vilnius on Wednesday.</description></item>
<item><title>Empty</title><link>https://wire.example/empty</link><description>   </description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Example</title>
<entry><title>Sanctions</title><link href="https://atom.example/s"/><id>urn:1</id>
<updated>2025-03-21T23:10:00-05:00</updated>
<content type="html">&lt;p&gt;Japan imposed sanctions on Friday.&lt;/p&gt;</content></entry>
<entry><title>Text entry</title><link href="https://atom.example/t"/><id>urn:2</id>
<published>2025-03-22T06:00:00Z</published>
<summary type="text">Officials met in Tokyo.</summary></entry>
</feed>
"""


def test_rss_items_are_documents(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_paths([path]))
    first_text = "The minister arrived in Riga.\nTalks began at noon."
    assert items == [
        Document(
            id=content_id(first_text),
            text=first_text,
            title="Talks in Riga",
            url="https://wire.example/riga",
            outlet="Example Wire",
            # the day as the feed wrote it, not the UTC day before
            published=day(date(2025, 3, 11), "Tue, 11 Mar 2025 00:30:00 +0200"),
            path=str(path),
        ),
        Document(
            id=content_id("The envoy left Vilnius on Wednesday."),
            text="The envoy left Vilnius on Wednesday.",
            title="Plain summary",
            url="https://wire.example/plain",
            outlet="Example Wire",
            published=day(date(2025, 3, 12), "Wed, 12 Mar 2025 08:00:00 GMT"),
            path=str(path),
        ),
        Problem(str(path), "read", "feed entry has no text", "entry 3"),
    ]


def test_atom_entries_with_html_and_text_content(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    docs = list(read_paths([path]))
    assert [(d.text, d.url, d.outlet) for d in docs if isinstance(d, Document)] == [
        ("Japan imposed sanctions on Friday.", "https://atom.example/s", "Atom Example"),
        ("Officials met in Tokyo.", "https://atom.example/t", "Atom Example"),
    ]
    assert [d.published for d in docs if isinstance(d, Document)] == [
        day(date(2025, 3, 21), "2025-03-21T23:10:00-05:00"),
        day(date(2025, 3, 22), "2025-03-22T06:00:00Z"),
    ]


def test_a_truncated_feed_gives_its_complete_entries_and_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text(RSS[: RSS.index("<item><title>Empty")] + "<item><title>Cut off", encoding="utf-8")
    items = list(read_paths([path]))
    assert [d.title for d in items if isinstance(d, Document)] == ["Talks in Riga", "Plain summary"]
    last = items[-1]
    assert isinstance(last, Problem)
    assert last.message.startswith("feed is malformed (")
    assert last.message.endswith("); 3 entries recovered")


def test_something_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("this is not xml at all, just words < and & more", encoding="utf-8")
    [item] = read_paths([path])
    assert isinstance(item, Problem)
    assert item.message.startswith("not a readable feed: ")


def test_an_empty_but_valid_feed(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>X</title></channel></rss>')
    assert list(read_paths([path])) == [Problem(str(path), "read", "feed has no entries")]


def test_an_empty_feed_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.atom"
    path.write_bytes(b"")
    assert list(read_paths([path])) == [Problem(str(path), "read", "file is empty")]


def test_fragment_text_keeps_blocks_as_lines_and_drops_scripts() -> None:
    html = (
        "<div><h2>Title</h2><p>One <i>two</i>.</p><ul><li>a</li><li>b</li></ul><script>x()</script>tail</div>"
    )
    assert fragment_text(html) == "Title\nOne two.\na\nb\ntail"
    assert fragment_text("") == ""
    assert fragment_text("plain < text & more") == "plain < text & more"


def test_control_characters_in_an_entry_are_spaces_not_a_crash(tmp_path: Path) -> None:
    """Found by the fuzz run: lxml parses a vertical tab or a NUL in HTML but refuses it on any edit."""
    assert fragment_text("<p>Chile\x0bsigned</p><p>the\x00pact\ud800</p>") == "Chile signed\nthe pact"
    feed = tmp_path / "ctl.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title>'
        "<description>&lt;p&gt;Peru recalled its ambassador&#11; from Chile.&lt;/p&gt;</description>"
        "</item></channel></rss>", encoding="utf-8")
    doc, problem = list(read_paths([feed]))  # the entry, and a problem that says the feed is malformed
    assert isinstance(doc, Document) and doc.text == "Peru recalled its ambassador from Chile."
    assert isinstance(problem, Problem) and "malformed" in problem.message
