"""Page chrome off the edges of a text, article sentences left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communique.errors import PackError
from communique.prepare import clean as clean_module
from communique.prepare.clean import clean

LEDE = "The minister said on Tuesday that talks would resume in May."


def test_comment_counters_at_either_end_are_removed() -> None:
    assert clean(f"Comments (12)\n{LEDE}\n12 Comments", "en") == LEDE
    assert clean(f"Kommentare\n{LEDE}\nKommentare: 3", "de") == LEDE
    assert clean(f"Комментарии\n{LEDE}", "ru") == LEDE
    assert clean(f"Comentarios\n{LEDE}", "es") == LEDE
    assert clean(f"{LEDE}\nCommentaires", "fr") == LEDE
    assert clean(f"Коментарі\n{LEDE}", "uk") == LEDE


def test_a_chrome_word_glued_to_the_first_word_is_removed() -> None:
    assert clean("CommentsThe minister said so.\nHe left.", "en") == "The minister said so.\nHe left."
    assert clean("KommentareDer Minister sagte das.", "de") == "Der Minister sagte das."
    assert clean("КомментарииМинистр прибыл во вторник.", "ru") == "Министр прибыл во вторник."


def test_an_article_word_starting_like_chrome_survives() -> None:
    text = (
        "Comments by the minister angered Moscow.\nShare prices fell.\nCookies were served at the reception."
    )
    assert clean(text, "en") == text
    assert clean("Commentsare invalid here.", "en") == "Commentsare invalid here."


def test_trailing_share_subscribe_cookie_and_read_more_lines() -> None:
    text = "\n".join(
        [
            LEDE,
            "He left.",
            "Share this article",
            "Facebook | X | Email",
            "Read more: Germany and Kazakhstan agree on raw materials",
            "Subscribe to our newsletter",
            "We use cookies to improve your experience. Accept all cookies",
            "© 2025 Northern Ledger. All rights reserved.",
        ]
    )
    assert clean(text, "en") == f"{LEDE}\nHe left."


def test_german_and_russian_tails() -> None:
    assert (
        clean("Der Minister reiste ab.\nLesen Sie auch: Anderes\nArtikel teilen", "de")
        == "Der Minister reiste ab."
    )
    assert (
        clean("Министр уехал.\nЧитайте также: другое\nПодписывайтесь на наш канал", "ru") == "Министр уехал."
    )


def test_a_chrome_line_in_the_middle_is_kept() -> None:
    text = f"{LEDE}\nShare this article\nThe talks ended."
    assert clean(text, "en") == text


def test_author_lines_are_removed() -> None:
    text = "\n".join(
        [
            "By Anna Weber, diplomatic correspondent",
            LEDE,
            "Anna Weber is a senior correspondent for the Northern Ledger based in Astana.",
        ]
    )
    assert clean(text, "en") == LEDE
    assert clean(f"{LEDE}\nJohn Smith, Moscow correspondent", "en") == LEDE
    assert clean(f"Von Anna Weber, Berlin\n{LEDE}", "de") == LEDE
    assert clean(f"{LEDE}\nAnna Weber ist Korrespondentin in Astana.", "de") == LEDE
    assert clean(f"{LEDE}\nИван Петров, корреспондент в Минске", "ru") == LEDE
    assert clean(f"{LEDE}\n홍길동 기자 hong@example.com", "ko") == LEDE


def test_ledes_that_start_with_a_name_and_a_title_survive() -> None:
    for text in (
        "Foreign Minister Anna Weber said on Tuesday the talks were useful.",
        "Anna Weber, the foreign minister, arrived in Berlin on Tuesday.",
        "John Smith, a correspondent, was expelled from Moscow on Tuesday.",
        "Anna Weber, an editor at the paper, said the report was accurate.",
        "By Tuesday, the talks had collapsed.",
        "Von Berlin aus reiste der Minister weiter nach Warschau.",
        "Иван Петров, корреспондент агентства, был задержан в Минске во вторник.",
    ):
        assert (
            clean(text + "\nThe talks ended.", "en" if text.isascii() else "ru")
            == text + "\nThe talks ended."
        )
        assert clean("The talks began.\n" + text, "de") == "The talks began.\n" + text


def test_korean_wire_prefix_is_removed() -> None:
    assert (
        clean("(서울=뉴스) 홍길동 기자 = 외교부 장관은 화요일 회담을 했다.", "ko")
        == "외교부 장관은 화요일 회담을 했다."
    )


def test_whitespace_is_normalised_per_line_and_blank_lines_dropped() -> None:
    assert (
        clean("  The  minister\u00a0said\tso. \n\n\n  He left.  ", None) == "The minister said so.\nHe left."
    )


def test_no_more_than_eight_lines_go_from_an_end() -> None:
    text = "\n".join(["Comments"] * 10 + [LEDE])
    assert clean(text, "en") == "Comments\nComments\n" + LEDE


def test_a_bad_marker_file_is_a_pack_error(monkeypatch: pytest.MonkeyPatch) -> None:
    clean_module.markers.cache_clear()
    monkeypatch.setattr(clean_module, "read_yaml", lambda code, name: {"tail_lines": ["(unclosed"]})
    try:
        with pytest.raises(PackError, match="bad pattern"):
            clean_module.markers("en")
        monkeypatch.setattr(clean_module, "read_yaml", lambda code, name: {"edge_words": [True]})
        with pytest.raises(PackError, match="list of strings"):
            clean_module.markers("de")
    finally:
        clean_module.markers.cache_clear()


@given(st.text(max_size=500), st.sampled_from(["en", "de", "ru", "uk", "fr", "es", "ko", None]))
def test_clean_never_raises_and_only_removes(text: str, lang: str | None) -> None:
    out = clean(text, lang)
    assert "\n\n" not in out
    assert out == out.strip()
    assert len(out) <= len(text)
